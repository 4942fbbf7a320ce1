// kubectl label / annotate (pkg/cmd/label/label.go, pkg/cmd/annotate/annotate.go): KEY=VALUE to
// set, KEY- to remove, --overwrite to change an existing value. label prints "labeled",
// "unlabeled" or "not labeled" by comparing the object's JSON before and after
// (updateDataChangeMsg); annotate always prints "annotated". Their errors are plain errors
// (CheckErr), not usage errors.

import type { Namespace, Pod } from "../../kube/api/types.js";
import { isValidLabelValue } from "../../kube/validation/names.js";
import { KIND_OF, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

type Field = "labels" | "annotations";

/** cmdutil.GetResourcesAndPairs(): resources first, then KEY=VALUE / KEY- pairs. */
function resourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (pair) pairs.push(s);
    else if (pairs.length > 0) return { error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  return { resources, pairs };
}

/** label.go parseLabels(). */
function parseLabels(spec: readonly string[]): { set: Map<string, string>; remove: string[] } | { error: string } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes("=")) {
      const parts = s.split("=");
      if (parts.length !== 2) return { error: `invalid label spec: ${s}` };
      const errs = isValidLabelValue(parts[1]!);
      if (errs.length > 0) return { error: `invalid label value: ${JSON.stringify(s)}: ${errs.join(";")}` };
      set.set(parts[0]!, parts[1]!);
    } else if (s.endsWith("-")) remove.push(s.slice(0, -1));
    else return { error: `unknown label spec: ${s}` };
  }
  if (remove.some((k) => set.has(k))) return { error: "can not both modify and remove a label in the same command" };
  return { set, remove };
}

/** cmdutil.ParsePairs(…, "annotation", true) and validateAnnotations(). */
function parseAnnotations(spec: readonly string[]): { set: Map<string, string>; remove: string[] } | { error: string } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const s of spec) {
    if (s.includes("=") && s[0] !== "=") {
      const eq = s.indexOf("=");
      set.set(s.slice(0, eq), s.slice(eq + 1));
    } else if (s.endsWith("-") && s !== "-") remove.push(s.slice(0, -1));
    else invalid.push(s);
  }
  if (invalid.length > 0) return { error: `invalid annotation format: ${invalid.join(", ")}` };
  const both = remove.filter((k) => set.has(k));
  if (both.length > 0) return { error: `can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}` };
  return { set, remove };
}

/** The JSON of the map as part of the object (absent when the object has none). */
const encoded = (map: Record<string, string> | undefined) => (map === undefined ? "" : JSON.stringify(Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]))));

async function change(call: KubectlCall, field: Field): Promise<number> {
  const pairType = field === "labels" ? "label" : "annotation";
  const split = resourcesAndPairs(call.args, pairType);
  const fail = async (text: string) => {
    await call.err(`error: ${text}\n`);
    return 1;
  };
  if ("error" in split) return fail(split.error);
  const parsed = field === "labels" ? parseLabels(split.pairs) : parseAnnotations(split.pairs);
  if ("error" in parsed) return fail(parsed.error);
  if (split.resources.length === 0) return fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (parsed.set.size === 0 && parsed.remove.length === 0) return fail(`at least one ${pairType} update is required`);
  const refs = parseResourceArgs(split.resources);
  if ("error" in refs) return fail(refs.error);
  let status = 0;
  for (const ref of refs) {
    const { objects, missing } = lookupObjects(call, ref.resource, ref.names, false);
    for (const m of missing) {
      status = 1;
      await call.err(`${notFound(ref.resource, m)}\n`);
    }
    for (const obj of objects as (Pod | Namespace)[]) {
      const current = obj.metadata[field];
      const old = encoded(current);
      if (field === "labels") for (const k of parsed.remove) if (current?.[k] === undefined) await call.out(`label ${JSON.stringify(k)} not found.\n`);
      if (!call.bool("overwrite")) {
        const clashes = [...parsed.set].filter(([k, v]) => current?.[k] !== undefined && current[k] !== v && !(field === "annotations" && k === "kubernetes.io/change-cause"));
        if (clashes.length > 0) {
          return fail(field === "labels"
            ? clashes.map(([k]) => `'${k}' already has a value (${current![k]}), and --overwrite is false`).join("\n")
            : `--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current![k]})`).join("; ")}`);
        }
      }
      // labelFunc / updateAnnotations: the map is set even when it ends up empty.
      const map: Record<string, string> = Object.assign(Object.create(null), current ?? {});
      for (const [k, v] of parsed.set) map[k] = v;
      for (const k of parsed.remove) delete map[k];
      const now = encoded(map);
      const kind = KIND_OF[ref.resource];
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
        // The apiserver stores an emptied map as none (omitempty), whatever the patch said.
        obj.metadata[field] = Object.keys(map).length === 0 ? undefined : map;
        if (ref.resource === "pods") call.cluster.store.putPod(obj as Pod, "MODIFIED");
        else call.cluster.store.putNamespace(obj as Namespace, "MODIFIED");
      }
      if (field === "annotations") await call.out(`${kind}/${obj.metadata.name} annotated\n`);
      else {
        // updateDataChangeMsg(): JSON of the whole object before and after; only this map differs.
        const msg = now === old ? "not labeled" : !call.bool("overwrite") && now.length < old.length ? "unlabeled" : "labeled";
        await call.out(`${kind}/${obj.metadata.name} ${msg}\n`);
      }
    }
  }
  return status;
}

export const label: Verb = { name: "label", short: "Update the labels on a resource", flags: [{ name: "overwrite", type: "bool" }], run: (call) => change(call, "labels") };
export const annotate: Verb = { name: "annotate", short: "Update the annotations on a resource", flags: [{ name: "overwrite", type: "bool" }], run: (call) => change(call, "annotations") };
