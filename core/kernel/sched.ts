// Cooperative scheduling: emulated programs run as JavaScript on one event loop shared by every
// learner, so long-running work (an endless shell loop, `yes`) yields to the host regularly and
// stops as soon as its process is signalled.

import { Cancelled } from "./cancellation.js";
import type { Process } from "./process.js";

export interface HostScheduler {
  /** Lets the host run other work (setImmediate). */
  yield(): Promise<void>;
  /** A monotonic clock in ms (performance.now). */
  monotonic(): number;
}

/** Work units per 10 ms clock tick charged to a process (roughly BusyBox ash's speed). */
export const STEPS_PER_TICK = 2000;
/** Longest stretch of host time between yields. */
export const SLICE_MS = 4;
/** Checkpoints between looks at the host clock (a look costs about as much as 30 checkpoints). */
const CLOCK_EVERY = 32;

export class Scheduler {
  private sliceStart: number;
  /** Checkpoints passed so far: a measure of work done. */
  steps = 0;
  /** Processes currently between yields: the sandbox is busy while this is non-zero. */
  running = 0;

  constructor(readonly host: HostScheduler) {
    this.sliceStart = host.monotonic();
  }

  /**
   * A point where a program may be preempted: charges CPU time, yields when the slice is used up,
   * and throws Cancelled when the process was killed.
   */
  async checkpoint(proc: Process): Promise<void> {
    if (++proc.steps >= STEPS_PER_TICK) {
      proc.steps = 0;
      proc.charge(1);
    }
    // (After waiting for input the slice start is old, so work that wakes up yields early once.)
    if (++this.steps % CLOCK_EVERY === 0 && this.host.monotonic() - this.sliceStart > SLICE_MS) {
      await this.host.yield();
      this.sliceStart = this.host.monotonic();
    }
    if (proc.lifetime.cancelled) throw new Cancelled(proc.lifetime.reason);
  }
}
