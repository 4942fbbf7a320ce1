// cgroup v2 as a container sees it at /sys/fs/cgroup: the root of its cgroup namespace is the
// cgroup runc made for it (kernel/cgroup/cgroup.c, fs/kernfs). Files are generated when they are
// read, from the container's processes and limits; like every kernfs attribute they report size 0.
// The file set is Linux 6.8's (checked against the 6.8 sources: cgroup_base_files,
// cgroup_psi_files and each controller's dfl_cftypes) for the controllers a kubelet node enables
// (cpuset cpu io memory hugetlb pids rdma misc), with Ubuntu's configuration (PSI, UCLAMP, ZSWAP,
// THP, iocost, ioprio; no iolatency, no IRQ time accounting); files newer than the node's kernel
// are left out.

import { EACCES, EINVAL, EPERM, SyscallError } from "../kernel/errno.js";
import type { FileCapabilities } from "../kernel/exec.js";
import type { Kernel } from "../kernel/kernel.js";
import { S_IFDIR, S_IFREG } from "../kernel/permission.js";
import { type PidsCgroup, Process, deliver } from "../kernel/process.js";
import { SIGKILL } from "../kernel/signal.js";
import type { Attrs, Caller, FileSystem, NewNode, SetAttrs, StatFs, VNode } from "./node.js";

/** The container's cgroup: its limits as the runtime wrote them, and its processes. */
export interface CgroupSpec {
  readonly pidsMax: number | "max";
  readonly memoryMax: number | "max";
  /** cpu.max: "$MAX $PERIOD". */
  readonly cpuMax: string;
  /** cpu.weight as runc writes it from the CPU shares (100 when unset). */
  readonly cpuWeight?: number;
  /** memory.swap.max ("max" when unset; the kubelet's NoSwap writes 0). */
  readonly swapMax?: number | "max";
  /** The pids controller's view: the processes charged to the cgroup, peak, events. */
  readonly pids?: PidsCgroup;
}

interface Ctx {
  readonly kernel: Kernel;
  readonly spec: CgroupSpec;
  readonly values: Map<string, string>;
}

interface Entry {
  readonly name: string;
  /** cgroup_file_mode(): 0444 with a show method, 0200 (S_IWUSR) with a write method. */
  readonly mode: number;
  readonly show?: (ctx: Ctx, caller: Caller) => string;
  /** A settable value: shown as written (a write replaces it). */
  readonly value?: (ctx: Ctx) => string;
  /** Writes that act (cgroup.kill); other writes to files without a value are accepted and do nothing. */
  readonly write?: (ctx: Ctx, data: string) => void;
  /** The kernel release that added the file. */
  readonly since?: readonly [number, number];
}

const RO = 0o444;
const RW = 0o644;
const WO = 0o200;

const procsOf = (ctx: Ctx): Process[] => [...(ctx.spec.pids?.procs ?? [])].filter((p) => p.alive);

/** task_pid_vnr(): a pid as the reader's pid namespace numbers it (0 when it cannot see it). */
function pidFor(caller: Caller, p: Process): number {
  return caller instanceof Process ? p.pidIn(caller.ns) : p.pid;
}

const pressure = () => "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

/** The memory charged to the container, from its processes' resident sets (bytes). */
function memoryUse(ctx: Ctx) {
  const procs = procsOf(ctx);
  const page = (kb: number) => Math.ceil((kb * 1024) / 4096) * 4096;
  const anon = procs.reduce((n, p) => n + page(p.memory.rssAnon), 0);
  const file = procs.reduce((n, p) => n + page(p.memory.rssFile), 0);
  const kernelStack = procs.reduce((n, p) => n + p.threads * 16384, 0); // THREAD_SIZE on x86_64
  const pagetables = procs.reduce((n, p) => n + page(p.memory.vmPTE), 0);
  const percpu = 240 * ctx.kernel.info.cpus;
  const slabReclaimable = 20480 + 4096 * procs.length;
  const slabUnreclaimable = 65536 + 8192 * procs.length;
  const kernel = kernelStack + pagetables + percpu + slabReclaimable + slabUnreclaimable;
  return { anon, file, kernelStack, pagetables, percpu, slabReclaimable, slabUnreclaimable, kernel, current: anon + file + kernel };
}

