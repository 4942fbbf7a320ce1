// grep/egrep/fgrep (BusyBox findutils/grep.c 1.28 with FEATURE_GREP_CONTEXT; GNU grep 2.20 and
// 3.x). Patterns are POSIX BRE/ERE translated by lib/text-regex.ts (or fixed strings), matched line
// by line with -i -v -w -x; output as lines, -o parts, -c counts, -l/-L names, or nothing (-q),
// with -n numbers, file names and -A/-B/-C context ("--" between groups). -r walks directories
// through the kernel. BusyBox compiles a pattern when the first line is read ("bad regex 'P': …"),
// reads a directory operand as empty, and exits 2 after any open error (0 with -q and a match).
// GNU reports "F: Is a directory", detects binary files (a NUL byte), and searches "." for -r
// without operands.

import { type Errno, errnoOf } from "../kernel/errno.js";
import { S_IFMT, S_IFREG, isDir, isLnk } from "../kernel/permission.js";
import type { ProgramContext } from "../kernel/program.js";
import { NO_USAGE, attempt, badOptionText, errText, isOptionError, missingArgText, parseOptions } from "./lib/cmd.js";
import { type CompiledRegex, RegexError, compileRegex, matchAt, regexDialect, regexErrorText } from "./lib/text-regex.js";
import { LineReader, Tool, openSource, readWhole, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-HhnlLoqvsriwFE] [-m N] [-A/B/C N] PATTERN/-e PATTERN.../-f FILE [FILE]...",
  full: "Search for PATTERN in FILEs (or stdin)\n\n\t-H\tAdd 'filename:' prefix\n\t-h\tDo not add 'filename:' prefix\n\t-n\tAdd 'line_no:' prefix\n\t-l\tShow only names of files that match\n\t-L\tShow only names of files that don't match\n\t-c\tShow only count of matching lines\n\t-o\tShow only the matching part of line\n\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise\n\t-v\tSelect non-matching lines\n\t-s\tSuppress open and read errors\n\t-r\tRecurse\n\t-i\tIgnore case\n\t-w\tMatch whole words only\n\t-x\tMatch whole lines only\n\t-F\tPATTERN is a literal (not regexp)\n\t-E\tPATTERN is an extended regexp\n\t-m N\tMatch up to N times per file\n\t-A N\tPrint N lines of trailing context\n\t-B N\tPrint N lines of leading context\n\t-C N\tSame as '-A N -B N'\n\t-e PTRN\tPattern to match\n\t-f FILE\tRead pattern from file",
};

/** BusyBox usage for the variant (egrep and fgrep are NOUSAGE_STR); grep sets xfunc_error_retval = 2 first, so usage exits 2. */
async function bbUsage(t: Tool, variant: string): Promise<number> {
  await t.usage(variant === "grep" ? USAGE : NO_USAGE);
  return 2;
}

const GNU_LONG = [
  "extended-regexp", "fixed-strings", "basic-regexp", "regexp=", "file=", "ignore-case", "no-ignore-case", "word-regexp", "line-regexp",
  "no-messages", "invert-match", "count", "files-with-matches", "files-without-match", "only-matching", "quiet", "silent",
  "max-count=", "line-number", "with-filename", "no-filename", "after-context=", "before-context=", "context=", "recursive",
  "dereference-recursive", "text", "null", "color", "colour", "color=", "colour=", "include=", "exclude=", "exclude-dir=", "label=",
];

interface Options {
  busybox: boolean;
  invert: boolean;
  word: boolean;
  line: boolean;
  count: boolean;
  list: boolean;
  listNot: boolean;
  quiet: boolean;
  only: boolean;
  number: boolean;
  suppress: boolean;
  maxCount: number;
  before: number;
  after: number;
  text: boolean;
}

class QuitSignal {
  constructor(readonly status: number) {}
}

const isWordChar = (c: string | undefined) => c !== undefined && /[0-9A-Za-z_]/.test(c);

