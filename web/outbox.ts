// The frames the page sends on one socket, paced to the server's input budget (a token bucket:
// INPUT_BURST, then INPUT_PER_SECOND; core/protocol/messages.ts), so a big paste arrives whole
// instead of being dropped with `rate_limited`. Input is cut into frames the server accepts
// (splitInput); frames go out in order, a newer resize replaces one still waiting.

import { type ClientMessage, INPUT_BURST, INPUT_PER_SECOND, encodeClientMessage, frameCost, splitInput } from "../core/protocol/messages.js";

/** The page assumes a little less budget than the server grants (clocks and delivery differ). */
const RATE = INPUT_PER_SECOND * 0.9;
const BURST = INPUT_BURST * 0.75;

export class Outbox {
  private queue: ClientMessage[] = [];
  private tokens = BURST;
  private last = performance.now();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `send` puts one frame on the socket; false when it is not open. */
  constructor(private readonly send: (frame: string) => boolean) {}

  push(msg: ClientMessage): void {
    if (msg.type === "input") {
      for (const data of splitInput(msg.data)) this.queue.push({ type: "input", data });
    } else if (msg.type === "resize") {
      const waiting = this.queue.findIndex((m) => m.type === "resize");
      if (waiting === -1) this.queue.push(msg);
      else this.queue[waiting] = msg;
    } else this.queue.push(msg);
    this.pump();
  }

  /** Input characters waiting to be sent. */
  get pendingInput(): number {
    let n = 0;
    for (const m of this.queue) if (m.type === "input") n += m.data.length;
    return n;
  }

  /** Seconds until everything waiting is sent. */
  get secondsLeft(): number {
    let cost = -this.tokens;
    for (const m of this.queue) cost += frameCost(m);
    return Math.max(0, cost / RATE);
  }

  /** Drops the input still waiting (Ctrl-C during a long paste). */
  dropInput(): void {
    this.queue = this.queue.filter((m) => m.type !== "input");
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pump();
  }

  /** A new socket (a full budget on the server), or none: forgets what was waiting. */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.tokens = BURST;
    this.last = performance.now();
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    const now = performance.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.last) / 1000) * RATE);
    this.last = now;
    while (this.queue.length > 0) {
      const cost = frameCost(this.queue[0]!);
      if (this.tokens < cost) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(((cost - this.tokens) / RATE) * 1000));
        return;
      }
      if (!this.send(encodeClientMessage(this.queue.shift()!))) return this.reset();
      this.tokens -= cost;
    }
  }
}
