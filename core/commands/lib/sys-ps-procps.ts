// procps-ng ps (3.3.x as in Debian jessie's node-hello): ps/parser.c (SysV, BSD and GNU
// options, the BSD retry), ps/sortformat.c (format macros, PID width from pid_max), ps/select.c
// (the selection table), ps/output.c (pr_* column printers and show_one_proc()), ps/display.c
// (forest). Every value is read from /proc as readproc.c reads it.

import type { ProgramContext } from "../../kernel/program.js";
import { out, readDb } from "./cmd.js";
import { HZ, type ProcStat, listPids, pidDigits, readCmdline, readMeminfo, readStat, readStatus, readUptime, ttyName } from "./sys-proc.js";
import { strftime } from "./sys-time.js";
import { getenv, winsize } from "./sys-tty.js";

const OUTBUF_SIZE = 2 * 64 * 1024;

type Just = "left" | "right" | "user" | "unlimited";

/** One process as readproc() fills proc_t for ps. */
interface Proc {
  stat: ProcStat;
  euid: number;
  ruid: number;
  egid: number;
  vmSize: number;
  vmRss: number;
  vmLock: number;
  cmdline: string;
}

interface Env {
  secondsSinceBoot: number;
  bootTime: number; // seconds since the epoch (btime)
  now: number; // ms
  memTotal: number;
  users: string[][];
  groups: string[][];
  bsdC: boolean;
  unixF: boolean;
  forest: "" | "b" | "u";
  prefix: string;
}

interface ColumnSpec {
  head: string;
  width: number;
  just: Just;
  pidmax?: boolean;
  /** The value, given the room the column may take (max_rightward). */
  pr: (p: Proc, e: Env, room: number) => string;
}

interface Column { name: string; head: string; width: number; just: Just; pr: ColumnSpec["pr"] }

const nameOf = (db: string[][], id: number) => db.find((f) => f[2] !== "" && Number(f[2]) === id)?.[0];

/** do_pr_name(): the name, cut to the column with a "+" when wider. */
function prName(name: string, room: number): string {
  return name.length <= room ? name : `${name.slice(0, room - 1)}+`;
}

const cookEtime = (p: Proc, e: Env) => Math.max(0, e.secondsSinceBoot - Math.floor(p.stat.startTime / HZ));
const startSeconds = (p: Proc, e: Env) => e.bootTime + Math.floor(p.stat.startTime / HZ);

function prPcpu(p: Proc, e: Env): string {
  const seconds = cookEtime(p, e);
  const total = p.stat.utime + p.stat.stime;
  const pcpu = seconds ? Math.floor((total * 1000) / HZ / seconds) : 0;
  return pcpu > 999 ? String(Math.floor(pcpu / 10)) : `${Math.floor(pcpu / 10)}.${pcpu % 10}`;
}

function prC(p: Proc, e: Env): string {
  const seconds = cookEtime(p, e);
  const total = p.stat.utime + p.stat.stime;
  let pcpu = seconds ? Math.floor((total * 100) / HZ / seconds) : 0;
  if (pcpu > 99) pcpu = 99;
  return String(pcpu).padStart(2);
}

function prTime(p: Proc): string {
  let t = Math.floor((p.stat.utime + p.stat.stime) / HZ);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${dd ? `${dd}-` : ""}${p2(hh)}:${p2(mm)}:${p2(ss)}`;
}

function prEtime(p: Proc, e: Env): string {
  let t = cookEtime(p, e);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${dd ? `${dd}-` : ""}${dd || hh ? `${p2(hh)}:` : ""}${p2(mm)}:${p2(ss)}`;
}

function prBsdtime(p: Proc): string {
  const u = Math.floor((p.stat.utime + p.stat.stime) / HZ);
  return `${String(Math.floor(u / 60)).padStart(3)}:${String(u % 60).padStart(2, "0")}`;
}

/** pr_stime(): today "%H:%M", this year "%b%d", else "%Y". */
function prStime(p: Proc, e: Env): string {
  const start = startSeconds(p, e) * 1000;
  const now = new Date(e.now);
  const then = new Date(start);
  let fmt = "%H:%M";
  if (now.getUTCFullYear() !== then.getUTCFullYear() || strftime("%j", e.now) !== strftime("%j", start)) fmt = "%b%d";
  if (now.getUTCFullYear() !== then.getUTCFullYear()) fmt = "%Y";
  return strftime(fmt, start);
}

