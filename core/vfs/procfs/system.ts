// Whole-system /proc files: uptime, loadavg, meminfo, cpuinfo, version (fs/proc/*.c).

import { Process } from "../../kernel/process.js";
import type { Caller } from "../node.js";
import { type ProcContext, machineTasks } from "./procfs.js";

/** fs/proc/uptime.c: seconds since boot and idle seconds summed over CPUs, two decimals. */
export function generateUptime(ctx: ProcContext): string {
  const up = ctx.kernel.uptime() / 1000;
  const idle = up * ctx.kernel.info.cpus * 0.97;
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

/**
 * fs/proc/loadavg.c: load averages, running/total tasks (nr_threads, the whole machine's), and
 * the last pid handed out in the reader's own namespace (idr_get_cursor of task_active_pid_ns).
 */
export function generateLoadavg(ctx: ProcContext, caller: Caller): string {
  const tasks = machineTasks(ctx);
  const last = caller instanceof Process ? caller.ns.lastAllocated : ctx.pidns.lastAllocated;
  return `0.08 0.05 0.01 1/${tasks} ${last}\n`;
}

/** fs/proc/meminfo.c, with the node's total and plausible, fixed proportions for the rest. */
export function generateMeminfo(ctx: ProcContext): string {
  const total = ctx.kernel.info.memTotalKb;
  const pct = (p: number) => Math.floor((total * p) / 100);
  const rows: [string, number][] = [
    ["MemTotal", total], ["MemFree", pct(61)], ["MemAvailable", pct(86)], ["Buffers", pct(1)],
    ["Cached", pct(22)], ["SwapCached", 0], ["Active", pct(9)], ["Inactive", pct(19)],
    ["Active(anon)", pct(3)], ["Inactive(anon)", 0], ["Active(file)", pct(6)], ["Inactive(file)", pct(19)],
    ["Unevictable", 0], ["Mlocked", 0], ["SwapTotal", 0], ["SwapFree", 0], ["Zswap", 0], ["Zswapped", 0],
    ["Dirty", 128], ["Writeback", 0], ["AnonPages", pct(5)], ["Mapped", pct(3)], ["Shmem", pct(1)],
    ["KReclaimable", pct(2)], ["Slab", pct(3)], ["SReclaimable", pct(2)], ["SUnreclaim", pct(1)],
    ["KernelStack", 6400], ["PageTables", 5200], ["SecPageTables", 0], ["NFS_Unstable", 0], ["Bounce", 0],
    ["WritebackTmp", 0], ["CommitLimit", pct(50)], ["Committed_AS", pct(12)], ["VmallocTotal", 34359738367],
    ["VmallocUsed", 28000], ["VmallocChunk", 0], ["Percpu", 2400], ["HardwareCorrupted", 0],
    ["AnonHugePages", 0], ["ShmemHugePages", 0], ["ShmemPmdMapped", 0], ["FileHugePages", 0],
    ["FilePmdMapped", 0], ["Unaccepted", 0], ["HugePages_Total", 0], ["HugePages_Free", 0],
    ["HugePages_Rsvd", 0], ["HugePages_Surp", 0], ["Hugepagesize", 2048], ["Hugetlb", 0],
    ["DirectMap4k", 180224], ["DirectMap2M", pct(60)], ["DirectMap1G", 0],
  ];
  return rows
    .map(([k, v]) => (k.startsWith("HugePages_") ? `${`${k}:`.padEnd(16)}${String(v).padStart(7)}` : `${`${k}:`.padEnd(16)}${String(v).padStart(8)} kB`))
    .map((l) => `${l}\n`)
    .join("");
}

/** Keys are tab-padded to the second tab stop; "power management:" has no padding at all. */
const cpuinfoLine = (key: string, value: string | number) =>
  key.length >= 16 ? `${key}:${value === "" ? "" : ` ${value}`}` : `${key}${key.length < 8 ? "\t\t" : "\t"}: ${value}`;

/** arch/x86/kernel/cpu/proc.c show_cpuinfo(), one block per CPU. */
export function generateCpuinfo(ctx: ProcContext): string {
  const blocks: string[] = [];
  const n = ctx.kernel.info.cpus;
  for (let cpu = 0; cpu < n; cpu++) {
    const rows: [string, string | number][] = [
      ["processor", cpu], ["vendor_id", "GenuineIntel"], ["cpu family", 6], ["model", 85],
      ["model name", "Intel(R) Xeon(R) CPU @ 2.20GHz"], ["stepping", 7], ["microcode", "0xffffffff"],
      ["cpu MHz", "2200.158"], ["cache size", "39424 KB"], ["physical id", 0], ["siblings", n],
      ["core id", Math.floor(cpu / 2)], ["cpu cores", Math.max(1, Math.floor(n / 2))], ["apicid", cpu],
      ["initial apicid", cpu], ["fpu", "yes"], ["fpu_exception", "yes"], ["cpuid level", 13], ["wp", "yes"],
      ["flags", "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat avx512_vnni md_clear arch_capabilities"],
      ["bugs", "spectre_v1 spectre_v2 spec_store_bypass swapgs taa mmio_stale_data retbleed gds bhi"],
      ["bogomips", "4400.31"], ["clflush size", 64], ["cache_alignment", 64],
      ["address sizes", "46 bits physical, 48 bits virtual"],
    ];
    rows.push(["power management", ""]);
    blocks.push(rows.map(([k, v]) => cpuinfoLine(k, v)).join("\n"));
  }
  return `${blocks.join("\n\n")}\n\n`;
}

export function generateVersion(ctx: ProcContext): string {
  const k = ctx.kernel.info.kernel;
  return `Linux version ${k.release} (${k.compiler}) ${k.version}\n`;
}
