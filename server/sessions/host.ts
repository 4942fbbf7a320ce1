// One sandbox's view of the host: its scheduler yields and its timers go through here.
//
// Disposal: core/sandbox.ts has no dispose(); after dispose() pending timers are cleared, new ones
// never fire, and a yield never returns, so every emulated program (even an endless loop) stops at
// its next checkpoint and becomes garbage.
//
// Fairness: every sandbox shares one event loop, and a CPU-bound program (`yes`, an endless loop)
// runs a slice (core/kernel/sched.ts SLICE_MS, a few ms) between yields. One runner (HostArbiter)
// resumes the yields, from a setImmediate callback: Node's check phase, which comes after the poll
// phase, so sockets and timers get a turn between any two slices. In each event-loop turn it first
// runs the output flushes waiting (soon()) and resumes every waiting yield of sessions that are not
// busy (a command the learner just typed, for its first INTERACTIVE_MS), then at most one slice of a
// busy session (one that keeps yielding back-to-back), taking busy sessions in turn. So the CPU spent
// between two looks at the network is one busy slice plus the interactive work, however many
// sessions run flat out, and a session alone still runs nearly flat out.

import type { HostTimers } from "../../core/kernel/clock.js";
import type { HostScheduler } from "../../core/kernel/sched.js";

/**
 * A yield this soon after the owner's last resume means it ran flat out in between (a slice is
 * about SLICE_MS; a program that waited for input or a timer in between yields later).
 */
const BACK_TO_BACK_MS = 50;
/** Host time an owner may run flat out, after being idle, before it counts as busy. */
const INTERACTIVE_MS = 12;

/** One session as the arbiter sees it. */
export interface ArbiterOwner {
  resumedAt: number;
  /** Host ms run flat out since the owner was last idle. */
  spent: number;
  /** Busy yields waiting for their slice, oldest first. */
  readonly waiting: (() => void)[];
  disposed: boolean;
}

/** Resumes the yields of every session of an app (see the top of this file). */
export class HostArbiter {
  /** Yields of owners that are not busy: all resumed in the next turn. */
  private interactive: (() => void)[] = [];
  /** Busy owners with a waiting yield, in round-robin order. */
  private readonly ring: ArbiterOwner[] = [];
  private scheduled = false;
  /** Busy slices started (for tests and benchmarks). */
  busySlices = 0;

  owner(): ArbiterOwner {
    return { resumedAt: -Infinity, spent: 0, waiting: [], disposed: false };
  }

  /** Runs `fn` in the next turn, before its busy slice (a learner's output waiting to be sent). */
  soon(fn: () => void): void {
    this.interactive.push(fn);
    this.again();
  }

  /** Resolves `resolve` when `owner`'s turn comes. */
  resume(owner: ArbiterOwner, resolve: () => void): void {
    const ran = performance.now() - owner.resumedAt;
    owner.spent = ran < BACK_TO_BACK_MS ? owner.spent + ran : 0;
    const done = () => {
      owner.resumedAt = performance.now();
      resolve();
    };
    if (owner.spent < INTERACTIVE_MS) this.interactive.push(done);
    else if (owner.waiting.push(done) === 1) this.ring.push(owner);
    this.again();
  }

  private readonly turn = (): void => {
    this.scheduled = false;
    const ready = this.interactive;
    this.interactive = [];
    for (const fn of ready) fn();
    let busy = this.ring.shift();
    while (busy?.disposed) {
      busy.waiting.length = 0;
      busy = this.ring.shift();
    }
    if (busy !== undefined) {
      this.busySlices++;
      busy.waiting.shift()!();
      if (busy.waiting.length > 0) this.ring.push(busy);
    }
    this.again();
  };

  /** Another turn when work is left (the resumed programs run after this callback, and may yield again). */
  private again(): void {
    if (!this.scheduled && (this.interactive.length > 0 || this.ring.length > 0)) {
      this.scheduled = true;
      setImmediate(this.turn);
    }
  }
}

export interface DisposableHost {
  readonly scheduler: HostScheduler;
  readonly timers: HostTimers;
  readonly disposed: boolean;
  dispose(): void;
}

const never = new Promise<void>(() => {});

export function disposableHost(arbiter: HostArbiter): DisposableHost {
  const pending = new Set<NodeJS.Timeout>();
  const owner = arbiter.owner();
  const scheduler: HostScheduler = {
    yield: () => (owner.disposed ? never : new Promise<void>((resolve) => arbiter.resume(owner, () => {
      if (!owner.disposed) resolve();
    }))),
    monotonic: () => performance.now(),
  };
  const timers: HostTimers = {
    setTimeout: (fn, ms) => {
      if (owner.disposed) return undefined;
      const handle = setTimeout(() => {
        pending.delete(handle);
        if (!owner.disposed) fn();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      if (handle === undefined) return;
      clearTimeout(handle as NodeJS.Timeout);
      pending.delete(handle as NodeJS.Timeout);
    },
    now: () => Date.now(),
  };
  return {
    scheduler,
    timers,
    get disposed() {
      return owner.disposed;
    },
    dispose() {
      owner.disposed = true;
      owner.waiting.length = 0;
      for (const h of pending) clearTimeout(h);
      pending.clear();
    },
  };
}
