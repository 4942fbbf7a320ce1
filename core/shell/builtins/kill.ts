// kill [-s SIG | -SIG] PID|%JOB… and kill -l: ash converts job specs and runs the kill applet
// (kill_main(), messages as "sh: …"), dash and bash have their own builtins.

import { type Errno, errnoOf } from "../../kernel/errno.js";
import { SIGNALS, SIGTERM, parseSignal } from "../../kernel/signal.js";
import type { Shell } from "../interpreter.js";
import { type Builtin, type BuiltinContext, errText, fail, out, raise } from "./types.js";

/** kill(2) for every pid form (N, 0, -1, -PGID: the kernel's kill_something_info()). */
export function killPid(sh: Shell, pid: number, sig: number): Errno | undefined {
  try {
    sh.sys.kill(pid, sig);
    return undefined;
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    return e;
  }
}

/** The pids a job spec names: its process group under job control, else its live members. */
async function jobPids(ctx: BuiltinContext, spec: string): Promise<number[]> {
  const { sh } = ctx;
  const job = sh.jobs.find(spec);
  if (typeof job === "string") return raise(ctx, sh.flavour.name === "dash" ? `No such job: ${spec}` : job);
  if (job.jobControl || sh.flavour.name === "dash") return [-job.procs[0]!.pid];
  return job.procs.filter((p) => p.status === undefined).map((p) => p.pid);
}

/** libbb/u_signal_names.c signals[]: BusyBox lists SIGIO as POLL (as commands/kill.ts does). */
const bbSignalName = (n: number): string => (n === 29 ? "POLL" : SIGNALS[n] ?? "");

/**
 * dash's signal_names[] (mksignames.c, made on glibc): no name for 16 (SIGSTKFLT) and for 32 and
 * 33 (glibc's own), then RTMIN, RTMIN+1 … RTMIN+15, RTMAX-14 … RTMAX-1, RTMAX.
 */
function dashSignalName(n: number): string {
  if (n === 16 || n === 32 || n === 33) return String(n);
  if (n >= 34 && n <= 64) return n === 34 ? "RTMIN" : n === 64 ? "RTMAX" : n <= 49 ? `RTMIN+${n - 34}` : `RTMAX-${64 - n}`;
  return SIGNALS[n] ?? String(n);
}

/** get_signum(): the names of signals[] (POLL), and SIGIO's other name IO (ENABLE_DESKTOP). */
const bbSignum = (name: string): number | undefined => (name.toUpperCase().replace(/^SIG/, "") === "POLL" ? 29 : parseSignal(name));

const signalList = (shell: string, libc = "glibc"): string => {
  if (shell === "bash") return SIGNALS.slice(1).map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join("\t").replace(/((?:[^\t]*\t){4}[^\t]*)\t/g, "$1\n") + "\n";
  // print_signames(): FEATURE_RTMINMAX adds SIGRTMAX where the libc defines __SIGRTMAX.
  if (shell === "ash") return SIGNALS.slice(1).map((_s, i) => `${String(i + 1).padStart(2)}) ${bbSignalName(i + 1)}\n`).join("") + (libc === "musl" ? "" : "64) RTMAX\n");
  let text = "0\n";
  for (let i = 1; i <= 64; i++) text += `${dashSignalName(i)}\n`;
  return text;
};

/** BusyBox kill_main() as ash runs it: messages "sh: …", status = number of failures. */
async function ashKill(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1);
  const bbError = async (text: string) => sh.err(ctx.fds, `${sh.state.arg0}: ${text}\n`);
  let sig = SIGTERM;
  if (args[0] === "-l") {
    if (args.length === 1) {
      await out(ctx, signalList("ash", sh.flavour.libc));
      return 0;
    }
    for (const a of args.slice(1)) {
      if (/^\d/.test(a)) {
        const n = Number.parseInt(a, 10) & 0x7f;
        await out(ctx, `${n > 0 && n < 32 ? bbSignalName(n) : n}\n`);
      }
      else {
        const n = bbSignum(a);
        if (n === undefined) {
          await bbError(`unknown signal '${a}'`);
          return 1;
        }
        await out(ctx, `${n}\n`);
      }
    }
    return 0;
  }
  if (args[0]?.startsWith("-")) {
    const opt = args.shift()!.slice(1);
    if (opt !== "-") {
      const name = opt === "s" && args.length > 0 ? args.shift()! : opt;
      const s = bbSignum(name);
      if (s === undefined) {
        await bbError(`bad signal name '${name}'`);
        return 1;
      }
      sig = s;
    }
  }
  if (args.length === 0) {
    await bbError("you need to specify whom to kill");
    return 1;
  }
  let errors = 0;
  for (const a of args) {
    const pids = a.startsWith("%") ? await jobPids(ctx, a) : [a];
    for (const p of pids) {
      const text = String(p);
      if (!/^-?\d+$/.test(text)) {
        await bbError(`invalid number '${text}'`);
        errors++;
        continue;
      }
      const e = killPid(sh, Number(text), sig);
      if (e !== undefined) {
        await bbError(`can't kill pid ${text}: ${errText(ctx, e)}`);
        errors++;
      }
    }
  }
  return errors;
}

