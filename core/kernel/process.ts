// Processes and pid namespaces. A process is the unit `ps` lists and `kill` signals: it has
// credentials, a working directory, an argv, a terminal and times; the work it does is a JS
// promise that ends when the program returns or a signal terminates it.

import { CancellationSource, Cancelled } from "./cancellation.js";
import type { Credentials } from "./credentials.js";
import { EAGAIN, EPERM, ESRCH, type Errno } from "./errno.js";
import type { Described } from "./io.js";
import { killPermitted } from "./permission.js";
import { SIGCONT, SIGKILL, SIGSTOP, defaultAction, sigBit } from "./signal.js";
import type { Location, Task } from "../vfs/path.js";
import type { MountNamespace } from "../vfs/mount.js";
import type { NetNamespace } from "./net.js";
import { type CgroupNamespace, type IpcNamespace, PROC_PID_INIT_INO } from "./namespaces.js";

export type ProcState = "R" | "S" | "D" | "T" | "Z" | "I";

/** Memory figures in kB, as /proc/<pid>/status prints them. */
export interface MemoryProfile {
  readonly vmPeak: number;
  readonly vmSize: number;
  readonly vmHWM: number;
  readonly vmRSS: number;
  readonly rssAnon: number;
  readonly rssFile: number;
  readonly vmData: number;
  readonly vmStk: number;
  readonly vmExe: number;
  readonly vmLib: number;
  readonly vmPTE: number;
}

export const DEFAULT_MEMORY: MemoryProfile = Object.freeze({
  vmPeak: 1308, vmSize: 1308, vmHWM: 780, vmRSS: 780, rssAnon: 60, rssFile: 720,
  vmData: 48, vmStk: 132, vmExe: 892, vmLib: 8, vmPTE: 40,
});

/**
 * A terminal device (a pseudo-terminal slave): its name as `ps` shows it, its foreground process
 * group, and the I/O of its line discipline.
 */
export interface Tty {
  readonly name: string; // "pts/0"
  readonly rdev: number;
  foregroundPgid: number;
  read(max: number, task: Task): Promise<string>;
  write(data: string, task: Task): Promise<void>;
}

/** A UTS namespace: what `hostname` and uname(2) report inside a container. */
export interface Uts {
  hostname: string;
  domainname: string;
  /** /proc/<pid>/ns/uts (PROC_UTS_INIT_INO when absent: the node's own). */
  readonly inum?: number;
}

/** Why a process ended: an exit status or a terminating signal. */
export type ExitReason = { status: number } | { signal: number };

export class SignalledError extends Cancelled {
  constructor(readonly signal: number) {
    super({ signal });
  }
}

/**
 * The pids controller of one cgroup (kernel/cgroup/pids.c): the processes charged to it, and
 * pids.max, past which fork fails with EAGAIN (pids_can_fork). Children inherit their parent's.
 */
export class PidsCgroup {
  readonly procs = new Set<Process>();
  /** pids.peak: the most processes it ever held (pids_charge() keeps the watermark). */
  peak = 0;
  /** pids.events "max": forks refused (pids_can_fork() counts them in the task's own cgroup). */
  eventsMax = 0;
  constructor(readonly max: number) {}
}

export interface ProcessInit {
  creds: Credentials;
  comm: string;
  argv: readonly string[];
  exe: string;
  environ: readonly string[];
  cwd: Location;
  root: Location;
  mnt: MountNamespace;
  uts: Uts;
  umask: number;
  /** The parent's pid in the new process's namespace; 0 when the parent is outside it. */
  ppid: number;
  /** The parent task itself (real_parent), which may live in an ancestor namespace. */
  parent?: Process | undefined;
  pgid?: number;
  sid?: number;
  tty?: Tty | undefined;
  startTime: number;
  memory?: MemoryProfile;
  threads?: number;
  sigIgnored?: bigint;
  sigCaught?: bigint;
  nice?: number;
  net?: NetNamespace | undefined;
  ipc?: IpcNamespace | undefined;
  cgroupNs?: CgroupNamespace | undefined;
  /** The pids cgroup the process is charged to. */
  cgroup?: PidsCgroup | undefined;
  /** A kernel thread (PF_KTHREAD): no mm, no cmdline, no exe. */
  kthread?: boolean;
}

