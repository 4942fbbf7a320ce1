// Helpers shared by the file utilities (ls, stat, cp, find …): which build is running, message
// formats, mode strings (BusyBox libbb/mode_string.c, GNU lib/filemode.c), times in UTC (the
// images' /etc/localtime), BusyBox make_human_readable_str() and GNU human_readable(), user and
// group names from /etc/passwd and /etc/group, and GNU quoting of file names.

import type { Errno } from "../../kernel/errno.js";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from "../../kernel/permission.js";
import type { ProgramContext } from "../../kernel/program.js";
import type { Attrs } from "../../vfs/node.js";
import { applet, errText, isBusybox, readDb, usage } from "./cmd.js";

/** "1.28.4" → [1, 28, 4], for version gates. */
export function versionOf(ctx: ProgramContext): number[] {
  return ctx.exe.version.split(".").map((n) => Number.parseInt(n, 10) || 0);
}

/** True when the running build is at least `want` (e.g. "8.25"). */
export function atLeast(ctx: ProgramContext, want: string): boolean {
  const have = versionOf(ctx);
  const w = want.split(".").map(Number);
  for (let i = 0; i < w.length; i++) {
    const a = have[i] ?? 0;
    if (a !== w[i]) return a > w[i]!;
  }
  return true;
}

export const errLine = (ctx: ProgramContext, msg: string) => ctx.stderr.write(`${applet(ctx)}: ${msg}\n`);
export const errnoLine = (ctx: ProgramContext, msg: string, e: Errno) => ctx.stderr.write(`${applet(ctx)}: ${msg}: ${errText(ctx, e)}\n`);

/** GNU quote(): 'NAME' in the C locale (shell-escaped when it holds a quote). */
export function gnuQuote(name: string): string {
  if (!name.includes("'")) return `'${name}'`;
  return `'${name.replace(/'/g, "'\\''")}'`;
}

/** GNU "Try 'X --help' for more information." after a usage error; exit status 1. */
export async function gnuUsageError(ctx: ProgramContext, msg: string, status = 1): Promise<number> {
  await ctx.stderr.write(`${applet(ctx)}: ${msg}\nTry '${applet(ctx)} --help' for more information.\n`);
  return status;
}

// ---- file types and modes ---------------------------------------------------------------------

export const fileType = (mode: number) => mode & S_IFMT;
export const isDirMode = (mode: number) => fileType(mode) === S_IFDIR;
export const isLinkMode = (mode: number) => fileType(mode) === S_IFLNK;
export const isRegMode = (mode: number) => fileType(mode) === S_IFREG;
export const isDevMode = (mode: number) => fileType(mode) === S_IFCHR || fileType(mode) === S_IFBLK;

/** The type letter of `ls -l` (bb_mode_string "?pc?d?b?-?l?s???", GNU ftypelet). */
export function typeLetter(mode: number): string {
  switch (fileType(mode)) {
    case S_IFIFO: return "p";
    case S_IFCHR: return "c";
    case S_IFDIR: return "d";
    case S_IFBLK: return "b";
    case S_IFREG: return "-";
    case S_IFLNK: return "l";
    case S_IFSOCK: return "s";
    default: return "?";
  }
}

/** "drwxr-sr-x": setuid/setgid as s/S, sticky as t/T. */
export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, on: string, off: string) =>
    `${bits & 4 ? "r" : "-"}${bits & 2 ? "w" : "-"}${special ? (bits & 1 ? on : off) : bits & 1 ? "x" : "-"}`;
  return typeLetter(mode)
    + rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, "s", "S")
    + rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, "s", "S")
    + rwx(mode & 7, (mode & 0o1000) !== 0, "t", "T");
}

/** stat's %F (coreutils file_type(), same words in BusyBox). */
export function fileTypeName(st: Attrs): string {
  switch (fileType(st.mode)) {
    case S_IFREG: return st.size === 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFBLK: return "block special file";
    case S_IFCHR: return "character special file";
    case S_IFIFO: return "fifo";
    case S_IFLNK: return "symbolic link";
    case S_IFSOCK: return "socket";
    default: return "weird file";
  }
}

export const major = (rdev: number) => (rdev >> 8) & 0xfff;
export const minor = (rdev: number) => (rdev & 0xff) | ((rdev >> 12) & 0xfff00);

// ---- times (UTC: every image's /etc/localtime is UTC) ---------------------------------------

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number, w = 2, c = "0") => String(n).padStart(w, c);

export const seconds = (ms: number) => Math.floor(ms / 1000);

