// Time is injected (DESIGN.md principle 7). Interactive sessions use the wall clock; `podlab run`
// and grading use a virtual clock that jumps forward when something waits.

import { Cancelled, type Cancellation } from "./cancellation.js";

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with Cancelled when `cancel` fires first. */
  sleep(ms: number, cancel?: Cancellation): Promise<void>;
  /** Runs `fn` once the clock reaches `at` (ms since the epoch). */
  at(at: number, fn: () => void): Timer;
}

/** The host's timer functions (setTimeout/clearTimeout), which core/ cannot name itself. */
export interface HostTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

function sleepWith(clock: Clock, ms: number, cancel?: Cancellation): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (cancel?.cancelled) return reject(new Cancelled(cancel.reason));
    const timer = clock.at(clock.now() + Math.max(0, ms), () => {
      off?.();
      resolve();
    });
    const off = cancel?.onCancel((reason) => {
      timer.cancel();
      reject(new Cancelled(reason));
    });
  });
}

export class WallClock implements Clock {
  constructor(private readonly host: HostTimers) {}

  now(): number {
    return this.host.now();
  }

  sleep(ms: number, cancel?: Cancellation): Promise<void> {
    return sleepWith(this, ms, cancel);
  }

  at(at: number, fn: () => void): Timer {
    const handle = this.host.setTimeout(fn, Math.max(0, at - this.now()));
    return { cancel: () => this.host.clearTimeout(handle) };
  }
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to; timers fire in deadline order as it passes them. */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, cancel?: Cancellation): Promise<void> {
    return sleepWith(this, ms, cancel);
  }

  at(at: number, fn: () => void): Timer {
    const timer: PendingTimer = { at, seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Moves the clock forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const next = this.nextTimer();
      if (next === undefined || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }

  /** The deadline of the earliest pending timer, if any. */
  nextDeadline(): number | undefined {
    return this.nextTimer()?.at;
  }

  /** Jumps to the earliest pending timer and fires it (and any due at the same instant). */
  advanceToNextTimer(): boolean {
    const next = this.nextTimer();
    if (next === undefined) return false;
    this.advanceTo(next.at);
    return true;
  }

  private nextTimer(): PendingTimer | undefined {
    while (this.timers.length > 0 && this.timers[0]!.cancelled) this.timers.shift();
    return this.timers[0];
  }
}