function prStat(p: Proc): string {
  const s = p.stat;
  let st = s.state;
  if (s.nice < 0) st += "<";
  if (s.nice > 0) st += "N";
  if (p.vmLock) st += "L";
  if (s.session === s.pid) st += "s";
  if (s.nlwp > 1) st += "l";
  if (s.pgrp === s.tpgid) st += "+";
  return st;
}

/** forest_helper(): the tree prefix, 4 columns a level for BSD "f", 2 for -H. */
function forestPrefix(e: Env): string {
  if (e.forest === "") return "";
  const bsd: Record<string, string> = { " ": "    ", L: " \\_ ", "+": " \\_ ", "|": " |  " };
  return [...e.prefix].map((c) => (e.forest === "u" ? "  " : bsd[c] ?? "")).join("");
}

/** escape_command(): "[comm]" for an empty command line, " <defunct>" for a zombie. */
function bracketed(p: Proc): string {
  return p.stat.state === "Z" ? `[${p.stat.comm}] <defunct>` : `[${p.stat.comm}]`;
}

/** pr_args()/pr_comm(): the command line when asked for and present, else the command name. */
function commandText(p: Proc, full: boolean): string {
  if (full && p.cmdline !== "") return p.cmdline;
  return full ? bracketed(p) : p.stat.state === "Z" ? `${p.stat.comm} <defunct>` : p.stat.comm;
}

const cut = (s: string, room: number) => (room <= 0 ? "" : s.slice(0, room));

