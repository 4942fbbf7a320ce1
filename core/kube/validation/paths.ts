// Path checks shared by volumes, mounts and seccomp (pkg/apis/core/validation/validation.go
// validateLocalDescendingPath, validatePathNoBacksteps, ValidateLocalNonReservedPath).

import type { FieldError } from "../field/errors.js";
import type { FieldPath } from "../field/path.js";
import { invalid, type Ctx } from "./context.js";
import { S } from "./value-format.js";

/** validatePathNoBacksteps: no ".." element (one error, however many there are). */
export function validatePathNoBacksteps(ctx: Ctx, target: string, path: FieldPath): FieldError[] {
  return target.split("/").includes("..") ? [invalid(ctx, path, S(target), "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, and no "..". */
export function validateLocalDescendingPath(ctx: Ctx, target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith("/")) errs.push(invalid(ctx, path, S(target), "must be a relative path"));
  errs.push(...validatePathNoBacksteps(ctx, target, path));
  return errs;
}

/** ValidateLocalNonReservedPath: also may not start with "..". */
export function validateLocalNonReservedPath(ctx: Ctx, target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(ctx, target, path);
  if (target.startsWith("..") && !target.startsWith("../")) errs.push(invalid(ctx, path, S(target), "must not start with '..'"));
  return errs;
}
