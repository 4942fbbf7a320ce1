// ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]… — BusyBox coreutils/ls.c (my_stat(),
// display_single(), display_files(), scan_and_display_dirs_recur(), sortcmp()) and GNU coreutils
// ls.c (gobble_file(), print_long_format(), calculate_columns(), print_many_per_line()).
// BusyBox: fixed-width long lines, colour by default on a terminal, columns filled down then
// across with (width-1)/(longest+2) columns. GNU: columns sized to the widest value of the listing,
// no colour unless --color, tab-padded columns, shell-escape quoting on a terminal (≥ 8.25).

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Attrs } from "../vfs/node.js";
import { attempt, errText } from "./lib/cmd.js";
import {
  type IdNames, atLeast, bbHuman, fileType, fullTime, getenv, gnuHuman, isBusybox, isDevMode, isDirMode, isLinkMode,
  isRegMode, isScanError, joinPath, loadIds, lsTime, major, minor, modeString, permutes, scanError, scanOptions,
} from "./lib/files-common.js";
import { busyboxTerminalWidth, winsize } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE_128 = {
  trivial: "[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...",
  full: `List directory contents

\t-1\tOne column output
\t-a\tInclude entries which start with .
\t-A\tLike -a, but exclude . and ..
\t-x\tList by lines
\t-d\tList directory entries instead of contents
\t-L\tFollow symlinks
\t-H\tFollow symlinks on command line
\t-R\tRecurse
\t-p\tAppend / to dir entries
\t-F\tAppend indicator (one of */=@|) to entries
\t-l\tLong listing format
\t-i\tList inode numbers
\t-n\tList numeric UIDs and GIDs instead of names
\t-s\tList allocated blocks
\t-lc\tList ctime
\t-lu\tList atime
\t--full-time\tList full date and time
\t-h\tHuman readable sizes (1K 243M 2G)
\t--group-directories-first
\t-S\tSort by size
\t-X\tSort by extension
\t-v\tSort by version
\t-t\tSort by mtime
\t-tc\tSort by ctime
\t-tu\tSort by atime
\t-r\tReverse sort order
\t-w N\tFormat N columns wide
\t--color[={always,never,auto}]\tControl coloring`,
};

/** BusyBox 1.34+ trimmed the help text (ls: trim --help text, 2021). */
const usageFor = (ctx: ProgramContext) => {
  if (!atLeast(ctx, "1.34")) return USAGE_128;
  const full = USAGE_128.full
    .replace("Include entries which start with .", "Include names starting with .")
    .replace("List directory entries instead of contents", "List directory names, not contents")
    .replace("Append / to dir entries", "Append / to directory names")
    .replace("Append indicator (one of */=@|) to entries", "Append indicator (one of */=@|) to names")
    .replace("Long listing format", "Long format")
    .replace("List full date and time", "List full date/time")
    .replace("\tControl coloring", "");
  return { trivial: USAGE_128.trivial, full };
};

interface Options {
  busybox: boolean;
  all: boolean; // -a
  almostAll: boolean; // -A
  dirAsFile: boolean; // -d
  inode: boolean;
  format: "long" | "one" | "across" | "columns";
  numeric: boolean;
  noOwner: boolean; // -g
  noGroup: boolean; // -o / -G (GNU)
  blocks: boolean; // -s
  classify: boolean; // -F
  slash: boolean; // -p
  recursive: boolean;
  quoteC: boolean; // -Q
  time: "mtime" | "ctime" | "atime";
  sort: "name" | "time" | "size" | "extension" | "version" | "none";
  reverse: boolean;
  derefAll: boolean; // -L
  derefArgs: boolean; // -H
  human: boolean;
  width: number | undefined; // -w
  fullTime: boolean;
  dirsFirst: boolean;
  color: boolean;
}

interface Entry {
  /** The name shown (a basename inside a directory, the operand on the command line). */
  readonly name: string;
  /** The path used for further system calls. */
  readonly full: string;
  readonly st: Attrs;
  /** The mode as lstat() saw it, when the entry was stat'ed without following. */
  readonly lmode: number | undefined;
  readonly smode: number | undefined;
  /** GNU: a symlink's target, read while its directory was open (gobble_file). */
  link?: ReturnType<typeof attempt<string>>;
}

