// times: the user and system CPU time of the shell, then of its waited-for children. ash.c
// timescmd(): "%um%u.%03us" (bash prints the same way); dash bltin/times.c: "%dm%fs", which
// until 0.5.11 printed the total seconds instead of the seconds within the minute.

import { versionAtLeast } from "../flavour.js";
import { type Builtin, out } from "./types.js";

/** USER_HZ: Process.utime and stime count 10 ms ticks. */
const CLK_TCK = 100;

export const times: Builtin = {
  name: "times",
  special: true,
  async run(ctx) {
    const { sh } = ctx;
    // podlab does not account the CPU time of reaped children (tms_cutime, tms_cstime).
    const ticks = [sh.proc.utime, sh.proc.stime, 0, 0];
    let text: string;
    if (sh.flavour.name === "dash") {
      const f = (t: number) => {
        const total = t / CLK_TCK;
        const min = Math.floor(total / 60);
        const sec = versionAtLeast(sh.flavour.version, [0, 5, 11]) ? total - min * 60 : total;
        return `${min}m${sec.toFixed(6)}s`;
      };
      text = `${f(ticks[0]!)} ${f(ticks[1]!)}\n${f(ticks[2]!)} ${f(ticks[3]!)}\n`;
    } else {
      const f = (t: number) => {
        const sec = Math.floor(t / CLK_TCK);
        const frac = t % CLK_TCK;
        return `${Math.floor(sec / 60)}m${sec % 60}.${String(Math.floor((frac * 1000) / CLK_TCK)).padStart(3, "0")}s`;
      };
      text = `${f(ticks[0]!)} ${f(ticks[1]!)}\n${f(ticks[2]!)} ${f(ticks[3]!)}\n`;
    }
    await out(ctx, text);
    return 0;
  },
};
