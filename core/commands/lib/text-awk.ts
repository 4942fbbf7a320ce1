// The awk language (XCU awk; BusyBox editors/awk.c 1.28; mawk 1.3.3/1.3.4): a lexer, a
// recursive-descent parser into a small AST, and a tree-walking interpreter with POSIX value
// semantics (numbers, strings and "strnums" from input), fields, associative arrays, user
// functions, getline, output redirection and the builtins. I/O goes through the AwkHost
// interface so the command decides how files, pipes and the terminal are reached.

import { type CompiledRegex, RegexError, type RegexDialect, compileRegex, matchAt, regexErrorText } from "./text-regex.js";

// ---- values -------------------------------------------------------------------------------------

/** A value read from input (field, getline, ARGV, ENVIRON, -v): a string that may compare as a number. */
export class StrNum {
  constructor(readonly s: string, readonly n: number | undefined) {}
}
export type Val = number | string | StrNum;
/** The uninitialized value: "" and 0, comparing numerically with numbers. */
export const UNINIT = new StrNum("", 0);

const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)[ \t\n\r\f\v]*$/;

/** A value from input: numeric-looking strings become strnums. */
export function strnum(s: string): StrNum {
  return new StrNum(s, NUMERIC.test(s) ? Number(s.trim()) : undefined);
}

/** C strtod() of the longest numeric prefix (awk's string → number). */
export function toNumberPrefix(s: string): number {
  const m = /^[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf(?:inity)?|nan))/i.exec(s);
  if (m === null) return 0;
  const t = m[1]!.toLowerCase();
  if (t.includes("inf")) return t.startsWith("-") ? -Infinity : Infinity;
  if (t.includes("nan")) return Number.NaN;
  return Number(t);
}

// ---- C-style number formatting ----------------------------------------------------------------

function cExp(v: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(v)) return cSpecial(v, upper);
  const s = v.toExponential(Math.min(100, prec));
  const [m, e] = s.split("e");
  const exp = Number(e);
  const out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return upper ? out.toUpperCase() : out;
}

function cSpecial(v: number, upper: boolean): string {
  const s = Number.isNaN(v) ? "-nan" : v < 0 ? "-inf" : "inf";
  return upper ? s.toUpperCase() : s;
}

function cGeneral(v: number, prec: number, upper: boolean, alt: boolean): string {
  if (!Number.isFinite(v)) return cSpecial(v, upper);
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return alt ? `0.${"0".repeat(p - 1)}` : "0";
  let exp = Math.floor(Math.log10(Math.abs(v)));
  // Rounding can carry into the next power of ten (9.9999995 → 10.0000).
  if (Number(Math.abs(v).toExponential(p - 1).split("e")[1]) !== exp) exp++;
  let s = exp < -4 || exp >= p ? cExp(v, p - 1, upper) : v.toFixed(Math.max(0, p - 1 - exp));
  if (!alt) s = /[eE]/.test(s) ? s.replace(/\.?0+(?=[eE])/, "") : s.includes(".") ? s.replace(/\.?0+$/, "") : s;
  return s;
}

function cFixed(v: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(v)) return cSpecial(v, upper);
  return Math.abs(v) >= 1e21 ? BigInt(Math.trunc(v)).toString() + (prec > 0 ? `.${"0".repeat(prec)}` : "") : v.toFixed(Math.min(100, prec));
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : "";
    return sign + s.slice(sign.length).padStart(width - sign.length, "0");
  }
  return s.padStart(width);
}

/** sprintf() of awk: the C conversions on awk values. `missing` decides what an absent argument is. */
export function awkSprintf(fmt: string, args: Val[], toNum: (v: Val) => number, toStr: (v: Val) => string, onMissing: () => Val | undefined, toInt: (v: number) => number = Math.trunc): string {
  let out = "";
  let ai = 0;
  const next = (): Val | undefined => (ai < args.length ? args[ai++]! : onMissing());
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])?/.exec(fmt.slice(i))!;
    i += m[0].length - 1;
    const conv = m[4];
    if (conv === undefined) {
      out += m[0];
      continue;
    }
    if (conv === "%") {
      out += "%";
      continue;
    }
    const flags = m[1]!;
    let width = m[2] === "*" ? Math.trunc(toNum(next() ?? 0)) : Number(m[2] ?? 0);
    const precArg = m[3] === undefined ? undefined : m[3] === "*" ? Math.trunc(toNum(next() ?? 0)) : Number(m[3] || 0);
    let left = flags.includes("-");
    if (width < 0) {
      left = true;
      width = -width;
    }
    const zero = flags.includes("0") && !left;
    const arg = next();
    const plus = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
    switch (conv) {
      case "d": case "i": {
        const v = arg === undefined ? 0 : toNum(arg);
        if (!Number.isFinite(v)) {
          out += pad(cSpecial(v, false), width, left, false);
          break;
        }
        const n = BigInt(toInt(v));
        let s = (n < 0n ? -n : n).toString();
        if (precArg !== undefined) s = s.padStart(precArg, "0");
        out += pad((n < 0n ? "-" : plus) + s, width, left, zero && precArg === undefined);
        break;
      }
      case "o": case "x": case "X": case "u": {
        const v = arg === undefined ? 0 : toNum(arg);
        let n = BigInt(Math.trunc(Number.isFinite(v) ? v : 0));
        if (n < 0n) n = BigInt.asUintN(64, n);
        let s = n.toString(conv === "o" ? 8 : conv === "u" ? 10 : 16);
        if (conv === "X") s = s.toUpperCase();
        if (precArg !== undefined) s = s.padStart(precArg, "0");
        if (flags.includes("#") && n !== 0n && conv !== "u") s = conv === "o" ? `0${s}` : conv === "x" ? `0x${s}` : `0X${s}`;
        out += pad(s, width, left, zero && precArg === undefined);
        break;
      }
      case "c": {
        let s: string;
        if (arg === undefined) s = "";
        else if (typeof arg === "number") s = String.fromCharCode(Math.trunc(arg) & 0xff);
        else s = toStr(arg).slice(0, 1);
        out += pad(s, width, left, false);
        break;
      }
      case "s": {
        let s = arg === undefined ? "" : toStr(arg);
        if (precArg !== undefined) s = s.slice(0, precArg);
        out += pad(s, width, left, false);
        break;
      }
      case "e": case "E": case "f": case "F": case "g": case "G": {
        const v = arg === undefined ? 0 : toNum(arg);
        const p = precArg ?? 6;
        let s = conv === "f" || conv === "F" ? cFixed(v, p, conv === "F") : conv === "e" || conv === "E" ? cExp(v, p, conv === "E") : cGeneral(v, p, conv === "G", flags.includes("#"));
        if (!s.startsWith("-")) s = plus + s;
        out += pad(s, width, left, zero && Number.isFinite(v));
        break;
      }
      default:
        out += m[0];
    }
  }
  return out;
}

// ---- lexer --------------------------------------------------------------------------------------

