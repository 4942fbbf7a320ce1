// kubectl wait (pkg/cmd/wait): --for=delete|condition=X[=value]|jsonpath='{…}'[=value] with
// --timeout (default 30s; 0 checks once; negative waits a week), on the cluster's clock. Objects
// are visited in order and the first failure ends the command (the builder has no
// ContinueOnError); each success prints "pod/NAME condition met".

import { Cancelled } from "../../kernel/cancellation.js";
import type { Pod } from "../../kube/api/types.js";
import { findJsonPath, JsonPathError, parseJsonPath, relaxedJsonPath } from "../jsonpath.js";
import { MISSING_RESOURCE, parseResourceArgs } from "../resources.js";
import type { Verb } from "../types.js";
import { lookupObjects, notFound } from "./get.js";

type Check = (pod: Pod | undefined) => boolean;

/** splitJSONPathInput(): split on single "=", keeping "==" inside the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        element += "==";
        i++;
        continue;
      }
      out.push(element);
      element = "";
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

/** conditionFuncFor(): the check, or kubectl's error text. */
function conditionFor(cond: string): Check | { error: string } {
  const lower = cond.toLowerCase();
  if (lower === "delete") return (pod) => pod === undefined;
  if (cond.startsWith("condition=")) {
    const rest = cond.slice("condition=".length);
    const eq = rest.indexOf("=");
    const name = eq < 0 ? rest : rest.slice(0, eq);
    const value = eq < 0 ? "true" : rest.slice(eq + 1);
    // strings.EqualFold on the condition type and status.
    return (pod) => pod !== undefined && (pod.status?.conditions ?? []).some((c) => c.type.toLowerCase() === name.toLowerCase() && c.status.toLowerCase() === value.toLowerCase());
  }
  if (cond.startsWith("jsonpath=")) {
    const parts = splitJsonPathInput(cond.slice("jsonpath=".length));
    if (parts.length < 1 || parts.length > 2) return { error: "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'" };
    let expr: string;
    try {
      expr = relaxedJsonPath(parts[0]!);
    } catch (err) {
      if (err instanceof JsonPathError) return { error: err.message };
      throw err;
    }
    const value = parts.length === 2 ? parts[1]!.replace(/^['"]+|['"]+$/g, "") : undefined;
    if (value === "") return { error: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
    if (expr === "") return { error: "jsonpath expression cannot be empty" };
    let tpl: ReturnType<typeof parseJsonPath>;
    try {
      tpl = parseJsonPath(expr);
    } catch (err) {
      if (err instanceof JsonPathError) return { error: err.message };
      throw err;
    }
    return (pod) => {
      if (pod === undefined) return false;
      const results = findJsonPath(tpl, JSON.parse(JSON.stringify(pod)));
      if (results.length === 0 || results[0]!.length === 0) return false;
      if (value === undefined) return true;
      const v = results[0]![0];
      if (v !== null && typeof v === "object") return false;
      return String(v ?? "<nil>").trim() === value.trim();
    };
  }
  return { error: `unrecognized condition: "${cond}"` };
}

export const wait: Verb = {
  name: "wait", short: "Experimental: Wait for a specific condition on one or many resources",
  flags: [{ name: "for", type: "string" }, { name: "timeout", type: "duration" }, { name: "all", type: "bool" }, { name: "selector", short: "l", type: "string" }, { name: "filename", short: "f", type: "stringArray" }],
  async run(call) {
    const cond = call.str("for") ?? "";
    const check = conditionFor(cond);
    if (typeof check !== "function") {
      await call.err(`error: ${check.error}\n`);
      return 1;
    }
    const raw = (call.flags.get("timeout") as number | undefined) ?? 30_000;
    const timeout = raw < 0 ? 168 * 3_600_000 : raw;
    const isDelete = cond.toLowerCase() === "delete";
    const refs = parseResourceArgs(call.args);
    if ("error" in refs) {
      await call.err(`error: ${refs.error}\n`);
      return 1;
    }
    if (refs.length === 0) {
      await call.err(`error: ${MISSING_RESOURCE}`);
      return 1;
    }
    let visited = 0;
    const deadline = call.cluster.node.kernel.baseClock.now() + timeout;
    for (const ref of refs) {
      if (ref.resource !== "pods") {
        await call.err(`error: ${ref.resource} are not supported by kubectl wait in this lab\n`);
        return 1;
      }
      const named = ref.names.length > 0 ? ref.names : lookupObjects(call, ref.resource, [], call.bool("all-namespaces")).objects.map((o) => (o as Pod).metadata.name!);
      for (const name of named) {
        const { objects } = lookupObjects(call, ref.resource, [name], false);
        const pod = objects[0] as Pod | undefined;
        if (pod === undefined) {
          // RetrieveLatest: NotFound, which --for=delete ignores.
          if (isDelete) return 0;
          await call.err(`${notFound(ref.resource, name)}\n`);
          return 1;
        }
        visited++;
        const current = () => call.cluster.store.getPod(pod.metadata.namespace!, pod.metadata.name!);
        if (timeout === 0) {
          if (!check(current())) {
            await call.err(`error: condition not met for pods/${name}\n`);
            return 1;
          }
          await call.out(`pod/${name} condition met\n`);
          continue;
        }
        const met = check(current()) || await new Promise<boolean>((resolve, reject) => {
          const off = call.cluster.store.watch(() => {
            if (check(current())) {
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
        if (!met) {
          await call.err(`error: timed out waiting for the condition on pods/${name}\n`);
          return 1;
        }
        await call.out(`pod/${name} condition met\n`);
      }
    }
    if (visited === 0 && !isDelete) {
      await call.err("error: no matching resources found\n");
      return 1;
    }
    return 0;
  },
};
