// Fairness on the server's one event loop: a learner's command latency (Enter until the prompt is
// back on their socket) and /healthz while other sessions run endless loops (`while true; do :;
// done`). The server is `podlab serve` in a process of its own and the clients are real
// WebSockets, as for the page (a client in the server's process would wait for the loops' slices
// itself). Run with `npm run bench`.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const PROMPT = "learner@workstation:~$ ";

function open(base, s) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace("http", "ws")}/ws/sessions/${s.id}?token=${s.token}`);
    const c = { ws, text: "" };
    ws.on("message", (d) => {
      const m = JSON.parse(d.toString());
      if (m.type === "output") c.text += m.data;
    });
    ws.once("open", () => resolve(c));
    ws.once("error", reject);
  });
}

/** Median and p90 (ms) of `samples` commands typed into a fresh session while `loops` endless loops run. */
async function measure(base, loops, samples) {
  const create = async () => (await fetch(`${base}/api/sessions`, { method: "POST" })).json();
  const hogs = [];
  for (let i = 0; i < loops; i++) {
    const s = await create();
    const c = await open(base, s);
    c.ws.send(JSON.stringify({ type: "input", data: "while true; do :; done\r" }));
    hogs.push({ s, c });
  }
  const s = await create();
  const v = await open(base, s);
  while (!v.text.includes(PROMPT)) await sleep(5);
  await sleep(300);
  const command = [];
  const health = [];
  for (let i = 0; i < samples; i++) {
    const before = v.text.length;
    const start = performance.now();
    v.ws.send(JSON.stringify({ type: "input", data: `echo m${i}x\r` }));
    while (!v.text.slice(before).includes(`m${i}x\r\n${PROMPT}`)) await new Promise((r) => setImmediate(r));
    command.push(performance.now() - start);
    const h = performance.now();
    await fetch(`${base}/healthz`);
    health.push(performance.now() - h);
    await sleep(30);
  }
  for (const { s: h, c } of [...hogs, { s, c: v }]) {
    c.ws.terminate();
    await fetch(`${base}/api/sessions/${h.id}`, { method: "DELETE", headers: { authorization: `Bearer ${h.token}` } });
  }
  return { loops, commandMsMedian: median(command), commandMsP90: p90(command), healthzMsMax: Math.max(...health) };
}

/** `podlab serve` on a free port; resolves to its base URL and a stop function. */
function serve() {
  const bin = fileURLToPath(new URL("../bin/podlab.js", import.meta.url));
  const child = spawn(process.execPath, [bin, "serve", "--port", "0"], {
    env: { ...process.env, PODLAB_SESSIONS_PER_ADDRESS: "0", PODLAB_INSTRUCTOR_TOKEN: "bench-instructor-token" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) resolve({ base: m[1], stop: () => new Promise((r) => { child.once("exit", r); child.kill("SIGTERM"); }) });
    });
    child.once("exit", (code) => reject(new Error(`podlab serve exited (${code}): ${out}`)));
  });
}

export async function run(samples = 30) {
  const { base, stop } = await serve();
  const out = [];
  try {
    for (const loops of [0, 1, 3, 5, 10]) out.push(await measure(base, loops, samples));
  } finally {
    await stop();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(r);
}
