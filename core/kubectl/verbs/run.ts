// kubectl run NAME --image=IMAGE [--restart=Never] [--labels=k=v] [--env=K=V] [--command] [-- ARGS]
// (pkg/cmd/run): a pod labelled run=NAME, created like a manifest would be.

import type { Verb } from "../types.js";
import { UsageError } from "../types.js";

export const run: Verb = {
  name: "run", short: "Run a particular image on the cluster",
  flags: [
    { name: "image", type: "string" }, { name: "restart", type: "string" }, { name: "labels", short: "l", type: "string" }, { name: "env", type: "stringArray" },
    { name: "command", type: "bool" }, { name: "dry-run", type: "string" }, { name: "output", short: "o", type: "string" }, { name: "port", type: "string" },
    { name: "stdin", short: "i", type: "bool" }, { name: "tty", short: "t", type: "bool" }, { name: "rm", type: "bool" },
  ],
  async run(call) {
    const name = call.args[0];
    if (name === undefined || (call.argsLenAtDash === 0)) throw new UsageError("NAME is required for run");
    const image = call.str("image");
    if (image === undefined || image === "") throw new UsageError("--image is required");
    if (call.bool("stdin") || call.bool("tty")) {
      await call.err("error: attaching to a pod (kubectl run -i/-t) is not emulated by podlab; create the pod, then use kubectl exec -it POD -- sh\n");
      return 1;
    }
    const rest = call.argsLenAtDash >= 0 ? call.args.slice(call.argsLenAtDash) : call.args.slice(1);
    const labels: Record<string, string> = {};
    for (const kv of (call.str("labels") ?? `run=${name}`).split(",")) {
      const [k, v] = kv.split("=");
      if (k) labels[k] = v ?? "";
    }
    const container: Record<string, unknown> = { name, image, resources: {} };
    if (rest.length > 0) container[call.bool("command") ? "command" : "args"] = rest;
    const env = (call.flags.get("env") as string[] | undefined) ?? [];
    if (env.length > 0) container.env = env.map((e) => ({ name: e.split("=")[0], value: e.slice(e.indexOf("=") + 1) }));
    const pod = {
      apiVersion: "v1", kind: "Pod", metadata: { labels, name },
      spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: call.str("restart") ?? "Always" },
    };
    const [outcome] = call.cluster.submit("STDIN", JSON.stringify(pod), "create", call.namespaceExplicit ? call.namespace : undefined);
    if (outcome === undefined || outcome.kind === "error") {
      await call.err(`${(outcome?.text ?? "error: nothing created").replace(/error when creating "STDIN": /, "")}\n`);
      return 1;
    }
    for (const w of outcome.warnings) await call.err(`Warning: ${w}\n`);
    await call.out(`${outcome.line}\n`);
    return 0;
  },
};
