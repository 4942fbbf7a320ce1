// The sed language (XCU sed; BusyBox editors/sed.c 1.28; GNU sed 4.x): parsing scripts into
// commands with addresses, and running them over a stream of lines with pattern and hold space.
// Commands: s y p P d D n N g G h H x = a i c r w b t T q Q l : { } !, addresses N, $, /re/,
// \cREc, ranges (N,M  /a/,/b/  N,+M), GNU also first~step, 0,/re/, addr,~N and the I flag.
// Parse errors are values (SedError) rendered by the caller in the build's wording.

import { type CompiledRegex, RegexError, type RegexDialect, compileRegex, matchAt, regexErrorText } from "./text-regex.js";

export interface SedFlavour {
  busybox: boolean;
  dialect: RegexDialect;
  ere: boolean;
}

/** A parse error: BusyBox prints `msg`; GNU prefixes "-e expression #N, char M: ". */
export class SedError extends Error {
  constructor(readonly msg: string, readonly char: number, readonly plain = false) {
    super(msg);
  }
}

type Addr =
  | { kind: "line"; n: number }
  | { kind: "last" }
  | { kind: "re"; re: CompiledRegex | undefined }
  | { kind: "step"; first: number; step: number };

type Addr2 = Addr | { kind: "plus"; n: number } | { kind: "mult"; n: number };

export interface SedCmd {
  a1?: Addr;
  a2?: Addr2;
  invert: boolean;
  cmd: string;
  /** s: the regex (undefined: the last one used), replacement, flags. */
  re?: CompiledRegex | undefined;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: number;
  wfile?: string;
  text?: string;
  label?: string;
  ymap?: Map<string, string>;
  /** Index of the matching "}" for "{", of the target for b/t/T. */
  jump?: number;
  /** Range state. */
  active: boolean;
  done?: boolean;
  endLine?: number;
}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);

/** BusyBox copy_parsing_escapes(): \n, \t, \r inside regexes and replacements. */
function bbEscapes(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      const c = s[i + 1]!;
      if (c === "n") out += "\n";
      else if (c === "t") out += "\t";
      else if (c === "r") out += "\r";
      else out += `\\${c}`;
      i++;
      continue;
    }
    out += s[i];
  }
  return out;
}

export class SedParser {
  readonly cmds: SedCmd[] = [];
  quietFromScript = false;
  private pendingBlocks: number[] = [];
  /** Files named by w commands and s///w flags (opened by the caller). */
  readonly wfiles = new Set<string>();

  constructor(private readonly f: SedFlavour) {}

  private compile(pattern: string, icase: boolean, at: number): CompiledRegex {
    try {
      return compileRegex(pattern, { syntax: this.f.ere ? "ere" : "bre", dialect: this.f.dialect, icase, sedEscapes: true });
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      const text = regexErrorText(err.code, this.f.dialect);
      throw new SedError(this.f.busybox ? `bad regex '${pattern}': ${text}` : text, at);
    }
  }

  /** Finds the closing delimiter (not escaped, not inside a bracket for regexes). */
  private delim(s: string, from: number, d: string, brackets: boolean): number {
    let bracket = -1;
    for (let i = from; i < s.length; i++) {
      const c = s[i]!;
      if (bracket >= 0) {
        if (c === "]" && !(bracket === i - 1 || (bracket === i - 2 && s[i - 1] === "^"))) bracket = -1;
        continue;
      }
      if (c === "\\") {
        i++;
        continue;
      }
      if (brackets && c === "[") bracket = i;
      else if (c === d) return i;
    }
    return -1;
  }

  /** The regex text between delimiters: "\d" for the delimiter itself becomes d. */
  private unescapeDelim(s: string, d: string): string {
    if (d === "/" || d === "\\") return s;
    return s.replace(new RegExp(`\\\\${d.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}`, "g"), d === "n" ? "\\n" : d);
  }

