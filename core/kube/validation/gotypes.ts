// A small model of Go types and values, enough to print what the apiserver prints about its
// internal objects: json.Marshal (bad values, apimachinery ≥1.34), fmt %#v (older), and go-cmp's
// Diff (pod updates). Values are built from podlab's JSON objects by ./internal.ts.

export type ScalarKind = "bool" | "string" | "int" | "int32" | "int64";

export interface ScalarType {
  readonly kind: ScalarKind;
  /** Named types print their name (`core.DNSPolicy`); unnamed ones their kind. */
  readonly name?: string;
  /** The named type has a String() method on its value (core.ResourceName). */
  readonly stringer?: boolean;
}

export interface GoField {
  /** Go field name, exactly as declared. */
  readonly name: string;
  /** v1 JSON key the value comes from; ignored for embedded fields (same object). */
  readonly json: string;
  readonly type: GoType;
  /** An anonymous (embedded) field: its name is its type's name, its JSON is flattened. */
  readonly embedded?: boolean;
  /** First Kubernetes minor version whose internal type has the field. */
  readonly since?: number;
  /** Unexported field (resource.Quantity internals). */
  readonly unexported?: boolean;
}

export interface StructType {
  readonly kind: "struct";
  readonly name: string;
  readonly fields: readonly GoField[];
  /** The type has an Equal method go-cmp uses instead of walking fields. */
  readonly equal?: (a: GoStruct, b: GoStruct) => boolean;
  /** The type has MarshalJSON (Quantity, IntOrString). */
  readonly marshalJSON?: (v: GoStruct) => string;
}

export interface PtrType { readonly kind: "ptr"; readonly elem: GoType }
export interface SliceType { readonly kind: "slice"; readonly elem: GoType; readonly name?: string }
export interface MapType { readonly kind: "map"; readonly key: ScalarType; readonly elem: GoType; readonly name?: string }
/** A type podlab does not model field by field (affinity, CSI volumes…): compared as JSON. */
export interface OpaqueType { readonly kind: "opaque"; readonly name: string }

export type GoType = ScalarType | StructType | PtrType | SliceType | MapType | OpaqueType;

export interface GoScalar { readonly t: ScalarType; readonly v: boolean | string | number }
export interface GoStruct { readonly t: StructType; readonly defs: readonly GoField[]; readonly fields: readonly GoValue[] }
export interface GoPtr { readonly t: PtrType; readonly elem: GoValue | null }
export interface GoSlice { readonly t: SliceType; readonly items: readonly GoValue[] | null }
export interface GoMap { readonly t: MapType; readonly entries: readonly (readonly [GoScalar, GoValue])[] | null }
export interface GoOpaque { readonly t: OpaqueType; readonly json: unknown }

export type GoValue = GoScalar | GoStruct | GoPtr | GoSlice | GoMap | GoOpaque;

// ---- type constructors ----

export const tString = (name?: string, stringer?: boolean): ScalarType => ({ kind: "string", ...(name === undefined ? {} : { name }), ...(stringer ? { stringer } : {}) });
export const tBool: ScalarType = { kind: "bool" };
export const tInt: ScalarType = { kind: "int" };
export const tInt32 = (name?: string): ScalarType => ({ kind: "int32", ...(name === undefined ? {} : { name }) });
export const tInt64: ScalarType = { kind: "int64" };
export const tPtr = (elem: GoType): PtrType => ({ kind: "ptr", elem });
export const tSlice = (elem: GoType, name?: string): SliceType => ({ kind: "slice", elem, ...(name === undefined ? {} : { name }) });
export const tMap = (key: ScalarType, elem: GoType, name?: string): MapType => ({ kind: "map", key, elem, ...(name === undefined ? {} : { name }) });
export const tOpaque = (name: string): OpaqueType => ({ kind: "opaque", name });
export const tStruct = (name: string, fields: GoField[], extra: Partial<Pick<StructType, "equal" | "marshalJSON">> = {}): StructType => ({ kind: "struct", name, fields, ...extra });
export const field = (name: string, json: string, type: GoType, extra: Partial<Omit<GoField, "name" | "json" | "type">> = {}): GoField => ({ name, json, type, ...extra });

/** value.TypeString(t, false) in go-cmp; reflect.Type.String() for %#v. */
export function typeString(t: GoType): string {
  switch (t.kind) {
    case "struct": case "opaque": return t.name;
    case "ptr": return `*${typeString(t.elem)}`;
    case "slice": return t.name ?? `[]${typeString(t.elem)}`;
    case "map": return t.name ?? `map[${typeString(t.key)}]${typeString(t.elem)}`;
    default: return t.name ?? t.kind;
  }
}

// ---- zero values and reflect.Value.IsZero ----

export function zeroOf(t: GoType, minor: number): GoValue {
  switch (t.kind) {
    case "bool": return { t, v: false };
    case "string": return { t, v: "" };
    case "int": case "int32": case "int64": return { t, v: 0 };
    case "ptr": return { t, elem: null };
    case "slice": return { t, items: null };
    case "map": return { t, entries: null };
    case "opaque": return { t, json: undefined };
    case "struct": {
      const defs = fieldsAt(t, minor);
      return { t, defs, fields: defs.map((f) => zeroOf(f.type, minor)) };
    }
  }
}

export const fieldsAt = (t: StructType, minor: number): readonly GoField[] => t.fields.filter((f) => f.since === undefined || minor >= f.since);

export function isZero(v: GoValue): boolean {
  switch (v.t.kind) {
    case "bool": case "string": case "int": case "int32": case "int64": {
      const s = v as GoScalar;
      return s.v === false || s.v === "" || s.v === 0;
    }
    case "ptr": return (v as GoPtr).elem === null;
    case "slice": return (v as GoSlice).items === null;
    case "map": return (v as GoMap).entries === null;
    case "opaque": return (v as GoOpaque).json === undefined || (v as GoOpaque).json === null;
    case "struct": return (v as GoStruct).fields.every(isZero);
  }
}

/**
 * apiequality.Semantic.DeepEqual: reflect.DeepEqual except that nil and empty slices/maps are
 * equal and types with an Equal method (resource.Quantity) use it.
 */
export function semanticEqual(a: GoValue, b: GoValue): boolean {
  switch (a.t.kind) {
    case "bool": case "string": case "int": case "int32": case "int64":
      return (a as GoScalar).v === (b as GoScalar).v;
    case "ptr": {
      const x = (a as GoPtr).elem, y = (b as GoPtr).elem;
      return x === null || y === null ? x === y : semanticEqual(x, y);
    }
    case "slice": {
      const x = (a as GoSlice).items ?? [], y = (b as GoSlice).items ?? [];
      return x.length === y.length && x.every((e, i) => semanticEqual(e, y[i]!));
    }
    case "map": {
      const x = (a as GoMap).entries ?? [], y = (b as GoMap).entries ?? [];
      return x.length === y.length && x.every(([k, e], i) => y[i]![0].v === k.v && semanticEqual(e, y[i]![1]));
    }
    case "opaque": return JSON.stringify((a as GoOpaque).json ?? null) === JSON.stringify((b as GoOpaque).json ?? null);
    case "struct": {
      const s = a as GoStruct, u = b as GoStruct;
      if (s.t.equal !== undefined) return s.t.equal(s, u);
      return s.fields.every((f, i) => semanticEqual(f, u.fields[i]!));
    }
  }
}

/** A struct's field value by Go name. */
export function getField(v: GoStruct, name: string): GoValue | undefined {
  const i = v.defs.findIndex((f) => f.name === name);
  return i < 0 ? undefined : v.fields[i];
}
