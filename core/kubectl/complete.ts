// `kubectl __complete ARGS… PARTIAL`: cobra's completion protocol (spf13/cobra completions.go),
// which the bash completion script from `kubectl completion bash` calls on every Tab. It prints
// one candidate per line, then `:N`, N being the ShellCompDirective (4 = no file completion,
// 0 = let the shell complete file names).

import type { Cluster } from "../kube/cluster.js";
import { KIND_OF, resolveResource } from "./resources.js";
import type { Verb } from "./types.js";

const NO_FILE_COMP = 4;
const DEFAULT = 0;

/** Verbs whose first argument is a resource type and the next ones its names. */
const TYPE_THEN_NAMES = new Set(["get", "describe", "delete", "label", "annotate", "wait", "explain"]);
/** Verbs whose first argument is a pod name. */
const POD_FIRST = new Set(["attach", "exec", "logs"]);
const OUTPUT_FORMATS = ["json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns", "custom-columns-file", "wide"];
/** Flags that take a value (the value is never a positional argument). */
const VALUED = new Set(["-n", "--namespace", "-f", "--filename", "-o", "--output", "-c", "--container", "-l", "--selector", "--for", "--timeout", "--image", "--grace-period", "--context", "--kubeconfig"]);

export function completeArgs(verbs: readonly Verb[], cluster: Cluster, namespace: string, words: readonly string[]): { candidates: string[]; directive: number } {
  const partial = words.at(-1) ?? "";
  const done = words.slice(0, -1);
  const previous = done.at(-1);
  const ns = namespaceOf(done) ?? namespace;
  const result = (list: Iterable<string>, directive = NO_FILE_COMP) => ({ candidates: [...list].filter((c) => c.startsWith(partial)), directive });
  if (previous === "-n" || previous === "--namespace") return result(cluster.store.namespaces.keys());
  if (previous === "-o" || previous === "--output") return result(OUTPUT_FORMATS);
  if (previous === "-f" || previous === "--filename") return { candidates: [], directive: DEFAULT };
  if (partial.startsWith("-")) return { candidates: [], directive: NO_FILE_COMP };
  const positional = done.filter((w, i) => !w.startsWith("-") && !VALUED.has(done[i - 1] ?? "") && !done.slice(0, i).includes("--"));
  if (done.includes("--")) return { candidates: [], directive: DEFAULT };
  const [verb, ...args] = positional;
  if (verb === undefined) return result(verbs.map((v) => v.name).sort());
  const pods = () => cluster.store.listPods(ns).map((p) => p.metadata.name ?? "");
  if (POD_FIRST.has(verb)) return args.length === 0 ? result(pods()) : result([]);
  if (verb === "create" && args.length === 0) return result(["namespace"]);
  if (TYPE_THEN_NAMES.has(verb)) {
    if (args.length === 0) return result(Object.keys(KIND_OF).sort());
    const type = resolveResource(args[0]!);
    if (type === "pods") return result(pods());
    if (type === "namespaces") return result(cluster.store.namespaces.keys());
    return result([]);
  }
  return result([]);
}

function namespaceOf(words: readonly string[]): string | undefined {
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if ((w === "-n" || w === "--namespace") && words[i + 1] !== undefined) return words[i + 1];
    if (w.startsWith("--namespace=")) return w.slice(12);
  }
  return undefined;
}
