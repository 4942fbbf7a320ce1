// --field-selector: the fields the apiserver can select on per resource (pkg/registry/core/*
// strategy.go ToSelectableFields / the conversion funcs' field label lists), with =, == and !=.
// Any other field is refused by the server: "field label not supported: F".

import type { Resource } from "./resources.js";

type Obj = Record<string, unknown>;

const at = (o: Obj, path: string): string => {
  let v: unknown = o;
  for (const k of path.split(".")) v = (v as Obj | undefined)?.[k];
  return v === undefined || v === null ? "" : String(v);
};

const META = ["metadata.name", "metadata.namespace"];

/** Selectable fields per resource (a field missing from the object compares as ""). */
const FIELDS: Readonly<Record<Resource, readonly string[]>> = {
  pods: [...META, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
  namespaces: [...META, "status.phase"],
  events: [...META, "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  nodes: ["metadata.name", "spec.unschedulable"],
  services: [...META],
};

/** The selector as a predicate, or the apiserver's error text. */
export function fieldSelector(resource: Resource, selector: string): ((o: Obj) => boolean) | { error: string } {
  const terms: { field: string; value: string; negate: boolean }[] = [];
  for (const term of selector.split(",").filter((t) => t !== "")) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (m === null) return { error: `invalid selector: '${selector}'; can't understand '${term}'` };
    terms.push({ field: m[1]!, value: m[3]!, negate: m[2] === "!=" });
  }
  const unknown = terms.find((t) => !FIELDS[resource].includes(t.field));
  if (unknown !== undefined) return { error: `field label not supported: ${unknown.field}` };
  return (o) => terms.every((t) => {
    const v = t.field === "source" ? at(o, "source.component") : at(o, t.field);
    const value = t.field === "spec.hostNetwork" && v === "" ? "false" : v;
    return (value === t.value) !== t.negate;
  });
}
