// jobs [-lp] [%JOB…] (ash and dash jobscmd(), showjob()): the job table, current job first; a
// finished job is listed once and then forgotten.

import { formatJob } from "../jobs.js";
import { type Builtin, out, raise } from "./types.js";

export const jobs: Builtin = {
  name: "jobs",
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    let mode: "" | "l" | "p" = "";
    while (args[0] !== undefined && /^-[lp]+$/.test(args[0])) mode = args.shift()!.includes("p") ? "p" : "l";
    const selected = [];
    for (const a of args) {
      const job = sh.jobs.find(a);
      if (typeof job === "string") return raise(ctx, sh.flavour.name === "dash" ? `No such job: ${a}` : job);
      selected.push(job);
    }
    for (const job of args.length > 0 ? selected : sh.jobs.list()) {
      const [current, previous] = sh.jobs.list();
      if (mode === "p") await out(ctx, `${job.procs[0]!.pid}\n`);
      else await out(ctx, formatJob(sh.flavour.name, job, current, previous, mode === "l"));
      job.changed = false;
      if (job.state === "done") sh.jobs.remove(job);
    }
    return 0;
  },
};