/** A small strftime() for UTC: %Y %m %d %e %H %M %S %b %a %z %Z %s %%. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(seconds(ms) * 1000);
  return fmt.replace(/%(.)/g, (_m, c: string) => {
    switch (c) {
      case "Y": return String(d.getUTCFullYear());
      case "m": return pad(d.getUTCMonth() + 1);
      case "d": return pad(d.getUTCDate());
      case "e": return pad(d.getUTCDate(), 2, " ");
      case "H": return pad(d.getUTCHours());
      case "M": return pad(d.getUTCMinutes());
      case "S": return pad(d.getUTCSeconds());
      case "b": return MONTHS[d.getUTCMonth()]!;
      case "a": return DAYS[d.getUTCDay()]!;
      case "z": return "+0000";
      case "Z": return "UTC";
      case "s": return String(seconds(ms));
      case "%": return "%";
      default: return `%${c}`;
    }
  });
}

/** "2026-06-06 20:08:00.000000000 +0000" (GNU stat, BusyBox ≥ 1.32 stat). */
export const fullTime = (ms: number) => `${strftime("%Y-%m-%d %H:%M:%S", ms)}.${pad(((ms % 1000) + 1000) % 1000, 3)}000000 +0000`;

/**
 * The 12-column time of `ls -l`: "Mmm dd HH:MM" when the file is less than six months old and not
 * more than (BusyBox: 15 minutes, GNU: any) in the future, else "Mmm dd  YYYY".
 * BusyBox ls.c: age < 365*24*3600/2 && age > -15*60; GNU ls.c: half a Gregorian year.
 */
export function lsTime(ms: number, now: number, busybox: boolean): string {
  const age = seconds(now) - seconds(ms);
  const recent = busybox ? age < (3600 * 24 * 365) / 2 && age > -15 * 60 : age < 31556952 / 2 && age >= 0;
  return recent ? strftime("%b %e %H:%M", ms) : `${strftime("%b %e", ms)}  ${strftime("%Y", ms)}`;
}

// ---- sizes ------------------------------------------------------------------------------------

/** BusyBox libbb make_human_readable_str(val, block_size, display_unit). */
export function bbHuman(val: number, blockSize: number, displayUnit: number): string {
  if (val === 0) return "0";
  let v = blockSize > 1 ? val * blockSize : val;
  if (displayUnit) return String(Math.floor((v + Math.floor(displayUnit / 2)) / displayUnit));
  const units = ["", "K", "M", "G", "T", "P", "E"];
  let u = 0;
  let frac = 0;
  while (v >= 1024) {
    u++;
    frac = Math.floor(((v % 1024) * 10 + 512) / 1024);
    v = Math.floor(v / 1024);
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  if (blockSize === 0) {
    if (frac >= 5) v++;
    return `${v}${units[u]}`;
  }
  return u === 0 ? String(v) : `${v}.${frac}${units[u]}`;
}

/**
 * GNU human_readable() with -h (powers of 1024, ceiling rounding, one decimal below 10):
 * 4096 → "4.0K", 6 → "6", 12288 → "12K".
 */
export function gnuHuman(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ["K", "M", "G", "T", "P", "E"];
  let v = bytes;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const tenths = Math.ceil(v * 10 - 1e-9);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)}${units[u]}`;
    v = 10;
  }
  let whole = Math.ceil(v - 1e-9);
  if (whole >= 1024 && u < units.length - 1) {
    whole = 1;
    u++;
    return `${whole.toFixed(1)}${units[u]}`;
  }
  return `${whole}${units[u]}`;
}

// ---- users and groups -------------------------------------------------------------------------

export interface IdNames {
  user(uid: number): string | undefined;
  group(gid: number): string | undefined;
  uidOf(name: string): number | undefined;
  gidOf(name: string): number | undefined;
  /** The primary group of a user name. */
  primaryGid(name: string): number | undefined;
}

/** /etc/passwd and /etc/group read once through the process's view (bb_pwd.c / nss files). */
export async function loadIds(ctx: ProgramContext): Promise<IdNames> {
  const passwd = await readDb(ctx, "/etc/passwd");
  const group = await readDb(ctx, "/etc/group");
  const byId = (db: string[][], id: number) => db.find((f) => f[2] !== "" && f[2] !== undefined && Number(f[2]) === id)?.[0];
  const byName = (db: string[][], name: string) => {
    const f = db.find((e) => e[0] === name);
    return f === undefined || f[2] === undefined ? undefined : Number(f[2]);
  };
  return {
    user: (uid) => byId(passwd, uid),
    group: (gid) => byId(group, gid),
    uidOf: (name) => byName(passwd, name),
    gidOf: (name) => byName(group, name),
    primaryGid: (name) => {
      const f = passwd.find((e) => e[0] === name);
      return f?.[3] === undefined ? undefined : Number(f[3]);
    },
  };
}

// ---- paths ------------------------------------------------------------------------------------

/** concat_path_file(): "dir/name" without doubling the slash. */
export const joinPath = (dir: string, name: string) => (dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`);

