import { afterEach, describe, expect, it, vi } from "vitest";
import { INPUT_BURST, INPUT_PER_SECOND, type ClientMessage, decodeClientMessage, frameCost } from "../core/protocol/messages.js";
import { Outbox } from "./outbox.js";

afterEach(() => {
  vi.useRealTimers();
});

/** The server's token bucket (server/sessions/limits.ts), fed the frames as they are sent. */
function serverBucket() {
  let tokens = INPUT_BURST;
  let last = performance.now();
  return (msg: ClientMessage) => {
    const now = performance.now();
    tokens = Math.min(INPUT_BURST, tokens + ((now - last) / 1000) * INPUT_PER_SECOND);
    last = now;
    const cost = frameCost(msg);
    if (tokens < cost) return false;
    tokens -= cost;
    return true;
  };
}

describe("Outbox", () => {
  it("sends a paste bigger than the burst whole, in frames the server accepts, never over its rate", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const take = serverBucket();
    const sent: ClientMessage[] = [];
    const outbox = new Outbox((frame) => {
      expect(frame.length).toBeLessThanOrEqual(64 * 1024);
      const decoded = decodeClientMessage(frame);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(take(decoded.message)).toBe(true); // never rate_limited
      sent.push(decoded.message);
      return true;
    });
    const paste = "€".repeat(100_000) + "x".repeat(150_000);
    outbox.push({ type: "input", data: paste });
    outbox.push({ type: "resize", cols: 100, rows: 30 });
    outbox.push({ type: "resize", cols: 120, rows: 40 }); // replaces the one still waiting
    expect(outbox.pendingInput).toBeGreaterThan(0);
    expect(outbox.secondsLeft).toBeGreaterThan(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outbox.pendingInput).toBe(0);
    expect(sent.filter((m) => m.type === "input").map((m) => (m as { data: string }).data).join("")).toBe(paste);
    expect(sent.filter((m) => m.type === "resize")).toEqual([{ type: "resize", cols: 120, rows: 40 }]);
  });

  it("drops waiting input on request, and everything when the socket is gone", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    let open = true;
    const sent: string[] = [];
    const outbox = new Outbox((frame) => {
      if (!open) return false;
      sent.push(frame);
      return true;
    });
    outbox.push({ type: "input", data: "y".repeat(400_000) });
    const first = sent.length;
    outbox.dropInput();
    outbox.push({ type: "input", data: "\x03" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.length).toBe(first + 1);
    open = false;
    outbox.push({ type: "input", data: "z".repeat(400_000) });
    expect(outbox.pendingInput).toBe(0);
  });
});
