// What every validator needs: the profile's feature gates and value format, and the field.*
// error constructors (apimachinery pkg/util/validation/field/errors.go) with their bad values
// rendered the way that apiserver version prints them.

import { forbidden as fieldForbidden, required as fieldRequired, type ErrorType, type FieldError } from "../field/errors.js";
import type { FieldPath } from "../field/path.js";
import type { ClusterProfile } from "../profiles.js";
import { featuresFor, type Features } from "./features.js";
import { goQuote, plainValue, renderBad, type Bad, type ValueFormat } from "./value-format.js";

export interface Ctx {
  readonly features: Features;
  readonly format: ValueFormat;
}

export function makeCtx(profile: ClusterProfile): Ctx {
  return { features: featuresFor(profile), format: profile.valueFormat };
}

function withValue(ctx: Ctx, type: ErrorType, path: FieldPath, bad: Bad, detail: string): FieldError {
  const fieldName = path.toString();
  return { type, field: fieldName, badValue: plainValue(bad), detail, rawValue: renderBad(bad, ctx.format, fieldName) };
}

/** field.Invalid */
export const invalid = (ctx: Ctx, path: FieldPath, bad: Bad, detail: string): FieldError => withValue(ctx, "Invalid value", path, bad, detail);

/** field.Duplicate */
export const duplicate = (ctx: Ctx, path: FieldPath, bad: Bad): FieldError => withValue(ctx, "Duplicate value", path, bad, "");

/** field.NotFound */
export const notFound = (ctx: Ctx, path: FieldPath, bad: Bad): FieldError => withValue(ctx, "Not found", path, bad, "");

/** field.NotSupported: `supported values: "A", "B"` (strconv.Quote of each). */
export const notSupported = (ctx: Ctx, path: FieldPath, bad: Bad, supported: readonly string[]): FieldError =>
  withValue(ctx, "Unsupported value", path, bad, supported.length === 0 ? "" : `supported values: ${supported.map(goQuote).join(", ")}`);

/** field.Required */
export const required = (path: FieldPath, detail = ""): FieldError => fieldRequired(path, detail);

/** field.Forbidden */
export const forbidden = (path: FieldPath, detail: string): FieldError => fieldForbidden(path, detail);

/**
 * field.TooLong: "may not be more than N bytes" since apimachinery 1.32 (TooLong took over
 * TooLongMaxLength), "must have at most N bytes" before.
 */
export function tooLong(ctx: Ctx, path: FieldPath, max: number): FieldError {
  const detail = ctx.features.minor >= 32 ? `may not be more than ${max} ${max === 1 ? "byte" : "bytes"}` : `must have at most ${max} bytes`;
  return { type: "Too long", field: path.toString(), badValue: undefined, detail };
}

/** sets.List: sorted, as NotSupported's supported-values lists built from a set are. */
export const sortedList = (values: readonly string[]): string[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