const lifetimeReason = (reason: ExitReason) => ("signal" in reason ? new SignalledError(reason.signal) : { status: reason.status });

export class Process implements Task {
  /**
   * The pid in every namespace from the root (index 0) down to the process's own (struct pid's
   * numbers[], kernel/pid.c alloc_pid): a container's process has its container pid last and
   * its pid on the node first.
   */
  readonly pids: readonly number[];
  /** The pid in the process's own namespace: what getpid() returns. */
  readonly pid: number;
  /** getppid() in the process's own namespace: 0 when the parent is outside it. */
  ppid: number;
  /** real_parent: the task that forked it (or the runtime's shim for a container's processes). */
  parent: Process | undefined;
  tty: Tty | undefined;
  creds: Credentials;
  comm: string;
  argv: readonly string[];
  exe: string;
  environ: readonly string[];
  cwd: Location;
  root: Location;
  mnt: MountNamespace;
  uts: Uts;
  umask: number;
  state: ProcState = "S";
  readonly startTime: number;
  /** CPU time in clock ticks (USER_HZ = 100). */
  utime = 0;
  stime = 0;
  /** Work done since the last clock tick was charged (core/kernel/sched.ts). */
  steps = 0;
  nice: number;
  threads: number;
  memory: MemoryProfile;
  sigIgnored: bigint;
  sigCaught: bigint;
  /** The network namespace (shared by the processes of a pod). */
  net: NetNamespace | undefined;
  /** The IPC namespace (undefined: the node's initial one). */
  ipc: IpcNamespace | undefined;
  /** The cgroup namespace (undefined: the node's initial one). */
  cgroupNs: CgroupNamespace | undefined;
  /** The pids cgroup it is charged to (fork fails past its pids.max). */
  cgroup: PidsCgroup | undefined;
  readonly kthread: boolean;
  /** Memory figures of a program of this process's image, looked up at execve. */
  memoryFor: ((program: string) => MemoryProfile | undefined) | undefined;
  exit: ExitReason | undefined;
  // Process groups and sessions are struct pids in the kernel: the leader is kept, so the group
  // can be named in any namespace that sees it, also after the leader has gone.
  private pgidNr = 0;
  private pgrp: Process | undefined;
  private sidNr = 0;
  private session: Process | undefined;
  // Created on first use: most host processes never open a file, install a handler or get waited on.
  private fdTable: Map<number, Described> | undefined;
  private handlerTable: Map<number, (sig: number) => void> | undefined;
  private lifetimeSource: CancellationSource | undefined;
  private exitWaiters: ((reason: ExitReason) => void)[] | undefined;

  constructor(
    readonly ns: PidNamespace,
    pids: readonly number[],
    init: ProcessInit,
  ) {
    this.pids = pids;
    this.pid = pids[pids.length - 1]!;
    this.parent = init.parent;
    this.ppid = init.parent === undefined ? init.ppid : init.parent.pidIn(ns);
    this.pgid = init.pgid ?? this.pid;
    this.sid = init.sid ?? this.pid;
    this.tty = init.tty;
    this.creds = init.creds;
    this.comm = init.comm.slice(0, 15); // TASK_COMM_LEN - 1
    this.argv = init.argv;
    this.exe = init.exe;
    this.environ = init.environ;
    this.cwd = init.cwd;
    this.root = init.root;
    this.mnt = init.mnt;
    this.uts = init.uts;
    this.umask = init.umask;
    this.startTime = init.startTime;
    this.memory = init.memory ?? DEFAULT_MEMORY;
    this.threads = init.threads ?? 1;
    this.sigIgnored = init.sigIgnored ?? 0n;
    this.sigCaught = init.sigCaught ?? 0n;
    this.nice = init.nice ?? 0;
    this.net = init.net;
    this.ipc = init.ipc;
    this.cgroupNs = init.cgroupNs;
    this.cgroup = init.cgroup;
    this.kthread = init.kthread ?? false;
  }

  /** The process group, by its leader's pid in this process's namespace (setpgid/getpgrp). */
  get pgid(): number {
    return this.pgidNr;
  }

  set pgid(pgid: number) {
    this.pgidNr = pgid;
    this.pgrp = pgid === this.pid ? this : this.ns.peek(pgid);
  }

  /** The session, by its leader's pid in this process's namespace (setsid/getsid). */
  get sid(): number {
    return this.sidNr;
  }

