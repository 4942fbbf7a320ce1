// seq [-w] [-s SEP] [-f FMT] [FIRST [INC]] LAST (BusyBox coreutils/seq.c; GNU coreutils seq.c).
// BusyBox: strtod() operands (anything else shows the usage), "%0*.*f" with the widest fraction of
// FIRST/INC, no -f. GNU: precision and -w width from the operands' text (scan_arg,
// get_default_format), "%g" when a number has an exponent or hex, -f FORMAT, and from 8.26 a zero
// increment is an error (before, it loops forever like BusyBox). Loops checkpoint, so Ctrl-C works.

import type { ProgramContext } from "../kernel/program.js";
import { isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { printfText } from "./lib/printf.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

/** Both seqs hand the number to libc's printf(); the GNU parser is the permissive one. */
const LIBC = { coreutils: "9.7" } as const;

const USAGE = {
  trivial: "[-w] [-s SEP] [FIRST [INC]] LAST",
  full: "Print numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator",
};

/** C strtod() over the whole string (leading blanks allowed). */
function strtod(s: string): number | undefined {
  const t = s.replace(/^[ \t\n\v\f\r]+/, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(t) && !/^[+-]?(inf|infinity|nan)$/i.test(t)) return undefined;
  if (/^[+-]?0[xX]/.test(t)) return (t.startsWith("-") ? -1 : 1) * parseInt(t.replace(/^[+-]/, ""), 16);
  return Number(t.replace(/^([+-]?)inf(inity)?$/i, "$1Infinity"));
}

const zeroPad = (s: string, width: number): string => {
  if (s.length >= width) return s;
  const neg = s.startsWith("-");
  return (neg ? "-" : "") + (neg ? s.slice(1) : s).padStart(width - (neg ? 1 : 0), "0");
};

async function busyboxSeq(t: Tool, argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv, "ws:");
  if (isOptionError(parsed)) return optionError(t.ctx, parsed, USAGE);
  const ops = parsed.operands;
  const nums = ops.map(strtod);
  if (ops.length < 1 || ops.length > 3 || nums.some((n) => n === undefined)) return t.usage(USAGE);
  const last = nums[nums.length - 1]!;
  const first = ops.length >= 2 ? nums[0]! : 1;
  const inc = ops.length === 3 ? nums[1]! : 1;
  let width = 0;
  let frac = 0;
  ops.forEach((a, i) => {
    const dot = a.indexOf(".");
    const w = dot < 0 ? a.length : dot;
    width = Math.max(width, w);
    if (i < ops.length - 1) frac = Math.max(frac, dot < 0 ? 0 : a.length - dot);
  });
  if (frac > 0) {
    frac--;
    if (frac > 0) width += frac + 1;
  }
  if (!parsed.flags.has("w")) width = 0;
  const sep = parsed.values.get("s") ?? "\n";
  let n = 0;
  for (let v = first; inc >= 0 ? v <= last : v >= last; v = first + ++n * inc) {
    await t.print(`${n > 0 ? sep : ""}${zeroPad(v.toFixed(frac), width)}`);
    if ((n & 255) === 0) await t.checkpoint();
  }
  if (n > 0) await t.print("\n");
  return 0;
}

interface Operand {
  value: number;
  width: number;
  precision: number;
}

/** GNU scan_arg(): the value, and the width and precision its text asks for. */
function scanArg(arg: string): Operand | undefined {
  const value = strtod(arg);
  if (value === undefined) return undefined;
  let a = arg.replace(/^[\s+]+/, "");
  let width = a.length;
  let precision = Number.POSITIVE_INFINITY;
  if (!/[xX]/.test(a) && Number.isFinite(value)) {
    const dot = a.indexOf(".");
    if (dot < 0) precision = 0;
    else {
      const frac = a.slice(dot + 1).search(/[eE]/);
      const fractionLen = frac < 0 ? a.length - dot - 1 : frac;
      precision = fractionLen;
      width += fractionLen === 0 ? -1 : dot === 0 || !/\d/.test(a[dot - 1]!) ? 1 : 0;
    }
    const e = a.search(/[eE]/);
    if (e >= 0) {
      const exponent = parseInt(a.slice(e + 1), 10) || 0;
      precision += exponent < 0 ? -exponent : 0;
      width -= a.length - e;
      if (exponent < 0) {
        if (dot >= 0 ? e === dot + 1 : true) width++;
      }
      width += Math.abs(exponent);
    }
  }
  a = "";
  return { value, width, precision };
}

