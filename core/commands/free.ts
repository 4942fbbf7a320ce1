// free (BusyBox procps/free.c free_main(); procps-ng free.c with proc/sysinfo.c meminfo()).
// BusyBox reads sysinfo(2) plus Cached (and MemAvailable from 1.30) from /proc/meminfo;
// procps reads /proc/meminfo. The layout follows the build: BusyBox before 1.30 prints
// buffers/cached and a "-/+ buffers/cache" line, later builds buff/cache and available.

import type { ProgramContext } from "../kernel/program.js";
import { applet, isBusybox, out, usage } from "./lib/cmd.js";
import { readMeminfo, sysinfo, versionAtLeast } from "./lib/sys-proc.js";
import type { Command, UsageText } from "./types.js";

const r = (width: number, v: string | number) => String(v).padStart(width);

/** libbb make_human_readable_str(val, 1, 0): "7.7G", "79.4M", "0". */
export function humanReadable(val: number): string {
  if (val === 0) return "0";
  const units = ["", "K", "M", "G", "T", "P", "E"];
  let u = 0;
  let frac = 0;
  while (val >= 1024) {
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
    u++;
  }
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return u === 0 ? String(val) : `${val}.${frac}${units[u]}`;
}

/** BusyBox's help text: -h and a shorter description from 1.34. */
function busyboxUsage(ctx: ProgramContext): UsageText {
  const human = versionAtLeast(ctx.exe.version, 1, 34);
  return { trivial: human ? "[-bkmgh]" : "[-b/k/m/g]", full: human ? "Display free and used memory" : "Display the amount of free and used system memory" };
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const human = versionAtLeast(ctx.exe.version, 1, 34);
  const u = busyboxUsage(ctx);
  let shift: number | "human" = 10;
  const a = ctx.argv[1];
  if (a !== undefined && a.startsWith("-")) {
    const steps: Record<string, number | "human"> = { b: 0, k: 10, m: 20, g: 30, ...(human ? { h: "human" as const } : {}) };
    const s = steps[a[1] ?? ""];
    if (s === undefined) return usage(ctx, u.trivial, u.full);
    shift = s;
  }
  const info = await sysinfo(ctx);
  const mem = await readMeminfo(ctx);
  // Before 1.34 a shift (floor); from 1.34 make_human_readable_str(), which rounds to the unit.
  const scale = (bytes: number): string | number =>
    shift === "human" ? humanReadable(bytes) : human ? Math.floor((bytes + 2 ** shift / 2) / 2 ** shift) : Math.floor(bytes / 2 ** shift);
  let cached = (mem.get("Cached") ?? 0) * 1024;
  if (!versionAtLeast(ctx.exe.version, 1, 30)) {
    const row = (cells: number[]) => cells.map((c) => r(11, scale(c))).join("");
    let text = `       ${["total", "used", "free", "shared", "buffers", "cached"].map((h) => r(11, h)).join("")}\n`;
    text += `Mem:   ${row([info.totalram, info.totalram - info.freeram, info.freeram, info.sharedram, info.bufferram, cached])}\n`;
    const freeish = cached + info.freeram + info.bufferram;
    text += `-/+ buffers/cache:${row([info.totalram - freeish, freeish])}\n`;
    text += `Swap:  ${row([info.totalswap, info.totalswap - info.freeswap, info.freeswap])}\n`;
    await out(ctx, text);
    return 0;
  }
  if (versionAtLeast(ctx.exe.version, 1, 32)) cached += (mem.get("SReclaimable") ?? 0) * 1024;
  cached += info.bufferram;
  const available = (mem.get("MemAvailable") ?? 0) * 1024;
  const row = (cells: number[]) => cells.map((c, i) => (i === 0 ? r(12, scale(c)) : ` ${r(11, scale(c))}`)).join("");
  let text = `       ${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => r(12, h)).join("")}\n`;
  text += `Mem:   ${row([info.totalram, info.totalram - cached - info.freeram, info.freeram, info.sharedram, cached, available])}\n`;
  text += `Swap:  ${row([info.totalswap, info.totalswap - info.freeswap, info.freeswap])}\n`;
  await out(ctx, text);
  return 0;
}