  set sid(sid: number) {
    this.sidNr = sid;
    this.session = sid === this.pid ? this : this.ns.peek(sid);
  }

  /** Open file descriptions by fd number. */
  get fds(): Map<number, Described> {
    return (this.fdTable ??= new Map());
  }

  /** Handlers the program installed (a shell's `trap`), run instead of the default action. */
  get handlers(): Map<number, (sig: number) => void> {
    return (this.handlerTable ??= new Map());
  }

  /** Cancelled when a signal terminates the process: everything it waits on rejects. */
  get lifetime(): CancellationSource {
    if (this.lifetimeSource === undefined) {
      this.lifetimeSource = new CancellationSource();
      if (this.exit !== undefined) this.lifetimeSource.cancel(lifetimeReason(this.exit));
    }
    return this.lifetimeSource;
  }

  /** The handler installed for `sig`, if any (without creating the table). */
  handlerFor(sig: number): ((sig: number) => void) | undefined {
    return this.handlerTable?.get(sig);
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /**
   * pid_nr_ns(): the pid in `ns`, or 0 when the process is not visible there (`ns` is neither
   * its own namespace nor an ancestor of it).
   */
  pidIn(ns: PidNamespace): number {
    if (ns === this.ns) return this.pid;
    if (ns.level > this.ns.level) return 0;
    let n = this.ns;
    while (n.level > ns.level) n = n.parent!;
    return n === ns ? this.pids[ns.level]! : 0;
  }

  /** task_tgid_nr_ns(real_parent, ns): PPid as a reader in `ns` sees it. */
  ppidIn(ns: PidNamespace): number {
    if (this.parent !== undefined) return this.parent.pidIn(ns);
    return ns === this.ns ? this.ppid : (this.ns.peek(this.ppid)?.pidIn(ns) ?? 0);
  }

  /** task_pgrp_nr_ns(): the process group as a reader in `ns` sees it (0 for kernel threads). */
  pgidIn(ns: PidNamespace): number {
    if (ns === this.ns || this.pgidNr === 0) return this.pgidNr;
    return this.pgrp?.pidIn(ns) ?? 0;
  }

  /** task_session_nr_ns(). */
  sidIn(ns: PidNamespace): number {
    if (ns === this.ns || this.sidNr === 0) return this.sidNr;
    return this.session?.pidIn(ns) ?? 0;
  }

  /** The pid namespaces the process is in, from the root down to its own. */
  namespaces(): PidNamespace[] {
    const out: PidNamespace[] = [];
    for (let n: PidNamespace | undefined = this.ns; n !== undefined; n = n.parent) out.unshift(n);
    return out;
  }

  /** Resolves when the process has ended. */
  wait(): Promise<ExitReason> {
    if (this.exit !== undefined) return Promise.resolve(this.exit);
    return new Promise((resolve) => (this.exitWaiters ??= []).push(resolve));
  }

  /** Ends the process: it becomes a zombie until its parent reaps it (here: at once). */
  terminate(reason: ExitReason): void {
    if (this.exit !== undefined) return;
    this.exit = reason;
    this.state = "Z";
    this.lifetimeSource?.cancel(lifetimeReason(reason));
    this.ns.reap(this);
    for (const w of this.exitWaiters?.splice(0) ?? []) w(reason);
  }

  /**
   * pthread_create() `n - 1` times: each thread takes a thread id from the PID namespace and
   * from each one above it (kernel/pid.c alloc_pid), so the next process there gets a later PID.
   */
  spawnThreads(n: number): void {
    this.ns.burnPids(n - this.threads);
    this.threads = n;
  }

  /** Accounts CPU work: `ticks` of USER_HZ (10 ms each). */
  charge(ticks: number): void {
    this.utime += ticks;
  }
}

/** Processes that were already running when the emulation started: made on first look. */
export interface BootTasks {
  /** How many processes there are, without making them. */
  readonly count: number;
  /** Creates them in the namespace (PidNamespace.adopt). */
  create(ns: PidNamespace): void;
}

export interface PidNamespaceOptions {
  /** /proc/<pid>/ns/pid (default PROC_PID_INIT_INO). */
  inum?: number;
  /** The last pid handed out before the emulation started: a node that has been up for days. */
  lastPid?: number;
  /** The node's own processes (systemd, daemons, kernel threads), for the root namespace. */
  boot?: BootTasks;
}

/**
 * One pid namespace (kernel/pid_namespace.c). Namespaces nest: a process gets a pid in its own
 * namespace and in every ancestor, so a namespace's table holds its own processes and those of
 * every namespace below it, each under the pid it has at this level (the idr of struct
 * pid_namespace). A container without hostPID is a child of the node's root namespace.
 */
export class PidNamespace {
  private readonly table = new Map<number, Process>();
  private lastPid: number;
  /** Processes created so far (fork count), for /proc/stat-like accounting. */
  forks = 0;
  /** Depth: 0 for a root namespace (init_pid_ns). */
  readonly level: number;
  readonly inum: number;
  private boot: BootTasks | undefined;
  private booted = false;

