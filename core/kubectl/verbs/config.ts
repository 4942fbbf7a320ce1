// kubectl config: the few subcommands labs use (current-context, get-contexts, view,
// set-context --current --namespace=NS).

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
        await call.out(`CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   ${state.namespace === "default" ? "" : state.namespace}\n`);
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
        throw new UsageError(sub === undefined ? "config requires a subcommand" : `unknown command "${sub}" for "kubectl config"`);
    }
  },
};