interface Run {
  readonly ctx: ProgramContext;
  readonly o: Options;
  readonly ids: IdNames;
  readonly now: number;
  out: string;
  status: number;
  /** GNU: a colour escape was already printed (the first one is preceded by ESC[0m). */
  colorStarted: boolean;
  /** BusyBox: "cannot read link" warnings, on stderr before the lines being printed. */
  warnings: string;
  /** BusyBox on a terminal: output up to a warning, then the warning. */
  pending: { out: string; err: string }[];
}

// ---- options ----------------------------------------------------------------------------------

const BB_SPEC = "Cadi1lgnsxAkFpRQctuSXrvLHhT:w:";
const GNU_SPEC = "aAbBcCdDfFgGhHiI:klLmnNopqQrRsStT:uUvw:xXZ1";
const GNU_LONG = {
  all: "none", "almost-all": "none", color: "optional", colour: "optional", directory: "none", "full-time": "none",
  "group-directories-first": "none", "human-readable": "none", inode: "none", "numeric-uid-gid": "none", recursive: "none",
  reverse: "none", size: "none", classify: "optional", dereference: "none", width: "required", "no-group": "none",
  "quote-name": "none", "literal": "none",
} as const;

function parseArgs(ctx: ProgramContext): { o: Options; operands: string[] } | { error: string; opt: string } {
  const busybox = isBusybox(ctx);
  const scanned = busybox
    ? scanOptions(ctx.argv.slice(1), BB_SPEC, { "full-time": "none", "group-directories-first": "none", color: "optional" }, permutes(ctx))
    : scanOptions(ctx.argv.slice(1), GNU_SPEC, GNU_LONG);
  if (isScanError(scanned)) return scanned;
  const tty = ctx.stdout.tty !== undefined;
  const o: Options = {
    busybox, all: false, almostAll: false, dirAsFile: false, inode: false, format: tty ? "columns" : "one", numeric: false,
    noOwner: false, noGroup: false, blocks: false, classify: false, slash: false, recursive: false, quoteC: false,
    time: "mtime", sort: "name", reverse: false, derefAll: false, derefArgs: false, human: false, width: undefined,
    fullTime: false, dirsFirst: false, color: false,
  };
  let explicitFormat = false;
  let sortByTimeFlag = false;
  let colorOpt: string | undefined;
  let colorGiven = false;
  const setFormat = (f: Options["format"]) => {
    o.format = f;
    explicitFormat = true;
  };
  for (const { opt, value } of scanned.options) {
    switch (opt) {
      case "a": case "--all": o.all = true; o.almostAll = false; break;
      case "A": case "--almost-all": o.almostAll = true; if (!busybox) o.all = false; break;
      case "d": case "--directory": o.dirAsFile = true; break;
      case "i": case "--inode": o.inode = true; break;
      case "1": if (busybox || o.format !== "long") setFormat("one"); break;
      case "C": setFormat("columns"); break;
      case "x": setFormat("across"); break;
      case "l": setFormat("long"); break;
      case "n": case "--numeric-uid-gid": o.numeric = true; setFormat("long"); break;
      case "g": o.noOwner = true; setFormat("long"); break;
      case "o": o.noGroup = true; setFormat("long"); break;
      case "G": case "--no-group": o.noGroup = true; break;
      case "s": case "--size": o.blocks = true; break;
      case "F": case "--classify": o.classify = true; break;
      case "p": o.slash = true; break;
      case "R": case "--recursive": o.recursive = true; break;
      case "Q": case "--quote-name": o.quoteC = true; break;
      case "c": o.time = "ctime"; if (!busybox) sortByTimeFlag = true; break;
      case "u": o.time = "atime"; if (!busybox) sortByTimeFlag = true; break;
      case "t": o.sort = "time"; break;
      case "S": o.sort = "size"; break;
      case "X": o.sort = "extension"; break;
      case "v": o.sort = "version"; break;
      case "U": o.sort = "none"; break;
      case "f": o.sort = "none"; o.all = true; break;
      case "r": case "--reverse": o.reverse = true; break;
      case "L": case "--dereference": o.derefAll = true; o.derefArgs = false; break;
      case "H": o.derefArgs = true; if (busybox) o.derefAll = false; break;
      case "h": case "--human-readable": o.human = true; break;
      case "w": case "--width": o.width = Number.parseInt(value ?? "", 10); break;
      case "--full-time": o.fullTime = true; setFormat("long"); break;
      case "--group-directories-first": o.dirsFirst = true; break;
      case "--color": case "--colour": colorGiven = true; colorOpt = value; break;
      default: break;
    }
  }
  if (!explicitFormat) o.format = tty ? "columns" : "one";
  // BusyBox: without -l, bare -c or -u sort by that time. GNU: -c/-u sort by time unless -l.
  if (o.format !== "long" && (o.time !== "mtime" || sortByTimeFlag) && o.sort === "name") o.sort = "time";
  if (o.dirAsFile) o.recursive = false;
  o.color = colorFor(ctx, busybox, colorGiven, colorOpt);
  return { o, operands: scanned.operands };
}