const PROCPS_USAGE = `
Usage:
 %s [options]

Options:
 -b, --bytes         show output in bytes
 -k, --kilo          show output in kilobytes
 -m, --mega          show output in megabytes
 -g, --giga          show output in gigabytes
     --tera          show output in terabytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -l, --lohi          show detailed low and high memory statistics
 -o, --old           use old format (without -/+buffers/cache line)
 -t, --total         show total for RAM + swap
 -s N, --seconds N   repeat printing every N seconds
 -c N, --count N     repeat printing N times, then exit

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

/** procps free.c scale_size(): sizes in kB shown in the chosen unit or human-readable. */
function scaleSize(kb: number, exponent: number, human: boolean, si: boolean): string {
  const base = si ? 1000 : 1024;
  if (!human) {
    if (exponent === 0) return String(kb);
    if (exponent === 1) return String(kb * 1024);
    if (exponent === 2) return String(si ? Math.trunc(kb / 0.9765625) : kb);
    return String(Math.trunc(kb / base ** (exponent - 2)));
  }
  if (String(kb * 1024).length + 1 <= 4) return `${kb * 1024}B`;
  const k = si ? Math.trunc(kb / 0.9765625) : kb;
  if (String(k).length + 1 <= 4) return `${k}K`;
  const units = ["M", "G", "T"];
  for (let i = 3; i <= 5; i++) {
    const v = kb / base ** (i - 2);
    const f = `${v.toFixed(1)}${units[i - 3]}`;
    if (f.length <= 4) return f;
    const n = `${Math.trunc(v)}${units[i - 3]}`;
    if (n.length <= 4) return n;
  }
  return `${Math.trunc(kb / base ** 3)}T`;
}

async function procpsMain(ctx: ProgramContext): Promise<number> {
  let exponent = 0;
  const flags = new Set<string>();
  const args = ctx.argv.slice(1);
  const long: Record<string, string> = { "--bytes": "b", "--kilo": "k", "--mega": "m", "--giga": "g", "--tera": "T", "--human": "h", "--si": "S", "--lohi": "l", "--old": "o", "--total": "t", "--help": "H", "--version": "V" };
  const bad = async (text: string) => {
    await ctx.stderr.write(`${applet(ctx)}: ${text}\n${PROCPS_USAGE.replace("%s", applet(ctx))}`);
    return 1;
  };
  for (const a of args) {
    if (a.startsWith("--")) {
      const l = long[a];
      if (l === undefined) return bad(`unrecognized option '${a}'`);
      flags.add(l);
    } else if (a.startsWith("-") && a.length > 1) {
      for (const c of a.slice(1)) {
        if (!"bkmghlotV".includes(c)) return bad(`invalid option -- '${c}'`);
        flags.add(c);
      }
    }
  }
  if (flags.has("H")) {
    await out(ctx, PROCPS_USAGE.replace("%s", applet(ctx)));
    return 0;
  }
  if (flags.has("V")) {
    await out(ctx, `${applet(ctx)} from procps-ng ${ctx.exe.version}\n`);
    return 0;
  }
  for (const a of args) for (const c of a.startsWith("--") ? [long[a]!] : a.slice(1)) {
    const e: Record<string, number> = { b: 1, k: 2, m: 3, g: 4, T: 5 };
    if (e[c] !== undefined) exponent = e[c]!;
  }
  const human = flags.has("h");
  const si = flags.has("S");
  const m = await readMeminfo(ctx);
  const g = (k: string) => m.get(k) ?? 0;
  const total = g("MemTotal");
  const free = g("MemFree");
  const used = total - free;
  const buffers = g("Buffers");
  const cached = g("Cached");
  const swapTotal = g("SwapTotal");
  const swapFree = g("SwapFree");
  const cell = (kb: number) => ` ${r(10, scaleSize(kb, exponent, human, si))}`;
  let text = "             total       used       free     shared    buffers     cached\n";
  text += `Mem:   ${[total, used, free, g("Shmem"), buffers, cached].map(cell).join("")}\n`;
  if (flags.has("l")) {
    text += `Low:   ${[total, used, free].map(cell).join("")}\n`;
    text += `High:  ${[0, 0, 0].map(cell).join("")}\n`;
  }
  if (!flags.has("o")) text += `-/+ buffers/cache:${[used - buffers - cached, free + buffers + cached].map(cell).join("")}\n`;
  text += `Swap:  ${[swapTotal, swapTotal - swapFree, swapFree].map(cell).join("")}\n`;
  if (flags.has("t")) text += `Total: ${[total + swapTotal, used + swapTotal - swapFree, free + swapFree].map(cell).join("")}\n`;
  await out(ctx, text);
  return 0;
}

export const free: Command = {
  name: "free",
  usage: busyboxUsage,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : procpsMain(ctx)),
};
