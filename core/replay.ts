// Letting a sandbox run until it needs the learner again: used by `podlab run`/`grade` (with a
// virtual clock that jumps to the next timer when everything waits for time) and by tests.

import type { VirtualClock } from "./kernel/clock.js";
import type { HostScheduler } from "./kernel/sched.js";
import type { Sandbox } from "./sandbox.js";

export type SettleResult = "idle" | "ended" | "busy";

export interface SettleOptions {
  /** The virtual clock to advance when nothing runs; undefined with a wall clock. */
  clock: VirtualClock | undefined;
  /** Host time after which a still-busy sandbox is reported "busy" (an endless loop). */
  budgetMs: number;
}

/**
 * Virtual time one typed line may take before it counts as never returning (`kubectl get -w`,
 * `tail -f`): long enough for any wait the tutorial asks for, short of letting `sleep 1h`
 * containers restart over and over.
 */
export const VIRTUAL_BUDGET_MS = 3_600_000;

/**
 * Moves a virtual clock forward by `ms`, one timer at a time, letting what each timer starts run
 * before the next one fires (so a pod worker's next step is scheduled from the right instant).
 */
export async function advanceClock(clock: VirtualClock, ms: number, host: HostScheduler): Promise<void> {
  const target = clock.now() + ms;
  for (;;) {
    const next = clock.nextDeadline();
    if (next === undefined || next > target) break;
    clock.advanceTo(next);
    for (let i = 0; i < 4; i++) await host.yield();
  }
  clock.advanceTo(target);
}

/**
 * Runs host turns until the program the learner talks to waits for input ("idle"), the learner's
 * shell ends ("ended"), or the host-time budget is spent ("busy").
 */
export async function settle(sandbox: Sandbox, host: HostScheduler, opts: SettleOptions): Promise<SettleResult> {
  const start = host.monotonic();
  const virtualStart = opts.clock?.now();
  let last = sandbox.activity();
  let quiet = 0;
  for (;;) {
    await host.yield();
    if (sandbox.ended) return "ended";
    const now = sandbox.activity();
    if (now !== last) {
      last = now;
      quiet = 0;
      if (host.monotonic() - start > opts.budgetMs) return "busy";
      continue;
    }
    if (++quiet < 4) continue;
    if (sandbox.waitingForInput) return "idle";
    // Nothing runs and nobody reads the terminal: everything waits for time.
    const next = opts.clock?.nextDeadline();
    if (next !== undefined && next - virtualStart! > VIRTUAL_BUDGET_MS) return "busy";
    if (opts.clock !== undefined && opts.clock.advanceToNextTimer()) {
      quiet = 0;
      continue;
    }
    if (host.monotonic() - start > opts.budgetMs) return "busy";
  }
}
