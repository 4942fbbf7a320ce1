// The terminal socket of one session: connects, validates every server frame, and reconnects with
// exponential backoff keeping the same session. The server sends the screen again on every
// connect, so a reconnect (or a page reload) shows what was there.

import { CLOSE_CODES, type ClientMessage, type ServerMessage, decodeServerMessage } from "../core/protocol/messages.js";
import { Outbox } from "./outbox.js";

export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "connected" }
  | { kind: "waiting"; attempt: number; retryInMs: number }
  /** The session is gone (ended, expired, deleted or unknown): start a new one. */
  | { kind: "ended"; reason: string }
  /** The session was opened in another window. */
  | { kind: "replaced" };

export interface StoredSession {
  id: string;
  token: string;
}

export interface ConnectionHandlers {
  message(msg: ServerMessage): void;
  state(state: ConnectionState): void;
  /** Called when the socket opens (send the terminal size). */
  open(): void;
}

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 15_000;

export class TerminalConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: number | undefined;
  private stopped = false;
  /** What this page sends, paced to the server's input budget (one budget per socket). */
  readonly outbox = new Outbox((frame) => {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(frame);
    return true;
  });

  constructor(readonly session: StoredSession, private readonly handlers: ConnectionHandlers) {}

  connect(): void {
    this.stopped = false;
    clearTimeout(this.timer);
    this.attempt++;
    this.handlers.state({ kind: "connecting", attempt: this.attempt });
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/ws/sessions/${encodeURIComponent(this.session.id)}?token=${encodeURIComponent(this.session.token)}`);
    this.ws = ws;
    let opened = false;
    this.outbox.reset();
    ws.addEventListener("open", () => {
      opened = true;
      this.attempt = 0;
      this.handlers.state({ kind: "connected" });
      this.handlers.open();
    });
    ws.addEventListener("message", (ev) => {
      if (typeof ev.data !== "string") return;
      const decoded = decodeServerMessage(ev.data);
      if (decoded.ok) this.handlers.message(decoded.message);
    });
    ws.addEventListener("close", (ev) => {
      if (this.ws !== ws || this.stopped) return;
      this.ws = undefined;
      this.outbox.reset(); // input not sent yet is lost with the socket
      if (ev.code === CLOSE_CODES.sessionEnded) return this.handlers.state({ kind: "ended", reason: ev.reason || "the session ended" });
      if (ev.code === CLOSE_CODES.replaced) return this.handlers.state({ kind: "replaced" });
      // A refused upgrade looks like any network failure to a browser: ask the API why.
      if (!opened) void this.checkSession();
      else this.retry();
    });
  }

  /** Queues a frame (sent as the input budget allows); false when the socket is not open. */
  send(msg: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.outbox.push(msg);
    return true;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.outbox.reset();
    this.ws?.close(1000);
    this.ws = undefined;
  }

  /** Reconnects now (the "Reconnect" button), resetting the backoff. */
  reconnectNow(): void {
    this.attempt = 0;
    this.ws?.close(1000);
    this.ws = undefined;
    this.connect();
  }

  private async checkSession(): Promise<void> {
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(this.session.id)}`, { headers: { authorization: `Bearer ${this.session.token}` } });
      if (this.stopped) return;
      if (res.status === 404 || res.status === 401) return this.handlers.state({ kind: "ended", reason: "the session no longer exists" });
    } catch {
      // The server is unreachable: keep trying.
    }
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, this.attempt - 1));
    const retryInMs = Math.round(base / 2 + Math.random() * (base / 2));
    this.handlers.state({ kind: "waiting", attempt: this.attempt, retryInMs });
    this.timer = window.setTimeout(() => this.connect(), retryInMs);
  }
}
