// kubectl get (pkg/cmd/get/get.go): tables, -o wide|yaml|json|name|jsonpath=…|custom-columns=…,
// -A, -l, --field-selector, --show-labels, --no-headers, and -w (watch until Ctrl-C).

import { fieldSelector } from "../field-selector.js";
import { Cancelled } from "../../kernel/cancellation.js";
import type { Event, Namespace, Pod } from "../../kube/api/types.js";
import { NODE_UID } from "../../kube/kube-system.js";
import { findJsonPath, goPrint, JsonPathError, type JsonPathTemplate, PrintError, jsonPathPrinter, parseJsonPath, relaxedJsonPath } from "../jsonpath.js";
import { eventTable, namespaceTable, nodeTable, podTable, serviceTable, type Table, tableText } from "../printers/tables.js";
import { GET_TABLE, tabwrite } from "../printers/tabwriter.js";
import { toJson, toYaml } from "../printers/yaml.js";
import { KIND_OF, type Resource, type ResourceRef, parseResourceArgs } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";

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

const created = (call: KubectlCall) => new Date(call.cluster.node.kernel.bootTime + 60_000).toISOString().replace(/\.\d+Z$/, "Z");

/** The node as the apiserver holds it: the labels kubeadm and the kubelet give a control-plane node. */
export function nodeObject(call: KubectlCall): Record<string, unknown> {
  const p = call.cluster.profile;
  const name = p.node.nodeName;
  return {
    apiVersion: "v1", kind: "Node",
    metadata: {
      name, uid: NODE_UID, creationTimestamp: created(call),
      labels: {
        "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "",
      },
    },
    status: {
      nodeInfo: { kubeletVersion: p.serverVersion.gitVersion, containerRuntimeVersion: p.runtimeVersion, kernelVersion: p.node.kernel.release, osImage: p.osImage, operatingSystem: "linux", architecture: "amd64" },
      addresses: [{ type: "InternalIP", address: p.nodeIP }, { type: "Hostname", address: name }],
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
    },
  };
}

function serviceObjects(call: KubectlCall, ns: string | undefined): Record<string, unknown>[] {
  if (ns !== undefined && ns !== "default") return [];
  return [{
    apiVersion: "v1", kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" }, creationTimestamp: created(call) },
    spec: { type: "ClusterIP", clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }] },
  }];
}

