// wait [PID|%JOB…] (ash and dash waitcmd()): waits for background jobs; the status is the last
// named job's, 127 for a pid that is not a job of this shell, 128+N when a trapped signal or ^C
// arrives while waiting.

import { jobStatus } from "../jobs.js";
import { type Builtin, raise } from "./types.js";

export const wait: Builtin = {
  name: "wait",
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    if (args[0] === "--") args.shift();
    const forget = (job: ReturnType<typeof sh.jobs.list>[number]) => {
      // Without job control nobody will be told about it: a waited-for job is gone.
      if (!sh.jobControl && job.state === "done") sh.jobs.remove(job);
    };
    if (args.length === 0) {
      for (;;) {
        const running = sh.jobs.list().filter((j) => j.state === "running");
        if (running.length === 0) break;
        const r = await sh.waitForJob(running[0]!);
        if (r !== undefined) return r;
      }
      for (const j of sh.jobs.list()) forget(j);
      return 0;
    }
    let status = 127;
    for (const a of args) {
      let job;
      if (a.startsWith("%")) {
        job = sh.jobs.find(a);
        if (typeof job === "string") return raise(ctx, sh.flavour.name === "dash" ? `No such job: ${a}` : job, sh.flavour.name === "bash" ? 127 : 2);
      } else {
        if (!/^\d+$/.test(a)) {
          if (sh.flavour.name === "bash") return raise(ctx, `\`${a}': not a pid or valid job spec`, 2);
          return raise(ctx, `Illegal number: ${a}`);
        }
        job = sh.jobs.byPid(Number(a));
        if (job === undefined) {
          status = 127;
          continue;
        }
      }
      const r = await sh.waitForJob(job);
      if (r !== undefined) return r;
      status = jobStatus(job);
      forget(job);
    }
    return status;
  },
};
