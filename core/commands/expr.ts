// expr EXPRESSION (BusyBox coreutils/expr.c; GNU coreutils expr.c): | & comparisons + - * / %
// and ":" (an anchored BRE through lib/text-regex.ts: the \(…\) group, else the match length),
// match/substr/index/length/quote keywords, parentheses. Prints the value; exit 0 unless it is
// null or 0 (1), 2 for errors. BusyBox words errors "syntax error"/"non-numeric argument"; GNU
// "non-integer argument" and, since 8.29, "syntax error: unexpected argument 'X'" etc.

import type { ProgramContext } from "../kernel/program.js";
import { RegexError, compileRegex, matchAt, regexDialect, regexErrorText } from "./lib/text-regex.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

type Value = bigint | string;

class ExprError extends Error {
  constructor(readonly text: string, readonly status = 2) {
    super(text);
  }
}

const INT = /^[+-]?\d+$/;

function toInt(v: Value, busybox: boolean): bigint | undefined {
  if (typeof v === "bigint") return v;
  // BusyBox strtoll(): optional leading blanks and sign; GNU: optional "-" and digits only.
  const t = busybox ? v.replace(/^[ \t\n\v\f\r]+/, "") : v;
  if (!(busybox ? INT : /^-?\d+$/).test(t)) return undefined;
  return BigInt(t);
}

/** BusyBox null(): "" or "0"; GNU null(): "" or an optional "-" and only zeros. */
const isNull = (v: Value, busybox: boolean) => (typeof v === "bigint" ? v === 0n : v === "" || (busybox ? v === "0" : /^-?0+$/.test(v)));
const str = (v: Value) => (typeof v === "bigint" ? v.toString() : v);

class Parser {
  private pos = 0;
  constructor(private readonly args: readonly string[], private readonly t: Tool) {}

  private get gnuModern(): boolean {
    const [major = 0, minor = 0] = this.t.ctx.exe.version.split(".").map(Number);
    return !this.t.busybox && (major > 8 || minor >= 29);
  }

  private syntax(kind: "unexpected" | "missing" | "expect-after" | "expect-instead" | "unexpected-paren", arg?: string): never {
    if (!this.gnuModern) throw new ExprError("syntax error");
    switch (kind) {
      case "unexpected": throw new ExprError(`syntax error: unexpected argument '${arg}'`);
      case "missing": throw new ExprError(`syntax error: missing argument after '${arg}'`);
      case "expect-after": throw new ExprError(`syntax error: expecting ')' after '${arg}'`);
      case "expect-instead": throw new ExprError(`syntax error: expecting ')' instead of '${arg}'`);
      default: throw new ExprError("syntax error: unexpected ')'");
    }
  }

  private next(tok: string): boolean {
    if (this.args[this.pos] !== tok) return false;
    this.pos++;
    return true;
  }

  parse(): Value {
    const v = this.or();
    if (this.pos < this.args.length) this.syntax("unexpected", this.args[this.pos]);
    return v;
  }

  private need(): void {
    if (this.pos >= this.args.length) this.syntax("missing", this.args[this.pos - 1]);
  }

  private or(): Value {
    let l = this.and();
    while (this.next("|")) {
      const r = this.and();
      if (isNull(l, this.t.busybox)) l = this.t.busybox || !isNull(r, this.t.busybox) ? r : 0n;
    }
    return l;
  }

  private and(): Value {
    let l = this.compare();
    while (this.next("&")) {
      const r = this.compare();
      if (isNull(l, this.t.busybox) || isNull(r, this.t.busybox)) l = 0n;
    }
    return l;
  }

  private compare(): Value {
    let l = this.additive();
    for (;;) {
      const op = ["<", "<=", "=", "==", "!=", ">=", ">"].find((o) => this.args[this.pos] === o);
      if (op === undefined) return l;
      this.pos++;
      const r = this.additive();
      const li = toInt(l, this.t.busybox);
      const ri = toInt(r, this.t.busybox);
      let c: number;
      if (li !== undefined && ri !== undefined) c = li < ri ? -1 : li > ri ? 1 : 0;
      else c = str(l) < str(r) ? -1 : str(l) > str(r) ? 1 : 0;
      const ok = op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === "=" || op === "==" ? c === 0 : op === "!=" ? c !== 0 : op === ">=" ? c >= 0 : c > 0;
      l = ok ? 1n : 0n;
    }
  }