/** FEATURE_LS_COLOR_IS_DEFAULT for BusyBox; GNU colours only with --color. */
function colorFor(ctx: ProgramContext, busybox: boolean, given: boolean, value: string | undefined): boolean {
  const tty = ctx.stdout.tty !== undefined;
  const dumb = getenv(ctx, "TERM") === "dumb" && atLeast(ctx, "1.34");
  let color = false;
  if (busybox && tty && !dumb) {
    const p = getenv(ctx, "LS_COLORS");
    if (p === undefined || (p !== "" && p !== "none")) color = true;
  }
  if (!given) return color;
  const v = value ?? "always";
  if (["never", "no", "none"].includes(v)) return false;
  if (["always", "yes", "force"].includes(v)) return true;
  return tty && !dumb;
}

// ---- gathering --------------------------------------------------------------------------------

function statEntry(run: Run, full: string, name: string, follow: boolean): Entry | Errno {
  const r = attempt(() => (follow ? run.ctx.sys.stat(full) : run.ctx.sys.lstat(full)));
  if (!r.ok) return r.errno;
  return { name, full, st: r.value, lmode: follow ? undefined : r.value.mode, smode: follow ? r.value.mode : undefined };
}

const isDotOrDotDot = (n: string) => n === "." || n === "..";

/**
 * Reads a directory; "." and ".." are added as readdir() returns them. The entries are stat'ed
 * while the directory is open (coreutils print_dir, BusyBox scan_one_dir).
 */
async function scanDir(run: Run, dir: string): Promise<{ entries: Entry[] } | { errno: Errno }> {
  const r = attempt(() => run.ctx.sys.opendir(dir));
  if (!r.ok) return { errno: r.errno };
  const o = run.o;
  const names = [".", "..", ...r.value.names].filter((n) => (n.startsWith(".") ? (o.all || (o.almostAll && !isDotOrDotDot(n))) : true));
  const entries: Entry[] = [];
  try {
    for (const n of names) {
      await run.ctx.sys.system.sched.checkpoint(run.ctx.proc);
      const full = joinPath(dir, n);
      const e = statEntry(run, full, n, o.derefAll);
      if (!("st" in e)) {
        await reportStat(run, full, e, false);
        continue;
      }
      if (!o.busybox && o.format === "long" && isLinkMode(e.st.mode)) e.link = attempt(() => run.ctx.sys.readlink(full));
      entries.push(e);
    }
  } finally {
    r.value.close();
  }
  return { entries };
}

async function reportStat(run: Run, path: string, e: Errno, commandLine: boolean): Promise<void> {
  if (run.o.busybox) await run.ctx.stderr.write(`ls: ${path}: ${errText(run.ctx, e)}\n`);
  else await run.ctx.stderr.write(`ls: cannot access ${gnuName(path)}: ${errText(run.ctx, e)}\n`);
  run.status = run.o.busybox ? 1 : commandLine ? 2 : Math.max(run.status, 1);
}

/** GNU message quoting: 'name' (shell-escaped in 8.25+). */
const gnuName = (p: string) => (p.includes("'") ? `"${p}"` : `'${p}'`);

// ---- sorting ----------------------------------------------------------------------------------

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** glibc strverscmp(), enough for names with numbers (file2 < file10). */
function verscmp(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      if (x.length !== y.length) return y.length - x.length;
    } else if (x !== y) return cmp(x, y);
  }
  return pa.length - pb.length;
}