const SPECS: Record<string, ColumnSpec> = {
  args: { head: "COMMAND", width: 27, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, !e.bsdC), r) },
  cmd: { head: "CMD", width: 27, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, !e.bsdC), r) },
  command: { head: "COMMAND", width: 27, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, !e.bsdC), r) },
  comm: { head: "COMMAND", width: 15, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, e.unixF), r) },
  ucmd: { head: "CMD", width: 15, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, e.unixF), r) },
  ucomm: { head: "COMMAND", width: 15, just: "unlimited", pr: (p, e, r) => cut(forestPrefix(e) + commandText(p, e.unixF), r) },
  fname: { head: "COMMAND", width: 8, just: "left", pr: (p) => p.stat.comm.slice(0, 8) },
  pid: { head: "PID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pid) },
  ppid: { head: "PPID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.ppid) },
  pgid: { head: "PGID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pgrp) },
  pgrp: { head: "PGRP", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pgrp) },
  sid: { head: "SID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.session) },
  sess: { head: "SESS", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.session) },
  tpgid: { head: "TPGID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.tpgid) },
  tid: { head: "TID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pid) },
  lwp: { head: "LWP", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pid) },
  spid: { head: "SPID", width: 5, just: "right", pidmax: true, pr: (p) => String(p.stat.pid) },
  nlwp: { head: "NLWP", width: 4, just: "right", pr: (p) => String(p.stat.nlwp) },
  thcount: { head: "THCNT", width: 5, just: "right", pr: (p) => String(p.stat.nlwp) },
  pcpu: { head: "%CPU", width: 4, just: "right", pr: prPcpu },
  "%cpu": { head: "%CPU", width: 4, just: "right", pr: prPcpu },
  c: { head: "C", width: 2, just: "right", pr: prC },
  pmem: { head: "%MEM", width: 4, just: "right", pr: (p, e) => { const m = Math.min(999, Math.floor((p.vmRss * 1000) / (e.memTotal || 1))); return `${String(Math.floor(m / 10)).padStart(2)}.${m % 10}`; } },
  "%mem": { head: "%MEM", width: 4, just: "right", pr: (p, e) => { const m = Math.min(999, Math.floor((p.vmRss * 1000) / (e.memTotal || 1))); return `${String(Math.floor(m / 10)).padStart(2)}.${m % 10}`; } },
  vsz: { head: "VSZ", width: 6, just: "right", pr: (p) => String(p.vmSize) },
  vsize: { head: "VSZ", width: 6, just: "right", pr: (p) => String(p.vmSize) },
  rss: { head: "RSS", width: 5, just: "right", pr: (p) => String(p.vmRss) },
  rssize: { head: "RSS", width: 5, just: "right", pr: (p) => String(p.vmRss) },
  sz: { head: "SZ", width: 5, just: "right", pr: (p) => String(Math.floor(p.vmSize / 4)) },
  tname: { head: "TTY", width: 8, just: "left", pr: (p) => ttyName(p.stat.ttyNr) },
  tty: { head: "TT", width: 8, just: "left", pr: (p) => ttyName(p.stat.ttyNr) },
  tt: { head: "TT", width: 8, just: "left", pr: (p) => ttyName(p.stat.ttyNr) },
  stat: { head: "STAT", width: 4, just: "left", pr: prStat },
  state: { head: "S", width: 1, just: "left", pr: (p) => p.stat.state },
  s: { head: "S", width: 1, just: "left", pr: (p) => p.stat.state },
  start_time: { head: "START", width: 5, just: "right", pr: prStime },
  stime: { head: "STIME", width: 5, just: "right", pr: prStime },
  start: {
    head: "STARTED", width: 8, just: "right",
    pr: (p, e) => {
      const t = startSeconds(p, e);
      return t + 86400 > Math.floor(e.now / 1000) ? strftime("%H:%M:%S", t * 1000) : `  ${strftime("%b %d", t * 1000)}`;
    },
  },
  lstart: { head: "STARTED", width: 24, just: "right", pr: (p, e) => strftime("%a %b %e %H:%M:%S %Y", startSeconds(p, e) * 1000) },
  bsdtime: { head: "TIME", width: 6, just: "right", pr: prBsdtime },
  time: { head: "TIME", width: 8, just: "right", pr: prTime },
  cputime: { head: "TIME", width: 8, just: "right", pr: prTime },
  etime: { head: "ELAPSED", width: 11, just: "right", pr: prEtime },
  etimes: { head: "ELAPSED", width: 7, just: "right", pr: (p, e) => String(cookEtime(p, e)) },
  nice: { head: "NI", width: 3, just: "right", pr: (p) => String(p.stat.nice) },
  ni: { head: "NI", width: 3, just: "right", pr: (p) => String(p.stat.nice) },
  pri: { head: "PRI", width: 3, just: "right", pr: (p) => String(39 - p.stat.priority) },
  user: { head: "USER", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.users, p.euid) ?? String(p.euid), r) },
  euser: { head: "EUSER", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.users, p.euid) ?? String(p.euid), r) },
  uname: { head: "USER", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.users, p.euid) ?? String(p.euid), r) },
  uid_hack: { head: "UID", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.users, p.euid) ?? String(p.euid), r) },
  ruser: { head: "RUSER", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.users, p.ruid) ?? String(p.ruid), r) },
  group: { head: "GROUP", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.groups, p.egid) ?? String(p.egid), r) },
  egroup: { head: "EGROUP", width: 8, just: "user", pr: (p, e, r) => prName(nameOf(e.groups, p.egid) ?? String(p.egid), r) },
  uid: { head: "UID", width: 5, just: "right", pr: (p) => String(p.euid) },
  euid: { head: "EUID", width: 5, just: "right", pr: (p) => String(p.euid) },
  ruid: { head: "RUID", width: 5, just: "right", pr: (p) => String(p.ruid) },
  gid: { head: "GID", width: 5, just: "right", pr: (p) => String(p.egid) },
  egid: { head: "EGID", width: 5, just: "right", pr: (p) => String(p.egid) },
};

const MACROS: Record<string, string> = {
  OL_u: "user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args",
  OL_v: "pid,tname,stat,bsdtime,maj_flt,m_trs,m_drs,rss,pmem,args",
  OL_j: "ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args",
  Std_f: "uid_hack,pid,ppid,c,stime,tname,time,cmd",
};

function oneSpec(name: string, pidWidth: number, override?: string): Column[] | undefined {
  const s = SPECS[name];
  if (s !== undefined) {
    const w = s.pidmax ? Math.max(pidWidth, s.head.length) : s.width;
    const head = override ?? s.head;
    return [{ name, head, width: override === undefined ? w : Math.max(w, override.length), just: s.just, pr: s.pr }];
  }
  const m = MACROS[name];
  if (m === undefined) return undefined;
  return m.split(",").flatMap((n) => oneSpec(n, pidWidth, override) ?? []);
}

