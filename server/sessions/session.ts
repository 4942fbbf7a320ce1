// One learner's session: a Sandbox on the wall clock, the server's copy of its screen, and at most
// one attached terminal client. Output flow control: the sandbox's output is paused (its writers
// block once 64 KiB are unacknowledged) while no client is attached and ready, while the client's
// socket is backed up, or while the screen copy lags behind.

import { createHash, timingSafeEqual } from "node:crypto";
import { WallClock } from "../../core/kernel/clock.js";
import { CLOSE_CODES, type ProgressMessage, type StepProgress, progressOf } from "../../core/protocol/messages.js";
import { Sandbox } from "../../core/sandbox.js";
import type { ScenarioFiles } from "../scenarios.js";
import type { Metrics } from "../metrics.js";
import { type DisposableHost, type HostArbiter, disposableHost } from "./host.js";
import { Screen } from "./screen.js";

/** Resizes are applied at most this often (ms); the latest size wins. */
const RESIZE_EVERY_MS = 100;
/** Screen copy backlog (characters) above which output pauses, and below which it resumes. */
const SCREEN_HIGH = 256 * 1024;
const SCREEN_LOW = 64 * 1024;

export type BlockReason = "detached" | "socket" | "screen";
export type EndReason = "idle" | "exited" | "deleted" | "shutdown";

/** A terminal connection, as the session sees it. */
export interface SessionClient {
  /** Live output (after the snapshot the client got from attach()). */
  output(text: string): void;
  notice(text: string): void;
  close(code: number, reason: string): void;
}

export interface SessionInit {
  id: string;
  token: string;
  scenario: ScenarioFiles;
  steps: StepProgress[];
  name: string | null;
  workshop: string | null;
  address: string;
  cols: number;
  rows: number;
  metrics: Metrics;
  arbiter: HostArbiter;
}

const END_NOTICES: Record<EndReason, string> = {
  idle: "This session ended after a long time without input. Start a new session to continue.",
  exited: "The shell exited. Start a new session to continue.",
  deleted: "This session was ended.",
  shutdown: "The server is shutting down.",
};

const hash = (token: string) => createHash("sha256").update(token).digest();

export class Session {
  readonly id: string;
  readonly scenario: ScenarioFiles;
  readonly name: string | null;
  readonly workshop: string | null;
  readonly address: string;
  readonly createdAt = Date.now();
  lastActivity = Date.now();
  readonly sandbox: Sandbox;
  readonly screen: Screen;
  steps: StepProgress[];
  endReason: EndReason | undefined;
  private readonly tokenHash: Buffer;
  private readonly host: DisposableHost;
  private readonly metrics: Metrics;
  private client: SessionClient | undefined;
  private readonly blocked = new Set<BlockReason>(["detached"]);
  private commandStart: number | undefined;
  private latencyTimer: NodeJS.Timeout | undefined;
  /** The terminal's size, the size last asked for, and when the size last changed. */
  private size: { cols: number; rows: number };
  private wantedSize: { cols: number; rows: number };
  private lastResize = -Infinity;
  private resizeTimer: NodeJS.Timeout | undefined;
  private readonly endListeners = new Set<(s: Session) => void>();

  constructor(init: SessionInit) {
    this.id = init.id;
    this.tokenHash = hash(init.token);
    this.scenario = init.scenario;
    this.steps = init.steps;
    this.name = init.name;
    this.workshop = init.workshop;
    this.address = init.address;
    this.metrics = init.metrics;
    this.host = disposableHost(init.arbiter);
    this.size = this.wantedSize = { cols: init.cols, rows: init.rows };
    this.screen = new Screen(init.cols, init.rows);
    this.screen.onProgress = () => {
      if (this.screen.backlog < SCREEN_LOW) this.unblock("screen");
    };
    this.sandbox = new Sandbox({
      profile: init.scenario.profile, clock: new WallClock(this.host.timers), host: this.host.scheduler,
      manifests: init.scenario.manifests, cols: init.cols, rows: init.rows,
    });
    this.sandbox.onOutput((text) => this.onOutput(text));
    this.sandbox.onExit(() => this.end("exited"));
    this.sandbox.pauseOutput();
    this.sandbox.start();
  }

