// date [OPTIONS] [+FMT] [TIME] (BusyBox coreutils/date.c date_main() with libbb/time.c
// parse_datestr(); GNU coreutils src/date.c with gnulib parse_datetime/posixtime). Setting the
// clock calls settimeofday(2), which needs CAP_SYS_TIME; both builds still print the date after
// a refused set (BusyBox exits 0, GNU 1). Time is the node's clock, shown in UTC.

import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, errText, isBusybox, isOptionError, optionError, out, parseOptions, perror, usage } from "./lib/cmd.js";
import { gmtime, mktime, strftime } from "./lib/sys-time.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [+FMT] [TIME]",
  full: "Display time (using +FMT), or set time\n\n\t[-s,--set] TIME\tSet time to TIME\n\t-u,--utc\tWork in UTC (don't convert to local time)\n\t-R,--rfc-2822\tOutput RFC-2822 compliant date string\n\t-I[SPEC]\tOutput ISO-8601 compliant date string\n\t\t\tSPEC='date' (default) for date only,\n\t\t\t'hours', 'minutes', or 'seconds' for date and\n\t\t\ttime to the indicated precision\n\t-r,--reference FILE\tDisplay last modification time of FILE\n\t-d,--date TIME\tDisplay TIME, not 'now'\n\t-D FMT\t\tUse FMT for -d TIME conversion\n\nRecognized TIME formats:\n\thh:mm[:ss]\n\t[YYYY.]MM.DD-hh:mm[:ss]\n\tYYYY-MM-DD hh:mm[:ss]\n\t[[[[[YY]YY]MM]DD]hh]mm[.ss]\n\t'date TIME' form accepts MMDDhhmm[[YY]YY][.ss] instead",
};

const DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y";

interface TmFields { year: number; mon: number; mday: number; hour: number; min: number; sec: number }

/**
 * sscanf() for the patterns parse_datestr() uses: %u (optionally %2u), literal characters, a
 * space (any amount of white space) and a final %c. Returns the number of conversions assigned
 * and the values; `end` is the character %c took ("" when the input ran out first).
 */
function sscanf(str: string, fmt: string): { count: number; nums: number[]; end: string } {
  const nums: number[] = [];
  let end = "";
  let i = 0;
  let count = 0;
  for (let f = 0; f < fmt.length; f++) {
    const c = fmt[f]!;
    if (c === " ") {
      while (i < str.length && /\s/.test(str[i]!)) i++;
      continue;
    }
    if (c !== "%") {
      if (str[i] !== c) break;
      i++;
      continue;
    }
    let width = Infinity;
    if (/\d/.test(fmt[f + 1]!)) width = Number(fmt[++f]);
    const conv = fmt[++f];
    if (conv === "c") {
      if (i >= str.length) break;
      end = str[i++]!;
      count++;
      continue;
    }
    while (i < str.length && /\s/.test(str[i]!)) i++;
    const m = /^\d+/.exec(str.slice(i, width === Infinity ? undefined : i + width));
    if (m === null) break;
    nums.push(Number(m[0]));
    i += m[0].length;
    count++;
  }
  return { count, nums, end };
}