/** bb_get_last_path_component_strip(): basename after stripping trailing slashes ("/" stays). */
export function lastComponent(path: string): string {
  const stripped = path.replace(/\/+$/, "");
  if (stripped === "") return path === "" ? "" : "/";
  return stripped.slice(stripped.lastIndexOf("/") + 1);
}

/** POSIX dirname(). */
export function dirName(path: string): string {
  const stripped = path.replace(/\/+$/, "");
  if (stripped === "") return path.startsWith("/") ? "/" : ".";
  const at = stripped.lastIndexOf("/");
  if (at < 0) return ".";
  const head = stripped.slice(0, at).replace(/\/+$/, "");
  return head === "" ? "/" : head;
}

/** Whether this is BusyBox (re-exported for the commands' convenience). */
export { isBusybox };

/** Does stdout go to a terminal (isatty(1))? */
export const stdoutIsTty = (ctx: ProgramContext) => ctx.stdout.tty !== undefined;

/** Reads one answer line from stdin for a y/n prompt (bb_ask_confirmation / GNU yesno()). */
export async function askYes(ctx: ProgramContext): Promise<boolean> {
  let line = "";
  for (;;) {
    const chunk = await ctx.stdin.read(1);
    if (chunk === "" || chunk === "\n") break;
    line += chunk;
  }
  return /^[yY]/.test(line);
}

/** An environment variable of the process. */
export function getenv(ctx: ProgramContext, name: string): string | undefined {
  const hit = ctx.proc.environ.find((e) => e.startsWith(`${name}=`));
  return hit === undefined ? undefined : hit.slice(name.length + 1);
}

// ---- option scanning in order ------------------------------------------------------------------

export interface ScannedOption {
  /** The letter ("l") or the long name with its dashes ("--full-time"). */
  readonly opt: string;
  readonly value?: string;
}

export type ScanResult = { options: ScannedOption[]; operands: string[] } | { error: "unknown" | "missing" | "ambiguous"; opt: string };

/**
 * getopt_long() in argument order (so "last one wins" rules can be applied): `spec` as for
 * getopt ("ab:"), `long` maps a long name to its argument kind: "none", "required" or
 * "optional" (--color[=WHEN]). Unique prefixes of long names are accepted, as glibc does.
 * Stops at "--"; at the first operand unless `permute`.
 */
export function scanOptions(argv: readonly string[], spec: string, long: Readonly<Record<string, "none" | "required" | "optional">> = {}, permute = true): ScanResult {
  const options: ScannedOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const names = Object.keys(long);
      const exact = names.find((n) => n === name);
      const prefixed = names.filter((n) => n.startsWith(name));
      const match = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined);
      if (match === undefined) return { error: prefixed.length > 1 ? "ambiguous" : "unknown", opt: a.slice(0, eq < 0 ? undefined : eq) };
      const kind = long[match]!;
      if (kind === "none") {
        if (eq >= 0) return { error: "unknown", opt: a };
        options.push({ opt: `--${match}` });
      } else if (kind === "optional") {
        options.push(eq < 0 ? { opt: `--${match}` } : { opt: `--${match}`, value: a.slice(eq + 1) });
      } else {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { error: "missing", opt: `--${match}` };
        options.push({ opt: `--${match}`, value: v });
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const at = spec.indexOf(c);
        if (c === ":" || at < 0) return { error: "unknown", opt: c };
        if (spec[at + 1] === ":") {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { error: "missing", opt: c };
          options.push({ opt: c, value: v });
          break;
        }
        options.push({ opt: c });
      }
      continue;
    }
    operands.push(a);
    if (!permute) {
      operands.push(...argv.slice(i + 1));
      break;
    }
  }
  return { options, operands };
}

export const isScanError = (r: ScanResult): r is { error: "unknown" | "missing" | "ambiguous"; opt: string } => "error" in r;

/** Does this build's getopt permute (glibc, uClibc) or stop at the first operand (musl)? */
export const permutes = (ctx: ProgramContext) => !(isBusybox(ctx) && ctx.exe.variant === "musl");

