// One emulated node: the kernel every container on it shares. It owns the clock (settimeofday
// changes it for everyone), the inode and device numbering, and the facts /proc and uname report.

import { PROC_DYNAMIC_FIRST } from "./namespaces.js";
import { NetNamespace } from "./net.js";
import type { Clock } from "./clock.js";

export interface KernelRelease {
  /** uname -r, e.g. "6.12.48+deb13-cloud-amd64". */
  readonly release: string;
  /** uname -v, e.g. "#1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1 (2025-09-20)". */
  readonly version: string;
  /** The compiler line of /proc/version. */
  readonly compiler: string;
}

export interface NodeInfo {
  readonly nodeName: string;
  readonly kernel: KernelRelease;
  readonly cpus: number;
  readonly memTotalKb: number;
  /** kernel.pid_max, which sizes procps's PID column. */
  readonly pidMax: number;
  /**
   * Processes outside the emulated pid namespaces (system daemons, kernel threads), for /proc's
   * link count and /proc/loadavg when a namespace tree does not hold the node's own processes
   * (a node built by the kubelet does: there the count comes from its root pid namespace).
   */
  readonly hostProcesses: number;
  /** How long the node had been up when the sandbox started, in ms. */
  readonly uptimeAtStart: number;
}

/** (major, minor) of a kernel version string: "6.12.48-1" → [6, 12]. */
export function kernelVersion(release: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

export const atLeast = (release: string, major: number, minor: number): boolean => {
  const [a, b] = kernelVersion(release);
  return a > major || (a === major && b >= minor);
};

/** A deterministic pseudo-random source (mulberry32), so sandboxes replay identically. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** n random bytes as a byte string. */
  bytes(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String.fromCharCode(Math.floor(this.next() * 256));
    return out;
  }
  hex(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

export class Kernel {
  /** settimeofday(2) moves the node's clock for every container: the offset from the base clock. */
  private timeOffset = 0;
  private ino = 1_048_576;
  private dev = 0x40; // anonymous block devices (0:64, 0:65, …) for overlay, tmpfs, proc
  readonly bootTime: number;
  readonly random: Random;
  private initNetNs: NetNamespace | undefined;
  private makeInitNet: (() => NetNamespace) | undefined;
  /**
   * Namespaces created since boot take inode numbers from the dynamic range (proc_alloc_inum); a
   * node that has run pods for days is well into it.
   */
  private nsInum = PROC_DYNAMIC_FIRST + 600;

  constructor(
    readonly info: NodeInfo,
    readonly baseClock: Clock,
    seed = 1,
  ) {
    this.bootTime = baseClock.now() - info.uptimeAtStart;
    this.random = new Random(seed);
  }

  /** The node's wall-clock time in ms (CLOCK_REALTIME). */
  now(): number {
    return this.baseClock.now() + this.timeOffset;
  }

  /** Milliseconds since boot (CLOCK_BOOTTIME): not moved by settimeofday. */
  uptime(): number {
    return this.baseClock.now() - this.bootTime;
  }

  settimeofday(ms: number): void {
    this.timeOffset = ms - this.baseClock.now();
  }

  /**
   * init_net: the namespace of processes not given one. Loopback only, nothing reachable, unless
   * the machine describes its own (a node's eth0 and CNI bridge, made when first looked at).
   */
  get initNet(): NetNamespace {
    return (this.initNetNs ??= this.makeInitNet?.() ?? NetNamespace.isolated({ hostAt: () => undefined, resolve: () => undefined }));
  }

  /** init_net if it exists yet. */
  get initNetIfMade(): NetNamespace | undefined {
    return this.initNetNs;
  }

  /** How to make init_net when it is first needed. */
  provideInitNet(make: () => NetNamespace): void {
    this.makeInitNet = make;
  }

  /** The inode number of a new namespace (/proc/<pid>/ns/<type> -> "type:[inum]"). */
  nextNsInum(): number {
    return this.nsInum++;
  }

  nextIno(): number {
    return this.ino++;
  }

  /** A new anonymous device number (major 0). */
  nextDev(): number {
    return this.dev++;
  }

  /** The context filesystems use for times and inode numbers. */
  get fsContext(): { now(): number; nextIno(): number } {
    return { now: () => this.now(), nextIno: () => this.nextIno() };
  }
}