/** mm/memcontrol.c memory_stats[]: the node counters first (memory.numa_stat lists only those). */
function memoryStats(ctx: Ctx): [string, number, boolean][] {
  const m = memoryUse(ctx);
  return [
    ["anon", m.anon, true], ["file", m.file, true], ["kernel", m.kernel, false], ["kernel_stack", m.kernelStack, true],
    ["pagetables", m.pagetables, true], ["sec_pagetables", 0, true], ["percpu", m.percpu, false], ["sock", 0, false],
    ["vmalloc", 0, false], ["shmem", 0, true], ["zswap", 0, false], ["zswapped", 0, false], ["file_mapped", m.file, true],
    ["file_dirty", 0, true], ["file_writeback", 0, true], ["swapcached", 0, true], ["anon_thp", 0, true], ["file_thp", 0, true],
    ["shmem_thp", 0, true], ["inactive_anon", m.anon, true], ["active_anon", 0, true], ["inactive_file", m.file, true],
    ["active_file", 0, true], ["unevictable", 0, true], ["slab_reclaimable", m.slabReclaimable, true],
    ["slab_unreclaimable", m.slabUnreclaimable, true],
    ["workingset_refault_anon", 0, true], ["workingset_refault_file", 0, true], ["workingset_activate_anon", 0, true],
    ["workingset_activate_file", 0, true], ["workingset_restore_anon", 0, true], ["workingset_restore_file", 0, true],
    ["workingset_nodereclaim", 0, true],
  ];
}

/** memcg_stat_format(): memory_stats[] (with "slab" after slab_unreclaimable), then the events. */
function memoryStat(ctx: Ctx): string {
  const lines: string[] = [];
  const m = memoryUse(ctx);
  for (const [name, value] of memoryStats(ctx)) {
    lines.push(`${name} ${value}`);
    if (name === "slab_unreclaimable") lines.push(`slab ${m.slabReclaimable + m.slabUnreclaimable}`);
  }
  const faults = procsOf(ctx).reduce((n, p) => n + Math.floor(p.memory.vmRSS / 4) + 40, 0);
  const events: [string, number][] = [
    ["pgscan", 0], ["pgsteal", 0], ["pgscan_kswapd", 0], ["pgscan_direct", 0], ["pgscan_khugepaged", 0], ["pgsteal_kswapd", 0],
    ["pgsteal_direct", 0], ["pgsteal_khugepaged", 0], ["pgfault", faults], ["pgmajfault", 0], ["pgrefill", 0], ["pgactivate", 0],
    ["pgdeactivate", 0], ["pglazyfree", 0], ["pglazyfreed", 0], ["zswpin", 0], ["zswpout", 0], ["zswpwb", 0],
    ["thp_fault_alloc", 0], ["thp_collapse_alloc", 0], ["thp_swpout", 0], ["thp_swpout_fallback", 0],
  ];
  for (const [name, value] of events) lines.push(`${name} ${value}`);
  return `${lines.join("\n")}\n`;
}

/** cgroup_base_stat_cputime_show() + cpu_extra_stat_show(): CPU time from clock ticks (10 ms). */
function cpuStat(ctx: Ctx): string {
  const procs = procsOf(ctx);
  const user = procs.reduce((n, p) => n + p.utime, 0) * 10000;
  const system = procs.reduce((n, p) => n + p.stime, 0) * 10000;
  return [
    `usage_usec ${user + system}`, `user_usec ${user}`, `system_usec ${system}`, "core_sched.force_idle_usec 0",
    "nr_periods 0", "nr_throttled 0", "throttled_usec 0", "nr_bursts 0", "burst_usec 0", "",
  ].join("\n");
}

/** cpu_weight_nice_read_s64(): the nice level whose weight is closest to the group's shares. */
const PRIO_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
  1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
];
function weightNice(weight: number): number {
  const shares = Math.round((weight * 1024) / 100); // cpu_weight_write_u64()
  let last = Infinity;
  let prio = 0;
  for (; prio < PRIO_TO_WEIGHT.length; prio++) {
    const delta = Math.abs(PRIO_TO_WEIGHT[prio]! - shares);
    if (delta >= last) break;
    last = delta;
  }
  return prio - 1 - 20;
}

const cpuList = (n: number) => (n === 1 ? "0" : `0-${n - 1}`);
const limit = (v: number | "max") => (v === "max" ? "max" : String(v));
const hugetlb = (size: string): Entry[] => [
  { name: `hugetlb.${size}.current`, mode: RO, show: () => "0\n" },
  { name: `hugetlb.${size}.events`, mode: RO, show: () => "max 0\n" },
  { name: `hugetlb.${size}.events.local`, mode: RO, show: () => "max 0\n" },
  { name: `hugetlb.${size}.max`, mode: RW, value: () => "max" },
  { name: `hugetlb.${size}.numa_stat`, mode: RO, show: () => "total=0 N0=0\n" },
  { name: `hugetlb.${size}.rsvd.current`, mode: RO, show: () => "0\n" },
  { name: `hugetlb.${size}.rsvd.max`, mode: RW, value: () => "max" },
];

