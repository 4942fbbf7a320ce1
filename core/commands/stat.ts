// stat [-ltf] [-c FMT] FILE… — BusyBox coreutils/stat.c (do_stat(), print_stat(), print_it()) and
// GNU coreutils stat.c (default_format(), print_stat()). BusyBox ≤ 1.31 prints times as
// "YYYY-MM-DD HH:MM:SS.000000000", later ones add nanoseconds and the zone like GNU. GNU 9.x prints
// the device as major,minor and says "cannot statx"; 8.23 quotes the file name.

import type { ProgramContext } from "../kernel/program.js";
import type { Attrs, StatFs } from "../vfs/node.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import {
  type IdNames, atLeast, fileTypeName, fullTime, gnuQuote, isBusybox, isDevMode, isLinkMode, isScanError, loadIds,
  major, minor, modeString, permutes, scanError, scanOptions, seconds, strftime,
} from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] FILE...",
  full: `Display file (default) or filesystem status

\t-c FMT\tUse the specified format
\t-f\tDisplay filesystem status
\t-L\tFollow links
\t-t\tTerse display

FMT sequences for files:
 %a\tAccess rights in octal
 %A\tAccess rights in human readable form
 %b\tNumber of blocks allocated (see %B)
 %B\tSize in bytes of each block reported by %b
 %d\tDevice number in decimal
 %D\tDevice number in hex
 %f\tRaw mode in hex
 %F\tFile type
 %g\tGroup ID
 %G\tGroup name
 %h\tNumber of hard links
 %i\tInode number
 %n\tFile name
 %N\tFile name, with -> TARGET if symlink
 %o\tI/O block size
 %s\tTotal size in bytes
 %t\tMajor device type in hex
 %T\tMinor device type in hex
 %u\tUser ID
 %U\tUser name
 %x\tTime of last access
 %X\tTime of last access as seconds since Epoch
 %y\tTime of last modification
 %Y\tTime of last modification as seconds since Epoch
 %z\tTime of last change
 %Z\tTime of last change as seconds since Epoch

FMT sequences for file systems:
 %a\tFree blocks available to non-superuser
 %b\tTotal data blocks
 %c\tTotal file nodes
 %d\tFree file nodes
 %f\tFree blocks
 %i\tFile System ID in hex
 %l\tMaximum length of filenames
 %n\tFile name
 %s\tBlock size (for faster transfer)
 %S\tFundamental block size (for block counts)
 %t\tType in hex
 %T\tType in human readable form`,
};

/** statfs f_type magic numbers (include/uapi/linux/magic.h). */
const FS_MAGIC: Record<string, number> = {
  ext4: 0xef53, overlay: 0x794c7630, tmpfs: 0x01021994, proc: 0x9fa0, sysfs: 0x62656572, devpts: 0x1cd1,
  cgroup2: 0x63677270, mqueue: 0x19800202,
};
const BB_FS_NAME: Record<number, string> = { 0xef53: "ext2/ext3", 0x01021994: "tmpfs", 0x9fa0: "proc", 0x62656572: "sysfs", 0x1cd1: "devpts" };
const GNU_FS_NAME: Record<number, string> = {
  0xef53: "ext2/ext3", 0x794c7630: "overlayfs", 0x01021994: "tmpfs", 0x9fa0: "proc", 0x62656572: "sysfs", 0x1cd1: "devpts",
  0x63677270: "cgroup2fs", 0x19800202: "mqueue",
};

interface Target {
  readonly name: string;
  readonly st: Attrs;
}

