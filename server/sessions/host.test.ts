import { createServer, connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { HostArbiter, disposableHost } from "./host.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Host = ReturnType<typeof disposableHost>;

/** Host ms that `n` back-to-back yields of `host` take. */
async function yields(host: Host, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await host.scheduler.yield();
  return performance.now() - start;
}

/** An endless loop: spins `sliceMs` of host time, then yields, until the host is disposed. */
function hog(host: Host, slices: { n: number }, sliceMs = 3): void {
  void (async () => {
    for (;;) {
      const end = performance.now() + sliceMs;
      while (performance.now() < end) { /* busy */ }
      slices.n++;
      await host.scheduler.yield();
    }
  })();
}

describe("disposableHost", () => {
  it("resumes a session alone at once", async () => {
    const host = disposableHost(new HostArbiter());
    expect(await yields(host, 20)).toBeLessThan(50);
  });

  it("lets timers and sockets run between any two busy slices, however many sessions run flat out", async () => {
    const arbiter = new HostArbiter();
    const hosts = Array.from({ length: 5 }, () => disposableHost(arbiter));
    const slices = { n: 0 };
    for (const h of hosts) hog(h, slices);
    const echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    const client = connect((echo.address() as AddressInfo).port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    await sleep(50);
    let worstTimer = 0;
    let worstEcho = 0;
    // (Busy slices, counted by the arbiter: a hog the OS stalled for a while counts as interactive
    // again for a slice or two.)
    for (let i = 0; i < 10; i++) {
      let at = arbiter.busySlices;
      await new Promise((r) => setTimeout(r, 0));
      worstTimer = Math.max(worstTimer, arbiter.busySlices - at);
      at = arbiter.busySlices;
      client.write("x");
      await new Promise((r) => client.once("data", r));
      worstEcho = Math.max(worstEcho, arbiter.busySlices - at);
    }
    expect(slices.n).toBeGreaterThan(10);
    for (const h of hosts) h.dispose();
    client.destroy();
    echo.close();
    // One busy slice per event-loop turn: a timer waits at most a slice or two, a round trip
    // through the kernel a few turns.
    expect(worstTimer).toBeLessThanOrEqual(2);
    expect(worstEcho).toBeLessThanOrEqual(6);
  });

  it("resumes an interactive session before the next busy slice, and busy sessions in turn", async () => {
    const arbiter = new HostArbiter();
    const counts = [{ n: 0 }, { n: 0 }, { n: 0 }];
    const hosts = counts.map((c) => {
      const h = disposableHost(arbiter);
      hog(h, c, 1);
      return h;
    });
    await sleep(100);
    const quiet = disposableHost(arbiter);
    let worst = 0;
    for (let i = 0; i < 10; i++) {
      const at = arbiter.busySlices;
      await quiet.scheduler.yield();
      worst = Math.max(worst, arbiter.busySlices - at);
      await sleep(60); // idle in between (waiting for the learner)
    }
    for (const h of hosts) h.dispose();
    expect(worst).toBeLessThanOrEqual(1);
    const ns = counts.map((c) => c.n);
    expect(Math.min(...ns)).toBeGreaterThan(0.8 * Math.max(...ns));
  });

  it("after dispose, yields never return and timers never fire", async () => {
    const host = disposableHost(new HostArbiter());
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
