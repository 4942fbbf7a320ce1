// Manifest decoding as kubectl and the apiserver do it: YAML (1.1, so 0400 is octal and yes is
// true; block or flow style; several documents) converted to JSON, then strict decoding into the
// Go types — unknown fields and type errors worded like sigs.k8s.io/yaml, encoding/json and the
// apiserver's strict decoder.

import { parseAllDocuments } from "yaml";
import { Namespace as NamespaceSchema, Pod as PodSchema, type Schema, fieldsAt } from "./schema.js";

export class DecodeError extends Error {
  constructor(
    /** The whole message kubectl prints (without the "error: " prefix when `bare` is false). */
    readonly text: string,
    /** An apiserver BadRequest rather than a client-side error. */
    readonly fromServer: boolean,
  ) {
    super(text);
  }
}

export const KINDS: Readonly<Record<string, { schema: Schema; apiVersion: string; resource: string }>> = {
  Pod: { schema: PodSchema, apiVersion: "v1", resource: "pods" },
  Namespace: { schema: NamespaceSchema, apiVersion: "v1", resource: "namespaces" },
};

/** go-yaml's wording for the syntax errors the yaml library reports. */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case "TAB_AS_INDENT": return "found character that cannot start any token";
    case "BAD_INDENT": return message.includes("sequence") ? "block sequence entries are not allowed in this context" : "mapping values are not allowed in this context";
    case "MULTILINE_IMPLICIT_KEY": case "BLOCK_AS_IMPLICIT_KEY": return "mapping values are not allowed in this context";
    case "MISSING_CHAR": return message.includes("flow") ? "did not find expected ',' or '}'" : "could not find expected ':'";
    case "UNEXPECTED_TOKEN": return message.includes("]") || message.includes("}") ? "did not find expected node content" : "did not find expected key";
    case "BAD_SCALAR_START": case "BAD_ALIAS": return "found character that cannot start any token";
    case "UNEXPECTED_FLOW_END": case "MISSING_FLOW_END": return "did not find expected ',' or ']'";
    default: return "did not find expected key";
  }
}

/** Splits a manifest into its documents (YAML or JSON); empty documents are skipped. */
export function parseManifest(source: string, text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") && !/^\{[^}]*$/m.test(trimmed.split("\n")[0] ?? "")) {
    try {
      return [JSON.parse(trimmed)];
    } catch {
      /* not JSON: flow-style YAML (KYAML) is parsed below */
    }
  }
  const docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: true, prettyErrors: false, strict: false });
  const out: unknown[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err !== undefined) {
      if (err.code === "DUPLICATE_KEY") {
        // The repeated key starts at the error's position: a quoted or a plain scalar.
        const at = text.slice(err.pos[0]);
        const key = /^"((?:[^"\\]|\\.)*)"|^'((?:[^']|'')*)'|^([^:#\n]*?)\s*:/.exec(at);
        const name = key === null ? "" : key[1] ?? key[2]?.replace(/''/g, "'") ?? key[3] ?? "";
        throw new DecodeError(`error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${lineOf(err.pos[0])}: key ${JSON.stringify(name)} already set in map`, false);
      }
      throw new DecodeError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${lineOf(err.pos[0])}: ${goYamlMessage(err.code, err.message)}`, false);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    out.push(value);
  }
  return out;
}

export interface StrictResult {
  value: unknown;
  unknownFields: string[];
  typeError: string | undefined;
}

const GO_TYPES: Record<string, string> = { string: "string", int64: "int64", int32: "int32", bool: "bool", time: "v1.Time" };

function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return `number ${formatNumber(v)}`;
  return typeof v === "object" ? "object" : typeof v;
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(n));

/**
 * Decodes a value against a schema: user maps become null-prototype objects; unknown fields are
 * collected with their paths; the first type mismatch is reported as encoding/json words it.
 */
/** `minor`: the apiserver's Kubernetes minor; fields added later are unknown to it. */
export function strictDecode(raw: unknown, schema: Schema, minor = Number.POSITIVE_INFINITY): StrictResult {
  const unknownFields: string[] = [];
  let typeError: string | undefined;
  const typeMismatch = (v: unknown, goType: string, struct: string, path: string) => {
    typeError ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${path} of type ${goType}`;
  };
  const walk = (v: unknown, s: Schema, path: string, goPath: string, struct: string): unknown => {
    if (v === null || v === undefined) return undefined;
    switch (s.t) {
      case "any":
        return v;
      case "string":
        if (typeof v !== "string") {
          typeMismatch(v, "string", struct, goPath);
          return undefined;
        }
        return v;
      case "time":
        return typeof v === "string" ? v : v instanceof Date ? v.toISOString().replace(/\.\d+Z$/, "Z") : undefined;
      case "bool":
        if (typeof v !== "boolean") {
          typeMismatch(v, "bool", struct, goPath);
          return undefined;
        }
        return v;
      case "int64":
      case "int32":
        if (typeof v !== "number" || !Number.isInteger(v)) {
          typeMismatch(v, GO_TYPES[s.t]!, struct, goPath);
          return undefined;
        }
        return v;
      case "intOrString":
      case "quantity":
        if (typeof v !== "number" && typeof v !== "string") {
          typeMismatch(v, s.t === "quantity" ? "resource.Quantity" : "intstr.IntOrString", struct, goPath);
          return undefined;
        }
        return v;
      case "array":
        if (!Array.isArray(v)) {
          typeMismatch(v, `[]${goName(s.of)}`, struct, goPath);
          return undefined;
        }
        return v.map((item, i) => walk(item, s.of, `${path}[${i}]`, goPath, struct));
      case "map": {
        if (typeof v !== "object" || Array.isArray(v)) {
          typeMismatch(v, `map[string]${goName(s.of)}`, struct, goPath);
          return undefined;
        }
        const out: Record<string, unknown> = Object.create(null);
        for (const [k, item] of Object.entries(v as object)) out[k] = s.of.t === "string" && typeof item !== "string" ? typeMismatch(item, "string", struct, goPath) ?? undefined : walk(item, s.of, `${path}[${k}]`, goPath, struct);
        return out;
      }
      case "object": {
        if (typeof v !== "object" || Array.isArray(v)) {
          typeMismatch(v, s.go.startsWith("v1.") ? s.go : `v1.${s.go}`, struct, goPath);
          return undefined;
        }
        const out: Record<string, unknown> = Object.create(null);
        // kubectl sends the manifest as json.Marshal wrote it (map keys sorted); the strict
        // decoder reports fields in the order it reads them.
        for (const [k, item] of Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const field = fieldsAt(s.fields, minor).find((x) => x.name === k);
          const fieldPath = path === "" ? k : `${path}.${k}`;
          if (field === undefined) {
            unknownFields.push(fieldPath);
            continue;
          }
          const decoded = walk(item, field.schema, fieldPath, goPath === "" ? k : `${goPath}.${k}`, s.go);
          if (decoded !== undefined) out[k] = decoded;
        }
        return out;
      }
    }
  };
  const value = walk(raw, schema, "", "", schema.t === "object" ? schema.go : "");
  return { value, unknownFields, typeError };
}

function goName(s: Schema): string {
  switch (s.t) {
    case "object": return `v1.${s.go}`;
    case "array": return `[]${goName(s.of)}`;
    case "map": return `map[string]${goName(s.of)}`;
    default: return GO_TYPES[s.t] ?? "interface {}";
  }
}
