// ps, BusyBox (procps/ps.c, the CONFIG_DESKTOP implementation: out_spec[], parse_o(),
// alloc_line_buffer(), format_header(), format_process(); libbb/procps.c procps_scan() and
// read_cmdline()) and procps-ng (lib/sys-ps-procps.ts). Everything comes from /proc, as the
// real tools read it: the owner of /proc/PID (effective ids), /proc/PID/stat, cmdline, status.

import type { ProgramContext } from "../kernel/program.js";
import { error, isBusybox, isOptionError, optionError, readDb } from "./lib/cmd.js";
import { procpsPs } from "./lib/sys-ps-procps.js";
import { HZ, PAGE_KB, type ProcStat, listPids, readCmdline, readStat, readStatus, sysinfo, ttyMajor, ttyMinor, versionAtLeast } from "./lib/sys-proc.js";
import { busyboxTerminalWidth } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "[-o COL1,COL2=HEADER] [-T]", full: "Show list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads" };

/** Absolute maximum on output line length. */
const MAX_WIDTH = 2048;

/** What one process looks like to ps after procps_scan(). */
interface Scanned {
  stat: ProcStat;
  uid: number;
  gid: number;
  status?: Map<string, string>;
}

interface Ctx {
  ctx: ProgramContext;
  users: string[][];
  groups: string[][];
  secondsSinceBoot: number;
  /** BusyBox ≤ 1.27: TIME is 6 wide and formatted "%3lu:%02u". */
  oldTime: boolean;
}

type Fn = (c: Ctx, p: Scanned, width: number) => Promise<string> | string;

interface OutSpec {
  width: number;
  name6: string;
  header: string;
  f: Fn;
  /** Needs the owner of /proc/PID (stat()). */
  uidgid?: boolean;
  /** Needs /proc/PID/status (real ids). */
  status?: boolean;
}

/** get_cached_username()/groupname(): the name, else the number. */
const nameOf = (db: string[][], id: number) => db.find((f) => f[2] !== "" && Number(f[2]) === id)?.[0] ?? String(id);

/** ps.c format_time(): 5-column CPU or elapsed time (1.28+). */
function formatTime(t: number, size: number): string {
  const p2 = (n: number) => String(n).padStart(2, "0");
  const cut = (s: string) => s.slice(0, size);
  let ff = t % 60;
  t = Math.floor(t / 60);
  if (t < 60) return cut(`${String(t).padStart(2)}:${p2(ff)}`);
  ff = t % 60;
  t = Math.floor(t / 60);
  if (t < 24) return cut(`${String(t).padStart(2)}h${p2(ff)}`);
  ff = t % 24;
  t = Math.floor(t / 24);
  if (t < 100) return cut(`${String(t).padStart(2)}d${p2(ff)}`);
  return cut(`${String(t).padStart(4)}d`);
}

/** ≤ 1.27: "%3lu:%02u" minutes and seconds. */
const oldFormatTime = (t: number, size: number) => `${String(Math.floor(t / 60)).padStart(3)}:${String(t % 60).padStart(2, "0")}`.slice(0, size);

/** libbb smart_ulltoa4(): a value in 4 characters, scaled with a suffix from `scale`. */
export function smartUlltoa4(ul: number, scale: string): string {
  let idx = 0;
  if (ul > 9999) {
    ul *= 10;
    do {
      ul = Math.floor(ul / 1024);
      idx++;
    } while (ul >= 10000);
  }
  let v = ul;
  let u = Math.floor(v / 10);
  v %= 10;
  const digits = "0123456789";
  let fmt = " 123456789";
  const out: string[] = [];
  if (idx === 0) {
    out[0] = " 123456789"[Math.floor(u / 100)]!;
    if (out[0] !== " ") fmt = digits;
    out[1] = fmt[Math.floor(u / 10) % 10]!;
    if (out[1] !== " ") fmt = digits;
    out[2] = fmt[u % 10]!;
    out[3] = digits[v]!;
  } else {
    if (u >= 10) {
      out[0] = " 123456789"[Math.floor(u / 100)]!;
      if (out[0] !== " ") fmt = digits;
      v = u % 10;
      u = Math.floor(u / 10);
      out[1] = fmt[u % 10]!;
    } else {
      out[0] = digits[u]!;
      out[1] = ".";
    }
    out[2] = digits[v]!;
    out[3] = scale[idx]!;
  }
  return out.join("");
}

/** read_cmdline(): the command line with NULs as spaces, "{comm} " when argv[0] is not comm, "[comm]" when empty. */
export function formatCmdline(raw: string | undefined, comm: string, col: number): string {
  const buf = (raw ?? "").slice(0, col - 1);
  if (buf.length === 0) return `[${comm}]`.slice(0, col - 1);
  const trimmed = buf.replace(/\0+$/, "");
  const argv0 = trimmed.split("\0")[0]!.split(" ")[0]!;
  let base = argv0.slice(argv0.lastIndexOf("/") + 1);
  if (base.startsWith("-")) base = base.slice(1);
  const text = trimmed.replace(/[\x00-\x1f]/g, " ");
  if (base.slice(0, comm.length) === comm) return text;
  return `{${comm}} ${text}`.slice(0, col - 1);
}

