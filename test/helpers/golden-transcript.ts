// Golden transcripts: a header naming the source and the container, then `$ command` lines each
// followed by exactly what the terminal shows (ESC written as ^[). Continuation lines of a
// command start with "> ".
//
//   # source: container-userland.md §3.1 [verified-local]
//   # image: busybox            (busybox | node-hello | hello-app | agnhost | alpine | debian)
//   # user: 1000:3000 groups=2000,3000,4000
//   # caps: default            (default | none | all | +NET_ADMIN,SYS_TIME | -CHOWN | 0xHEX)
//   # nnp: true
//   # readonly-root: true
//   # disk-bytes: 1048576       (the container's writable-layer quota; default 64 MiB)
//   # volume: /data/demo fsGroup=2000
//   # clock: 2026-11-27T04:48:00Z
//   # cols: 80
//   # init: /bin/sh -c 'node server.js'   (PID 1's argv; single quotes group words)
//   $ id
//   uid=1000 gid=3000 groups=2000,3000,4000

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { capabilitySetOf, parseCapability } from "../../core/kernel/capability.js";
import { agnhost } from "../../core/images/agnhost.js";
import { alpine, debian } from "../../core/images/base-images.js";
import { busybox128 } from "../../core/images/busybox.js";
import { helloApp } from "../../core/images/hello-app.js";
import type { Image } from "../../core/images/image.js";
import { nodeHello } from "../../core/images/node-hello.js";
import { Quota } from "../../core/vfs/quota.js";
import { setVolumeOwnership } from "../../core/vfs/volumes.js";
import type { TreeNode } from "../../core/vfs/tree-fs.js";
import { DEFAULT_CAPS, type CredSpec } from "./kernel.js";
import { type SessionOptions, startSession } from "./world.js";

export const IMAGES: Record<string, Image> = {
  busybox: busybox128, "node-hello": nodeHello, "hello-app": helloApp, agnhost, alpine, debian,
};

export interface Transcript {
  file: string;
  header: Map<string, string>;
  steps: { command: string; expected: string }[];
}

export function loadTranscript(path: string): Transcript {
  const text = readFileSync(path, "utf8");
  const header = new Map<string, string>();
  const steps: { command: string; expected: string }[] = [];
  let current: { command: string; lines: string[] } | undefined;
  for (const line of text.split("\n")) {
    if (current === undefined && line.startsWith("# ")) {
      const m = /^# ([\w-]+): (.*)$/.exec(line);
      if (m) header.set(m[1]!, m[2]!);
      continue;
    }
    if (line.startsWith("$ ")) {
      if (current) steps.push({ command: current.command, expected: current.lines.join("\n") });
      current = { command: line.slice(2), lines: [] };
      continue;
    }
    if (current && current.lines.length === 0 && line.startsWith("> ") && current.command !== "") {
      current.command += `\n${line.slice(2)}`;
      continue;
    }
    current?.lines.push(line);
  }
  if (current) {
    if (current.lines.at(-1) === "") current.lines.pop(); // the file's final newline
    steps.push({ command: current.command, expected: current.lines.join("\n") });
  }
  for (const s of steps) s.expected = s.expected.replace(/\^\[/g, "\x1b");
  return { file: path, header, steps };
}

function capsOf(spec: string | undefined): CredSpec["caps"] {
  if (spec === undefined || spec === "default") return "default";
  if (spec === "none" || spec === "all") return spec;
  if (spec.startsWith("0x")) return BigInt(spec);
  let set = DEFAULT_CAPS;
  for (const item of spec.split(",")) {
    const bit = parseCapability(item.slice(1));
    if (bit === undefined) throw new Error(`unknown capability ${item}`);
    set = item.startsWith("+") ? set | capabilitySetOf(bit) : set & ~capabilitySetOf(bit);
  }
  return set;
}

/** Splits a header value into words; single quotes group ('node server.js' is one word). */
function words(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

export function sessionOptions(t: Transcript): SessionOptions {
  const h = t.header;
  const image = IMAGES[h.get("image") ?? "busybox"];
  if (image === undefined) throw new Error(`${t.file}: unknown image ${h.get("image")}`);
  const userSpec = /^(\d+):(\d+)(?: groups=([\d,]+))?$/.exec(h.get("user") ?? "0:0");
  if (userSpec === null) throw new Error(`${t.file}: bad user header`);
  const as: CredSpec = {
    uid: Number(userSpec[1]), gid: Number(userSpec[2]), groups: userSpec[3] ? userSpec[3].split(",").map(Number) : [],
    caps: capsOf(h.get("caps")), nnp: h.get("nnp") === "true",
  };
  const volume = /^(\S+)(?: fsGroup=(\d+))?$/.exec(h.get("volume") ?? "");
  const opts: SessionOptions = {
    image, as, readOnlyRoot: h.get("readonly-root") === "true",
    ...(h.get("disk-bytes") ? { quota: new Quota(Number(h.get("disk-bytes"))) } : {}),
    ...(h.get("clock") ? { start: Date.parse(h.get("clock")!) } : {}),
    ...(h.get("cols") ? { cols: Number(h.get("cols")) } : {}),
    ...(h.get("init") ? { init: words(h.get("init")!) } : {}),
  };
  if (volume !== null) {
    opts.mounts = (node) => {
      const dir = node.disk.root().create("volume", { mode: 0o040777, uid: 0, gid: 0 }) as TreeNode;
      if (volume[2] !== undefined) setVolumeOwnership(dir.inode, Number(volume[2]), undefined, false, node.kernel.now());
      return [{ containerPath: volume[1]!, node: dir, readOnly: false, source: "/dev/sda1", fsRoot: "/volume" }];
    };
  }
  return opts;
}

/** Runs a transcript; returns, per step, what the screen really showed (without echo and prompt). */
export async function runTranscript(t: Transcript): Promise<{ command: string; expected: string; actual: string }[]> {
  const session = await startSession(sessionOptions(t));
  const results = [];
  for (const step of t.steps) {
    const shown = await session.type(step.command);
    // Drop the echoed command (and its continuation prompts) and the prompt that follows the output.
    let body = shown;
    for (const line of step.command.split("\n")) {
      const echoed = body.indexOf(`${line}\n`);
      if (echoed >= 0) body = body.slice(echoed + line.length + 1);
    }
    const lastPrompt = body.lastIndexOf("\n");
    const actual = session.shell.alive ? (lastPrompt < 0 ? "" : body.slice(0, lastPrompt)) : body.replace(/\n$/, "");
    results.push({ command: step.command, expected: step.expected, actual });
  }
  return results;
}

export function transcriptFiles(dir: string): string[] {
  const root = fileURLToPath(new URL(`../golden/${dir}/`, import.meta.url));
  return readdirSync(root).filter((f) => f.endsWith(".txt")).sort().map((f) => root + f);
}
