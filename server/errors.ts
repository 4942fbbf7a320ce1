// The server's coded errors (DESIGN.md principle 4): every HTTP error answers
// `{error: {code, message}}` with the status the catalogue gives. Branch on codes, never on text.

import type { ApiErrorBody } from "../core/protocol/api.js";

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, message: "The request is not valid." },
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  unauthorized: { status: 401, message: "A valid token is required." },
  forbidden_origin: { status: 403, message: "Requests from another site are not allowed." },
  not_found: { status: 404, message: "No such endpoint." },
  scenario_not_found: { status: 404, message: "No such scenario." },
  session_not_found: { status: 404, message: "No such session: it may have expired." },
  payload_too_large: { status: 413, message: "The request body is too large." },
  unsupported_media_type: { status: 415, message: "The request body must be JSON (Content-Type: application/json)." },
  too_many_sessions: { status: 429, message: "Too many new sessions from this address: try again later." },
  server_full: { status: 503, message: "The server has no room for another session: try again later." },
  internal: { status: 500, message: "Internal server error." },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Express's body parser errors carry a `type`; map them onto the catalogue. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === "entity.too.large") return new ApiError("payload_too_large");
  if (type === "entity.parse.failed") return new ApiError("invalid_json");
  if (typeof type === "string" && type.startsWith("encoding.")) return new ApiError("bad_request", "Unsupported body encoding.");
  return new ApiError("internal");
}
