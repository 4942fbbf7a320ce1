// kubectl delete (pkg/cmd/delete): prints each deletion as the apiserver accepts it, then waits
// for the objects to be gone (--wait, the default), as a real cluster makes you wait out the
// grace period.

import type { Namespace, Pod } from "../../kube/api/types.js";
import { readSources } from "../manifests.js";
import { parseManifest } from "../../kube/api/decode.js";
import { parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

async function deleteObjects(call: KubectlCall, targets: { resource: "pods" | "namespaces"; obj: Pod | Namespace }[]): Promise<void> {
  const grace = call.bool("now") ? 1 : (call.flags.get("grace-period") as number | undefined);
  const force = call.bool("force");
  if (force && grace === 0) await call.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  const waits: Promise<void>[] = [];
  for (const { resource, obj } of targets) {
    const name = obj.metadata.name!;
    if (resource === "pods") {
      waits.push(call.cluster.deletePod(obj as Pod, force && grace === 0 ? 0 : grace !== undefined && grace >= 0 ? grace : undefined));
      const op = force && grace === 0 ? "force deleted" : "deleted";
      const where = call.cluster.profile.deleteWording === "namespace" ? ` from ${obj.metadata.namespace} namespace` : "";
      await call.out(`pod "${name}" ${op}${where}\n`);
    } else {
      waits.push(call.cluster.deleteNamespace(obj as Namespace));
      await call.out(`namespace "${name}" deleted\n`);
    }
  }
  if (call.flags.get("wait") !== false && !(force && grace === 0)) await Promise.all(waits);
}

export const deleteVerb: Verb = {
  name: "delete", short: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  flags: [
    { name: "filename", short: "f", type: "stringArray" }, { name: "all", type: "bool" }, { name: "grace-period", type: "int" }, { name: "force", type: "bool" },
    { name: "now", type: "bool" }, { name: "wait", type: "bool" }, { name: "selector", short: "l", type: "string" }, { name: "ignore-not-found", type: "bool" },
  ],
  async run(call) {
    const files = (call.flags.get("filename") as string[] | undefined) ?? [];
    const targets: { resource: "pods" | "namespaces"; obj: Pod | Namespace }[] = [];
    let status = 0;
    const missing = async (resource: string, name: string) => {
      if (call.bool("ignore-not-found")) return;
      status = 1;
      await call.err(`${notFound(resource as "pods", name)}\n`);
    };
    if (files.length > 0) {
      const sources = await readSources(call, files);
      if ("error" in sources) {
        await call.err(`error: ${sources.error}\n`);
        return 1;
      }
      for (const src of sources) {
        for (const doc of parseManifest(src.name, src.text) as { kind?: string; metadata?: { name?: string; namespace?: string } }[]) {
          const name = doc.metadata?.name ?? "";
          if (doc.kind === "Namespace") {
            const ns = call.cluster.store.namespaces.get(name);
            if (ns === undefined) await missing("namespaces", name);
            else targets.push({ resource: "namespaces", obj: ns });
          } else {
            const pod = call.cluster.store.getPod(doc.metadata?.namespace ?? call.namespace, name);
            if (pod === undefined) await missing("pods", name);
            else targets.push({ resource: "pods", obj: pod });
          }
        }
      }
    } else {
      const refs = parseResourceArgs(call.args);
      if ("error" in refs) {
        await call.err(`error: ${refs.error}\n`);
        return 1;
      }
      if (refs.length === 0) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
      for (const ref of refs) {
        if (ref.resource !== "pods" && ref.resource !== "namespaces") {
          await call.err(`Error from server (Forbidden): ${ref.resource} is forbidden in this lab\n`);
          return 1;
        }
        if (ref.names.length === 0 && !call.bool("all") && call.str("selector") === undefined) throw new UsageError(`resource(s) were provided, but no name was specified`);
        const { objects, missing: gone } = lookupObjects(call, ref.resource, ref.names, false);
        for (const o of objects) targets.push({ resource: ref.resource, obj: o as Pod });
        for (const m of gone) await missing(ref.resource, m);
        if (objects.length === 0 && ref.names.length === 0) await call.err(`No resources found\n`);
      }
    }
    await deleteObjects(call, targets);
    return status;
  },
};
