// The JSON bodies of the HTTP API (DESIGN.md §5), shared by the server and the web page.

/** `POST /api/sessions` body; every field is optional. */
export interface CreateSessionRequest {
  scenario?: string;
  name?: string;
  workshop?: string;
}

/** `POST /api/sessions` -> 201. The token authorizes the session's WebSocket and HTTP calls. */
export interface CreateSessionResponse {
  id: string;
  token: string;
  scenario: string;
}

/** `GET /api/sessions/:id` (Authorization: Bearer TOKEN). */
export interface SessionInfo {
  id: string;
  scenario: string;
  name: string | null;
  workshop: string | null;
  createdAt: string;
  lastActivity: string;
  connected: boolean;
}

/** One entry of `GET /api/scenarios`. */
export interface ScenarioSummary {
  id: string;
  title: string;
  profile: string;
}

export interface ScenarioStepContent {
  id: string;
  title: string;
  /** Markdown. */
  text: string;
  hints: string[];
  /** The solution (shell commands or Markdown), when the scenario has one. */
  solution: string | null;
  optional: boolean;
}

/** `GET /api/scenarios/:id`: the scenario's text for the learner page (Markdown strings). */
export interface ScenarioContent extends ScenarioSummary {
  intro: string | null;
  steps: ScenarioStepContent[];
  finish: string | null;
}

/** Every error response: `{error: {code, message}}` with a matching HTTP status. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
