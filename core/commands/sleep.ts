// sleep DURATION…: BusyBox accepts fractions and s/m/h/d suffixes (FEATURE_FANCY_SLEEP), GNU too.

import { Cancelled } from "../kernel/cancellation.js";
import type { ProgramContext } from "../kernel/program.js";
import { error, isBusybox, usage } from "./lib/cmd.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[N]...",
  full: "Pause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays",
};

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(arg: string): number | undefined {
  const m = /^(\d*\.?\d*)([smhd]?)$/.exec(arg);
  if (m === null || m[1] === "" || m[1] === ".") return undefined;
  return Number(m[1]) * UNITS[m[2]!]!;
}

export const sleep: Command = {
  name: "sleep",
  usage: USAGE,
  async main(ctx: ProgramContext) {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      if (isBusybox(ctx)) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let seconds = 0;
    for (const a of args) {
      const d = parseDuration(a);
      if (d === undefined) {
        if (isBusybox(ctx)) await error(ctx, `invalid number '${a}'`);
        else await ctx.stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      seconds += d;
    }
    const proc = ctx.proc;
    proc.state = "S";
    try {
      await ctx.sys.system.kernel.baseClock.sleep(seconds * 1000, proc.lifetime);
    } catch (err) {
      if (err instanceof Cancelled) throw err;
      throw err;
    }
    return 0;
  },
};