type Tok =
  | { t: "num"; v: number; line: number }
  | { t: "str"; v: string; line: number }
  | { t: "ere"; v: string; line: number }
  | { t: "name"; v: string; line: number }
  | { t: "funcname"; v: string; line: number }
  | { t: "builtin"; v: string; line: number }
  | { t: "kw"; v: string; line: number }
  | { t: "op"; v: string; line: number }
  | { t: "nl"; line: number }
  | { t: "eof"; line: number };

const KEYWORDS = new Set(["BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf"]);
const BUILTINS = new Set(["length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "sin", "cos", "atan2", "exp", "log", "sqrt", "int", "rand", "srand", "tolower", "toupper", "system", "close", "fflush"]);
const OPS = ["^=", "+=", "-=", "*=", "/=", "%=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "="];

export class AwkSyntaxError extends Error {
  constructor(readonly msg: string, readonly line: number, readonly near: string) {
    super(msg);
  }
}

/** String escapes (\n \t \" \\ \/ \NNN …) as awk reads them in string literals. */
export function awkEscapes(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i]!;
    const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "/": "/", a: "\x07", b: "\b", f: "\f", v: "\v" };
    if (map[d] !== undefined) out += map[d];
    else if (/[0-7]/.test(d)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else out += `\\${d}`;
  }
  return out;
}

export function lex(src: string, starStar = true): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const prevAllowsDivision = () => {
    const p = toks[toks.length - 1];
    if (p === undefined) return false;
    if (p.t === "num" || p.t === "str" || p.t === "name" || p.t === "ere") return true;
    if (p.t === "builtin") return p.v === "length";
    if (p.t === "op") return p.v === ")" || p.v === "]" || p.v === "$" || p.v === "++" || p.v === "--";
    return false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      toks.push({ t: "nl", line });
      line++;
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)/.test(src.slice(i))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: "num", v: Number(m[0]), line });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ t: "kw", v: w === "func" ? "function" : w, line });
      else if (BUILTINS.has(w)) toks.push({ t: "builtin", v: w, line });
      else if (src[i] === "(") toks.push({ t: "funcname", v: w, line });
      else toks.push({ t: "name", v: w, line });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\n") throw new AwkSyntaxError("runaway string constant", line, src.slice(i, j));
        if (src[j] === "\\" && j + 1 < src.length) {
          if (src[j + 1] === "\n") {
            j += 2;
            line++;
            continue;
          }
          raw += src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        raw += src[j];
        j++;
      }
      if (j >= src.length) throw new AwkSyntaxError("runaway string constant", line, src.slice(i));
      toks.push({ t: "str", v: awkEscapes(raw), line });
      i = j + 1;
      continue;
    }
    if (c === "/" && !prevAllowsDivision()) {
      let j = i + 1;
      let raw = "";
      let inBracket = false;
      while (j < src.length && (src[j] !== "/" || inBracket)) {
        if (src[j] === "\n") throw new AwkSyntaxError("runaway regular expression", line, src.slice(i, j));
        if (src[j] === "\\" && j + 1 < src.length) {
          raw += src[j + 1] === "/" ? "/" : src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        if (src[j] === "[") inBracket = true;
        else if (src[j] === "]" && inBracket && src[j - 1] !== "[") inBracket = false;
        raw += src[j];
        j++;
      }
      if (j >= src.length) throw new AwkSyntaxError("runaway regular expression", line, src.slice(i));
      toks.push({ t: "ere", v: raw, line });
      i = j + 1;
      continue;
    }
    // BusyBox also reads ** and **= as ^ and ^=; mawk does not.
    const op = starStar && src.startsWith("**", i) ? (src[i + 2] === "=" ? "**=" : "**") : OPS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new AwkSyntaxError("Unexpected token", line, c);
    toks.push({ t: "op", v: op === "**" ? "^" : op === "**=" ? "^=" : op, line });
    i += op.length;
  }
  toks.push({ t: "eof", line });
  return toks;
}

// ---- AST --------------------------------------------------------------------------------------

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "re"; src: string }
  | { k: "var"; name: string }
  | { k: "field"; e: Expr }
  | { k: "index"; name: string; subs: Expr[] }
  | { k: "assign"; op: string; target: Expr; e: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr }
  | { k: "or" | "and"; a: Expr; b: Expr }
  | { k: "in"; subs: Expr[]; name: string }
  | { k: "match"; neg: boolean; a: Expr; re: Expr }
  | { k: "cmp"; op: string; a: Expr; b: Expr }
  | { k: "concat"; a: Expr; b: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "unary"; op: string; e: Expr }
  | { k: "incdec"; op: "++" | "--"; prefix: boolean; target: Expr }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "builtin"; name: string; args: Expr[] }
  | { k: "getline"; target?: Expr; file?: Expr; cmd?: Expr }
  | { k: "group"; e: Expr };

export type Stmt =
  | { k: "expr"; e: Expr }
  | { k: "print" | "printf"; args: Expr[]; redir?: { op: string; e: Expr } }
  | { k: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { k: "while"; c: Expr; body: Stmt }
  | { k: "do"; body: Stmt; c: Expr }
  | { k: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: "forin"; v: string; arr: string; body: Stmt }
  | { k: "block"; body: Stmt[] }
  | { k: "next" | "nextfile" | "break" | "continue" }
  | { k: "exit" | "return"; e?: Expr }
  | { k: "delete"; name: string; subs?: Expr[] }
  | { k: "getline"; e: Expr };

export interface Rule {
  kind: "begin" | "end" | "main";
  pattern?: Expr;
  range?: [Expr, Expr];
  body?: Stmt[];
}

export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, Func>;
}

// ---- parser -------------------------------------------------------------------------------------

