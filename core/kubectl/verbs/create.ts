// kubectl create -f FILE and kubectl create namespace NAME (pkg/cmd/create).

import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";
import { DRY_RUN_FLAG, kubectlMinor, printFlags, submit } from "./apply.js";
import { PrintError } from "../jsonpath.js";

/**
 * create_namespace.go: NameFromCommandArgs, then Complete (GetDryRunStrategy, the printer), then
 * Run: the Namespace kubectl builds (createNamespace), sent unless --dry-run=client.
 */
async function createNamespace(call: KubectlCall): Promise<number> {
  const args = call.args.slice(1);
  const count = call.argsLenAtDash >= 0 ? call.argsLenAtDash - 1 : args.length;
  if (count !== 1) {
    // UsageErrorf names the subcommand's path.
    await call.err(`error: exactly one NAME is required, got ${count}\nSee 'kubectl create namespace -h' for help and examples\n`);
    return 1;
  }
  const name = args[0]!;
  const flags = await printFlags(call);
  if (flags === undefined) return 1;
  const { dryRun, printer } = flags;
  let object: unknown;
  if (dryRun === "client") {
    // The corev1.Namespace as encoding/json writes it: spec and status are structs (never
    // omitted); a zero creationTimestamp is null until apimachinery v0.34 tags it omitzero.
    object = { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(kubectlMinor(call) >= 34 ? {} : { creationTimestamp: null }) }, spec: {}, status: {} };
  } else {
    const r = call.cluster.createNamespace(name, {}, undefined, dryRun === "server" ? "server" : undefined);
    if (r.kind === "error") {
      await call.err(`${r.text}\n`);
      return 1;
    }
    for (const w of r.warnings) await call.err(`Warning: ${w}\n`);
    object = r.object;
  }
  try {
    await call.out(printer.print(object, `namespace/${name} created`, "go"));
  } catch (err) {
    if (!(err instanceof PrintError)) throw err;
    await call.err(`error: ${err.message}`);
    return 1;
  }
  return 0;
}

export const create: Verb = {
  name: "create", short: "Create a resource from a file or from stdin",
  flags: [
    { name: "filename", short: "f", type: "stringArray" }, DRY_RUN_FLAG, { name: "validate", type: "string", noOptDefVal: "strict" },
    { name: "output", short: "o", type: "string" }, { name: "save-config", type: "bool" },
  ],
  async run(call) {
    const [sub] = call.args;
    if (sub === undefined) return submit(call, "create");
    if (sub !== "namespace" && sub !== "ns") throw new UsageError(`Unexpected args: [${call.args.join(" ")}]`);
    return createNamespace(call);
  },
};
