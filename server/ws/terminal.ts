// A learner's terminal over a WebSocket (`/ws/sessions/:id`): validates every client frame,
// rate-limits input, sends the screen snapshot then the live output coalesced into frames every few
// ms, and watches the socket's bufferedAmount to pause the sandbox's output while the client lags.

import type { WebSocket } from "ws";
import {
  CLOSE_CODES, FRAME_ERRORS, type FrameErrorCode, INPUT_BURST, INPUT_PER_SECOND, type ServerMessage, decodeClientMessage,
  encodeServerMessage, frameCost,
} from "../../core/protocol/messages.js";
import type { Metrics } from "../metrics.js";
import { TokenBucket } from "../sessions/limits.js";
import type { Session, SessionClient } from "../sessions/session.js";

export interface TerminalOptions {
  metrics: Metrics;
  /** Output frames are at least this far apart (ms): output is batched into frames in between. */
  coalesceMs: number;
  /** Send at once when this much output is waiting (characters). */
  flushChars: number;
  /** ws bufferedAmount above which the session's output pauses, and below which it resumes. */
  highWater: number;
  lowWater: number;
  /** Input budget: bytes per second and burst. */
  inputPerSecond: number;
  inputBurst: number;
  /** Rejected frames tolerated per second (burst) before the socket is closed (1008). */
  strikesPerSecond: number;
  strikeBurst: number;
  /** Runs `fn` at the end of this host turn, before any busy session's next slice (HostArbiter.soon). */
  soon: (fn: () => void) => void;
  /** Evaluates the session's checks (the scenario engine); resolves to a notice for the learner. */
  check: (session: Session) => Promise<string | undefined>;
}

export const TERMINAL_DEFAULTS: Omit<TerminalOptions, "metrics" | "check"> = {
  coalesceMs: 4,
  flushChars: 16 * 1024,
  highWater: 128 * 1024,
  lowWater: 32 * 1024,
  inputPerSecond: INPUT_PER_SECOND,
  inputBurst: INPUT_BURST,
  strikesPerSecond: 2,
  strikeBurst: 30,
  soon: (fn) => setImmediate(fn),
};

const BACKLOG_POLL_MS = 10;

export class TerminalConnection implements SessionClient {
  /** Heartbeat: a pong (or any frame) arrived since the last ping. */
  isAlive = true;
  private pending = "";
  private ready = false;
  private closed = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushSoon = false;
  private lastFlush = 0;
  private backlogTimer: NodeJS.Timeout | undefined;
  private readonly input: TokenBucket;
  private readonly strikes: TokenBucket;
  private checking = false;

  constructor(
    readonly ws: WebSocket,
    readonly session: Session,
    private readonly opts: TerminalOptions,
  ) {
    const now = Date.now();
    this.input = new TokenBucket(opts.inputBurst, opts.inputPerSecond, now);
    this.strikes = new TokenBucket(opts.strikeBurst, opts.strikesPerSecond, now);
  }

  /** Attaches to the session, sends the screen, then goes live. */
  async start(): Promise<void> {
    this.ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on("pong", () => {
      this.isAlive = true;
    });
    this.ws.on("close", () => this.dispose());
    this.ws.on("error", () => this.ws.terminate());
    const snapshot = await this.session.attach(this);
    if (this.closed) return;
    this.send({ type: "output", data: snapshot });
    if (this.session.steps.length > 0) this.send(this.session.progress());
    this.ready = true;
    this.session.ready(this);
    this.flush();
  }

  // ---- SessionClient ----

  output(text: string): void {
    if (this.closed) return;
    this.pending += text;
    if (!this.ready) return;
    if (this.pending.length >= this.opts.flushChars) return this.flush();
    if (this.flushTimer !== undefined || this.flushSoon) return;
    // Sparse output goes out at the end of this host turn; a stream is batched every coalesceMs.
    const wait = this.lastFlush + this.opts.coalesceMs - performance.now();
    if (wait > 0) this.flushTimer = setTimeout(() => this.flush(), wait);
    else {
      this.flushSoon = true;
      this.opts.soon(() => {
        if (this.flushSoon) this.flush();
      });
    }
  }

  notice(text: string): void {
    this.flush();
    this.send({ type: "notice", text });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.flush();
    this.dispose();
    this.ws.close(code, reason);
  }

  // ---- frames ----

  private send(message: ServerMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(encodeServerMessage(message));
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushSoon = false;
    if (!this.ready || this.pending === "") return;
    this.lastFlush = performance.now();
    const data = this.pending;
    this.pending = "";
    this.send({ type: "output", data });
    this.watchBacklog();
  }

  /** Pauses the session while the socket's send buffer is above the high-water mark. */
  private watchBacklog(): void {
    if (this.closed || this.backlogTimer !== undefined || this.ws.bufferedAmount <= this.opts.highWater) return;
    this.session.backedUp(this, true);
    const poll = () => {
      if (this.closed) return;
      if (this.ws.bufferedAmount < this.opts.lowWater) {
        this.backlogTimer = undefined;
        this.session.backedUp(this, false);
      } else this.backlogTimer = setTimeout(poll, BACKLOG_POLL_MS);
    };
    this.backlogTimer = setTimeout(poll, BACKLOG_POLL_MS);
  }

  private reject(code: FrameErrorCode): void {
    this.opts.metrics.framesRejected.inc({ code });
    if (!this.strikes.take(1, Date.now())) {
      this.close(CLOSE_CODES.policyViolation, "too many invalid frames");
      return;
    }
    this.send({ type: "error", code, message: FRAME_ERRORS[code] });
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    this.isAlive = true;
    if (isBinary) return this.reject("binary_not_supported");
    const text = Buffer.isBuffer(data) ? data.toString("utf8") : Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");
    const decoded = decodeClientMessage(text);
    if (!decoded.ok) return this.reject(decoded.code);
    const msg = decoded.message;
    if (!this.input.take(frameCost(msg), Date.now())) return this.reject("rate_limited");
    switch (msg.type) {
      case "input":
        this.session.input(msg.data);
        break;
      case "resize":
        this.session.resize(msg.cols, msg.rows);
        break;
      case "check":
        void this.runCheck();
        break;
    }
  }

  private async runCheck(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const notice = await this.opts.check(this.session);
      if (this.closed) return;
      this.send(this.session.progress());
      if (notice !== undefined) this.send({ type: "notice", text: notice });
    } finally {
      this.checking = false;
    }
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.flushTimer);
    this.flushSoon = false;
    clearTimeout(this.backlogTimer);
    this.session.detach(this);
  }
}
