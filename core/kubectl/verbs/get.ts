// kubectl get (pkg/cmd/get): tables, -o wide|yaml|json|name|jsonpath=…|custom-columns=…,
// -A, -l, --show-labels, and -w (watch until Ctrl-C).

import { fieldSelector } from "../field-selector.js";
import { Cancelled } from "../../kernel/cancellation.js";
import type { Event, Namespace, Pod } from "../../kube/api/types.js";
import { jsonpath, JsonPathError } from "../jsonpath.js";
import { eventTable, namespaceTable, podTable, type Table, tableText } from "../printers/tables.js";
import { GET_TABLE, humanDuration, tabwrite } from "../printers/tabwriter.js";
import { toJson, toYaml } from "../printers/yaml.js";
import { KIND_OF, type Resource, type ResourceRef, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";

type Obj = Pod | Namespace | Event | Record<string, unknown>;

function matchSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (selector === undefined) return true;
  return selector.split(",").every((term) => {
    const m = /^\s*([\w./-]+)\s*(!=|==|=)?\s*([\w./-]*)\s*$/.exec(term);
    if (m === null) return false;
    const v = labels?.[m[1]!];
    if (m[2] === undefined) return m[1]!.startsWith("!") ? labels?.[m[1]!.slice(1)] === undefined : v !== undefined;
    return m[2] === "!=" ? v !== m[3] : v === m[3];
  });
}

export function nodeObject(call: KubectlCall): Record<string, unknown> {
  const p = call.cluster.profile;
  return {
    apiVersion: "v1", kind: "Node",
    metadata: { name: p.node.nodeName, labels: { "kubernetes.io/hostname": p.node.nodeName, "kubernetes.io/os": "linux", "node-role.kubernetes.io/control-plane": "" }, creationTimestamp: new Date(call.cluster.node.kernel.bootTime + 60_000).toISOString().replace(/\.\d+Z$/, "Z") },
    status: { nodeInfo: { kubeletVersion: p.serverVersion.gitVersion, containerRuntimeVersion: p.runtimeVersion, kernelVersion: p.node.kernel.release, osImage: p.osImage, operatingSystem: "linux", architecture: "amd64" }, addresses: [{ type: "InternalIP", address: p.nodeIP }, { type: "Hostname", address: p.node.nodeName }] },
  };
}

export function lookupObjects(call: KubectlCall, resource: Resource, names: readonly string[], allNamespaces: boolean): { objects: Obj[]; missing: string[]; error?: string } {
  const c = call.cluster;
  const ns = allNamespaces ? undefined : call.namespace;
  let all: Obj[];
  switch (resource) {
    case "pods": all = c.store.listPods(ns); break;
    case "namespaces": all = [...c.store.namespaces.values()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1)); break;
    case "events": all = c.store.events.filter((e) => ns === undefined || e.metadata.namespace === ns); break;
    case "nodes": all = [nodeObject(call)]; break;
    case "services": all = ns === undefined || ns === "default" ? [{ apiVersion: "v1", kind: "Service", metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } } }] : []; break;
  }
  if (names.length === 0) {
    const fields = call.str("field-selector");
    const selected = fields === undefined ? () => true : fieldSelector(resource, fields);
    if (typeof selected !== "function") {
      const server = selected.error.startsWith("field label");
      return { objects: [], missing: [], error: server ? `Error from server (BadRequest): Unable to find "/v1, Resource=${resource}" that match label selector "${call.str("selector") ?? ""}", field selector "${fields}": ${selected.error}` : `error: ${selected.error}` };
    }
    return { objects: all.filter((o) => matchSelector((o as Pod).metadata?.labels, call.str("selector")) && selected(o as Record<string, unknown>)), missing: [] };
  }
  const objects: Obj[] = [];
  const missing: string[] = [];
  for (const n of names) {
    const o = all.find((x) => (x as Pod).metadata?.name === n);
    if (o === undefined) missing.push(n);
    else objects.push(o);
  }
  return { objects, missing };
}

