// kubectl config: the few subcommands labs use (current-context, get-contexts, view,
// set-context --current --namespace=NS).

import { GET_TABLE, tabwrite } from "../printers/tabwriter.js";
import type { Verb } from "../types.js";
import { UsageError } from "../types.js";

export const config: Verb = {
  name: "config", short: "Modify kubeconfig files",
  flags: [{ name: "current", type: "bool" }, { name: "minify", type: "bool" }],
  async run(call) {
    const state = call.kubeconfig;
    const sub = call.args[0];
    switch (sub) {
      case "current-context":
        await call.out("kubernetes-admin@kubernetes\n");
        return 0;
      case "get-contexts":
        // get_contexts.go printContextHeaders / printContext through printers.GetNewTabWriter.
        await call.out(tabwrite(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\tkubernetes-admin@kubernetes\tkubernetes\tkubernetes-admin\t${state.namespace === "default" ? "" : state.namespace}\n`, GET_TABLE));
        return 0;
      case "set-context": {
        const ns = call.args.find((a) => a.startsWith("--namespace="))?.slice(12) ?? (call.namespaceExplicit ? call.namespace : undefined);
        if (!call.bool("current") && call.args[1] !== "kubernetes-admin@kubernetes") throw new UsageError("you must specify a non-empty context name or --current");
        if (ns !== undefined) state.namespace = ns;
        await call.out(`Context "kubernetes-admin@kubernetes" modified.\n`);
        return 0;
      }
      case "view":
        await call.out(`apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://${call.cluster.profile.nodeIP}:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n${state.namespace === "default" ? "" : `    namespace: ${state.namespace}\n`}    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`);
        return 0;
      default:
        // DefaultSubCommandRun → RequireNoArguments: UsageErrorf(c, "unknown command %q", args joined).
        if (sub !== undefined) throw new UsageError(`unknown command ${JSON.stringify(call.args.join(" "))}`);
        throw new UsageError("config requires a subcommand");
    }
  },
};
