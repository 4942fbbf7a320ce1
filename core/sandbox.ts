// One learner's world (DESIGN.md §1): the cluster (a node running their pods) and their
// workstation (bash and kubectl on a terminal). The server and the CLI drive it through the
// terminal: bytes in, bytes out, resize; tests and `podlab run` also wait for it to settle.

import { programTable } from "./commands/registry.js";
import type { Clock } from "./kernel/clock.js";
import { makeCredentials } from "./kernel/credentials.js";
import { Kernel } from "./kernel/kernel.js";
import { PidNamespace, Process, deliver } from "./kernel/process.js";
import { type ProgramTable, ttyDescription } from "./kernel/program.js";
import { type HostScheduler, Scheduler } from "./kernel/sched.js";
import { System } from "./kernel/system.js";
import { SIGKILL } from "./kernel/signal.js";
import { Pty } from "./kernel/tty.js";
import { Utf8Decoder, utf8Encode } from "./kernel/utf8.js";
import { workstation as workstationImage } from "./images/workstation.js";
import { Cluster } from "./kube/cluster.js";
import { type ClusterProfile, PROFILES, type ProfileId } from "./kube/profiles.js";
import { kubectlMain } from "./kubectl/kubectl.js";
import { assembleContainerFs } from "./vfs/container-fs.js";
import { Devices } from "./vfs/devices.js";
import { makedev } from "./vfs/inode.js";
import { rootLocation } from "./vfs/path.js";
import { Quota } from "./vfs/quota.js";
import { Vfs } from "./vfs/vfs.js";

export interface SandboxOptions {
  profile: ProfileId;
  clock: Clock;
  host: HostScheduler;
  /** URL → manifest text: what `kubectl apply -f URL` can fetch. */
  manifests?: ReadonlyMap<string, string>;
  cols?: number;
  rows?: number;
  seed?: number;
  quotaBytes?: number;
}

const LEARNER_ENV = [
  "SHELL=/bin/bash", "PWD=/home/learner", "LOGNAME=learner", "HOME=/home/learner", "LANG=C.UTF-8", "TERM=xterm-256color",
  "USER=learner", "SHLVL=1", "PS1=\\u@\\h:\\w\\$ ", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
];

export class Sandbox {
  readonly cluster: Cluster;
  readonly profile: ClusterProfile;
  readonly terminal: Pty;
  readonly workstation: System;
  readonly kubeconfig = { namespace: "default" };
  private shell: Process | undefined;
  private readonly decoder = new Utf8Decoder();
  private readonly listeners = new Set<(text: string) => void>();
  /** Terminals in the order they were attached: the last one is where the learner is typing. */
  private readonly ptys: Pty[] = [];
  private outputBytes = 0;
  /** Flow control: while paused, output the consumer has not taken keeps writers blocked. */
  private paused = false;
  private undrained = 0;
  private readonly exitListeners = new Set<() => void>();

  constructor(readonly opts: SandboxOptions) {
    this.profile = PROFILES[opts.profile];
    const quota = new Quota(opts.quotaBytes);
    this.cluster = new Cluster({ profile: this.profile, clock: opts.clock, host: opts.host, programs: programTable, quota, seed: opts.seed ?? 1, ...(opts.manifests ? { manifests: opts.manifests } : {}) });
    const kernel = new Kernel({ ...this.profile.node, nodeName: "workstation", hostProcesses: 96 }, opts.clock, (opts.seed ?? 1) + 1);
    const devices = new Devices(kernel.random);
    const cluster = this.cluster;
    const kubeconfig = this.kubeconfig;
    const programs: ProgramTable = {
      resolve: (exe, argv) => (exe.program === "kubectl" ? { main: (ctx) => kubectlMain(ctx, cluster, kubeconfig), argv } : programTable.resolve(exe, argv)),
    };
    this.workstation = new System(kernel, new Vfs(devices.table), devices, new Scheduler(opts.host), programs);
    this.terminal = new Pty("pts/0", makedev(136, 0), { cols: opts.cols ?? 80, rows: opts.rows ?? 24 });
    this.ptys.push(this.terminal);
    this.terminal.setOutput((bytes) => this.emit(bytes));
    // Terminals of `kubectl exec -it` and `kubectl attach -it` sessions join the stack while the
    // learner's terminal is bridged to them.
    this.cluster.kubelet.terminals.subscribe((tty, connected) => {
      if (connected) this.ptys.push(tty);
      else {
        const i = this.ptys.lastIndexOf(tty);
        if (i > 0) this.ptys.splice(i, 1);
      }
    });
  }

