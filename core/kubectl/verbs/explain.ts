// kubectl explain RESOURCE[.FIELD…] [--recursive]: the OpenAPI v3 "plaintext" template of
// kubectl pkg/explain/v2/templates/plaintext.tmpl, rendered from podlab's schema with the
// descriptions the profile's apiserver serves. Fields are listed in the template's map order
// (sorted by name); descriptions go through mitchellh/go-wordwrap (wrap) and indent as the
// template pipes them. kubectl 1.30 added the "ENUM:"/"enum:" lines and a second blank line after
// "FIELD:".

import { KINDS } from "../../kube/api/decode.js";
import { docAt, type Field, type Schema, fieldSchema, fieldsAt } from "../../kube/api/schema.js";
import { resolveResource } from "../resources.js";
import type { Verb } from "../types.js";

/** The template's typeGuess. */
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

/** github.com/mitchellh/go-wordwrap WrapString (v1.0.1), which explain's "wrap" uses. */
export function wordWrap(s: string, lim: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  const len = (x: string) => [...x].length;
  for (const ch of s) {
    if (ch === "\n") {
      if (word === "") {
        if (current + len(space) > lim) current = 0;
        else {
          current += len(space);
          out += space;
        }
        space = "";
      } else {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== "\u00a0") {
      if (space === "" || word !== "") {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      if (current + len(word) + len(space) > lim && len(word) < lim) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word === "") {
    if (current + len(space) <= lim) out += space;
  } else out += space + word;
  return out;
}

/** The template's indent: the pad before the text and after every newline in it. */
const indent = (n: number, text: string) => " ".repeat(n) + text.replaceAll("\n", `\n${" ".repeat(n)}`);

const inner = (s: Schema): Schema => (s.t === "array" || s.t === "map" ? inner(s.of) : s);

export const explain: Verb = {
  name: "explain", short: "Get documentation for a resource",
  flags: [{ name: "recursive", type: "bool" }, { name: "api-version", type: "string" }, { name: "output", short: "o", type: "string" }],
  async run(call) {
    const target = call.args[0];
    // Validate(): plain errors, which CheckErr prefixes with "error: ".
    if (target === undefined) {
      await call.err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
      return 1;
    }
    if (call.args.length > 1) {
      await call.err("error: We accept only this format: explain RESOURCE\n");
      return 1;
    }
    const [type, ...path] = target.split(".");
    const r = resolveResource(type!);
    const kind = r === "pods" ? "Pod" : r === "namespaces" ? "Namespace" : undefined;
    if (kind === undefined) {
      // The RESTMapper's *meta.NoResourceMatchError, which CheckErr prints without "error: ".
      await call.err(`the server doesn't have a resource type "${type}"\n`);
      return 1;
    }
    const root = KINDS[kind]!.schema;
    const minor = Number(call.cluster.profile.serverVersion.minor);
    const kubectlMinor = Number(call.cluster.profile.kubectlVersion.gitVersion.split(".")[1]);
    const found = fieldSchema(root, path, minor);
    if (found === undefined) {
      // The template has written KIND and VERSION when its "schema" template throws.
      await call.out(`KIND:       ${kind}\nVERSION:    v1\n\n`);
      await call.err(`error: field "${path.at(-1)}" does not exist\n`);
      return 1;
    }
    const enums = kubectlMinor >= 30;
    const recursive = call.bool("recursive");

    /** fieldDetail: "name\t<type>[ -required-][\n enum: …]", then the wrapped description. */
    const fieldList = (schema: Schema, level: number): string => {
      const s = inner(schema);
      if (s.t !== "object") return "";
      let out = "";
      const pad = level * 2;
      for (const f of [...fieldsAt(s.fields, minor)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        out += `${" ".repeat(pad)}${f.name}\t<${typeName(f.schema)}>${f.required ? " -required-" : ""}`;
        if (enums && f.enum !== undefined) {
          const shown = f.enum.slice(0, 4).map((v) => (v === "" ? "\"\"" : v)).join(", ");
          out += `\n${" ".repeat(pad)}enum: ${shown}${f.enum.length > 4 ? ", ...." : ""}`;
        }
        out += "\n";
        if (recursive) out += fieldList(f.schema, level + 1);
        else out += `${indent(pad + 2, wordWrap(docAt(f, minor) ?? "<no description>", 78 - pad))}\n\n`;
      }
      return out;
    };

    let s = `KIND:       ${kind}\nVERSION:    v1\n\n`;
    const field: Field | undefined = found.field;
    if (field !== undefined) {
      s += `FIELD: ${field.name} <${typeName(found.schema)}>\n`;
      if (enums) s += `${field.enum === undefined ? "" : `ENUM:${field.enum.map((v) => `\n    ${v === "" ? "\"\"" : v}`).join("")}`}\n`;
      s += "\n";
    }
    // The "description" template: the field's own description, then its type's.
    const schema = inner(found.schema);
    const docs = [field === undefined ? undefined : docAt(field, minor), schema.t === "object" ? schema.doc : undefined].filter((d): d is string => d !== undefined);
    const description = docs.length === 0 ? "<empty>" : docs.map((d) => `${d}\n`).join("");
    s += `DESCRIPTION:\n${indent(4, wordWrap(description, 76))}\n`;
    const fields = fieldList(found.schema, 1);
    if (fields !== "") s += `FIELDS:\n${fields}`;
    await call.out(`${s}\n`);
    return 0;
  },
};
