// Whole learner sandboxes (cluster + workstation + login shell), as the server creates them:
// start time and heap per sandbox idle at the prompt, then with the tutorial's first pod running
// and a `kubectl exec` shell open in it; and host time per typed command. Run with `npm run bench`.

import { readFileSync } from "node:fs";
import { VirtualClock } from "../dist/core/kernel/clock.js";
import { settle } from "../dist/core/replay.js";
import { Sandbox } from "../dist/core/sandbox.js";
import { nodeHost } from "../dist/server/host.js";
import { loadScenario } from "../dist/server/scenarios.js";
import { replay } from "../dist/server/cli/run.js";

const gc = () => { for (let i = 0; i < 3; i++) globalThis.gc?.(); };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function sandbox(scenario) {
  const clock = new VirtualClock(Date.parse("2026-11-27T09:00:00Z"));
  const sb = new Sandbox({ profile: scenario.profile, clock, host: nodeHost, manifests: scenario.manifests });
  sb.start();
  const run = { clock, budgetMs: 10_000 };
  await settle(sb, nodeHost, run);
  return { sb, type: async (line) => { sb.input(`${line}\r`); await settle(sb, nodeHost, run); } };
}

const TUTORIAL_POD = [
  "kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml",
  "kubectl wait --for=condition=Ready pod/security-context-demo",
  "kubectl exec -it security-context-demo -- sh",
];

/** Sandboxes idle at the prompt, then each with the tutorial pod running and an exec'd shell. */
async function memory(count) {
  const scenario = loadScenario("security-context");
  // Shared images (built once per process) and code warm, outside the measurement.
  const warm = await sandbox(scenario);
  for (const line of TUTORIAL_POD) await warm.type(line);
  gc();
  const before = process.memoryUsage().heapUsed;
  const starts = [];
  const keep = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    keep.push(await sandbox(scenario));
    starts.push(performance.now() - t0);
  }
  gc();
  const idle = (process.memoryUsage().heapUsed - before) / count;
  for (const s of keep) for (const line of TUTORIAL_POD) await s.type(line);
  gc();
  const busy = (process.memoryUsage().heapUsed - before) / count;
  return { sandboxes: count, startMsMedian: median(starts), startMsP90: p90(starts), heapBytesIdle: Math.round(idle), heapBytesWithPodAndExec: Math.round(busy), kept: keep.length };
}

/** Host milliseconds from Enter to the next prompt, for commands a learner types. */
async function latency(samples) {
  const s = await sandbox(loadScenario("security-context"));
  await s.type("kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml");
  await s.type("kubectl wait --for=condition=Ready pod/security-context-demo");
  const time = async (line) => {
    const xs = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      await s.type(line);
      xs.push(performance.now() - t0);
    }
    return { median: median(xs), p90: p90(xs) };
  };
  return {
    "kubectl get pods": await time("kubectl get pods"),
    "kubectl exec security-context-demo -- id": await time("kubectl exec security-context-demo -- id"),
    "kubectl exec security-context-demo -- ps": await time("kubectl exec security-context-demo -- ps"),
    "kubectl describe pod security-context-demo": await time("kubectl describe pod security-context-demo"),
  };
}

/** The whole tutorial (test/golden/tutorial) replayed on a virtual clock: host time. */
async function tutorial() {
  const script = readFileSync(new URL("../test/golden/tutorial/security-context-1.34-containerd.sh", import.meta.url), "utf8");
  const lines = script.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
  const t0 = performance.now();
  await replay({ scenario: "security-context-1.34", lines, thinkSeconds: 3, cols: 120, start: Date.parse("2026-11-27T09:00:00Z") });
  return { lines: lines.length, hostMs: performance.now() - t0 };
}

export async function run(count = 100, samples = 30) {
  return { memory: await memory(count), latency: await latency(samples), tutorial: await tutorial() };
}
