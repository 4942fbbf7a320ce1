import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULTS, loadConfig, parseDuration } from "./config.js";

describe("loadConfig", () => {
  it("uses the defaults and generates an instructor token", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: "127.0.0.1", sessionsPerAddress: DEFAULTS.sessionsPerAddress, idleTimeoutMs: 2 * 3600_000, instructorTokenGenerated: true });
    expect(c.instructorToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(loadConfig({}).instructorToken).not.toBe(c.instructorToken);
  });

  it("reads the environment; flags win", () => {
    const env = { PODLAB_PORT: "9000", PODLAB_SESSIONS_PER_ADDRESS: "0", PODLAB_IDLE_TIMEOUT: "90m", PODLAB_INSTRUCTOR_TOKEN: "a-long-enough-token-123" };
    expect(loadConfig(env)).toEqual({ port: 9000, host: "127.0.0.1", sessionsPerAddress: 0, idleTimeoutMs: 5400_000, instructorToken: "a-long-enough-token-123", instructorTokenGenerated: false });
    expect(loadConfig(env, { port: "0", host: "0.0.0.0" })).toMatchObject({ port: 0, host: "0.0.0.0" });
  });

  it("names the variable in its errors", () => {
    const err = (env: Record<string, string>, flags = {}) => {
      try {
        loadConfig(env, flags);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err({ PODLAB_PORT: "http" })).toBe('PODLAB_PORT: must be an integer from 0 to 65535, got "http"');
    expect(err({ PODLAB_PORT: "70000" })).toBe('PODLAB_PORT: must be an integer from 0 to 65535, got "70000"');
    expect(err({}, { port: "-1" })).toBe('--port: must be an integer from 0 to 65535, got "-1"');
    expect(err({ PODLAB_SESSIONS_PER_ADDRESS: "-3" })).toBe('PODLAB_SESSIONS_PER_ADDRESS: must be an integer from 0 to 1000000, got "-3"');
    expect(err({ PODLAB_IDLE_TIMEOUT: "soon" })).toBe('PODLAB_IDLE_TIMEOUT: must be a duration like "90m", "2h", "1h30m", "45s" or a number of seconds, got "soon"');
    expect(err({ PODLAB_IDLE_TIMEOUT: "0" })).toBe('PODLAB_IDLE_TIMEOUT: must be more than 0 seconds and at most 366 days, got "0"');
    expect(err({ PODLAB_INSTRUCTOR_TOKEN: "short" })).toBe("PODLAB_INSTRUCTOR_TOKEN: must be at least 16 characters without spaces (unset it to have one generated)");
    expect(err({}, { host: "a b" })).toBe('--host: must be a host name or an IP address, got "a b"');
  });
});

describe("parseDuration", () => {
  it("accepts hours, minutes, seconds and plain seconds", () => {
    expect(["2h", "90m", "45s", "1h30m", "3600", " 10m "].map((d) => parseDuration("X", d))).toEqual([7200_000, 5400_000, 45_000, 5400_000, 3600_000, 600_000]);
    for (const bad of ["", "h", "1.5h", "2d", "-5", "5 m", "m5"]) expect(() => parseDuration("X", bad)).toThrow(ConfigError);
  });
});
