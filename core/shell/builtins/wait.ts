import { type Builtin, fail } from "./types.js";

/** wait [PID…]: waits for background processes; the status is the last one's. */
export const wait: Builtin = {
  name: "wait",
  async run(ctx) {
    const { sh } = ctx;
    const ns = sh.proc.ns;
    const pids = ctx.argv.slice(1);
    if (pids.length === 0) {
      for (const p of ns.list()) if (p.ppid === sh.proc.pid && p.alive) await p.wait();
      return 0;
    }
    let status = 0;
    for (const a of pids) {
      if (!/^\d+$/.test(a)) {
        status = await fail(ctx, `Illegal number: ${a}`, 2);
        continue;
      }
      const p = ns.get(Number(a));
      if (p === undefined || p.ppid !== sh.proc.pid) {
        status = 127;
        continue;
      }
      const r = await p.wait();
      status = "status" in r ? r.status : 128 + r.signal;
    }
    return status;
  },
};
