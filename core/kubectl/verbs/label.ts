// kubectl label / annotate (pkg/cmd/label, pkg/cmd/annotate): KEY=VALUE to set, KEY- to remove,
// --overwrite to change an existing value.

import type { Namespace, Pod } from "../../kube/api/types.js";
import { KIND_OF, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

async function change(call: KubectlCall, field: "labels" | "annotations"): Promise<number> {
  // parseLabels(): after the resource, arguments with "=" or a trailing "-" are changes.
  const changes = call.args.filter((a, i) => i > 0 && (a.includes("=") || a.endsWith("-")));
  const targets = call.args.filter((a, i) => i === 0 || !(a.includes("=") || a.endsWith("-")));
  if (changes.length === 0) throw new UsageError(`at least one ${field === "labels" ? "label" : "annotation"} update is required`);
  const refs = parseResourceArgs(targets);
  if ("error" in refs) {
    await call.err(`error: ${refs.error}\n`);
    return 1;
  }
  let status = 0;
  for (const ref of refs) {
    const { objects, missing } = lookupObjects(call, ref.resource, ref.names, false);
    for (const m of missing) {
      status = 1;
      await call.err(`${notFound(ref.resource, m)}\n`);
    }
    for (const obj of objects as (Pod | Namespace)[]) {
      const map: Record<string, string> = Object.assign(Object.create(null), obj.metadata[field] ?? {});
      let modified = false;
      for (const ch of changes) {
        if (ch.endsWith("-") && !ch.includes("=")) {
          const key = ch.slice(0, -1);
          if (key in map) {
            delete map[key];
            modified = true;
          }
          continue;
        }
        const [key, ...rest] = ch.split("=");
        const value = rest.join("=");
        if (key! in map && map[key!] !== value && !call.bool("overwrite")) {
          await call.err(`error: '${key}' already has a value (${map[key!]}), and --overwrite is false\n`);
          return 1;
        }
        if (map[key!] !== value) modified = true;
        map[key!] = value;
      }
      const kind = KIND_OF[ref.resource];
      const verb = field === "labels" ? (changes.every((c) => c.endsWith("-") && !c.includes("=")) ? "unlabeled" : "labeled") : (changes.every((c) => c.endsWith("-") && !c.includes("=")) ? "unannotated" : "annotated");
      if (ref.resource === "namespaces" && field === "labels") {
        // A namespace update goes through Pod Security admission (labels parse; enforce dry run).
        const r = call.cluster.relabelNamespace(obj as Namespace, map);
        if ("error" in r) {
          await call.err(`${r.error}\n`);
          status = 1;
          continue;
        }
        for (const w of r.warnings) await call.err(`Warning: ${w}\n`);
      } else {
        obj.metadata[field] = map;
        if (ref.resource === "pods") call.cluster.store.putPod(obj as Pod, "MODIFIED");
        else call.cluster.store.putNamespace(obj as Namespace, "MODIFIED");
      }
      await call.out(modified ? `${kind}/${obj.metadata.name} ${verb}\n` : `${kind}/${obj.metadata.name} not ${verb}\n`);
    }
  }
  return status;
}

export const label: Verb = { name: "label", short: "Update the labels on a resource", flags: [{ name: "overwrite", type: "bool" }], run: (call) => change(call, "labels") };
export const annotate: Verb = { name: "annotate", short: "Update the annotations on a resource", flags: [{ name: "overwrite", type: "bool" }], run: (call) => change(call, "annotations") };
