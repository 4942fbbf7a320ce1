// The HTTP API (DESIGN.md §5): sessions, scenarios, health and metrics. Bodies are JSON; errors
// are ApiErrors rendered by the app's error handler as {error: {code, message}}.

import { type NextFunction, type Request, type Response, Router } from "express";
import type { CreateSessionResponse, ScenarioSummary, SessionInfo } from "../../core/protocol/api.js";
import { ApiError } from "../errors.js";
import type { Metrics } from "../metrics.js";
import { loadScenarioContent } from "../scenario-content.js";
import { ScenarioError, listScenarios, loadScenario } from "../scenarios.js";
import type { SessionRegistry } from "../sessions/registry.js";
import type { Session } from "../sessions/session.js";

const SCENARIO_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const WORKSHOP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Reads an optional string field of the request body; rejects other types with a field path. */
function optionalString(body: object, key: string, valid: (v: string) => boolean, rule: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(body, key)) return undefined;
  const v = (body as Record<string, unknown>)[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || !valid(v)) throw new ApiError("bad_request", `${key}: ${rule}.`);
  return v;
}

/** The request's Origin is this server (the Host it was sent to, or the proxy's X-Forwarded-Host). */
function sameOrigin(origin: string, req: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null": a sandboxed frame, a file: page
  }
  const hostOf = (h: string | undefined) => {
    try {
      return h === undefined ? undefined : new URL(`${url.protocol}//${h}`).host;
    } catch {
      return undefined;
    }
  };
  return url.host === hostOf(req.get("host")) || url.host === hostOf(req.get("x-forwarded-host")?.split(",")[0]?.trim());
}

/**
 * Requests that change state: a body must be JSON, and a browser's request must come from this
 * site. A form or a `fetch` from another site with a text/plain body (or none) needs no CORS
 * preflight, so without these any page could spend a classroom's per-address session quota.
 */
export function stateChangeGuard(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  if (origin !== undefined && !sameOrigin(origin, req)) throw new ApiError("forbidden_origin");
  const hasBody = req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;
  if (hasBody && !req.is("application/json")) throw new ApiError("unsupported_media_type");
  next();
}

function bearer(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  return m?.[1];
}

export function sessionInfo(s: Session): SessionInfo {
  return {
    id: s.id, scenario: s.scenario.id, name: s.name, workshop: s.workshop,
    createdAt: new Date(s.createdAt).toISOString(), lastActivity: new Date(s.lastActivity).toISOString(), connected: s.connected,
  };
}

export function scenarioSummaries(): ScenarioSummary[] {
  const out: ScenarioSummary[] = [];
  for (const id of listScenarios()) {
    try {
      const s = loadScenario(id);
      out.push({ id: s.id, title: s.title, profile: s.profile });
    } catch {
      // A broken scenario is left out of the list; `podlab scenarios validate` reports it.
    }
  }
  return out;
}

export function apiRoutes(deps: { registry: SessionRegistry; metrics: Metrics }): Router {
  const r = Router();
  const { registry } = deps;

  r.get("/healthz", (_req, res) => {
    res.json({ status: "ok", sessions: registry.size });
  });

  r.get("/metrics", (_req, res) => {
    res.type("text/plain; version=0.0.4; charset=utf-8").send(deps.metrics.render());
  });

  r.get("/api/scenarios", (_req, res) => {
    res.json(scenarioSummaries());
  });

  r.get("/api/scenarios/:id", (req, res) => {
    const id = req.params.id;
    if (!SCENARIO_ID.test(id)) throw new ApiError("scenario_not_found");
    try {
      res.json(loadScenarioContent(id));
    } catch (err) {
      if (err instanceof ScenarioError) throw new ApiError("scenario_not_found", `No such scenario: ${JSON.stringify(id)}.`);
      throw err;
    }
  });

  r.post("/api/sessions", (req, res) => {
    // (No body at all is an empty request; a JSON null is not an object.)
    const body: unknown = req.body === undefined ? {} : req.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError("bad_request", "The body must be a JSON object.");
    const scenario = optionalString(body, "scenario", (v) => SCENARIO_ID.test(v), "must be a scenario id (lower-case letters, digits, '.', '-')");
    const name = optionalString(body, "name", (v) => v.length <= 100 && !CONTROL.test(v), "must be a string of at most 100 characters without control characters");
    const workshop = optionalString(body, "workshop", (v) => WORKSHOP_ID.test(v), "must be a workshop id (letters, digits, '_', '-'; at most 64)");
    const { session, token } = registry.create({
      address: req.socket.remoteAddress ?? "unknown",
      ...(scenario !== undefined ? { scenario } : {}),
      name: name?.trim() || null,
      workshop: workshop ?? null,
    });
    const out: CreateSessionResponse = { id: session.id, token, scenario: session.scenario.id };
    res.status(201).json(out);
  });

  r.get("/api/sessions/:id", (req, res) => {
    res.json(sessionInfo(registry.authorize(req.params.id, bearer(req))));
  });

  r.delete("/api/sessions/:id", (req, res) => {
    const session = registry.authorize(req.params.id, bearer(req));
    session.end("deleted");
    res.status(204).end();
  });

  r.use("/api", () => {
    throw new ApiError("not_found");
  });
  return r;
}
