// ulimit [-HSa] [-LIMIT [VALUE]]: the resource limits of the shell's process. BusyBox ash up to
// 1.30 (shell/shell_common.c shell_builtin_ulimit() @ 1_28_4: "-f: file size (blocks)  …" rows,
// bare `ulimit` prints nothing), from 1.31 (a4d76ea13, 93f0b39a0: bash's rows and letters), and
// dash (src/miscbltin.c ulimitcmd(): "nofiles              1048576").
//
// A container's limits are those its runtime process had (containerd and dockerd run with
// LimitNOFILE/LimitNPROC=infinity, so nofile 1048576 and nproc unlimited), with the kernel's
// defaults for the rest: an 8 MiB stack, 8 MiB of locked memory (64 KiB before Linux 5.16),
// RLIMIT_SIGPENDING = max_threads/2 (as /proc/PID/status SigQ shows), 800 KiB of message queues.
// The core size is 0 (podlab containers dump no core; jobs.ts statusText()).

import { atLeast } from "../../kernel/kernel.js";
import { sigPendingLimit } from "../../vfs/procfs/status.js";
import type { Shell } from "../interpreter.js";
import { versionAtLeast } from "../flavour.js";
import { type Builtin, type BuiltinContext, nextopt, out, raise } from "./types.js";

type Resource = "cpu" | "fsize" | "data" | "stack" | "core" | "rss" | "memlock" | "nproc" | "nofile" | "as" | "locks" | "sigpending" | "msgqueue" | "nice" | "rtprio";

const INF = Infinity;

interface Rlimit {
  cur: number;
  max: number;
}

/** The limits a container process starts with (see the header). */
function initialLimits(sh: Shell): Record<Resource, Rlimit> {
  const info = sh.system.kernel.info;
  const memlock = atLeast(info.kernel.release, 5, 16) ? 8 << 20 : 64 << 10;
  const pending = sigPendingLimit(info.memTotalKb);
  const both = (v: number): Rlimit => ({ cur: v, max: v });
  return {
    cpu: both(INF), fsize: both(INF), data: both(INF), stack: { cur: 8 << 20, max: INF }, core: { cur: 0, max: INF },
    rss: both(INF), memlock: both(memlock), nproc: both(INF), nofile: both(1048576), as: both(INF), locks: both(INF),
    sigpending: both(pending), msgqueue: both(819200), nice: both(0), rtprio: both(0),
  };
}

/** The shell's limits: what `ulimit` set, else the initial ones. */
function limitsOf(sh: Shell): Record<Resource, Rlimit> {
  return (sh.state.rlimits ??= initialLimits(sh)) as Record<Resource, Rlimit>;
}

/** setrlimit(): raising a hard limit needs CAP_SYS_RESOURCE; soft may not pass hard. */
function setLimit(sh: Shell, res: Resource, cur: number, max: number): boolean {
  const l = limitsOf(sh)[res];
  if (cur > max) return false;
  if (max > l.max && (sh.proc.creds.capEffective & (1n << 24n)) === 0n) return false;
  limitsOf(sh)[res] = { cur, max };
  return true;
}

// ---- BusyBox ash --------------------------------------------------------------------------

interface Row {
  readonly res: Resource;
  readonly shift: number;
  readonly opt: string;
  readonly name: string;
}

/** limits_tbl[] up to 1.30: option letter, "%-30s" name. */
const ROWS_OLD: readonly Row[] = [
  { res: "fsize", shift: 9, opt: "f", name: "file size (blocks)" },
  { res: "cpu", shift: 0, opt: "t", name: "cpu time (seconds)" },
  { res: "data", shift: 10, opt: "d", name: "data seg size (kb)" },
  { res: "stack", shift: 10, opt: "s", name: "stack size (kb)" },
  { res: "core", shift: 9, opt: "c", name: "core file size (blocks)" },
  { res: "rss", shift: 10, opt: "m", name: "resident set size (kb)" },
  { res: "memlock", shift: 10, opt: "l", name: "locked memory (kb)" },
  { res: "nproc", shift: 0, opt: "p", name: "processes" },
  { res: "nofile", shift: 0, opt: "n", name: "file descriptors" },
  { res: "as", shift: 10, opt: "v", name: "address space (kb)" },
  { res: "locks", shift: 0, opt: "w", name: "locks" },
  { res: "nice", shift: 0, opt: "e", name: "scheduling priority" },
  { res: "rtprio", shift: 0, opt: "r", name: "real-time priority" },
];