/** sortformat.c format_parse(): "a,b c", "spec=HEADER", "spec:WIDTH". */
function formatParse(text: string, broken: boolean, pidWidth: number): Column[] | string {
  const items: string[] = [];
  let rest = text.replace(/[ ,\t\n]$/, "");
  if (rest === "" || /^[ ,\t\n]|[ ,\t\n]{2}/.test(rest)) return rest === "" ? "empty format list" : "improper format list";
  while (rest !== "") {
    const eq = rest.indexOf("=");
    const sep = rest.search(/[ ,\t\n]/);
    if (sep < 0 || (eq >= 0 && eq < sep && broken)) {
      items.push(rest);
      break;
    }
    items.push(rest.slice(0, sep));
    rest = rest.slice(sep + 1);
  }
  const cols: Column[] = [];
  for (const item of items) {
    let spec = item;
    let header: string | undefined;
    const eq = spec.indexOf("=");
    if (eq >= 0) {
      header = spec.slice(eq + 1);
      spec = spec.slice(0, eq);
    }
    let width: number | undefined;
    const colon = spec.indexOf(":");
    if (colon >= 0) {
      const w = spec.slice(colon + 1);
      if (!/^[1-9]\d*$/.test(w)) return "column widths must be unsigned decimal numbers";
      width = Number(w);
      spec = spec.slice(0, colon);
    }
    const c = oneSpec(spec, pidWidth, header);
    if (c === undefined) return `unknown user-defined format specifier "${spec}"`;
    if (width !== undefined) {
      if (c.length > 1) return "can not set width for a macro (multi-column) format specifier";
      c[0]!.width = width;
    }
    cols.push(...c);
  }
  return cols;
}

/** Options after parsing, before the format is built. */
interface Parsed {
  all: boolean;
  simple: Set<string>; // "Ua" "Ud" "Ba" "Bx" "Bg"
  preferBsd: boolean;
  formatFlags: Set<string>; // "Uf" "Bu" "Bv" "Bj"
  formatLists: { text: string; bsd: boolean }[];
  pids: number[] | undefined;
  users: number[] | undefined;
  header: "single" | "none";
  wide: number;
  bsdC: boolean;
  unixF: boolean;
  running: boolean;
  forest: "" | "b" | "u";
  notPureUnix: boolean;
  /** -j: PGID and SID after PID (and PPID). */
  jobs: boolean;
  commands?: string[];
  cols?: number;
}

const fresh = (): Parsed => ({
  all: false, simple: new Set(), preferBsd: false, formatFlags: new Set(), formatLists: [], pids: undefined, users: undefined,
  header: "single", wide: 0, bsdC: false, unixF: false, running: false, forest: "", notPureUnix: false, jobs: false,
});

function parsePidList(arg: string, list: number[] | undefined): number[] | string {
  const items = arg.split(/[ ,\t]/);
  if (items.some((i) => i === "")) return "process ID list syntax error";
  const pids: number[] = [...(list ?? [])];
  for (const i of items) {
    if (!/^\d+$/.test(i)) return "process ID list syntax error";
    const n = Number(i);
    if (n < 1 || n > 0x7fffffff) return "process ID out of range";
    pids.push(n);
  }
  return pids;
}

function parseUserList(arg: string, list: number[] | undefined, users: string[][]): number[] | string {
  const items = arg.split(/[ ,\t]/);
  if (items.some((i) => i === "")) return "user name does not exist";
  const uids: number[] = [...(list ?? [])];
  for (const i of items) {
    if (/^\d+$/.test(i)) uids.push(Number(i));
    else {
      const u = users.find((f) => f[0] === i);
      if (u === undefined) return "user name does not exist";
      uids.push(Number(u[2]));
    }
  }
  return uids;
}

