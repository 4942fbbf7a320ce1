// kubectl describe (pkg/cmd/describe/describe.go, pkg/describe): pods in full; namespaces and
// nodes briefly. Several objects are separated by a blank line; errors (NotFound) come after what
// could be described; `describe TYPE PREFIX` describes every object whose name starts with PREFIX
// when none is called exactly that (DescribeMatchingResources).

import type { Namespace, Pod } from "../../kube/api/types.js";
import { describeEvents, describePod } from "../printers/describe-pod.js";
import { DESCRIBE, tabwrite } from "../printers/tabwriter.js";
import { type Resource, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

function describeOne(call: KubectlCall, resource: Resource, o: unknown): string {
  const now = call.ctx.sys.now();
  if (resource === "pods") {
    const pod = o as Pod;
    return describePod(pod, call.cluster.store.eventsFor(pod.metadata.uid!), now, { minor: Number(call.cluster.profile.kubectlVersion.gitVersion.split(".")[1]) });
  }
  if (resource === "namespaces") {
    // describeNamespace(): no quotas and no limit ranges in this lab.
    const ns = o as Namespace;
    const labels = Object.keys(ns.metadata.labels ?? {}).sort().map((k, i) => `${i === 0 ? "Labels:" : ""}\t${k}=${ns.metadata.labels![k]}\n`).join("") || "Labels:\t<none>\n";
    return tabwrite(`Name:\t${ns.metadata.name}\n${labels}Annotations:\t<none>\nStatus:\t${ns.status?.phase ?? ""}\n\nNo resource quota.\n\nNo LimitRange resource.\n`, DESCRIBE);
  }
  return tabwrite(`Name:\t${(o as Pod).metadata.name}\n`, DESCRIBE) + describeEvents([], now);
}

export const describe: Verb = {
  name: "describe", short: "Show details of a specific resource or group of resources",
  flags: [{ name: "all-namespaces", short: "A", type: "bool" }, { name: "selector", short: "l", type: "string" }, { name: "show-events", type: "bool" }],
  async run(call) {
    if (call.args.length === 0) {
      await call.err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
      return 1;
    }
    const refs = parseResourceArgs(call.args);
    if ("error" in refs) {
      await call.err(`error: ${refs.error}\n`);
      return 1;
    }
    const blocks: string[] = [];
    const errors: string[] = [];
    let found = 0;
    for (const ref of refs) {
      const { objects, missing } = lookupObjects(call, ref.resource, ref.names, call.bool("all-namespaces"));
      found += objects.length;
      for (const o of objects) blocks.push(describeOne(call, ref.resource, o));
      for (const m of missing) errors.push(notFound(ref.resource, m));
    }
    // Run(): a NotFound for exactly "TYPE NAME" falls back to the names starting with NAME.
    if (errors.length > 0 && found === 0 && call.args.length === 2 && !call.args[0]!.includes("/")) {
      const ref = refs[0]!;
      const matching = lookupObjects(call, ref.resource, [], false).objects.filter((o) => ((o as Pod).metadata.name ?? "").startsWith(ref.names[0]!));
      if (matching.length > 0) {
        await call.out(matching.map((o) => `${describeOne(call, ref.resource, o)}\n`).join(""));
        return 0;
      }
    }
    await call.out(blocks.join("\n\n"));
    if (found === 0 && errors.length === 0) {
      await call.err(call.bool("all-namespaces") ? "No resources found\n" : `No resources found in ${call.namespace} namespace.\n`);
    }
    if (errors.length > 0) {
      await call.err(`${errors.join("\n")}\n`);
      return 1;
    }
    return 0;
  },
};