/** One pattern, fixed or compiled; finds matches the way grep accepts them (-w, -x). */
class Pattern {
  private re: CompiledRegex | undefined;
  private anchored: CompiledRegex | undefined;

  constructor(readonly text: string, private readonly fixed: boolean, private readonly icase: boolean, private readonly compile: (p: string, whole: boolean) => CompiledRegex) {}

  private regex(): CompiledRegex {
    return (this.re ??= this.compile(this.text, false));
  }

  /** Compiles now (so errors surface); fixed strings never fail. */
  prepare(line: boolean): void {
    if (this.fixed) return;
    this.regex();
    if (line) this.anchored ??= this.compile(this.text, true);
  }

  /** The first raw match at or after `from`: [start, end]. */
  private raw(s: string, from: number): [number, number] | undefined {
    if (this.fixed) {
      const hay = this.icase ? s.toLowerCase() : s;
      const at = hay.indexOf(this.icase ? this.text.toLowerCase() : this.text, from);
      return at < 0 ? undefined : [at, at + this.text.length];
    }
    const m = matchAt(this.regex(), s, from);
    return m === null ? undefined : [m.index, m.end];
  }

  /** The first acceptable match (respecting -x/-w) at or after `from`. */
  find(s: string, from: number, o: Options): [number, number] | undefined {
    if (o.line) {
      if (this.fixed) return (this.icase ? s.toLowerCase() === this.text.toLowerCase() : s === this.text) && from === 0 ? [0, s.length] : undefined;
      const m = matchAt(this.anchored!, s, 0);
      return m !== null && from === 0 ? [0, s.length] : undefined;
    }
    if (!o.word) return this.raw(s, from);
    for (let start = from; start <= s.length; ) {
      const m = this.raw(s, start);
      if (m === undefined) return undefined;
      if (!isWordChar(s[m[0] - 1]) && !isWordChar(s[m[1]])) return m;
      if (!o.busybox && m[1] > m[0]) {
        // GNU tries shorter matches at the same start before moving on.
        for (let end = m[1] - 1; end > m[0]; end--) {
          if (isWordChar(s[end])) continue;
          const sub = this.raw(s.slice(0, end), m[0]);
          if (sub !== undefined && sub[0] === m[0] && sub[1] === end && !isWordChar(s[m[0] - 1])) return sub;
        }
      }
      // BusyBox: a zero-length match ends the search ("echo foo | grep -w ^" prints nothing).
      if (o.busybox) {
        if (m[1] === 0 || m[1] <= start && m[1] === m[0]) return undefined;
        start = m[1] > start ? m[1] : start + 1;
      } else start = m[0] + 1;
    }
    return undefined;
  }
}

interface Input {
  name: string;
  /** Whole contents (files) or undefined for a stream. */
  data?: string;
  src?: { read(max?: number): Promise<string> };
}

class Grep {
  private patterns: Pattern[] = [];
  private compiled = false;
  showNames = false;
  private printedAny = false;
  private lastPrinted = 0;
  matchedAny = false;
  errors = false;

  constructor(readonly t: Tool, readonly o: Options, private readonly patternTexts: string[], private readonly fixed: boolean, private readonly ere: boolean, private readonly icase: boolean) {}

  get ctx(): ProgramContext {
    return this.t.ctx;
  }

  /** Builds the matchers; a bad regex ends grep with status 2. */
  async prepare(): Promise<void> {
    if (this.compiled) return;
    this.compiled = true;
    const dialect = regexDialect(this.ctx.exe);
    const compile = (p: string, whole: boolean) => {
      const c = compileRegex(p, { syntax: this.ere ? "ere" : "bre", dialect, icase: this.icase });
      return whole ? { ...c, re: new RegExp(`^(?:${c.source})$`, c.flags) } : c;
    };
    for (const text of this.patternTexts) {
      const p = new Pattern(text, this.fixed, this.icase, compile);
      try {
        p.prepare(this.o.line);
      } catch (err) {
        if (!(err instanceof RegexError)) throw err;
        const msg = regexErrorText(err.code, dialect);
        await this.t.error(this.o.busybox ? `bad regex '${text}': ${msg}` : msg);
        throw new QuitSignal(2);
      }
      this.patterns.push(p);
    }
  }

