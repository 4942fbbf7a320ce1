// kubectl create -f FILE and kubectl create namespace NAME (pkg/cmd/create).

import type { Verb } from "../types.js";
import { UsageError } from "../types.js";
import { submit } from "./apply.js";

export const create: Verb = {
  name: "create", short: "Create a resource from a file or from stdin",
  flags: [{ name: "filename", short: "f", type: "stringArray" }, { name: "dry-run", type: "string" }, { name: "validate", type: "string" }, { name: "output", short: "o", type: "string" }, { name: "save-config", type: "bool" }],
  async run(call) {
    const [sub, name] = call.args;
    if (sub === undefined) return submit(call, "create");
    if (sub !== "namespace" && sub !== "ns") throw new UsageError(`Unexpected args: [${call.args.join(" ")}]`);
    if (name === undefined) throw new UsageError("NAME is required");
    const r = call.cluster.createNamespace(name, {});
    if (r.kind === "error") {
      await call.err(`${r.text.replace(/^Error from server \(AlreadyExists\): namespaces/, "Error from server (AlreadyExists): namespaces")}\n`);
      return 1;
    }
    await call.out(`${r.line}\n`);
    return 0;
  },
};
