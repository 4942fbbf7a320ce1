// printf's format language (XCU printf), as two builds implement it:
// - "busybox": BusyBox 1.28.4 coreutils/printf.c print_formatted(), print_direc(), multiconvert()
//   and libbb bb_process_escape_sequence(): one flag character, "lLhz" dropped, numbers through
//   bb_strtoll()/bb_strtoull()/strtod() (a bad one is 0), a bad directive ends the run.
// - { coreutils: VERSION }: GNU coreutils src/printf.c (8.23 … 9.7): any flags, %a %F %q, numbers
//   through strtoimax()/strtoumax()/strtold() keeping the converted prefix, \u escapes, fatal errors.
// The format is reused until the arguments are consumed. printfEvents() returns the output and
// the messages in the order the tool writes them (stdout is flushed before each message), so the
// caller prints each message where the conversion failed, in its build's words.

import { versionAtLeast } from "./sys-proc.js";

export type PrintfDialect = "busybox" | { readonly coreutils: string };

/**
 * What went wrong, by identity; `busyboxPrintfMessage()` and `coreutilsPrintfMessage()` word it.
 * - "not a number" / "partial number" / "out of range": an argument that did not convert
 *   (nothing converted, trailing characters, overflow). BusyBox says "invalid number" for all
 *   three and uses 0; GNU keeps what converted.
 * - "invalid directive": `directive` is what the build names: BusyBox the format from the "%" to
 *   its end (size modifiers removed), GNU the directive through its conversion character.
 * - GNU only: "ignored characters" (warning after a 'C constant), "excess arguments" (warning at
 *   the end), and the fatal "invalid width", "invalid precision", "missing hex digits",
 *   "invalid character name".
 */
export type PrintfError =
  | { kind: "not a number"; arg: string }
  | { kind: "partial number"; arg: string }
  | { kind: "out of range"; arg: string }
  | { kind: "invalid directive"; directive: string }
  | { kind: "ignored characters"; rest: string }
  | { kind: "excess arguments"; arg: string }
  | { kind: "invalid width"; arg: string }
  | { kind: "invalid precision"; arg: string }
  | { kind: "missing hex digits" }
  | { kind: "invalid character name"; name: string };

export type PrintfEvent = { text: string } | { error: PrintfError };

export interface PrintfRun {
  /** Output and messages in the order the tool writes them. */
  events: PrintfEvent[];
  /** The exit status the build returns. */
  status: 0 | 1;
  /** \c, or an error that ends the run, stopped the output. */
  stopped: boolean;
}

/** BusyBox 1.28.4 printf.c wording (bb_error_msg, after "printf: " or "sh: "). */
export function busyboxPrintfMessage(e: PrintfError): string {
  switch (e.kind) {
    case "not a number": case "partial number": case "out of range": return `invalid number '${e.arg}'`;
    case "invalid directive": return `${e.directive}: invalid format`;
    default: return coreutilsPrintfMessage(e);
  }
}

/** GNU coreutils printf.c wording (error(), after "printf: "), quoting words like quote() in the C locale. */
export function coreutilsPrintfMessage(e: PrintfError): string {
  const q = (s: string) => `'${s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === "\\" || c === "'" ? `\\${c}` : C_ESC[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`))}'`;
  switch (e.kind) {
    case "not a number": return `${q(e.arg)}: expected a numeric value`;
    case "partial number": return `${q(e.arg)}: value not completely converted`;
    case "out of range": return `${q(e.arg)}: Numerical result out of range`;
    case "invalid directive": return `${e.directive}: invalid conversion specification`;
    case "ignored characters": return `warning: ${e.rest}: character(s) following character constant have been ignored`;
    case "excess arguments": return `warning: ignoring excess arguments, starting with ${q(e.arg)}`;
    case "invalid width": return `invalid field width: ${q(e.arg)}`;
    case "invalid precision": return `invalid precision: ${q(e.arg)}`;
    case "missing hex digits": return "missing hexadecimal number in escape";
    case "invalid character name": return `invalid universal character name ${e.name}`;
  }
}

const C_ESC: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };

// ---------------------------------------------------------------------------------------------
// C printf() for one conversion (glibc/uClibc agree on everything used here).

interface Spec {
  flags: string;
  width: number | undefined;
  prec: number | undefined;
  conv: string;
}

const INT64 = (v: bigint) => BigInt.asIntN(64, v);
const UINT64 = (v: bigint) => BigInt.asUintN(64, v);

function pad(body: string, sign: string, s: Spec, zeroOk: boolean): string {
  const width = s.width ?? 0;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (s.flags.includes("-")) return sign + body + " ".repeat(width - len);
  if (zeroOk && s.flags.includes("0")) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

function formatInt(v: bigint, s: Spec): string {
  const signed = s.conv === "d" || s.conv === "i";
  const n = signed ? INT64(v) : UINT64(v);
  const base = s.conv === "o" ? 8 : s.conv === "x" || s.conv === "X" ? 16 : 10;
  let digits = (n < 0n ? -n : n).toString(base);
  if (s.conv === "X") digits = digits.toUpperCase();
  if (s.prec !== undefined) digits = s.prec === 0 && n === 0n ? "" : digits.padStart(s.prec, "0");
  let prefix = "";
  if (s.flags.includes("#")) {
    if (s.conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    else if ((s.conv === "x" || s.conv === "X") && n !== 0n) prefix = s.conv === "x" ? "0x" : "0X";
  }
  const sign = n < 0n ? "-" : signed && s.flags.includes("+") ? "+" : signed && s.flags.includes(" ") ? " " : "";
  return pad(digits, sign + prefix, s, s.prec === undefined);
}

/** v = m · 2^e exactly. */
function decompose(v: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: exp - 1075 };
}

/** round-half-even(|v| · 10^k), exactly. */
function scaled(v: number, k: number): bigint {
  const { m, e } = decompose(v);
  let num = m * (k >= 0 ? 10n ** BigInt(k) : 1n);
  let den = k < 0 ? 10n ** BigInt(-k) : 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

function fixedDigits(v: number, prec: number, alt: boolean): string {
  const d = scaled(v, prec).toString().padStart(prec + 1, "0");
  const int = d.slice(0, d.length - prec);
  const frac = d.slice(d.length - prec);
  return prec > 0 ? `${int}.${frac}` : alt ? `${int}.` : int;
}

/** The %e digits and decimal exponent of |v| with `prec` digits after the point. */
function expParts(v: number, prec: number): { digits: string; exp: number } {
  if (v === 0) return { digits: "0".repeat(prec + 1), exp: 0 };
  let x = Math.floor(Math.log10(Math.abs(v)));
  let d = scaled(v, prec - x);
  const lo = 10n ** BigInt(prec);
  if (d >= lo * 10n) d = scaled(v, prec - ++x);
  else if (d < lo) d = scaled(v, prec - --x);
  if (d >= lo * 10n) d = scaled(v, prec - ++x); // rounding carried into a new digit
  return { digits: d.toString(), exp: x };
}

function expText(v: number, prec: number, alt: boolean, upper: boolean): string {
  const { digits, exp } = expParts(v, prec);
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : alt ? `${digits}.` : digits;
  const e = `${upper ? "E" : "e"}${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return mant + e;
}

/** glibc %La of a long double holding v: the 64-bit significand, first hex digit 8–f. */
function hexFloat(v: number, prec: number | undefined, alt: boolean, upper: boolean): string {
  let text: string;
  if (v === 0) text = `0x0${prec ? `.${"0".repeat(prec)}` : alt ? "." : ""}p+0`;
  else {
    let { m, e } = decompose(v);
    while (m < 1n << 63n) {
      m <<= 1n;
      e--;
    }
    // v = m · 2^e with bit 63 set: lead digit = m >> 60, value = lead.frac × 2^(e + 60).
    let exp = e + 60;
    let frac = m & ((1n << 60n) - 1n);
    let lead = m >> 60n;
    if (prec !== undefined && prec < 15) {
      const drop = BigInt((15 - prec) * 4);
      const keep = frac >> drop;
      const rest = frac & ((1n << drop) - 1n);
      const half = 1n << (drop - 1n);
      let q = keep;
      if (rest > half || (rest === half && (keep & 1n) === 1n)) q++;
      if (q >> BigInt(prec * 4) !== 0n) {
        q &= (1n << BigInt(prec * 4)) - 1n;
        lead++;
        if (lead === 16n) {
          lead = 1n;
          exp += 4;
        }
      }
      frac = q << drop;
    }
    let hex = frac.toString(16).padStart(15, "0");
    hex = prec === undefined ? hex.replace(/0+$/, "") : hex.slice(0, prec).padEnd(prec, "0");
    text = `0x${lead.toString(16)}${hex !== "" ? `.${hex}` : alt ? "." : ""}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
  }
  return upper ? text.toUpperCase() : text;
}

function formatFloat(v: number, s: Spec): string {
  const upper = s.conv === s.conv.toUpperCase();
  const negative = v < 0 || Object.is(v, -0);
  const sign = negative ? "-" : s.flags.includes("+") ? "+" : s.flags.includes(" ") ? " " : "";
  if (!Number.isFinite(v)) {
    const word = Number.isNaN(v) ? "nan" : "inf";
    return pad(upper ? word.toUpperCase() : word, Number.isNaN(v) ? (s.flags.includes("+") ? "+" : s.flags.includes(" ") ? " " : "") : sign, s, false);
  }
  const alt = s.flags.includes("#");
  const a = Math.abs(v);
  let body: string;
  switch (s.conv) {
    case "f": case "F": body = fixedDigits(a, s.prec ?? 6, alt); break;
    case "e": case "E": body = expText(a, s.prec ?? 6, alt, upper); break;
    case "a": case "A": {
      const text = hexFloat(a, s.prec, alt, upper);
      // "0x" stays before the zero padding.
      return pad(text.slice(2), sign + text.slice(0, 2), s, true);
    }
    default: {
      const p = s.prec === undefined ? 6 : s.prec === 0 ? 1 : s.prec;
      const x = expParts(a, p - 1).exp;
      body = x < p && x >= -4 ? fixedDigits(a, p - 1 - x, alt) : expText(a, p - 1, alt, upper);
      if (!alt) body = body.replace(/(\.\d*?)0+($|[eE])/, "$1$2").replace(/\.($|[eE])/, "$1");
    }
  }
  return pad(body, sign, s, true);
}

function formatOne(s: Spec, value: bigint | number | string): string {
  switch (s.conv) {
    case "c": return pad(value as string, "", s, false);
    case "s": return pad(s.prec === undefined ? (value as string) : (value as string).slice(0, s.prec), "", s, false);
    case "d": case "i": case "o": case "u": case "x": case "X": return formatInt(value as bigint, s);
    default: return formatFloat(value as number, s);
  }
}

/** A *-width or *-precision value: negative width left-justifies, negative precision is absent. */
function starred(flags: string, width: number | undefined, prec: number | undefined): { flags: string; width: number | undefined; prec: number | undefined } {
  if (width !== undefined && width < 0) return { flags: `${flags}-`, width: -width, prec: prec !== undefined && prec < 0 ? undefined : prec };
  return { flags, width, prec: prec !== undefined && prec < 0 ? undefined : prec };
}

// ---------------------------------------------------------------------------------------------
// Number parsing as the C library does it.

const SPACE = /^[ \t\n\v\f\r]*/;

/**
 * A character's bytes. Strings inside the emulated system are bytes already (one char per byte,
 * kernel/utf8.ts converts at the terminal); a wider character is taken as its UTF-8 encoding.
 */
function utf8(ch: string): number[] {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x100) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
}