  private address(s: string, i: number): { addr?: Addr; next: number } {
    const c = s[i];
    if (c !== undefined && c >= "0" && c <= "9") {
      const m = /^\d+/.exec(s.slice(i))!;
      const n = Number(m[0]);
      let next = i + m[0].length;
      if (!this.f.busybox && s[next] === "~") {
        const st = /^\d*/.exec(s.slice(next + 1))!;
        next += 1 + st[0].length;
        return { addr: { kind: "step", first: n, step: Number(st[0] || 0) }, next };
      }
      return { addr: { kind: "line", n }, next };
    }
    if (c === "$") return { addr: { kind: "last" }, next: i + 1 };
    if (c === "/" || c === "\\") {
      let d = "/";
      let start = i + 1;
      if (c === "\\") {
        d = s[i + 1] ?? "";
        start = i + 2;
      }
      const end = this.delim(s, start, d, true);
      if (end < 0) throw new SedError(this.f.busybox ? `unmatched '${d}'` : "unterminated address regex", s.length);
      const body = this.unescapeDelim(s.slice(start, end), d);
      let next = end + 1;
      let icase = false;
      while (!this.f.busybox && (s[next] === "I" || s[next] === "M")) {
        if (s[next] === "I") icase = true;
        next++;
      }
      if (body === "") return { addr: { kind: "re", re: undefined }, next };
      return { addr: { kind: "re", re: this.compile(this.f.busybox ? bbEscapes(body) : body, icase, next) }, next };
    }
    return { next: i };
  }

  private fileName(s: string, i: number): { name: string; next: number } {
    let start = i;
    while (start < s.length && isSpace(s[start]) && s[start] !== "\n") start++;
    let end = start;
    while (end < s.length && s[end] !== "\n") end++;
    const name = s.slice(start, end);
    if (name === "") throw new SedError(this.f.busybox ? "empty filename" : "missing filename in r/R/w/W commands", end);
    return { name, next: end };
  }

  /** Text of a, i, c: "a\" newline text, "a text" (one-liner), backslashes removed. */
  private text(s: string, i: number, cmd: string): { text: string; next: number } {
    let p = i;
    while (p < s.length && isSpace(s[p]) && s[p] !== "\n") p++;
    if (this.f.busybox && s[p] === "\n") p++;
    else if (s[p] === "\\") {
      p++;
      if (s[p] === "\n") p++;
      else if (!this.f.busybox) while (p < s.length && isSpace(s[p]) && s[p] !== "\n") p++;
    } else if (p >= s.length && !this.f.busybox) {
      throw new SedError(`expected \\ after \`a', \`c' or \`i'`, p);
    } else if (s[p] === "\n" && !this.f.busybox) {
      throw new SedError(`expected \\ after \`a', \`c' or \`i'`, p);
    }
    void cmd;
    // Up to an unescaped newline (GNU one-liners end there; BusyBox takes the rest of the script).
    let out = "";
    for (; p < s.length; p++) {
      const c = s[p]!;
      if (c === "\\" && p + 1 < s.length) {
        const e = s[++p]!;
        // BusyBox copy_parsing_escapes() turns \n \t \r into the characters first.
        out += this.f.busybox && e === "n" ? "\n" : this.f.busybox && e === "t" ? "\t" : this.f.busybox && e === "r" ? "\r" : e;
        continue;
      }
      if (c === "\n" && !this.f.busybox) break;
      out += c;
    }
    return { text: out, next: p };
  }