/** parser.c parse_all_options(): SysV first; with forceBsd every dash argument is BSD too. */
function parseAll(args: readonly string[], forceBsd: boolean, users: string[][]): Parsed | string {
  const p = fresh();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const nextArg = (rest: string) => (rest !== "" ? rest : args[++i]);
    const kind = a.startsWith("--") ? (a === "--" ? "end" : "gnu") : a.startsWith("-") ? (/^-[a-zA-Z]/.test(a) ? "sysv" : /^-\d/.test(a) ? "pgrp" : "fail") : /^[a-zA-Z]/.test(a) ? "bsd" : /^\d/.test(a) ? "pid" : "fail";
    if (kind !== "sysv") p.notPureUnix = true;
    if (kind === "end" || kind === "fail" || kind === "pgrp") return "garbage option";
    if (kind === "pid") {
      p.preferBsd = true;
      const r = parsePidList(a, p.pids);
      if (typeof r === "string") return r;
      p.pids = r;
      continue;
    }
    if (kind === "gnu") {
      const [name, value] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const arg = () => value ?? args[++i];
      switch (name) {
        case "no-headers": case "no-heading": case "noheaders": case "noheading": p.header = "none"; break;
        case "headers": case "heading": break;
        case "forest": p.forest = "b"; break;
        case "format": { const v = arg(); if (v === undefined) return "format specification must follow --format"; p.formatLists.push({ text: v, bsd: false }); break; }
        case "pid": { const v = arg(); if (v === undefined) return "list of process IDs must follow --pid"; const r = parsePidList(v, p.pids); if (typeof r === "string") return r; p.pids = r; break; }
        case "user": { const v = arg(); if (v === undefined) return "list of users must follow --user"; const r = parseUserList(v, p.users, users); if (typeof r === "string") return r; p.users = r; break; }
        case "cols": case "columns": case "width": { const v = arg(); if (v === undefined || !/^\d+$/.test(v)) return "number of columns must follow --cols, --width, or --columns"; p.cols = Number(v); break; }
        case "deselect": return "unknown gnu long option";
        default: return "unknown gnu long option";
      }
      continue;
    }
    if (kind === "sysv" && !forceBsd) {
      const letters = a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const c = letters[j]!;
        if (!"aAdefgGlnoptuU".includes(c)) p.notPureUnix = true;
        const rest = letters.slice(j + 1);
        switch (c) {
          case "A": case "e": p.all = true; break;
          case "a": p.simple.add("Ua"); break;
          case "d": p.simple.add("Ud"); break;
          case "f": p.formatFlags.add("Uf"); p.unixF = true; break;
          case "H": p.forest = "u"; break;
          case "j": p.jobs = true; break;
          case "C": { const v = nextArg(rest); if (v === undefined) return "list of command names must follow -C"; p.commands = [...(p.commands ?? []), ...v.split(/[ ,\t]/)]; j = letters.length; break; }
          case "w": p.wide++; break;
          case "o": { const v = nextArg(rest); if (v === undefined) return "format specification must follow -o"; p.formatLists.push({ text: v, bsd: false }); j = letters.length; break; }
          case "p": { const v = nextArg(rest); if (v === undefined) return "list of process IDs must follow -p"; const r = parsePidList(v, p.pids); if (typeof r === "string") return r; p.pids = r; j = letters.length; break; }
          case "u": case "U": { const v = nextArg(rest); if (v === undefined) return c === "u" ? "list of users must follow -u" : "list of real users must follow -U"; const r = parseUserList(v, p.users, users); if (typeof r === "string") return r; p.users = r; j = letters.length; break; }
          case "-": return "embedded '-' among SysV options makes no sense";
          default: return "unsupported SysV option";
        }
      }
      continue;
    }
    // BSD options (and, on the second pass, dashed ones too).
    p.preferBsd = true;
    const letters = a.startsWith("-") ? a.slice(1) : a;
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!;
      const rest = letters.slice(j + 1);
      switch (c) {
        case "a": p.simple.add("Ba"); break;
        case "x": p.simple.add("Bx"); break;
        case "g": p.simple.add("Bg"); break;
        case "u": p.formatFlags.add("Bu"); break;
        case "j": p.formatFlags.add("Bj"); break;
        case "c": p.bsdC = true; break;
        case "e": break;
        case "f": p.forest = "b"; break;
        case "h": p.header = "none"; break;
        case "r": p.running = true; break;
        case "w": p.wide++; break;
        case "n": break;
        case "o": { const v = nextArg(rest); if (v === undefined) return "format specification must follow o"; p.formatLists.push({ text: v, bsd: true }); j = letters.length; break; }
        case "p": { const v = nextArg(rest); if (v === undefined) return "list of process IDs must follow p"; const r = parsePidList(v, p.pids); if (typeof r === "string") return r; p.pids = r; j = letters.length; break; }
        case "U": { const v = nextArg(rest); if (v === undefined) return "list of users must follow U"; const r = parseUserList(v, p.users, users); if (typeof r === "string") return r; p.users = r; j = letters.length; break; }
        case "-": return "embedded '-' among BSD options makes no sense";
        default: return "unsupported option (BSD syntax)";
      }
    }
  }
  return p;
}

