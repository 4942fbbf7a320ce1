// Reading processes and system figures through procfs, the way ps, top, free and uptime do
// (BusyBox libbb/procps.c procps_scan(); procps-ng proc/readproc.c, proc/sysinfo.c): nothing here
// looks at the process table directly, so a reader sees exactly what /proc shows it.

import type { ProgramContext } from "../../kernel/program.js";

/** The fields of /proc/<pid>/stat that the tools use (proc(5) numbering in comments). */
export interface ProcStat {
  pid: number;
  comm: string; // (2)
  state: string; // (3)
  ppid: number; // (4)
  pgrp: number; // (5)
  session: number; // (6)
  ttyNr: number; // (7)
  tpgid: number; // (8)
  utime: number; // (14) clock ticks
  stime: number; // (15)
  priority: number; // (18)
  nice: number; // (19)
  nlwp: number; // (20)
  startTime: number; // (22) ticks after boot
  vsize: number; // (23) bytes
  rss: number; // (24) pages
}

/** sysconf(_SC_CLK_TCK) on Linux. */
export const HZ = 100;
export const PAGE_KB = 4;

async function readOrUndefined(ctx: ProgramContext, path: string): Promise<string | undefined> {
  try {
    return await ctx.sys.readFile(path);
  } catch {
    return undefined;
  }
}

/** The numeric entries of /proc, in readdir order (ascending pids). */
export function listPids(ctx: ProgramContext): number[] {
  try {
    return ctx.sys.readdir("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return [];
  }
}

/** Parses /proc/<pid>/stat: the comm is everything between the first "(" and the last ")". */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const f = text.slice(close + 2).trim().split(/\s+/);
  if (f.length < 22) return undefined;
  const n = (i: number) => Number(f[i - 3]);
  return {
    pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), state: f[0]!,
    ppid: n(4), pgrp: n(5), session: n(6), ttyNr: n(7), tpgid: n(8), utime: n(14), stime: n(15),
    priority: n(18), nice: n(19), nlwp: n(20), startTime: n(22), vsize: n(23), rss: n(24),
  };
}

export async function readStat(ctx: ProgramContext, pid: number): Promise<ProcStat | undefined> {
  const text = await readOrUndefined(ctx, `/proc/${pid}/stat`);
  return text === undefined ? undefined : parseStat(text);
}

/** /proc/<pid>/status as key → value (the text after the tab). */
export async function readStatus(ctx: ProgramContext, pid: number): Promise<Map<string, string> | undefined> {
  const text = await readOrUndefined(ctx, `/proc/${pid}/status`);
  if (text === undefined) return undefined;
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) map.set(line.slice(0, at), line.slice(at + 1).replace(/^\s+/, ""));
  }
  return map;
}

/** /proc/<pid>/cmdline as read: NUL-separated, "" for a zombie or kernel thread. */
export async function readCmdline(ctx: ProgramContext, pid: number): Promise<string | undefined> {
  return readOrUndefined(ctx, `/proc/${pid}/cmdline`);
}

/** /proc/uptime: seconds since boot (the first number). */
export async function readUptime(ctx: ProgramContext): Promise<number> {
  const text = await readOrUndefined(ctx, "/proc/uptime");
  return text === undefined ? 0 : Number(text.split(" ")[0]);
}

/** /proc/meminfo in kB, by key. */
export async function readMeminfo(ctx: ProgramContext): Promise<Map<string, number>> {
  const text = (await readOrUndefined(ctx, "/proc/meminfo")) ?? "";
  const map = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([^:]+):\s+(\d+)/.exec(line);
    if (m) map.set(m[1]!, Number(m[2]));
  }
  return map;
}

/** /proc/loadavg: the three load averages as printed. */
export async function readLoadavg(ctx: ProgramContext): Promise<string[]> {
  const text = (await readOrUndefined(ctx, "/proc/loadavg")) ?? "0.00 0.00 0.00";
  return text.split(" ").slice(0, 3);
}

/** kernel.pid_max, for procps's PID column width (proc/sysinfo.c get_pid_digits()). */
export async function pidDigits(ctx: ProgramContext): Promise<number> {
  const text = await readOrUndefined(ctx, "/proc/sys/kernel/pid_max");
  const max = Number((text ?? "").trim());
  if (!Number.isInteger(max) || max < 42) return 5;
  return String(max - 1).length;
}

/** Major and minor of a tty_nr as /proc/<pid>/stat encodes it (new_encode_dev). */
export const ttyMajor = (ttyNr: number) => (ttyNr >> 8) & 0xfff;
export const ttyMinor = (ttyNr: number) => (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);

/** procps dev_to_tty() with ABBREV_DEV: the name under /dev, "?" without a terminal. */
export function ttyName(ttyNr: number): string {
  if (ttyNr === 0) return "?";
  const major = ttyMajor(ttyNr);
  const minor = ttyMinor(ttyNr);
  if (major >= 136 && major <= 143) return `pts/${minor + (major - 136) * 256}`;
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  if (major === 5 && minor === 1) return "console";
  return "?";
}

/** The terminal a program's fd is, as its name under /dev ("pts/0"), or undefined. */
export function fdTtyName(ctx: ProgramContext, fd: 0 | 1 | 2): string | undefined {
  const f = fd === 0 ? ctx.stdin : fd === 1 ? ctx.stdout : ctx.stderr;
  return f.tty?.name;
}

/**
 * sysinfo(2) as the kernel fills it (kernel/sys.c do_sysinfo(), mm si_meminfo()), read back
 * through the same counters procfs prints: uptime rounded up to whole seconds, memory in bytes
 * (mem_unit 1), the load averages as /proc/loadavg shows them.
 */
export interface SysInfo {
  uptime: number;
  loads: string[];
  totalram: number;
  freeram: number;
  sharedram: number;
  bufferram: number;
  totalswap: number;
  freeswap: number;
}

export async function sysinfo(ctx: ProgramContext): Promise<SysInfo> {
  const mem = await readMeminfo(ctx);
  const kb = (k: string) => (mem.get(k) ?? 0) * 1024;
  return {
    uptime: Math.ceil(await readUptime(ctx)), loads: await readLoadavg(ctx),
    totalram: kb("MemTotal"), freeram: kb("MemFree"), sharedram: kb("Shmem"), bufferram: kb("Buffers"),
    totalswap: kb("SwapTotal"), freeswap: kb("SwapFree"),
  };
}

/** "a.b.c" version comparison for build-dependent output. */
export function versionAtLeast(version: string, ...want: number[]): boolean {
  const have = version.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i]!;
  }
  return true;
}