  /** Parses one script chunk (an -e argument, the script operand, or a -f file). */
  parse(script: string): void {
    const s = script;
    let i = 0;
    for (;;) {
      while (i < s.length && (isSpace(s[i]) || s[i] === ";")) i++;
      if (i >= s.length) break;
      if (s[i] === "#") {
        if (i === 0 && s[1] === "n" && (s[2] === "\n" || s.length === 2)) this.quietFromScript = true;
        while (i < s.length && s[i] !== "\n") i++;
        continue;
      }
      const cmd: SedCmd = { invert: false, cmd: "", active: false };
      const a1 = this.address(s, i);
      i = a1.next;
      if (a1.addr !== undefined) cmd.a1 = a1.addr;
      if (s[i] === ",") {
        i++;
        while (!this.f.busybox && s[i] === " ") i++;
        if ((s[i] === "+" || (s[i] === "~" && !this.f.busybox)) && /\d/.test(s[i + 1] ?? "")) {
          const m = /^\d+/.exec(s.slice(i + 1))!;
          cmd.a2 = { kind: s[i] === "+" ? "plus" : "mult", n: Number(m[0]) };
          i += 1 + m[0].length;
        } else {
          const a2 = this.address(s, i);
          if (a2.addr === undefined) throw new SedError(this.f.busybox ? "no address after comma" : "unexpected `,'", i + 1);
          cmd.a2 = a2.addr;
          i = a2.next;
        }
      }
      if (!this.f.busybox && cmd.a1?.kind === "line" && cmd.a1.n === 0 && !(cmd.a2?.kind === "re")) {
        throw new SedError("invalid usage of line address 0", i);
      }
      while (isSpace(s[i])) i++;
      while (s[i] === "!") {
        cmd.invert = true;
        i++;
        while (isSpace(s[i])) i++;
      }
      if (i >= s.length) throw new SedError("missing command", i);
      const c = s[i++]!;
      cmd.cmd = c;
      i = this.args(cmd, s, i);
      this.cmds.push(cmd);
      if (!this.f.busybox) {
        // GNU wants a separator after a command.
        while (s[i] === " " || s[i] === "\t") i++;
        if (i < s.length && !";\n}#".includes(s[i]!) && !"aicrwbtT:{}".includes(c)) throw new SedError("extra characters after command", i + 1);
      }
    }
  }

  private args(cmd: SedCmd, s: string, i: number): number {
    const c = cmd.cmd;
    const oneAddr = () => {
      if (cmd.a2 !== undefined) throw new SedError(this.f.busybox ? `command '${c}' uses only one address` : "command only uses one address", i);
    };
    switch (c) {
      case "{":
        this.pendingBlocks.push(this.cmds.length);
        return i;
      case "}": {
        const open = this.pendingBlocks.pop();
        if (open === undefined) throw new SedError(this.f.busybox ? "unsupported command }" : "unexpected `}'", i);
        if (!this.f.busybox && (cmd.a1 !== undefined)) throw new SedError("} doesn't want any addresses", i);
        this.cmds[open]!.jump = this.cmds.length;
        return i;
      }
      case "s":
        return this.subst(cmd, s, i);
      case "y": {
        const d = s[i];
        if (d === undefined || d === "\n" || d === "\\") throw new SedError(this.f.busybox ? "bad format in substitution expression" : "unterminated `y' command", i);
        const e1 = this.delim(s, i + 1, d, false);
        const e2 = e1 < 0 ? -1 : this.delim(s, e1 + 1, d, false);
        if (e2 < 0) throw new SedError(this.f.busybox ? `unmatched '${d}'` : "unterminated `y' command", s.length);
        const un = (t: string) => t.replace(/\\(.)/gs, (_m, x: string) => (x === "n" ? "\n" : x === "\\" ? "\\" : x === d ? d : `\\${x}`));
        const from = un(s.slice(i + 1, e1));
        const to = un(s.slice(e1 + 1, e2));
        if (!this.f.busybox && from.length !== to.length) throw new SedError("strings for `y' command are different lengths", e2 + 1);
        cmd.ymap = new Map();
        for (let k = 0; k < Math.min(from.length, to.length); k++) if (!cmd.ymap.has(from[k]!)) cmd.ymap.set(from[k]!, to[k]!);
        return e2 + 1;
      }
      case "a": case "i": case "c": {
        if (c !== "c" && this.f.busybox) oneAddr();
        const t = this.text(s, i, c);
        cmd.text = t.text;
        return t.next;
      }
      case "r": case "w": {
        if (c === "r" && this.f.busybox) oneAddr();
        const f = this.fileName(s, i);
        cmd.wfile = f.name;
        if (c === "w") this.wfiles.add(f.name);
        return f.next;
      }
      case ":": case "b": case "t": case "T": {
        let p = i;
        while (isSpace(s[p]) && s[p] !== "\n") p++;
        let end = p;
        while (end < s.length && !(this.f.busybox ? ";\t\n\v\f\r ".includes(s[end]!) : s[end] === "\n" || s[end] === ";")) end++;
        const label = s.slice(p, end).trimEnd();
        if (c === ":") {
          if (label === "") throw new SedError(this.f.busybox ? "unsupported command :" : "\":\" lacks a label", i);
          if (cmd.a1 !== undefined && !this.f.busybox) throw new SedError(": doesn't want any addresses", i);
        }
        if (label !== "") cmd.label = label;
        return end;
      }
      case "q": case "Q": case "l": case "L":
        if (this.f.busybox && (c === "Q" || c === "L")) throw new SedError(`unsupported command ${c}`, i);
        if (c === "l" || c === "L") return i;
        if (!this.f.busybox) {
          const m = /^\s*(\d+)/.exec(s.slice(i));
          if (m !== null) {
            cmd.nth = Number(m[1]);
            return i + m[0].length;
          }
        }
        return i;
      case "=": case "d": case "D": case "g": case "G": case "h": case "H": case "n": case "N": case "p": case "P": case "x": case "z": case "F":
        if (this.f.busybox && (c === "z" || c === "F")) throw new SedError(`unsupported command ${c}`, i);
        return i;
      default:
        throw new SedError(this.f.busybox ? `unsupported command ${c}` : `unknown command: \`${c}'`, i);
    }
  }