/** Applies a printf-style flag/width/precision ("%-10", "%04") to a value. */
function printfLike(spec: string, value: string, numeric: boolean): string {
  const m = /^%([#\-+ 0I]*)(\d*)(?:\.(\d+))?$/.exec(spec);
  if (m === null) return value;
  const flags = m[1]!;
  const width = Number(m[2] || 0);
  let v = value;
  if (m[3] !== undefined) v = numeric ? v.padStart(Number(m[3]), "0") : v.slice(0, Number(m[3]));
  if (flags.includes("-")) return v.padEnd(width);
  if (flags.includes("0") && numeric) return v.startsWith("-") ? `-${v.slice(1).padStart(width - 1, "0")}` : v.padStart(width, "0");
  return v.padStart(width);
}

class Formatter {
  constructor(
    readonly ctx: ProgramContext,
    readonly ids: IdNames,
  ) {}

  private get busybox(): boolean {
    return isBusybox(this.ctx);
  }

  time(ms: number): string {
    if (this.busybox && !atLeast(this.ctx, "1.32")) return `${strftime("%Y-%m-%d %H:%M:%S", ms)}.000000000`;
    return fullTime(ms);
  }

  /** %N: the name, with " -> target" for a symlink. */
  quotedName(t: Target): string {
    const link = isLinkMode(t.st.mode) ? attempt(() => this.ctx.sys.readlink(t.name)) : undefined;
    const q = (s: string) => (this.busybox ? s : atLeast(this.ctx, "8.25") ? shellEscape(s) : gnuQuote(s));
    if (link !== undefined && link.ok) return this.busybox ? `'${t.name}' -> '${link.value}'` : `${q(t.name)} -> ${q(link.value)}`;
    return q(t.name);
  }

  /** One %-conversion for a file. */
  file(c: string, t: Target): { value: string; numeric: boolean } | undefined {
    const st = t.st;
    const num = (n: number) => ({ value: String(n), numeric: true });
    const str = (s: string) => ({ value: s, numeric: false });
    switch (c) {
      case "n": return str(t.name);
      case "N": return str(this.quotedName(t));
      case "a": return { value: (st.mode & 0o7777).toString(8), numeric: true };
      case "A": return str(modeString(st.mode));
      case "b": return num(st.blocks);
      case "B": return num(512);
      case "d": return num(st.dev);
      case "D": return { value: st.dev.toString(16), numeric: true };
      case "f": return { value: st.mode.toString(16), numeric: true };
      case "F": return str(fileTypeName(st));
      case "g": return num(st.gid);
      case "G": return str(this.ids.group(st.gid) ?? "UNKNOWN");
      case "h": return num(st.nlink);
      case "i": return num(st.ino);
      case "o": return num(st.blksize);
      case "s": return num(st.size);
      case "t": return { value: major(st.rdev).toString(16), numeric: true };
      case "T": return { value: minor(st.rdev).toString(16), numeric: true };
      case "u": return num(st.uid);
      case "U": return str(this.ids.user(st.uid) ?? "UNKNOWN");
      case "x": return str(this.time(st.atime));
      case "X": return num(seconds(st.atime));
      case "y": return str(this.time(st.mtime));
      case "Y": return num(seconds(st.mtime));
      case "z": return str(this.time(st.ctime));
      case "Z": return num(seconds(st.ctime));
      case "w": return this.busybox ? undefined : str("-");
      case "W": return this.busybox ? undefined : num(0);
      case "m": return this.busybox ? undefined : str(attempt(() => this.ctx.sys.statfs(t.name)).ok ? this.ctx.sys.statfs(t.name).mountpoint : "?");
      case "H": return this.busybox ? undefined : num(major(st.dev));
      case "L": return this.busybox ? undefined : num(minor(st.dev));
      case "r": return this.busybox ? undefined : num(st.rdev);
      case "R": return this.busybox ? undefined : { value: st.rdev.toString(16), numeric: true };
      default: return undefined;
    }
  }

  fs(c: string, name: string, s: StatFs): { value: string; numeric: boolean } | undefined {
    const magic = FS_MAGIC[s.type] ?? 0;
    const num = (n: number) => ({ value: String(n), numeric: true });
    switch (c) {
      case "n": return { value: name, numeric: false };
      case "i": return { value: "0", numeric: true };
      case "l": return num(255);
      case "t": return { value: magic.toString(16), numeric: true };
      case "T": return { value: (this.busybox ? BB_FS_NAME[magic] : GNU_FS_NAME[magic]) ?? (this.busybox ? "UNKNOWN" : `UNKNOWN (0x${magic.toString(16)})`), numeric: false };
      case "b": return num(s.blocks);
      case "f": return num(s.blocksFree);
      case "a": return num(s.blocksFree);
      case "s": case "S": return num(s.blockSize);
      case "c": return num(s.files);
      case "d": return num(s.filesFree);
      default: return undefined;
    }
  }
}

/** GNU shell-escape quoting: quotes only when the name needs it. */
function shellEscape(s: string): string {
  if (s !== "" && /^[A-Za-z0-9_.\/:,@%+=^-][A-Za-z0-9_.\/:,@%+=^~#-]*$/.test(s)) return s;
  return s.includes("'") ? `"${s}"` : `'${s}'`;
}

/** print_it(): copies the format, expanding %-conversions; BusyBox appends a newline. */
function expand(format: string, conv: (c: string) => { value: string; numeric: boolean } | undefined, gnuEscapes: boolean): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === "\\" && gnuEscapes && i + 1 < format.length) {
      const n = format[++i]!;
      const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", a: "\x07", b: "\b", f: "\f", r: "\r", v: "\v", '"': '"' };
      out += map[n] ?? `\\${n}`;
      continue;
    }
    if (ch !== "%") {
      out += ch;
      continue;
    }
    const m = /^%[#\-+ 0I]*\d*(?:\.\d+)?/.exec(format.slice(i))!;
    const spec = m[0];
    const c = format[i + spec.length];
    i += spec.length;
    if (c === undefined) {
      out += "%";
      break;
    }
    if (c === "%") {
      out += "%";
      continue;
    }
    const v = conv(c);
    out += v === undefined ? (gnuEscapes ? `?` : `${printfLike(spec, c, false)}`) : printfLike(spec, v.value, v.numeric);
  }
  return out;
}

function defaultFileFormat(ctx: ProgramContext, st: Attrs, terse: boolean): string {
  const busybox = isBusybox(ctx);
  if (terse) return busybox ? "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o" : "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";
  const dev = busybox || !atLeast(ctx, "9.0") ? "Device: %Dh/%dd" : "Device: %H,%L";
  const devType = busybox || !atLeast(ctx, "9.0") ? " Device type: %t,%T" : " Device type: %t,%T";
  const links = isDevMode(st.mode) ? `Links: %-5h${devType}` : "Links: %h";
  const head = `  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n${dev}\tInode: %-10i  ${links}\n`
    + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z";
  return busybox ? head : `${head}\n Birth: %w\n`;
}

function defaultFsFormat(ctx: ProgramContext, terse: boolean): string {
  if (isBusybox(ctx)) {
    return terse ? "%n %i %l %t %s %b %f %a %c %d"
      : "  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\nBlock size: %-10s\nBlocks: Total: %-10b Free: %-10f Available: %a\nInodes: Total: %-10c Free: %d";
  }
  return terse ? "%n %i %l %t %s %S %b %f %a %c %d\n"
    : "  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\nBlock size: %-10s Fundamental block size: %S\nBlocks: Total: %-10b Free: %-10f Available: %a\nInodes: Total: %-10c Free: %d\n";
}

export const stat: Command = {
  name: "stat",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), "tLfc:", busybox ? {} : { format: "required", printf: "required", dereference: "none", "file-system": "none", terse: "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let terse = false;
    let follow = false;
    let fsMode = false;
    let format: string | undefined;
    let gnuEscapes = false;
    for (const { opt, value } of scanned.options) {
      if (opt === "t" || opt === "--terse") terse = true;
      else if (opt === "L" || opt === "--dereference") follow = true;
      else if (opt === "f" || opt === "--file-system") fsMode = true;
      else if (opt === "c" || opt === "--format") format = busybox ? value! : `${value!}\n`;
      else if (opt === "--printf") {
        format = value!;
        gnuEscapes = true;
      }
    }
    if (scanned.operands.length === 0) {
      if (busybox) {
        return usage(ctx, USAGE.trivial, USAGE.full);
      }
      await ctx.stderr.write("stat: missing operand\nTry 'stat --help' for more information.\n");
      return 1;
    }
    const fmt = new Formatter(ctx, await loadIds(ctx));
    let status = 0;
    for (const name of scanned.operands) {
      if (fsMode) {
        const r = attempt(() => ctx.sys.statfs(name));
        if (!r.ok) {
          status = 1;
          await ctx.stderr.write(busybox ? `stat: can't read file system information for '${name}': ${errText(ctx, r.errno)}\n` : `stat: cannot read file system information for ${gnuQuote(name)}: ${errText(ctx, r.errno)}\n`);
          continue;
        }
        const text = expand(format ?? defaultFsFormat(ctx, terse), (c) => fmt.fs(c, name, r.value), gnuEscapes);
        await ctx.stdout.write(busybox ? `${text}\n` : text);
        continue;
      }
      const r = attempt(() => (follow ? ctx.sys.stat(name) : ctx.sys.lstat(name)));
      if (!r.ok) {
        status = 1;
        const verb = atLeast(ctx, "8.32") && !busybox ? "statx" : "stat";
        await ctx.stderr.write(busybox ? `stat: can't stat '${name}': ${errText(ctx, r.errno)}\n` : `stat: cannot ${verb} ${gnuQuote(name)}: ${errText(ctx, r.errno)}\n`);
        continue;
      }
      const t: Target = { name, st: r.value };
      const text = expand(format ?? defaultFileFormat(ctx, r.value, terse), (c) => fmt.file(c, t), gnuEscapes);
      await ctx.stdout.write(busybox ? `${text}\n` : text);
    }
    return status;
  },
};
