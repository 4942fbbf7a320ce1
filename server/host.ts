// The Node host's scheduler and timers, injected into the core emulator.

import type { HostTimers } from "../core/kernel/clock.js";
import type { HostScheduler } from "../core/kernel/sched.js";

export const nodeHost: HostScheduler = {
  yield: () => new Promise<void>((resolve) => setImmediate(resolve)),
  monotonic: () => performance.now(),
};

export const nodeTimers: HostTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};