/** process_sf_options() + generate_sysv_list(): the columns to print. */
function buildFormat(p: Parsed, pidWidth: number): Column[] | string {
  if (p.formatLists.length > 0) {
    if (p.formatFlags.size > 0) return "conflicting format options";
    const cols: Column[] = [];
    for (const f of p.formatLists) {
      const r = formatParse(f.text, !p.notPureUnix, pidWidth);
      if (typeof r === "string") return r;
      cols.push(...r);
    }
    return cols;
  }
  const flags = [...p.formatFlags].sort().join(",");
  const spec = flags === "" ? undefined : flags === "Bu" ? "OL_u" : flags === "Bj" ? "OL_j" : flags === "Uf" ? undefined : "conflict";
  if (spec === "conflict") return "conflicting format options";
  if (spec !== undefined) return oneSpec(spec, pidWidth)!;
  // generate_sysv_list()
  const f = p.formatFlags.has("Uf");
  const full = f ? ["uid_hack", "pid", "ppid", ...(p.jobs ? ["pgid", "sid"] : []), "c", "stime"] : ["pid", ...(p.jobs ? ["pgid", "sid"] : [])];
  const tail = p.preferBsd ? ["tname", "stat", "bsdtime", f ? "cmd" : "args"] : ["tname", "time", f ? "cmd" : "ucmd"];
  return [...full, ...tail].flatMap((n) => oneSpec(n, pidWidth)!);
}

/** select.c select_bits_setup(): which combination of euid/leader/tty bits is accepted. */
function selectBits(p: Parsed): number | "all" | string {
  const s = p.simple;
  if (s.size === 0 && !p.preferBsd) return 0xaa00;
  const has = (k: string) => s.has(k);
  const g = !(has("Ua") || has("Ud")) || has("Bg");
  const key = [has("Ua") && "Ua", has("Ud") && "Ud", has("Ba") && "Ba", has("Bx") && "Bx", g && "Bg"].filter(Boolean).join(",");
  const table: Record<string, number | "all"> = {
    "Ua,Ud": 0x3f3f, Ua: 0x0303, Ud: 0x3333, Bg: 0x0a0a, "Ba,Bg": 0x0f0f, "Bx,Bg": 0xaaaa, "Ba,Bx,Bg": "all",
  };
  return table[key] ?? "process selection options conflict";
}

async function readProc(ctx: ProgramContext, pid: number): Promise<Proc | undefined> {
  const stat = await readStat(ctx, pid);
  const status = await readStatus(ctx, pid);
  if (stat === undefined || status === undefined) return undefined;
  const ids = (k: string) => (status.get(k) ?? "0").split(/\s+/).map(Number);
  const kb = (k: string) => Number.parseInt(status.get(k) ?? "0", 10) || 0;
  const raw = (await readCmdline(ctx, pid)) ?? "";
  // readproc.c read_unvectored(): NUL and newline become spaces, a trailing space is dropped;
  // escape_str() shows other control characters as "?".
  let cmdline = raw.replace(/[\0\n]/g, " ");
  if (cmdline.endsWith(" ")) cmdline = cmdline.slice(0, -1);
  cmdline = cmdline.replace(/[\x00-\x1f\x7f]/g, "?");
  return { stat, euid: ids("Uid")[1]!, ruid: ids("Uid")[0]!, egid: ids("Gid")[1]!, vmSize: kb("VmSize"), vmRss: kb("VmRSS"), vmLock: kb("VmLck"), cmdline };
}

