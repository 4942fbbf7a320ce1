// /proc/<pid>/status: fs/proc/array.c proc_pid_status(), field by field in the kernel's order.
// Fields that newer kernels added appear only when the node's kernel is new enough.

import { formatCapabilitySet } from "../../kernel/capability.js";
import { atLeast } from "../../kernel/kernel.js";
import type { Process } from "../../kernel/process.js";
import { formatSigset } from "../../kernel/signal.js";
import type { Caller } from "../node.js";
import type { ProcContext } from "./procfs.js";

const STATE_NAMES: Record<string, string> = {
  R: "R (running)", S: "S (sleeping)", D: "D (disk sleep)", T: "T (stopped)", Z: "Z (zombie)", I: "I (idle)",
};

/** `%8lu kB`, as task_mem() prints memory sizes (SEQ_PUT_DEC). */
const kb = (n: number) => `${String(n).padStart(8)} kB`;

/** The state a reader sees: a process reading its own status is running. */
export const stateOf = (proc: Process, caller: Caller) => ((caller as unknown) === proc ? "R" : proc.state);

/** Cpus_allowed: a hex mask with a comma every 32 bits (bitmap_print %*pb). */
export function cpuMask(cpus: number): string {
  const words: string[] = [];
  for (let left = cpus; left > 0 || words.length === 0; left -= 32) {
    const n = Math.min(32, Math.max(0, left));
    words.unshift((n === 32 ? 0xffffffff : (1 << n) - 1 >>> 0).toString(16));
  }
  return words.map((w, i) => (i === 0 ? w : w.padStart(8, "0"))).join(",");
}

export const cpuList = (cpus: number) => (cpus === 1 ? "0" : `0-${cpus - 1}`);

/**
 * RLIMIT_SIGPENDING default (kernel/fork.c): max_threads / 2, where max_threads is the number of
 * 4 KiB pages divided by 8 * THREAD_SIZE / PAGE_SIZE (32 on x86_64).
 */
export const sigPendingLimit = (memTotalKb: number) => Math.floor(memTotalKb / 4 / 32 / 2);

export function generateStatus(ctx: ProcContext, caller: Caller, proc: Process): string {
  const release = ctx.kernel.info.kernel.release;
  const c = proc.creds;
  const m = proc.memory;
  const lines: string[] = [];
  const put = (key: string, value: string | number) => lines.push(`${key}:\t${value}`);
  put("Name", proc.comm);
  if (atLeast(release, 4, 14)) put("Umask", proc.umask.toString(8).padStart(4, "0"));
  put("State", STATE_NAMES[stateOf(proc, caller)] ?? "S (sleeping)");
  // Pids as the proc mount's namespace sees them (proc_pid_ns of the superblock), and the NS*
  // lines list one per level from that namespace down to the process's own (task_state()).
  const ns = ctx.pidns;
  const pid = proc.pidIn(ns);
  put("Tgid", pid);
  put("Ngid", 0);
  put("Pid", pid);
  put("PPid", proc.ppidIn(ns));
  put("TracerPid", 0);
  put("Uid", [c.ruid, c.euid, c.suid, c.fsuid].join("\t"));
  put("Gid", [c.rgid, c.egid, c.sgid, c.fsgid].join("\t"));
  put("FDSize", 64);
  // task_state(): each group, space-separated, then a trailing space the kernel keeps for ABI.
  put("Groups", `${c.groups.join(" ")} `);
  if (atLeast(release, 4, 1)) {
    const levels = proc.namespaces().slice(ns.level);
    put("NStgid", proc.pids.slice(ns.level).join("\t"));
    put("NSpid", proc.pids.slice(ns.level).join("\t"));
    put("NSpgid", levels.map((l) => proc.pgidIn(l)).join("\t"));
    put("NSsid", levels.map((l) => proc.sidIn(l)).join("\t"));
  }
  if (atLeast(release, 6, 4)) put("Kthread", proc.kthread ? 1 : 0);
  // proc_pid_status(): the memory lines only for a task with an mm (not a kernel thread).
  if (!proc.kthread) {
    put("VmPeak", kb(m.vmPeak));
    put("VmSize", kb(m.vmSize));
    put("VmLck", kb(0));
    put("VmPin", kb(0));
    put("VmHWM", kb(m.vmHWM));
    put("VmRSS", kb(m.vmRSS));
    put("RssAnon", kb(m.rssAnon));
    put("RssFile", kb(m.rssFile));
    put("RssShmem", kb(0));
    put("VmData", kb(m.vmData));
    put("VmStk", kb(m.vmStk));
    put("VmExe", kb(m.vmExe));
    put("VmLib", kb(m.vmLib));
    put("VmPTE", kb(m.vmPTE));
    put("VmSwap", kb(0));
    put("HugetlbPages", kb(0));
    if (atLeast(release, 4, 15)) put("CoreDumping", 0);
    if (atLeast(release, 5, 0)) put("THP_enabled", 1);
    if (atLeast(release, 6, 4)) put("untag_mask", "0xffffffffffffffff");
  }
  put("Threads", proc.threads);
  put("SigQ", `0/${sigPendingLimit(ctx.kernel.info.memTotalKb)}`);
  put("SigPnd", formatSigset(0n));
  put("ShdPnd", formatSigset(0n));
  put("SigBlk", formatSigset(0n));
  put("SigIgn", formatSigset(proc.sigIgnored));
  put("SigCgt", formatSigset(proc.sigCaught));
  put("CapInh", formatCapabilitySet(c.capInheritable));
  put("CapPrm", formatCapabilitySet(c.capPermitted));
  put("CapEff", formatCapabilitySet(c.capEffective));
  put("CapBnd", formatCapabilitySet(c.capBounding));
  if (atLeast(release, 4, 3)) put("CapAmb", formatCapabilitySet(c.capAmbient));
  if (atLeast(release, 4, 10)) put("NoNewPrivs", c.noNewPrivs ? 1 : 0);
  put("Seccomp", c.seccomp);
  if (atLeast(release, 5, 9)) put("Seccomp_filters", c.seccompFilters);
  if (atLeast(release, 4, 17)) {
    // Before 5.16, spec_store_bypass_disable=seccomp forced the mitigation on filtered tasks.
    const forced = c.seccomp === 2 && !atLeast(release, 5, 16);
    put("Speculation_Store_Bypass", forced ? "thread force mitigated" : "thread vulnerable");
  }
  if (atLeast(release, 5, 1)) put("SpeculationIndirectBranch", "conditional enabled");
  const cpus = ctx.kernel.info.cpus;
  put("Cpus_allowed", cpuMask(cpus));
  put("Cpus_allowed_list", cpuList(cpus));
  put("Mems_allowed", [...Array<string>(31).fill("00000000"), "00000001"].join(","));
  put("Mems_allowed_list", "0");
  const switches = contextSwitches(ctx, proc);
  put("voluntary_ctxt_switches", switches.voluntary);
  put("nonvoluntary_ctxt_switches", switches.nonvoluntary);
  return `${lines.join("\n")}\n`;
}

/** Context switches grow with how long a process has lived and how much CPU it used. */
export function contextSwitches(ctx: ProcContext, proc: Process): { voluntary: number; nonvoluntary: number } {
  const lived = Math.max(0, ctx.kernel.now() - proc.startTime);
  return { voluntary: 2 + Math.floor(lived / 600_000), nonvoluntary: Math.floor(proc.utime / 10) };
}
