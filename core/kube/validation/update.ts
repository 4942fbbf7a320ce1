// ValidatePodUpdate (pkg/apis/core/validation/validation.go): only container/init-container
// images, activeDeadlineSeconds, additions to tolerations, deletions of scheduling gates and a
// negative terminationGracePeriodSeconds turning into 1 may change. Any other change is one
// Forbidden on `spec` whose detail ends with cmp.Diff(oldPod.Spec, mungedPodSpec) (./cmp.ts).

import type { FieldError } from "../field/errors.js";
import { FieldPath } from "../field/path.js";
import type { Container, Pod, PodSpec } from "../api/types.js";
import type { ClusterProfile } from "../profiles.js";
import { cmpDiff } from "./cmp.js";
import { forbidden, invalid, makeCtx, required, type Ctx } from "./context.js";
import { semanticEqual } from "./gotypes.js";
import { podSpecToGo, podSpecType, toGo, tolerationType } from "./internal.js";
import { validatePodObjectMetaUpdate, validatePodSpecificAnnotationUpdates } from "./meta.js";
import { inclusiveRangeError } from "./names.js";
import { validatePodMetadataAndSpec, validateTolerations } from "./pod.js";
import { clonePod, preparePod } from "./prepare.js";
import { I, NIL, S } from "./value-format.js";

const SPEC = FieldPath.root("spec");

const updatablePodSpecFields = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/** ValidatePodUpdate(): only image, activeDeadlineSeconds, tolerations (additions) and grace may change. */
export function validatePodUpdate(next: Pod, old: Pod, profile: ClusterProfile): FieldError[] {
  const ctx = makeCtx(profile);
  const o = preparePod(old, undefined, ctx.features);
  const n = preparePod(next, o, ctx.features);
  return validatePodUpdateWith(ctx, n, o);
}

/** ValidateContainerUpdates: same number of containers, each with a trimmed, non-empty image. */
function validateContainerUpdates(ctx: Ctx, next: readonly Container[], old: readonly Container[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = c.image ?? "";
    if (image.length === 0) errs.push(required(path.index(i).child("image")));
    if (image.trim().length !== image.length) errs.push(invalid(ctx, path.index(i).child("image"), S(image), "must not have leading or trailing whitespace"));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may change). */
function validateOnlyAddedTolerations(ctx: Ctx, next: readonly unknown[], old: readonly unknown[], path: FieldPath): FieldError[] {
  const minor = ctx.features.minor;
  const withoutSeconds = (t: unknown) => ({ ...(t as Record<string, unknown>), tolerationSeconds: undefined });
  for (const ot of old) {
    const found = next.some((nt) => semanticEqual(toGo(tolerationType, withoutSeconds(ot), minor), toGo(tolerationType, withoutSeconds(nt), minor)));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return validateTolerations(ctx, next, path);
}

/** validateOnlyDeletedSchedulingGates */
function validateOnlyDeletedSchedulingGates(next: readonly unknown[], old: readonly unknown[], path: FieldPath): FieldError[] {
  const name = (g: unknown) => String((g as { name?: unknown }).name ?? "");
  const oldNames = new Set(old.map(name));
  return next.flatMap((g, i) => (oldNames.has(name(g)) ? [] : [forbidden(path.index(i).child("name"), `only deletion is allowed, but found new scheduling gate '${name(g)}'`)]));
}

/** The new spec with the fields an update may change put back to their old values. */
function munge(next: PodSpec, old: PodSpec): PodSpec {
  const m = clonePod({ apiVersion: "v1", kind: "Pod", metadata: {}, spec: next }).spec;
  (m.containers ?? []).forEach((c, i) => { c.image = old.containers?.[i]?.image; });
  (m.initContainers ?? []).forEach((c, i) => { c.image = old.initContainers?.[i]?.image; });
  if (old.activeDeadlineSeconds === undefined) delete m.activeDeadlineSeconds;
  else m.activeDeadlineSeconds = old.activeDeadlineSeconds;
  if (old["schedulingGates"] === undefined) delete m["schedulingGates"];
  else m["schedulingGates"] = old["schedulingGates"];
  if (old.tolerations === undefined) delete m.tolerations;
  else m.tolerations = old.tolerations;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && m.terminationGracePeriodSeconds === 1) m.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  return m;
}

/** ValidatePodUpdate on prepared pods. */
export function validatePodUpdateWith(ctx: Ctx, next: Pod, old: Pod): FieldError[] {
  const errs = validatePodObjectMetaUpdate(ctx, next.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(ctx, next));
  errs.push(...validatePodSpecificAnnotationUpdates(ctx, next.metadata.annotations, old.metadata.annotations, next.spec));
  for (const k of ["containers", "initContainers"] as const) {
    const r = validateContainerUpdates(ctx, next.spec[k] ?? [], old.spec[k] ?? [], SPEC.child(k));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const nextADS = next.spec.activeDeadlineSeconds, oldADS = old.spec.activeDeadlineSeconds;
  if (nextADS !== undefined && nextADS !== null) {
    if (nextADS < 0 || nextADS > 2147483647) return [...errs, invalid(ctx, SPEC.child("activeDeadlineSeconds"), I(nextADS), inclusiveRangeError(0, 2147483647))];
    if (oldADS !== undefined && oldADS !== null && oldADS < nextADS) return [...errs, invalid(ctx, SPEC.child("activeDeadlineSeconds"), I(nextADS), "must be less than or equal to previous value")];
  } else if (oldADS !== undefined && oldADS !== null) {
    errs.push(invalid(ctx, SPEC.child("activeDeadlineSeconds"), NIL, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(ctx, next.spec.tolerations ?? [], old.spec.tolerations ?? [], SPEC.child("tolerations")));
  errs.push(...validateOnlyDeletedSchedulingGates((next.spec["schedulingGates"] as unknown[] | undefined) ?? [], (old.spec["schedulingGates"] as unknown[] | undefined) ?? [], SPEC.child("schedulingGates")));
  const minor = ctx.features.minor;
  const oldGo = podSpecToGo(old.spec as Record<string, unknown>, minor);
  if (semanticEqual(podSpecToGo(next.spec as Record<string, unknown>, minor), oldGo)) return errs;
  const mungedGo = podSpecToGo(munge(next.spec, old.spec) as Record<string, unknown>, minor);
  if (!semanticEqual(mungedGo, oldGo)) {
    const diff = cmpDiff(podSpecType, oldGo, mungedGo);
    errs.push(forbidden(SPEC, `pod updates may not change fields other than ${updatablePodSpecFields.join(",")}\n${diff}`));
  }
  return errs;
}