  private firstMatch(line: string, from: number): { at: [number, number]; pattern: Pattern } | undefined {
    let best: { at: [number, number]; pattern: Pattern } | undefined;
    for (const p of this.patterns) {
      const m = p.find(line, from, this.o);
      if (m === undefined) continue;
      if (this.o.busybox) return { at: m, pattern: p };
      if (best === undefined || m[0] < best.at[0] || (m[0] === best.at[0] && m[1] > best.at[1])) best = { at: m, pattern: p };
    }
    return best;
  }

  private async emit(name: string, lineNo: number, sep: string, text: string | undefined): Promise<void> {
    const o = this.o;
    if ((o.before > 0 || o.after > 0) && this.printedAny && this.lastPrinted !== lineNo - 1) await this.t.print("--\n");
    this.printedAny = true;
    this.lastPrinted = lineNo;
    let prefix = "";
    if (this.showNames) prefix += `${name}${sep}`;
    if (o.number) prefix += `${lineNo}${sep}`;
    if (text !== undefined) await this.t.print(`${prefix}${text}\n`);
    else if (prefix !== "" && !o.busybox) return;
    else if (prefix !== "") await this.t.print(prefix);
  }

  private async printOnly(name: string, lineNo: number, line: string, first: { at: [number, number]; pattern: Pattern }): Promise<void> {
    const o = this.o;
    if (o.invert) {
      // "grep -ov": BusyBox prints just the prefixes; GNU prints nothing.
      if (o.busybox) await this.emit(name, lineNo, ":", undefined);
      return;
    }
    if (this.fixed && o.busybox) {
      await this.emit(name, lineNo, ":", first.pattern.text);
      return;
    }
    let m: [number, number] | undefined = first.at;
    while (m !== undefined) {
      if (m[1] > m[0]) await this.emit(name, lineNo, ":", line.slice(m[0], m[1]));
      if (m[1] >= line.length) break;
      const next: number = m[1] === m[0] ? m[1] + 1 : m[1];
      m = o.busybox ? first.pattern.find(line, next, { ...o, word: false, line: false }) : this.firstMatch(line, next)?.at;
    }
  }

  /** Searches one input; returns the number of selected lines. */
  async search(input: Input): Promise<number> {
    const o = this.o;
    const name = input.name;
    const before: [number, string][] = [];
    let afterLeft = 0;
    let selected = 0;
    let lineNo = 0;
    const binary = !o.busybox && !o.text && input.data !== undefined && input.data.includes("\0");
    const lines = input.data !== undefined ? splitKeep(input.data) : undefined;
    const stream = input.src === undefined ? undefined : new LineReader(input.src, "\n", this.ctx);
    const nextLine = async (): Promise<string | undefined> => (lines !== undefined ? lines[lineNo] : stream!.next());
    for (;;) {
      const line = await nextLine();
      if (line === undefined) break;
      lineNo++;
      await this.prepare();
      const found = this.firstMatch(line, 0);
      const isSelected = (found !== undefined) !== o.invert;
      if (isSelected) {
        if (o.maxCount >= 0 && selected >= o.maxCount) break;
        selected++;
        this.matchedAny = true;
        if (o.quiet) throw new QuitSignal(0);
        if (o.list || o.listNot) {
          if (o.list) await this.t.print(`${name}\n`);
          return selected;
        }
        if (binary && !o.count) {
          const [major = 0, minor = 0] = this.ctx.exe.version.split(".").map(Number);
          if (major > 3 || (major === 3 && minor >= 5)) await this.t.error(`${name}: binary file matches`);
          else await this.t.print(`Binary file ${name} matches\n`);
          return selected;
        }
        if (!o.count) {
          for (const [n, l] of before.splice(0)) await this.emit(name, n, "-", l);
          if (o.only) await this.printOnly(name, lineNo, line, found ?? { at: [0, 0], pattern: this.patterns[0]! });
          else await this.emit(name, lineNo, ":", line);
          afterLeft = o.after;
        }
      } else if (!o.count) {
        if (afterLeft > 0) {
          await this.emit(name, lineNo, "-", line);
          afterLeft--;
        } else if (o.before > 0) {
          before.push([lineNo, line]);
          if (before.length > o.before) before.shift();
        }
      }
      if (o.maxCount >= 0 && selected >= o.maxCount && afterLeft === 0) break;
      if ((lineNo & 63) === 0) await this.t.checkpoint();
    }
    if (o.count) await this.t.print(`${this.showNames ? `${name}:` : ""}${selected}\n`);
    if (o.listNot && selected === 0) await this.t.print(`${name}\n`);
    return selected;
  }

