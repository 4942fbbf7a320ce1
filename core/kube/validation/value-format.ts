// How a field error's bad value prints (k8s.io/apimachinery field.Error.ErrorBody):
// - int64/int32/float/bool: %v; Go `string`: %q (strconv.Quote) — in every version;
// - anything else (named string types, pointers, structs, slices): since apimachinery c58e197
//   (Kubernetes 1.34) json.Marshal of the internal type (Go field names, no omitempty);
//   before, pointers were dereferenced ("null" when nil) and the rest printed with %#v, pointer
//   fields as `(*T)(0xc…)`. Real addresses differ per request; podlab prints stable fake ones.

import { typeString, type GoPtr, type GoScalar, type GoSlice, type GoStruct, type GoMap, type GoOpaque, type GoValue, type GoType } from "./gotypes.js";

/** A bad value as the Go code passes it to field.Invalid & co. */
export type Bad =
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "named"; readonly v: string }
  | { readonly k: "int"; readonly v: number }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "nil" }
  | { readonly k: "go"; readonly v: GoValue; readonly plain: unknown };

/** A Go `string`. */
export const S = (v: string): Bad => ({ k: "str", v });
/** A named string type (core.DNSPolicy, …) or a *string: JSON from 1.34, quoted before. */
export const N = (v: string): Bad => ({ k: "named", v });
export const I = (v: number): Bad => ({ k: "int", v });
export const B = (v: boolean): Bad => ({ k: "bool", v });
export const NIL: Bad = { k: "nil" };
/** A struct, slice or pointer to one (the podlab JSON kept as the error's badValue). */
export const G = (v: GoValue, plain: unknown): Bad => ({ k: "go", v, plain });

export type ValueFormat = "json" | "go";

/** The value FieldError.badValue carries (JSON-like). */
export function plainValue(b: Bad): unknown {
  switch (b.k) {
    case "nil": return null;
    case "go": return b.plain;
    default: return b.v;
  }
}

/** The text ErrorBody prints for the value. */
export function renderBad(b: Bad, format: ValueFormat, seed: string): string {
  switch (b.k) {
    case "str": return goQuote(b.v);
    case "int": case "bool": return String(b.v);
    case "named": return format === "json" ? jsonQuote(b.v) : goQuote(b.v);
    case "nil": return format === "json" ? "null" : goQuote("null");
    case "go": {
      if (format === "json") return marshalJSON(b.v);
      const v = deref(b.v);
      return v.t.kind === "ptr" ? goQuote("null") : sharpV(v, new Addresses(seed));
    }
  }
}

function deref(v: GoValue): GoValue {
  return v.t.kind === "ptr" && (v as GoPtr).elem !== null ? deref((v as GoPtr).elem!) : v;
}

// ---- strconv.Quote ----

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
const isPrint = (ch: string): boolean => ch === " " || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);

/** strconv.Quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd";
    else if (isPrint(ch)) out += ch;
    else if (ch === "\x07") out += "\\a";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\v") out += "\\v";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** encoding/json string encoding: HTML-safe (<, >, & escaped), U+2028/2029 escaped. */
export function jsonQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || ch === "<" || ch === ">" || ch === "&" || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

// ---- json.Marshal of internal types ----

/** json.Marshal: exported fields by Go name, embedded structs flattened, nil as null. */
export function marshalJSON(v: GoValue): string {
  switch (v.t.kind) {
    case "bool": case "int": case "int32": case "int64": return String((v as GoScalar).v);
    case "string": return jsonQuote(String((v as GoScalar).v));
    case "ptr": return (v as GoPtr).elem === null ? "null" : marshalJSON((v as GoPtr).elem!);
    case "slice": {
      const items = (v as GoSlice).items;
      return items === null ? "null" : `[${items.map(marshalJSON).join(",")}]`;
    }
    case "map": {
      const entries = (v as GoMap).entries;
      return entries === null ? "null" : `{${entries.map(([k, e]) => `${jsonQuote(String(k.v))}:${marshalJSON(e)}`).join(",")}}`;
    }
    case "opaque": return opaqueJSON((v as GoOpaque).json);
    case "struct": {
      const s = v as GoStruct;
      if (s.t.marshalJSON !== undefined) return s.t.marshalJSON(s);
      return `{${structMembers(s).map(([k, e]) => `${jsonQuote(k)}:${marshalJSON(e)}`).join(",")}}`;
    }
  }
}

function structMembers(s: GoStruct): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  s.defs.forEach((d, i) => {
    const val = s.fields[i]!;
    if (d.unexported) return;
    if (d.embedded && val.t.kind === "struct" && (val as GoStruct).t.marshalJSON === undefined) out.push(...structMembers(val as GoStruct));
    else out.push([d.name, val]);
  });
  return out;
}

function opaqueJSON(json: unknown): string {
  if (json === undefined || json === null) return "null";
  if (typeof json === "string") return jsonQuote(json);
  if (Array.isArray(json)) return `[${json.map(opaqueJSON).join(",")}]`;
  if (typeof json === "object") {
    return `{${Object.keys(json).sort().map((k) => `${jsonQuote(k[0]!.toUpperCase() + k.slice(1))}:${opaqueJSON((json as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return String(json);
}

// ---- fmt %#v ----

/** Stable fake heap addresses shaped like Go's (0xc000…): bools byte-adjacent, words 8-aligned. */
class Addresses {
  private cursor = 0;
  private readonly base: number;
  constructor(seed: string) {
    let h = 2166136261;
    for (const c of seed) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
    this.base = 0x4000000 + (h % 0x3ff0000) * 0x40;
  }
  next(size: number): string {
    const align = Math.min(size, 8);
    this.cursor = Math.ceil(this.cursor / align) * align;
    const addr = this.base + this.cursor;
    this.cursor += size;
    return `0xc${addr.toString(16).padStart(9, "0")}`;
  }
}

const sizeOf = (t: GoType): number => (t.kind === "bool" ? 1 : t.kind === "int32" ? 4 : t.kind === "string" ? 16 : t.kind === "struct" ? 64 : 8);

/** fmt.Sprintf("%#v", v) */
function sharpV(v: GoValue, addrs: Addresses): string {
  switch (v.t.kind) {
    case "bool": case "int": case "int32": case "int64": return String((v as GoScalar).v);
    case "string": return goQuote(String((v as GoScalar).v));
    case "ptr": {
      const p = v as GoPtr;
      return `(${typeString(p.t)})(${p.elem === null ? "nil" : addrs.next(sizeOf(p.t.elem))})`;
    }
    case "slice": {
      const items = (v as GoSlice).items;
      return items === null ? `${typeString(v.t)}(nil)` : `${typeString(v.t)}{${items.map((e) => sharpV(e, addrs)).join(", ")}}`;
    }
    case "map": {
      const entries = (v as GoMap).entries;
      return entries === null ? `${typeString(v.t)}(nil)` : `${typeString(v.t)}{${entries.map(([k, e]) => `${sharpV(k, addrs)}:${sharpV(e, addrs)}`).join(", ")}}`;
    }
    case "opaque": return `${(v as GoOpaque).t.name}{}`;
    case "struct": {
      const s = v as GoStruct;
      return `${s.t.name}{${s.defs.map((d, i) => `${d.name}:${sharpV(s.fields[i]!, addrs)}`).join(", ")}}`;
    }
  }
}