/** The first byte of a string (0 for ""): what (unsigned char)s[0] reads. */
const firstByte = (s: string): number => (s === "" ? 0 : utf8(s)[0]!);

/** strtoll/strtoull(s, &end, base 0) without the overflow check: sign, digits, where they end. */
function strtoint(s: string): { value: bigint; end: number; neg: boolean } {
  let i = SPACE.exec(s)![0].length;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") neg = s[i++] === "-";
  let m = /^0[xX]([0-9a-fA-F]+)/.exec(s.slice(i));
  if (m !== null) return { value: BigInt(`0x${m[1]}`), end: i + m[0].length, neg };
  m = /^0[0-7]*/.exec(s.slice(i));
  if (m !== null) return { value: m[0].length > 1 ? BigInt(`0o${m[0].slice(1)}`) : 0n, end: i + m[0].length, neg };
  m = /^[1-9]\d*/.exec(s.slice(i));
  if (m !== null) return { value: BigInt(m[0]), end: i + m[0].length, neg };
  return { value: 0n, end: 0, neg: false };
}

/** strtod(): white space, then a decimal or hex float, inf or nan; `end` 0 when nothing converts. */
function strtod(s: string): { value: number; end: number; range: boolean } {
  const ws = SPACE.exec(s)![0].length;
  const rest = s.slice(ws);
  let m = /^([+-]?)(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (m !== null) {
    const v = /^n/i.test(m[2]!) ? Number.NaN : Number.POSITIVE_INFINITY;
    return { value: m[1] === "-" ? -v : v, end: ws + m[0].length, range: false };
  }
  m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest);
  if (m !== null && (m[2]! + (m[3] ?? "")) !== "") {
    const digits = m[2]! + (m[3] ?? "");
    let v = Number(BigInt(`0x${digits}`)) * 2 ** (Number(m[4] ?? 0) - 4 * (m[3] ?? "").length);
    if (m[1] === "-") v = -v;
    return { value: v, end: ws + m[0].length, range: !Number.isFinite(v) };
  }
  m = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  if (m === null) {
    // "1e" converts "1": the exponent needs digits.
    return { value: 0, end: 0, range: false };
  }
  const v = Number(m[0]);
  const nonzero = /[1-9]/.test(m[0].replace(/[eE].*$/, ""));
  return { value: v, end: ws + m[0].length, range: !Number.isFinite(v) || (v === 0 && nonzero) };
}

