import { describe, expect, it } from "vitest";
import { HostArbiter, disposableHost } from "./host.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Host ms that `n` back-to-back yields of `host` take. */
async function yields(host: ReturnType<typeof disposableHost>, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await host.scheduler.yield();
  return performance.now() - start;
}

describe("disposableHost", () => {
  it("resumes a flat-out session at once while nobody else types, and after a pause while someone does", async () => {
    const arbiter = new HostArbiter();
    const hog = {};
    const host = disposableHost(arbiter, hog);
    expect(await yields(host, 20)).toBeLessThan(50);
    arbiter.noteInput({}); // another learner typed
    expect(await yields(host, 10)).toBeGreaterThanOrEqual(8 * 8);
    arbiter.noteInput(hog); // only the hog's own typing: no pause
    await sleep(1100);
    arbiter.noteInput(hog);
    expect(await yields(host, 20)).toBeLessThan(50);
  });

  it("after dispose, yields never return and timers never fire", async () => {
    const host = disposableHost(new HostArbiter(), {});
    let fired = 0;
    host.timers.setTimeout(() => fired++, 10);
    host.dispose();
    host.timers.setTimeout(() => fired++, 1);
    let resumed = false;
    void host.scheduler.yield().then(() => (resumed = true));
    await sleep(50);
    expect([fired, resumed, host.disposed]).toEqual([0, false, true]);
  });
});