class Parser {
  strictLength = false;
  private p = 0;
  private noGt = 0;
  private readonly noIn = 0;
  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.p]!;
  }

  private is(t: string, v?: string): boolean {
    const k = this.tok;
    return k.t === t && (v === undefined || ("v" in k && k.v === v));
  }

  private isOp(v: string): boolean {
    return this.is("op", v);
  }

  private fail(): never {
    const k = this.tok;
    const near = k.t === "eof" ? "end of file" : k.t === "nl" ? "end of line" : "v" in k ? String(k.v) : "";
    throw new AwkSyntaxError(k.t === "eof" ? "Unexpected end of string" : "Unexpected token", k.line, near);
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.p++;
  }

  private skipNl(): void {
    while (this.is("nl")) this.p++;
  }

  private skipTerms(): void {
    while (this.is("nl") || this.isOp(";")) this.p++;
  }

  program(): Program {
    const rules: Rule[] = [];
    const funcs = new Map<string, Func>();
    this.skipTerms();
    while (!this.is("eof")) {
      if (this.is("kw", "BEGIN") || this.is("kw", "END")) {
        const kind = this.is("kw", "BEGIN") ? "begin" : "end";
        this.p++;
        this.skipNl();
        rules.push({ kind, body: this.block() });
      } else if (this.is("kw", "function")) {
        this.p++;
        const nameTok = this.tok;
        if (nameTok.t !== "name" && nameTok.t !== "funcname") this.fail();
        this.p++;
        this.expectOp("(");
        const params: string[] = [];
        while (!this.isOp(")")) {
          const pt = this.tok;
          if (pt.t !== "name") this.fail();
          params.push(pt.v);
          this.p++;
          if (this.isOp(",")) {
            this.p++;
            this.skipNl();
          } else if (!this.isOp(")")) this.fail();
        }
        this.p++;
        this.skipNl();
        funcs.set(nameTok.v, { name: nameTok.v, params, body: this.block() });
      } else if (this.isOp("{")) {
        rules.push({ kind: "main", body: this.block() });
      } else {
        const a = this.expr();
        let rule: Rule = { kind: "main", pattern: a };
        if (this.isOp(",")) {
          this.p++;
          this.skipNl();
          rule = { kind: "main", range: [a, this.expr()] };
        }
        if (this.isOp("{")) rule.body = this.block();
        rules.push(rule);
      }
      // Items are separated by newlines or ";", except after a "}" that closed one.
      const prev = this.toks[this.p - 1];
      if (!(prev?.t === "op" && prev.v === "}") && !this.is("eof") && !this.is("nl") && !this.isOp(";")) this.fail();
      this.skipTerms();
    }
    return { rules, funcs };
  }

  private block(): Stmt[] {
    this.expectOp("{");
    const body: Stmt[] = [];
    this.skipTerms();
    while (!this.isOp("}")) {
      if (this.is("eof")) this.fail();
      body.push(this.statement());
      this.skipTerms();
    }
    this.p++;
    return body;
  }

  /** A statement followed by its terminator (or before "}"). */
  private statement(): Stmt {
    const s = this.simpleOrCompound();
    return s;
  }

  private endSimple(): void {
    if (this.isOp(";") || this.is("nl")) {
      this.p++;
      return;
    }
    if (this.isOp("}") || this.is("eof")) return;
    this.fail();
  }

  private bodyStmt(): Stmt {
    this.skipNl();
    if (this.isOp(";")) {
      this.p++;
      return { k: "block", body: [] };
    }
    return this.statement();
  }

  private simpleOrCompound(): Stmt {
    if (this.isOp("{")) return { k: "block", body: this.block() };
    if (this.is("kw", "if")) {
      this.p++;
      this.expectOp("(");
      const c = this.expr();
      this.expectOp(")");
      const then = this.bodyStmt();
      // "else" may follow after terminators.
      const save = this.p;
      this.skipTerms();
      if (this.is("kw", "else")) {
        this.p++;
        return { k: "if", c, then, else: this.bodyStmt() };
      }
      this.p = save;
      return { k: "if", c, then };
    }
    if (this.is("kw", "while")) {
      this.p++;
      this.expectOp("(");
      const c = this.expr();
      this.expectOp(")");
      if (this.isOp(";")) {
        this.p++;
        return { k: "while", c, body: { k: "block", body: [] } };
      }
      return { k: "while", c, body: this.bodyStmt() };
    }
    if (this.is("kw", "do")) {
      this.p++;
      const body = this.bodyStmt();
      this.skipTerms();
      if (!this.is("kw", "while")) this.fail();
      this.p++;
      this.expectOp("(");
      const c = this.expr();
      this.expectOp(")");
      this.endSimple();
      return { k: "do", body, c };
    }
    if (this.is("kw", "for")) {
      this.p++;
      this.expectOp("(");
      // for (var in array)
      const t0 = this.toks[this.p];
      const t1 = this.toks[this.p + 1];
      const t2 = this.toks[this.p + 2];
      const t3 = this.toks[this.p + 3];
      if (t0?.t === "name" && t1?.t === "kw" && t1.v === "in" && t2?.t === "name" && t3?.t === "op" && t3.v === ")") {
        this.p += 4;
        return { k: "forin", v: t0.v, arr: t2.v, body: this.bodyStmt() };
      }
      const init = this.isOp(";") ? undefined : this.simpleStatement();
      this.expectOp(";");
      this.skipNl();
      const c = this.isOp(";") ? undefined : this.expr();
      this.expectOp(";");
      this.skipNl();
      const step = this.isOp(")") ? undefined : this.simpleStatement();
      this.expectOp(")");
      if (this.isOp(";")) {
        this.p++;
        return { k: "for", ...(init ? { init } : {}), ...(c ? { c } : {}), ...(step ? { step } : {}), body: { k: "block", body: [] } };
      }
      return { k: "for", ...(init ? { init } : {}), ...(c ? { c } : {}), ...(step ? { step } : {}), body: this.bodyStmt() };
    }
    const s = this.simpleStatement();
    this.endSimple();
    return s;
  }

  private simpleStatement(): Stmt {
    const k = this.tok;
    if (k.t === "kw") {
      switch (k.v) {
        case "next": case "nextfile": case "break": case "continue":
          this.p++;
          return { k: k.v } as Stmt;
        case "exit": case "return": {
          this.p++;
          if (this.isOp(";") || this.isOp("}") || this.is("nl") || this.is("eof")) return { k: k.v };
          return { k: k.v, e: this.expr() };
        }
        case "delete": {
          this.p++;
          const n = this.tok;
          if (n.t !== "name") this.fail();
          this.p++;
          if (this.isOp("[")) {
            this.p++;
            const subs = this.exprList("]");
            return { k: "delete", name: n.v, subs };
          }
          return { k: "delete", name: n.v };
        }
        case "print": case "printf":
          return this.print(k.v);
      }
    }
    return { k: "expr", e: this.expr() };
  }

  private print(kind: "print" | "printf"): Stmt {
    this.p++;
    let args: Expr[] = [];
    this.noGt++;
    if (this.isOp("(")) {
      // print (a, b) > "f" — or an expression starting with a parenthesis.
      const save = this.p;
      this.p++;
      this.noGt--;
      const list = this.exprList(")");
      this.noGt++;
      if (this.isOp(";") || this.isOp("}") || this.is("nl") || this.is("eof") || this.isOp(">") || this.isOp(">>") || this.isOp("|")) args = list;
      else {
        this.p = save;
        args = this.printList();
      }
    } else if (!(this.isOp(";") || this.isOp("}") || this.is("nl") || this.is("eof") || this.isOp(">") || this.isOp(">>") || this.isOp("|"))) {
      args = this.printList();
    }
    this.noGt--;
    let redir: { op: string; e: Expr } | undefined;
    if (this.isOp(">") || this.isOp(">>") || this.isOp("|")) {
      const op = (this.tok as { v: string }).v;
      this.p++;
      this.noGt++;
      redir = { op, e: this.concatExpr() };
      this.noGt--;
    }
    if (kind === "printf" && args.length === 0) this.fail();
    return redir === undefined ? { k: kind, args } : { k: kind, args, redir };
  }

  private printList(): Expr[] {
    const list = [this.expr()];
    while (this.isOp(",")) {
      this.p++;
      this.skipNl();
      list.push(this.expr());
    }
    return list;
  }

  private exprList(close: string): Expr[] {
    const list: Expr[] = [];
    this.skipNl();
    while (!this.isOp(close)) {
      list.push(this.expr());
      this.skipNl();
      if (this.isOp(",")) {
        this.p++;
        this.skipNl();
      } else if (!this.isOp(close)) this.fail();
    }
    this.p++;
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  private isLvalue(e: Expr): boolean {
    return e.k === "var" || e.k === "field" || e.k === "index";
  }

  private ternary(): Expr {
    const c = this.orExpr();
    if (this.isOp("?")) {
      this.p++;
      this.skipNl();
      const a = this.ternary();
      this.skipNl();
      this.expectOp(":");
      this.skipNl();
      const b = this.ternary();
      return { k: "cond", c, a, b };
    }
    if (this.isLvalue(c) && this.tok.t === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "^="].includes(this.tok.v)) {
      const op = this.tok.v;
      this.p++;
      this.skipNl();
      return { k: "assign", op, target: c, e: this.ternary() };
    }
    return c;
  }

  private orExpr(): Expr {
    let a = this.andExpr();
    while (this.isOp("||")) {
      this.p++;
      this.skipNl();
      a = { k: "or", a, b: this.andExpr() };
    }
    return a;
  }

  private andExpr(): Expr {
    let a = this.inExpr();
    while (this.isOp("&&")) {
      this.p++;
      this.skipNl();
      a = { k: "and", a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is("kw", "in") && this.noIn === 0) {
      this.p++;
      const n = this.tok;
      if (n.t !== "name") this.fail();
      this.p++;
      a = { k: "in", subs: a.k === "group" && (a as { list?: Expr[] }).list ? (a as unknown as { list: Expr[] }).list : [a], name: n.v };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.cmpExpr();
    while (this.isOp("~") || this.isOp("!~")) {
      const neg = this.isOp("!~");
      this.p++;
      a = { k: "match", neg, a, re: this.cmpExpr() };
    }
    return a;
  }

  private cmpExpr(): Expr {
    const a = this.pipeGetline();
    const k = this.tok;
    if (k.t === "op" && ["<", "<=", "==", "!=", ">=", ">"].includes(k.v) && !(k.v === ">" && this.noGt > 0)) {
      this.p++;
      return { k: "cmp", op: k.v, a, b: this.pipeGetline() };
    }
    return a;
  }

  /** expr | getline [var] */
  private pipeGetline(): Expr {
    let a = this.concatExpr();
    while (this.isOp("|") && this.toks[this.p + 1]?.t === "kw" && (this.toks[this.p + 1] as { v: string }).v === "getline") {
      this.p += 2;
      const target = this.optLvalue();
      a = target === undefined ? { k: "getline", cmd: a } : { k: "getline", cmd: a, target };
    }
    return a;
  }

  /** Tokens that start another operand of a concatenation ("a" "b", x $1, y (z)). */
  private startsOperand(): boolean {
    const k = this.tok;
    if (k.t === "num" || k.t === "str" || k.t === "ere" || k.t === "name" || k.t === "funcname" || k.t === "builtin") return true;
    return k.t === "op" && ["$", "(", "++", "--"].includes(k.v);
  }

  private concatExpr(): Expr {
    let a = this.additive();
    while (this.startsOperand() && !(this.is("kw", "in"))) a = { k: "concat", a, b: this.additive() };
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.tok as { v: string }).v;
      this.p++;
      a = { k: "bin", op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = (this.tok as { v: string }).v;
      this.p++;
      a = { k: "bin", op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.isOp("!") || this.isOp("-") || this.isOp("+")) {
      const op = (this.tok as { v: string }).v;
      this.p++;
      return { k: "unary", op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.isOp("^")) {
      this.p++;
      // Right associative, and the exponent may carry a unary minus (2^-1).
      const b = this.isOp("-") || this.isOp("+") || this.isOp("!") ? this.unary() : this.power();
      return { k: "bin", op: "^", a, b };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.isOp("++") || this.isOp("--")) {
      const op = (this.tok as { v: string }).v as "++" | "--";
      this.p++;
      const target = this.postfix();
      if (!this.isLvalue(target)) this.fail();
      return { k: "incdec", op, prefix: true, target };
    }
    const e = this.primary();
    if (this.isLvalue(e) && (this.isOp("++") || this.isOp("--"))) {
      const op = (this.tok as { v: string }).v as "++" | "--";
      this.p++;
      return { k: "incdec", op, prefix: false, target: e };
    }
    return e;
  }

  private optLvalue(): Expr | undefined {
    if (this.is("name") || this.isOp("$")) {
      const e = this.is("name") ? this.primary() : this.primary();
      return e;
    }
    return undefined;
  }

  private primary(): Expr {
    const k = this.tok;
    switch (k.t) {
      case "num":
        this.p++;
        return { k: "num", v: k.v };
      case "str":
        this.p++;
        return { k: "str", v: k.v };
      case "ere":
        this.p++;
        return { k: "re", src: k.v };
      case "name": {
        this.p++;
        if (this.isOp("[")) {
          this.p++;
          return { k: "index", name: k.v, subs: this.exprList("]") };
        }
        return { k: "var", name: k.v };
      }
      case "funcname": {
        this.p++;
        this.expectOp("(");
        return { k: "call", name: k.v, args: this.exprList(")") };
      }
      case "builtin": {
        this.p++;
        if (this.isOp("(")) {
          this.p++;
          return { k: "builtin", name: k.v, args: this.exprList(")") };
        }
        if (k.v === "length") {
          // BusyBox wants "length" alone; mawk reads "length 5" as length($0) concatenated with 5.
          if (this.strictLength && this.startsOperand()) this.fail();
          return { k: "builtin", name: "length", args: [] };
        }
        this.fail();
        break;
      }
      case "kw":
        if (k.v === "getline") {
          this.p++;
          const target = this.optLvalue();
          if (this.isOp("<")) {
            this.p++;
            const file = this.postfixNoConcat();
            return target === undefined ? { k: "getline", file } : { k: "getline", file, target };
          }
          return target === undefined ? { k: "getline" } : { k: "getline", target };
        }
        break;
      case "op":
        if (k.v === "$") {
          this.p++;
          if (this.isOp("++") || this.isOp("--")) return { k: "field", e: this.postfix() };
          if (this.isOp("-") || this.isOp("!")) return { k: "field", e: this.unary() };
          return { k: "field", e: this.primary() };
        }
        if (k.v === "(") {
          this.p++;
          // Inside parentheses ">" compares again, even in a print statement.
          const saveGt = this.noGt;
          this.noGt = 0;
          const list = this.exprList(")");
          this.noGt = saveGt;
          if (list.length === 1) return { k: "group", e: list[0]! };
          if (list.length > 1 && this.is("kw", "in")) {
            this.p++;
            const n = this.tok;
            if (n.t !== "name") this.fail();
            this.p++;
            return { k: "in", subs: list, name: n.v };
          }
          this.fail();
        }
        if (k.v === "-" || k.v === "+" || k.v === "!") return this.unary();
        break;
    }
    this.fail();
  }

  /** getline < file: the file is a primary (with $ and ++), not a concatenation. */
  private postfixNoConcat(): Expr {
    return this.postfix();
  }
}

export function parseAwk(src: string, busybox = false): Program {
  const p = new Parser(lex(src, busybox));
  p.strictLength = busybox;
  return p.program();
}

// ---- interpreter ------------------------------------------------------------------------------

export interface AwkFlavour {
  busybox: boolean;
  dialect: RegexDialect;
}

/** What the interpreter needs from the outside world. */
export interface AwkHost {
  /** The next main input record source: returns undefined at the end of all inputs. */
  readRecord(rs: string): Promise<{ text: string; filename: string; newFile: boolean } | undefined>;
  /** getline < file / cmd | getline: the next record, "" at end, or an errno text on failure. */
  readFrom(kind: "file" | "cmd", name: string, rs: string): Promise<string | undefined | { error: string }>;
  write(kind: "stdout" | "file" | "append" | "cmd", name: string, text: string): Promise<string | undefined>;
  close(name: string): Promise<number>;
  flush(): Promise<void>;
  system(cmd: string): Promise<number>;
  random(): number;
  checkpoint(): Promise<void>;
  environ: readonly string[];
}

export class AwkRuntimeError extends Error {
  constructor(readonly msg: string) {
    super(msg);
  }
}

class NextSignal {}
class NextFileSignal {}
class ExitSignal {
  constructor(readonly status: number) {}
}
class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(readonly v: Val) {}
}

interface Cell {
  v: Val;
  arr?: Map<string, Val>;
}

export class AwkInterpreter {
  private globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private fields: Val[] = [];
  private record = "";
  private fieldsValid = true;
  private nf = 0;
  private reCache = new Map<string, CompiledRegex>();
  private rangeActive: boolean[] = [];
  exitStatus = 0;

  constructor(private readonly prog: Program, private readonly f: AwkFlavour, private readonly host: AwkHost, argv: readonly string[]) {
    const set = (n: string, v: Val) => this.globals.set(n, { v });
    set("FS", " ");
    set("OFS", " ");
    set("ORS", "\n");
    set("RS", "\n");
    set("NR", 0);
    set("FNR", 0);
    set("SUBSEP", "\x1c");
    set("CONVFMT", "%.6g");
    set("OFMT", "%.6g");
    set("RSTART", 0);
    set("RLENGTH", -1);
    set("FILENAME", this.f.busybox ? UNINIT : "");
    const env = new Map<string, Val>();
    for (const e of host.environ) {
      const eq = e.indexOf("=");
      if (eq > 0) env.set(e.slice(0, eq), strnum(e.slice(eq + 1)));
    }
    this.globals.set("ENVIRON", { v: UNINIT, arr: env });
    const av = new Map<string, Val>();
    argv.forEach((a, i) => av.set(String(i), strnum(a)));
    this.globals.set("ARGV", { v: UNINIT, arr: av });
    set("ARGC", argv.length);
  }

  // ---- conversions ----

  num(v: Val): number {
    if (typeof v === "number") return v;
    if (typeof v === "string") return toNumberPrefix(v);
    return v.n ?? toNumberPrefix(v.s);
  }

  private fmtNum(n: number, fmtName: "CONVFMT" | "OFMT"): string {
    if (Number.isInteger(n) && (this.f.busybox ? Math.abs(n) < 2 ** 63 : Math.abs(n) <= 0x7fffffff)) return String(n === 0 ? 0 : n);
    if (Number.isNaN(n)) return this.f.busybox ? (Object.is(n, Number.NaN) ? "-nan" : "nan") : "-nan";
    if (!Number.isFinite(n)) return n < 0 ? "-inf" : "inf";
    if (this.f.busybox && Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
    const fmt = this.str(this.get(fmtName));
    return awkSprintf(fmt, [n], (x) => this.num(x), (x) => this.str(x), () => undefined);
  }

  str(v: Val): string {
    if (typeof v === "string") return v;
    if (typeof v === "number") return this.fmtNum(v, "CONVFMT");
    return v.s;
  }

  private outStr(v: Val): string {
    return typeof v === "number" ? this.fmtNum(v, "OFMT") : this.str(v);
  }

  private bool(v: Val): boolean {
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string") return v !== "";
    if (v === UNINIT) return false;
    return v.n !== undefined ? v.n !== 0 : v.s !== "";
  }

  private isNumeric(v: Val): boolean {
    return typeof v === "number" || (v instanceof StrNum && v.n !== undefined);
  }

  private compare(a: Val, b: Val): number {
    if (this.isNumeric(a) && this.isNumeric(b)) {
      const x = this.num(a);
      const y = this.num(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? 1 : -1;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // ---- variables ----

  private cell(name: string): Cell {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const c = this.frames[i]!.get(name);
      if (c !== undefined) return c;
      break;
    }
    let c = this.globals.get(name);
    if (c === undefined) {
      c = { v: UNINIT };
      this.globals.set(name, c);
    }
    return c;
  }

  private get(name: string): Val {
    if (name === "NF") {
      this.splitIfNeeded();
      return this.nf;
    }
    const c = this.cell(name);
    if (c.arr !== undefined) throw new AwkRuntimeError(this.f.busybox ? "Not an array" : `can't use array ${name} in scalar context`);
    return c.v;
  }

  private setVar(name: string, v: Val): void {
    if (name === "NF") {
      this.splitIfNeeded();
      this.setNF(Math.trunc(this.num(v)));
      return;
    }
    const c = this.cell(name);
    c.v = v;
  }

  private array(name: string): Map<string, Val> {
    const c = this.cell(name);
    if (c.arr === undefined) {
      if (c.v !== UNINIT) throw new AwkRuntimeError(this.f.busybox ? "Not an array" : `can't use scalar ${name} as array`);
      c.arr = new Map();
    }
    return c.arr;
  }

  private subscript(subs: Val[]): string {
    return subs.map((s) => this.str(s)).join(this.str(this.get("SUBSEP")));
  }

  // ---- records and fields ----

  setRecord(text: string): void {
    this.record = text;
    this.fieldsValid = false;
  }

  private splitIfNeeded(): void {
    if (this.fieldsValid) return;
    const parts = this.splitText(this.record, this.str(this.get("FS")), this.str(this.get("RS")) === "");
    this.fields = parts.map(strnum);
    this.nf = parts.length;
    this.fieldsValid = true;
  }

  private splitText(s: string, fs: string, paragraph: boolean): string[] {
    if (fs === " ") {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
      return t === "" ? [] : t.split(/[ \t\n]+/);
    }
    if (s === "") return [];
    if (fs === "") return [...s];
    const parts = fs.length === 1 && fs !== "\\" ? s.split(fs === "\t" ? "\t" : fs) : this.splitRegex(s, fs);
    if (paragraph) return parts.flatMap((p) => p.split("\n"));
    return parts;
  }

  private splitRegex(s: string, fs: string): string[] {
    const re = this.regex(fs);
    const out: string[] = [];
    let pos = 0;
    let from = 0;
    while (from <= s.length) {
      const m = matchAt(re, s, from);
      if (m === null || m.end === m.index) {
        if (m === null) break;
        from = m.index + 1;
        continue;
      }
      out.push(s.slice(pos, m.index));
      pos = m.end;
      from = m.end;
    }
    out.push(s.slice(pos));
    return out;
  }

  private getField(i: number): Val {
    if (i === 0) return strnum(this.record);
    if (i < 0) throw new AwkRuntimeError(this.f.busybox ? "Trying to access field -1" : `negative field index $${i}`);
    this.splitIfNeeded();
    return i <= this.nf ? this.fields[i - 1]! : UNINIT;
  }

  private setField(i: number, v: Val): void {
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    this.splitIfNeeded();
    while (this.nf < i) {
      this.fields.push(UNINIT);
      this.nf++;
    }
    this.fields[i - 1] = typeof v === "number" ? v : this.str(v);
    this.rebuild();
  }

  private setNF(n: number): void {
    while (this.nf < n) {
      this.fields.push(UNINIT);
      this.nf++;
    }
    this.fields.length = Math.max(0, n);
    this.nf = Math.max(0, n);
    this.rebuild();
  }

  private rebuild(): void {
    const ofs = this.str(this.get("OFS"));
    this.record = this.fields.map((f) => this.str(f)).join(ofs);
  }

  // ---- regexes ----

  regex(src: string): CompiledRegex {
    let re = this.reCache.get(src);
    if (re === undefined) {
      try {
        re = compileRegex(src, { syntax: "ere", dialect: this.f.dialect, sedEscapes: true });
      } catch (err) {
        if (!(err instanceof RegexError)) throw err;
        throw new AwkRuntimeError(this.f.busybox ? `bad regex '${src}': ${regexErrorText(err.code, this.f.dialect)}` : `regular expression compile failed (${regexErrorText(err.code, this.f.dialect)})\n${src}`);
      }
      this.reCache.set(src, re);
    }
    return re;
  }

  // ---- evaluation ----

  private async eval(e: Expr): Promise<Val> {
    switch (e.k) {
      case "num": return e.v;
      case "str": return e.v;
      case "re": return matchAt(this.regex(e.src), this.record, 0) !== null ? 1 : 0;
      case "group": return this.eval(e.e);
      case "var": return this.get(e.name);
      case "field": return this.getField(Math.trunc(this.num(await this.eval(e.e))));
      case "index": {
        const subs = [];
        for (const s of e.subs) subs.push(await this.eval(s));
        const arr = this.array(e.name);
        const key = this.subscript(subs);
        let v = arr.get(key);
        if (v === undefined) {
          v = UNINIT;
          arr.set(key, v);
        }
        return v;
      }
      case "assign": return this.assign(e);
      case "cond": return this.bool(await this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case "or": return this.bool(await this.eval(e.a)) || this.bool(await this.eval(e.b)) ? 1 : 0;
      case "and": return this.bool(await this.eval(e.a)) && this.bool(await this.eval(e.b)) ? 1 : 0;
      case "in": {
        const subs = [];
        for (const s of e.subs) subs.push(await this.eval(s));
        return this.array(e.name).has(this.subscript(subs)) ? 1 : 0;
      }
      case "match": {
        const s = this.str(await this.eval(e.a));
        const re = e.re.k === "re" ? this.regex(e.re.src) : this.regex(this.str(await this.eval(e.re)));
        return (matchAt(re, s, 0) !== null) !== e.neg ? 1 : 0;
      }
      case "cmp": {
        const c = this.compare(await this.eval(e.a), await this.eval(e.b));
        switch (e.op) {
          case "<": return c < 0 ? 1 : 0;
          case "<=": return c <= 0 ? 1 : 0;
          case "==": return c === 0 ? 1 : 0;
          case "!=": return c !== 0 ? 1 : 0;
          case ">=": return c >= 0 ? 1 : 0;
          default: return c > 0 ? 1 : 0;
        }
      }
      case "concat": return this.str(await this.eval(e.a)) + this.str(await this.eval(e.b));
      case "bin": return this.arith(e.op, this.num(await this.eval(e.a)), this.num(await this.eval(e.b)));
      case "unary": {
        const v = await this.eval(e.e);
        if (e.op === "!") return this.bool(v) ? 0 : 1;
        const n = this.num(v);
        return e.op === "-" ? -n : n;
      }
      case "incdec": {
        const old = this.num(await this.eval(e.target));
        const nv = e.op === "++" ? old + 1 : old - 1;
        await this.store(e.target, nv);
        return e.prefix ? nv : old;
      }
      case "call": return this.call(e.name, e.args);
      case "builtin": return this.builtin(e.name, e.args);
      case "getline": return this.getline(e);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/":
        if (b === 0 && this.f.busybox) throw new AwkRuntimeError("Division by zero");
        return a / b;
      case "%":
        if (b === 0 && this.f.busybox) throw new AwkRuntimeError("Division by zero");
        return a % b;
      default: return a ** b;
    }
  }

  private async store(target: Expr, v: Val): Promise<void> {
    if (target.k === "var") this.setVar(target.name, v);
    else if (target.k === "field") this.setField(Math.trunc(this.num(await this.eval(target.e))), v);
    else if (target.k === "index") {
      const subs = [];
      for (const s of target.subs) subs.push(await this.eval(s));
      this.array(target.name).set(this.subscript(subs), v);
    } else if (target.k === "group") await this.store(target.e, v);
  }

  private async assign(e: Extract<Expr, { k: "assign" }>): Promise<Val> {
    let v = await this.eval(e.e);
    if (e.op !== "=") v = this.arith(e.op.slice(0, -1), this.num(await this.eval(e.target)), this.num(v));
    // A copy: assigning a strnum keeps it a strnum (x = $1 compares numerically later).
    await this.store(e.target, v);
    return v;
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const fn = this.prog.funcs.get(name);
    if (fn === undefined) throw new AwkRuntimeError(this.f.busybox ? "Call to undefined function" : `function ${name} never defined`);
    const frame = new Map<string, Cell>();
    for (let i = 0; i < fn.params.length; i++) {
      const a = args[i];
      if (a === undefined) {
        frame.set(fn.params[i]!, { v: UNINIT });
        continue;
      }
      if (a.k === "var") {
        const c = this.cell(a.name);
        if (c.arr !== undefined) {
          frame.set(fn.params[i]!, c);
          continue;
        }
        if (c.v === UNINIT) {
          // An untyped variable: if the function uses it as an array, the caller's becomes one.
          const shared: Cell = { v: UNINIT };
          Object.defineProperty(shared, "arr", { get: () => c.arr, set: (m: Map<string, Val>) => { c.arr = m; }, enumerable: true });
          frame.set(fn.params[i]!, shared);
          continue;
        }
      }
      frame.set(fn.params[i]!, { v: await this.eval(a) });
    }
    this.frames.push(frame);
    try {
      await this.execList(fn.body);
      return UNINIT;
    } catch (err) {
      if (err instanceof ReturnSignal) return err.v;
      throw err;
    } finally {
      this.frames.pop();
    }
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const ev = async (i: number) => this.eval(args[i]!);
    const need = (n: number) => {
      if (args.length < n) throw new AwkRuntimeError(this.f.busybox ? "Too few arguments for builtin" : `not enough arguments in call to ${name}`);
    };
    switch (name) {
      case "length": {
        if (args.length === 0) return this.record.length;
        const a = args[0]!;
        if (a.k === "var") {
          const c = this.cell(a.name);
          if (c.arr !== undefined) return c.arr.size;
        }
        return this.str(await ev(0)).length;
      }
      case "substr": {
        need(2);
        const s = this.str(await ev(0));
        let start = Math.trunc(this.num(await ev(1)));
        let len = args.length > 2 ? Math.trunc(this.num(await ev(2))) : s.length;
        if (!this.f.busybox) {
          // mawk bi_substr(): a start before 1 lengthens the count ("substr(0, n)" workaround).
          let i = start - 1;
          let n = args.length > 2 ? len : s.length;
          if (i < 0) {
            n -= i + 1;
            i = 0;
          }
          if (n > s.length - i) n = s.length - i;
          return n <= 0 ? "" : s.substr(i, n);
        }
        if (start < 1) start = 1;
        if (len < 0) len = 0;
        return s.substr(start - 1, len);
      }
      case "index": {
        need(2);
        const s = this.str(await ev(0));
        const t = this.str(await ev(1));
        if (t === "") return this.f.busybox ? 0 : 1;
        return s.indexOf(t) + 1;
      }
      case "split": {
        need(2);
        const s = this.str(await ev(0));
        const target = args[1]!;
        if (target.k !== "var") throw new AwkRuntimeError(this.f.busybox ? "Not an array" : "split: second argument is not an array");
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2]!;
          if (sep.k === "re") parts = s === "" ? [] : this.splitRegex(s, sep.src);
          else parts = this.splitText(s, this.str(await ev(2)), false);
        } else parts = this.splitText(s, this.str(this.get("FS")), false);
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case "sub": case "gsub": {
        need(2);
        const re = args[0]!.k === "re" ? this.regex((args[0] as { src: string }).src) : this.regex(this.str(await ev(0)));
        const repl = this.str(await ev(1));
        const target: Expr = args[2] ?? { k: "field", e: { k: "num", v: 0 } };
        const s = this.str(await this.eval(target));
        const r = this.substitute(re, repl, s, name === "gsub");
        if (r.count > 0) await this.store(target, r.text);
        return r.count;
      }
      case "match": {
        need(2);
        const s = this.str(await ev(0));
        const re = args[1]!.k === "re" ? this.regex((args[1] as { src: string }).src) : this.regex(this.str(await ev(1)));
        const m = matchAt(re, s, 0);
        this.setVar("RSTART", m === null ? 0 : m.index + 1);
        this.setVar("RLENGTH", m === null ? -1 : m.end - m.index);
        return m === null ? 0 : m.index + 1;
      }
      case "sprintf": {
        need(1);
        const vals: Val[] = [];
        for (let i = 1; i < args.length; i++) vals.push(await ev(i));
        return this.sprintf(this.str(await ev(0)), vals);
      }
      case "tolower": need(1); return this.str(await ev(0)).toLowerCase();
      case "toupper": need(1); return this.str(await ev(0)).toUpperCase();
      case "int": need(1); return Math.trunc(this.num(await ev(0)));
      case "sqrt": need(1); return Math.sqrt(this.num(await ev(0)));
      case "exp": need(1); return Math.exp(this.num(await ev(0)));
      case "log": need(1); return Math.log(this.num(await ev(0)));
      case "sin": need(1); return Math.sin(this.num(await ev(0)));
      case "cos": need(1); return Math.cos(this.num(await ev(0)));
      case "atan2": need(2); return Math.atan2(this.num(await ev(0)), this.num(await ev(1)));
      case "rand": return this.host.random();
      case "srand": {
        const prev = this.seed;
        this.seed = args.length > 0 ? this.num(await ev(0)) : 0;
        return prev;
      }
      case "system": {
        need(1);
        await this.host.flush();
        return this.host.system(this.str(await ev(0)));
      }
      case "close": need(1); return this.host.close(this.str(await ev(0)));
      case "fflush": await this.host.flush(); return 0;
    }
    return UNINIT;
  }

  private seed = 0;

  private substitute(re: CompiledRegex, repl: string, s: string, global: boolean): { text: string; count: number } {
    let out = "";
    let pos = 0;
    let count = 0;
    let lastEnd = -1;
    while (pos <= s.length) {
      const m = matchAt(re, s, pos);
      if (m === null) break;
      if (m.index === m.end && m.index === lastEnd) {
        if (m.index >= s.length) break;
        out += s.slice(pos, m.index + 1);
        pos = m.index + 1;
        continue;
      }
      count++;
      out += s.slice(pos, m.index);
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i]!;
        if (c === "\\" && (repl[i + 1] === "&" || repl[i + 1] === "\\")) {
          out += repl[++i];
          continue;
        }
        out += c === "&" ? s.slice(m.index, m.end) : c;
      }
      lastEnd = m.end;
      if (m.index === m.end) {
        if (m.end < s.length) out += s[m.end];
        pos = m.end + 1;
      } else pos = m.end;
      if (!global) break;
    }
    if (count === 0) return { text: s, count: 0 };
    if (pos <= s.length) out += s.slice(pos);
    return { text: out, count };
  }

  private sprintf(fmt: string, vals: Val[]): string {
    // %d: BusyBox passes (int)value (x86 turns out-of-range into INT_MIN); mawk clamps to ±INT_MAX.
    const toInt = this.f.busybox
      ? (v: number) => (Math.abs(v) >= 2 ** 31 ? -(2 ** 31) : Math.trunc(v))
      : (v: number) => Math.max(-0x7fffffff, Math.min(0x7fffffff, Math.trunc(v)));
    return awkSprintf(fmt, vals, (x) => this.num(x), (x) => this.str(x), () => {
      if (this.f.busybox) return undefined;
      throw new AwkRuntimeError(`not enough arguments passed to ${this.printfName}("${fmt}")`);
    }, toInt);
  }

  private printfName = "sprintf";

  private async getline(e: Extract<Expr, { k: "getline" }>): Promise<Val> {
    const rs = this.str(this.get("RS"));
    let text: string | undefined;
    if (e.file !== undefined || e.cmd !== undefined) {
      const name = this.str(await this.eval((e.file ?? e.cmd)!));
      const r = await this.host.readFrom(e.file !== undefined ? "file" : "cmd", name, rs);
      if (r !== undefined && typeof r !== "string") return -1;
      text = r;
      if (text === undefined) return 0;
      if (e.target === undefined) {
        this.setRecord(text);
        if (e.cmd !== undefined) this.bumpNR();
      } else {
        await this.store(e.target, strnum(text));
        if (e.cmd !== undefined) this.bumpNR();
      }
      return 1;
    }
    const rec = await this.host.readRecord(rs);
    if (rec === undefined) return 0;
    this.noteFile(rec);
    this.bumpNR();
    if (e.target === undefined) this.setRecord(rec.text);
    else await this.store(e.target, strnum(rec.text));
    return 1;
  }

  private bumpNR(): void {
    this.setVar("NR", this.num(this.get("NR")) + 1);
    this.setVar("FNR", this.num(this.get("FNR")) + 1);
  }

  private noteFile(rec: { filename: string; newFile: boolean }): void {
    if (rec.newFile) {
      this.setVar("FNR", 0);
      this.setVar("FILENAME", rec.filename);
    }
  }

  // ---- statements ----

  private async execList(list: Stmt[]): Promise<void> {
    for (const s of list) await this.exec(s);
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case "expr":
        await this.eval(s.e);
        return;
      case "print": case "printf": {
        let text: string;
        if (s.k === "print") {
          const vals: string[] = [];
          for (const a of s.args) vals.push(this.outStr(await this.eval(a)));
          text = (s.args.length === 0 ? this.record : vals.join(this.str(this.get("OFS")))) + this.str(this.get("ORS"));
        } else {
          const vals: Val[] = [];
          for (const a of s.args.slice(1)) vals.push(await this.eval(a));
          this.printfName = "printf";
          text = this.sprintf(this.str(await this.eval(s.args[0]!)), vals);
          this.printfName = "sprintf";
        }
        if (s.redir === undefined) {
          const err = await this.host.write("stdout", "", text);
          if (err !== undefined) throw new AwkRuntimeError(err);
          return;
        }
        const name = this.str(await this.eval(s.redir.e));
        const kind = s.redir.op === ">" ? "file" : s.redir.op === ">>" ? "append" : "cmd";
        const err = await this.host.write(kind, name, text);
        if (err !== undefined) throw new AwkRuntimeError(err);
        return;
      }
      case "if":
        if (this.bool(await this.eval(s.c))) await this.exec(s.then);
        else if (s.else !== undefined) await this.exec(s.else);
        return;
      case "while":
        while (this.bool(await this.eval(s.c))) {
          await this.host.checkpoint();
          try {
            await this.exec(s.body);
          } catch (err) {
            if (err instanceof BreakSignal) break;
            if (err instanceof ContinueSignal) continue;
            throw err;
          }
        }
        return;
      case "do":
        do {
          await this.host.checkpoint();
          try {
            await this.exec(s.body);
          } catch (err) {
            if (err instanceof BreakSignal) break;
            if (err instanceof ContinueSignal) continue;
            throw err;
          }
        } while (this.bool(await this.eval(s.c)));
        return;
      case "for":
        if (s.init !== undefined) await this.exec(s.init);
        while (s.c === undefined || this.bool(await this.eval(s.c))) {
          await this.host.checkpoint();
          try {
            await this.exec(s.body);
          } catch (err) {
            if (err instanceof BreakSignal) break;
            if (!(err instanceof ContinueSignal)) throw err;
          }
          if (s.step !== undefined) await this.exec(s.step);
        }
        return;
      case "forin": {
        const keys = [...this.array(s.arr).keys()];
        for (const k of keys) {
          await this.host.checkpoint();
          if (!this.array(s.arr).has(k)) continue;
          this.setVar(s.v, strnum(k));
          try {
            await this.exec(s.body);
          } catch (err) {
            if (err instanceof BreakSignal) break;
            if (err instanceof ContinueSignal) continue;
            throw err;
          }
        }
        return;
      }
      case "block":
        await this.execList(s.body);
        return;
      case "next": throw new NextSignal();
      case "nextfile": throw new NextFileSignal();
      case "break": throw new BreakSignal();
      case "continue": throw new ContinueSignal();
      case "exit": throw new ExitSignal(s.e === undefined ? this.exitStatus : Math.trunc(this.num(await this.eval(s.e))));
      case "return": throw new ReturnSignal(s.e === undefined ? UNINIT : await this.eval(s.e));
      case "delete": {
        const arr = this.array(s.name);
        if (s.subs === undefined) arr.clear();
        else {
          const subs = [];
          for (const x of s.subs) subs.push(await this.eval(x));
          arr.delete(this.subscript(subs));
        }
        return;
      }
      case "getline":
        await this.eval(s.e);
        return;
    }
  }

  private async matches(rule: Rule, idx: number): Promise<boolean> {
    if (rule.range !== undefined) {
      if (this.rangeActive[idx]) {
        if (this.bool(await this.eval(rule.range[1]))) this.rangeActive[idx] = false;
        return true;
      }
      if (!this.bool(await this.eval(rule.range[0]))) return false;
      this.rangeActive[idx] = !this.bool(await this.eval(rule.range[1]));
      return true;
    }
    return rule.pattern === undefined || this.bool(await this.eval(rule.pattern));
  }

  /** A variable's value, for the host (ARGC, FNR, NR in messages). */
  value(name: string): Val {
    return this.get(name);
  }

  /** ARGV[i] as a string ("" when unset or deleted). */
  argvAt(i: number): string {
    const v = this.array("ARGV").get(String(i));
    return v === undefined ? "" : this.str(v);
  }

  /** -v and command-line assignments: the value is a strnum with escapes processed. */
  assignVar(name: string, value: string): void {
    this.setVar(name, strnum(awkEscapes(value)));
  }

  /** Runs BEGIN, the main loop over the input, and END; returns the exit status. */
  async run(): Promise<number> {
    const rules = this.prog.rules;
    const begins = rules.filter((r) => r.kind === "begin");
    const ends = rules.filter((r) => r.kind === "end");
    const mains = rules.filter((r) => r.kind === "main");
    let exiting = false;
    try {
      for (const r of begins) await this.execList(r.body!);
    } catch (err) {
      if (!(err instanceof ExitSignal)) throw this.wrap(err);
      this.exitStatus = err.status;
      exiting = true;
    }
    if (!exiting && (mains.length > 0 || ends.length > 0)) {
      try {
        for (;;) {
          const rec = await this.host.readRecord(this.str(this.get("RS")));
          if (rec === undefined) break;
          this.noteFile(rec);
          this.bumpNR();
          this.setRecord(rec.text);
          try {
            for (let i = 0; i < mains.length; i++) {
              const r = mains[i]!;
              if (!(await this.matches(r, i))) continue;
              if (r.body === undefined) await this.exec({ k: "print", args: [] });
              else await this.execList(r.body);
            }
          } catch (err) {
            if (err instanceof NextSignal || err instanceof NextFileSignal) continue;
            throw err;
          }
          await this.host.checkpoint();
        }
      } catch (err) {
        if (!(err instanceof ExitSignal)) throw this.wrap(err);
        this.exitStatus = err.status;
      }
    }
    try {
      for (const r of ends) await this.execList(r.body!);
    } catch (err) {
      if (!(err instanceof ExitSignal)) throw this.wrap(err);
      this.exitStatus = err.status;
    }
    return this.exitStatus;
  }

  private wrap(err: unknown): unknown {
    if (err instanceof BreakSignal || err instanceof ContinueSignal) return new AwkRuntimeError("break/continue outside a loop");
    if (err instanceof NextSignal || err instanceof NextFileSignal) return new AwkRuntimeError("next used in BEGIN or END");
    if (err instanceof ReturnSignal) return new AwkRuntimeError("return outside function body");
    return err;
  }
}