const timeOf = (o: Options, st: Attrs) => Math.floor((o.time === "ctime" ? st.ctime : o.time === "atime" ? st.atime : st.mtime) / 1000);
const extOf = (n: string) => {
  const at = n.indexOf(".");
  return at < 0 ? "" : n.slice(at);
};
const gnuExtOf = (n: string) => {
  const at = n.lastIndexOf(".");
  return at <= 0 ? "" : n.slice(at);
};

function sortEntries(o: Options, list: Entry[]): Entry[] {
  if (o.sort === "none") return o.reverse && !o.busybox ? [...list].reverse() : list;
  const sorted = [...list].sort((a, b) => {
    let d = 0;
    if (o.dirsFirst) d = Number(isDirMode(b.st.mode)) - Number(isDirMode(a.st.mode));
    if (d !== 0) return o.reverse && o.busybox ? -d : d;
    if (o.sort === "size") d = b.st.size - a.st.size;
    else if (o.sort === "time") d = timeOf(o, b.st) - timeOf(o, a.st);
    else if (o.sort === "version") d = verscmp(a.name, b.name);
    else if (o.sort === "extension") d = o.busybox ? cmp(extOf(a.name), extOf(b.name)) : cmp(gnuExtOf(a.name), gnuExtOf(b.name));
    if (d === 0) d = cmp(a.name, b.name);
    return o.reverse ? -d : d;
  });
  return sorted;
}

// ---- names, colours, indicators ---------------------------------------------------------------

const BB_COLOR = [31, 35, 35, 37, 34, 37, 35, 37, 0, 37, 36, 37, 35, 37, 37, 32];
const BB_ATTR = [1, 0, 1, 7, 1, 7, 1, 7, 0, 7, 1, 7, 1, 7, 7, 1];

function bbColor(mode: number): string {
  const exe = isRegMode(mode) && (mode & 0o111) !== 0;
  const idx = exe ? 15 : (mode >> 12) & 0xf;
  return `\x1b[${BB_ATTR[idx]};${BB_COLOR[idx]}m`;
}

/** GNU's default colour database (dircolors --print-database). */
function gnuColor(mode: number, danglingLink = false): string | undefined {
  if (isLinkMode(mode)) return danglingLink ? "40;31;01" : "01;36";
  if (isDirMode(mode)) {
    if ((mode & 0o1002) === 0o1002) return "30;42";
    if (mode & 0o1000) return "37;44";
    if (mode & 0o002) return "34;42";
    return "01;34";
  }
  switch (fileType(mode)) {
    case 0o010000: return "40;33";
    case 0o140000: return "01;35";
    case 0o060000: case 0o020000: return "40;33;01";
    default: break;
  }
  if (mode & 0o4000) return "37;41";
  if (mode & 0o2000) return "30;43";
  if (mode & 0o111) return "01;32";
  return undefined;
}

function indicator(o: Options, mode: number): string {
  if (!(o.classify || o.slash) || mode === 0) return "";
  if (isDirMode(mode)) return "/";
  if (!o.classify) return "";
  if (isRegMode(mode)) return mode & 0o111 ? "*" : "";
  if (isLinkMode(mode)) return "@";
  if (fileType(mode) === 0o010000) return "|";
  if (fileType(mode) === 0o140000) return "=";
  return "";
}