/** limits_tbl[] from 1.31: bash's order, names and letters, "%-32s(-%c) ". */
const ROWS_NEW: readonly Row[] = [
  { res: "core", shift: 9, opt: "c", name: "core file size (blocks)" },
  { res: "data", shift: 10, opt: "d", name: "data seg size (kb)" },
  { res: "nice", shift: 0, opt: "e", name: "scheduling priority" },
  { res: "fsize", shift: 9, opt: "f", name: "file size (blocks)" },
  { res: "sigpending", shift: 0, opt: "i", name: "pending signals" },
  { res: "memlock", shift: 10, opt: "l", name: "max locked memory (kb)" },
  { res: "rss", shift: 10, opt: "m", name: "max memory size (kb)" },
  { res: "nofile", shift: 0, opt: "n", name: "open files" },
  { res: "msgqueue", shift: 0, opt: "q", name: "POSIX message queues (bytes)" },
  { res: "rtprio", shift: 0, opt: "r", name: "real-time priority" },
  { res: "stack", shift: 10, opt: "s", name: "stack size (kb)" },
  { res: "cpu", shift: 0, opt: "t", name: "cpu time (seconds)" },
  { res: "nproc", shift: 0, opt: "u", name: "max user processes" },
  { res: "as", shift: 10, opt: "v", name: "virtual memory (kb)" },
  { res: "locks", shift: 0, opt: "x", name: "file locks" },
];

const fmt = (v: number, shift: number) => (v === INF ? "unlimited" : String(Math.floor(v / 2 ** shift)));

/** One getopt() step over "-HSa" + "X::" letters: [char, optarg] ("\x01" for an operand), or "?" */
type Opt = { c: string; arg: string | undefined } | { bad: string };

/** glibc/uClibc/musl getopt() for the options of `letters` (each "X::"), with a leading "-". */
function* getopt(args: readonly string[], letters: string, state: { optind: number }): Generator<Opt> {
  while (state.optind < args.length) {
    const a = args[state.optind]!;
    if (a === "--") {
      state.optind++;
      return;
    }
    if (!a.startsWith("-") || a === "-") {
      state.optind++;
      yield { c: "\x01", arg: a };
      continue;
    }
    state.optind++;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (!letters.includes(c)) {
        yield { bad: c };
        continue;
      }
      if ("HSa".includes(c)) {
        yield { c, arg: undefined };
        continue;
      }
      // "X::": an optional argument only when attached ("-n5").
      yield { c, arg: j + 1 < a.length ? a.slice(j + 1) : undefined };
      break;
    }
  }
}

/** The libc's "invalid option" line (getopt prints it with argv[0], here "ulimit"). */
function badOption(sh: Shell, c: string): string {
  if (sh.flavour.libc === "musl") return `ulimit: unrecognized option: ${c}\n`;
  if (sh.flavour.libc === "uclibc") return `ulimit: invalid option -- ${c}\n`;
  return `ulimit: invalid option -- '${c}'\n`;
}

/** bb_strtoul() of a limit: decimal digits only. */
const bbNumber = (s: string) => (/^\d+$/.test(s) && Number(s) <= Number.MAX_SAFE_INTEGER ? Number(s) : undefined);

async function ashUlimit(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1);
  const modern = versionAtLeast(sh.flavour.version, [1, 31]);
  const rows = modern ? ROWS_NEW : ROWS_OLD;
  const letters = `HSa${rows.map((r) => r.opt).join("")}`;
  // BusyBox messages: bb_error_msg() with the shell's applet name.
  const bbError = (text: string) => sh.err(ctx.fds, `${sh.state.arg0.replace(/^-/, "").replace(/^.*\//, "")}: ${text}\n`);
  let hard = false;
  let soft = false;
  const show = (l: Rlimit) => (modern ? (soft || !hard ? l.cur : l.max) : hard ? l.max : l.cur);
  const set = async (row: Row, text: string): Promise<boolean> => {
    let v = INF;
    if (text !== "unlimited") {
      const n = bbNumber(text);
      if (n === undefined) {
        await bbError(`invalid number '${text}'`);
        return false;
      }
      v = n * 2 ** row.shift;
    }
    const l = limitsOf(sh)[row.res];
    const both = !hard && !soft;
    if (!setLimit(sh, row.res, both || soft ? v : l.cur, both || hard ? v : l.max)) {
      await bbError("error setting limit: Operation not permitted");
      return false;
    }
    return true;
  };
  const valueAfter = (state: { optind: number }, arg: string | undefined) => {
    if (arg !== undefined) return arg;
    const next = args[state.optind];
    if (next !== undefined && !next.startsWith("-")) {
      state.optind++;
      return next;
    }
    return undefined;
  };
  if (!modern) {
    // One pass: -a prints at once; the first unknown letter ends the loop (status 0).
    const state = { optind: 0 };
    for (const o of getopt(args, letters, state)) {
      if ("bad" in o) {
        await sh.err(ctx.fds, badOption(sh, o.bad));
        return 0;
      }
      if (o.c === "H") hard = true;
      else if (o.c === "S") soft = true;
      else if (o.c === "a") {
        for (const r of rows) await out(ctx, `-${r.opt}: ${r.name.padEnd(30)} ${fmt(show(limitsOf(sh)[r.res]), r.shift)}\n`);
      } else {
        const row = rows.find((r) => r.opt === (o.c === "\x01" ? "f" : o.c))!;
        const text = o.c === "\x01" ? o.arg : valueAfter(state, o.arg);
        if (text === undefined) await out(ctx, `${fmt(show(limitsOf(sh)[row.res]), row.shift)}\n`);
        else if (!(await set(row, text))) return 1;
      }
    }
    return 0;
  }
  // 1.31+: a first pass for -H/-S/-a and to count the limits named, then one in order.
  let count = 0;
  let all = false;
  for (const o of getopt(args, letters, { optind: 0 })) {
    if ("bad" in o) {
      await sh.err(ctx.fds, badOption(sh, o.bad));
      return 1;
    }
    if (o.c === "H") hard = true;
    else if (o.c === "S") soft = true;
    else if (o.c === "a") all = true;
    else count++;
  }
  if (all) {
    for (const r of rows) await out(ctx, `${r.name.padEnd(32)}(-${r.opt}) ${fmt(show(limitsOf(sh)[r.res]), r.shift)}\n`);
    return 0;
  }
  const state = { optind: 0 };
  for (const o of getopt(args, letters, state)) {
    if ("bad" in o || "HSa".includes(o.c)) continue;
    const row = rows.find((r) => r.opt === (o.c === "\x01" ? "f" : o.c))!;
    const text = o.c === "\x01" ? o.arg : valueAfter(state, o.arg);
    if (text === undefined) await out(ctx, `${count > 1 ? `${row.name.padEnd(32)}(-${row.opt}) ` : ""}${fmt(show(limitsOf(sh)[row.res]), row.shift)}\n`);
    else if (!(await set(row, text))) return 1;
  }
  if (count === 0) {
    const row = rows.find((r) => r.opt === "f")!;
    await out(ctx, `${fmt(show(limitsOf(sh)[row.res]), row.shift)}\n`);
  }
  return 0;
}

