// sleep DURATION…: the sum of the arguments. BusyBox (coreutils/sleep.c, FEATURE_FANCY_SLEEP and
// FEATURE_FLOAT_SLEEP in defconfig; libbb/duration.c parse_duration_str() from 1.30): integers
// with an s/m/h/d suffix, or fractions ("1.5m"); "inf…" sleeps forever from 1.31 (edca770d1).
// GNU coreutils (src/sleep.c): C strtod() numbers (also 1e3, 0x1p4, inf, infinity) with one
// optional s/m/h/d suffix, every bad argument reported before the usage line.

import type { ProgramContext } from "../kernel/program.js";
import { isBusybox, isOptionError, localeQuote, optionError, parseOptions, usage } from "./lib/cmd.js";
import { versionAtLeast } from "./lib/sys-proc.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[N]...",
  full: "Pause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays",
};

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** A BusyBox or GNU argument error, already worded. */
type Bad = { usage: true } | { message: string };

const ULONG_MAX = 18446744073709551615n;

/**
 * libbb xatoul_sfx(arg, sfx) (xatonum_template.c): digits only (no sign, no leading blank), then
 * nothing or exactly one of the suffixes.
 */
function xatoulSfx(numstr: string): bigint | Bad {
  const m = /^(\d+)(.*)$/s.exec(numstr);
  if (m === null) return { message: `invalid number '${numstr}'` };
  const n = BigInt(m[1]!);
  if (n > ULONG_MAX) return { message: `invalid number '${numstr}'` };
  const mult = m[2] === "" ? 1n : m[2]! in UNITS ? BigInt(UNITS[m[2]!]!) : undefined;
  if (mult === undefined) return { message: `invalid number '${numstr}'` };
  if (n * mult > ULONG_MAX) return { message: `number ${numstr} is not in 0..${ULONG_MAX} range` };
  return n * mult;
}

/**
 * BusyBox parse_duration_str() (1.28: inline in sleep_main()): with a '.', strtod() of the
 * leading digits and dots, then the last of them is overwritten with '1' and the rest goes to
 * xatoul_sfx() as the multiplier ("1.5m" -> 1.5 * xatoul_sfx("1m")). `first`: the argument is
 * argv[1], whose preceding byte is the NUL ending the applet's name.
 */
function busyboxDuration(arg: string, first: boolean): number | (Bad & { clobbersName?: boolean }) {
  if (!arg.includes(".")) {
    const r = xatoulSfx(arg);
    return typeof r === "bigint" ? Number(r) : r;
  }
  const len = /^[0-9.]*/.exec(arg)![0].length;
  const num = arg.slice(0, len);
  // strtod() must take all of it: "1.2.3" and "." show the usage.
  if (num !== "" && !/^(\d+\.?\d*|\.\d+)$/.test(num)) return { usage: true };
  const d = num === "" ? 0 : Number(num);
  // `*str = '1'` lands on the last digit, or (nothing numeric in front) on the byte before the
  // argument: the end of the applet's name when it is the first argument.
  const numstr = `1${arg.slice(len)}`;
  const r = xatoulSfx(numstr);
  if (typeof r !== "bigint") return len === 0 && first ? { ...r, clobbersName: true } : r;
  return d * Number(r);
}

/** C strtod(): the longest prefix that is a number; undefined when there is none. */
function strtod(s: string): { value: number; rest: string; overflow: boolean } | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)|0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i.exec(s);
  if (m === null) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  let value: number;
  if (m[2] !== undefined) value = m[2].toLowerCase().startsWith("inf") ? Infinity : NaN;
  else if (m[3] !== undefined) value = hexFloat(m[3]);
  else value = Number(m[4]!);
  // glibc sets ERANGE when a finite number is too big for a double.
  const overflow = m[2] === undefined && !Number.isFinite(value);
  return { value: sign * value, rest: s.slice(m[0].length), overflow };
}

function hexFloat(text: string): number {
  const [mant, exp] = text.split(/[pP]/) as [string, string | undefined];
  const [int, frac = ""] = mant.split(".") as [string, string | undefined];
  let v = 0;
  for (const c of int) v = v * 16 + parseInt(c, 16);
  let scale = 1 / 16;
  for (const c of frac) {
    v += parseInt(c, 16) * scale;
    scale /= 16;
  }
  return v * 2 ** Number(exp ?? 0);
}

/**
 * GNU sleep: xstrtod() must convert something and leave at most one character, a suffix; the
 * value must be >= 0 (not NaN). An overflow to infinity is accepted from 8.26 (2ef621251).
 */
function gnuDuration(arg: string, version: string): number | undefined {
  const r = strtod(arg);
  if (r === undefined || (r.overflow && !versionAtLeast(version, 8, 26))) return undefined;
  if (!(r.value >= 0) || r.rest.length > 1) return undefined;
  const mult = UNITS[r.rest];
  return mult === undefined ? undefined : r.value * mult;
}

/** The longest wait one host timer can hold (setTimeout's limit): longer sleeps go in steps. */
const MAX_STEP_MS = 2 ** 31 - 1;

async function sleepSeconds(ctx: ProgramContext, seconds: number): Promise<void> {
  const proc = ctx.proc;
  proc.state = "S";
  let left = seconds * 1000;
  // Like BusyBox's `for (;;) sleep(INT_MAX)` and xnanosleep(): an endless sleep is many long ones.
  while (left > 0) {
    const step = Math.min(left, MAX_STEP_MS);
    await ctx.sys.system.kernel.baseClock.sleep(step, proc.lifetime);
    if (Number.isFinite(left)) left -= step;
  }
}

export const sleep: Command = {
  name: "sleep",
  usage: USAGE,
  async main(ctx: ProgramContext) {
    if (isBusybox(ctx)) {
      const args = ctx.argv.slice(1);
      if (args.length === 0) return usage(ctx, USAGE.trivial, USAGE.full);
      // GNU sleep accepts "inf", "INF", "infinity" and "INFINITY" (sleep.c, from 1.31).
      if (versionAtLeast(ctx.exe.version, 1, 31) && args[0]!.slice(0, 3).toLowerCase() === "inf") {
        await sleepSeconds(ctx, Infinity);
        return 0;
      }
      let seconds = 0;
      for (let i = 0; i < args.length; i++) {
        const d = busyboxDuration(args[i]!, i === 0);
        if (typeof d === "number") {
          seconds += d;
          continue;
        }
        if ("usage" in d) return usage(ctx, USAGE.trivial, USAGE.full);
        // bb_error_msg_and_die() prints applet_name, which the overwritten NUL may have extended.
        const name = ctx.argv[0]!.split("/").pop()!;
        await ctx.stderr.write(`${d.clobbersName === true ? `${name}1${args[i]}` : name}: ${d.message}\n`);
        return 1;
      }
      await sleepSeconds(ctx, seconds);
      return 0;
    }
    const parsed = parseOptions(ctx.argv.slice(1), "", { long: [], permute: true });
    if (isOptionError(parsed)) return optionError(ctx, parsed, undefined);
    if (ctx.argv.length === 1) {
      await ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let seconds = 0;
    let ok = true;
    for (const a of parsed.operands) {
      const d = gnuDuration(a, ctx.exe.version);
      if (d === undefined) {
        await ctx.stderr.write(`sleep: invalid time interval ${localeQuote(a)}\n`);
        ok = false;
      } else seconds += d;
    }
    if (!ok) {
      await ctx.stderr.write("Try 'sleep --help' for more information.\n");
      return 1;
    }
    await sleepSeconds(ctx, seconds);
    return 0;
  },
};
