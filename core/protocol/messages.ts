// The WebSocket frames between the server and the learner page (DESIGN.md §5): the only code the
// server and the web bundle both import. Every frame is a JSON text message; decoders build fresh
// objects from known fields only, so unknown keys and keys like "__proto__" have no effect.

/** Largest WebSocket message the server accepts (ws maxPayload). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Largest `data` of one input frame, in UTF-16 code units. */
export const MAX_INPUT_CHARS = 64 * 1024;
export const COLS_MIN = 2;
export const COLS_MAX = 500;
export const ROWS_MIN = 1;
export const ROWS_MAX = 200;
/**
 * The input budget of a terminal socket (a token bucket): bytes per second and burst. A frame
 * costs frameCost(); the server rejects a frame over budget with `rate_limited`, and the page paces
 * what it sends to stay within it.
 */
export const INPUT_PER_SECOND = 32 * 1024;
export const INPUT_BURST = 256 * 1024;
/** Longest notice or error text a client accepts. */
const MAX_TEXT = 4096;

// ---- client -> server ----

export interface InputMessage { type: "input"; data: string }
export interface ResizeMessage { type: "resize"; cols: number; rows: number }
export interface CheckMessage { type: "check" }
export type ClientMessage = InputMessage | ResizeMessage | CheckMessage;

// ---- server -> client ----

/** Terminal output (Unicode text with ANSI escapes). */
export interface OutputMessage { type: "output"; data: string }

export interface CheckResult { kind: string; passed: boolean; reason?: string }

export interface StepProgress {
  id: string;
  title: string;
  optional: boolean;
  passed: boolean;
  /** The last evaluation of the step's checks, when they were evaluated. */
  checks?: CheckResult[];
}

export interface ProgressMessage {
  type: "progress";
  steps: StepProgress[];
  /** The first step not passed yet (null when every step passed). */
  currentStep: string | null;
  completed: number;
  total: number;
  /** The scenario has steps and every required one passed. */
  finished: boolean;
}

export interface NoticeMessage { type: "notice"; text: string }

/** A frame the server rejected; the socket stays open unless a close follows. */
export interface ErrorMessage { type: "error"; code: FrameErrorCode; message: string }

export type ServerMessage = OutputMessage | ProgressMessage | NoticeMessage | ErrorMessage;

/** Why a client frame was rejected (ErrorMessage.code). */
export const FRAME_ERRORS = {
  invalid_json: "The frame is not valid JSON.",
  invalid_frame: "The frame must be a JSON object with a string \"type\".",
  unknown_type: "Unknown frame type.",
  invalid_input: "\"data\" must be a string of at most 65536 characters.",
  invalid_size: "\"cols\" must be an integer from 2 to 500 and \"rows\" one from 1 to 200.",
  binary_not_supported: "Binary frames are not supported; send JSON text frames.",
  rate_limited: "Too much input: slow down.",
} as const;
export type FrameErrorCode = keyof typeof FRAME_ERRORS;

/** WebSocket close codes the server uses (4000-4999 are application codes). */
export const CLOSE_CODES = {
  /** The server is shutting down. */
  goingAway: 1001,
  /** Too many invalid frames, or a frame too large. */
  policyViolation: 1008,
  internalError: 1011,
  /** The session ended: the shell exited, the session expired or was deleted. Do not reconnect. */
  sessionEnded: 4000,
  /** Another connection took over this session. Do not reconnect automatically. */
  replaced: 4001,
} as const;

export type Decoded<T> = { ok: true; message: T } | { ok: false; code: FrameErrorCode; message: string };

const fail = <T>(code: FrameErrorCode): Decoded<T> => ({ ok: false, code, message: FRAME_ERRORS[code] });

