// One sandbox's view of the host: its scheduler yields and its timers go through here.
//
// Disposal: core/sandbox.ts has no dispose(); after dispose() pending timers are cleared, new ones
// never fire, and a yield never returns, so every emulated program (even an endless loop) stops at
// its next checkpoint and becomes garbage.
//
// Fairness: every sandbox shares one event loop, and a CPU-bound program (`yes`, an endless loop)
// runs a slice (core/kernel/sched.ts SLICE_MS, a few ms) between yields. Resumed at once, it would
// run a slice in every loop turn, and another learner's command, which needs a few turns, would
// wait a slice per turn. So
// while someone else is typing, a session that keeps yielding back-to-back is resumed only after a
// pause as long as its last slice (8-100 ms), which leaves at least half the time to the others.

import type { HostTimers } from "../../core/kernel/clock.js";
import type { HostScheduler } from "../../core/kernel/sched.js";

/** A yield this soon after the last resume counts as the session running flat out in between. */
const BACK_TO_BACK_MS = 250;
/** Back-to-back yields after which a session counts as CPU-bound. */
const HOG_YIELDS = 2;
/** How long after another session's input a CPU-bound session is held back. */
const INTERACTIVE_WINDOW_MS = 1000;
/** Bounds of the pause before a CPU-bound session's next slice while others are interactive. */
const HOG_PAUSE_MIN_MS = 8;
const HOG_PAUSE_MAX_MS = 100;

interface OwnerState {
  resumedAt: number;
  backToBack: number;
}

/** Decides when each session's yields resume (shared by all sessions of an app). */
export class HostArbiter {
  private lastInput = -Infinity;
  private lastInputOwner: object | undefined;
  private secondLastInput = -Infinity;

  /** The learner typed into `owner`'s terminal. */
  noteInput(owner: object): void {
    const now = performance.now();
    if (this.lastInputOwner !== owner) this.secondLastInput = this.lastInput;
    this.lastInput = now;
    this.lastInputOwner = owner;
  }

  /** Someone other than `owner` typed recently. */
  private othersInteractive(owner: object, now: number): boolean {
    const other = this.lastInputOwner === owner ? this.secondLastInput : this.lastInput;
    return now - other < INTERACTIVE_WINDOW_MS;
  }

  resume(owner: object, state: OwnerState, resolve: () => void): void {
    const now = performance.now();
    const ran = now - state.resumedAt;
    state.backToBack = ran < BACK_TO_BACK_MS ? state.backToBack + 1 : 0;
    const done = () => {
      state.resumedAt = performance.now();
      resolve();
    };
    if (state.backToBack >= HOG_YIELDS && this.othersInteractive(owner, now)) {
      setTimeout(done, Math.min(HOG_PAUSE_MAX_MS, Math.max(HOG_PAUSE_MIN_MS, ran)));
    }
    else setImmediate(done);
  }
}

export interface DisposableHost {
  readonly scheduler: HostScheduler;
  readonly timers: HostTimers;
  readonly disposed: boolean;
  dispose(): void;
}

const never = new Promise<void>(() => {});

export function disposableHost(arbiter: HostArbiter, owner: object): DisposableHost {
  const pending = new Set<NodeJS.Timeout>();
  let disposed = false;
  const state: OwnerState = { resumedAt: -Infinity, backToBack: 0 };
  const scheduler: HostScheduler = {
    yield: () => (disposed ? never : new Promise<void>((resolve) => arbiter.resume(owner, state, () => {
      if (!disposed) resolve();
    }))),
    monotonic: () => performance.now(),
  };
  const timers: HostTimers = {
    setTimeout: (fn, ms) => {
      if (disposed) return undefined;
      const handle = setTimeout(() => {
        pending.delete(handle);
        if (!disposed) fn();
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
      return disposed;
    },
    dispose() {
      disposed = true;
      for (const h of pending) clearTimeout(h);
      pending.clear();
    },
  };
}