  async reportError(name: string, e: Errno): Promise<void> {
    this.errors = true;
    if (!this.o.suppress) await this.t.perror(name, e);
  }

  /** One file operand: a regular file is read whole, anything else (a device, a FIFO) streamed. */
  async file(path: string): Promise<void> {
    const st = attempt(() => this.ctx.sys.stat(path));
    if (st.ok && (st.value.mode & S_IFMT) !== S_IFREG && !isDir(st.value.mode)) {
      const src = await openSource(this.ctx, path);
      if (!src.ok) return this.reportError(path, src.errno);
      try {
        await this.search({ name: path, src: src.src });
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
        if (e.name === "ENOMEM") {
          // xmalloc() failing: BusyBox "out of memory", GNU xalloc_die() "memory exhausted".
          await this.t.error(this.o.busybox ? "out of memory" : "memory exhausted");
          throw new QuitSignal(this.o.busybox ? 1 : 2);
        }
        await this.reportError(path, e);
      }
      return;
    }
    const r = await readWhole(this.ctx, path);
    if (!r.ok) {
      // BusyBox opens a directory fine and reads nothing from it.
      if (this.o.busybox && r.errno.name === "EISDIR") {
        await this.search({ name: path, data: "" });
        return;
      }
      await this.reportError(path, r.errno);
      return;
    }
    await this.search({ name: path, data: r.data });
  }

  /** recursive_action() / fts: depth first, symlinks followed on the command line only. */
  async walk(dir: string, display: string): Promise<void> {
    const listed = attempt(() => this.ctx.sys.readdir(dir));
    if (!listed.ok) {
      await this.reportError(display, listed.errno);
      return;
    }
    for (const entry of listed.value) {
      if (entry === "." || entry === "..") continue;
      const path = dir.endsWith("/") ? `${dir}${entry}` : `${dir}/${entry}`;
      const shown = display === "" ? entry : display.endsWith("/") ? `${display}${entry}` : `${display}/${entry}`;
      const st = attempt(() => this.ctx.sys.lstat(path));
      if (!st.ok) {
        await this.reportError(shown, st.errno);
        continue;
      }
      let mode = st.value.mode;
      if (isLnk(mode)) {
        if (!this.o.busybox) continue; // GNU -r skips symlinks below the command line
        const target = attempt(() => this.ctx.sys.stat(path));
        if (!target.ok) {
          await this.reportError(shown, target.errno);
          continue;
        }
        if (isDir(target.value.mode)) continue;
        mode = target.value.mode;
      }
      // Devices, FIFOs and sockets below the operands are skipped (GNU's default; BusyBox would
      // block on a FIFO or read /dev/zero forever, which a shared sandbox must not do).
      if (isDir(mode)) await this.walk(path, shown);
      else if ((mode & S_IFMT) === S_IFREG) await this.fileBelow(path, shown);
      await this.t.checkpoint();
    }
  }