/** libbb parse_datestr(): the BusyBox TIME forms; undefined when the string is invalid. */
function parseBusyboxDate(str: string, tm: TmFields): TmFields | undefined {
  const t = { ...tm };
  let end = "";
  const lastColon = str.lastIndexOf(":");
  if (lastColon >= 0) {
    let r = sscanf(str, "%u:%u%c");
    if (r.count >= 2) {
      [t.hour, t.min] = r.nums as [number, number];
    } else if ((r = sscanf(str, "%u.%u-%u:%u%c")).count >= 4) {
      [t.mon, t.mday, t.hour, t.min] = r.nums as [number, number, number, number];
      t.mon -= 1;
    } else if ((r = sscanf(str, "%u.%u.%u-%u:%u%c")).count >= 5 || (r = sscanf(str, "%u-%u-%u %u:%u%c")).count >= 5) {
      [t.year, t.mon, t.mday, t.hour, t.min] = r.nums as [number, number, number, number, number];
      t.mon -= 1;
    } else return undefined;
    end = r.end;
    if (end === ":") {
      const sec = sscanf(str.slice(lastColon + 1), "%u%c");
      if (sec.count === 1) {
        t.sec = sec.nums[0]!;
        end = "";
      }
    }
  } else if (str.includes("-")) {
    let r = sscanf(str, "%u-%u-%u %u%c");
    if (r.count >= 4) [t.year, t.mon, t.mday, t.hour] = r.nums as [number, number, number, number];
    else if ((r = sscanf(str, "%u-%u-%u%c")).count >= 3) [t.year, t.mon, t.mday] = r.nums as [number, number, number];
    else return undefined;
    t.mon -= 1;
    end = r.end;
  } else if (str.startsWith("@")) {
    const n = /^@([+-]?\d+)$/.exec(str);
    return n === null ? undefined : gmtimeFields(Number(n[1]) * 1000);
  } else {
    // [[[[[YY]YY]MM]DD]hh]mm[.ss], the "touch -t" form.
    const dot = str.indexOf(".");
    const len = dot < 0 ? str.length : dot;
    const fmts: Record<number, string> = { 2: "%2u%c", 4: "%2u%2u%c", 6: "%2u%2u%2u%c", 8: "%2u%2u%2u%2u%c", 10: "%2u%2u%2u%2u%2u%c", 12: "%4u%2u%2u%2u%2u%c" };
    const need: Record<number, number> = { 2: 1, 4: 2, 6: 3, 8: 4, 10: 5, 12: 5 };
    const fmt = fmts[len];
    if (fmt === undefined) return undefined;
    const r = sscanf(str, fmt);
    if (r.count < need[len]!) return undefined;
    const v = r.nums;
    if (len === 2) t.min = v[0]!;
    else if (len === 4) [t.hour, t.min] = v as [number, number];
    else if (len === 6) [t.mday, t.hour, t.min] = v as [number, number, number];
    else if (len === 8) [t.mon, t.mday, t.hour, t.min] = [v[0]! - 1, v[1]!, v[2]!, v[3]!];
    else if (len === 10) {
      const cur = tm.year - 1900;
      let y = v[0]!;
      if (cur >= 50) {
        y += Math.floor(cur / 100) * 100;
        if (y < cur - 50) y += 100;
        if (y > cur + 50) y -= 100;
      }
      [t.year, t.mon, t.mday, t.hour, t.min] = [y + 1900, v[1]! - 1, v[2]!, v[3]!, v[4]!];
    } else [t.year, t.mon, t.mday, t.hour, t.min] = [v[0]!, v[1]! - 1, v[2]!, v[3]!, v[4]!];
    t.sec = 0;
    end = r.end;
    if (end === ".") {
      const sec = sscanf(str.slice(dot + 1), "%u%c");
      if (sec.count === 1) {
        t.sec = sec.nums[0]!;
        end = "";
      }
    }
  }
  return end === "" ? t : undefined;
}

/**
 * getopt "X::": an option whose argument, if any, is attached (-Iseconds). Returns argv without
 * it and the argument ("" when bare). `flags` are the letters it may follow in a cluster (-uI),
 * `withArg` the options whose value is the next word; getopt permutes, so operands are skipped.
 */
function splitOptionalArg(args: readonly string[], letter: string, flags: string, withArg: string): { argv: string[]; optional: string | undefined } {
  let optional: string | undefined;
  const argv: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      argv.push(...args.slice(i));
      break;
    }
    const m = new RegExp(`^-([${flags}]*)${letter}(.*)$`).exec(a);
    if (m !== null) {
      optional = m[2]!;
      if (m[1] !== "") argv.push(`-${m[1]}`);
      continue;
    }
    argv.push(a);
    // "-d VALUE": the value is not an option even when it starts with "-I".
    if (/^-[^-]/.test(a) && withArg.includes(a[a.length - 1]!) && [...a.slice(1)].every((c) => (flags + withArg).includes(c)) && i + 1 < args.length) argv.push(args[++i]!);
  }
  return { argv, optional };
}

const gmtimeFields = (ms: number): TmFields => {
  const g = gmtime(ms);
  return { year: g.year, mon: g.mon, mday: g.mday, hour: g.hour, min: g.min, sec: g.sec };
};

