// A test's terminal client: a real ws client on a podlab server, whose output is rendered by a
// headless xterm.js (server/transcript.ts) so tests read the screen as whole lines.

import WebSocket from "ws";
import type { CreateSessionResponse } from "../../core/protocol/api.js";
import { type ServerMessage, decodeServerMessage, encodeClientMessage, type ClientMessage } from "../../core/protocol/messages.js";
import { createApp, type PodlabApp } from "../../server/app.js";
import { Transcript } from "../../server/transcript.js";

export interface TestServer {
  podlab: PodlabApp;
  base: string;
  ws: string;
}

type AppDeps = Parameters<typeof createApp>[0];

export async function startServer(opts: Partial<Omit<AppDeps, "config">> & { config?: Partial<AppDeps["config"]> } = {}): Promise<TestServer> {
  const podlab = createApp({
    webRoot: null,
    ...opts,
    config: { sessionsPerAddress: 0, idleTimeoutMs: 3600_000, instructorToken: "test-instructor-token", ...opts.config },
  });
  const addr = await podlab.listen(0, "127.0.0.1");
  return { podlab, base: `http://127.0.0.1:${addr.port}`, ws: `ws://127.0.0.1:${addr.port}` };
}

export async function createSession(srv: TestServer, body: object = {}): Promise<CreateSessionResponse> {
  const res = await fetch(`${srv.base}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateSessionResponse;
}

/** Resolves to the HTTP status a refused upgrade got. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on("open", () => {
      ws.close();
      reject(new Error("the upgrade was accepted"));
    });
    ws.on("error", () => {});
  });
}

export class TermClient {
  readonly frames: ServerMessage[] = [];
  readonly screen: Transcript;
  raw = "";
  closed: { code: number; reason: string } | undefined;

  /** Output characters received. */
  received = 0;

  private constructor(readonly ws: WebSocket, cols: number, private readonly render: boolean) {
    this.screen = new Transcript(cols, 24);
    ws.on("message", (data: Buffer) => {
      const decoded = decodeServerMessage(data.toString("utf8"));
      if (!decoded.ok) throw new Error(`bad server frame: ${data.toString("utf8").slice(0, 200)}`);
      this.frames.push(decoded.message);
      if (decoded.message.type === "output") {
        this.received += decoded.message.data.length;
        if (!this.render) return;
        this.raw += decoded.message.data;
        this.screen.write(decoded.message.data);
      }
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  /** `render: false` only counts output (a client that does not look at its screen). */
  static connect(srv: TestServer, id: string, token: string, opts: { cols?: number; render?: boolean; autoPong?: boolean } = {}): Promise<TermClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${srv.ws}/ws/sessions/${id}?token=${encodeURIComponent(token)}`, { autoPong: opts.autoPong ?? true });
      const client = new TermClient(ws, opts.cols ?? 80, opts.render ?? true);
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  send(msg: ClientMessage | string): void {
    this.ws.send(typeof msg === "string" ? msg : encodeClientMessage(msg));
  }

  type(text: string): void {
    this.send({ type: "input", data: text });
  }

  async lines(): Promise<string[]> {
    return (await this.screen.text()).split("\n").slice(0, -1);
  }

  /** Waits until some screen line equals `line` (or matches it); returns the lines. */
  async waitForLine(line: string | RegExp, timeoutMs = 10_000): Promise<string[]> {
    const match = (l: string) => (typeof line === "string" ? l === line : line.test(l));
    return this.waitFor((lines) => lines.some(match), timeoutMs, `a line ${String(line)}`);
  }

  async waitFor(pred: (lines: string[]) => boolean, timeoutMs = 10_000, what = "the condition"): Promise<string[]> {
    const start = Date.now();
    for (;;) {
      const lines = await this.lines();
      if (pred(lines)) return lines;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${lines.slice(-30).join("\n")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Types a command line and waits until the screen shows a prompt after it (last line ends in "$" or "#"). */
  async run(command: string, prompt = /[$#]$/, timeoutMs = 10_000): Promise<string[]> {
    const before = (await this.lines()).length;
    this.type(`${command}\r`);
    return this.waitFor((lines) => lines.length > before && prompt.test(lines[lines.length - 1] ?? "") && lines.slice(before - 1).some((l) => l.includes(command)), timeoutMs, `the prompt after ${command}`);
  }

  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve(this.closed);
      const t = setTimeout(() => reject(new Error("socket not closed")), timeoutMs);
      this.ws.once("close", (code, reason) => {
        clearTimeout(t);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  close(): void {
    this.ws.close();
    this.screen.dispose();
  }
}

/** Applies the tutorial's first pod and waits until `kubectl get pod` shows it Running. */
export async function applyFirstPod(t: TermClient): Promise<void> {
  await t.run("kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml");
  await t.waitForLine("pod/security-context-demo created");
  const start = Date.now();
  for (;;) {
    const lines = await t.run("kubectl get pod security-context-demo");
    if (/^security-context-demo\s+1\/1\s+Running\s/.test(lines.filter((l) => l.startsWith("security-context-demo")).at(-1) ?? "")) return;
    if (Date.now() - start > 15_000) throw new Error(`pod not Running:\n${lines.slice(-5).join("\n")}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
