// Output flow control against a socket whose bufferedAmount the test sets: the sandbox's writers
// block while the client lags, and run again once it catches up.
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { decodeServerMessage } from "../../core/protocol/messages.js";
import { Metrics } from "../metrics.js";
import { SessionRegistry } from "../sessions/registry.js";
import { TERMINAL_DEFAULTS, TerminalConnection } from "./terminal.js";

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closed: number | undefined;
  send(data: string): void {
    this.sent.push(data);
  }
  close(code: number): void {
    this.closed = code;
    this.readyState = 3;
    this.emit("close", code, Buffer.from(""));
  }
  terminate(): void {
    this.close(1006);
  }
  ping(): void {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let registry: SessionRegistry | undefined;
afterEach(() => registry?.close());

function setup() {
  const metrics = new Metrics({ sessions: () => 0, wsClients: () => 0 });
  registry = new SessionRegistry({ metrics, sessionsPerAddress: 0, idleTimeoutMs: 3600_000, maxSessions: 10 });
  const { session } = registry.create({ address: "test" });
  const ws = new FakeSocket();
  const conn = new TerminalConnection(ws as never, session, { ...TERMINAL_DEFAULTS, highWater: 64 * 1024, lowWater: 16 * 1024, metrics, check: async () => undefined });
  let emitted = 0;
  session.sandbox.onOutput((t) => {
    emitted += t.length;
  });
  return { session, ws, conn, metrics, emitted: () => emitted };
}

describe("terminal flow control", () => {
  it("pauses the sandbox while the socket is backed up and resumes when it drains", async () => {
    const { session, ws, conn, metrics, emitted } = setup();
    await conn.start();
    const first = decodeServerMessage(ws.sent[0]!);
    expect(first.ok && first.message.type === "output" && first.message.data.startsWith("\x1bc")).toBe(true);
    expect(session.paused).toBe(false);

    ws.bufferedAmount = 10 * 1024 * 1024; // the client stopped reading
    session.input("yes\r");
    await sleep(300);
    expect(session.paused).toBe(true);
    expect(metrics.outputPauses.get()).toBeGreaterThan(0);
    const atPause = emitted();
    await sleep(300);
    // Writers block once 64 KiB are unacknowledged (core/kernel/tty.ts).
    expect(emitted() - atPause).toBeLessThanOrEqual(64 * 1024 + 4096);

    ws.bufferedAmount = 0; // caught up
    await sleep(100);
    expect(emitted() - atPause).toBeGreaterThan(64 * 1024);
    session.input("\x03");
    await sleep(100);
  });

  it("pauses the sandbox while nobody is connected", async () => {
    const { session, ws, conn, emitted } = setup();
    await conn.start();
    session.input("yes\r");
    await sleep(100);
    ws.close(1000);
    expect(session.connected).toBe(false);
    expect(session.paused).toBe(true);
    await sleep(100);
    const atClose = emitted();
    await sleep(300);
    expect(emitted() - atClose).toBeLessThanOrEqual(64 * 1024 + 4096);
  });

  it("a connection that takes over from a backed-up one gets the output", async () => {
    const { session, ws, conn, metrics } = setup();
    await conn.start();
    ws.bufferedAmount = 10 * 1024 * 1024; // the first client stopped reading
    session.input("yes\r");
    for (let i = 0; i < 100 && !session.paused; i++) await sleep(10);
    expect(session.paused).toBe(true);
    const ws2 = new FakeSocket();
    const conn2 = new TerminalConnection(ws2 as never, session, { ...TERMINAL_DEFAULTS, highWater: 64 * 1024, lowWater: 16 * 1024, metrics, check: async () => undefined });
    await conn2.start();
    expect(ws.closed).toBe(4001);
    await sleep(50);
    expect(session.paused).toBe(false);
    session.input("\x03");
    await sleep(50);
    const before = ws2.sent.length;
    session.input("echo done-$((2+3))\r");
    await sleep(200);
    const text = ws2.sent.slice(before).map((f) => decodeServerMessage(f)).map((d) => (d.ok && d.message.type === "output" ? d.message.data : "")).join("");
    expect(text).toContain("done-5\r\n");
  });

  it("coalesces output into few frames", async () => {
    const { session, ws, conn } = setup();
    await conn.start();
    const before = ws.sent.length;
    session.input("seq 1 2000\r");
    await sleep(500);
    const frames = ws.sent.slice(before).map((f) => decodeServerMessage(f)).filter((d) => d.ok && d.message.type === "output");
    const text = frames.map((d) => (d.ok && d.message.type === "output" ? d.message.data : "")).join("");
    expect(text).toContain("\r\n2000\r\n");
    expect(frames.length).toBeLessThan(100); // 2000 lines written one by one
  });
});