/** GNU shell-escape quoting of a name on a terminal (coreutils ≥ 8.25). */
function shellQuote(name: string): { text: string; quoted: boolean } {
  if (name !== "" && /^[A-Za-z0-9_.\/:,@%+=^-][A-Za-z0-9_.\/:,@%+=^~#-]*$/.test(name)) return { text: name, quoted: false };
  if (!name.includes("'")) return { text: `'${name}'`, quoted: true };
  if (!/[$`"\\!]/.test(name)) return { text: `"${name}"`, quoted: true };
  return { text: `'${name.replace(/'/g, "'\\''")}'`, quoted: true };
}

function displayName(run: Run, name: string): { text: string; quoted: boolean } {
  const o = run.o;
  if (o.quoteC) return { text: `"${name.replace(/(["\\])/g, "\\$1")}"`, quoted: true };
  const tty = run.ctx.stdout.tty !== undefined;
  if (!o.busybox && tty && atLeast(run.ctx, "8.25")) return shellQuote(name);
  // Non-printable bytes show as '?' on a terminal (BusyBox printable_string, GNU -q default).
  return { text: tty ? name.replace(/[\x00-\x1f\x7f]/g, "?") : name, quoted: false };
}

function lmodeOf(run: Run, e: Entry): number {
  if (e.lmode !== undefined) return e.lmode;
  const r = attempt(() => run.ctx.sys.lstat(e.full));
  return r.ok ? r.value.mode : 0;
}

function smodeOf(run: Run, e: Entry): number {
  if (e.smode !== undefined) return e.smode;
  const r = attempt(() => run.ctx.sys.stat(e.full));
  return r.ok ? r.value.mode : 0;
}

/** The name part of an entry (colour, quoting, link target, indicator) and its width. */
function nameCell(run: Run, e: Entry, padQuoted: boolean): { text: string; width: number } {
  const o = run.o;
  const shown = displayName(run, e.name);
  let text = "";
  let width = 0;
  const lead = padQuoted && !shown.quoted ? " " : "";
  text += lead;
  width += lead.length;
  const color = (mode: number, dangling: boolean) => {
    if (!o.color) return "";
    if (o.busybox) return bbColor(mode);
    const c = gnuColor(mode, dangling);
    if (c === undefined) return "";
    const start = run.colorStarted ? "" : "\x1b[0m";
    run.colorStarted = true;
    return `${start}\x1b[${c}m`;
  };
  const reset = (colored: string) => (colored === "" ? "" : o.busybox ? "\x1b[m" : "\x1b[0m");
  const lmode = o.color ? (o.busybox ? lmodeOf(run, e) : e.st.mode) : e.st.mode;
  // BusyBox display_single() reads the link when it prints it (xmalloc_readlink_or_warn).
  const target = o.format === "long" && isLinkMode(e.st.mode) ? e.link ?? attempt(() => run.ctx.sys.readlink(e.full)) : undefined;
  if (o.busybox && target !== undefined && !target.ok) run.warnings += `ls: ${e.full}: cannot read link: ${errText(run.ctx, target.errno)}\n`;
  const targetMode = target !== undefined && (o.color || o.classify || o.slash) ? smodeOf(run, e) : 0;
  const c1 = color(o.busybox ? lmode : e.st.mode, isLinkMode(e.st.mode) && smodeOf(run, e) === 0);
  text += c1 + shown.text + reset(c1);
  width += shown.text.length;
  let append = indicator(o, e.st.mode);
  if (target !== undefined && target.ok) {
    const t = displayName(run, target.value);
    const c2 = o.busybox ? color(targetMode, false) : targetMode === 0 ? "" : color(targetMode, false);
    text += ` -> ${c2}${t.text}${reset(c2)}`;
    width += 4 + t.text.length;
    append = indicator(o, targetMode);
    if (!o.busybox && append === "@") append = "";
  }
  if (!o.busybox && isLinkMode(e.st.mode) && o.format === "long") append = target !== undefined && target.ok ? indicator(o, targetMode) : "";
  return { text: text + append, width: width + append.length };
}

// ---- long format ------------------------------------------------------------------------------

function ownerName(run: Run, uid: number): string {
  return run.o.numeric ? String(uid) : run.ids.user(uid) ?? String(uid);
}

function groupNameOf(run: Run, gid: number): string {
  return run.o.numeric ? String(gid) : run.ids.group(gid) ?? String(gid);
}

function timeText(run: Run, st: Attrs): string {
  const ms = run.o.time === "ctime" ? st.ctime : run.o.time === "atime" ? st.atime : st.mtime;
  if (run.o.fullTime) return run.o.busybox ? fullTime(ms).replace(/\.\d{9}/, "") : fullTime(ms);
  return lsTime(ms, run.now, run.o.busybox);
}

/** display_single() of BusyBox: one entry with its fixed-width columns. */
function bbLine(run: Run, e: Entry): { text: string; width: number } {
  const o = run.o;
  const st = e.st;
  let prefix = "";
  if (o.inode) prefix += `${String(st.ino).padStart(7)} `;
  if (o.blocks) prefix += o.human && atLeast(run.ctx, "1.35") ? `${bbHuman(st.blocks * 512, 1, 0).padStart(7)} ` : `${String(Math.floor(st.blocks / 2)).padStart(6)} `;
  if (o.format === "long") {
    const trunc = atLeast(run.ctx, "1.37") ? (s: string) => s.padEnd(8) : (s: string) => s.slice(0, 8).padEnd(8);
    prefix += `${modeString(st.mode).padEnd(10)} ${String(st.nlink).padStart(4)} `;
    if (o.numeric) prefix += o.noOwner ? `${String(st.gid).padEnd(8)} ` : `${String(st.uid).padEnd(8)} ${String(st.gid).padEnd(8)} `;
    else prefix += o.noOwner ? `${trunc(groupNameOf(run, st.gid))} ` : `${trunc(ownerName(run, st.uid))} ${trunc(groupNameOf(run, st.gid))} `;
    if (isDevMode(st.mode)) prefix += `${String(major(st.rdev)).padStart(4)}, ${String(minor(st.rdev)).padStart(3)} `;
    else if (o.human) prefix += `${bbHuman(st.size, 1, 0).padStart(7)} `;
    else prefix += `${String(st.size).padStart(9)} `;
    prefix += `${timeText(run, st)} `;
  }
  const name = nameCell(run, e, false);
  return { text: prefix + name.text, width: prefix.length + name.width };
}

/** GNU print_long_format() with the widths of the whole listing. */
function gnuLongLines(run: Run, list: Entry[]): string[] {
  const o = run.o;
  const cols = list.map((e) => {
    const st = e.st;
    const size = isDevMode(st.mode) ? undefined : o.human ? gnuHuman(st.size) : String(st.size);
    return {
      e,
      inode: String(st.ino),
      blocks: o.human ? gnuHuman(st.blocks * 512) : String(Math.ceil(st.blocks / 2)),
      nlink: String(st.nlink),
      owner: ownerName(run, st.uid),
      group: groupNameOf(run, st.gid),
      size,
      maj: String(major(st.rdev)),
      min: String(minor(st.rdev)),
    };
  });
  const w = (f: (c: (typeof cols)[number]) => string) => Math.max(0, ...cols.map((c) => f(c).length));
  const majW = w((c) => (c.size === undefined ? c.maj : ""));
  const minW = w((c) => (c.size === undefined ? c.min : ""));
  const sizeW = Math.max(w((c) => c.size ?? ""), cols.some((c) => c.size === undefined) ? majW + 2 + minW : 0);
  const inodeW = w((c) => c.inode);
  const blocksW = w((c) => c.blocks);
  const nlinkW = w((c) => c.nlink);
  const ownerW = w((c) => c.owner);
  const groupW = w((c) => c.group);
  const quotedAny = list.some((e) => displayName(run, e.name).quoted);
  return cols.map((c) => {
    let line = "";
    if (o.inode) line += `${c.inode.padStart(inodeW)} `;
    if (o.blocks) line += `${c.blocks.padStart(blocksW)} `;
    line += `${modeString(c.e.st.mode)} ${c.nlink.padStart(nlinkW)} `;
    if (!o.noOwner) line += `${c.owner.padEnd(ownerW)} `;
    if (!o.noGroup) line += `${c.group.padEnd(groupW)} `;
    line += c.size === undefined ? `${" ".repeat(Math.max(0, sizeW - majW - 2 - minW))}${c.maj.padStart(majW)}, ${c.min.padStart(minW)} ` : `${c.size.padStart(sizeW)} `;
    line += `${timeText(run, c.e.st)} `;
    return line + nameCell(run, c.e, quotedAny).text;
  });
}

// ---- short formats ----------------------------------------------------------------------------

function lineWidth(run: Run): number {
  if (run.o.width !== undefined && Number.isFinite(run.o.width)) return run.o.width;
  // BusyBox ls_main(): get_terminal_width(STDIN_FILENO) - 1 (0 or 1 columns count as 80);
  // GNU decode_switches(): TIOCGWINSZ on stdout when it has columns, else $COLUMNS, else 80.
  if (run.o.busybox) return busyboxTerminalWidth(run.ctx, run.ctx.stdin) - 1;
  return winsize(run.ctx.stdout)?.cols ?? (Number.parseInt(getenv(run.ctx, "COLUMNS") ?? "", 10) || 80);
}

/** BusyBox display_files(): fixed column width, filled down (or across with -x). */
function bbColumns(run: Run, list: Entry[]): string {
  const o = run.o;
  if (o.format === "long" || o.format === "one") {
    // On a terminal stdout is line-buffered: a warning lands before the line being printed.
    let text = "";
    for (const e of list) {
      const line = `${bbLine(run, e).text}\n`;
      if (run.warnings !== "" && run.ctx.stdout.tty !== undefined) {
        run.out += text;
        text = "";
        run.pending.push({ out: run.out, err: run.warnings });
        run.out = "";
        run.warnings = "";
      }
      text += line;
    }
    return text;
  }
  const cells = list.map((e) => bbLine(run, e));
  const longest = Math.max(0, ...list.map((e) => displayName(run, e.name).text.length));
  const colWidth = longest + 2 + (o.inode ? 8 : 0) + (o.blocks ? 5 : 0);
  let ncols = Math.floor(lineWidth(run) / colWidth);
  let nrows = list.length;
  if (ncols > 1) nrows = Math.ceil(list.length / ncols);
  else ncols = 1;
  let text = "";
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = o.format === "across" ? row * ncols + nc : nc * nrows + row;
      if (i >= list.length) continue;
      if (column > 0) {
        const gap = nexttab - column;
        text += " ".repeat(Math.abs(gap));
        column += Math.abs(gap);
      }
      nexttab = column + colWidth;
      text += cells[i]!.text;
      column += cells[i]!.width;
    }
    text += "\n";
  }
  return text;
}

