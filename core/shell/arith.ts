// Shell arithmetic $(( … )) (XCU 2.6.4): C integer operators on 64-bit signed integers, variables
// by name. Mirrors ash's math.c evaluation rules: an unset or empty variable is 0.

export class ArithError extends Error {
  constructor(
    readonly reason: "syntax" | "divide by zero" | "bad number" | "exponent less than 0" | "malformed ?:",
    readonly text: string,
    /** What dash's arith_yacc.c was expecting: "primary", "EOF", "':'", "')'". */
    readonly expecting: string = "primary",
  ) {
    super(reason);
  }
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const INT64_MIN = -(1n << 63n);
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

type Tok = { t: "num"; v: bigint } | { t: "name"; v: string } | { t: "op"; v: string } | { t: "end" };

const OPS = ["<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "=", "(", ")", ","];

/** Nesting deeper than this (parentheses, unary operators) is a syntax error, not a stack overflow. */
const MAX_DEPTH = 400;

export interface ArithOptions {
  /** `**` (ash, bash); dash has no power operator. */
  readonly power?: boolean;
}

function tokenize(src: string, power: boolean): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(src.slice(i));
    if (num !== null) {
      out.push({ t: "num", v: parseNumber(num[0], src) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name !== null) {
      out.push({ t: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i) && (power || o !== "**"));
    if (op === undefined) throw new ArithError("syntax", src, out.length === 0 || out[out.length - 1]!.t === "op" ? "primary" : "EOF");
    out.push({ t: "op", v: op });
    i += op.length;
  }
  out.push({ t: "end" });
  return out;
}

function parseNumber(text: string, src: string): bigint {
  if (/^0[xX]/.test(text)) return wrap(BigInt(text));
  const based = /^(\d+)#(.+)$/.exec(text);
  if (based !== null) {
    const base = Number(based[1]);
    let v = 0n;
    for (const ch of based[2]!) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= base) throw new ArithError("bad number", src, "EOF");
      v = v * BigInt(base) + BigInt(d);
    }
    return wrap(v);
  }
  if (text.length > 1 && text.startsWith("0")) {
    if (!/^[0-7]+$/.test(text)) throw new ArithError("bad number", src, "EOF");
    return wrap(BigInt(`0o${text.slice(1)}`));
  }
  return wrap(BigInt(text));
}

/** A variable's value as a number: empty or unset is 0; anything else must be an integer. */
function varValue(vars: ArithVars, name: string, src: string, depth = 0): bigint {
  const raw = (vars.get(name) ?? "").trim();
  if (raw === "") return 0n;
  if (/^[+-]?(0[xX][0-9a-fA-F]+|\d+)$/.test(raw)) {
    const neg = raw.startsWith("-");
    const v = parseNumber(raw.replace(/^[+-]/, ""), src);
    return neg ? wrap(-v) : v;
  }
  if (depth < 10 && /^[A-Za-z_]\w*$/.test(raw)) return varValue(vars, raw, src, depth + 1);
  throw new ArithError("syntax", src);
}

export function evaluateArith(src: string, vars: ArithVars, opts: ArithOptions = {}): bigint {
  if (src.trim() === "") return 0n;
  const toks = tokenize(src, opts.power ?? true);
  let pos = 0;
  let depth = 0;
  const deeper = () => {
    if (++depth > MAX_DEPTH) throw new ArithError("syntax", src);
  };
  const peek = () => toks[pos]!;
  const isOp = (v: string) => peek().t === "op" && (peek() as { v: string }).v === v;
  const take = (v: string) => {
    if (!isOp(v)) throw new ArithError(v === ":" ? "malformed ?:" : "syntax", src, `'${v}'`);
    pos++;
  };
  // Evaluation can be skipped (short circuit, ?:): `live` false means no assignments happen.
  const apply = (op: string, a: bigint, b: bigint, live: boolean): bigint => {
    switch (op) {
      case "|": return a | b;
      case "^": return a ^ b;
      case "&": return a & b;
      case "==": return a === b ? 1n : 0n;
      case "!=": return a !== b ? 1n : 0n;
      case "<": return a < b ? 1n : 0n;
      case "<=": return a <= b ? 1n : 0n;
      case ">": return a > b ? 1n : 0n;
      case ">=": return a >= b ? 1n : 0n;
      case "<<": return wrap(a << (b & 63n));
      case ">>": return a >> (b & 63n);
      case "+": return wrap(a + b);
      case "-": return wrap(a - b);
      case "*": return wrap(a * b);
      case "/": case "%":
        if (b === 0n) {
          if (!live) return 0n;
          throw new ArithError("divide by zero", src);
        }
        if (a === INT64_MIN && b === -1n) return op === "/" ? a : 0n;
        return op === "/" ? a / b : a % b;
      case "**": {
        if (b < 0n) throw new ArithError("exponent less than 0", src);
        return wrap(a ** b);
      }
    }
    throw new ArithError("syntax", src);
  };

  const comma = (live: boolean): bigint => {
    let v = assign(live);
    while (isOp(",")) {
      pos++;
      v = assign(live);
    }
    return v;
  };

  const assign = (live: boolean): bigint => {
    deeper();
    try {
      return assignInner(live);
    } finally {
      depth--;
    }
  };

  const assignInner = (live: boolean): bigint => {
    const t = peek();
    const after = toks[pos + 1];
    if (t.t === "name" && after?.t === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="].includes(after.v)) {
      pos += 2;
      const rhs = assign(live);
      let v = rhs;
      if (after.v !== "=") v = apply(after.v.slice(0, -1), varValue(vars, t.v, src), rhs, live);
      if (live) vars.set(t.v, String(v));
      return v;
    }
    return ternary(live);
  };

  const ternary = (live: boolean): bigint => {
    const c = logicalOr(live);
    if (!isOp("?")) return c;
    pos++;
    const a = assign(live && c !== 0n);
    take(":");
    const b = assign(live && c === 0n);
    return c !== 0n ? a : b;
  };

  const logicalOr = (live: boolean): bigint => {
    let v = logicalAnd(live);
    while (isOp("||")) {
      pos++;
      const r = logicalAnd(live && v === 0n);
      v = v !== 0n || r !== 0n ? 1n : 0n;
    }
    return v;
  };

  const logicalAnd = (live: boolean): bigint => {
    let v = level(0, live);
    while (isOp("&&")) {
      pos++;
      const r = level(0, live && v !== 0n);
      v = v !== 0n && r !== 0n ? 1n : 0n;
    }
    return v;
  };

  // Binary operators by precedence, loosest first; precedence climbing keeps the recursion shallow.
  const LEVELS = [["|"], ["^"], ["&"], ["==", "!="], ["<", "<=", ">", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]];
  const precOf = (t: Tok): number => (t.t === "op" ? LEVELS.findIndex((l) => l.includes(t.v)) : -1);
  const level = (min: number, live: boolean): bigint => {
    let v = power(live);
    for (;;) {
      const t = peek();
      const prec = precOf(t);
      if (prec < min) return v;
      pos++;
      const rhs = level(prec + 1, live);
      v = apply((t as { v: string }).v, v, rhs, live);
    }
  };

  const power = (live: boolean): bigint => {
    const base = unary(live);
    if (isOp("**")) {
      pos++;
      return apply("**", base, power(live), live);
    }
    return base;
  };

  const unary = (live: boolean): bigint => {
    deeper();
    try {
      return unaryInner(live);
    } finally {
      depth--;
    }
  };

  const unaryInner = (live: boolean): bigint => {
    const t = peek();
    if (t.t === "op") {
      switch (t.v) {
        case "+": pos++; return unary(live);
        case "-": pos++; return wrap(-unary(live));
        case "!": pos++; return unary(live) === 0n ? 1n : 0n;
        case "~": pos++; return ~unary(live);
        case "++": case "--": {
          pos++;
          const n = peek();
          if (n.t !== "name") throw new ArithError("syntax", src);
          pos++;
          const v = wrap(varValue(vars, n.v, src) + (t.v === "++" ? 1n : -1n));
          if (live) vars.set(n.v, String(v));
          return v;
        }
      }
    }
    return postfix(live);
  };

  const postfix = (live: boolean): bigint => {
    const t = peek();
    if (t.t === "name" && (toks[pos + 1]?.t === "op") && ["++", "--"].includes((toks[pos + 1] as { v: string }).v)) {
      const op = (toks[pos + 1] as { v: string }).v;
      pos += 2;
      const old = varValue(vars, t.v, src);
      if (live) vars.set(t.v, String(wrap(old + (op === "++" ? 1n : -1n))));
      return old;
    }
    return primary(live);
  };

  const primary = (live: boolean): bigint => {
    const t = toks[pos++]!;
    if (t.t === "num") return t.v;
    if (t.t === "name") return varValue(vars, t.v, src);
    if (t.t === "op" && t.v === "(") {
      const v = comma(live);
      take(")");
      return v;
    }
    throw new ArithError("syntax", src);
  };

  const v = comma(true);
  if (peek().t !== "end") throw new ArithError("syntax", src, "EOF");
  return v;
}
