// Validation errors as values (apimachinery pkg/util/validation/field/errors.go): type, field path,
// bad value and detail, rendered late in the apiserver's words.

import type { FieldPath } from "./path.js";

export type ErrorType = "Invalid value" | "Required value" | "Forbidden" | "Unsupported value" | "Duplicate value" | "Not found" | "Too long";

export interface FieldError {
  readonly type: ErrorType;
  readonly field: string;
  readonly badValue: unknown;
  readonly detail: string;
  /** How the bad value prints (apimachinery ≥1.34 JSON, older Go %#v); set by the renderer. */
  readonly rawValue?: string;
}

export const invalid = (path: FieldPath, value: unknown, detail: string): FieldError => ({ type: "Invalid value", field: path.toString(), badValue: value, detail });
export const required = (path: FieldPath, detail = ""): FieldError => ({ type: "Required value", field: path.toString(), badValue: undefined, detail });
export const forbidden = (path: FieldPath, detail: string): FieldError => ({ type: "Forbidden", field: path.toString(), badValue: undefined, detail });
export const duplicate = (path: FieldPath, value: unknown): FieldError => ({ type: "Duplicate value", field: path.toString(), badValue: value, detail: "" });
export const tooLong = (path: FieldPath, value: unknown, max: number): FieldError => ({ type: "Too long", field: path.toString(), badValue: value, detail: `may not be more than ${max} bytes` });

/** field.NotSupported: `supported values: "A", "B"` with each value quoted. */
export const notSupported = (path: FieldPath, value: unknown, supported: readonly string[]): FieldError => ({
  type: "Unsupported value", field: path.toString(), badValue: value,
  detail: supported.length === 0 ? "" : `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
});

/** How a bad value prints: numbers and booleans as %v, strings quoted, anything else as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return JSON.stringify(v) ?? "null";
}

/** field.Error.Error(): "<field>: <ErrorBody>". */
export function errorText(e: FieldError): string {
  const body = (() => {
    switch (e.type) {
      case "Required value":
      case "Forbidden":
      case "Too long":
        return e.detail === "" ? e.type : `${e.type}: ${e.detail}`;
      default: {
        const value = e.rawValue ?? formatValue(e.badValue);
        return e.detail === "" ? `${e.type}: ${value}` : `${e.type}: ${value}: ${e.detail}`;
      }
    }
  })();
  return `${e.field}: ${body}`;
}

/**
 * kubectl's rendering of an Invalid status (cmd/util/helpers.go): one cause on one line; several
 * as "* " lines under a first line ending in a space. Causes are deduplicated.
 */
export function invalidMessage(kind: string, name: string, errors: readonly FieldError[]): string {
  const lines = [...new Set(errors.map(errorText))];
  if (lines.length === 1) return `The ${kind} "${name}" is invalid: ${lines[0]}`;
  return `The ${kind} "${name}" is invalid: \n${lines.map((l) => `* ${l}`).join("\n")}`;
}