/** GNU calculate_columns() + print_many_per_line()/print_horizontal(), padding with tabs. */
function gnuColumns(run: Run, list: Entry[]): string {
  const o = run.o;
  if (o.format === "long") return gnuLongLines(run, list).map((l) => `${l}\n`).join("");
  const blocksW = o.blocks ? Math.max(0, ...list.map((e) => (o.human ? gnuHuman(e.st.blocks * 512) : String(Math.ceil(e.st.blocks / 2))).length)) : 0;
  const inodeW = o.inode ? Math.max(0, ...list.map((e) => String(e.st.ino).length)) : 0;
  const quotedAny = o.format !== "one" && list.some((e) => displayName(run, e.name).quoted);
  const cells = list.map((e) => {
    let pre = "";
    if (o.inode) pre += `${String(e.st.ino).padStart(o.format === "one" ? 0 : inodeW)} `;
    if (o.blocks) pre += `${(o.human ? gnuHuman(e.st.blocks * 512) : String(Math.ceil(e.st.blocks / 2))).padStart(o.format === "one" ? 0 : blocksW)} `;
    const n = nameCell(run, e, quotedAny);
    return { text: pre + n.text, width: pre.length + n.width };
  });
  if (o.format === "one") return cells.map((c) => `${c.text}\n`).join("");
  const width = lineWidth(run);
  const n = cells.length;
  const maxCols = Math.max(1, Math.min(Math.floor(width / 3), n));
  const byRows = o.format === "across";
  let chosen = { cols: 1, widths: [Math.max(0, ...cells.map((c) => c.width))] };
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    cells.forEach((c, i) => {
      const col = byRows ? i % cols : Math.floor(i / rows);
      widths[col] = Math.max(widths[col]!, c.width + (col === cols - 1 ? 0 : 2));
    });
    if (cols === 1 || (widths.length === cols && widths.every((x) => x > 0) && widths.reduce((a, b) => a + b, 0) < width)) {
      chosen = { cols, widths };
      break;
    }
  }
  const cols = chosen.cols;
  const rows = Math.ceil(n / cols);
  let text = "";
  const pad = (from: number, to: number) => {
    let s = "";
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        s += "\t";
        from += 8 - (from % 8);
      } else {
        s += " ";
        from++;
      }
    }
    return s;
  };
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    for (let c = 0; c < cols; c++) {
      const i = byRows ? r * cols + c : c * rows + r;
      if (i >= n) break;
      text += cells[i]!.text;
      const next = byRows ? i + 1 : i + rows;
      const last = byRows ? c === cols - 1 || next >= n : next >= n;
      if (last) break;
      text += pad(pos + cells[i]!.width, pos + chosen.widths[c]!);
      pos += chosen.widths[c]!;
    }
    text += "\n";
  }
  return text;
}