/** In creation order: cgroup_base_files, cgroup_psi_files, then the controllers by subsystem id. */
const ENTRIES: readonly Entry[] = [
  { name: "cgroup.type", mode: RW, value: () => "domain" },
  { name: "cgroup.procs", mode: RW, show: (ctx, caller) => procsOf(ctx).map((p) => `${pidFor(caller, p)}\n`).join("") },
  { name: "cgroup.threads", mode: RW, show: (ctx, caller) => procsOf(ctx).map((p) => `${pidFor(caller, p)}\n`).join("") },
  { name: "cgroup.controllers", mode: RO, show: () => "cpuset cpu io memory hugetlb pids rdma misc\n" },
  { name: "cgroup.subtree_control", mode: RW, show: () => "\n" },
  { name: "cgroup.events", mode: RO, show: (ctx) => `populated ${procsOf(ctx).length > 0 ? 1 : 0}\nfrozen 0\n` },
  { name: "cgroup.max.descendants", mode: RW, value: () => "max" },
  { name: "cgroup.max.depth", mode: RW, value: () => "max" },
  { name: "cgroup.stat", mode: RO, show: () => "nr_descendants 0\nnr_dying_descendants 0\n" },
  { name: "cgroup.freeze", mode: RW, value: () => "0" },
  { name: "cgroup.kill", mode: WO, write: (ctx, data) => {
    // cgroup_kill_write(): "1" kills every process of the cgroup; anything else is EINVAL.
    if (data.trim() !== "1") throw new SyscallError(EINVAL, "write");
    for (const p of procsOf(ctx)) deliver(p, SIGKILL, true);
  } },
  { name: "cpu.stat", mode: RO, show: cpuStat },
  { name: "cpu.stat.local", mode: RO, show: () => "throttled_usec 0\n", since: [6, 6] },
  { name: "io.pressure", mode: RW, show: pressure },
  { name: "memory.pressure", mode: RW, show: pressure },
  { name: "cpu.pressure", mode: RW, show: pressure },
  { name: "cgroup.pressure", mode: RW, value: () => "1", since: [6, 1] },
  // cpuset (kernel/cgroup/cpuset.c dfl_files): empty masks inherit the parent's.
  { name: "cpuset.cpus", mode: RW, value: () => "" },
  { name: "cpuset.mems", mode: RW, value: () => "" },
  { name: "cpuset.cpus.effective", mode: RO, show: (ctx) => `${cpuList(ctx.kernel.info.cpus)}\n` },
  { name: "cpuset.mems.effective", mode: RO, show: () => "0\n" },
  { name: "cpuset.cpus.partition", mode: RW, value: () => "member" },
  { name: "cpuset.cpus.exclusive", mode: RW, value: () => "", since: [6, 7] },
  { name: "cpuset.cpus.exclusive.effective", mode: RO, show: () => "\n", since: [6, 7] },
  // cpu (kernel/sched/core.c cpu_files)
  { name: "cpu.weight", mode: RW, value: (ctx) => String(ctx.spec.cpuWeight ?? 100) },
  { name: "cpu.weight.nice", mode: RW, show: (ctx) => `${weightNice(Number(ctx.values.get("cpu.weight") ?? ctx.spec.cpuWeight ?? 100))}\n` },
  { name: "cpu.idle", mode: RW, value: () => "0" },
  { name: "cpu.max", mode: RW, value: (ctx) => ctx.spec.cpuMax },
  { name: "cpu.max.burst", mode: RW, value: () => "0" },
  { name: "cpu.uclamp.min", mode: RW, value: () => "0.00" },
  { name: "cpu.uclamp.max", mode: RW, value: () => "max" },
  // io (block/blk-cgroup.c, blk-throttle.c, blk-iocost.c, blk-ioprio.c): no I/O charged yet.
  { name: "io.stat", mode: RO, show: () => "" },
  { name: "io.max", mode: RW, show: () => "" },
  { name: "io.weight", mode: RW, value: () => "default 100" },
  { name: "io.prio.class", mode: RW, value: () => "no-change" },
  // memory (mm/memcontrol.c memory_files, swap_files, zswap_files)
  { name: "memory.current", mode: RO, show: (ctx) => `${memoryUse(ctx).current}\n` },
  { name: "memory.peak", mode: RO, show: (ctx) => `${memoryUse(ctx).current}\n`, since: [5, 19] },
  { name: "memory.min", mode: RW, value: () => "0" },
  { name: "memory.low", mode: RW, value: () => "0" },
  { name: "memory.high", mode: RW, value: () => "max" },
  { name: "memory.max", mode: RW, value: (ctx) => limit(ctx.spec.memoryMax) },
  { name: "memory.events", mode: RO, show: () => "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n" },
  { name: "memory.events.local", mode: RO, show: () => "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n" },
  { name: "memory.stat", mode: RO, show: memoryStat },
  { name: "memory.numa_stat", mode: RO, show: (ctx) => memoryStats(ctx).filter(([, , node]) => node).map(([n, v]) => `${n} N0=${v}\n`).join("") },
  { name: "memory.oom.group", mode: RW, value: () => "0" },
  { name: "memory.reclaim", mode: WO, since: [5, 19] },
  { name: "memory.swap.current", mode: RO, show: () => "0\n" },
  { name: "memory.swap.high", mode: RW, value: () => "max" },
  { name: "memory.swap.max", mode: RW, value: (ctx) => limit(ctx.spec.swapMax ?? "max") },
  { name: "memory.swap.peak", mode: RO, show: () => "0\n", since: [6, 5] },
  { name: "memory.swap.events", mode: RO, show: () => "high 0\nmax 0\nfail 0\n" },
  { name: "memory.zswap.current", mode: RO, show: () => "0\n", since: [5, 19] },
  { name: "memory.zswap.max", mode: RW, value: () => "max", since: [5, 19] },
  { name: "memory.zswap.writeback", mode: RW, value: () => "1", since: [6, 8] },
  // hugetlb (mm/hugetlb_cgroup.c): one set per huge page size of x86_64.
  ...hugetlb("1GB"),
  ...hugetlb("2MB"),
  // pids (kernel/cgroup/pids.c)
  { name: "pids.max", mode: RW, value: (ctx) => limit(ctx.spec.pidsMax) },
  // Zombies stay charged until they are reaped (pids_release()), though cgroup.procs no longer lists them.
  { name: "pids.current", mode: RO, show: (ctx) => `${ctx.spec.pids?.procs.size ?? 0}\n` },
  { name: "pids.peak", mode: RO, show: (ctx) => `${ctx.spec.pids?.peak ?? 0}\n`, since: [6, 1] },
  { name: "pids.events", mode: RO, show: (ctx) => `max ${ctx.spec.pids?.eventsMax ?? 0}\n` },
  // rdma, misc: no RDMA devices, no misc resources (SEV, TDX) on the node.
  { name: "rdma.max", mode: RW, show: () => "" },
  { name: "rdma.current", mode: RO, show: () => "" },
  { name: "misc.max", mode: RW, show: () => "" },
  { name: "misc.current", mode: RO, show: () => "" },
  { name: "misc.events", mode: RO, show: () => "", since: [5, 16] },
];

