// renice [-n] PRIORITY [[-p | -g | -u] ID...]... (BusyBox util-linux/renice.c renice_main()):
// sets (or with -n adds to) the nice value of processes, process groups or users' processes with
// setpriority(2), which decides permission (raising priority needs CAP_SYS_NICE). Prints nothing
// on success; "renice: setpriority: Permission denied" on failure, and goes on with the next ID.

import { ESRCH } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, error, errText, readDb, usage } from "./lib/cmd.js";
import { listPids, readStat, readStatus } from "./lib/sys-proc.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-n] PRIORITY [[-p | -g | -u] ID...]...",
  full: "Change scheduling priority of a running process\n\n\t-n\tAdd PRIORITY to current nice value\n\t\tWithout -n, nice value is set to PRIORITY\n\t-p\tProcess ids (default)\n\t-g\tProcess group ids\n\t-u\tProcess user names",
};

const INT_MAX_2 = Math.floor(2147483647 / 2);
const INT_MIN_2 = -1073741824;

/** The pids a PRIO_PROCESS/PRIO_PGRP/PRIO_USER id names (kernel/sys.c setpriority()). */
async function members(ctx: ProgramContext, which: "p" | "g" | "u", who: number): Promise<number[]> {
  if (which === "p") return [who === 0 ? ctx.proc.pid : who];
  const own = which === "g" && who === 0 ? (await readStat(ctx, ctx.proc.pid))?.pgrp : undefined;
  const pids: number[] = [];
  for (const pid of listPids(ctx)) {
    if (which === "g") {
      if ((await readStat(ctx, pid))?.pgrp === (own ?? who)) pids.push(pid);
    } else {
      const uid = (await readStatus(ctx, pid))?.get("Uid")?.split("\t")[0];
      if (Number(uid) === (who === 0 ? ctx.proc.creds.ruid : who)) pids.push(pid);
    }
  }
  return pids;
}

export const renice: Command = {
  name: "renice",
  usage: USAGE,
  async main(ctx) {
    const argv = ctx.argv.slice(1);
    let i = 0;
    let arg = argv[i];
    let relative = false;
    if (arg !== undefined && arg.startsWith("-n")) {
      relative = true;
      arg = arg.length === 2 ? argv[++i] : arg.slice(2);
    }
    if (arg === undefined) return usage(ctx, USAGE.trivial, USAGE.full);
    // xatoi_range(arg, INT_MIN/2, INT_MAX/2)
    if (!/^[-+]?\d+$/.test(arg)) {
      await error(ctx, `invalid number '${arg}'`);
      return 1;
    }
    const adjustment = Number(arg);
    if (adjustment < INT_MIN_2 || adjustment > INT_MAX_2) {
      await error(ctx, `number ${arg} is not in ${INT_MIN_2}..${INT_MAX_2} range`);
      return 1;
    }
    let which: "p" | "g" | "u" = "p";
    let status = 0;
    for (i++; i < argv.length; i++) {
      let a = argv[i]!;
      if (a.startsWith("-") && a.length > 1 && "pgu".includes(a[1]!)) {
        which = a[1] as "p" | "g" | "u";
        if (a.length === 2) continue;
        a = a.slice(2);
      }
      let who: number;
      if (which === "u") {
        const user = (await readDb(ctx, "/etc/passwd")).find((f) => f[0] === a);
        if (user === undefined) {
          await error(ctx, `unknown user ${a}`);
          status = 1;
          continue;
        }
        who = Number(user[2]);
      } else {
        if (!/^\d+$/.test(a)) {
          await error(ctx, `invalid number '${a}'`);
          status = 1;
          continue;
        }
        who = Number(a);
      }
      const pids = await members(ctx, which, who);
      let prio = adjustment;
      if (relative) {
        // getpriority(): the highest priority (lowest nice) of the members; ESRCH for none.
        const nices: number[] = [];
        for (const pid of pids) {
          const st = await readStat(ctx, pid);
          if (st !== undefined) nices.push(st.nice);
        }
        if (nices.length === 0) {
          await ctx.stderr.write(`renice: getpriority: ${errText(ctx, ESRCH)}\n`);
          status = 1;
          continue;
        }
        prio = Math.min(...nices) + adjustment;
      }
      // setpriority(): every member, the last error wins; ESRCH when nobody matched.
      let failure = pids.length === 0 ? errText(ctx, ESRCH) : undefined;
      for (const pid of pids) {
        const r = attempt(() => ctx.sys.setpriority(pid, prio));
        if (!r.ok) failure = errText(ctx, r.errno);
      }
      if (failure !== undefined) {
        await ctx.stderr.write(`renice: setpriority: ${failure}\n`);
        status = 1;
      }
    }
    return status;
  },
};