  constructor(
    /** kernel.pid_max of the node: pids wrap after it. */
    readonly pidMax: number,
    /** The pids cgroup limit (pids.max): fork fails with EAGAIN past it. */
    readonly pidsLimit: number,
    /** The namespace it was created in (create_pid_namespace: parent = the creator's). */
    readonly parent?: PidNamespace,
    opts: PidNamespaceOptions = {},
  ) {
    this.level = parent === undefined ? 0 : parent.level + 1;
    this.inum = opts.inum ?? PROC_PID_INIT_INO;
    this.lastPid = opts.lastPid ?? 0;
    this.boot = opts.boot;
  }

  /** The root of the tree (the node's init_pid_ns). */
  get root(): PidNamespace {
    let n: PidNamespace = this;
    while (n.parent !== undefined) n = n.parent;
    return n;
  }

  /** PID 1 of this namespace: its child_reaper. */
  get init(): Process | undefined {
    return this.get(1);
  }

  /** Processes visible here (this namespace's and its descendants'). */
  get size(): number {
    return this.table.size + (this.boot?.count ?? 0);
  }

  /**
   * Every process of the machine (nr_processes()) when this namespace's root knows the node's
   * own processes; undefined for a tree that stands alone (a test fixture, the workstation).
   */
  get machineTasks(): number | undefined {
    const root = this.root;
    return root.boot !== undefined || root.booted ? root.size : undefined;
  }

  /** The pid last handed out (idr_get_cursor - 1, /proc/loadavg's last field). */
  get lastAllocated(): number {
    return this.lastPid;
  }

  private materialize(): void {
    const boot = this.boot;
    if (boot === undefined) return;
    this.boot = undefined;
    this.booted = true;
    boot.create(this);
  }

