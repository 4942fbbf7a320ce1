// nice [-n ADJUST] [PROG ARGS] (BusyBox coreutils/nice.c nice_main(); GNU coreutils src/nice.c).
// The new niceness is set with setpriority(2): lowering it needs CAP_SYS_NICE (EACCES). BusyBox
// dies on that error; GNU reports it and still runs the command. Then the program is exec'd.

import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, errText, isBusybox, out, perror, usage } from "./lib/cmd.js";
import { execvp } from "./lib/sys-exec.js";
import { readStat } from "./lib/sys-proc.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "[-n ADJUST] [PROG ARGS]", full: "Change scheduling priority, run PROG\n\n\t-n ADJUST\tAdjust priority by ADJUST" };

/** getpriority(PRIO_PROCESS, 0): the nice value /proc/self/stat reports. */
async function getpriority(ctx: ProgramContext): Promise<number> {
  return (await readStat(ctx, ctx.proc.pid))?.nice ?? 0;
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const old = await getpriority(ctx);
  let args = ctx.argv.slice(1);
  if (args.length === 0) {
    await out(ctx, `${old}\n`);
    return 0;
  }
  let adjustment = 10;
  const first = args[0]!;
  if (first.startsWith("-")) {
    // "-n N", "-nN" and "-N" all give the adjustment; a program must follow.
    const inline = first[1] === "n" ? first.slice(2) : first.slice(1);
    const rest = first[1] === "n" && inline === "" ? args.slice(1) : [inline, ...args.slice(1)];
    if (rest.length < 2) return usage(ctx, USAGE.trivial, USAGE.full);
    const value = rest[0]!;
    if (!/^[-+]?\d+$/.test(value)) {
      await ctx.stderr.write(`${applet(ctx)}: invalid number '${value}'\n`);
      return 1;
    }
    adjustment = Number(value);
    args = rest.slice(1);
  }
  const prio = old + adjustment;
  const set = attempt(() => ctx.sys.setpriority(0, prio));
  if (!set.ok) {
    await perror(ctx, `setpriority(${prio})`, set.errno);
    return 1;
  }
  const run = await execvp(ctx, args);
  if (run.ok) return run.status;
  await perror(ctx, `can't execute '${args[0]}'`, run.errno);
  return run.errno.name === "ENOENT" ? 127 : 126;
}

async function gnuUsage(ctx: ProgramContext, message: string): Promise<number> {
  await ctx.stderr.write(`${applet(ctx)}: ${message}\nTry '${applet(ctx)} --help' for more information.\n`);
  return 125;
}

async function gnuMain(ctx: ProgramContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let given: string | undefined;
  let i = 0;
  while (i < args.length) {
    const s = args[i]!;
    if (/^-[-+]?\d/.test(s) && s !== "--") {
      given = s.slice(1);
      i++;
    } else if (s === "--") {
      i++;
      break;
    } else if (s === "-n" || s === "--adjustment") {
      if (args[i + 1] === undefined) return gnuUsage(ctx, s === "-n" ? "option requires an argument -- 'n'" : "option '--adjustment' requires an argument");
      given = args[i + 1];
      i += 2;
    } else if (s.startsWith("-n")) {
      given = s.slice(2);
      i++;
    } else if (s.startsWith("--adjustment=")) {
      given = s.slice(13);
      i++;
    } else if (s.startsWith("--") && s.length > 2) return gnuUsage(ctx, `unrecognized option '${s}'`);
    else if (s.startsWith("-") && s.length > 1) return gnuUsage(ctx, `invalid option -- '${s[1]}'`);
    else break;
  }
  let adjustment = 10;
  if (given !== undefined) {
    if (!/^\s*[-+]?\d+$/.test(given)) {
      await ctx.stderr.write(`${applet(ctx)}: invalid adjustment '${given}'\n`);
      return 125;
    }
    adjustment = Math.max(-39, Math.min(39, Number(given)));
  }
  const command = args.slice(i);
  const current = await getpriority(ctx);
  if (command.length === 0) {
    if (given !== undefined) return gnuUsage(ctx, "a command must be given with an adjustment");
    await out(ctx, `${current}\n`);
    return 0;
  }
  const set = attempt(() => ctx.sys.setpriority(0, current + adjustment));
  if (!set.ok) {
    await ctx.stderr.write(`${applet(ctx)}: cannot set niceness: ${errText(ctx, set.errno)}\n`);
    if (set.errno.name !== "EPERM" && set.errno.name !== "EACCES") return 125;
  }
  const run = await execvp(ctx, command);
  if (run.ok) return run.status;
  await ctx.stderr.write(`${applet(ctx)}: ${command[0]}: ${errText(ctx, run.errno)}\n`);
  return run.errno.name === "ENOENT" ? 127 : 126;
}

export const nice: Command = {
  name: "nice",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : gnuMain(ctx)),
};