  private subst(cmd: SedCmd, s: string, i: number): number {
    const d = s[i];
    if (d === undefined || d === "\n" || d === "\\") throw new SedError(this.f.busybox ? "bad format in substitution expression" : "unterminated `s' command", i);
    const e1 = this.delim(s, i + 1, d, true);
    if (e1 < 0) throw new SedError(this.f.busybox ? `unmatched '${d}'` : "unterminated `s' command", s.length);
    const e2 = this.delim(s, e1 + 1, d, false);
    if (e2 < 0) throw new SedError(this.f.busybox ? `unmatched '${d}'` : "unterminated `s' command", s.length);
    const pattern = this.unescapeDelim(s.slice(i + 1, e1), d);
    let repl = s.slice(e1 + 1, e2);
    if (d !== "/" && d !== "&") repl = repl.split(`\\${d}`).join(d);
    cmd.replacement = this.f.busybox ? bbEscapes(repl) : repl;
    let p = e2 + 1;
    let icase = false;
    cmd.nth = 1;
    cmd.global = false;
    for (; p < s.length; p++) {
      const f = s[p]!;
      if (f >= "0" && f <= "9") {
        const m = /^\d+/.exec(s.slice(p))!;
        if (!this.f.busybox && Number(m[0]) === 0) throw new SedError("number option to `s' command may not be zero", p + 1);
        cmd.nth = Number(m[0]);
        // BusyBox keeps one "which match": a number after g replaces it, g after a number wins.
        if (this.f.busybox) cmd.global = false;
        p += m[0].length - 1;
        continue;
      }
      if (f === "g") {
        cmd.global = true;
        if (this.f.busybox) cmd.nth = 1;
      }
      else if (f === "p") cmd.print = (cmd.print ?? 0) + 1;
      else if (f === "i" || f === "I") icase = true;
      else if (f === "m" || f === "M" || f === "e") {
        if (this.f.busybox) throw new SedError("bad option in substitution expression", p);
      } else if (f === "w") {
        const fn = this.fileName(s, p + 1);
        cmd.wfile = fn.name;
        this.wfiles.add(fn.name);
        p = fn.next;
        break;
      } else if (f === ";" || f === "\n" || f === "}" || f === "#") break;
      else if (isSpace(f) && this.f.busybox) continue;
      else if (isSpace(f)) break;
      else throw new SedError(this.f.busybox ? "bad option in substitution expression" : "unknown option to `s'", p + 1);
    }
    // BusyBox: a "^" pattern ignores g and N (there is only one match).
    if (this.f.busybox && pattern.startsWith("^")) {
      cmd.global = false;
      cmd.nth = 1;
    }
    cmd.re = pattern === "" ? undefined : this.compile(this.f.busybox ? bbEscapes(pattern) : pattern, icase, p);
    return s[p] === "}" ? p : p;
  }