  /** Constant-time token check. */
  authorizes(token: string): boolean {
    return timingSafeEqual(hash(token), this.tokenHash);
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  get ended(): boolean {
    return this.endReason !== undefined;
  }

  get paused(): boolean {
    return this.blocked.size > 0;
  }

  /**
   * Makes `client` the session's terminal (closing the one before) and resolves to the screen
   * snapshot; output after the snapshot goes to client.output(). Call ready() once it is sent.
   */
  attach(client: SessionClient): Promise<string> {
    const previous = this.client;
    this.client = client;
    this.block("detached");
    // The previous socket's backlog is not the new one's (and it can no longer report it drained).
    this.unblock("socket");
    previous?.close(CLOSE_CODES.replaced, "the session was opened in another window");
    this.lastActivity = Date.now();
    return this.screen.snapshot();
  }

  ready(client: SessionClient): void {
    if (this.client === client) this.unblock("detached");
  }

  detach(client: SessionClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.block("detached");
    this.unblock("socket");
  }

  /** `client`'s socket is backed up (or drained again); ignored unless it is the attached client. */
  backedUp(client: SessionClient, backedUp: boolean): void {
    if (this.client !== client) return;
    if (backedUp) this.block("socket");
    else this.unblock("socket");
  }

  block(reason: BlockReason): void {
    if (this.blocked.has(reason)) return;
    if (this.blocked.size === 0) {
      this.sandbox.pauseOutput();
      if (reason !== "detached") this.metrics.outputPauses.inc();
    }
    this.blocked.add(reason);
  }

  unblock(reason: BlockReason): void {
    if (!this.blocked.delete(reason)) return;
    if (this.blocked.size === 0 && !this.ended) this.sandbox.resumeOutput();
  }

  input(text: string): void {
    if (this.ended) return;
    this.lastActivity = Date.now();
    let enters = 0;
    for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) enters++;
    if (enters > 0) {
      this.metrics.commands.inc({}, enters);
      this.commandStart ??= performance.now();
    }
    this.sandbox.input(text);
  }

  /**
   * Resizes the terminal. A resize reflows the screen copy's scrollback (a few ms when it is full),
   * so sizes are coalesced: applied at most every RESIZE_EVERY_MS, the latest one wins, and a size
   * equal to the current one does nothing.
   */
  resize(cols: number, rows: number): void {
    if (this.ended) return;
    this.wantedSize = { cols, rows };
    if (this.resizeTimer !== undefined) return;
    const wait = this.lastResize + RESIZE_EVERY_MS - performance.now();
    if (wait <= 0) this.applyResize();
    else {
      this.resizeTimer = setTimeout(() => {
        this.resizeTimer = undefined;
        this.applyResize();
      }, wait);
    }
  }

  private applyResize(): void {
    const { cols, rows } = this.wantedSize;
    if (this.ended || (cols === this.size.cols && rows === this.size.rows)) return;
    this.size = { cols, rows };
    this.lastResize = performance.now();
    this.sandbox.resize(cols, rows);
    this.screen.resize(cols, rows);
  }

  progress(): ProgressMessage {
    return progressOf(this.steps);
  }

  onEnd(fn: (s: Session) => void): void {
    this.endListeners.add(fn);
  }

  /** Ends the session: tells and closes the client, stops every emulated program. */
  end(reason: EndReason): void {
    if (this.ended) return;
    this.endReason = reason;
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      client.notice(END_NOTICES[reason]);
      client.close(reason === "shutdown" ? CLOSE_CODES.goingAway : CLOSE_CODES.sessionEnded, `session ended: ${reason}`);
    }
    clearTimeout(this.latencyTimer);
    clearTimeout(this.resizeTimer);
    this.sandbox.dispose();
    this.host.dispose();
    this.screen.dispose();
    this.metrics.sessionsEnded.inc({ reason });
    for (const fn of this.endListeners) fn(this);
  }

  private onOutput(text: string): void {
    if (this.ended) return;
    this.screen.write(text);
    if (this.screen.backlog > SCREEN_HIGH) this.block("screen");
    this.client?.output(text);
    if (this.commandStart !== undefined && this.latencyTimer === undefined) {
      // The prompt is back when the program the learner talks to waits for input again.
      this.latencyTimer = setTimeout(() => {
        this.latencyTimer = undefined;
        if (this.commandStart !== undefined && this.sandbox.waitingForInput) {
          this.metrics.commandSeconds.observe((performance.now() - this.commandStart) / 1000);
          this.commandStart = undefined;
        }
      }, 2);
    }
  }
}
