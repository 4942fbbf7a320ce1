// The kubectl program on the learner's workstation: global flags, the verb table (one file per
// verb), and kubectl's error wording and exit codes (cmd/util/helpers.go CheckErr).

import { completeArgs } from "./complete.js";
import { Cancelled } from "../kernel/cancellation.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Cluster } from "../kube/cluster.js";
import { type FlagSpec, parseFlags } from "./flags.js";
import type { KubectlCall, Verb } from "./types.js";
import { UsageError } from "./types.js";
import { annotate, label } from "./verbs/label.js";
import { apply } from "./verbs/apply.js";
import { attach } from "./verbs/attach.js";
import { config } from "./verbs/config.js";
import { create } from "./verbs/create.js";
import { deleteVerb } from "./verbs/delete.js";
import { describe } from "./verbs/describe.js";
import { events } from "./verbs/events.js";
import { exec } from "./verbs/exec.js";
import { explain } from "./verbs/explain.js";
import { get } from "./verbs/get.js";
import { logs } from "./verbs/logs.js";
import { run } from "./verbs/run.js";
import { version } from "./verbs/version.js";
import { wait } from "./verbs/wait.js";

export const VERBS: readonly Verb[] = [annotate, apply, attach, config, create, deleteVerb, describe, events, exec, explain, get, label, logs, run, version, wait];

const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" }, { name: "kubeconfig", type: "string" }, { name: "context", type: "string" },
  { name: "v", short: "v", type: "int" }, { name: "request-timeout", type: "string" }, { name: "help", short: "h", type: "bool" },
];

/** The workstation's kubeconfig state (current namespace of the current context). */
export interface KubeConfig {
  namespace: string;
}

/** kubectl's available (non-hidden) commands, as cobra lists them (by name). */
const KUBECTL_COMMANDS = [
  "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate", "cluster-info", "completion",
  "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose",
  "get", "help", "kustomize", "label", "logs", "options", "patch", "plugin", "port-forward", "proxy", "replace", "rollout", "run",
  "scale", "set", "taint", "top", "uncordon", "version", "wait",
];

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function help(): string {
  const lines = [
    "kubectl controls the Kubernetes cluster manager.", "", " Find more information at: https://kubernetes.io/docs/reference/kubectl/", "",
    "Basic Commands (Beginner):", "  create          Create a resource from a file or from stdin", "  run             Run a particular image on the cluster", "",
    "Basic Commands (Intermediate):", "  explain         Get documentation for a resource", "  get             Display one or many resources", "  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector", "",
    "Troubleshooting and Debugging Commands:", "  describe        Show details of a specific resource or group of resources", "  logs            Print the logs for a container in a pod", "  attach          Attach to a running container", "  exec            Execute a command in a container", "",
    "Advanced Commands:", "  apply           Apply a configuration to a resource by file name or stdin", "  wait            Experimental: Wait for a specific condition on one or many resources", "",
    "Settings Commands:", "  label           Update the labels on a resource", "  annotate        Update the annotations on a resource", "",
    "Other Commands:", "  config          Modify kubeconfig files", "  version         Print the client and server version information", "",
    "Usage:", "  kubectl [flags] [options]", "", "Use \"kubectl <command> --help\" for more information about a given command.", "Use \"kubectl options\" for a list of global command-line options (applies to all commands).", "",
  ];
  return lines.join("\n");
}

export async function kubectlMain(ctx: ProgramContext, cluster: Cluster, kubeconfig: KubeConfig): Promise<number> {
  const argv = ctx.argv.slice(1);
  const out = (t: string) => ctx.stdout.write(t);
  const err = (t: string) => ctx.stderr.write(t);
  if (argv[0] === "__complete" || argv[0] === "__completeNoDesc") {
    const { candidates, directive } = completeArgs(VERBS, cluster, kubeconfig.namespace, argv.slice(1));
    await out(candidates.map((c) => `${c}\n`).join("") + `:${directive}\n`);
    await err(`Completion ended with directive: ${directive === 4 ? "ShellCompDirectiveNoFileComp" : "ShellCompDirectiveDefault"}\n`);
    return 0;
  }
  // The verb is the first argument that is not a flag (global flags may come first).
  let verbIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a.startsWith("-")) {
      if ((a === "-n" || a === "--namespace" || a === "--context" || a === "--kubeconfig") && !a.includes("=")) i++;
      continue;
    }
    verbIndex = i;
    break;
  }
  if (verbIndex < 0) {
    if (argv.some((a) => a === "--help" || a === "-h") || argv.length === 0) {
      await out(help());
      return 0;
    }
  }
  const verbName = verbIndex < 0 ? "" : argv[verbIndex]!;
  const verb = VERBS.find((v) => v.name === verbName || v.aliases?.includes(verbName));
  if (verb === undefined) {
    if (verbName === "help") {
      await out(help());
      return 0;
    }
    if (KUBECTL_COMMANDS.includes(verbName)) {
      await err(`error: "kubectl ${verbName}" is not available in this lab\n`);
      return 1;
    }
    // cobra Command.findSuggestions(): Levenshtein distance <= 2 or a prefix, ignoring case,
    // over the available commands in name order; kubectl's CheckErr prints it after "error: ".
    const typed = verbName.toLowerCase();
    const suggestions = KUBECTL_COMMANDS.filter((c) => levenshtein(c, typed) <= 2 || c.startsWith(typed));
    await err(`error: unknown command "${verbName}" for "kubectl"${suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join("")}` : "\n"}`);
    return 1;
  }
  const rest = [...argv.slice(0, verbIndex), ...argv.slice(verbIndex + 1)];
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...verb.flags]);
  if ("error" in parsed) {
    await err(`error: ${parsed.error}\nSee 'kubectl ${verb.name} --help' for usage.\n`);
    return 1;
  }
  if (parsed.values.get("help") === true) {
    await out(`${verb.short}.\n\nUsage:\n  kubectl ${verb.name} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`);
    return 0;
  }
  const ns = parsed.values.get("namespace") as string | undefined;
  const call: KubectlCall = {
    ctx, cluster, verb: verb.name, args: parsed.args, argsLenAtDash: parsed.argsLenAtDash, flags: parsed.values,
    namespace: ns ?? kubeconfig.namespace, namespaceExplicit: ns !== undefined, kubeconfig,
    out, err,
    str: (name) => parsed.values.get(name) as string | undefined,
    bool: (name) => parsed.values.get(name) === true,
  };
  try {
    return await verb.run(call);
  } catch (e) {
    if (e instanceof UsageError) {
      await err(`error: ${e.message}\nSee 'kubectl ${verb.name} -h' for help and examples\n`);
      return 1;
    }
    if (e instanceof Cancelled) throw e;
    throw e;
  }
}