const OUT_SPEC = (oldTime: boolean): OutSpec[] => [
  { width: 8, name6: "user", header: "USER", uidgid: true, f: (c, p, w) => nameOf(c.users, p.uid).slice(0, w) },
  { width: 8, name6: "group", header: "GROUP", uidgid: true, f: (c, p, w) => nameOf(c.groups, p.gid).slice(0, w) },
  { width: 16, name6: "comm", header: "COMMAND", f: (_c, p, w) => p.stat.comm.slice(0, w) },
  { width: MAX_WIDTH, name6: "args", header: "COMMAND", f: async (c, p, w) => formatCmdline(await readCmdline(c.ctx, p.stat.pid), p.stat.comm, w + 1) },
  { width: 5, name6: "pid", header: "PID", f: (_c, p, w) => String(p.stat.pid).padStart(w) },
  { width: 5, name6: "ppid", header: "PPID", f: (_c, p, w) => String(p.stat.ppid).padStart(w) },
  { width: 5, name6: "pgid", header: "PGID", f: (_c, p, w) => String(p.stat.pgrp).padStart(w) },
  {
    width: 7, name6: "etime", header: "ELAPSED",
    f: (c, p, w) => (oldTime ? oldFormatTime : formatTime)(Math.max(0, c.secondsSinceBoot - Math.floor(p.stat.startTime / HZ)), w),
  },
  { width: 5, name6: "nice", header: "NI", f: (_c, p, w) => String(p.stat.nice).padStart(w) },
  { width: 8, name6: "rgroup", header: "RGROUP", status: true, f: (c, p, w) => nameOf(c.groups, Number((p.status?.get("Gid") ?? "0").split(/\s+/)[0])).slice(0, w) },
  { width: 8, name6: "ruser", header: "RUSER", status: true, f: (c, p, w) => nameOf(c.users, Number((p.status?.get("Uid") ?? "0").split(/\s+/)[0])).slice(0, w) },
  { width: oldTime ? 6 : 5, name6: "time", header: "TIME", f: (_c, p, w) => (oldTime ? oldFormatTime : formatTime)(Math.floor((p.stat.utime + p.stat.stime) / HZ), w) },
  { width: 6, name6: "tty", header: "TT", f: (_c, p, w) => (ttyMajor(p.stat.ttyNr) ? `${ttyMajor(p.stat.ttyNr)},${ttyMinor(p.stat.ttyNr)}`.slice(0, w) : "?") },
  { width: 4, name6: "vsz", header: "VSZ", f: (_c, p, w) => smartUlltoa4(Math.floor(p.stat.vsize / 1024), " mgtpezy").slice(0, w) },
  { width: 5, name6: "sid", header: "SID", f: (_c, p, w) => String(p.stat.session).padStart(w) },
  { width: 4, name6: "stat", header: "STAT", f: (_c, p, w) => stateString(p.stat).slice(0, w) },
  { width: 4, name6: "rss", header: "RSS", f: (_c, p, w) => smartUlltoa4(p.stat.rss * PAGE_KB, " mgtpezy").slice(0, w) },
];

/** procps_scan(): the state letter, then W for no memory, then < or N for the nice value. */
function stateString(s: ProcStat): string {
  const st = [s.state, " ", " "];
  let idx = 1;
  if (s.vsize === 0 && s.state !== "Z") {
    st[1] = "W";
    idx = 2;
  }
  if (s.nice !== 0) st[idx] = s.nice < 0 ? "<" : "N";
  return st.join("");
}

/** find_out_spec(): names compare on their first six characters. */
function findSpec(specs: OutSpec[], name: string): OutSpec | undefined {
  return specs.find((s) => (s.name6.length === 6 ? name.slice(0, 6) === s.name6 : name === s.name6));
}

/** parse_o(): comma-separated columns; "=HEADER" renames (and widens) a column. */
function parseO(specs: OutSpec[], opt: string, perColumnHeaders: boolean, out: OutSpec[]): string | undefined {
  let rest = opt;
  for (;;) {
    const comma = rest.indexOf(",");
    const equal = rest.indexOf("=");
    if (comma >= 0 && (equal < 0 || equal > comma)) {
      const s = findSpec(specs, rest.slice(0, comma));
      if (s === undefined) return rest.slice(0, comma);
      out.push({ ...s });
      rest = rest.slice(comma + 1);
      continue;
    }
    const name = equal >= 0 ? rest.slice(0, equal) : rest;
    const s = findSpec(specs, name);
    if (s === undefined) return name;
    const col = { ...s };
    out.push(col);
    if (equal < 0) return undefined;
    let header = rest.slice(equal + 1);
    let next: string | undefined;
    if (perColumnHeaders && header.includes(",")) {
      next = header.slice(header.indexOf(",") + 1);
      header = header.slice(0, header.indexOf(","));
    }
    col.header = header;
    if (header !== "") col.width = header.length;
    if (next === undefined) return undefined;
    rest = next;
  }
}