  /** Boots the learner's login shell on the workstation terminal. */
  start(): void {
    const system = this.workstation;
    const kernel = system.kernel;
    const pidns = new PidNamespace(kernel.info.pidMax, 512);
    const fs = assembleContainerFs({
      kernel, image: workstationImage, quota: new Quota(), pidns, readOnlyRootFilesystem: false, privileged: true, unmaskedProc: true,
      // The learner's machine needs no disks or serial ports in /dev (and they cost memory).
      hostDevices: false,
      mounts: [], overlayData: "lowerdir=/,upperdir=/,workdir=/", cgroup: { pidsMax: "max", memoryMax: "max", cpuMax: "max 100000" },
    });
    system.devices.attachPts(fs.mnt, 0, this.terminal);
    pidns.burnPids(411);
    const root = rootLocation(fs.mnt);
    const creds = makeCredentials({ uid: 1000, gid: 1000, groups: [1000] });
    const home = system.vfs.chdir({ creds, cwd: root, root, umask: 0o022, mnt: fs.mnt, pid: 0 }, "/home/learner");
    const proc = pidns.spawn({
      creds, comm: "bash", argv: ["-bash"], exe: "/usr/bin/bash", environ: LEARNER_ENV, cwd: home, root, mnt: fs.mnt,
      uts: { hostname: "workstation", domainname: "(none)" }, umask: 0o022, ppid: 0, tty: this.terminal, startTime: kernel.now(),
    });
    if (!(proc instanceof Process)) throw new Error("cannot start the workstation shell");
    proc.memoryFor = (program) => workstationImage.memory[program];
    this.terminal.signalGroup = (pgid, sig) => {
      for (const p of pidns.list()) if (p.pgid === pgid) deliver(p, sig, false);
    };
    this.shell = proc;
    const tty = ttyDescription(this.terminal);
    void system.run(proc, () => system.execve(proc, "/usr/bin/bash", ["-bash"], LEARNER_ENV, { stdin: tty, stdout: tty, stderr: tty }));
    void proc.wait().then(() => {
      for (const fn of this.exitListeners) fn();
    });
  }

  /** Called once when the learner's shell ends (exit, ^D, killed). */
  onExit(fn: () => void): void {
    this.exitListeners.add(fn);
  }

  /**
   * Ends everything: SIGKILL to every process on the workstation and in every container, so that
   * no emulated program runs on (the host's timers are the owner's to clear).
   */
  dispose(): void {
    this.exitListeners.clear();
    this.listeners.clear();
    for (const p of this.shell?.ns.list() ?? []) deliver(p, SIGKILL, false);
    for (const pr of this.cluster.kubelet.pods.values()) {
      pr.deleting = true;
      for (const c of pr.containers.values()) for (const p of [...(c.cgroup?.procs ?? [])]) deliver(p, SIGKILL, false);
    }
  }

  /** Keys typed by the learner (Unicode text). */
  input(text: string): void {
    this.terminal.input(utf8Encode(text));
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize({ cols, rows });
  }

  /** Terminal output as Unicode text. */
  onOutput(fn: (text: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(bytes: string): void {
    this.outputBytes += bytes.length;
    const text = this.decoder.decode(bytes);
    for (const l of this.listeners) l(text);
    if (this.paused) this.undrained += bytes.length;
    else this.terminal.drained(bytes.length);
  }

  /**
   * The consumer (a WebSocket) is backed up: stop acknowledging output, so programs writing to
   * the terminal block once its buffer passes the high-water mark (core/kernel/tty.ts).
   */
  pauseOutput(): void {
    this.paused = true;
  }

  resumeOutput(): void {
    this.paused = false;
    const n = this.undrained;
    this.undrained = 0;
    this.terminal.drained(n);
  }

  /** The learner's shell ended (exit or ^D). */
  get ended(): boolean {
    return this.shell !== undefined && !this.shell.alive;
  }

  /** Is the program the learner is talking to waiting for input? */
  get waitingForInput(): boolean {
    const top = this.ptys[this.ptys.length - 1]!;
    return top.waitingReaders > 0;
  }

  /** Work that happened since the last call: checkpoints run and bytes printed. */
  activity(): number {
    const s = this.workstation.sched.steps + this.cluster.node.system.sched.steps;
    return s + this.outputBytes;
  }
}
