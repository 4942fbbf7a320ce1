// The page's HTTP calls (DESIGN.md §5). Errors carry the server's {error: {code, message}}.

import type { ApiErrorBody, CreateSessionRequest, CreateSessionResponse, ScenarioContent, ScenarioSummary } from "../core/protocol/api.js";

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, init);
  if (!res.ok) {
    let body: ApiErrorBody | undefined;
    try {
      body = (await res.json()) as ApiErrorBody;
    } catch {
      // Not JSON (a proxy's error page).
    }
    throw new ApiRequestError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `HTTP ${res.status}`);
  }
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export const listScenarios = () => call<ScenarioSummary[]>("/api/scenarios");

export const getScenario = (id: string) => call<ScenarioContent>(`/api/scenarios/${encodeURIComponent(id)}`);

export const createSession = (body: CreateSessionRequest) =>
  call<CreateSessionResponse>("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const deleteSession = (id: string, token: string) =>
  call<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
