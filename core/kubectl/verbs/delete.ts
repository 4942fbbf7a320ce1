// kubectl delete (pkg/cmd/delete): prints each deletion as the apiserver accepts it, then waits
// for the objects to be gone (--wait, the default), as a real cluster makes you wait out the
// grace period.

import type { Namespace, Pod } from "../../kube/api/types.js";
import { readSources } from "../manifests.js";
import { parseManifest } from "../../kube/api/decode.js";
import { MISSING_RESOURCE, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

/** NamespaceLifecycle admission's immortal namespaces (plugin/pkg/admission/namespace/lifecycle). */
const IMMORTAL = new Set(["default", "kube-system", "kube-public"]);

/** Deletes the targets, printing each; returns the errors (after which kubectl waits for nothing). */
async function deleteObjects(call: KubectlCall, targets: { resource: "pods" | "namespaces"; obj: Pod | Namespace }[], wait: boolean): Promise<string[]> {
  const grace = call.bool("now") ? 1 : (call.flags.get("grace-period") as number | undefined);
  const force = call.bool("force");
  if (force && grace === 0) await call.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  const waits: Promise<void>[] = [];
  const errors: string[] = [];
  for (const { resource, obj } of targets) {
    const name = obj.metadata.name!;
    if (resource === "namespaces" && IMMORTAL.has(name)) {
      errors.push(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`);
      continue;
    }
    // The DaemonSet and ReplicaSet would replace their pods, with processes podlab's node does
    // not have (a mirror pod is only an API object: the kubelet recreates it, kube-system.ts).
    const kind = resource === "pods" ? call.cluster.kubeSystem.templateOf(obj as Pod)?.kind : undefined;
    if (kind !== undefined && kind !== "mirror") {
      errors.push(`error: deleting ${name}, a pod of the ${kind} that kubeadm made, is not available in this lab`);
      continue;
    }
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
  if (errors.length === 0 && wait && call.flags.get("wait") !== false && !(force && grace === 0)) await Promise.all(waits);
  return errors;
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
    // With ContinueOnError the builder's NotFound errors come out after the deletions it could do
    // (CheckErr at the end), and then nothing is waited for.
    const errors: string[] = [];
    // deleteResource(): AddSourceToErr("deleting", info.Source, err) names the file it came from.
    // Every object the builder names is a delete attempt ("found"), even one the server no longer has.
    let attempted = 0;
    const missing = async (resource: string, name: string, source?: string) => {
      attempted++;
      if (call.bool("ignore-not-found")) return;
      status = 1;
      errors.push(source === undefined ? notFound(resource as "pods", name) : `Error from server (NotFound): error when deleting "${source}": ${resource} "${name}" not found`);
    };
    if (files.length > 0) {
      const sources = await readSources(call, files);
      if ("error" in sources) {
        await call.err(`${sources.error}\n`);
        return 1;
      }
      for (const src of sources) {
        for (const doc of parseManifest(src.name, src.text) as { kind?: string; metadata?: { name?: string; namespace?: string } }[]) {
          const name = doc.metadata?.name ?? "";
          if (doc.kind === "Namespace") {
            const ns = call.cluster.store.namespaces.get(name);
            if (ns === undefined) await missing("namespaces", name, src.name);
            else targets.push({ resource: "namespaces", obj: ns });
          } else {
            const pod = call.cluster.store.getPod(doc.metadata?.namespace ?? call.namespace, name);
            if (pod === undefined) await missing("pods", name, src.name);
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
      // The builder's missingResourceError and "no name" error are plain errors (CheckErr).
      if (refs.length === 0) {
        await call.err(`error: ${MISSING_RESOURCE}`);
        return 1;
      }
      for (const ref of refs) {
        if (ref.resource !== "pods" && ref.resource !== "namespaces") {
          await call.err(`Error from server (Forbidden): ${ref.resource} is forbidden in this lab\n`);
          return 1;
        }
        if (ref.names.length === 0 && !call.bool("all") && call.str("selector") === undefined) {
          await call.err("error: resource(s) were provided, but no name was specified\n");
          return 1;
        }
        const { objects, missing: gone } = lookupObjects(call, ref.resource, ref.names, false);
        for (const o of objects) targets.push({ resource: ref.resource, obj: o as Pod });
        for (const m of gone) await missing(ref.resource, m);
      }
    }
    if (targets.length === 0 && attempted === 0) {
      await call.out("No resources found\n");
      return 0;
    }
    errors.push(...await deleteObjects(call, targets, errors.length === 0));
    if (errors.length > 0) {
      await call.err(`${errors.join("\n")}\n`);
      status = 1;
    }
    return status;
  },
};