// ---------------------------------------------------------------------------------------------
// BusyBox 1.28.4.

/** bb_process_escape_sequence() at s[i] (just after the backslash): the byte and where it ends. */
function bbEscape(s: string, i: number): { ch: string; next: number } {
  let q = i;
  let base = 8;
  let digits = 0;
  let n = 0;
  if (s[q] === "x") {
    q++;
    base = 16;
    digits++;
  }
  do {
    const c = s[q];
    const d = c === undefined ? 99 : Number.parseInt(c, 16);
    if (Number.isNaN(d) || d >= base) {
      if (base === 16 && --digits === 0) return { ch: "\\", next: i }; // "\x" + non-hex: "\" and the x stays
      break;
    }
    const r = n * base + d;
    if (r > 255) break;
    n = r;
    q++;
  } while (++digits < 3);
  if (digits === 0) {
    const map: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
    const c = s[q];
    if (c !== undefined && map[c] !== undefined) return { ch: map[c]!, next: q + 1 };
    return { ch: "\\", next: q }; // "\z", "\" at the end: a backslash, the z stays
  }
  return { ch: String.fromCharCode(n), next: q };
}

/** bb_strtoll()/bb_strtoull(): the first character (after a "-" for the signed one) must be alphanumeric. */
function bbStrtoint(s: string, signed: boolean): { value: bigint; kind?: "not a number" | "partial number" | "out of range" } {
  const first = signed && s[0] === "-" ? s[1] : s[0];
  if (first === undefined || !/[0-9A-Za-z]/.test(first)) return { value: 0n, kind: "not a number" };
  const r = strtoint(s);
  if (r.end === 0) return { value: 0n, kind: "not a number" };
  const v = r.neg ? -r.value : r.value;
  const over = signed ? v !== INT64(v) : r.neg || r.value !== UINT64(r.value);
  if (over) return { value: 0n, kind: "out of range" };
  // handle_errors(): anything after the number is an error (ERANGE or EINVAL).
  if (r.end < s.length) return { value: 0n, kind: "partial number" };
  return { value: v };
}