  /** After all chunks: blocks closed, labels resolved. */
  finish(): void {
    if (this.pendingBlocks.length > 0) throw new SedError(this.f.busybox ? "unterminated {" : "unmatched `{'", 0);
    for (const c of this.cmds) {
      if ((c.cmd === "b" || c.cmd === "t" || c.cmd === "T") && c.label !== undefined) {
        const at = this.cmds.findIndex((x) => x.cmd === ":" && x.label === c.label);
        if (at < 0) throw new SedError(this.f.busybox ? `can't find label for jump to '${c.label}'` : `can't find label for jump to \`${c.label}'`, 0, true);
        c.jump = at;
      }
    }
  }
}

// ---- execution ----------------------------------------------------------------------------------

/** Where output goes: knows whether the last line it wrote ended with a newline. */
export interface SedSink {
  write(text: string): Promise<void>;
  lastChar: string;
}

export interface SedLine {
  text: string;
  /** "\n", or "" when the input's last line had none. */
  end: string;
}

export interface SedIo {
  nextLine(): Promise<SedLine | undefined>;
  out: SedSink;
  wfile(name: string): SedSink;
  readFile(name: string): Promise<string | undefined>;
  checkpoint(): Promise<void>;
}

/** puts_maybe_newline(): a newline first when the previous output lacked one. */
async function put(sink: SedSink, text: string, end: string): Promise<void> {
  let pre = "";
  if (sink.lastChar !== "\n" && sink.lastChar !== "") pre = "\n";
  await sink.write(pre + text + end);
  sink.lastChar = end !== "" ? end : text !== "" ? "x" : pre !== "" ? "\n" : sink.lastChar;
}