/** The "date MMDDhhmm[[CC]YY][.ss]" operand (ENABLE_FEATURE_DATE_COMPAT): move the year to the front. */
function compatOperand(s: string): string | undefined | "invalid" {
  const m = /^(\d*)(\.\d\d)?$/.exec(s);
  if (m === null) return undefined;
  const digits = m[1]!;
  const len = digits.length - 8;
  if (len < 0 || len > 4 || len % 2 !== 0) return "invalid";
  return digits.slice(8) + digits.slice(0, 8) + (m[2] ?? "");
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  // "I::" takes an optional attached argument (-Iseconds): split it off before getopt.
  const { argv, optional } = splitOptionalArg(ctx.argv.slice(1), "I", "Ru", "sdrD");
  const parsed = parseOptions(argv, "Rs:ud:r:D:", { long: ["rfc-822", "rfc-2822", "set=", "utc", "date=", "reference="] });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const f = parsed.flags;
  let ifmt = -1;
  if (optional !== undefined) {
    ifmt = optional === "" ? 0 : ["date", "hours", "minutes", "seconds"].indexOf(optional);
    if (ifmt < 0) return usage(ctx, USAGE.trivial, USAGE.full);
  }
  const utc = f.has("u") || f.has("--utc");
  const rfc = f.has("R") || f.has("--rfc-822") || f.has("--rfc-2822");
  let dateStr = parsed.values.get("s") ?? parsed.values.get("--set") ?? parsed.values.get("d") ?? parsed.values.get("--date");
  let set = parsed.values.has("s") || parsed.values.has("--set");
  const display = parsed.values.has("d") || parsed.values.has("--date");
  const args = [...parsed.operands];
  let fmt: string | undefined;
  if (args[0]?.startsWith("+")) fmt = args.shift()!.slice(1);
  if (!set && !display) {
    set = true;
    dateStr = args.shift();
    if (dateStr !== undefined) {
      const c = compatOperand(dateStr);
      if (c === "invalid") {
        await ctx.stderr.write(`${applet(ctx)}: invalid date '${dateStr}'\n`);
        return 1;
      }
      if (c !== undefined) dateStr = c;
    }
  }
  if (args.length > 0) return usage(ctx, USAGE.trivial, USAGE.full);
  let when = ctx.sys.now();
  const ref = parsed.values.get("r") ?? parsed.values.get("--reference");
  if (ref !== undefined) {
    const st = attempt(() => ctx.sys.stat(ref));
    if (!st.ok) {
      await perror(ctx, `can't stat '${ref}'`, st.errno);
      return 1;
    }
    when = st.value.mtime;
  }
  if (dateStr !== undefined) {
    const base = { ...gmtimeFields(when), hour: 0, min: 0, sec: 0 };
    const hint = parsed.values.get("D");
    const tm = hint !== undefined ? parseWithHint(dateStr, hint, base) : parseBusyboxDate(dateStr, base);
    if (tm === undefined) {
      await ctx.stderr.write(`${applet(ctx)}: invalid date '${dateStr}'\n`);
      return 1;
    }
    when = mktime(tm);
    if (set) {
      const r = attempt(() => ctx.sys.settimeofday(when));
      if (!r.ok) await perror(ctx, "can't set date", r.errno);
    }
  }
  if (fmt === undefined) {
    if (ifmt >= 0) fmt = ["%Y-%m-%d", "%Y-%m-%dT%H", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"][ifmt]! + (ifmt === 0 ? "" : utc ? "%Z" : "%z");
    else if (rfc) fmt = `%a, %d %b %Y %H:%M:%S ${utc ? "%Z" : "%z"}`;
    else fmt = DEFAULT_FORMAT;
  }
  if (fmt.startsWith("%f")) fmt = "%Y.%m.%d-%H:%M:%S";
  await out(ctx, `${fmt === "" ? "" : strftime(fmt, when)}\n`);
  return 0;
}

/** -D FMT: strptime() with the common numeric conversions. */
function parseWithHint(str: string, hint: string, base: TmFields): TmFields | undefined {
  const t = { ...base };
  let s = str;
  for (let i = 0; i < hint.length; i++) {
    const c = hint[i]!;
    if (c !== "%") {
      if (/\s/.test(c)) s = s.replace(/^\s*/, "");
      else if (s[0] === c) s = s.slice(1);
      else return undefined;
      continue;
    }
    const conv = hint[++i];
    const m = /^\s*(\d+)/.exec(s);
    if (conv === "%") {
      if (s[0] !== "%") return undefined;
      s = s.slice(1);
      continue;
    }
    if (m === null) return undefined;
    const n = Number(m[1]);
    s = s.slice(m[0].length);
    switch (conv) {
      case "Y": t.year = n; break;
      case "m": t.mon = n - 1; break;
      case "d": case "e": t.mday = n; break;
      case "H": t.hour = n; break;
      case "M": t.min = n; break;
      case "S": t.sec = n; break;
      case "s": return gmtimeFields(n * 1000);
      default: return undefined;
    }
  }
  return t;
}

// ---- GNU ---------------------------------------------------------------------------------------

const UNITS: Record<string, number> = {
  sec: 1, second: 1, min: 60, minute: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600,
};

/** A subset of gnulib parse_datetime(): ISO dates and times, @EPOCH, keywords and relative items. */
export function parseGnuDate(input: string, now: number): number | undefined {
  let s = input.trim().toLowerCase();
  if (s === "") return Math.floor(now / 86_400_000) * 86_400_000;
  const epoch = /^@(-?\d+)(?:\.(\d+))?$/.exec(s);
  if (epoch) return Number(epoch[1]) * 1000 + (epoch[2] ? Math.floor(Number(`0.${epoch[2]}`) * 1000) : 0);
  let base = gmtimeFields(now);
  let haveDate = false;
  let haveTime = false;
  let seconds = 0;
  let months = 0;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m !== null) s = s.slice(m[0].length).trim();
    return m;
  };
  while (s !== "") {
    let m: RegExpExecArray | null;
    if ((m = take(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\s|$)/))) {
      if (haveDate) return undefined;
      haveDate = true;
      base = { ...base, year: Number(m[1]), mon: Number(m[2]) - 1, mday: Number(m[3]) };
      if (base.mon > 11 || base.mday < 1 || base.mday > 31) return undefined;
    } else if ((m = take(/^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?(?=\s|$)/))) {
      if (haveTime) return undefined;
      haveTime = true;
      base = { ...base, hour: Number(m[1]), min: Number(m[2]), sec: Number(m[3] ?? 0) };
      if (base.hour > 23 || base.min > 59 || base.sec > 60) return undefined;
      const zone = m[4];
      if (zone !== undefined && /^[+-]/.test(zone)) {
        const z = zone.replace(":", "");
        seconds -= (zone.startsWith("-") ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.slice(3, 5)) * 60);
      }
    } else if ((m = take(/^(now|today)\b/))) {
      /* the current time */
    } else if ((m = take(/^yesterday\b/))) seconds -= 86400;
    else if ((m = take(/^tomorrow\b/))) seconds += 86400;
    else if ((m = take(/^([+-]?\s*\d+)?\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?\b(\s+ago\b)?/))) {
      const n = (m[1] === undefined ? 1 : Number(m[1].replace(/\s/g, ""))) * (m[3] ? -1 : 1);
      if (m[2] === "month") months += n;
      else if (m[2] === "year") months += 12 * n;
      else seconds += n * UNITS[m[2]!]!;
    } else if ((m = take(/^(utc|gmt|z)\b/))) {
      /* the zone we are in */
    } else return undefined;
  }
  if (haveDate && !haveTime) base = { ...base, hour: 0, min: 0, sec: 0 };
  const ms = mktime({ ...base, mon: base.mon + months }) + seconds * 1000;
  return haveDate || haveTime ? ms : ms + (now % 1000);
}

