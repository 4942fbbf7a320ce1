// `npm run bench`: runs every benchmark, prints a table and writes bench/results/latest.json.

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { run as containers } from "./containers.js";
import { run as fairness } from "./fairness.js";
import { run as sandboxes } from "./sandboxes.js";

const machine = `${os.cpus().length}x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const results = { machine, date: new Date().toISOString(), containers: await containers(1000), sandboxes: await sandboxes(100, 30), fairness: await fairness(30) };
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const ms = (x) => `${x.toFixed(2)} ms`;
const c = results.containers;
const m = results.sandboxes.memory;
console.log(`machine: ${machine}`);
console.log(`containers: ${c.containers} busybox containers, ${kib(c.heapBytesPerContainer)} heap each, ${c.msPerContainer.toFixed(3)} ms each`);
console.log(`sandboxes: ${m.sandboxes}, start ${ms(m.startMsMedian)} median (p90 ${ms(m.startMsP90)}), heap ${kib(m.heapBytesIdle)} idle, ${kib(m.heapBytesWithPodAndExec)} with the tutorial pod and an exec'd shell`);
for (const [cmd, t] of Object.entries(results.sandboxes.latency)) console.log(`  ${cmd}: ${ms(t.median)} median, p90 ${ms(t.p90)}`);
const t = results.sandboxes.tutorial;
console.log(`tutorial replay (1.34, ${t.lines} lines): ${ms(t.hostMs)} host time`);
for (const f of results.fairness) console.log(`fairness: ${f.loops} endless loops: a command ${ms(f.commandMsMedian)} median, p90 ${ms(f.commandMsP90)}; /healthz at most ${ms(f.healthzMsMax)}`);
