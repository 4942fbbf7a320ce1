// `podlab serve` configuration: command-line flags over environment variables (DESIGN.md §5),
// validated up front. Errors name the variable or flag and the value they got.

import { randomBytes } from "node:crypto";

export interface ServerConfig {
  port: number;
  host: string;
  /** New sessions per client address per hour; 0 = no limit. */
  sessionsPerAddress: number;
  /** A session with no input for this long is ended. */
  idleTimeoutMs: number;
  instructorToken: string;
  /** The instructor token was generated (print it at start). */
  instructorTokenGenerated: boolean;
}

export const DEFAULTS = {
  port: 8080,
  host: "127.0.0.1",
  sessionsPerAddress: 30,
  idleTimeoutMs: 2 * 3600_000,
} as const;

export class ConfigError extends Error {}

const quote = (v: string) => JSON.stringify(v);

function integer(name: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(`${name}: must be an integer from ${min} to ${max}, got ${quote(raw)}`);
  return n;
}

/** "90m", "2h", "1h30m", "45s", or a plain number of seconds -> milliseconds (> 0). */
export function parseDuration(name: string, raw: string): number {
  const text = raw.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
    if (m === null || text === "") throw new ConfigError(`${name}: must be a duration like "90m", "2h", "1h30m", "45s" or a number of seconds, got ${quote(raw)}`);
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  }
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > 366 * 86400) throw new ConfigError(`${name}: must be more than 0 seconds and at most 366 days, got ${quote(raw)}`);
  return seconds * 1000;
}

export function generateToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Reads PODLAB_PORT, PODLAB_SESSIONS_PER_ADDRESS, PODLAB_IDLE_TIMEOUT, PODLAB_INSTRUCTOR_TOKEN;
 * `flags` (--port, --host) win over the environment.
 */
export function loadConfig(env: Record<string, string | undefined>, flags: { port?: string; host?: string } = {}): ServerConfig {
  const set = (name: string) => (env[name] !== undefined && env[name] !== "" ? env[name] : undefined);
  const port = flags.port !== undefined ? integer("--port", flags.port, 0, 65535)
    : set("PODLAB_PORT") !== undefined ? integer("PODLAB_PORT", env.PODLAB_PORT!, 0, 65535) : DEFAULTS.port;
  const host = flags.host ?? DEFAULTS.host;
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError(`--host: must be a host name or an IP address, got ${quote(host)}`);
  const sessionsPerAddress = set("PODLAB_SESSIONS_PER_ADDRESS") !== undefined
    ? integer("PODLAB_SESSIONS_PER_ADDRESS", env.PODLAB_SESSIONS_PER_ADDRESS!, 0, 1_000_000) : DEFAULTS.sessionsPerAddress;
  const idleTimeoutMs = set("PODLAB_IDLE_TIMEOUT") !== undefined ? parseDuration("PODLAB_IDLE_TIMEOUT", env.PODLAB_IDLE_TIMEOUT!) : DEFAULTS.idleTimeoutMs;
  let instructorToken = set("PODLAB_INSTRUCTOR_TOKEN");
  const instructorTokenGenerated = instructorToken === undefined;
  if (instructorToken === undefined) instructorToken = generateToken();
  else if (instructorToken.length < 16 || /\s/.test(instructorToken)) {
    throw new ConfigError("PODLAB_INSTRUCTOR_TOKEN: must be at least 16 characters without spaces (unset it to have one generated)");
  }
  return { port, host, sessionsPerAddress, idleTimeoutMs, instructorToken, instructorTokenGenerated };
}
