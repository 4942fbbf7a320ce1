// The web app: an express 5 app and its http server, with the terminal WebSocket endpoint routed
// on `upgrade` (ws 8, noServer). Tests start it on port 0; `podlab serve` on the configured port.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { ServerConfig } from "./config.js";
import { ApiError, toApiError } from "./errors.js";
import { apiRoutes, stateChangeGuard } from "./http/routes.js";
import { defaultWebRoot, webRoutes } from "./http/static.js";
import { Metrics } from "./metrics.js";
import { SessionRegistry } from "./sessions/registry.js";
import type { Session } from "./sessions/session.js";
import { TERMINAL_DEFAULTS, TerminalConnection, type TerminalOptions } from "./ws/terminal.js";
import { createTerminalServer, upgradeHandler } from "./ws/upgrade.js";

export interface AppDeps {
  config: Pick<ServerConfig, "sessionsPerAddress" | "idleTimeoutMs" | "instructorToken">;
  /** The built web bundle (default: dist/web); null serves no page. */
  webRoot?: string | null;
  /** Ping interval; a socket that missed the previous ping is terminated (default 30 s). */
  heartbeatMs?: number;
  /** Sessions alive at once (default 2000). */
  maxSessions?: number;
  sweepMs?: number;
  /** Overrides of the terminal socket's limits and timings. */
  terminal?: Partial<Omit<TerminalOptions, "metrics">>;
  log?: (line: string) => void;
}

export interface PodlabApp {
  readonly app: express.Express;
  readonly server: Server;
  readonly sessions: SessionRegistry;
  readonly metrics: Metrics;
  listen(port: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Until the scenario engine evaluates checks, a check reports the steps unchanged. */
async function noChecks(session: Session): Promise<string | undefined> {
  return session.steps.length === 0
    ? "This scenario has no steps to check."
    : "Automatic checks are not available for this scenario yet.";
}

/**
 * CSP the page satisfies: scripts and stylesheets only from this origin. xterm.js's DOM renderer
 * creates <style> elements and sets style attributes at run time, so inline styles are allowed for
 * those two (style-src-elem, style-src-attr) and nothing else.
 */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    styleSrcElem: ["'self'", "'unsafe-inline'"],
    styleSrcAttr: ["'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

export function createApp(deps: AppDeps): PodlabApp {
  const log = deps.log ?? (() => {});
  const wss = createTerminalServer();
  const connections = new Set<TerminalConnection>();
  let registry: SessionRegistry;
  const metrics = new Metrics({ sessions: () => registry.size, wsClients: () => connections.size });
  registry = new SessionRegistry({
    metrics, sessionsPerAddress: deps.config.sessionsPerAddress, idleTimeoutMs: deps.config.idleTimeoutMs,
    maxSessions: deps.maxSessions ?? 2000, ...(deps.sweepMs !== undefined ? { sweepMs: deps.sweepMs } : {}),
  });
  const terminalOptions: TerminalOptions = {
    ...TERMINAL_DEFAULTS, check: noChecks, soon: (fn) => registry.arbiter.soon(fn), ...deps.terminal, metrics,
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", "strong");
  app.use(helmet({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false }));
  app.use(stateChangeGuard);
  // Not strict: a JSON body that is not an object is the route's `bad_request`, not `invalid_json`.
  app.use(express.json({ limit: "16kb", strict: false }));
  app.use(apiRoutes({ registry, metrics }));
  app.use(webRoutes(deps.webRoot === null ? undefined : (deps.webRoot ?? defaultWebRoot())));
  app.use(() => {
    throw new ApiError("not_found");
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toApiError(err);
    if (e.code === "internal") log(`error: ${(err as Error)?.stack ?? String(err)}`);
    res.status(e.status).set(e.headers).json(e.body);
  });

  const server = createServer(app);
  server.on("upgrade", upgradeHandler(registry, wss, (ws, session) => {
    const conn = new TerminalConnection(ws, session, terminalOptions);
    connections.add(conn);
    ws.on("close", () => connections.delete(conn));
    conn.start().catch((err: unknown) => {
      log(`error: terminal ${session.id}: ${(err as Error)?.stack ?? String(err)}`);
      ws.terminate();
    });
  }));
  server.on("clientError", (_err, socket) => socket.destroy());

  // Heartbeat: terminate sockets that did not answer the previous ping.
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.isAlive) {
        conn.ws.terminate();
        continue;
      }
      conn.isAlive = false;
      conn.ws.ping();
    }
  }, deps.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    app, server, sessions: registry, metrics,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      clearInterval(heartbeat);
      registry.close();
      for (const conn of connections) conn.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