// ---- dash ----------------------------------------------------------------------------------

/** dash limits[]: name, factor, letter. */
const DASH_ROWS: readonly { res: Resource; factor: number; opt: string; name: string }[] = [
  { res: "cpu", factor: 1, opt: "t", name: "time(seconds)" },
  { res: "fsize", factor: 512, opt: "f", name: "file(blocks)" },
  { res: "data", factor: 1024, opt: "d", name: "data(kbytes)" },
  { res: "stack", factor: 1024, opt: "s", name: "stack(kbytes)" },
  { res: "core", factor: 512, opt: "c", name: "coredump(blocks)" },
  { res: "rss", factor: 1024, opt: "m", name: "memory(kbytes)" },
  { res: "memlock", factor: 1024, opt: "l", name: "locked memory(kbytes)" },
  { res: "nproc", factor: 1, opt: "p", name: "process" },
  { res: "nofile", factor: 1, opt: "n", name: "nofiles" },
  { res: "as", factor: 1024, opt: "v", name: "vmemory(kbytes)" },
  { res: "locks", factor: 1, opt: "w", name: "locks" },
  { res: "rtprio", factor: 1, opt: "r", name: "rtprio" },
];

async function dashUlimit(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  // nextopt("HSatfdscmlpnvw"): -r is listed but not an option.
  const { opts, args } = await nextopt(ctx, "HSatfdscmlpnvw");
  let how: "soft" | "hard" | "both" = "both";
  let all = false;
  let what = "f";
  for (const o of opts) {
    if (o === "H") how = "hard";
    else if (o === "S") how = "soft";
    else if (o === "a") all = true;
    else what = o;
  }
  const show = (l: Rlimit, factor: number) => {
    const v = how === "hard" ? l.max : l.cur;
    return v === INF ? "unlimited" : String(Math.floor(v / factor));
  };
  const row = DASH_ROWS.find((r) => r.opt === what)!;
  if (args.length > 0) {
    if (all || args.length > 1) return raise(ctx, "too many arguments");
    let v = INF;
    if (args[0] !== "unlimited") {
      if (!/^\d*$/.test(args[0]!)) return raise(ctx, "bad number");
      v = Number(args[0]) * row.factor;
    }
    const l = limitsOf(sh)[row.res];
    if (!setLimit(sh, row.res, how === "hard" ? l.cur : v, how === "soft" ? l.max : v)) return raise(ctx, "error setting limit (Operation not permitted)");
    return 0;
  }
  if (all) {
    for (const r of DASH_ROWS) await out(ctx, `${r.name.padEnd(20)} ${show(limitsOf(sh)[r.res], r.factor)}\n`);
    return 0;
  }
  await out(ctx, `${show(limitsOf(sh)[row.res], row.factor)}\n`);
  return 0;
}

export const ulimit: Builtin = {
  name: "ulimit",
  shells: ["ash", "dash"],
  run(ctx) {
    return ctx.sh.flavour.name === "dash" ? dashUlimit(ctx) : ashUlimit(ctx);
  },
};