/**
 * fs/kernfs/dir.c kernfs_name_hash(): directories list in the order of this hash
 * (include/linux/stringhash.h partial_name_hash(), end_name_hash() = hash_64(hash, 32)).
 */
export function kernfsNameHash(name: string): number {
  const MASK = (1n << 64n) - 1n;
  let hash = 0n;
  for (let i = 0; i < name.length; i++) {
    const c = BigInt(name.charCodeAt(i));
    hash = ((hash + (c << 4n) + (c >> 4n)) * 11n) & MASK;
  }
  hash = ((hash * 0x61c8864680b583ebn) & MASK) >> 32n; // GOLDEN_RATIO_64
  hash &= 0x7fffffffn;
  if (hash < 2n) hash += 2n;
  if (hash >= 0x7fffffffn) hash = 0x7ffffffen;
  return Number(hash);
}

function kernelAtLeast(kernel: Kernel, [major, minor]: readonly [number, number]): boolean {
  const [ma = 0, mi = 0] = kernel.info.kernel.release.split(/[.-]/).map(Number);
  return ma > major || (ma === major && mi >= minor);
}

/** The host's cgroup2 superblock: the container's mount is a view of it (one device number per node). */
const superblocks = new WeakMap<Kernel, number>();

export class CgroupFs implements FileSystem {
  readonly type = "cgroup2";
  /** The superblock is the host's, mounted rw; a container's mount of it is read-only per mount. */
  readonly readOnly = false;
  readonly dev: number;
  readonly ctx: Ctx;
  readonly created: number;
  readonly dirIno: number;
  readonly entries: readonly Entry[];
  readonly inos = new Map<string, number>();
  /** One identity per file of this cgroup (the entry table is shared by every container). */
  readonly identities = new Map<string, object>();
  /** kernfs_iop_setattr(): owners and modes changed by chown/chmod, per file ("" for the directory). */
  readonly attrs = new Map<string, { mode?: number; uid?: number; gid?: number }>();