/** An own property of a parsed JSON object (never one inherited from a prototype). */
function field(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

function parseObject(text: string): object | FrameErrorCode {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "invalid_json";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "invalid_frame";
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces unpaired UTF-16 surrogates with U+FFFD, so the text encodes as valid UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

const inRange = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** Decodes and validates one client frame. */
export function decodeClientMessage(text: string): Decoded<ClientMessage> {
  const obj = parseObject(text);
  if (typeof obj === "string") return fail(obj);
  const type = field(obj, "type");
  if (typeof type !== "string") return fail("invalid_frame");
  switch (type) {
    case "input": {
      const data = field(obj, "data");
      if (typeof data !== "string" || data.length > MAX_INPUT_CHARS) return fail("invalid_input");
      return { ok: true, message: { type, data: wellFormed(data) } };
    }
    case "resize": {
      const cols = field(obj, "cols");
      const rows = field(obj, "rows");
      if (!inRange(cols, COLS_MIN, COLS_MAX) || !inRange(rows, ROWS_MIN, ROWS_MAX)) return fail("invalid_size");
      return { ok: true, message: { type, cols, rows } };
    }
    case "check":
      return { ok: true, message: { type } };
    default:
      return fail("unknown_type");
  }
}

function decodeStep(v: unknown): StepProgress | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const id = field(v, "id");
  const title = field(v, "title");
  const passed = field(v, "passed");
  if (typeof id !== "string" || typeof title !== "string" || typeof passed !== "boolean") return undefined;
  const step: StepProgress = { id, title, optional: field(v, "optional") === true, passed };
  const checks = field(v, "checks");
  if (Array.isArray(checks)) {
    step.checks = [];
    for (const c of checks) {
      if (typeof c !== "object" || c === null) continue;
      const kind = field(c, "kind");
      const ok = field(c, "passed");
      const reason = field(c, "reason");
      if (typeof kind !== "string" || typeof ok !== "boolean") continue;
      step.checks.push(typeof reason === "string" ? { kind, passed: ok, reason: reason.slice(0, MAX_TEXT) } : { kind, passed: ok });
    }
  }
  return step;
}

/** Decodes and validates one server frame (the web page's side). */
export function decodeServerMessage(text: string): Decoded<ServerMessage> {
  const obj = parseObject(text);
  if (typeof obj === "string") return fail(obj);
  const type = field(obj, "type");
  switch (type) {
    case "output": {
      const data = field(obj, "data");
      return typeof data === "string" ? { ok: true, message: { type, data } } : fail("invalid_frame");
    }
    case "notice": {
      const t = field(obj, "text");
      return typeof t === "string" ? { ok: true, message: { type, text: t.slice(0, MAX_TEXT) } } : fail("invalid_frame");
    }
    case "error": {
      const code = field(obj, "code");
      const message = field(obj, "message");
      if (typeof code !== "string" || !Object.prototype.hasOwnProperty.call(FRAME_ERRORS, code) || typeof message !== "string") return fail("invalid_frame");
      return { ok: true, message: { type, code: code as FrameErrorCode, message: message.slice(0, MAX_TEXT) } };
    }
    case "progress": {
      const raw = field(obj, "steps");
      if (!Array.isArray(raw)) return fail("invalid_frame");
      const steps: StepProgress[] = [];
      for (const s of raw) {
        const step = decodeStep(s);
        if (step === undefined) return fail("invalid_frame");
        steps.push(step);
      }
      const current = field(obj, "currentStep");
      const completed = field(obj, "completed");
      const total = field(obj, "total");
      const finished = field(obj, "finished");
      if (!(typeof current === "string" || current === null) || !inRange(completed, 0, 1e6) || !inRange(total, 0, 1e6) || typeof finished !== "boolean") return fail("invalid_frame");
      return { ok: true, message: { type, steps, currentStep: current, completed, total, finished } };
    }
    default:
      return fail(typeof type === "string" ? "unknown_type" : "invalid_frame");
  }
}

/** Every frame costs at least this much input budget. */
const MIN_FRAME_COST = 64;
/** A check runs the scenario's checks; a resize reflows the server's copy of the screen (milliseconds with a full scrollback). */
const CHECK_COST = 4 * 1024;
const RESIZE_COST = 8 * 1024;

/** What a client frame costs from the input budget (INPUT_PER_SECOND). */
export function frameCost(m: ClientMessage): number {
  switch (m.type) {
    case "input":
      return Math.max(MIN_FRAME_COST, m.data.length);
    case "resize":
      return RESIZE_COST;
    case "check":
      return CHECK_COST;
  }
}

/**
 * Input characters per frame a client sends: even if every one is JSON-escaped to 6 bytes
 * (`\u001b`), the frame stays under MAX_FRAME_BYTES.
 */
export const INPUT_CHUNK_CHARS = 8 * 1024;

/** Splits input into pieces of at most `max` UTF-16 code units, never between the two halves of a surrogate pair. */
export function splitInput(data: string, max = INPUT_CHUNK_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i < data.length;) {
    let end = Math.min(data.length, i + max);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && end - i > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(data.slice(i, end));
    i = end;
  }
  return out;
}

export const encodeClientMessage = (m: ClientMessage): string => JSON.stringify(m);
export const encodeServerMessage = (m: ServerMessage): string => JSON.stringify(m);

/** Builds a progress frame from step results. */
export function progressOf(steps: StepProgress[]): ProgressMessage {
  const required = steps.filter((s) => !s.optional);
  return {
    type: "progress",
    steps,
    currentStep: steps.find((s) => !s.passed)?.id ?? null,
    completed: steps.filter((s) => s.passed).length,
    total: steps.length,
    finished: steps.length > 0 && required.every((s) => s.passed),
  };
}