/** show_one_proc(): columns laid out against where they should start ("correct") and where the text is ("actual"). */
function showOne(cols: Column[], proc: Proc | undefined, e: Env, activeCols: number): string {
  let correct = 0;
  let actual = 0;
  let dospace = 0;
  let line = "";
  for (let i = 0; i < cols.length; i++) {
    const fmt = cols[i]!;
    const last = i === cols.length - 1;
    let tmpspace = 0;
    let room: number;
    if (!last) room = fmt.width;
    else {
      tmpspace = correct - actual;
      if (tmpspace < 1) {
        tmpspace = dospace;
        room = activeCols - actual - tmpspace;
      } else room = activeCols - Math.max(correct, actual);
    }
    let text = proc === undefined ? fmt.head : fmt.pr(proc, e, room);
    const amount = text.length;
    let leftpad = 0;
    if (fmt.just === "right") leftpad = Math.max(0, fmt.width - amount);
    else if (fmt.just === "unlimited" && activeCols - actual - tmpspace < 1) text = text.slice(0, 1);
    let space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    if (space > 144) space = 144;
    line += " ".repeat(space) + text;
    if (last) break;
    actual += space + amount;
    correct += fmt.width + 1;
    dospace = 1;
  }
  return `${line}\n`;
}

const USAGE_TEXT = (name: string) => `
Usage:
 ${name} [options]

 Try '${name} --help <simple|list|output|threads|misc|all>'
  or '${name} --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

export async function procpsPs(ctx: ProgramContext): Promise<number> {
  const name = ctx.argv[0]!.split("/").pop()!;
  const args = ctx.argv.slice(1);
  if (args[0] === "--help") {
    await out(ctx, USAGE_TEXT(name));
    return 0;
  }
  if (args.length === 1 && ["-V", "V", "--version"].includes(args[0]!)) {
    await out(ctx, `${name} from procps-ng ${ctx.exe.version}\n`);
    return 0;
  }
  const users = await readDb(ctx, "/etc/passwd");
  const pidWidth = await pidDigits(ctx);
  // arg_parse(): SysV/Unix98 first; on any error, parse everything again as BSD.
  let parsed = parseAll(args, false, users);
  let cols: Column[] | string = typeof parsed === "string" ? parsed : buildFormat(parsed, pidWidth);
  let bits: number | "all" | string = typeof parsed === "string" || typeof cols === "string" ? "" : selectBits(parsed);
  const isError = (b: typeof bits) => typeof b === "string" && b !== "all";
  const firstError = typeof parsed === "string" ? parsed : typeof cols === "string" ? cols : isError(bits) ? (bits as string) : undefined;
  if (firstError !== undefined) {
    parsed = parseAll(args, true, users);
    if (typeof parsed !== "string") parsed.preferBsd = true;
    cols = typeof parsed === "string" ? parsed : buildFormat(parsed, pidWidth);
    bits = typeof parsed === "string" || typeof cols === "string" ? "" : selectBits(parsed);
    if (typeof parsed === "string" || typeof cols === "string" || isError(bits)) {
      await ctx.stderr.write(`error: ${firstError}\n${USAGE_TEXT(name)}`);
      return 1;
    }
  }
  const p = parsed as Parsed;
  const columns = cols as Column[];
  // set_screen_size(): the terminal's width, unlimited when stdout is not a terminal, $COLUMNS wins.
  let screenCols = winsize(ctx.stdout)?.cols ?? winsize(ctx.stderr)?.cols ?? winsize(ctx.stdin)?.cols ?? 80;
  if (ctx.stdout.tty === undefined) screenCols = OUTBUF_SIZE;
  const envCols = getenv(ctx, "COLUMNS");
  if (envCols !== undefined && /^\d+$/.test(envCols) && Number(envCols) > 0 && Number(envCols) < OUTBUF_SIZE) screenCols = Number(envCols);
  if (p.cols !== undefined) screenCols = p.cols;
  if (p.wide && screenCols < 132) screenCols = 132;
  if (p.wide > 1) screenCols = OUTBUF_SIZE;
  // check_header_width(): widen to a multiple of the screen when the fixed columns do not fit.
  const total = columns.reduce((t, c, i) => t + (i === columns.length - 1 ? (c.just === "unlimited" ? 3 : c.width) : c.width) + (i > 0 ? 1 : 0), 0);
  let activeCols = screenCols;
  for (let i = 1; ; i++) {
    activeCols = screenCols * i;
    if (activeCols >= total || screenCols * i >= OUTBUF_SIZE / 2) break;
  }
  const self = await readStat(ctx, ctx.proc.pid);
  const selfStatus = await readStatus(ctx, ctx.proc.pid);
  const cachedEuid = Number((selfStatus?.get("Uid") ?? "0").split(/\s+/)[1]);
  const cachedTty = self?.ttyNr ?? 0;
  const uptime = await readUptime(ctx);
  const now = ctx.sys.now();
  const e: Env = {
    secondsSinceBoot: Math.floor(uptime), bootTime: Math.floor(now / 1000 - uptime), now,
    memTotal: (await readMeminfo(ctx)).get("MemTotal") ?? 1, users, groups: await readDb(ctx, "/etc/group"),
    bsdC: p.bsdC, unixF: p.unixF, forest: p.forest, prefix: "",
  };
  const wanted = (proc: Proc) => {
    let ok: boolean;
    if (p.all || bits === "all") ok = true;
    else {
      ok = false;
      if (typeof bits === "number" && (p.simple.size > 0 || (p.pids === undefined && p.users === undefined && p.commands === undefined))) {
        const s = proc.stat;
        const idx = (proc.euid === cachedEuid ? 1 : 0) | (s.session === s.pid ? 2 : 0) | (s.ttyNr === 0 ? 4 : 0) | (s.ttyNr === cachedTty ? 8 : 0);
        ok = (bits & (1 << idx)) !== 0;
      }
      if (!ok && p.pids?.includes(proc.stat.pid)) ok = true;
      if (!ok && p.users?.includes(proc.euid)) ok = true;
      if (!ok && p.commands?.some((c) => c.slice(0, 15) === proc.stat.comm.slice(0, 15))) ok = true;
    }
    if (p.running && !(proc.stat.state === "R" || proc.stat.state === "D")) ok = false;
    return ok;
  };
  const procs: Proc[] = [];
  for (const pid of listPids(ctx)) {
    const proc = await readProc(ctx, pid);
    if (proc !== undefined && wanted(proc)) procs.push(proc);
  }
  let text = p.header === "none" ? "" : showOne(columns, undefined, e, activeCols);
  if (p.forest === "") for (const proc of procs) text += showOne(columns, proc, e, activeCols);
  else text += forest(procs, columns, e, activeCols);
  if (procs.length === 0) {
    await out(ctx, text);
    return 1;
  }
  await out(ctx, text);
  return 0;
}

/** display.c show_forest()/show_tree(): trees by parent, roots last-sorted first. */
function forest(procs: Proc[], columns: Column[], e: Env, activeCols: number): string {
  const sorted = [...procs].sort((a, b) => a.stat.ppid - b.stat.ppid || a.stat.startTime - b.stat.startTime || a.stat.pid - b.stat.pid);
  const n = sorted.length;
  let text = "";
  const prefix: string[] = [];
  const showTree = (self: number, level: number, sibling: boolean) => {
    if (level) {
      prefix[level - 1] = sibling ? "+" : "L";
      prefix.length = level;
    }
    e.prefix = prefix.join("");
    text += showOne(columns, sorted[self], e, activeCols);
    const selfPid = sorted[self]!.stat.pid;
    let i = sorted.findIndex((q) => q.stat.ppid === selfPid);
    if (i < 0) return;
    if (level) {
      prefix[level - 1] = sibling ? "|" : " ";
      prefix.length = level;
    }
    for (; i < n; ) {
      const more = i + 1 < n && sorted[i + 1]!.stat.ppid === selfPid;
      const adopted = selfPid === 1 && e.forest !== "u";
      showTree(i++, adopted ? level : level + 1, more);
      if (!more) break;
    }
    prefix.length = level;
  };
  for (let i = n - 1; i >= 0; i--) {
    if (sorted.some((q) => q.stat.pid === sorted[i]!.stat.ppid)) continue;
    prefix.length = 0;
    showTree(i, 0, false);
  }
  e.prefix = "";
  return text;
}