  /** A file met while recursing, shown under its walked name. */
  private async fileBelow(path: string, shown: string): Promise<void> {
    const r = await readWhole(this.ctx, path);
    if (!r.ok) {
      await this.reportError(shown, r.errno);
      return;
    }
    await this.search({ name: shown, data: r.data });
  }
}

function splitKeep(data: string): string[] {
  const lines = data.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function contextNumber(t: Tool, v: string): number | string {
  if (/^\d+$/.test(v)) return Number(v);
  return t.busybox ? `invalid number '${v}'` : `${v}: invalid context length argument`;
}

async function grepMain(ctx: ProgramContext, variant: "grep" | "egrep" | "fgrep"): Promise<number> {
  const t = new Tool(ctx);
  const busybox = t.busybox;
  const spec = busybox ? "lnqvscFiHhe:f:Lorm:wxA:B:C:EaI" : "lnqvscFiHhe:f:LorRm:wxA:B:C:EGPaIZzbTUuVy";
  const parsed = parseOptions(ctx.argv.slice(1), spec, { permute: ctx.exe.variant !== "musl" || !busybox, ...(busybox ? {} : { long: GNU_LONG }) });
  const gnuUsage = async () => {
    const pats = /^2\./.test(ctx.exe.version) ? "PATTERN" : "PATTERNS";
    await t.stderr(`Usage: ${t.name} [OPTION]... ${pats} [FILE]...\nTry '${t.name} --help' for more information.\n`);
    return 2;
  };
  if (isOptionError(parsed)) {
    if (busybox) {
      await t.stderr(`${parsed.kind === "unknown" ? badOptionText(ctx, parsed.opt) : missingArgText(ctx, parsed.opt)}\n`);
      return bbUsage(t, variant);
    }
    const text = parsed.kind === "unknown" ? (parsed.opt.startsWith("--") ? `unrecognized option '${parsed.opt}'` : `invalid option -- '${parsed.opt}'`) : `option requires an argument -- '${parsed.opt}'`;
    await t.stderr(`${t.name}: ${text}\n`);
    return gnuUsage();
  }
  const f = parsed.flags;
  const has = (c: string, ...longs: string[]) => f.has(c) || longs.some((l) => f.has(`--${l}`));
  const v = parsed.values;
  const o: Options = {
    busybox, invert: has("v", "invert-match"), word: has("w", "word-regexp"), line: has("x", "line-regexp"),
    count: has("c", "count"), list: has("l", "files-with-matches"), listNot: has("L", "files-without-match"), quiet: has("q", "quiet", "silent"),
    only: has("o", "only-matching"), number: has("n", "line-number"), suppress: has("s", "no-messages"), maxCount: -1, before: 0, after: 0,
    text: has("a", "text"),
  };
  // Context: -C sets both, a later -A/-B overrides (getopt order is kept by the parser's last value).
  for (const [key, long, set] of [["C", "--context", (n: number) => { o.before = n; o.after = n; }], ["A", "--after-context", (n: number) => { o.after = n; }], ["B", "--before-context", (n: number) => { o.before = n; }]] as const) {
    const val = v.get(key) ?? v.get(long);
    if (val === undefined) continue;
    const n = contextNumber(t, val);
    if (typeof n === "string") return (await t.error(n), 2);
    set(n);
  }
  const m = v.get("m") ?? v.get("--max-count");
  if (m !== undefined) {
    if (!/^-?\d+$/.test(m) || (busybox && m.startsWith("-"))) return (await t.error(busybox ? `invalid number '${m}'` : "invalid max count"), 2);
    o.maxCount = Number(m) < 0 ? -1 : Number(m);
  }
  if (o.count || o.quiet || o.list || o.listNot) {
    if (busybox) o.number = false;
    o.before = 0;
    o.after = 0;
  }
  // Patterns: -e (in order), -f files, else the first operand. GNU splits patterns at newlines.
  let patterns: string[] = [...(parsed.lists.get("e") ?? [])];
  if (v.has("--regexp")) patterns.push(v.get("--regexp")!);
  let invertForEmpty = false;
  const files = [...(parsed.lists.get("f") ?? []), ...(v.has("--file") ? [v.get("--file")!] : [])];
  for (const file of files) {
    const r = await readWhole(ctx, file);
    if (!r.ok) {
      await t.error(`${file}: ${errText(ctx, r.errno)}`);
      return 2;
    }
    patterns.push(...splitKeep(r.data));
  }
  let operands = parsed.operands;
  if (patterns.length === 0) {
    if (files.length > 0) {
      // "-f EMPTY_FILE": nothing matches (BusyBox inverts an empty pattern, like GNU).
      patterns = [""];
      invertForEmpty = true;
    } else {
      if (operands.length === 0) return busybox ? bbUsage(t, variant) : gnuUsage();
      patterns = [operands[0]!];
      operands = operands.slice(1);
    }
  }
  if (!busybox) patterns = patterns.flatMap((p) => p.split("\n"));
  if (invertForEmpty) o.invert = !o.invert;
  const fixed = variant === "fgrep" || has("F", "fixed-strings");
  const ere = !fixed && (variant === "egrep" || has("E", "extended-regexp"));
  const icase = has("i", "ignore-case") || f.has("y");
  const g = new Grep(t, o, patterns, fixed, ere, icase);
  const recursive = has("r", "recursive") || has("R", "dereference-recursive");
  const implicitDot = !busybox && recursive && operands.length === 0;
  if (implicitDot) operands = ["."];
  g.showNames = operands.length > 1 || (!busybox && recursive);
  if (has("H", "with-filename")) g.showNames = true;
  if (has("h", "no-filename")) g.showNames = false;
  const noNames = has("h", "no-filename");
  const noOperands = operands.length === 0;
  try {
    // BusyBox compiles lazily, GNU up front (so a bad regex is reported before any file error).
    if (!busybox) {
      const [major = 0, minor = 0] = ctx.exe.version.split(".").map(Number);
      const warns = major > 3 || (major === 3 && minor >= 8);
      for (const p of patterns) {
        const lead = ere && warns ? /^[*+?{]/.exec(p) : null;
        if (lead !== null) await t.error(`warning: ${lead[0]} at start of expression`);
      }
      await g.prepare();
    }
    for (const op of noOperands ? ["-"] : operands) {
      if (op === "-") {
        await g.search({ name: "(standard input)", src: ctx.stdin });
        continue;
      }
      if (recursive) {
        const st = attempt(() => ctx.sys.stat(op));
        if (st.ok && isDir(st.value.mode)) {
          if (busybox && !noNames) g.showNames = true;
          // GNU names files below "." (given implicitly) without the "./" prefix.
          await g.walk(op, implicitDot ? "" : op);
          continue;
        }
      }
      await g.file(op);
    }
  } catch (err) {
    if (err instanceof QuitSignal) {
      await t.out.flush();
      return err.status;
    }
    const e = errnoOf(err);
    if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
    await t.perror("(standard input)", e);
    g.errors = true;
  }
  await t.out.flush();
  if (g.errors && !(o.quiet && g.matchedAny)) return 2;
  return g.matchedAny ? 0 : 1;
}

export const grep: Command = { name: "grep", main: (ctx) => grepMain(ctx, "grep"), usage: USAGE };
export const egrep: Command = { name: "egrep", main: (ctx) => grepMain(ctx, "egrep"), usage: NO_USAGE };
export const fgrep: Command = { name: "fgrep", main: (ctx) => grepMain(ctx, "fgrep"), usage: NO_USAGE };