function table(call: KubectlCall, resource: Resource, objects: Obj[], now: number): Table {
  switch (resource) {
    case "pods": return podTable(objects as Pod[], now);
    case "namespaces": return namespaceTable(objects as Namespace[], now);
    case "events": return eventTable(objects as Event[], now);
    case "nodes": {
      const p = call.cluster.profile;
      return { headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"], wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"], rows: [{ cells: [p.node.nodeName, "Ready", "control-plane", humanDuration(call.cluster.node.kernel.uptime() - 60_000), p.serverVersion.gitVersion], wide: [p.nodeIP, "<none>", p.osImage, p.node.kernel.release, p.runtimeVersion], namespace: "", labels: {} }] };
    }
    case "services":
      return { headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], wide: ["SELECTOR"], rows: objects.map(() => ({ cells: ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", humanDuration(call.cluster.node.kernel.uptime() - 60_000)], wide: ["<none>"], namespace: "default", labels: {} })) };
  }
}

/**
 * The TYPE NAME… arguments of get/describe; undefined after kubectl's message when they are
 * wrong or missing (`hint` goes between "Required resource not specified." and "See …").
 */
export async function resourceArgs(call: KubectlCall, hint = ""): Promise<ResourceRef[] | undefined> {
  const refs = parseResourceArgs(call.args);
  if ("error" in refs) {
    await call.err(`error: ${refs.error}\n`);
    return undefined;
  }
  if (refs.length > 0) return refs;
  await call.err(`You must specify the type of resource to ${call.verb}. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n${hint}See 'kubectl ${call.verb} -h' for help and examples\n`);
  return undefined;
}

export function notFound(resource: Resource, name: string): string {
  return `Error from server (NotFound): ${resource} "${name}" not found`;
}

async function print(call: KubectlCall, resource: Resource, objects: Obj[], headers: boolean): Promise<void> {
  const output = call.str("output") ?? "";
  const now = call.ctx.sys.now();
  const single = objects.length === 1 && (call.args.length > 1 || call.args[0]?.includes("/"));
  const list = { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
  if (output === "yaml") return call.out(toYaml(single ? objects[0] : list));
  if (output === "json") return call.out(toJson(single ? objects[0] : list));
  if (output === "name") return call.out(objects.map((o) => `${KIND_OF[resource]}/${(o as Pod).metadata.name}\n`).join(""));
  if (output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=")) {
    const tpl = output.slice(output.indexOf("=") + 1).replace(/^'(.*)'$/, "$1");
    return call.out(jsonpath(tpl, single ? objects[0] : list));
  }
  if (output.startsWith("custom-columns=")) {
    const cols = output.slice("custom-columns=".length).split(",").map((c) => c.split(":") as [string, string]);
    if (cols.some((c) => c[1] === undefined)) throw new UsageError(`custom-columns format specified but no custom columns given`);
    const lines = [cols.map((c) => c[0]).join("\t")];
    for (const o of objects) lines.push(cols.map(([, path]) => jsonpath(`{${path.startsWith(".") ? path : `.${path}`}}`, o) || "<none>").join("\t"));
    return call.out(tabwrite(`${lines.join("\n")}\n`, GET_TABLE));
  }
  if (output !== "" && output !== "wide") throw new UsageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  const t = table(call, resource, objects, now);
  await call.out(tabwrite(tableText(t, { wide: output === "wide", namespace: call.bool("all-namespaces") && resource !== "namespaces" && resource !== "nodes", labels: call.bool("show-labels"), headers }), GET_TABLE));
}

export const get: Verb = {
  name: "get", short: "Display one or many resources",
  flags: [
    { name: "output", short: "o", type: "string" }, { name: "all-namespaces", short: "A", type: "bool" }, { name: "selector", short: "l", type: "string" },
    { name: "field-selector", type: "string" }, { name: "show-labels", type: "bool" }, { name: "watch", short: "w", type: "bool" }, { name: "no-headers", type: "bool" },
  ],
  async run(call) {
    const refs = await resourceArgs(call, "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n");
    if (refs === undefined) return 1;
    let status = 0;
    try {
      for (const ref of refs) {
        const { objects, missing, error } = lookupObjects(call, ref.resource, ref.names, call.bool("all-namespaces"));
        if (error !== undefined) {
          await call.err(`${error}\n`);
          return 1;
        }
        if (objects.length > 0 || ref.names.length === 0) {
          if (objects.length === 0 && refs.length === 1 && !call.bool("watch")) {
            await call.err(call.bool("all-namespaces") ? "No resources found\n" : `No resources found in ${call.namespace} namespace.\n`);
          } else if (objects.length > 0 || call.bool("watch")) await print(call, ref.resource, objects, !call.bool("no-headers"));
        }
        for (const m of missing) {
          status = 1;
          await call.err(`${notFound(ref.resource, m)}\n`);
        }
        if (call.bool("watch") && ref.resource === "pods") return await watchPods(call, ref.names);
      }
    } catch (err) {
      if (err instanceof JsonPathError) {
        await call.err(`error: error executing jsonpath "${call.str("output")?.replace(/^jsonpath=/, "")}": Error executing template: ${err.message}. Printing more information for debugging the template:\n`);
        return 1;
      }
      throw err;
    }
    return status;
  },
};

/** get -w: one line per change of a watched pod, until interrupted. */
function watchPods(call: KubectlCall, names: readonly string[]): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    // A line per visible change: status writes that change no column print nothing.
    const shown = new Map<string, string>();
    const watched = (pod: Pod) => (pod.metadata.namespace === call.namespace || call.bool("all-namespaces")) && (names.length === 0 || names.includes(pod.metadata.name!));
    const changed = (pod: Pod): boolean => {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const row = JSON.stringify(podTable([pod], call.ctx.sys.now()).rows[0]?.cells.slice(0, -1));
      if (shown.get(key) === row) return false;
      shown.set(key, row);
      return true;
    };
    for (const pod of call.cluster.store.listPods(undefined)) if (watched(pod)) changed(pod);
    const off = call.cluster.store.watch((change) => {
      if (change.kind !== "Pod") return;
      const pod = change.object as Pod;
      if (watched(pod) && changed(pod)) void print(call, "pods", [pod], false);
    });
    call.ctx.proc.lifetime.onCancel((reason) => {
      off();
      reject(new Cancelled(reason));
    });
    void resolve;
  });
}