function busyboxRun(format: string, args: readonly string[]): PrintfRun {
  const events: PrintfEvent[] = [];
  const out = (text: string) => {
    const last = events[events.length - 1];
    if (last !== undefined && "text" in last) last.text += text;
    else events.push({ text });
  };
  const fail = (error: PrintfError) => events.push({ error });
  let convErr = false;
  // print_formatted() strips "lLhz" from the format itself, for good.
  let fmt = format;
  let argi = 0;

  /** multiconvert(): a leading quote converts the next character's code. */
  const number = (arg: string, conv: string): bigint | number => {
    const a = arg[0] === "'" || arg[0] === '"' ? String(firstByte(arg.slice(1))) : arg;
    let bad: "not a number" | "partial number" | "out of range" | undefined;
    let value: bigint | number;
    if (conv === "d" || conv === "i") ({ value, kind: bad } = bbStrtoint(a, true));
    else if ("ouxX".includes(conv)) {
      // conv_strtoull(): bb_strtoull(), then bb_strtoll() when that failed ("-2" → 2^64-2).
      const u = bbStrtoint(a, false);
      ({ value, kind: bad } = u.kind === undefined ? u : bbStrtoint(a, true));
    } else {
      const r = strtod(a);
      value = r.value;
      if (r.end < a.length) {
        bad = r.end === 0 ? "not a number" : "partial number";
        value = 0;
      } else if (r.range) bad = "out of range";
    }
    if (bad !== undefined) {
      fail({ kind: bad, arg: a });
      convErr = true;
    }
    return value;
  };

  /** get_width_prec(): bb_strtoi(str, NULL, 10); a bad one is reported but is not an error status. */
  const widthPrec = (arg: string): number => {
    const first = arg[0] === "-" ? arg[1] : arg[0];
    const m = /^[ \t\n\v\f\r]*[+-]?\d+/.exec(arg);
    const v = m === null ? 0 : Number(m[0]);
    if (first === undefined || !/[0-9A-Za-z]/.test(first) || m === null || m[0].length < arg.length || v > 2147483647 || v < -2147483648) {
      fail({ kind: "not a number", arg });
      return 0;
    }
    return v;
  };

  /** print_esc_string() for %b: true when \c stopped it. */
  const escString = (s: string): boolean => {
    for (let i = 0; i < s.length; ) {
      const c = s[i++]!;
      if (c !== "\\") {
        out(c);
        continue;
      }
      if (s[i] === "0") {
        if (/[0-7]/.test(s[i + 1] ?? "")) i++; // \0NNN
      } else if (s[i] === "c") return true;
      const e = bbEscape(s, i);
      out(e.ch);
      i = e.next;
    }
    return false;
  };

  const pass = (): "stop" | "error" | "done" => {
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]!;
      if (c === "\\") {
        if (fmt[++i] === "c") return "stop";
        const e = bbEscape(fmt, i);
        out(e.ch);
        i = e.next - 1;
        continue;
      }
      if (c !== "%") {
        out(c);
        continue;
      }
      const start = i++;
      if (fmt[i] === "%") {
        out("%");
        continue;
      }
      if (fmt[i] === "b") {
        if (argi < args.length && escString(args[argi++]!)) return "stop";
        continue;
      }
      let width: number | undefined;
      let prec: number | undefined;
      if (fmt[i] !== undefined && "-+ #".includes(fmt[i]!)) i++;
      if (fmt[i] === "*") {
        i++;
        width = argi < args.length ? widthPrec(args[argi++]!) : 0;
      } else while (/\d/.test(fmt[i] ?? "")) i++;
      if (fmt[i] === ".") {
        i++;
        if (fmt[i] === "*") {
          i++;
          prec = argi < args.length ? widthPrec(args[argi++]!) : 0;
        } else while (/\d/.test(fmt[i] ?? "")) i++;
      }
      while (fmt[i] === "l" || fmt[i] === "L" || fmt[i] === "h" || fmt[i] === "z") fmt = fmt.slice(0, i) + fmt.slice(i + 1);
      const conv = fmt[i];
      if (conv === undefined || !"diouxXfeEgGcs".includes(conv)) {
        fail({ kind: "invalid directive", directive: fmt.slice(start) });
        return "error";
      }
      // libc reads a leading 0 of the width as the 0 flag.
      const m = /^%([-+ #]?)(\*|\d*)(?:\.(\*|\d*))?/.exec(fmt.slice(start, i))!;
      const flags = m[1]! + (m[2]!.startsWith("0") ? "0" : "");
      const st = starred(flags, m[2] === "*" ? width : m[2] === "" ? undefined : Number(m[2]), m[3] === undefined ? undefined : m[3] === "*" ? prec : Number(m[3] || 0));
      const spec: Spec = { ...st, conv };
      const arg = argi < args.length ? args[argi++]! : "";
      if (conv === "c") out(formatOne(spec, arg === "" ? "\0" : arg[0]!));
      else if (conv === "s") out(formatOne(spec, arg));
      else out(formatOne(spec, number(arg, conv)));
    }
    return "done";
  };

  for (;;) {
    const before = argi;
    const r = pass();
    if (r === "error") return { events, status: 1, stopped: true };
    if (r === "stop") return { events, status: convErr ? 1 : 0, stopped: true };
    if (argi === before || argi >= args.length) break;
  }
  return { events, status: convErr ? 1 : 0, stopped: false };
}

