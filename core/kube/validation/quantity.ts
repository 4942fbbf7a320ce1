// resource.Quantity as a Go value (k8s.io/apimachinery pkg/api/resource/quantity.go): the
// int64 fast path of ParseQuantity, which keeps i{value, scale}, the Format, and the original
// string `s` only when it is already canonical. go-cmp prints these unexported fields; the
// inf.Dec path (fractions of binary suffixes, huge values) is kept as an opaque `d`.

import { field, tInt32, tInt64, tOpaque, tPtr, tString, tStruct, type GoScalar, type GoStruct, type GoValue, type StructType } from "./gotypes.js";

const int64Amount = tStruct("resource.int64Amount", [field("value", "", tInt64, { unexported: true }), field("scale", "", tInt32("resource.Scale"), { unexported: true })]);
const infDecAmount = tStruct("resource.infDecAmount", [field("Dec", "", tPtr(tOpaque("inf.Dec")), { embedded: true })]);

interface Parsed { value: bigint; scale: number; format: string; s: string; dec?: string }

const decimal: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binary: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function interpretSuffix(suf: string): { base: 2 | 10; exponent: number; format: string } | undefined {
  if (suf in binary) return { base: 2, exponent: binary[suf]!, format: "BinarySI" };
  if (suf in decimal) return { base: 10, exponent: decimal[suf]!, format: "DecimalSI" };
  const m = /^[eE]([-+]?\d+)$/.exec(suf);
  return m === null ? undefined : { base: 10, exponent: Number(m[1]), format: "DecimalExponent" };
}

/** ParseQuantity; undefined when the string is not a quantity (decoding rejects those). */
export function parseQuantity(str: string): Parsed | undefined {
  if (str === "0") return { value: 0n, scale: 0, format: "DecimalSI", s: "0" };
  const m = /^([-+]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(str);
  if (m === null || str === "") return undefined;
  const positive = m[1] !== "-";
  const num = m[2] === "" ? "0" : m[2]!;
  const denom = m[3] ?? "";
  const suf = interpretSuffix(m[4] ?? "");
  if (suf === undefined) return undefined;
  let scale = 0;
  let mantissa = 1n;
  let precision: number;
  if (suf.format === "BinarySI") {
    if (suf.exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(suf.exponent);
      precision = 15 - num.length - Math.trunc((suf.exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = suf.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      let result = value * mantissa;
      if (result <= 9223372036854775807n) {
        if (!positive) result = -result;
        const canonical = suf.format === "BinarySI"
          ? suf.exponent % 10 === 0 && (value & 7n) !== 0n
          : scale % 3 === 0 && !shifted.endsWith("000") && !shifted.startsWith("0");
        return { value: result, scale, format: suf.format, s: canonical ? str : "" };
      }
    }
  }
  return { value: 0n, scale: 0, format: suf.format, s: "", dec: str };
}

/** Quantity.String() of a manifest value (its canonical form), or the text itself if unparsable. */
export function canonicalQuantity(raw: unknown): string {
  const p = parseQuantity(String(raw).trim());
  if (p === undefined) return String(raw);
  return p.s !== "" ? p.s : p.dec ?? canonicalize(p);
}

/** Quantity.Cmp of two manifest values (0 when either is not a quantity). */
export function compareQuantities(a: unknown, b: unknown): number {
  const x = parseQuantity(String(a).trim()), y = parseQuantity(String(b).trim());
  return x === undefined || y === undefined ? 0 : compare(x, y);
}

/** Cmp on two parsed quantities (value·10^scale). */
function compare(a: Parsed, b: Parsed): number {
  if (a.dec !== undefined || b.dec !== undefined) return (a.dec ?? a.s) === (b.dec ?? b.s) ? 0 : 1;
  const lo = Math.min(a.scale, b.scale);
  const x = a.value * 10n ** BigInt(a.scale - lo), y = b.value * 10n ** BigInt(b.scale - lo);
  return x === y ? 0 : x < y ? -1 : 1;
}

const sourceOf = new WeakMap<GoStruct, Parsed>();

export const quantityType: StructType = tStruct("resource.Quantity", [
  field("i", "", int64Amount, { unexported: true }),
  field("d", "", infDecAmount, { unexported: true }),
  field("s", "", tString(), { unexported: true }),
  field("Format", "", tString("resource.Format"), { embedded: true }),
], {
  // func (q Quantity) Equal(v Quantity) bool
  equal: (a, b) => {
    const x = sourceOf.get(a), y = sourceOf.get(b);
    return x === undefined || y === undefined ? x === y : compare(x, y) === 0;
  },
  marshalJSON: (v) => JSON.stringify(quantityString(v)),
});

const scalar = (t: GoScalar["t"], v: GoScalar["v"]): GoScalar => ({ t, v });

/** A Go resource.Quantity value from a manifest's string or number; zero Quantity for undefined. */
export function quantityValue(raw: unknown): GoStruct {
  const p = raw === undefined || raw === null ? undefined : parseQuantity(String(raw).trim());
  const [iT, dT, sT, fT] = quantityType.fields.map((f) => f.type) as [StructType, StructType, GoScalar["t"], GoScalar["t"]];
  const i: GoStruct = { t: iT, defs: iT.fields, fields: [scalar(iT.fields[0]!.type as GoScalar["t"], Number(p?.value ?? 0n)), scalar(iT.fields[1]!.type as GoScalar["t"], p?.scale ?? 0)] };
  const d: GoStruct = { t: dT, defs: dT.fields, fields: [{ t: dT.fields[0]!.type as never, elem: p?.dec === undefined ? null : { t: tOpaque("inf.Dec"), json: p.dec } } as GoValue] };
  const q: GoStruct = { t: quantityType, defs: quantityType.fields, fields: [i, d, scalar(sT, p?.s ?? ""), scalar(fT, p?.format ?? "")] };
  if (p !== undefined) sourceOf.set(q, p);
  return q;
}

/** Quantity.String(): the cached string, or the manifest's spelling (canonicalization is not modelled). */
export function quantityString(v: GoStruct): string {
  const p = sourceOf.get(v);
  if (p === undefined) return "0";
  if (p.s !== "") return p.s;
  return p.dec ?? canonicalize(p);
}

/** CanonicalizeBytes for the int64 path: the largest suffix that keeps an integer mantissa. */
function canonicalize(p: Parsed): string {
  if (p.value === 0n) return "0";
  if (p.format === "BinarySI" && p.scale === 0) {
    const names = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let v = p.value, i = 0;
    while (i < names.length - 1 && v % 1024n === 0n) { v /= 1024n; i++; }
    if (i > 0 || p.value < 1024n) return `${v}${names[i]}`;
  }
  let v = p.value, scale = p.scale;
  while (v % 10n === 0n && v !== 0n) { v /= 10n; scale++; }
  while (scale % 3 !== 0) { v *= 10n; scale--; }
  const suffix: Record<number, string> = { [-9]: "n", [-6]: "u", [-3]: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E" };
  while (suffix[scale] === undefined && scale > 18) { v *= 1000n; scale -= 3; }
  return `${v}${suffix[scale] ?? ""}`;
}
