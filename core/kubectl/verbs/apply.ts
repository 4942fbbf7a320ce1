// kubectl apply -f / create -f (pkg/cmd/apply, pkg/cmd/create): each document's outcome in order:
// "pod/x created" on stdout, warnings and errors on stderr; exit 1 when any failed.

import { readSources } from "../manifests.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";

export async function submit(call: KubectlCall, mode: "apply" | "create"): Promise<number> {
  const files = (call.flags.get("filename") as string[] | undefined) ?? [];
  if (files.length === 0) {
    // apply: FilenameOptions.RequireFilenameOrKustomize(), a plain error. create (1.29) prints
    // "Error: must specify one of -f and -k" and its help instead; podlab keeps the usage form there.
    if (mode === "create") throw new UsageError("must specify one of -f and -k");
    await call.err("error: must specify one of -f and -k\n");
    return 1;
  }
  const sources = await readSources(call, files);
  if ("error" in sources) {
    await call.err(`error: ${sources.error}\n`);
    return 1;
  }
  let failed = false;
  for (const src of sources) {
    const outcomes = call.cluster.submit(src.name, src.text, mode, call.namespaceExplicit ? call.namespace : undefined);
    if (outcomes.length === 0) {
      await call.err("error: no objects passed to " + (mode === "apply" ? "apply" : "create") + "\n");
      failed = true;
    }
    for (const o of outcomes) {
      if (o.kind === "error") {
        failed = true;
        await call.err(`${o.text}\n`);
        continue;
      }
      for (const w of o.warnings) await call.err(`Warning: ${w}\n`);
      await call.out(`${o.line}\n`);
    }
  }
  return failed ? 1 : 0;
}

const fileFlags = [{ name: "filename", short: "f", type: "stringArray" as const }, { name: "recursive", short: "R", type: "bool" as const }, { name: "dry-run", type: "string" as const }, { name: "validate", type: "string" as const }, { name: "output", short: "o", type: "string" as const }];

export const apply: Verb = {
  name: "apply", short: "Apply a configuration to a resource by file name or stdin",
  flags: [...fileFlags, { name: "force", type: "bool" }, { name: "server-side", type: "bool" }],
  run: (call) => submit(call, "apply"),
};