/** GNU "l": escapes, octal for other bytes, lines wrapped at 69 chars + "\", then "$". */
function listLine(s: string, width = 70): string {
  const esc: Record<string, string> = { "\\": "\\\\", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };
  let out = "";
  let col = 0;
  for (const c of s) {
    const code = c.charCodeAt(0);
    const piece = esc[c] ?? (code < 32 || code >= 127 ? `\\${code.toString(8).padStart(3, "0")}` : c);
    if (col + piece.length > width - 1) {
      out += "\\\n";
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return `${out}$\n`;
}

export class SedRunner {
  private hold = "";
  private lastRe: CompiledRegex | undefined;
  private quit: number | undefined;

  constructor(private readonly cmds: SedCmd[], private readonly f: SedFlavour, private readonly quiet: boolean) {}

  private regex(re: CompiledRegex | undefined): CompiledRegex {
    const r = re ?? this.lastRe;
    if (r === undefined) throw new SedError("no previous regular expression", 0, true);
    this.lastRe = r;
    return r;
  }

  private test(re: CompiledRegex | undefined, s: string): boolean {
    return matchAt(this.regex(re), s, 0) !== null;
  }

  private async matchAddr(a: Addr, line: number, ps: string): Promise<boolean> {
    switch (a.kind) {
      case "line": return a.n === line;
      case "last": return this.isLast();
      case "re": return this.test(a.re, ps);
      case "step": return a.step <= 0 ? line === a.first : line >= a.first && (line - a.first) % a.step === 0;
    }
  }

  /** Whether the command applies to this line (range bookkeeping as BusyBox process_files()). */
  private async selected(c: SedCmd, line: number, ps: string): Promise<boolean> {
    if (c.a1 === undefined) return true;
    // BusyBox treats a lone address 0 as no address at all.
    if (this.f.busybox && c.a1.kind === "line" && c.a1.n === 0) return c.a2 === undefined;
    if (c.a2 === undefined) return this.matchAddr(c.a1, line, ps);
    if (c.active) {
      // In a range: does this line end it?
      const a2 = c.a2;
      let ends: boolean;
      if (a2.kind === "line") ends = line >= a2.n;
      else if (a2.kind === "plus") ends = line >= c.endLine!;
      else if (a2.kind === "mult") ends = a2.n <= 0 || line % a2.n === 0;
      else ends = await this.matchAddr(a2, line, ps);
      if (ends) c.active = false;
      return true;
    }
    // GNU 0,/re/: the range is active from before line 1.
    const zeroStart = c.a1.kind === "line" && c.a1.n === 0 && !this.f.busybox;
    let starts: boolean;
    if (zeroStart) starts = line === 1 || false;
    else if (c.a1.kind === "line") starts = this.f.busybox ? !c.done && c.a1.n > 0 && c.a1.n <= line : c.a1.n === line;
    else starts = await this.matchAddr(c.a1, line, ps);
    if (!starts) return false;
    if (c.a1.kind === "line") c.done = true;
    const a2 = c.a2;
    if (zeroStart && a2.kind === "re") {
      c.active = !this.test(a2.re, ps);
      return true;
    }
    if (a2.kind === "line") c.active = a2.n > line;
    else if (a2.kind === "last") c.active = !this.isLast();
    else if (a2.kind === "plus") {
      // BusyBox turns "+N" into an absolute line the first time only (a later range ends at once).
      if (!this.f.busybox || c.endLine === undefined) c.endLine = line + a2.n;
      c.active = c.endLine > line;
    } else if (a2.kind === "mult") c.active = a2.n > 0 && line % a2.n !== 0;
    else c.active = true; // a regex end is checked from the next line on
    return true;
  }

  private substitute(c: SedCmd, ps: string): string | undefined {
    const re = this.regex(c.re);
    let out = "";
    let pos = 0;
    let count = 0;
    let changed = false;
    let prevEmptyEnd = -1;
    while (pos <= ps.length) {
      const m = matchAt(re, ps, pos);
      if (m === null) break;
      // An empty match right after the previous match is not a new match ("cccd" s/c*/R/g → RdR).
      if (m.index === m.end && m.index === prevEmptyEnd) {
        if (m.index >= ps.length) break;
        out += ps.slice(pos, m.index + 1);
        pos = m.index + 1;
        continue;
      }
      count++;
      const wanted = c.global ? count >= (c.nth ?? 1) : count === (c.nth ?? 1);
      if (wanted) {
        out += ps.slice(pos, m.index) + this.expand(c.replacement!, m.groups);
        changed = true;
      } else out += ps.slice(pos, m.end);
      prevEmptyEnd = m.end;
      if (m.index === m.end) {
        if (m.end >= ps.length) {
          pos = ps.length + 1;
          break;
        }
        out += ps[m.end];
        pos = m.end + 1;
      } else pos = m.end;
      if (!c.global && count >= (c.nth ?? 1)) break;
    }
    if (!changed) return undefined;
    if (pos <= ps.length) out += ps.slice(pos);
    return out;
  }

  /** The replacement: & and \1…\9; GNU also \n, \t, \L \U \l \u \E case conversion. */
  private expand(repl: string, groups: (string | undefined)[]): string {
    let out = "";
    let caseMode: "" | "L" | "U" = "";
    let oneShot: "" | "l" | "u" = "";
    const add = (t: string) => {
      for (const ch of t) {
        let c = caseMode === "L" ? ch.toLowerCase() : caseMode === "U" ? ch.toUpperCase() : ch;
        if (oneShot !== "") {
          c = oneShot === "l" ? c.toLowerCase() : c.toUpperCase();
          oneShot = "";
        }
        out += c;
      }
    };
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i]!;
      if (c === "\\" && i + 1 < repl.length) {
        const d = repl[++i]!;
        if (d >= "0" && d <= "9") add(groups[Number(d)] ?? "");
        else if (!this.f.busybox && d === "n") add("\n");
        else if (!this.f.busybox && d === "t") add("\t");
        else if (!this.f.busybox && (d === "L" || d === "U")) caseMode = d;
        else if (!this.f.busybox && d === "E") caseMode = "";
        else if (!this.f.busybox && (d === "l" || d === "u")) oneShot = d;
        else add(d);
        continue;
      }
      if (c === "&") add(groups[0] ?? "");
      else add(c);
    }
    return out;
  }

  /** Runs the script over the input; returns the exit status requested by q/Q (or undefined). */
  async run(io: SedIo): Promise<number | undefined> {
    let lineNo = 0;
    let next = await io.nextLine();
    this.isLast = () => next === undefined;
    let carry: SedLine | undefined;
    const append: string[] = [];
    const flushAppend = async () => {
      for (const a of append.splice(0)) await put(io.out, a, "\n");
    };
    while ((carry !== undefined || next !== undefined) && this.quit === undefined) {
      let ps: string;
      let end: string;
      if (carry !== undefined) {
        ps = carry.text;
        end = carry.end;
        carry = undefined;
      } else {
        ps = next!.text;
        end = next!.end;
        lineNo++;
        next = await io.nextLine();
      }
      let substituted = false;
      let autoprint = !this.quiet;
      let pc = 0;
      cycle: while (pc < this.cmds.length) {
        const c = this.cmds[pc]!;
        let sel = await this.selected(c, lineNo, ps);
        if (c.invert) sel = !sel;
        if (c.cmd === "{") {
          pc = sel ? pc + 1 : c.jump! + 1;
          continue;
        }
        if (!sel || c.cmd === "}" || c.cmd === ":") {
          pc++;
          continue;
        }
        switch (c.cmd) {
          case "=":
            await put(io.out, String(lineNo), "\n");
            break;
          case "P": {
            const nl = ps.indexOf("\n");
            await put(io.out, nl >= 0 ? ps.slice(0, nl) : ps, "\n");
            break;
          }
          case "p":
            await put(io.out, ps, "\n");
            break;
          case "l":
            await put(io.out, listLine(ps).slice(0, -1), "\n");
            break;
          case "D": {
            const nl = ps.indexOf("\n");
            if (nl >= 0) carry = { text: ps.slice(nl + 1), end };
            autoprint = false;
            break cycle;
          }
          case "d":
            autoprint = false;
            break cycle;
          case "s": {
            const r = this.substitute(c, ps);
            if (r === undefined) break;
            ps = r;
            substituted = true;
            for (let k = 0; k < (c.print ?? 0); k++) await put(io.out, ps, end);
            if (c.wfile !== undefined) await put(io.wfile(c.wfile), ps, end);
            break;
          }
          case "a":
            append.push(c.text!);
            break;
          case "i":
            await put(io.out, c.text!, "\n");
            break;
          case "c":
            // In a range the text replaces the whole range: it is printed at the range's end.
            if (c.a2 === undefined || !c.active || c.invert) await put(io.out, c.text!, "\n");
            autoprint = false;
            break cycle;
          case "r": {
            const data = await io.readFile(c.wfile!);
            if (data !== undefined && data !== "") append.push(...(data.endsWith("\n") ? data.slice(0, -1) : data).split("\n"));
            break;
          }
          case "w":
            await put(io.wfile(c.wfile!), ps, end);
            break;
          case "n":
            if (!this.quiet) await put(io.out, ps, end);
            if (next === undefined) {
              // No next line: sed ends without running the rest or printing again.
              autoprint = false;
              break cycle;
            }
            await flushAppend();
            ps = next.text;
            end = next.end;
            lineNo++;
            next = await io.nextLine();
            if (this.f.busybox) substituted = false;
            break;
          case "N":
            // No next line: GNU and BusyBox print the pattern space (unless -n) and stop.
            if (next === undefined) break cycle;
            ps = `${ps}\n${next.text}`;
            end = next.end;
            lineNo++;
            next = await io.nextLine();
            break;
          case "q":
            this.quit = c.nth ?? 0;
            break cycle;
          case "Q":
            this.quit = c.nth ?? 0;
            autoprint = false;
            break cycle;
          case "t":
          case "T":
          case "b": {
            if (c.cmd === "t" && !substituted) break;
            if (c.cmd === "T" && substituted) break;
            substituted = false;
            if (c.jump === undefined) break cycle;
            pc = c.jump;
            continue cycle;
          }
          case "y":
            ps = [...ps].map((ch) => c.ymap!.get(ch) ?? ch).join("");
            break;
          case "g":
            ps = this.hold;
            break;
          case "G":
            ps = `${ps}\n${this.hold}`;
            if (this.f.busybox) end = "\n";
            break;
          case "h":
            this.hold = ps;
            break;
          case "H":
            this.hold = `${this.hold}\n${ps}`;
            break;
          case "x": {
            const tmp = ps;
            ps = this.hold;
            this.hold = tmp;
            if (this.f.busybox) end = "\n";
            break;
          }
          case "z":
            ps = "";
            break;
          case "F":
            await put(io.out, "-", "\n");
            break;
        }
        pc++;
      }
      if (autoprint) await put(io.out, ps, end);
      await flushAppend();
      await io.checkpoint();
    }
    return this.quit;
  }

  private isLast: () => boolean = () => false;
}
