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

export function generateStat(ctx: ProcContext, caller: Caller, proc: Process): string {
  const startTicks = Math.floor(((proc.startTime - ctx.kernel.bootTime) * USER_HZ) / 1000);
  const tty = proc.tty;
  const fields: (string | number)[] = [
    proc.pid, `(${proc.comm})`, stateOf(proc, caller), proc.ppid, proc.pgid, proc.sid,
    tty === undefined ? 0 : encodeDev(tty.rdev), tty === undefined ? -1 : tty.foregroundPgid,
    4194560, 120, 0, 0, 0, proc.utime, proc.stime, 0, 0, 20 + proc.nice, proc.nice, proc.threads, 0,
    startTicks, proc.memory.vmSize * 1024, Math.floor(proc.memory.vmRSS / PAGE_KB), "18446744073709551615",
    0, 0, 0, 0, 0, 0, 0, proc.sigIgnored.toString(), proc.sigCaught.toString(), 0, 0, 0, 17, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
  ];
  return `${fields.join(" ")}\n`;
}

export function generateStatm(_ctx: ProcContext, _caller: Caller, proc: Process): string {
  const m = proc.memory;
  const pages = (kb: number) => Math.floor(kb / PAGE_KB);
  return `${[pages(m.vmSize), pages(m.vmRSS), pages(m.rssFile), pages(m.vmExe), 0, pages(m.vmData + m.vmStk), 0].join(" ")}\n`;
}
