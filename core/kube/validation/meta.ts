// ObjectMeta validation (apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor,
// ValidateObjectMetaAccessorUpdate; pkg/apis/meta/v1/validation ValidateLabels) and the pod
// annotations the core validation checks (ValidatePodSpecificAnnotations).

import type { FieldError } from "../field/errors.js";
import { FieldPath } from "../field/path.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";
import { forbidden, invalid, required, tooLong, type Ctx } from "./context.js";
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain, byteLength } from "./names.js";
import { goQuote, I, N, S } from "./value-format.js";
import { validateLocalDescendingPath } from "./paths.js";

const TotalAnnotationSizeLimitB = 256 * 1024;
const entries = (m: Record<string, string> | undefined): [string, string][] => (m === undefined || m === null ? [] : Object.entries(m));

/** ValidateLabelName: a qualified name. */
export const validateLabelName = (ctx: Ctx, name: string, path: FieldPath): FieldError[] => isQualifiedName(name).map((m) => invalid(ctx, path, S(name), m));

/** ValidateLabels: every key a qualified name, every value a label value; the path is the map's. */
export function validateLabels(ctx: Ctx, labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of entries(labels)) {
    errs.push(...validateLabelName(ctx, k, path));
    errs.push(...isValidLabelValue(String(v)).map((m) => invalid(ctx, path, S(String(v)), m)));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); 256 KiB in total. */
export function validateAnnotations(ctx: Ctx, annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of entries(annotations)) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(ctx, path, S(k), m)));
    total += byteLength(k) + byteLength(String(v));
  }
  if (total > TotalAnnotationSizeLimitB) errs.push(tooLong(ctx, path, TotalAnnotationSizeLimitB));
  return errs;
}