/** dash killcmd(). */
async function dashKill(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1);
  const usage = "Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]";
  if (args.length === 0) return raise(ctx, usage);
  let sig: number | undefined;
  let list = false;
  if (args[0]!.startsWith("-")) {
    const a = args[0]!.slice(1);
    sig = a === "" ? undefined : parseSignal(a);
    if (sig !== undefined) args.shift();
    else {
      // nextopt("ls:")
      while (args[0]?.startsWith("-") && args[0] !== "-") {
        const opt = args.shift()!;
        if (opt === "--") break;
        for (let i = 1; i < opt.length; i++) {
          const c = opt[i]!;
          if (c === "l") list = true;
          else if (c === "s") {
            const name = i + 1 < opt.length ? opt.slice(i + 1) : args.shift();
            if (name === undefined) return raise(ctx, "No arg for -s option");
            sig = parseSignal(name);
            if (sig === undefined) return raise(ctx, `invalid signal number or name: ${name}`);
            break;
          } else return raise(ctx, `Illegal option -${c}`);
        }
      }
    }
  }
  if (!list && sig === undefined) sig = SIGTERM;
  if ((sig === undefined || args.length === 0) !== list) return raise(ctx, usage);
  if (list) {
    if (args.length === 0) {
      await out(ctx, signalList("dash"));
      return 0;
    }
    if (!/^\d+$/.test(args[0]!)) return raise(ctx, `Illegal number: ${args[0]}`);
    let n = Number(args[0]);
    if (n > 128) n -= 128;
    if (n > 0 && n <= 64) await out(ctx, `${dashSignalName(n)}\n`);
    else return raise(ctx, `invalid signal number or exit status: ${args[0]}`);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    let pid: number;
    if (a.startsWith("%")) pid = (await jobPids(ctx, a))[0]!;
    else {
      const digits = a.startsWith("-") ? a.slice(1) : a;
      if (!/^\d+$/.test(digits)) return raise(ctx, `Illegal number: ${digits}`);
      pid = a.startsWith("-") ? -Number(digits) : Number(digits);
    }
    const e = killPid(sh, pid, sig!);
    if (e !== undefined) {
      // sh_warnx("%s\n", strerror(errno)): the message ends in an empty line.
      await fail(ctx, `${errText(ctx, e)}\n`);
      status = 1;
    }
  }
  return status;
}

/** bash's kill builtin. */
async function bashKill(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1);
  let sig = SIGTERM;
  if (args[0] === "-l" || args[0] === "-L") {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      await out(ctx, `${Number.isNaN(n) ? parseSignal(args[1]!) ?? "" : SIGNALS[n > 128 ? n - 128 : n] ?? ""}\n`);
      return 0;
    }
    await out(ctx, signalList("bash"));
    return 0;
  }
  if (args[0] === "-s" || args[0] === "-n") {
    const s = parseSignal(args[1] ?? "");
    if (s === undefined) return fail(ctx, `${args[1] ?? ""}: invalid signal specification`);
    sig = s;
    args.splice(0, 2);
  } else if (args[0] !== undefined && /^-\w+$/.test(args[0])) {
    const s = parseSignal(args[0].slice(1));
    if (s === undefined) return fail(ctx, `${args[0].slice(1)}: invalid signal specification`);
    sig = s;
    args.shift();
  }
  if (args[0] === "--") args.shift();
  if (args.length === 0) return fail(ctx, "usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", 2);
  let status = 0;
  for (const a of args) {
    const pids = a.startsWith("%") ? await jobPids(ctx, a) : [a];
    for (const p of pids) {
      const text = String(p);
      if (!/^-?\d+$/.test(text)) {
        status = await fail(ctx, `${text}: arguments must be process or job IDs`);
        continue;
      }
      const e = killPid(sh, Number(text), sig);
      if (e !== undefined) status = await fail(ctx, `(${text}) - ${errText(ctx, e)}`);
    }
  }
  return status;
}

export const kill: Builtin = {
  name: "kill",
  run(ctx) {
    switch (ctx.sh.flavour.name) {
      case "ash": return ashKill(ctx);
      case "dash": return dashKill(ctx);
      case "bash": return bashKill(ctx);
    }
  },
};