async function gnuSeq(t: Tool, argv: readonly string[]): Promise<number> {
  // Negative numbers are operands, not options.
  const args = [...argv];
  let split = args.findIndex((a) => /^-[.\d]/.test(a));
  if (split < 0) split = args.length;
  const parsed = parseOptions(args.slice(0, split), "f:s:w", { long: ["format=", "separator=", "equal-width"] });
  if (isOptionError(parsed)) return optionError(t.ctx, parsed, undefined);
  const ops = [...parsed.operands, ...args.slice(split)];
  if (ops.length < 1) return (await t.tryHelp("missing operand"), 1);
  if (ops.length > 3) return (await t.tryHelp(`extra operand '${ops[3]}'`), 1);
  const format = parsed.values.get("f") ?? parsed.values.get("--format");
  const equal = parsed.flags.has("w") || parsed.flags.has("--equal-width");
  const sep = parsed.values.get("s") ?? parsed.values.get("--separator") ?? "\n";
  if (format !== undefined && equal) return (await t.tryHelp("format string may not be specified when printing equal width strings"), 1);
  const scanned: Operand[] = [];
  for (const a of ops) {
    const s = scanArg(a);
    if (s === undefined) return (await t.tryHelp(`invalid floating point argument: '${a}'`), 1);
    scanned.push(s);
  }
  const last = scanned[scanned.length - 1]!;
  const first = ops.length >= 2 ? scanned[0]! : { value: 1, width: 1, precision: 0 };
  const step = ops.length === 3 ? scanned[1]! : { value: 1, width: 1, precision: 0 };
  const [major = 0, minor = 0] = t.ctx.exe.version.split(".").map(Number);
  if (step.value === 0 && (major > 8 || minor >= 26)) return (await t.tryHelp(`invalid Zero increment value: '${ops[1]}'`), 1);
  let fmt: (x: number) => string;
  if (format !== undefined) {
    if (!/%[-+#0 ']*\d*(\.\d*)?L?[efgaEFGA]/.test(format)) {
      await t.error(`format '${format}' has no % directive`);
      return 1;
    }
    fmt = (x) => printfText(format.replace(/%([-+#0 ']*\d*(?:\.\d*)?)L?([efgaEFGA])/, "%$1$2"), [String(x)], LIBC);
  } else {
    const prec = Math.max(first.precision, step.precision);
    if (Number.isFinite(prec) && Number.isFinite(last.precision)) {
      if (equal) {
        let firstWidth = first.width + (prec - first.precision);
        let lastWidth = last.width + (prec - last.precision);
        if (last.precision && prec === 0) lastWidth--;
        if (last.precision === 0 && prec) lastWidth++;
        if (first.precision === 0 && prec) firstWidth++;
        const width = Math.max(firstWidth, lastWidth);
        fmt = (x) => zeroPad(x.toFixed(prec), width);
      } else fmt = (x) => x.toFixed(prec);
    } else fmt = (x) => printfText("%g", [String(x)], LIBC);
  }
  if (step.value < 0 ? first.value < last.value : last.value < first.value) return 0;
  for (let i = 1, x = first.value; ; i++) {
    const shown = fmt(x);
    await t.print(shown);
    const next = first.value + i * step.value;
    if (step.value < 0 ? next < last.value : last.value < next) {
      // Print one more if it rounds to LAST and prints differently (seq 0 0.000001 0.000003).
      const nextShown = fmt(next);
      if (!(Number(nextShown) === last.value && nextShown !== shown)) break;
    }
    await t.print(sep);
    x = next;
    if ((i & 255) === 0) await t.checkpoint();
  }
  await t.print("\n");
  return 0;
}

async function seqMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const status = t.busybox ? await busyboxSeq(t, ctx.argv.slice(1)) : await gnuSeq(t, ctx.argv.slice(1));
  await t.out.flush();
  return status;
}

export const seq: Command = { name: "seq", main: seqMain, usage: USAGE };