const showFiles = (run: Run, list: Entry[]) => (run.o.busybox ? bbColumns(run, list) : gnuColumns(run, list));

async function flush(run: Run): Promise<void> {
  for (const p of run.pending.splice(0)) {
    await run.ctx.stdout.write(p.out);
    await run.ctx.stderr.write(p.err);
  }
  if (run.warnings !== "") {
    const warnings = run.warnings;
    run.warnings = "";
    await run.ctx.stderr.write(warnings);
  }
  if (run.out === "") return;
  const text = run.out;
  run.out = "";
  await run.ctx.stdout.write(text);
}

// ---- directories ------------------------------------------------------------------------------

function totalLine(run: Run, list: Entry[]): string {
  const blocks = list.reduce((s, e) => s + e.st.blocks, 0);
  const k = (1 + blocks) >> 1;
  if (!run.o.human) return `total ${k}\n`;
  if (run.o.busybox) return atLeast(run.ctx, "1.31") ? `total ${bbHuman(k * 1024, 0, 0).padEnd(7)}\n` : `total ${k}\n`;
  return `total ${gnuHuman(blocks * 512)}\n`;
}

async function listDirs(run: Run, dirs: Entry[], labelled: boolean, firstBlank: boolean, commandLine: boolean): Promise<void> {
  let first = firstBlank;
  for (const d of dirs) {
    await run.ctx.sys.system.sched.checkpoint(run.ctx.proc);
    const scanned = await scanDir(run, d.full);
    if ("errno" in scanned) {
      await flush(run);
      if (run.o.busybox) {
        if (labelled || run.o.recursive) {
          run.out += `${first ? "" : "\n"}${d.full}:\n`;
          first = false;
        }
        await flush(run);
        await run.ctx.stderr.write(`ls: can't open '${d.full}': ${errText(run.ctx, scanned.errno)}\n`);
        if (run.o.format === "long" || run.o.blocks) run.out += "total 0\n";
        run.status = 1;
      } else {
        await run.ctx.stderr.write(`ls: cannot open directory ${gnuName(d.full)}: ${errText(run.ctx, scanned.errno)}\n`);
        run.status = commandLine ? 2 : Math.max(run.status, 1);
      }
      continue;
    }
    if (labelled || run.o.recursive) {
      run.out += `${first ? "" : "\n"}${d.full}:\n`;
      first = false;
    }
    if (run.o.format === "long" || run.o.blocks) run.out += totalLine(run, scanned.entries);
    const sorted = sortEntries(run.o, scanned.entries);
    const shown = showFiles(run, sorted); // may move run.out to run.pending first
    run.out += shown;
    await flush(run);
    if (run.o.recursive) {
      const subdirs = sorted.filter((e) => isDirMode(e.st.mode) && !isDotOrDotDot(e.name));
      await listDirs(run, subdirs, true, false, false);
    }
  }
}