/** gnulib posixtime() for "date MMDDhhmm[[CC]YY][.ss]". */
function parsePosixTime(s: string, now: number): number | undefined {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(s);
  if (m === null) return undefined;
  const d = m[1]!;
  const two = (i: number) => Number(d.slice(i, i + 2));
  let year = gmtime(now).year;
  if (d.length === 10) {
    const yy = two(8);
    year = yy < 69 ? 2000 + yy : 1900 + yy;
  } else if (d.length === 12) year = Number(d.slice(8, 12));
  const t = { year, mon: two(0) - 1, mday: two(2), hour: two(4), min: two(6), sec: m[2] === undefined ? 0 : Number(m[2]) };
  if (t.mon > 11 || t.mday < 1 || t.mday > 31 || t.hour > 23 || t.min > 59 || t.sec > 60) return undefined;
  const ms = mktime(t);
  const back = gmtime(ms);
  return back.mon === t.mon && back.mday === t.mday ? ms : undefined;
}

const gnuVersionAtLeast = (ctx: ProgramContext, major: number, minor: number) => {
  const [a, b] = ctx.exe.version.split(".").map(Number) as [number, number];
  return a > major || (a === major && b >= minor);
};

async function gnuUsage(ctx: ProgramContext, message?: string): Promise<number> {
  await ctx.stderr.write(`${message === undefined ? "" : `${applet(ctx)}: ${message}\n`}Try '${applet(ctx)} --help' for more information.\n`);
  return 1;
}