/** Reports a scanOptions() error the way the build does (libc getopt text + BusyBox usage, or GNU). */
export async function scanError(ctx: ProgramContext, e: { error: string; opt: string }, usageText: { trivial: string; full: string } | undefined, gnuStatus = 1): Promise<number> {
  const name = applet(ctx);
  const isLong = e.opt.startsWith("--");
  if (isBusybox(ctx)) {
    let text: string;
    if (e.error === "missing") text = missingText(ctx, e.opt.replace(/^--?/, ""), isLong);
    else if (isLong) text = ctx.exe.variant === "musl" ? `${name}: unrecognized option: ${e.opt.slice(2)}` : `${name}: unrecognized option '${e.opt}'`;
    else text = badShortText(ctx, e.opt);
    await ctx.stderr.write(`${text}\n`);
    if (usageText === undefined) return 1;
    return usage(ctx, usageText.trivial, usageText.full);
  }
  const text = e.error === "missing"
    ? isLong ? `${name}: option '${e.opt}' requires an argument` : `${name}: option requires an argument -- '${e.opt}'`
    : isLong ? `${name}: unrecognized option '${e.opt}'` : `${name}: invalid option -- '${e.opt}'`;
  await ctx.stderr.write(`${text}\nTry '${name} --help' for more information.\n`);
  return e.error === "missing" ? 1 : gnuStatus;
}

function badShortText(ctx: ProgramContext, opt: string): string {
  const name = applet(ctx);
  if (ctx.exe.variant === "musl") return `${name}: unrecognized option: ${opt}`;
  if (ctx.exe.variant === "uclibc") return `${name}: invalid option -- ${opt}`;
  return `${name}: invalid option -- '${opt}'`;
}

function missingText(ctx: ProgramContext, opt: string, isLong: boolean): string {
  const name = applet(ctx);
  if (isLong) return `${name}: option '--${opt}' requires an argument`;
  if (ctx.exe.variant === "musl") return `${name}: option requires an argument: ${opt}`;
  if (ctx.exe.variant === "uclibc") return `${name}: option requires an argument -- ${opt}`;
  return `${name}: option requires an argument -- '${opt}'`;
}

// ---- dates for touch -d / -t ------------------------------------------------------------------

const utcMs = (y: number, mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(y, mo - 1, d, h, mi, s);

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  return utcMs(y, mo, d, h, mi, s);
}

/**
 * BusyBox libbb parse_datestr() (UTC): "@SECONDS", "YYYY-MM-DD[ HH:MM[:SS]]", "HH:MM[:SS]",
 * "MMDDhhmm[[CC]YY][.ss]", "YYYY.MM.DD-hh:mm[:ss]". Undefined when it does not parse.
 */
export function parseBusyboxDate(s: string, now: number): number | undefined {
  const cur = new Date(seconds(now) * 1000);
  let m: RegExpExecArray | null;
  if ((m = /^@(-?\d+)$/.exec(s))) return Number(m[1]) * 1000;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s))) {
    return validDate(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if ((m = /^(\d{4})\.(\d{1,2})\.(\d{1,2})-(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s))) {
    return validDate(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  }
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s))) {
    return validDate(cur.getUTCFullYear(), cur.getUTCMonth() + 1, cur.getUTCDate(), +m[1]!, +m[2]!, +(m[3] ?? 0));
  }
  if ((m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}|\d{4})?(?:\.(\d{2}))?$/.exec(s))) {
    let year = cur.getUTCFullYear();
    if (m[5] !== undefined) year = m[5].length === 4 ? +m[5] : (+m[5] < 69 ? 2000 : 1900) + +m[5];
    return validDate(year, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +(m[6] ?? 0));
  }
  return undefined;
}

/** GNU touch -t [[CC]YY]MMDDhhmm[.ss] (posixtime()). */
export function parsePosixTime(s: string, now: number): number | undefined {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s);
  if (m === null) return undefined;
  let year = new Date(seconds(now) * 1000).getUTCFullYear();
  if (m[1] !== undefined) year = m[1].length === 4 ? +m[1] : (+m[1] < 69 ? 2000 : 1900) + +m[1];
  return validDate(year, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
}

/** A subset of GNU parse_datetime(): ISO dates and times, "@SECONDS", "now", "yesterday", "N days ago". */
export function parseGnuDate(s: string, now: number): number | undefined {
  const t = s.trim();
  let m: RegExpExecArray | null;
  if (t === "now" || t === "") return now;
  if (t === "yesterday") return now - 86400_000;
  if (t === "tomorrow") return now + 86400_000;
  if ((m = /^@(-?\d+)$/.exec(t))) return Number(m[1]) * 1000;
  if ((m = /^(\d+) (second|minute|hour|day|week)s? ago$/.exec(t))) {
    const unit = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }[m[2] as "day"];
    return now - Number(m[1]) * unit * 1000;
  }
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?: ?(?:Z|UTC|\+0000|\+00:00))?$/.exec(t))) {
    return validDate(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t))) {
    const cur = new Date(seconds(now) * 1000);
    return validDate(cur.getUTCFullYear(), cur.getUTCMonth() + 1, cur.getUTCDate(), +m[1]!, +m[2]!, +(m[3] ?? 0));
  }
  return undefined;
}
