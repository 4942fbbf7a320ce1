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
}

/** Why a process ended: an exit status or a terminating signal. */
export type ExitReason = { status: number } | { signal: number };

export class SignalledError extends Cancelled {
  constructor(readonly signal: number) {
    super({ signal });
  }
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
  ppid: number;
  pgid?: number;
  sid?: number;
  tty?: Tty | undefined;
  startTime: number;
  memory?: MemoryProfile;
  threads?: number;
  sigIgnored?: bigint;
  sigCaught?: bigint;
  nice?: number;
}

export class Process implements Task {
  readonly pid: number;
  ppid: number;
  pgid: number;
  sid: number;
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
  readonly fds = new Map<number, Described>();
  /** The network namespace (shared by the processes of a pod). */
  net: NetNamespace | undefined;
  /** Memory figures of a program of this process's image, looked up at execve. */
  memoryFor: ((program: string) => MemoryProfile | undefined) | undefined;
  /** Handlers the program installed (a shell's `trap`), run instead of the default action. */
  readonly handlers = new Map<number, (sig: number) => void>();
  /** Cancelled when a signal terminates the process: everything it waits on rejects. */
  readonly lifetime = new CancellationSource();
  exit: ExitReason | undefined;
  private readonly exitWaiters: ((reason: ExitReason) => void)[] = [];

  constructor(
    readonly ns: PidNamespace,
    pid: number,
    init: ProcessInit,
  ) {
    this.pid = pid;
    this.ppid = init.ppid;
    this.pgid = init.pgid ?? pid;
    this.sid = init.sid ?? pid;
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
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Resolves when the process has ended. */
  wait(): Promise<ExitReason> {
    if (this.exit !== undefined) return Promise.resolve(this.exit);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Ends the process: it becomes a zombie until its parent reaps it (here: at once). */
  terminate(reason: ExitReason): void {
    if (this.exit !== undefined) return;
    this.exit = reason;
    this.state = "Z";
    if ("signal" in reason) this.lifetime.cancel(new SignalledError(reason.signal));
    else this.lifetime.cancel({ status: reason.status });
    this.ns.reap(this);
    for (const w of this.exitWaiters.splice(0)) w(reason);
  }

  /**
   * pthread_create() `n - 1` times: each thread takes a thread id from the PID namespace
   * (kernel/fork.c alloc_pid), so the next process there gets a later PID.
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

/** One pid namespace: a container's processes, PID 1 first. */
export class PidNamespace {
  private readonly table = new Map<number, Process>();
  private lastPid = 0;
  /** Processes created so far (fork count), for /proc/stat-like accounting. */
  forks = 0;

  constructor(
    /** kernel.pid_max of the node: pids wrap after it. */
    readonly pidMax: number,
    /** The pids cgroup limit (pids.max): fork fails with EAGAIN past it. */
    readonly pidsLimit: number,
  ) {}

  get init(): Process | undefined {
    return this.table.get(1);
  }

  get size(): number {
    return this.table.size;
  }

  /** Processes in pid order, as readdir of /proc lists them. */
  list(): Process[] {
    return [...this.table.values()].sort((a, b) => a.pid - b.pid);
  }

  get(pid: number): Process | undefined {
    return this.table.get(pid);
  }

  /** Skips pids, as runtime helper processes (runc init stages) consume them. */
  burnPids(n: number): void {
    for (let i = 0; i < n; i++) this.nextPid();
  }

  private nextPid(): number {
    for (let tries = 0; tries < this.pidMax; tries++) {
      this.lastPid = this.lastPid >= this.pidMax - 1 ? 300 : this.lastPid + 1; // kernel/pid.c RESERVED_PIDS
      if (!this.table.has(this.lastPid)) return this.lastPid;
    }
    return -1;
  }

  /** fork(): a new process, or EAGAIN when the pids limit is reached. */
  spawn(init: ProcessInit): Process | Errno {
    if (this.table.size >= this.pidsLimit) return EAGAIN;
    const pid = this.nextPid();
    if (pid < 0) return EAGAIN;
    const proc = new Process(this, pid, init);
    this.table.set(pid, proc);
    this.forks++;
    return proc;
  }

  reap(proc: Process): void {
    if (this.table.get(proc.pid) === proc) this.table.delete(proc.pid);
    // When PID 1 dies, the kernel kills every other process in the namespace (zap_pid_ns_processes).
    if (proc.pid === 1) for (const p of this.list()) p.terminate({ signal: SIGKILL });
  }

  /**
   * kill(2) from `sender` (undefined: from outside the namespace, e.g. the runtime) to `pid`.
   * kernel/signal.c: permission (EPERM), then PID 1 of a namespace ignores signals it has no
   * handler for when they come from inside (SIGNAL_UNKILLABLE), SIGKILL included.
   */
  /**
   * kill(2) (kernel/signal.c kill_something_info): pid > 0 one process; 0 the sender's process
   * group; -1 every process but init and the sender (success if there was any, even when all
   * refused); < -1 the process group -pid (__kill_pgrp_info: success if one got it).
   */
  kill(sender: Process | undefined, pid: number, sig: number): Errno | undefined {
    const send = (target: Process): Errno | undefined => {
      if (sender !== undefined && !killPermitted(sender.creds, target.creds)) return EPERM;
      if (sig !== 0) deliver(target, sig, sender === undefined);
      return undefined;
    };
    if (pid > 0 || sender === undefined) {
      const target = this.table.get(pid);
      return target === undefined ? ESRCH : send(target);
    }
    if (pid === -1) {
      const targets = this.list().filter((p) => p.pid > 1 && p !== sender);
      for (const p of targets) send(p);
      return targets.length === 0 ? ESRCH : undefined;
    }
    const pgid = pid === 0 ? sender.pgid : -pid;
    let result: Errno | undefined = ESRCH;
    let delivered = false;
    for (const p of this.list().filter((q) => q.pgid === pgid)) {
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
  const handler = target.handlers.get(sig);
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