  /** Processes in pid order, as readdir of /proc lists them. */
  list(): Process[] {
    this.materialize();
    return [...this.table.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
  }

  get(pid: number): Process | undefined {
    this.materialize();
    return this.table.get(pid);
  }

  /** A lookup that does not bring the boot processes into being (they are not needed for it). */
  peek(pid: number): Process | undefined {
    return this.table.get(pid);
  }

  /** Skips pids, as runtime helper processes and threads consume them (at every level). */
  burnPids(n: number): void {
    for (let i = 0; i < n; i++) for (let ns: PidNamespace | undefined = this; ns !== undefined; ns = ns.parent) ns.nextPid();
  }

  private nextPid(): number {
    for (let tries = 0; tries < this.pidMax; tries++) {
      if (this.lastPid >= this.pidMax - 1) {
        this.materialize(); // the boot processes hold low pids
        this.lastPid = 300; // kernel/pid.c RESERVED_PIDS
      } else this.lastPid++;
      if (!this.table.has(this.lastPid)) return this.lastPid;
    }
    return -1;
  }

  /**
   * fork(): a new process with a pid at every level, innermost first (alloc_pid), or EAGAIN when
   * a pids limit is reached.
   */
  spawn(init: ProcessInit): Process | Errno {
    for (let ns: PidNamespace | undefined = this; ns !== undefined; ns = ns.parent) if (ns.table.size >= ns.pidsLimit) return EAGAIN;
    if (init.cgroup !== undefined && init.cgroup.procs.size >= init.cgroup.max) {
      init.cgroup.eventsMax++;
      return EAGAIN;
    }
    const pids: number[] = new Array<number>(this.level + 1);
    for (let ns: PidNamespace | undefined = this; ns !== undefined; ns = ns.parent) {
      const pid = ns.nextPid();
      if (pid < 0) return EAGAIN;
      pids[ns.level] = pid;
    }
    return this.insert(pids, init);
  }

  /**
   * A process that was already running when the emulation started, with the pids it has at each
   * level (root first): the node's daemons and the pods that were there before the learner's.
   */
  adopt(pids: readonly number[], init: ProcessInit): Process {
    if (pids.length !== this.level + 1) throw new Error(`adopt: ${pids.length} pids for a level-${this.level} namespace`);
    return this.insert(pids, init);
  }

  private insert(pids: readonly number[], init: ProcessInit): Process {
    const proc = new Process(this, pids, init);
    for (let ns: PidNamespace | undefined = this; ns !== undefined; ns = ns.parent) {
      ns.table.set(pids[ns.level]!, proc);
      ns.forks++;
    }
    if (init.cgroup !== undefined) {
      init.cgroup.procs.add(proc);
      init.cgroup.peak = Math.max(init.cgroup.peak, init.cgroup.procs.size);
    }
    return proc;
  }

  /** Removes an ended process from every level (its pids are free again). */
  reap(proc: Process): void {
    for (let ns: PidNamespace | undefined = proc.ns; ns !== undefined; ns = ns.parent) {
      const pid = proc.pids[ns.level]!;
      if (ns.table.get(pid) === proc) ns.table.delete(pid);
    }
    proc.cgroup?.procs.delete(proc);
    // When PID 1 dies, the kernel kills every other process in the namespace, those of nested
    // namespaces included (zap_pid_ns_processes).
    if (proc.pid === 1 && proc.ns === this) for (const p of this.list()) p.terminate({ signal: SIGKILL });
  }

  /**
   * kill(2) from `sender` (undefined: from outside, e.g. the runtime) to `pid` as the sender's
   * namespace names it (kernel/signal.c kill_something_info): pid > 0 one process; 0 the sender's
   * process group; -1 every process the sender sees but its own init and itself (success if there
   * was any, even when all refused); < -1 the process group -pid (__kill_pgrp_info: success if
   * one got it). Permission is EPERM; PID 1 of a namespace ignores signals it has no handler for
   * unless they come from an ancestor namespace (SIGNAL_UNKILLABLE, see deliver).
   */
  kill(sender: Process | undefined, pid: number, sig: number): Errno | undefined {
    const send = (target: Process): Errno | undefined => {
      if (sender !== undefined && !killPermitted(sender.creds, target.creds)) return EPERM;
      // send_signal_locked(): from an ancestor namespace when the sender has no pid in the
      // target's namespace.
      if (sig !== 0) deliver(target, sig, sender === undefined || sender.pidIn(target.ns) === 0);
      return undefined;
    };
    if (pid > 0 || sender === undefined) {
      const target = this.get(pid);
      return target === undefined ? ESRCH : send(target);
    }
    if (pid === -1) {
      const targets = this.list().filter((p) => p.pidIn(this) > 1 && p !== sender);
      for (const p of targets) send(p);
      return targets.length === 0 ? ESRCH : undefined;
    }
    const pgid = pid === 0 ? sender.pgidIn(this) : -pid;
    let result: Errno | undefined = ESRCH;
    let delivered = false;
    for (const p of this.list().filter((q) => q.pgidIn(this) === pgid)) {
      result = send(p);
      delivered ||= result === undefined;
    }
    return delivered ? undefined : result;
  }
}

/**
 * Delivers a signal: a handler, the ignore mask, or the default action. kernel/signal.c
 * sig_task_ignored(): a namespace's init ignores every signal it has no handler for, except that
 * SIGKILL and SIGSTOP from an ancestor namespace (the runtime) are forced.
 */
export function deliver(target: Process, sig: number, fromOutside: boolean): void {
  if (!target.alive) return;
  const handler = target.handlerFor(sig);
  if (sig !== SIGKILL && sig !== SIGSTOP) {
    if (handler !== undefined) return handler(sig);
    if ((target.sigIgnored & sigBit(sig)) !== 0n) return;
  }
  const forced = fromOutside && (sig === SIGKILL || sig === SIGSTOP);
  if (target.pid === 1 && handler === undefined && !forced) return;
  const action = defaultAction(sig);
  if (action === "ign" || action === "cont" || sig === SIGCONT) return;
  if (action === "stop") return; // job control stops are not emulated
  target.terminate({ signal: sig });
}
