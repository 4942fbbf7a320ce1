// No Docker engine runs on these machines, so the Dockerfile and docker-compose.yml are checked
// by parsing them: stages, user, healthcheck, command, and the compose service contract.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => readFileSync(root + file, "utf8");

interface Instruction { stage: string; op: string; args: string }

/** Splits a Dockerfile into instructions, joining `\` continuations and dropping comments. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = "";
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) { pending += line.slice(0, -1) + " "; continue; }
    const full = (pending + line).trim();
    pending = "";
    const m = /^(\w+)\s+(.*)$/.exec(full);
    if (!m) throw new Error(`unparseable Dockerfile line: ${full}`);
    const op = m[1]!.toUpperCase();
    const args = m[2]!;
    if (op === "FROM") stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? "";
    out.push({ stage, op, args });
  }
  return out;
}

describe("Dockerfile", () => {
  const instructions = parseDockerfile(read("Dockerfile"));
  const froms = instructions.filter((i) => i.op === "FROM");
  const runtime = instructions.filter((i) => i.stage === "runtime");

  it("is multi-stage on node:20-slim", () => {
    expect(froms.map((f) => f.args)).toEqual(["node:20-slim AS build", "node:20-slim AS runtime"]);
  });

  it("copies only from stages that exist, and only sources that exist in the repository", () => {
    const stages = new Set(froms.map((f) => f.stage));
    for (const i of instructions.filter((x) => x.op === "COPY")) {
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      if (from !== undefined) { expect(stages.has(from)).toBe(true); continue; }
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith("--"));
      for (const src of parts.slice(0, -1)) {
        if (src.includes("*") || src === "package-lock.json") continue;
        expect(existsSync(root + src), `COPY source ${src}`).toBe(true);
      }
    }
  });

  it("runs the server as a non-root user with a /healthz healthcheck", () => {
    const user = runtime.filter((i) => i.op === "USER").map((i) => i.args);
    expect(user).toEqual(["node"]);
    const health = runtime.find((i) => i.op === "HEALTHCHECK");
    expect(health?.args).toMatch(/\/healthz/);
    const cmd = runtime.find((i) => i.op === "CMD");
    expect(JSON.parse(cmd!.args)).toEqual(["node", "bin/podlab.js", "serve", "--host", "0.0.0.0"]);
    expect(runtime.find((i) => i.op === "EXPOSE")?.args).toBe("8080");
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml")) as {
    services: Record<string, { ports: string[]; volumes: string[]; environment: Record<string, string> }>;
    volumes: Record<string, unknown>;
  };
  const svc = compose.services["podlab"];

  it("defines the podlab service on port 8080 with a named data volume", () => {
    expect(svc).toBeDefined();
    expect(svc!.ports).toEqual(["8080:8080"]);
    expect(svc!.volumes).toEqual(["podlab-data:/app/data"]);
    expect(Object.keys(compose.volumes)).toEqual(["podlab-data"]);
  });

  it("passes every environment variable of DESIGN.md §5", () => {
    expect(Object.keys(svc!.environment).sort()).toEqual([
      "PODLAB_DATABASE_URL", "PODLAB_IDLE_TIMEOUT", "PODLAB_INSTRUCTOR_TOKEN", "PODLAB_PORT",
      "PODLAB_REDIS_URL", "PODLAB_SESSIONS_PER_ADDRESS",
    ]);
    expect(svc!.environment["PODLAB_DATABASE_URL"]).toBe("sqlite:/app/data/podlab.db");
  });
});