// ---------------------------------------------------------------------------------------------
// GNU coreutils.

class Fatal {}

function coreutilsRun(format: string, args: readonly string[], version: string): PrintfRun {
  const events: PrintfEvent[] = [];
  const out = (text: string) => {
    const last = events[events.length - 1];
    if (last !== undefined && "text" in last) last.text += text;
    else events.push({ text });
  };
  const warn = (error: PrintfError) => events.push({ error });
  const fatal = (error: PrintfError): never => {
    events.push({ error });
    throw new Fatal();
  };
  let status: 0 | 1 = 0;
  const v96 = versionAtLeast(version, 9, 6);

  /** verify_numeric(): 9.6 checks "nothing converted" first, so "" is an error there. */
  const verify = (s: string, end: number, range: boolean) => {
    let kind: PrintfError["kind"] | undefined;
    if (v96 && end === 0) kind = "not a number";
    else if (range) kind = "out of range";
    else if (end < s.length) kind = end === 0 ? "not a number" : "partial number";
    if (kind !== undefined) {
      warn({ kind, arg: s } as PrintfError);
      status = 1;
    }
  };

  /** STRTOX(): a leading quote takes the next character's code (a warning for more after it). */
  const charConst = (s: string): number | undefined => {
    if ((s[0] !== "'" && s[0] !== '"') || s.length < 2) return undefined;
    if (s.length > 2) warn({ kind: "ignored characters", rest: s.slice(2) });
    return firstByte(s.slice(1));
  };

  const intArg = (s: string, signed: boolean): bigint => {
    const c = charConst(s);
    if (c !== undefined) return BigInt(c);
    const r = strtoint(s);
    let v = r.neg ? -r.value : r.value;
    let range = false;
    if (signed && v !== INT64(v)) {
      range = true;
      v = r.neg ? -(2n ** 63n) : 2n ** 63n - 1n;
    } else if (!signed && r.value !== UINT64(r.value)) {
      range = true;
      v = 2n ** 64n - 1n;
    }
    verify(s, r.end, range);
    return v;
  };

  const floatArg = (s: string): number => {
    const c = charConst(s);
    if (c !== undefined) return c;
    const r = strtod(s);
    verify(s, r.end, r.range);
    return r.value;
  };

  /** print_esc(): the escape at s[i] (the backslash); returns the index after it. */
  const esc = (s: string, i: number, octal0: boolean): number => {
    let p = i + 1;
    const c = s[p];
    if (c === "x") {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(p + 1));
      if (m === null) fatal({ kind: "missing hex digits" });
      out(String.fromCharCode(Number.parseInt(m![0], 16)));
      return p + 1 + m![0].length;
    }
    if (c !== undefined && /[0-7]/.test(c)) {
      if (octal0 && c === "0") p++;
      const m = /^[0-7]{0,3}/.exec(s.slice(p))![0];
      out(String.fromCharCode(Number.parseInt(m || "0", 8) & 0xff));
      return p + m.length;
    }
    if (c !== undefined && '"\\abcefnrtv'.includes(c)) {
      if (c === "c") throw new Stop();
      const map: Record<string, string> = { '"': '"', "\\": "\\", a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
      out(map[c]!);
      return p + 1;
    }
    if (c === "u" || c === "U") {
      const n = c === "u" ? 4 : 8;
      const hex = s.slice(p + 1, p + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fatal({ kind: "missing hex digits" });
      const code = Number.parseInt(hex, 16);
      const name = `\\${c}${code.toString(16).padStart(n, "0")}`;
      if ((code >= 0xd800 && code <= 0xdfff) || (!versionAtLeast(version, 9, 2) && code <= 0x9f && code !== 0x24 && code !== 0x40 && code !== 0x60)) fatal({ kind: "invalid character name", name });
      // print_unicode_char() in the C locale: ASCII as is, anything else as its escape.
      out(code < 0x80 ? String.fromCharCode(code) : `\\${c}${code.toString(16).toUpperCase().padStart(n, "0")}`);
      return p + 1 + n;
    }
    out("\\");
    if (c !== undefined) {
      out(c);
      return p + 1;
    }
    return p;
  };

  let argi = 0;
  const pass = () => {
    for (let i = 0; i < format.length; ) {
      const c = format[i]!;
      if (c === "\\") {
        i = esc(format, i, false);
        continue;
      }
      if (c !== "%") {
        out(c);
        i++;
        continue;
      }
      const start = i++;
      if (format[i] === "%") {
        out("%");
        i++;
        continue;
      }
      if (format[i] === "b") {
        i++;
        if (argi < args.length) {
          const s = args[argi++]!;
          for (let j = 0; j < s.length; ) {
            if (s[j] === "\\") j = esc(s, j, true);
            else out(s[j++]!);
          }
        }
        continue;
      }
      if (format[i] === "q" && versionAtLeast(version, 8, 25)) {
        i++;
        if (argi < args.length) out(shellQuote(args[argi++]!));
        continue;
      }
      const ok = new Set("aAcdeEfFgGiosuxX");
      let flags = "";
      for (;; i++) {
        const f = format[i];
        if (f === "I" || f === "'") for (const x of "aAceEosxX") ok.delete(x);
        else if (f === "#") for (const x of "cdisu") ok.delete(x);
        else if (f === "0") for (const x of "cs") ok.delete(x);
        else if (f !== "-" && f !== "+" && f !== " ") break;
        flags += f;
      }
      let width: number | undefined;
      let prec: number | undefined;
      if (format[i] === "*") {
        i++;
        if (argi < args.length) {
          const a = args[argi++]!;
          const w = intArg(a, true);
          if (w < -2147483648n || w > 2147483647n) fatal({ kind: "invalid width", arg: a });
          width = Number(w);
        } else width = 0;
      } else {
        const m = /^\d*/.exec(format.slice(i))![0];
        if (m !== "") width = Number(m);
        i += m.length;
      }
      if (format[i] === ".") {
        i++;
        ok.delete("c");
        if (format[i] === "*") {
          i++;
          if (argi < args.length) {
            const a = args[argi++]!;
            const p = intArg(a, true);
            if (p > 2147483647n) fatal({ kind: "invalid precision", arg: a });
            prec = p < 0n ? -1 : Number(p);
          } else prec = 0;
        } else {
          const m = /^\d*/.exec(format.slice(i))![0];
          prec = Number(m || 0);
          i += m.length;
        }
      }
      while (format[i] !== undefined && "lLhjtz".includes(format[i]!)) i++;
      const conv = format[i];
      if (conv === undefined || !ok.has(conv)) fatal({ kind: "invalid directive", directive: format.slice(start, i + 1) });
      i++;
      const arg = argi < args.length ? args[argi++] : v96 ? undefined : "";
      const spec: Spec = { ...starred(flags, width, prec), conv: conv! };
      if (conv === "c") out(formatOne(spec, arg === undefined || arg === "" ? "\0" : arg[0]!));
      else if (conv === "s") out(formatOne(spec, arg ?? ""));
      else if ("diouxX".includes(conv!)) out(formatOne(spec, arg === undefined ? 0n : intArg(arg, conv === "d" || conv === "i")));
      else out(formatOne(spec, arg === undefined ? 0 : floatArg(arg)));
    }
  };

  try {
    for (;;) {
      const before = argi;
      pass();
      if (argi === before || argi >= args.length) break;
    }
    if (argi < args.length) warn({ kind: "excess arguments", arg: args[argi]! });
    return { events, status, stopped: false };
  } catch (e) {
    // \c: exit(EXIT_SUCCESS), whatever went before.
    if (e instanceof Stop) return { events, status: 0, stopped: true };
    if (e instanceof Fatal) return { events, status: 1, stopped: true };
    throw e;
  }
}

class Stop {}

/**
 * gnulib quotearg shell_escape_quoting_style in the C locale (%q): bare when no character is
 * special to the shell; "…" when only a ' needs it; '…' otherwise ('\'' for a quote); control
 * and non-ASCII bytes leave the quotes as $'\t', $'\303\251'.
 */
function shellQuote(s: string): string {
  if (s === "") return "''";
  const special = [...s].some((c, i) => !/[A-Za-z0-9%+,\-./:@\]_{}#~]/.test(c) || ((c === "#" || c === "~") && i === 0) || ((c === "{" || c === "}") && s.length === 1));
  if (!special) return s;
  const control = /[\x00-\x1f\x7f-\u{10ffff}]/u;
  if (!control.test(s)) {
    if (s.includes("'") && !/[!"$&()*;<=>[\\^`|?]/.test(s)) return `"${s}"`;
    return `'${s.replace(/'/g, "'\\''")}'`;
  }
  let out = "'";
  let quoted = true;
  for (const run of s.match(/[\x00-\x1f\x7f-\u{10ffff}]+|[^\x00-\x1f\x7f-\u{10ffff}]+/gu)!) {
    if (control.test(run)) {
      if (quoted) out += "'";
      quoted = false;
      const bytes = [...run].flatMap(utf8);
      out += `$'${bytes.map((b) => C_ESC[String.fromCharCode(b)] ?? `\\${b.toString(8).padStart(3, "0")}`).join("")}'`;
      continue;
    }
    if (!quoted) out += "'";
    quoted = true;
    out += run.replace(/'/g, "'\\''");
  }
  return quoted ? `${out}'` : out;
}

/** Runs FORMAT over ARGS the way the build's printf does (see the header). */
export function printfEvents(format: string, args: readonly string[], dialect: PrintfDialect = "busybox"): PrintfRun {
  return dialect === "busybox" ? busyboxRun(format, args) : coreutilsRun(format, args, dialect.coreutils);
}

/** Just the output of printfEvents(), for a format already known to be valid (seq's). */
export function printfText(format: string, args: readonly string[], dialect: PrintfDialect = "busybox"): string {
  return printfEvents(format, args, dialect).events.map((ev) => ("text" in ev ? ev.text : "")).join("");
}

// ---------------------------------------------------------------------------------------------
// The former interface, kept for callers that have not moved to printfEvents().

export interface PrintfResult {
  text: string;
  /** Messages ("invalid number 'x'", "%z: invalid directive"); the output is still produced. */
  errors: string[];
  /** \c or a bad directive stopped the output. */
  stopped: boolean;
}

/**
 * @deprecated Use printfEvents(), which keeps messages in place and words them per build. This
 * runs the GNU parser (empty and missing arguments are 0 without a message, as dash and bash
 * do) and reports the errors in the old words; warnings are dropped.
 */
export function printfFormat(format: string, args: readonly string[]): PrintfResult {
  const run = printfEvents(format, args, { coreutils: "9.1" });
  let text = "";
  const errors: string[] = [];
  for (const ev of run.events) {
    if ("text" in ev) text += ev.text;
    else if (ev.error.kind === "invalid directive") errors.push(`${ev.error.directive}: invalid directive`);
    else if ("arg" in ev.error && ev.error.kind !== "excess arguments") errors.push(`invalid number '${ev.error.arg}'`);
  }
  return { text, errors, stopped: run.stopped };
}