/** ValidateObjectMeta(meta, requiresNamespace=true, ValidatePodName, "metadata"). */
export function validatePodObjectMeta(ctx: Ctx, meta: ObjectMeta): FieldError[] {
  const path = FieldPath.root("metadata");
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? "";
  if (generateName.length !== 0) errs.push(...nameIsDNSSubdomain(generateName, true).map((m) => invalid(ctx, path.child("generateName"), S(generateName), m)));
  const name = meta.name ?? "";
  if (name.length === 0) errs.push(required(path.child("name"), "name or generateName is required"));
  else errs.push(...nameIsDNSSubdomain(name, false).map((m) => invalid(ctx, path.child("name"), S(name), m)));
  const namespace = meta.namespace ?? "";
  if (namespace.length === 0) errs.push(required(path.child("namespace")));
  else errs.push(...nameIsDNSLabel(namespace, false).map((m) => invalid(ctx, path.child("namespace"), S(namespace), m)));
  if ((meta.generation ?? 0) < 0) errs.push(invalid(ctx, path.child("generation"), I(meta.generation!), "must be greater than or equal to 0"));
  errs.push(...validateLabels(ctx, meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(ctx, meta.annotations, path.child("annotations")));
  return errs;
}

const immutable = "field is immutable";

/**
 * ValidateObjectMetaAccessorUpdate for what an apply can reach. Server-set fields (uid,
 * creationTimestamp, resourceVersion, …) that the new object lacks are inherited from the old
 * one, as a patch would leave them.
 */
export function validatePodObjectMetaUpdate(ctx: Ctx, next: ObjectMeta, old: ObjectMeta): FieldError[] {
  const path = FieldPath.root("metadata");
  const errs: FieldError[] = [];
  const generation = next.generation ?? old.generation ?? 0;
  if (generation < (old.generation ?? 0)) errs.push(invalid(ctx, path.child("generation"), I(generation), "must not be decremented"));
  const same = (k: "name" | "namespace" | "uid" | "creationTimestamp" | "deletionTimestamp") => {
    const n = next[k] ?? old[k] ?? "";
    if (n !== (old[k] ?? "")) errs.push(invalid(ctx, path.child(k), k === "creationTimestamp" || k === "deletionTimestamp" ? N(n) : S(n), immutable));
  };
  same("name");
  same("namespace");
  same("uid");
  same("creationTimestamp");
  same("deletionTimestamp");
  errs.push(...validateLabels(ctx, next.labels, path.child("labels")));
  errs.push(...validateAnnotations(ctx, next.annotations, path.child("annotations")));
  return errs;
}

const SeccompPodAnnotationKey = "seccomp.security.alpha.kubernetes.io/pod";
const SeccompContainerAnnotationKeyPrefix = "container.seccomp.security.alpha.kubernetes.io/";
const AppArmorContainerAnnotationKeyPrefix = "container.apparmor.security.beta.kubernetes.io/";
const PodDeletionCost = "controller.kubernetes.io/pod-deletion-cost";
const MirrorPodAnnotationKey = "kubernetes.io/config.mirror";

/** ValidateSeccompProfile: the legacy annotation values. */
function validateSeccompAnnotationValue(ctx: Ctx, p: string, path: FieldPath): FieldError[] {
  if (p === "runtime/default" || p === "docker/default" || p === "unconfined") return [];
  if (p.startsWith("localhost/")) return validateLocalDescendingPath(ctx, p.slice("localhost/".length), path);
  return [invalid(ctx, path, S(p), "must be a valid seccomp profile")];
}

/** GetDeletionCostFromPodAnnotations: a base-10 int32 without '+' or leading zeros. */
function validDeletionCost(value: string): boolean {
  const firstOk = value.length > 0 && (value[0] === "-" || value === "0" || (value[0]! >= "1" && value[0]! <= "9"));
  if (!firstOk || !/^-?\d+$/.test(value)) return false;
  const n = Number(value);
  return n >= -2147483648 && n <= 2147483647;
}

function podHasContainer(spec: PodSpec, name: string): boolean {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some((c) => c.name === name);
}

/** ValidatePodSpecificAnnotations: mirror pods, deletion cost, seccomp and AppArmor annotations. */
export function validatePodSpecificAnnotations(ctx: Ctx, annotations: Record<string, string> | undefined, spec: PodSpec): FieldError[] {
  const path = FieldPath.root("metadata").child("annotations");
  const errs: FieldError[] = [];
  const all = entries(annotations);
  const get = (k: string) => all.find(([key]) => key === k)?.[1];
  const mirror = get(MirrorPodAnnotationKey);
  if (mirror !== undefined && (spec.nodeName ?? "") === "") errs.push(invalid(ctx, path.key(MirrorPodAnnotationKey), S(mirror), "must set spec.nodeName if mirror pod annotation is set"));
  const cost = get(PodDeletionCost);
  if (cost !== undefined && !validDeletionCost(cost)) errs.push(invalid(ctx, path.key(PodDeletionCost), S(cost), "must be a 32bit integer"));
  const podSeccomp = get(SeccompPodAnnotationKey);
  if (podSeccomp !== undefined) errs.push(...validateSeccompAnnotationValue(ctx, podSeccomp, path.child(SeccompPodAnnotationKey)));
  for (const [k, v] of all) if (k.startsWith(SeccompContainerAnnotationKeyPrefix)) errs.push(...validateSeccompAnnotationValue(ctx, v, path.child(k)));
  for (const [k, v] of all) {
    if (!k.startsWith(AppArmorContainerAnnotationKeyPrefix)) continue;
    const container = k.slice(AppArmorContainerAnnotationKeyPrefix.length);
    if (!podHasContainer(spec, container)) errs.push(invalid(ctx, path.key(k), S(container), "container not found"));
    if (v !== "" && v !== "runtime/default" && v !== "unconfined" && !v.startsWith("localhost/")) errs.push(invalid(ctx, path.key(k), S(v), `invalid AppArmor profile name: ${goQuote(v)}`));
  }
  return errs;
}

/** ValidatePodSpecificAnnotationUpdates: AppArmor and mirror annotations may not be added, changed or removed. */
export function validatePodSpecificAnnotationUpdates(ctx: Ctx, next: Record<string, string> | undefined, old: Record<string, string> | undefined, spec: PodSpec): FieldError[] {
  const path = FieldPath.root("metadata").child("annotations");
  const errs: FieldError[] = [];
  const n = new Map(entries(next)), o = new Map(entries(old));
  for (const [k, v] of o) {
    if (n.has(k) && n.get(k) === v) continue;
    if (k.startsWith(AppArmorContainerAnnotationKeyPrefix)) errs.push(forbidden(path.key(k), "may not remove or update AppArmor annotations"));
    if (k === MirrorPodAnnotationKey) errs.push(forbidden(path.key(k), "may not remove or update mirror pod annotation"));
  }
  for (const k of n.keys()) {
    if (o.has(k)) continue;
    if (k.startsWith(AppArmorContainerAnnotationKeyPrefix)) errs.push(forbidden(path.key(k), "may not add AppArmor annotations"));
    if (k === MirrorPodAnnotationKey) errs.push(forbidden(path.key(k), "may not add mirror pod annotation"));
  }
  errs.push(...validatePodSpecificAnnotations(ctx, next, spec));
  return errs;
}
