// kubectl wait (pkg/cmd/wait): --for=condition=X[=value], --for=delete, --for=jsonpath='{…}'=v,
// with --timeout (default 30s); waits on the cluster's clock.

import { Cancelled } from "../../kernel/cancellation.js";
import type { Pod } from "../../kube/api/types.js";
import { parseDuration } from "../flags.js";
import { jsonpath } from "../jsonpath.js";
import { parseResourceArgs } from "../resources.js";
import type { Verb } from "../types.js";
import { UsageError } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

export const wait: Verb = {
  name: "wait", short: "Experimental: Wait for a specific condition on one or many resources",
  flags: [{ name: "for", type: "string" }, { name: "timeout", type: "string" }, { name: "all", type: "bool" }, { name: "selector", short: "l", type: "string" }, { name: "filename", short: "f", type: "stringArray" }],
  async run(call) {
    const cond = call.str("for");
    if (cond === undefined) throw new UsageError("--for must be specified");
    const timeout = parseDuration(call.str("timeout") ?? "30s");
    if (timeout === undefined) throw new UsageError(`invalid timeout "${call.str("timeout")}"`);
    const refs = parseResourceArgs(call.args);
    if ("error" in refs) {
      await call.err(`error: ${refs.error}\n`);
      return 1;
    }
    const pods: Pod[] = [];
    for (const ref of refs) {
      const { objects, missing } = lookupObjects(call, ref.resource, ref.names, false);
      pods.push(...(objects as Pod[]));
      for (const m of missing) {
        if (cond === "delete") {
          await call.out(`pod/${m} condition met\n`);
          continue;
        }
        await call.err(`${notFound(ref.resource, m)}\n`);
        return 1;
      }
    }
    const test = (pod: Pod | undefined): boolean => {
      if (cond === "delete") return pod === undefined;
      if (pod === undefined) return false;
      const m = /^condition=([^=]+)(?:=(.*))?$/i.exec(cond);
      if (m !== null) return (pod.status?.conditions ?? []).some((c) => c.type.toLowerCase() === m[1]!.toLowerCase() && c.status.toLowerCase() === (m[2] ?? "true").toLowerCase());
      const j = /^jsonpath=(.+?)=(.*)$/.exec(cond);
      if (j !== null) return jsonpath(j[1]!.replace(/^'|'$/g, ""), pod) === j[2];
      throw new UsageError(`unrecognized condition: "${cond}"`);
    };
    const deadline = call.cluster.node.kernel.baseClock.now() + timeout;
    let status = 0;
    for (const pod of pods) {
      const current = () => call.cluster.store.getPod(pod.metadata.namespace!, pod.metadata.name!);
      const met = await new Promise<boolean>((resolve, reject) => {
        if (test(current())) return resolve(true);
        const off = call.cluster.store.watch(() => {
          if (test(current())) {
            off();
            timer.cancel();
            resolve(true);
          }
        });
        const timer = call.cluster.node.kernel.baseClock.at(deadline, () => {
          off();
          resolve(false);
        });
        call.ctx.proc.lifetime.onCancel((r) => {
          off();
          timer.cancel();
          reject(new Cancelled(r));
        });
      });
      if (met) await call.out(`pod/${pod.metadata.name} condition met\n`);
      else {
        await call.err(`error: timed out waiting for the condition on pods/${pod.metadata.name}\n`);
        status = 1;
      }
    }
    return status;
  },
};