/** The apiserver's list order: by etcd key, /registry/<resource>/<namespace>/<name>. */
const byKey = (a: Obj, b: Obj) => {
  const ka = `${(a as Pod).metadata.namespace ?? ""}/${(a as Pod).metadata.name}`;
  const kb = `${(b as Pod).metadata.namespace ?? ""}/${(b as Pod).metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function lookupObjects(call: KubectlCall, resource: Resource, names: readonly string[], allNamespaces: boolean): { objects: Obj[]; missing: string[]; error?: string } {
  const c = call.cluster;
  const ns = allNamespaces ? undefined : call.namespace;
  let all: Obj[];
  switch (resource) {
    case "pods": all = c.store.listPods(ns); break;
    case "namespaces": all = [...c.store.namespaces.values()]; break;
    case "events": all = c.store.events.filter((e) => ns === undefined || e.metadata.namespace === ns); break;
    case "nodes": all = [nodeObject(call)]; break;
    case "services": all = serviceObjects(call, ns); break;
  }
  all = [...all].sort(byKey);
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
    case "pods": return podTable(objects as Pod[], now, Number(call.cluster.profile.serverVersion.minor));
    case "namespaces": return namespaceTable(objects as Namespace[], now);
    case "events": return eventTable(objects as Event[], now);
    case "nodes": {
      const p = call.cluster.profile;
      return nodeTable((objects as { metadata: { name: string; labels: Record<string, string>; creationTimestamp: string } }[]).map((n) => ({
        name: n.metadata.name, ready: true, labels: n.metadata.labels, created: n.metadata.creationTimestamp, kubeletVersion: p.serverVersion.gitVersion,
        internalIP: p.nodeIP, osImage: p.osImage, kernelVersion: p.node.kernel.release, runtime: p.runtimeVersion,
      })), now);
    }
    case "services":
      return serviceTable((objects as { metadata: { name: string; namespace: string; labels: Record<string, string>; creationTimestamp: string } }[]).map((s) => ({
        name: s.metadata.name, namespace: s.metadata.namespace, type: "ClusterIP", clusterIP: "10.96.0.1", ports: "443/TCP", created: s.metadata.creationTimestamp, labels: s.metadata.labels,
      })), now);
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

/** Serialized as the apiserver's JSON encoding would: omitempty zero values left out. */
function wire(resource: Resource, o: Obj): unknown {
  if (resource !== "events") return o;
  const e = o as Event;
  if (e.count !== 0) return e;
  const { count: _count, ...rest } = e;
  void _count;
  return rest;
}

type Printer = (objects: readonly unknown[], resource: Resource | undefined) => string;

/** The output formats of get_flags.go AllowedFormats(), sorted (NoCompatiblePrinterError). */
const FORMATS = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/** PrintFlags.ToPrinter() for the non-table formats; an error is kubectl's message. */
function genericPrinter(call: KubectlCall, output: string): Printer | { error: string } {
  if (output === "yaml") return (objs) => toYaml(objs[0]);
  if (output === "json") return (objs) => toJson(objs[0]);
  if (output === "name") return (objs, resource) => listItems(objs[0]).map((o) => `${KIND_OF[resource!]}/${(o as Pod).metadata.name}\n`).join("");
  const eq = output.indexOf("=");
  const format = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? "" : output.slice(eq + 1);
  if (format === "jsonpath" || format === "jsonpath-as-json") {
    const print = jsonPathPrinter(value, format === "jsonpath-as-json");
    return "error" in print ? print : (objs) => print(objs[0]);
  }
  if (format === "custom-columns") return customColumns(call, value);
  if (format === "go-template" || format === "template" || format === "templatefile" || format === "go-template-file" || format === "jsonpath-file" || format === "custom-columns-file") {
    return { error: `error: ${format} is not available in this lab` };
  }
  return { error: `unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}` };
}

const listItems = (o: unknown): unknown[] => ((o as { kind?: string; items?: unknown[] }).kind === "List" ? (o as { items: unknown[] }).items : [o]);

/** customcolumn.go NewCustomColumnsPrinterFromSpec / printOneObject. */
function customColumns(call: KubectlCall, spec: string): Printer | { error: string } {
  if (spec === "") return { error: "custom-columns format specified but no custom columns given" };
  const columns: { header: string; tpl: JsonPathTemplate }[] = [];
  for (const part of spec.split(",")) {
    const colon = part.indexOf(":");
    if (colon < 0) return { error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    try {
      columns.push({ header: part.slice(0, colon), tpl: parseJsonPath(relaxedJsonPath(part.slice(colon + 1))) });
    } catch (err) {
      if (err instanceof JsonPathError) return { error: err.message };
      throw err;
    }
  }
  return (objs) => {
    const lines = call.bool("no-headers") ? [] : [columns.map((c) => c.header).join("\t")];
    for (const o of listItems(objs[0])) {
      lines.push(columns.map((c) => {
        const values = findJsonPath(c.tpl, JSON.parse(JSON.stringify(o)));
        const cells = values.length === 0 || values[0]!.length === 0 ? ["<none>"] : [];
        for (const v of values) for (const x of v) cells.push(goPrint(x));
        return cells.join(",");
      }).join("\t"));
    }
    return lines.length === 0 ? "" : tabwrite(`${lines.join("\n")}\n`, GET_TABLE);
  };
}

/** Each reference's objects and missing names, or undefined once a selector's error is printed. */
async function lookupRefs(call: KubectlCall, refs: readonly ResourceRef[]): Promise<{ ref: ResourceRef; objects: Obj[]; missing: string[] }[] | undefined> {
  const looked: { ref: ResourceRef; objects: Obj[]; missing: string[] }[] = [];
  for (const ref of refs) {
    const { objects, missing, error } = lookupObjects(call, ref.resource, ref.names, call.bool("all-namespaces"));
    if (error !== undefined) {
      await call.err(`${error}\n`);
      return undefined;
    }
    looked.push({ ref, objects, missing });
  }
  return looked;
}

/** printGeneric(): one object when a single one was named, else a List of everything found. */
async function printGeneric(call: KubectlCall, refs: readonly ResourceRef[], output: string): Promise<number> {
  const singleItemImplied = refs.length === 1 && refs[0]!.names.length === 1;
  const looked = await lookupRefs(call, refs);
  if (looked === undefined) return 1;
  const found: { resource: Resource; obj: Obj }[] = [];
  const errors: string[] = [];
  for (const { ref, objects, missing } of looked) {
    for (const o of objects) found.push({ resource: ref.resource, obj: o });
    for (const m of missing) errors.push(notFound(ref.resource, m));
  }
  if (singleItemImplied && errors.length > 0) {
    await call.err(`${errors.join("\n")}\n`);
    return 1;
  }
  const printer = genericPrinter(call, output);
  if (typeof printer !== "function") {
    await call.err(`${printer.error.startsWith("error: ") ? printer.error : `error: ${printer.error}`}\n`);
    return 1;
  }
  const body = singleItemImplied && found.length === 1
    ? wire(found[0]!.resource, found[0]!.obj)
    : { apiVersion: "v1", items: found.map((f) => wire(f.resource, f.obj)), kind: "List", metadata: { resourceVersion: "" } };
  try {
    await call.out(printer([body], refs[0]?.resource));
  } catch (err) {
    if (!(err instanceof PrintError)) throw err;
    errors.push(`error: ${err.message}`);
  }
  if (errors.length > 0) {
    const text = errors.join("\n");
    await call.err(text.endsWith("\n") ? text : `${text}\n`);
    return 1;
  }
  return 0;
}

export const get: Verb = {
  name: "get", short: "Display one or many resources",
  flags: [
    { name: "output", short: "o", type: "string" }, { name: "all-namespaces", short: "A", type: "bool" }, { name: "selector", short: "l", type: "string" },
    { name: "field-selector", type: "string" }, { name: "show-labels", type: "bool" }, { name: "watch", short: "w", type: "bool" }, { name: "no-headers", type: "bool" },
    { name: "ignore-not-found", type: "bool" },
  ],
  async run(call) {
    const refs = await resourceArgs(call, "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n");
    if (refs === undefined) return 1;
    const output = call.str("output") ?? "";
    // Validate(): --show-labels only with the table printers.
    if (call.bool("show-labels") && output !== "" && output !== "wide") {
      await call.err(`error: --show-labels option cannot be used with ${output} printer\n`);
      return 1;
    }
    if (call.bool("watch")) return watch(call, refs);
    if (output !== "" && output !== "wide") return printGeneric(call, refs, output);
    return printTables(call, refs, output === "wide");
  },
};

/** Run() for the human-readable printers: one table per resource type, a blank line between. */
async function printTables(call: KubectlCall, refs: readonly ResourceRef[], wide: boolean): Promise<number> {
  const now = call.ctx.sys.now();
  const looked = await lookupRefs(call, refs);
  if (looked === undefined) return 1;
  const groups: { resource: Resource; objects: Obj[] }[] = [];
  const errors: string[] = [];
  for (const { ref, objects, missing } of looked) {
    // A list answers with a (maybe empty) table; each named object with a one-row table.
    if (ref.names.length === 0 || objects.length > 0) groups.push({ resource: ref.resource, objects });
    for (const m of missing) if (!call.bool("ignore-not-found")) errors.push(notFound(ref.resource, m));
  }
  // multipleGVKsRequested(): "kind/name" once the answers are of several kinds.
  const withKind = new Set(groups.map((g) => g.resource)).size > 1;
  const headers = !call.bool("no-headers");
  let written = "";
  let text = "";
  for (const g of groups) {
    const part = tabwrite(tableText(table(call, g.resource, g.objects, now), {
      wide, namespace: call.bool("all-namespaces") && g.resource !== "namespaces" && g.resource !== "nodes", labels: call.bool("show-labels"), headers,
      ...(withKind ? { kind: KIND_OF[g.resource] } : {}),
    }), GET_TABLE);
    if (part === "") continue;
    text += (written !== "" && headers ? "\n" : "") + part;
    written += part;
  }
  await call.out(text);
  if (written === "" && errors.length === 0 && !call.bool("ignore-not-found")) {
    const namespaced = !call.bool("all-namespaces") && refs.every((r) => r.resource !== "namespaces" && r.resource !== "nodes");
    await call.err(namespaced ? `No resources found in ${call.namespace} namespace.\n` : "No resources found\n");
  }
  if (errors.length > 0) {
    await call.err(`${errors.join("\n")}\n`);
    return 1;
  }
  return 0;
}

/**
 * get -w: the list, then one line per change of a watched pod until interrupted, through one
 * tabwriter that remembers its column widths (printers.GetNewTabWriter, RememberWidths).
 */
async function watch(call: KubectlCall, refs: readonly ResourceRef[]): Promise<number> {
  if (refs.length !== 1 || new Set(refs.map((r) => r.resource)).size !== 1) {
    await call.err("error: you may only specify a single resource type\n");
    return 1;
  }
  const ref = refs[0]!;
  const { objects, missing, error } = lookupObjects(call, ref.resource, ref.names, call.bool("all-namespaces"));
  if (error !== undefined) {
    await call.err(`${error}\n`);
    return 1;
  }
  if (missing.length > 0) {
    await call.err(`${notFound(ref.resource, missing[0]!)}\n`);
    return 1;
  }
  const output = call.str("output") ?? "";
  const wide = output === "wide";
  const remembered: number[] = [];
  const now = () => call.ctx.sys.now();
  const opts = (headers: boolean) => ({ wide, namespace: call.bool("all-namespaces") && ref.resource !== "namespaces" && ref.resource !== "nodes", labels: call.bool("show-labels"), headers });
  const render = (objs: Obj[], headers: boolean): string => {
    if (output !== "" && !wide) {
      const printer = genericPrinter(call, output);
      if (typeof printer !== "function") return "";
      return objs.map((o) => (output === "yaml" ? `---\n${printer([o], ref.resource)}` : printer([o], ref.resource))).join("");
    }
    return tabwrite(tableText(table(call, ref.resource, objs, now()), opts(headers)), GET_TABLE, remembered);
  };
  let printedHeader = false;
  if (objects.length > 0) {
    const first = render(objects, !call.bool("no-headers"));
    await call.out(output === "yaml" ? first.replace(/^---\n/, "") : first);
    printedHeader = true;
  }
  if (ref.resource !== "pods") {
    return new Promise<number>((_resolve, reject) => call.ctx.proc.lifetime.onCancel((reason) => reject(new Cancelled(reason))));
  }
  return new Promise<number>((_resolve, reject) => {
    // A line per visible change: status writes that change no column print nothing.
    const shown = new Map<string, string>();
    const watched = (pod: Pod) => (pod.metadata.namespace === call.namespace || call.bool("all-namespaces")) && (ref.names.length === 0 || ref.names.includes(pod.metadata.name!));
    const changed = (pod: Pod): boolean => {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      // The cells the table shows, but AGE (which changes by itself).
      const t = podTable([pod], now(), Number(call.cluster.profile.serverVersion.minor));
      const row = JSON.stringify(t.rows[0]?.cells.filter((_c, i) => t.columns[i]!.name !== "AGE" && (wide || t.columns[i]!.priority === 0)));
      if (shown.get(key) === row) return false;
      shown.set(key, row);
      return true;
    };
    for (const pod of call.cluster.store.listPods(undefined)) if (watched(pod)) changed(pod);
    const off = call.cluster.store.watch((change) => {
      if (change.kind !== "Pod") return;
      const pod = change.object as Pod;
      if (!watched(pod) || !changed(pod)) return;
      const headers = !printedHeader && !call.bool("no-headers");
      printedHeader = true;
      void call.out(render([pod], headers));
    });
    call.ctx.proc.lifetime.onCancel((reason) => {
      off();
      reject(new Cancelled(reason));
    });
  });
}