export const ls: Command = {
  name: "ls",
  usage: usageFor,
  async main(ctx) {
    const parsed = parseArgs(ctx);
    if ("error" in parsed) return scanError(ctx, parsed, usageFor(ctx), 2);
    const { o } = parsed;
    const operands = parsed.operands.length === 0 ? ["."] : parsed.operands;
    const run: Run = { ctx, o, ids: await loadIds(ctx), now: ctx.sys.now(), out: "", status: 0, colorStarted: false, warnings: "", pending: [] };
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const arg of operands) {
      const follow = argFollows(run, arg);
      const e = statEntry(run, arg, arg, follow);
      if (!("st" in e)) {
        await reportStat(run, arg, e, true);
        continue;
      }
      if (!o.dirAsFile && isDirMode(e.st.mode)) dirs.push(e);
      else files.push(e);
    }
    if (files.length > 0) {
      const shown = showFiles(run, sortEntries(o, files));
      run.out += shown;
    }
    await flush(run);
    const sortedDirs = o.sort === "none" ? dirs : sortEntries({ ...o, dirsFirst: false }, dirs);
    await listDirs(run, sortedDirs, operands.length > 1, files.length === 0, true);
    await flush(run);
    return run.status;
  },
};

/** Whether a command-line operand is stat()ed (followed) or lstat()ed. */
function argFollows(run: Run, arg: string): boolean {
  const o = run.o;
  if (o.derefAll || o.derefArgs) return true;
  if (o.busybox) {
    const noFollow = o.format === "long" || o.blocks || o.classify || (o.inode && atLeast(run.ctx, "1.31"));
    return !noFollow;
  }
  // GNU: a symlink to a directory is followed unless -l, -d or -F.
  if (o.format === "long" || o.dirAsFile || o.classify) return false;
  const target = attempt(() => run.ctx.sys.stat(arg));
  return target.ok && isDirMode(target.value.mode);
}
