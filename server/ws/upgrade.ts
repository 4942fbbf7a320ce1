// WebSocket upgrade routing (ws `noServer`): the path and the token are checked before the
// handshake, so a refused client gets a plain HTTP error (401, 404) with the usual JSON body.
// Express middleware does not run for upgrades (reference/dependencies.md §3).

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { STATUS_CODES } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { CLOSE_CODES, MAX_FRAME_BYTES } from "../../core/protocol/messages.js";
import { ApiError, toApiError } from "../errors.js";
import type { SessionRegistry } from "../sessions/registry.js";
import type { Session } from "../sessions/session.js";

export function rejectUpgrade(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(err.body);
  socket.end(
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ""}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" + body,
  );
}

export function createTerminalServer(): WebSocketServer {
  return new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES, clientTracking: true });
}

/** Handles `upgrade` events: `/ws/sessions/:id?token=T` -> onTerminal; anything else 404. */
export function upgradeHandler(registry: SessionRegistry, wss: WebSocketServer, onTerminal: (ws: WebSocket, session: Session) => void) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy()); // ECONNRESET before the handshake must not crash
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const m = /^\/ws\/sessions\/([^/]+)$/.exec(url.pathname);
      if (m === null || req.method !== "GET") throw new ApiError("not_found");
      const session = registry.authorize(m[1]!, url.searchParams.get("token") ?? undefined);
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (session.ended) ws.close(CLOSE_CODES.sessionEnded, "session ended");
        else onTerminal(ws, session);
      });
    } catch (err) {
      rejectUpgrade(socket, toApiError(err));
    }
  };
}
