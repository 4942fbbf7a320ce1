// /proc/<pid>/stat (fs/proc/array.c do_task_stat()) and /proc/<pid>/statm (proc_pid_statm()).

import type { Process } from "../../kernel/process.js";
import type { Caller } from "../node.js";
import type { ProcContext } from "./procfs.js";
import { stateOf } from "./status.js";

export const USER_HZ = 100;
const PAGE_KB = 4;

/** new_encode_dev(): how tty_nr encodes a device number. */
export const encodeDev = (rdev: number) => {
  const major = rdev >> 8;
  const minor = rdev & 0xff;
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
};

/** PF_KTHREAD | PF_NOFREEZE | PF_FORKNOEXEC-era flags of a kernel thread, and of a user task. */
const KTHREAD_FLAGS = 0x208040;
const TASK_FLAGS = 4194560;

export function generateStat(ctx: ProcContext, caller: Caller, proc: Process): string {
  const startTicks = Math.floor(((proc.startTime - ctx.kernel.bootTime) * USER_HZ) / 1000);
  const tty = proc.tty;
  // Ids as the proc mount's namespace names them (do_task_stat(): task_*_nr_ns(task, ns)).
  const ns = ctx.pidns;
  const fg = tty === undefined ? -1 : ns === proc.ns ? tty.foregroundPgid : (proc.ns.peek(tty.foregroundPgid)?.pidIn(ns) ?? 0);
  const k = proc.kthread;
  const fields: (string | number)[] = [
    proc.pidIn(ns), `(${proc.comm})`, stateOf(proc, caller), proc.ppidIn(ns), proc.pgidIn(ns), proc.sidIn(ns),
    tty === undefined ? 0 : encodeDev(tty.rdev), fg,
    k ? KTHREAD_FLAGS : TASK_FLAGS, 120, 0, 0, 0, proc.utime, proc.stime, 0, 0, 20 + proc.nice, proc.nice, proc.threads, 0,
    startTicks, k ? 0 : proc.memory.vmSize * 1024, k ? 0 : Math.floor(proc.memory.vmRSS / PAGE_KB), "18446744073709551615",
    0, 0, 0, 0, 0, 0, 0, proc.sigIgnored.toString(), proc.sigCaught.toString(), 0, 0, 0, 17, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
  ];
  return `${fields.join(" ")}\n`;
}

export function generateStatm(_ctx: ProcContext, _caller: Caller, proc: Process): string {
  if (proc.kthread) return "0 0 0 0 0 0 0\n";
  const m = proc.memory;
  const pages = (kb: number) => Math.floor(kb / PAGE_KB);
  return `${[pages(m.vmSize), pages(m.vmRSS), pages(m.rssFile), pages(m.vmExe), 0, pages(m.vmData + m.vmStk), 0].join(" ")}\n`;
}
