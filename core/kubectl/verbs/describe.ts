// kubectl describe (pkg/describe): pods in full; namespaces and nodes briefly.

import type { Namespace, Pod } from "../../kube/api/types.js";
import { describeEvents, describePod } from "../printers/describe-pod.js";
import { DESCRIBE, tabwrite } from "../printers/tabwriter.js";
import type { Verb } from "../types.js";
import { lookupObjects, notFound, resourceArgs } from "./get.js";

export const describe: Verb = {
  name: "describe", short: "Show details of a specific resource or group of resources",
  flags: [{ name: "all-namespaces", short: "A", type: "bool" }, { name: "selector", short: "l", type: "string" }, { name: "show-events", type: "bool" }],
  async run(call) {
    const refs = await resourceArgs(call);
    if (refs === undefined) return 1;
    const now = call.ctx.sys.now();
    let status = 0;
    const blocks: string[] = [];
    for (const ref of refs) {
      const { objects, missing } = lookupObjects(call, ref.resource, ref.names, call.bool("all-namespaces"));
      for (const o of objects) {
        if (ref.resource === "pods") {
          const pod = o as Pod;
          blocks.push(describePod(pod, call.cluster.store.eventsFor(pod.metadata.uid!), now));
        } else if (ref.resource === "namespaces") {
          const ns = o as Namespace;
          const labels = Object.keys(ns.metadata.labels ?? {}).sort().map((k, i) => `${i === 0 ? "Labels:" : ""}\t${k}=${ns.metadata.labels![k]}\n`).join("") || "Labels:\t<none>\n";
          blocks.push(tabwrite(`Name:\t${ns.metadata.name}\n${labels}Annotations:\t<none>\nStatus:\t${ns.status?.phase ?? "Active"}\n\nNo resource quota.\n\nNo LimitRange resource.\n`, DESCRIBE));
        } else blocks.push(tabwrite(`Name:\t${(o as Pod).metadata.name}\n`, DESCRIBE) + describeEvents([], now));
      }
      if (objects.length === 0 && ref.names.length === 0) await call.err(`No resources found in ${call.namespace} namespace.\n`);
      for (const m of missing) {
        status = 1;
        await call.err(`${notFound(ref.resource, m)}\n`);
      }
    }
    await call.out(blocks.join("\n\n"));
    return status;
  },
};
