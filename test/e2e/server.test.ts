// The web app through its public interfaces (DESIGN.md §5): HTTP API and terminal WebSocket,
// against createApp on port 0 with real ws clients.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES, type ServerMessage } from "../../core/protocol/messages.js";
import { type TestServer, TermClient, applyFirstPod, createSession, startServer, upgradeStatus } from "./client.js";

const post = (srv: TestServer, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${srv.base}/api/sessions`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorsOf = (t: TermClient) => t.frames.filter((f): f is Extract<ServerMessage, { type: "error" }> => f.type === "error").map((f) => f.code);

describe("HTTP API", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.podlab.close());

  it("answers /healthz, /api/scenarios and /metrics", async () => {
    const health = await fetch(`${srv.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", sessions: 0 });
    const list = await (await fetch(`${srv.base}/api/scenarios`)).json();
    expect(list).toContainEqual({ id: "security-context", title: "Configure a Security Context for a Pod or Container", profile: "1.29-docker" });
    expect(list).toContainEqual({ id: "security-context-1.34", title: expect.any(String), profile: "1.34-containerd" });
    const metrics = await fetch(`${srv.base}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const lines = (await metrics.text()).split("\n");
    expect(lines).toContain("# TYPE podlab_sessions gauge");
    expect(lines).toContain("# TYPE podlab_command_duration_seconds histogram");
    expect(lines).toContain("# TYPE podlab_ws_clients gauge");
    expect(lines).toContain("# TYPE podlab_commands_total counter");
  });

  it("serves a scenario's text, and 404 for unknown ones", async () => {
    const res = await fetch(`${srv.base}/api/scenarios/security-context`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: "security-context", profile: "1.29-docker", steps: expect.any(Array) });
    expect(body.intro).toMatch(/\{\{exec\}\}/);
    for (const id of ["nope", "..%2F..%2Fetc", "UPPER"]) {
      const r = await fetch(`${srv.base}/api/scenarios/${id}`);
      expect(r.status).toBe(404);
      expect((await r.json()).error.code).toBe("scenario_not_found");
    }
  });

  it("creates a session: 201 {id, token, scenario}", async () => {
    const res = await post(srv, { scenario: "security-context-1.34", name: "Ada", workshop: "w1", extra: 1 });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["id", "scenario", "token"]);
    expect(body.scenario).toBe("security-context-1.34");
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(body.token.length).toBeGreaterThanOrEqual(32);
    const info = await fetch(`${srv.base}/api/sessions/${body.id}`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ id: body.id, scenario: "security-context-1.34", name: "Ada", workshop: "w1", connected: false });
    const noToken = await fetch(`${srv.base}/api/sessions/${body.id}`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: { code: "unauthorized", message: "A valid token is required." } });
    const del = await fetch(`${srv.base}/api/sessions/${body.id}`, { method: "DELETE", headers: { authorization: `Bearer ${body.token}` } });
    expect(del.status).toBe(204);
    expect((await fetch(`${srv.base}/api/sessions/${body.id}`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(404);
  });

  it("defaults to the security-context scenario, with or without a body", async () => {
    expect((await (await post(srv, {})).json()).scenario).toBe("security-context");
    const bare = await fetch(`${srv.base}/api/sessions`, { method: "POST" });
    expect(bare.status).toBe(201);
    expect((await bare.json()).scenario).toBe("security-context");
  });

  it("rejects bad requests with coded errors", async () => {
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "invalid_json"],
      [[1, 2], 400, "bad_request"],
      [{ scenario: 42 }, 400, "bad_request"],
      [{ scenario: "../etc" }, 400, "bad_request"],
      ['"str"', 400, "bad_request"],
      ["null", 400, "bad_request"],
      ["42", 400, "bad_request"],
      [{ name: "x".repeat(101) }, 400, "bad_request"],
      [{ name: ` ${"x".repeat(99)} ` }, 400, "bad_request"],
      [{ name: "a\u0007b" }, 400, "bad_request"],
      [{ workshop: "a b" }, 400, "bad_request"],
      [{ scenario: "no-such-scenario" }, 404, "scenario_not_found"],
      [{ name: "x".repeat(20_000) }, 413, "payload_too_large"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(srv, body);
      expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), status]);
      const json = await res.json();
      expect(json.error.code).toBe(code);
      expect(typeof json.error.message).toBe("string");
    }
    const unknown = await fetch(`${srv.base}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: "No such endpoint." } });
  });

  it("takes bodies only as JSON, and state changes only from its own pages", async () => {
    const before = srv.podlab.sessions.size;
    const refused: [Record<string, string>, string, number, string][] = [
      [{ "content-type": "text/plain" }, "{}", 415, "unsupported_media_type"],
      [{ "content-type": "application/x-www-form-urlencoded" }, "scenario=security-context", 415, "unsupported_media_type"],
      [{ "content-type": "multipart/form-data; boundary=x" }, "--x--", 415, "unsupported_media_type"],
      [{}, "{}", 415, "unsupported_media_type"],
      [{ "content-type": "application/json", origin: "https://evil.example" }, "{}", 403, "forbidden_origin"],
      [{ origin: "https://evil.example" }, "", 403, "forbidden_origin"],
      [{ "content-type": "application/json", origin: "null" }, "{}", 403, "forbidden_origin"],
    ];
    for (const [headers, body, status, code] of refused) {
      const res = await fetch(`${srv.base}/api/sessions`, { method: "POST", headers, body });
      expect([headers, res.status, (await res.json()).error.code]).toEqual([headers, status, code]);
    }
    expect(srv.podlab.sessions.size).toBe(before);
    // The page's own requests, and a proxy that passes the original host on.
    const own = await post(srv, {}, { "content-type": "application/json; charset=utf-8", origin: srv.base });
    expect(own.status).toBe(201);
    const proxied = await post(srv, {}, { "content-type": "application/json", origin: "https://lab.example", "x-forwarded-host": "lab.example" });
    expect(proxied.status).toBe(201);
    const { id, token } = await own.json();
    const del = await fetch(`${srv.base}/api/sessions/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${token}`, origin: "https://evil.example" } });
    expect(del.status).toBe(403);
  });

  it("sends the security headers", async () => {
    const res = await fetch(`${srv.base}/healthz`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp.split(";")).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("terminal WebSocket", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.podlab.close());

  it("runs the tutorial's first pod: id in the container prints uid=1000 gid=3000 groups=2000", async () => {
    const t0 = performance.now();
    const s = await createSession(srv);
    const created = performance.now() - t0;
    const t = await TermClient.connect(srv, s.id, s.token);
    await t.waitForLine("learner@workstation:~$");
    console.log(`session start: POST /api/sessions ${created.toFixed(1)} ms, first prompt on the socket ${(performance.now() - t0).toFixed(1)} ms`);
    expect(t.frames[0]).toEqual({ type: "output", data: expect.stringMatching(/^\x1bc/) }); // the screen snapshot comes first
    await applyFirstPod(t);
    await t.run("kubectl exec -it security-context-demo -- sh");
    const lines = await t.run("id");
    expect(lines.slice(-3)).toEqual(["/ $ id", "uid=1000 gid=3000 groups=2000", "/ $"]);
    const metrics = (await (await fetch(`${srv.base}/metrics`)).text()).split("\n");
    expect(metrics).toContain("podlab_ws_clients 1");
    expect(Number(metrics.find((l) => l.startsWith("podlab_commands_total "))?.split(" ")[1])).toBeGreaterThanOrEqual(4);
    expect(Number(metrics.find((l) => l.startsWith("podlab_command_duration_seconds_count "))?.split(" ")[1])).toBeGreaterThanOrEqual(4);
    t.close();
  }, 30_000);

  it("refuses the upgrade before the handshake: 401 for a wrong or missing token, 404 for an unknown session or path", async () => {
    const s = await createSession(srv);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/${s.id}?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/${s.id}`)).toBe(401);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/${s.id}?token=`)).toBe(401);
    const other = await createSession(srv);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/${s.id}?token=${other.token}`)).toBe(401);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/AAAAAAAAAAAAAAAA?token=${s.token}`)).toBe(404);
    expect(await upgradeStatus(`${srv.ws}/ws/elsewhere?token=${s.token}`)).toBe(404);
    const t = await TermClient.connect(srv, s.id, s.token);
    await t.waitForLine("learner@workstation:~$");
    t.close();
  });

  it("survives hostile frames: error frames, a close for oversized ones, and the server stays healthy", async () => {
    const s = await createSession(srv);
    const t = await TermClient.connect(srv, s.id, s.token);
    await t.waitForLine("learner@workstation:~$");
    const hostile: (string | Buffer)[] = [
      "hello{", "[]", "null", "42", '"input"', "{}", '{"type":7}', '{"type":"launch"}',
      '{"type":"input"}', '{"type":"input","data":42}', '{"type":"input","data":["a"]}',
      '{"type":"resize","cols":-1,"rows":-5}', '{"type":"resize","cols":100000,"rows":24}', '{"type":"resize","cols":80.5,"rows":24}',
      '{"type":"resize","cols":"80","rows":"24"}', '{"type":"resize","cols":1,"rows":24}', '{"type":"resize","cols":80,"rows":0}',
      '{"__proto__":{"type":"input","data":"echo polluted\\r"}}',
      '{"type":"constructor"}', '{"type":"__proto__"}', '{"type":"toString"}',
      Buffer.from([0, 1, 2, 255]),
    ];
    for (const frame of hostile) t.ws.send(frame);
    // Prototype keys are ignored; the known fields of the same frame still count.
    t.send('{"type":"input","data":"echo pro\\u0074o-ok\\r","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    await t.waitForLine("proto-ok");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorsOf(t)).toEqual([
      "invalid_json", "invalid_frame", "invalid_frame", "invalid_frame", "invalid_frame", "invalid_frame", "invalid_frame", "unknown_type",
      "invalid_input", "invalid_input", "invalid_input",
      "invalid_size", "invalid_size", "invalid_size", "invalid_size", "invalid_size", "invalid_size",
      "invalid_frame", "unknown_type", "unknown_type", "unknown_type", "binary_not_supported",
    ]);
    expect((await t.lines()).some((l) => l === "polluted")).toBe(false);
    const lines = await t.run("echo still-here");
    expect(lines.slice(-2)).toEqual(["still-here", "learner@workstation:~$"]);

    // A 1 MiB frame is over the 64 KiB limit: ws closes that socket (1009); the session lives on.
    const big = await TermClient.connect(srv, s.id, s.token);
    expect((await t.waitClosed()).code).toBe(CLOSE_CODES.replaced);
    big.ws.send(JSON.stringify({ type: "input", data: "x".repeat(1024 * 1024) }));
    expect((await big.waitClosed()).code).toBe(1009);
    // A flood of invalid frames ends in a policy-violation close.
    const flood = await TermClient.connect(srv, s.id, s.token);
    for (let i = 0; i < 200; i++) flood.ws.send("not json");
    expect((await flood.waitClosed()).code).toBe(CLOSE_CODES.policyViolation);

    expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
    const again = await TermClient.connect(srv, s.id, s.token);
    const after = await again.run("echo alive");
    expect(after.slice(-2)).toEqual(["alive", "learner@workstation:~$"]);
    const other = await createSession(srv);
    const o = await TermClient.connect(srv, other.id, other.token);
    await o.waitForLine("learner@workstation:~$");
    expect((await o.run("whoami")).slice(-2)).toEqual(["learner", "learner@workstation:~$"]);
    again.close();
    o.close();
  });

  it("reconnecting with the same id and token resumes the sandbox and sends the screen first", async () => {
    const s = await createSession(srv);
    const first = await TermClient.connect(srv, s.id, s.token);
    await first.waitForLine("learner@workstation:~$");
    await first.run("cd /tmp");
    await first.run("echo first-marker");
    first.close();
    await sleep(50);
    const second = await TermClient.connect(srv, s.id, s.token);
    const lines = await second.waitForLine("first-marker");
    expect(second.frames[0]?.type).toBe("output");
    expect((second.frames[0] as { data: string }).data.startsWith("\x1bc")).toBe(true);
    expect(lines).toContain("learner@workstation:/tmp$ echo first-marker");
    expect(lines.at(-1)).toBe("learner@workstation:/tmp$");
    expect((await second.run("pwd")).slice(-2)).toEqual(["/tmp", "learner@workstation:/tmp$"]);
    // A third connection takes over; the second is told so (4001) and not by a plain error.
    const third = await TermClient.connect(srv, s.id, s.token);
    expect((await second.waitClosed()).code).toBe(CLOSE_CODES.replaced);
    await third.waitForLine("/tmp");
    third.close();
  });

  it("rate-limits input per socket", async () => {
    const limited = await startServer({ terminal: { inputBurst: 1024, inputPerSecond: 256, strikeBurst: 1000 } });
    try {
      const s = await createSession(limited);
      const t = await TermClient.connect(limited, s.id, s.token);
      await t.waitForLine("learner@workstation:~$");
      for (let i = 0; i < 40; i++) t.type("#");
      await t.waitFor(() => errorsOf(t).length > 0);
      await sleep(100);
      const errors = errorsOf(t);
      expect(new Set(errors)).toEqual(new Set(["rate_limited"]));
      // 1024 bytes of burst at 64 bytes per frame: 16 frames pass, the rest are dropped.
      expect(errors.length).toBeGreaterThanOrEqual(40 - 17);
      expect(errors.length).toBeLessThanOrEqual(40 - 16);
      t.close();
    } finally {
      await limited.podlab.close();
    }
  });

  it("a burst of resize frames costs a few resizes, not seconds of the event loop", async () => {
    const s = await createSession(srv);
    const t = await TermClient.connect(srv, s.id, s.token, { render: false });
    const session = srv.podlab.sessions.find(s.id)!;
    // A full scrollback of long lines: the worst case for a reflow.
    session.screen.write(Array.from({ length: 1500 }, (_, i) => `${i} ${"a".repeat(110)}\r\n`).join(""));
    await session.screen.snapshot();
    let applied = 0;
    const resize = session.screen.resize.bind(session.screen);
    session.screen.resize = (cols, rows) => {
      applied++;
      resize(cols, rows);
    };
    for (let i = 0; i < 4000; i++) t.send({ type: "resize", cols: i % 2 ? 500 : 2, rows: i % 2 ? 200 : 1 });
    // (This process is the server too: a timer that fires late shows how long the server held the loop.)
    let lag = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      lag = Math.max(lag, performance.now() - last);
      last = performance.now();
    }, 5);
    const closed = await t.waitClosed(10_000);
    await sleep(300);
    clearInterval(probe);
    console.log(`4000 resize frames: ${applied} resizes applied, event loop held at most ${lag.toFixed(0)} ms`);
    // Resizes cost input budget (the rest are rate_limited, which ends in a 1008) and are coalesced.
    expect(closed.code).toBe(CLOSE_CODES.policyViolation);
    expect(applied).toBeLessThanOrEqual(5);
    expect(lag).toBeLessThan(2000); // (4000 applied resizes held it about 12 s)
    const again = await TermClient.connect(srv, s.id, s.token);
    expect((await again.run("echo resized")).slice(-2)).toEqual(["resized", "learner@workstation:~$"]);
    again.close();
  });

  it("ends the session when the shell exits", async () => {
    const s = await createSession(srv);
    const t = await TermClient.connect(srv, s.id, s.token);
    await t.waitForLine("learner@workstation:~$");
    t.type("exit\r");
    const closed = await t.waitClosed();
    expect(closed.code).toBe(CLOSE_CODES.sessionEnded);
    expect(t.frames.filter((f) => f.type === "notice").map((f) => (f as { text: string }).text)).toEqual(["The shell exited. Start a new session to continue."]);
    expect(await upgradeStatus(`${srv.ws}/ws/sessions/${s.id}?token=${s.token}`)).toBe(404);
  });

  it("answers a check with progress and a notice", async () => {
    const s = await createSession(srv);
    const t = await TermClient.connect(srv, s.id, s.token);
    await t.waitForLine("learner@workstation:~$");
    t.send({ type: "check" });
    await t.waitFor(() => t.frames.some((f) => f.type === "notice"));
    const progress = t.frames.find((f) => f.type === "progress");
    expect(progress).toMatchObject({ type: "progress", completed: 0, finished: false });
    t.close();
  });
});

