// Resource names as kubectl resolves them (discovery: plural, singular, short names), and the
// "TYPE NAME…", "TYPE/NAME…" argument forms.

export type Resource = "pods" | "namespaces" | "events" | "nodes" | "services";

const NAMES: Record<string, Resource> = {
  pod: "pods", pods: "pods", po: "pods",
  namespace: "namespaces", namespaces: "namespaces", ns: "namespaces",
  event: "events", events: "events", ev: "events",
  node: "nodes", nodes: "nodes", no: "nodes",
  service: "services", services: "services", svc: "services",
};

export const KIND_OF: Record<Resource, string> = { pods: "pod", namespaces: "namespace", events: "event", nodes: "node", services: "service" };

export function resolveResource(name: string): Resource | undefined {
  return NAMES[name.toLowerCase().replace(/\.v1$|\.core$/, "")];
}

export interface ResourceRef {
  resource: Resource;
  names: string[];
}

/** cli-runtime builder.go missingResourceError: no resource named, by argument or by file. */
export const MISSING_RESOURCE = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/** `pods`, `pod a b`, `pod/a pod/b`, `pods,ns`; an error names the unknown type. */
export function parseResourceArgs(args: readonly string[]): ResourceRef[] | { error: string } {
  if (args.length === 0) return [];
  if (args.every((a) => a.includes("/"))) {
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const [type, name] = a.split("/", 2) as [string, string];
      const r = resolveResource(type);
      if (r === undefined) return { error: `the server doesn't have a resource type "${type}"` };
      const existing = refs.find((x) => x.resource === r);
      if (existing) existing.names.push(name);
      else refs.push({ resource: r, names: [name] });
    }
    return refs;
  }
  if (args.slice(1).some((a) => a.includes("/"))) return { error: "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" };
  const types = args[0]!.split(",");
  const refs: ResourceRef[] = [];
  for (const t of types) {
    if (t === "all") {
      refs.push({ resource: "pods", names: [] }, { resource: "services", names: [] });
      continue;
    }
    const r = resolveResource(t);
    if (r === undefined) return { error: `the server doesn't have a resource type "${t}"` };
    refs.push({ resource: r, names: args.slice(1) });
  }
  return refs;
}
