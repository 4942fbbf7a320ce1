// The live sessions: create (with the per-address and total caps), find, authorize, expire idle
// ones, end them all at shutdown.

import { randomBytes } from "node:crypto";
import type { StepProgress } from "../../core/protocol/messages.js";
import { ApiError } from "../errors.js";
import type { Metrics } from "../metrics.js";
import { scenarioContent } from "../scenario-content.js";
import { DEFAULT_SCENARIO, ScenarioError, loadScenario } from "../scenarios.js";
import { HostArbiter } from "./host.js";
import { AddressWindow } from "./limits.js";
import { type EndReason, Session } from "./session.js";

export interface RegistryOptions {
  metrics: Metrics;
  /** New sessions per address per hour; 0 = no limit. */
  sessionsPerAddress: number;
  idleTimeoutMs: number;
  /** Sessions alive at once, all addresses together. */
  maxSessions: number;
  /** How often idle sessions are looked for (default: a quarter of the timeout, 50 ms to 30 s). */
  sweepMs?: number;
}

export interface CreateOptions {
  scenario?: string;
  name?: string | null;
  workshop?: string | null;
  address: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly window: AddressWindow;
  private readonly sweeper: NodeJS.Timeout;
  /** Runs every session's programs (fair turns on the event loop). */
  readonly arbiter = new HostArbiter();

  constructor(private readonly opts: RegistryOptions) {
    this.window = new AddressWindow(opts.sessionsPerAddress);
    const sweepMs = opts.sweepMs ?? Math.min(30_000, Math.max(50, Math.floor(opts.idleTimeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  create(opts: CreateOptions): { session: Session; token: string } {
    const scenarioId = opts.scenario ?? DEFAULT_SCENARIO;
    let scenario;
    try {
      scenario = loadScenario(scenarioId);
    } catch (err) {
      if (err instanceof ScenarioError) throw new ApiError("scenario_not_found", `No such scenario: ${JSON.stringify(scenarioId)}.`);
      throw err;
    }
    if (this.sessions.size >= this.opts.maxSessions) throw new ApiError("server_full");
    const now = Date.now();
    const taken = this.window.take(opts.address, now);
    if (!taken.ok) {
      throw new ApiError("too_many_sessions", undefined, { "Retry-After": String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
    }
    const steps: StepProgress[] = scenarioContent(scenario).steps.map((s) => ({ id: s.id, title: s.title, optional: s.optional, passed: false }));
    const token = randomBytes(24).toString("base64url");
    const session = new Session({
      id: randomBytes(12).toString("base64url"), token, scenario, steps,
      name: opts.name ?? null, workshop: opts.workshop ?? null, address: opts.address, cols: 80, rows: 24, metrics: this.opts.metrics, arbiter: this.arbiter,
    });
    session.onEnd((s) => this.sessions.delete(s.id));
    this.sessions.set(session.id, session);
    this.opts.metrics.sessionsCreated.inc();
    return { session, token };
  }

  find(id: string): Session | undefined {
    return ID_PATTERN.test(id) ? this.sessions.get(id) : undefined;
  }

  /** The session `id` if `token` opens it; ApiError session_not_found / unauthorized otherwise. */
  authorize(id: string, token: string | undefined): Session {
    const session = this.find(id);
    if (session === undefined) throw new ApiError("session_not_found");
    if (token === undefined || token === "" || !session.authorizes(token)) throw new ApiError("unauthorized");
    return session;
  }

  end(id: string, reason: EndReason): void {
    this.sessions.get(id)?.end(reason);
  }

  /** Ends sessions idle for longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const s of [...this.sessions.values()]) {
      if (!s.ended && now - s.lastActivity >= this.opts.idleTimeoutMs) s.end("idle");
    }
    this.window.prune(now);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const s of [...this.sessions.values()]) s.end("shutdown");
  }
}
