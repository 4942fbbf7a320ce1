// printf's format language (XCU printf; BusyBox coreutils/printf.c, coreutils printf.c):
// conversions %d %i %o %u %x %X %c %s %b %f %e %E %g %G %%, flags, width and precision, escapes.
// The format is reused until the arguments are consumed.

import { echoEscapes } from "../../shell/builtins/echo.js";

export interface PrintfResult {
  text: string;
  /** Messages about bad numbers ("invalid number 'x'"); the output is still produced. */
  errors: string[];
  /** \c stopped the output. */
  stopped: boolean;
}

function formatEscapes(s: string): { text: string; stop: boolean } {
  // printf's format escapes are echo's, plus \NNN octal without a leading 0.
  return echoEscapes(s.replace(/\\([0-7]{1,3})/g, (_m, o: string) => `\\0${o}`));
}

function toInteger(arg: string, errors: string[]): bigint {
  if (arg === "") return 0n;
  if (/^['"]/.test(arg)) return BigInt(arg.charCodeAt(1) || 0);
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg);
  if (m === null) {
    errors.push(`invalid number '${arg}'`);
    return 0n;
  }
  if (m[0].length !== arg.length) errors.push(`invalid number '${arg}'`);
  const digits = m[2]!;
  const v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith("0") ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return m[1] === "-" ? -v : v;
}

function toFloat(arg: string, errors: string[]): number {
  if (arg === "") return 0;
  const v = Number(arg);
  if (Number.isNaN(v)) {
    errors.push(`invalid number '${arg}'`);
    return 0;
  }
  return v;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0]! : "";
    const body = sign ? s.slice(1) : s;
    return sign + body.padStart(width - sign.length, "0");
  }
  return s.padStart(width);
}

function cExp(v: number, prec: number, upper: boolean): string {
  const s = v.toExponential(prec);
  const [m, e] = s.split("e");
  const exp = Number(e);
  const out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return upper ? out.toUpperCase() : out;
}

function cGeneral(v: number, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s = exp < -4 || exp >= p ? cExp(v, p - 1, upper) : v.toFixed(Math.max(0, p - 1 - exp));
  if (!alt) s = s.includes("e") || s.includes("E") ? s.replace(/\.?0+(?=[eE])/, "") : s.includes(".") ? s.replace(/\.?0+$/, "") : s;
  return s;
}

export function printfFormat(format: string, args: readonly string[]): PrintfResult {
  const errors: string[] = [];
  let text = "";
  let argi = 0;
  const next = () => (argi < args.length ? args[argi++]! : undefined);
  do {
    const startArg = argi;
    let i = 0;
    while (i < format.length) {
      const c = format[i]!;
      if (c === "\\") {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(format.slice(i))!;
        const r = formatEscapes(m[0]);
        text += r.text;
        if (r.stop) return { text, errors, stopped: true };
        i += m[0].length;
        continue;
      }
      if (c !== "%") {
        text += c;
        i++;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(format.slice(i));
      if (m === null) {
        text += c;
        i++;
        continue;
      }
      i += m[0].length;
      const flags = m[1]!;
      let width = m[2] === "*" ? Number(toInteger(next() ?? "", errors)) : Number(m[2] ?? 0);
      const prec = m[3] === undefined ? undefined : m[3] === "*" ? Number(toInteger(next() ?? "", errors)) : Number(m[3] || 0);
      const conv = m[4]!;
      let left = flags.includes("-");
      if (width < 0) { left = true; width = -width; }
      const zero = flags.includes("0") && !left;
      if (conv === "%") { text += "%"; continue; }
      const arg = next();
      switch (conv) {
        case "s": {
          let s = arg ?? "";
          if (prec !== undefined) s = s.slice(0, prec);
          text += pad(s, width, left, false);
          break;
        }
        case "b": {
          const r = echoEscapes(arg ?? "");
          text += pad(r.text, width, left, false);
          if (r.stop) return { text, errors, stopped: true };
          break;
        }
        case "c":
          text += pad((arg ?? "").slice(0, 1), width, left, false);
          break;
        case "d": case "i": {
          const v = toInteger(arg ?? "", errors);
          let s = (v < 0n ? -v : v).toString();
          if (prec !== undefined) s = s.padStart(prec, "0");
          s = (v < 0n ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") + s;
          text += pad(s, width, left, zero && prec === undefined);
          break;
        }
        case "u": case "o": case "x": case "X": {
          let v = toInteger(arg ?? "", errors);
          if (v < 0n) v = BigInt.asUintN(64, v);
          let s = v.toString(conv === "o" ? 8 : conv === "u" ? 10 : 16);
          if (conv === "X") s = s.toUpperCase();
          if (prec !== undefined) s = s.padStart(prec, "0");
          if (flags.includes("#") && v !== 0n) s = conv === "o" ? `0${s}` : conv === "x" ? `0x${s}` : conv === "X" ? `0X${s}` : s;
          text += pad(s, width, left, zero && prec === undefined);
          break;
        }
        case "f": case "F": case "e": case "E": case "g": case "G": {
          const v = toFloat(arg ?? "", errors);
          const p = prec ?? 6;
          let s = conv === "f" || conv === "F" ? v.toFixed(p) : conv === "e" || conv === "E" ? cExp(v, p, conv === "E") : cGeneral(v, p, conv === "G", flags.includes("#"));
          if (v >= 0 && flags.includes("+")) s = `+${s}`;
          else if (v >= 0 && flags.includes(" ")) s = ` ${s}`;
          text += pad(s, width, left, zero);
          break;
        }
        default:
          errors.push(`%${conv}: invalid directive`);
          return { text, errors, stopped: true };
      }
    }
    if (argi === startArg) break;
  } while (argi < args.length);
  return { text, errors, stopped: false };
}
