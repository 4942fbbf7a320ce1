// `npm run bench`: runs every benchmark, prints a table and writes bench/results/<name>.json.

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { run as containers } from "./containers.js";

const machine = `${os.cpus().length}x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const results = { machine, date: new Date().toISOString(), containers: await containers(1000) };
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
const c = results.containers;
console.log(`machine: ${machine}`);
console.log(`containers: ${c.containers} busybox containers, ${(c.heapBytesPerContainer / 1024).toFixed(1)} KiB heap each, ${c.msPerContainer.toFixed(3)} ms each`);
