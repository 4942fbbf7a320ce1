// fg [%JOB…] and bg [%JOB…] (ash.c and dash jobs.c fg_bgcmd(), restartjob()): fg prints the
// job's command and waits for it in the foreground (it gets the terminal, so ^C reaches it); bg
// prints "[N] command". Jobs are never stopped here (podlab does not emulate SIGTSTP), so bg only
// makes the job current.

import type { Job } from "../jobs.js";
import { type Builtin, type BuiltinContext, fail, nextopt, out, raise } from "./types.js";

/** getjob(name, getctl=1): a job started under job control, or the shell's error. */
async function getjob(ctx: BuiltinContext, spec: string | undefined): Promise<Job> {
  const { sh } = ctx;
  const dash = sh.flavour.name === "dash";
  if (sh.flavour.name === "bash") {
    // bash jobs.c get_job_spec()/fg_bg(): "current: no such job", status 1.
    const job = spec === undefined ? sh.jobs.find("%%") : spec.startsWith("%") ? sh.jobs.find(spec) : sh.jobs.find(`%${spec}`);
    if (typeof job === "string") return raise(ctx, `${spec ?? "current"}: no such job`, 1);
    return job;
  }
  // A pid is not a job spec: "%s: no such job" (ash), "No such job: %s" (dash).
  const found = spec === undefined ? sh.jobs.find("%%") : spec.startsWith("%") ? sh.jobs.find(spec) : `${spec}: no such job`;
  if (typeof found === "string") return raise(ctx, dash && found.endsWith(": no such job") ? `No such job: ${spec}` : found);
  // printf("%s", NULL) prints "(null)" in glibc, uClibc and musl.
  if (!found.jobControl) return raise(ctx, `job ${spec ?? "(null)"} not created under job control`);
  return found;
}

const commandLine = (job: Job) => `${job.procs.map((p) => p.cmd).join(" | ")}\n`;

export const fg: Builtin = {
  name: "fg",
  async run(ctx) {
    const { sh } = ctx;
    const { args } = await nextopt(ctx, "");
    let status = 0;
    // do { … } while (*argv && *++argv): no operand means the current job, once.
    for (let i = 0; i === 0 || i < args.length; i++) {
      const job = await getjob(ctx, args[i]);
      await out(ctx, commandLine(job));
      // restartjob(FORK_FG) then waitforjob(): the terminal goes to the job's process group;
      // the job is freed once done, without a "Done" notice.
      sh.jobs.makeCurrent(job);
      try {
        status = await sh.waitForeground(job.procs.map((p) => p.proc), job.procs[0]!.pid, ctx.fds);
      } finally {
        if (job.procs.every((p) => p.proc.exit !== undefined)) sh.jobs.remove(job);
      }
    }
    return status;
  },
};

export const bg: Builtin = {
  name: "bg",
  async run(ctx) {
    const { sh } = ctx;
    const { args } = await nextopt(ctx, "");
    for (let i = 0; i === 0 || i < args.length; i++) {
      const job = await getjob(ctx, args[i]);
      // set_curjob(jp, CUR_RUNNING), then "[N] command".
      sh.jobs.makeCurrent(job);
      // bash: a running job "already in background" (jobs are never stopped here).
      if (sh.flavour.name === "bash") await fail(ctx, `job ${job.id} already in background`, 0);
      else await out(ctx, `[${job.id}] ${commandLine(job)}`);
    }
    return 0;
  },
};