  private arith(l: Value, r: Value, op: string): bigint {
    const a = toInt(l, this.t.busybox);
    const b = toInt(r, this.t.busybox);
    if (a === undefined || b === undefined) throw new ExprError(this.t.busybox ? "non-numeric argument" : "non-integer argument");
    if (op === "+") return BigInt.asIntN(64, a + b);
    if (op === "-") return BigInt.asIntN(64, a - b);
    if (op === "*") return BigInt.asIntN(64, a * b);
    if (b === 0n) throw new ExprError("division by zero");
    return op === "/" ? a / b : a % b;
  }

  private additive(): Value {
    let l = this.multiplicative();
    for (;;) {
      const op = this.args[this.pos];
      if (op !== "+" && op !== "-") return l;
      this.pos++;
      l = this.arith(l, this.multiplicative(), op);
    }
  }

  private multiplicative(): Value {
    let l = this.colon();
    for (;;) {
      const op = this.args[this.pos];
      if (op !== "*" && op !== "/" && op !== "%") return l;
      this.pos++;
      l = this.arith(l, this.colon(), op);
    }
  }

  private colon(): Value {
    let l = this.keyword();
    while (this.next(":")) l = this.match(l, this.keyword());
    return l;
  }

  match(sv: Value, pv: Value): Value {
    const s = str(sv);
    const p = str(pv);
    let re;
    try {
      re = compileRegex(p, { syntax: "bre", dialect: regexDialect(this.t.ctx.exe) });
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      throw new ExprError(regexErrorText(err.code, regexDialect(this.t.ctx.exe)));
    }
    const m = matchAt(re, s, 0);
    const anchored = m !== null && m.index === 0 ? m : null;
    if (anchored === null) return re.groups > 0 ? "" : 0n;
    if (re.groups > 0) return anchored.groups[1] ?? "";
    return BigInt(anchored.end);
  }

  private keyword(): Value {
    const tok = this.args[this.pos];
    const keywords = ["quote", "length", "match", "index", "substr"];
    // GNU: a keyword followed by nothing is a plain string (expr length → "length").
    if (tok === undefined || !keywords.includes(tok) || (!this.t.busybox && this.pos + 1 >= this.args.length)) return this.primary();
    this.pos++;
    if (tok === "quote") {
      this.need();
      return this.args[this.pos++]!;
    }
    if (tok === "length") return BigInt(str(this.keyword()).length);
    const l = this.keyword();
    if (tok === "match") return this.match(l, this.keyword());
    if (tok === "index") {
      const s = str(l);
      const chars = str(this.keyword());
      for (let i = 0; i < s.length; i++) if (chars.includes(s[i]!)) return BigInt(i + 1);
      return 0n;
    }
    const i1 = toInt(this.keyword(), this.t.busybox);
    const i2 = toInt(this.keyword(), this.t.busybox);
    const s = str(l);
    if (i1 === undefined || i2 === undefined || i1 > BigInt(s.length) || i1 <= 0n || i2 <= 0n) return "";
    return s.substr(Number(i1) - 1, Number(i2));
  }

  private primary(): Value {
    if (this.pos >= this.args.length) {
      if (this.pos === 0 || !this.gnuModern) throw new ExprError("syntax error");
      this.syntax("missing", this.args[this.pos - 1]);
    }
    if (this.next("(")) {
      const v = this.or();
      if (this.pos >= this.args.length) this.syntax("expect-after", this.args[this.pos - 1]);
      if (!this.next(")")) this.syntax("expect-instead", this.args[this.pos]);
      return v;
    }
    if (this.args[this.pos] === ")") this.syntax("unexpected-paren");
    return this.args[this.pos++]!;
  }
}

async function exprMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let args = ctx.argv.slice(1);
  if (!t.busybox && args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    if (t.busybox) await t.error("too few arguments");
    else await t.tryHelp("missing operand");
    return 2;
  }
  try {
    const v = new Parser(args, t).parse();
    await t.print(`${str(v)}\n`);
    await t.out.flush();
    return isNull(v, t.busybox) ? 1 : 0;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    await t.error(err.text);
    return err.status;
  }
}

export const expr: Command = { name: "expr", main: exprMain };