  constructor(kernel: Kernel, spec: CgroupSpec) {
    let dev = superblocks.get(kernel);
    if (dev === undefined) superblocks.set(kernel, (dev = kernel.nextDev()));
    this.dev = dev;
    this.ctx = { kernel, spec, values: new Map() };
    this.created = kernel.now();
    this.dirIno = kernel.nextIno();
    this.entries = ENTRIES.filter((e) => e.since === undefined || kernelAtLeast(kernel, e.since));
    for (const e of this.entries) this.inos.set(e.name, kernel.nextIno());
  }

  root(): VNode {
    return new CgroupNode(this, undefined);
  }

  statfs(): StatFs {
    return { type: "cgroup2", blockSize: 4096, blocks: 0, blocksFree: 0, files: 0, filesFree: 0 };
  }
}

export class CgroupNode implements VNode {
  constructor(
    readonly fs: CgroupFs,
    readonly entry: Entry | undefined,
  ) {}

  get identity(): object {
    if (this.entry === undefined) return this.fs;
    let id = this.fs.identities.get(this.entry.name);
    if (id === undefined) this.fs.identities.set(this.entry.name, (id = {}));
    return id;
  }

  attrs(): Attrs {
    const t = this.fs.created;
    const set = this.fs.attrs.get(this.entry?.name ?? "") ?? {};
    const base = { dev: this.fs.dev, uid: set.uid ?? 0, gid: set.gid ?? 0, rdev: 0, size: 0, blocks: 0, blksize: 4096, atime: t, mtime: t, ctime: t };
    if (this.entry === undefined) return { ...base, ino: this.fs.dirIno, mode: S_IFDIR | (set.mode ?? 0o755), nlink: 2 };
    return { ...base, ino: this.fs.inos.get(this.entry.name)!, mode: S_IFREG | (set.mode ?? this.entry.mode), nlink: 1 };
  }

  lookup(name: string): VNode | undefined {
    if (this.entry !== undefined) return undefined;
    const entry = this.fs.entries.find((e) => e.name === name);
    return entry === undefined ? undefined : new CgroupNode(this.fs, entry);
  }

  readdir(): string[] {
    if (this.entry !== undefined) throw new SyscallError(EINVAL, "getdents");
    return this.fs.entries.map((e) => e.name).sort((a, b) => kernfsNameHash(a) - kernfsNameHash(b) || (a < b ? -1 : 1));
  }

  /** kernfs_fop_open(): a file without the operation asked for refuses the open, root or not. */
  open(_caller: Caller, flags?: { read: boolean; write: boolean }): void {
    const e = this.entry;
    if (e === undefined || flags === undefined) return;
    const canRead = e.show !== undefined || e.value !== undefined;
    if ((flags.write && (e.mode & 0o222) === 0) || (flags.read && !canRead)) throw new SyscallError(EACCES, "open");
  }

  read(caller: Caller): string {
    const e = this.entry;
    if (e === undefined) throw new SyscallError(EINVAL, "read");
    if (e.value !== undefined) return `${this.fs.ctx.values.get(e.name) ?? e.value(this.fs.ctx)}\n`;
    if (e.show === undefined) throw new SyscallError(EINVAL, "read");
    return e.show(this.fs.ctx, caller);
  }

  readlink(): string {
    throw new SyscallError(EINVAL, "readlink");
  }

  fileCaps(): FileCapabilities | undefined {
    return undefined;
  }

  write(data: string): void {
    const e = this.entry;
    if (e === undefined) throw new SyscallError(EINVAL, "write");
    if (e.write !== undefined) return e.write(this.fs.ctx, data);
    if (e.value !== undefined) this.fs.ctx.values.set(e.name, data.split("\n")[0]!.trim());
  }

  truncate(): void {
    // kernfs files accept O_TRUNC (`echo max > memory.max`) and ignore it.
  }

  setattr(change: SetAttrs): void {
    const key = this.entry?.name ?? "";
    const set = { ...this.fs.attrs.get(key) };
    if (change.mode !== undefined) set.mode = change.mode & 0o7777;
    if (change.uid !== undefined) set.uid = change.uid;
    if (change.gid !== undefined) set.gid = change.gid;
    this.fs.attrs.set(key, set);
  }

  create(_name: string, _init: NewNode): VNode {
    throw new SyscallError(EPERM, "open");
  }

  link(): void {
    throw new SyscallError(EPERM, "link");
  }

  remove(): void {
    throw new SyscallError(EPERM, "unlink");
  }

  rename(): void {
    throw new SyscallError(EPERM, "rename");
  }
}