async function scan(c: Ctx, pid: number, needUid: boolean, needStatus: boolean): Promise<Scanned | undefined> {
  let uid = 0;
  let gid = 0;
  if (needUid) {
    try {
      const st = c.ctx.sys.stat(`/proc/${pid}`);
      uid = st.uid;
      gid = st.gid;
    } catch {
      return undefined; // the process exited
    }
  }
  const stat = await readStat(c.ctx, pid);
  if (stat === undefined) return undefined;
  const status = needStatus ? await readStatus(c.ctx, pid) : undefined;
  return { stat, uid, gid, ...(status === undefined ? {} : { status }) };
}

async function busyboxPs(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptionsKeepingOrder(ctx.argv.slice(1));
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const oldTime = !versionAtLeast(ctx.exe.version, 1, 28);
  const specs = OUT_SPEC(oldTime);
  const cols: OutSpec[] = [];
  const lists = parsed.lists.get("o") ?? ["pid,user,time,args"];
  for (const o of lists) {
    const bad = parseO(specs, o, versionAtLeast(ctx.exe.version, 1, 35), cols);
    if (bad !== undefined) {
      await error(ctx, `bad -o argument '${bad}', supported arguments: ${specs.map((s) => s.name6).join(",")}`);
      return 1;
    }
  }
  let terminalWidth = MAX_WIDTH;
  if (ctx.stdout.tty !== undefined) terminalWidth = Math.min(MAX_WIDTH, busyboxTerminalWidth(ctx, ctx.stdin) - 1);
  // alloc_line_buffer(): columns that start past the screen are dropped.
  let width = 0;
  let count = cols.length;
  for (let i = 0; i < cols.length; i++) {
    width += cols[i]!.width + 1;
    if (width - terminalWidth > 0) {
      count = i + 1;
      break;
    }
  }
  const shown = cols.slice(0, count);
  const c: Ctx = {
    ctx, secondsSinceBoot: (await sysinfo(ctx)).uptime, oldTime,
    users: shown.some((s) => s.name6 === "user" || s.name6 === "ruser") ? await readDb(ctx, "/etc/passwd") : [],
    groups: shown.some((s) => s.name6 === "group" || s.name6 === "rgroup") ? await readDb(ctx, "/etc/group") : [],
  };
  const separate = versionAtLeast(ctx.exe.version, 1, 31);
  const line = (cells: string[]) => {
    let text = "";
    cells.forEach((cell, i) => {
      const value = cell === "" ? "-" : cell;
      text += value;
      if (i < cells.length - 1) {
        const pad = shown[i]!.width - value.length + 1;
        // printf("%*s", pad, ""): a negative width pads on the left-justified side too (|pad|).
        text += pad !== 0 ? " ".repeat(Math.abs(pad)) : separate ? " " : "";
      }
    });
    return `${text.slice(0, terminalWidth)}\n`;
  };
  let output = "";
  if (shown.some((s) => s.header !== "")) {
    output += `${shown.map((s, i) => (i < shown.length - 1 ? s.header.padEnd(s.width) + " " : s.header)).join("").slice(0, terminalWidth)}\n`;
  }
  const needUid = shown.some((s) => s.uidgid);
  const needStatus = shown.some((s) => s.status);
  for (const pid of listPids(ctx)) {
    const p = await scan(c, pid, needUid, needStatus);
    if (p === undefined) continue;
    const cells: string[] = [];
    for (const s of shown) cells.push(await s.f(c, p, s.width));
    output += line(cells);
  }
  await ctx.stdout.write(output);
  return 0;
}

/** getopt32("Zo:*aAdefl" "T"): -o may repeat and keeps its order; operands are ignored. */
function parseOptionsKeepingOrder(args: string[]) {
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-") continue;
    for (let j = 1; j < a.length; j++) {
      const ch = a[j]!;
      if (ch === "o") {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { kind: "missing" as const, opt: "o" };
        lists.set("o", [...(lists.get("o") ?? []), v]);
        break;
      }
      if (!"ZaAdeflT".includes(ch)) return { kind: "unknown" as const, opt: ch };
      flags.add(ch);
    }
  }
  return { flags, values: new Map<string, string>(), lists, operands: [] as string[] };
}

export const ps: Command = {
  name: "ps",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxPs(ctx) : procpsPs(ctx)),
};