describe("limits", () => {
  it("caps new sessions per client address per hour (429 with Retry-After)", async () => {
    const srv = await startServer({ config: { sessionsPerAddress: 2 } });
    try {
      expect((await post(srv, {})).status).toBe(201);
      expect((await post(srv, {})).status).toBe(201);
      const third = await post(srv, {});
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(3000);
      expect((await third.json()).error.code).toBe("too_many_sessions");
      // A scenario that does not exist is refused before it counts.
      expect((await post(srv, { scenario: "nope" })).status).toBe(404);
    } finally {
      await srv.podlab.close();
    }
  });

  it("caps the sessions alive at once (503 server_full)", async () => {
    const srv = await startServer({ maxSessions: 1 });
    try {
      expect((await post(srv, {})).status).toBe(201);
      const res = await post(srv, {});
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("server_full");
    } finally {
      await srv.podlab.close();
    }
  });

  it("expires idle sessions; input keeps a session alive", async () => {
    const srv = await startServer({ config: { idleTimeoutMs: 400 }, sweepMs: 25 });
    try {
      const idle = await createSession(srv);
      const busy = await createSession(srv);
      const ti = await TermClient.connect(srv, idle.id, idle.token);
      const tb = await TermClient.connect(srv, busy.id, busy.token);
      await tb.waitForLine("learner@workstation:~$");
      const start = Date.now();
      while (Date.now() - start < 700) {
        tb.type(" \x7f"); // a keystroke and its erasure
        await sleep(100);
      }
      const closed = await ti.waitClosed();
      expect(closed.code).toBe(CLOSE_CODES.sessionEnded);
      expect(ti.frames.filter((f) => f.type === "notice").map((f) => (f as { text: string }).text))
        .toEqual(["This session ended after a long time without input. Start a new session to continue."]);
      expect((await fetch(`${srv.base}/api/sessions/${idle.id}`, { headers: { authorization: `Bearer ${idle.token}` } })).status).toBe(404);
      expect(tb.closed).toBeUndefined();
      expect(srv.podlab.sessions.find(busy.id)).toBeDefined();
      expect((await fetch(`${srv.base}/metrics`).then((r) => r.text())).split("\n")).toContain('podlab_sessions_ended_total{reason="idle"} 1');
      tb.close();
    } finally {
      await srv.podlab.close();
    }
  });

  it("terminates sockets that stop answering pings", async () => {
    const srv = await startServer({ heartbeatMs: 100 });
    try {
      const s = await createSession(srv);
      const dead = await TermClient.connect(srv, s.id, s.token, { autoPong: false });
      const closed = await dead.waitClosed(2000);
      expect(closed.code).toBe(1006); // terminated, no close frame
      const live = await TermClient.connect(srv, s.id, s.token);
      await sleep(500);
      expect(live.closed).toBeUndefined();
      expect((await live.run("echo pong")).slice(-2)).toEqual(["pong", "learner@workstation:~$"]);
      live.close();
    } finally {
      await srv.podlab.close();
    }
  });

  it("serves the web page with index.html for its routes", async () => {
    const root = mkdtempSync(join(tmpdir(), "podlab-web-"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>podlab</title>\n");
    writeFileSync(join(root, "app.js"), "console.log(1)\n");
    const srv = await startServer({ webRoot: root });
    try {
      for (const path of ["/", "/scenarios/security-context"]) {
        const res = await fetch(srv.base + path);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe("<!doctype html><title>podlab</title>\n");
      }
      expect((await fetch(`${srv.base}/app.js`)).headers.get("content-type")).toMatch(/javascript/);
      expect((await fetch(`${srv.base}/nope.js`)).status).toBe(404);
    } finally {
      await srv.podlab.close();
    }
  });
});

describe("flow control", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.podlab.close());

  /** Host ms from typing `id` in the pod's shell to its output line arriving. */
  async function timeId(t: TermClient): Promise<number> {
    const start = performance.now();
    const before = t.raw.length;
    t.type("id\r");
    while (!t.raw.slice(before).includes("uid=1000 gid=3000 groups=2000\r\n")) await new Promise((r) => setImmediate(r));
    const ms = performance.now() - start;
    await t.waitFor((lines) => lines.at(-1) === "/ $");
    return ms;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it("a flood in one session does not slow another session's command by more than 100 ms", async () => {
    const quiet = await createSession(srv);
    const q = await TermClient.connect(srv, quiet.id, quiet.token);
    await applyFirstPod(q);
    await q.run("kubectl exec -it security-context-demo -- sh");
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push(await timeId(q));

    for (const noise of ["while true; do echo y; done", "yes"]) {
      const noisy = await createSession(srv);
      const n = await TermClient.connect(srv, noisy.id, noisy.token, { render: false });
      const session = srv.podlab.sessions.find(noisy.id)!;
      let printed = 0;
      session.sandbox.onOutput((text) => {
        printed += text.length;
      });
      await sleep(200);
      // Nobody reads the noisy socket from now on.
      (n.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      n.type(`${noise}\r`);
      let paused = false;
      let backlog = 0;
      const watch = setInterval(() => {
        paused ||= session.paused;
        backlog = Math.max(backlog, session.screen.backlog);
      }, 5);
      if (noise === "yes") {
        // The flood outruns its reader (here the server's screen copy): output pauses, so `yes`
        // blocks instead of piling up output in memory.
        const start = Date.now();
        while (!paused && Date.now() - start < 5000) await sleep(10);
        expect(paused).toBe(true);
      } else await sleep(300);
      const samples: number[] = [];
      for (let i = 0; i < 8; i++) {
        samples.push(await timeId(q));
        await sleep(50);
      }
      clearInterval(watch);
      expect(backlog).toBeLessThan(256 * 1024 + 64 * 1024 + 16 * 1024);
      console.log(`noisy neighbour (${noise}): baseline median ${median(baseline).toFixed(1)} ms, with noise median ${median(samples).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; the noisy session printed ${printed} chars`);
      expect(median(samples) - median(baseline)).toBeLessThan(100);
      expect(Math.max(...samples)).toBeLessThan(median(baseline) + 400);
      n.ws.terminate();
      await fetch(`${srv.base}/api/sessions/${noisy.id}`, { method: "DELETE", headers: { authorization: `Bearer ${noisy.token}` } });
    }
    q.close();
  }, 60_000);

  it("five endless loops do not slow another learner's command by more than 100 ms, nor /healthz", async () => {
    const hogs: { id: string; token: string; t: TermClient }[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await createSession(srv);
      const t = await TermClient.connect(srv, s.id, s.token, { render: false });
      t.type("while true; do :; done\r");
      hogs.push({ ...s, t });
    }
    const victim = await createSession(srv);
    const v = await TermClient.connect(srv, victim.id, victim.token);
    await v.waitForLine("learner@workstation:~$");
    await sleep(300);
    const samples: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = v.raw.length;
      const start = performance.now();
      v.type(`echo v${i}x\r`);
      while (!v.raw.slice(before).includes(`v${i}x\r\nlearner@workstation:~$ `)) await new Promise((r) => setImmediate(r));
      samples.push(performance.now() - start);
      const h = performance.now();
      expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
      health.push(performance.now() - h);
      await sleep(50);
    }
    console.log(`5 endless loops: victim command median ${median(samples).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; /healthz max ${Math.max(...health).toFixed(1)} ms`);
    expect(median(samples)).toBeLessThan(100);
    expect(Math.max(...samples)).toBeLessThan(300);
    expect(Math.max(...health)).toBeLessThan(300);
    v.close();
    for (const h of hogs) {
      h.t.ws.terminate();
      await fetch(`${srv.base}/api/sessions/${h.id}`, { method: "DELETE", headers: { authorization: `Bearer ${h.token}` } });
    }
  }, 60_000);
});
