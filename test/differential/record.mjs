#!/usr/bin/env node
// Records differential goldens from real Linux (DESIGN.md principle 8): for each transcript under
// test/golden/differential, runs its commands in ONE real container (../shared/tools/real-container)
// with the credentials, capabilities, no_new_privs, read-only root and volume its header names, and
// rewrites each command's expected output with what real Linux printed (stderr merged into stdout).
// test/golden-transcripts.test.ts then holds podlab's emulation to those recordings.
// The oracle's stdin and stdout are pipes, not a terminal: commands whose output depends on
// isatty (ls columns and colours, rm's "remove …?" prompt) are written so that it does not (ls -1 --color=never, rm -f).
//
//   npm run oracle [-- FILE...]      (needs root, unshare and apt, as real-container does)

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { capabilitySetOf, parseCapability } from "../../dist/core/kernel/capability.js";

const ORACLE = fileURLToPath(new URL("../../../shared/tools/real-container", import.meta.url));
const DIR = fileURLToPath(new URL("../golden/differential/", import.meta.url));
const RS = "\x1e";
const DEFAULT_CAPS = capabilitySetOf(0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31);

/** The header lines and the `$ command` lines (with `> ` continuations) of a transcript. */
function parse(text) {
  const header = [];
  const commands = [];
  for (const line of text.split("\n")) {
    if (commands.length === 0 && line.startsWith("# ")) header.push(line);
    else if (line.startsWith("$ ")) commands.push(line.slice(2));
    else if (line.startsWith("> ") && commands.length > 0) commands[commands.length - 1] += `\n${line.slice(2)}`;
  }
  return { header, commands };
}

function capsHex(spec) {
  if (spec === undefined || ["default", "none", "all"].includes(spec)) return spec ?? "default";
  if (spec.startsWith("0x")) return spec;
  let set = DEFAULT_CAPS;
  for (const item of spec.split(",")) {
    const bit = capabilitySetOf(parseCapability(item.slice(1)));
    set = item.startsWith("+") ? set | bit : set & ~bit;
  }
  return `0x${set.toString(16).padStart(16, "0")}`;
}

function oracleArgs(header) {
  const h = new Map(header.map((l) => /^# ([\w-]+): (.*)$/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));
  if ((h.get("image") ?? "busybox") !== "busybox") throw new Error("the real container is BusyBox only");
  const user = /^(\d+):(\d+)(?: groups=([\d,]+))?$/.exec(h.get("user") ?? "0:0");
  const args = ["--uid", user[1], "--gid", user[2], "--caps", capsHex(h.get("caps"))];
  if (user[3]) args.push("--groups", user[3]);
  if (h.get("nnp") === "true") args.push("--nnp");
  if (h.get("readonly-root") === "true") args.push("--read-only");
  const volume = /^(\S+)(?: fsGroup=(\d+))?$/.exec(h.get("volume") ?? "");
  if (volume) args.push("--volume", volume[2] ? `${volume[1]}:${volume[2]}` : volume[1]);
  return args;
}

function record(file) {
  const { header, commands } = parse(readFileSync(file, "utf8"));
  // `{ …; }` runs in the shell itself, so `cd` and variables carry over as in a terminal.
  const script = commands.map((c, i) => `printf '${RS}%d\\n' ${i}; { ${c}\n} 2>&1`).join("\n");
  const run = spawnSync(ORACLE, [...oracleArgs(header), "--", script], { encoding: "utf8" });
  if (run.error !== undefined || !run.stdout.startsWith(RS)) throw new Error(`${file}: ${run.error?.message ?? run.stderr}`);
  const out = run.stdout;
  const outputs = out.split(RS).slice(1).map((chunk) => chunk.slice(chunk.indexOf("\n") + 1));
  const body = commands.map((c, i) => `$ ${c.replace(/\n/g, "\n> ")}\n${outputs[i] ?? ""}`).join("");
  writeFileSync(file, `${header.join("\n")}\n${body}`);
  console.log(`recorded ${file} (${commands.length} commands)`);
}

const files = process.argv.slice(2);
for (const f of files.length > 0 ? files : readdirSync(DIR).filter((f) => f.endsWith(".txt")).map((f) => DIR + f)) record(f);