async function gnuMain(ctx: ProgramContext): Promise<number> {
  const args = ctx.argv.slice(1).map((a) => (a.startsWith("--iso-8601") ? `-I${a.slice(11)}` : a));
  const { argv, optional } = splitOptionalArg(args, "I", "Ru", "dfrs");
  const parsed = parseOptions(argv, "d:f:r:Rs:u", {
    long: ["date=", "file=", "reference=", "rfc-2822", "rfc-email", "rfc-3339=", "set=", "utc", "universal"], permute: true,
  });
  if (isOptionError(parsed)) return optionError(ctx, parsed, undefined);
  const colonZ = gnuVersionAtLeast(ctx, 8, 27) ? "%:z" : "%z";
  const formats: string[] = [];
  for (const a of [...(optional === undefined ? [] : [`-I${optional}`]), ...argv]) {
    if (a === "--") break;
    const iso = /^-I(.*)$/.exec(a);
    if (iso) {
      const spec = iso[1] ?? "";
      const specs: Record<string, string> = { "": "%Y-%m-%d", date: "%Y-%m-%d", hours: `%Y-%m-%dT%H${colonZ}`, minutes: `%Y-%m-%dT%H:%M${colonZ}`, seconds: `%Y-%m-%dT%H:%M:%S${colonZ}`, ns: `%Y-%m-%dT%H:%M:%S,%N${colonZ}` };
      const chosen = specs[spec];
      if (chosen === undefined) return gnuUsage(ctx, `invalid argument '${spec}' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
      formats.push(chosen);
    } else if (/^-[uI]*R/.test(a) || a === "--rfc-2822" || a === "--rfc-email") formats.push("%a, %d %b %Y %H:%M:%S %z");
  }
  const rfc3339 = parsed.values.get("--rfc-3339");
  if (rfc3339 !== undefined) {
    const specs: Record<string, string> = { date: "%Y-%m-%d", seconds: "%Y-%m-%d %H:%M:%S%:z", ns: "%Y-%m-%d %H:%M:%S.%N%:z" };
    const chosen = specs[rfc3339];
    if (chosen === undefined) return gnuUsage(ctx, `invalid argument '${rfc3339}' for '--rfc-3339'\nValid arguments are:\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
    formats.push(chosen);
  }
  if (formats.length > 1) {
    await ctx.stderr.write(`${applet(ctx)}: multiple output formats specified\n`);
    return 1;
  }
  let format: string | undefined = formats[0];
  const datestr = parsed.values.get("d") ?? parsed.values.get("--date");
  const setStr = parsed.values.get("s") ?? parsed.values.get("--set");
  const reference = parsed.values.get("r") ?? parsed.values.get("--reference");
  const specified = (datestr !== undefined ? 1 : 0) + (reference !== undefined ? 1 : 0) + (parsed.values.has("f") || parsed.values.has("--file") ? 1 : 0);
  if (specified > 1) return gnuUsage(ctx, "the options to specify dates for printing are mutually exclusive");
  let set = setStr !== undefined;
  if (set && specified > 0) return gnuUsage(ctx, "the options to print and set the time may not be used together");
  const ops = parsed.operands;
  if (ops.length > 1) return gnuUsage(ctx, `extra operand '${ops[1]}'`);
  let operand = ops[0];
  if (operand?.startsWith("+")) {
    if (format !== undefined) {
      await ctx.stderr.write(`${applet(ctx)}: multiple output formats specified\n`);
      return 1;
    }
    format = operand.slice(1);
    operand = undefined;
  } else if (operand !== undefined && (set || specified > 0)) {
    return gnuUsage(ctx, `the argument '${operand}' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'`);
  }
  format ??= DEFAULT_FORMAT;
  const now = ctx.sys.now();
  let when: number | undefined = now;
  let shown: string | undefined;
  if (specified === 0 && !set) {
    if (operand !== undefined) {
      set = true;
      shown = operand;
      when = parsePosixTime(operand, now);
    }
  } else if (reference !== undefined) {
    const st = attempt(() => ctx.sys.stat(reference));
    if (!st.ok) {
      await ctx.stderr.write(`${applet(ctx)}: ${reference}: ${errText(ctx, st.errno)}\n`);
      return 1;
    }
    when = st.value.mtime;
  } else {
    shown = setStr ?? datestr ?? "";
    when = parseGnuDate(shown, now);
  }
  if (when === undefined) {
    await ctx.stderr.write(`${applet(ctx)}: invalid date '${shown}'\n`);
    return 1;
  }
  let status = 0;
  if (set) {
    const r = attempt(() => ctx.sys.settimeofday(when!));
    if (!r.ok) {
      await ctx.stderr.write(`${applet(ctx)}: cannot set date: ${errText(ctx, r.errno)}\n`);
      status = 1;
    }
  }
  await out(ctx, `${strftime(format, when)}\n`);
  return status;
}

export const date: Command = {
  name: "date",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : gnuMain(ctx)),
};
