// kubectl explain RESOURCE[.FIELD…] [--recursive] (1.27+ OpenAPI v3 template).

import { KINDS } from "../../kube/api/decode.js";
import { type Field, type Schema, fieldSchema, fieldsAt } from "../../kube/api/schema.js";
import { resolveResource } from "../resources.js";
import type { Verb } from "../types.js";
import { UsageError } from "../types.js";

function typeName(s: Schema): string {
  switch (s.t) {
    case "object": return s.go;
    case "array": return `[]${typeName(s.of)}`;
    case "map": return `map[string]${typeName(s.of)}`;
    case "int64": case "int32": return "integer";
    case "bool": return "boolean";
    case "intOrString": return "IntOrString";
    case "quantity": return "Quantity";
    case "any": return "Object";
    default: return "string";
  }
}

/** Word-wraps description text at 80 columns with the given indent, as the template does. */
function wrap(text: string, indent: string): string {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    if (para === "") {
      out.push(indent);
      continue;
    }
    let line = "";
    for (const word of para.split(/ +/)) {
      if (line !== "" && indent.length + line.length + 1 + word.length > 80) {
        out.push(indent + line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    out.push(indent + line);
  }
  return `${out.join("\n")}\n`;
}

function fieldLines(fields: readonly Field[], minor: number, recursive: boolean, depth: number): string {
  let s = "";
  for (const f of fieldsAt(fields, minor)) {
    const req = f.required ? " -required-" : "";
    if (recursive) {
      s += `${"  ".repeat(depth + 1)}${f.name}\t<${typeName(f.schema)}>${req}\n`;
      let inner = f.schema;
      while (inner.t === "array" || inner.t === "map") inner = inner.of;
      if (inner.t === "object") s += fieldLines(inner.fields, minor, true, depth + 1);
    } else {
      s += `  ${f.name}\t<${typeName(f.schema)}>${req}\n${f.doc ? wrap(f.doc, "    ") : ""}\n`;
    }
  }
  return s;
}

export const explain: Verb = {
  name: "explain", short: "Get documentation for a resource",
  flags: [{ name: "recursive", type: "bool" }, { name: "api-version", type: "string" }],
  async run(call) {
    const target = call.args[0];
    if (target === undefined) throw new UsageError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.");
    const [type, ...path] = target.split(".");
    const r = resolveResource(type!);
    const kind = r === "pods" ? "Pod" : r === "namespaces" ? "Namespace" : undefined;
    if (kind === undefined) {
      await call.err(`error: the server doesn't have a resource type "${type}"\n`);
      return 1;
    }
    const root = KINDS[kind]!.schema;
    const minor = Number(call.cluster.profile.serverVersion.minor);
    const found = fieldSchema(root, path, minor);
    if (found === undefined) {
      await call.err(`error: field "${path.at(-1)}" does not exist\n`);
      return 1;
    }
    let schema = found.schema;
    while (schema.t === "array" || schema.t === "map") schema = schema.of;
    let s = `KIND:       ${kind}\nVERSION:    v1\n\n`;
    if (found.field !== undefined) s += `FIELD: ${found.field.name} <${typeName(found.schema)}>\n\n`;
    const docs = [found.field?.doc, schema.t === "object" ? schema.doc : undefined].filter((d): d is string => d !== undefined);
    s += `DESCRIPTION:\n${docs.length === 0 ? "    <empty>\n" : docs.map((d) => wrap(d, "    ")).join("")}    \n`;
    if (schema.t === "object") s += `FIELDS:\n${fieldLines(schema.fields, minor, call.bool("recursive"), 0)}`;
    await call.out(s.replace(/\n\n$/, "\n\n"));
    return 0;
  },
};
