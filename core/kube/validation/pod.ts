// Pod validation (pkg/apis/core/validation/validation.go): every error accumulated with its
// field path, in the order the apiserver appends them. Entry points: ValidatePodCreate and
// (./update.ts) ValidatePodUpdate. The pod given is the defaulted object (defaults.ts); the rest
// of apiserver defaulting and the strategy's dropped fields are applied to a copy first.

import type { FieldError } from "../field/errors.js";
import { FieldPath } from "../field/path.js";
import type { Pod, PodSpec } from "../api/types.js";
import type { ClusterProfile } from "../profiles.js";
import { validateContainers, validateContainersOnlyForPod, validateInitContainers, type PodFacts } from "./containers.js";
import { forbidden, invalid, makeCtx, notSupported, required, duplicate, type Ctx } from "./context.js";
import { validateLabelName, validateLabels, validatePodObjectMeta, validatePodSpecificAnnotations } from "./meta.js";
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from "./names.js";
import { preparePod } from "./prepare.js";
import {
  validateAppArmorAnnotationsAndFields, validateHostUsers, validateLinux, validatePodSpecSecurityContext, validateSeccompAnnotationsAndFields,
  validateWindows, validateWindowsHostProcessPod,
} from "./security-context.js";
import { G, I, N, S } from "./value-format.js";
import { validateVolumes } from "./volumes.js";
import { toGo } from "./internal.js";
import { tSlice, tString } from "./gotypes.js";

export { validatePodUpdate } from "./update.js";

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as J) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strOf = (v: unknown): string => (typeof v === "string" ? v : "");

const SPEC = FieldPath.root("spec");

/** ValidatePodCreate(): all errors of a new pod, in the apiserver's order. */
export function validatePod(pod: Pod, profile: ClusterProfile): FieldError[] {
  const ctx = makeCtx(profile);
  return validatePodCreate(ctx, preparePod(pod, undefined, ctx.features));
}

/** ValidatePodCreate */
export function validatePodCreate(ctx: Ctx, pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(ctx, pod);
  const spec = pod.spec;
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden(SPEC.child("ephemeralContainers"), "cannot be set on create"));
  if ((spec.nodeName ?? "") !== "" && arr(spec["schedulingGates"]).length !== 0) errs.push(forbidden(SPEC.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
  errs.push(...validateSeccompAnnotationsAndFields(pod.metadata.annotations, spec, SPEC));
  errs.push(...validateAppArmorAnnotationsAndFields(ctx, pod.metadata.annotations, spec, SPEC));
  return errs;
}

/** validatePodMetadataAndSpec: metadata, pod annotations, spec, then pod-only container checks. */
export function validatePodMetadataAndSpec(ctx: Ctx, pod: Pod): FieldError[] {
  const errs = validatePodObjectMeta(ctx, pod.metadata);
  errs.push(...validatePodSpecificAnnotations(ctx, pod.metadata.annotations, pod.spec));
  errs.push(...validatePodSpec(ctx, pod.spec));
  if ((pod.spec.serviceAccountName ?? "") === "") {
    (pod.spec.volumes ?? []).forEach((v, vi) => {
      arr(obj(v.projected)["sources"]).forEach((s, si) => {
        if (obj(s)["serviceAccountToken"] !== undefined) {
          errs.push(forbidden(SPEC.child("volumes").index(vi).child("projected").child("sources").index(si).child("serviceAccountToken"), "must not be specified when serviceAccountName is not set"));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(ctx, pod.spec.containers ?? [], SPEC.child("containers")));
  errs.push(...validateContainersOnlyForPod(ctx, pod.spec.initContainers ?? [], SPEC.child("initContainers")));
  return errs;
}

/** validatePodHostNetworkDeps: with hostNetwork a pod's hostPort must equal its containerPort. */
function validateHostNetworkDeps(ctx: Ctx, spec: PodSpec): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  return (spec.containers ?? []).flatMap((c, i) => (c.ports ?? []).flatMap((p, pi) => {
    const hp = p.hostPort ?? 0, cp = p.containerPort ?? 0;
    return hp !== cp ? [invalid(ctx, SPEC.child("containers").index(i).child("ports").index(pi).child("hostPort"), I(hp), "must match `containerPort` when `hostNetwork` is true")] : [];
  }));
}

/** validateRestartPolicy / validateDNSPolicy / ValidatePreemptionPolicy: Required or NotSupported. */
function validateEnum(ctx: Ctx, value: string, supported: readonly string[], path: FieldPath): FieldError[] {
  if (supported.includes(value)) return [];
  if (value === "") return [required(path)];
  return [notSupported(ctx, path, N(value), supported)];
}

/** validatePodDNSConfig (nameserver IP syntax is not checked). */
function validateDNSConfig(ctx: Ctx, spec: PodSpec): FieldError[] {
  const path = SPEC.child("dnsConfig");
  const cfg = spec["dnsConfig"];
  if (spec.dnsPolicy === "None") {
    if (cfg === undefined || cfg === null) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (arr(obj(cfg)["nameservers"]).length === 0) return [required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
  }
  if (cfg === undefined || cfg === null) return [];
  const errs: FieldError[] = [];
  const c = obj(cfg);
  const strings = (v: unknown) => arr(v).map(strOf);
  const slice = (v: string[]) => G(toGo(tSlice(tString()), v, ctx.features.minor), v);
  if (strings(c["nameservers"]).length > 3) errs.push(invalid(ctx, path.child("nameservers"), slice(strings(c["nameservers"])), "must not have more than 3 nameservers"));
  const searches = strings(c["searches"]);
  if (searches.length > 32) errs.push(invalid(ctx, path.child("searches"), slice(searches), "must not have more than 32 search paths"));
  if (searches.join(" ").length > 2048) errs.push(invalid(ctx, path.child("searches"), slice(searches), "must not have more than 2048 characters (including spaces) in the search list"));
  searches.forEach((s, i) => {
    if (ctx.features.minor >= 33 && s === ".") return;
    const trimmed = s.replace(/\.$/, "");
    const msgs = ctx.features.minor >= 33 ? isDNS1123SubdomainWithUnderscore(trimmed) : isDNS1123Subdomain(trimmed);
    errs.push(...msgs.map((m) => invalid(ctx, path.child("searches").index(i), S(trimmed), m)));
  });
  arr(c["options"]).forEach((o, i) => { if (strOf(obj(o)["name"]) === "") errs.push(required(path.child("options").index(i), "must not be empty")); });
  return errs;
}

/** IsDNS1123SubdomainWithUnderscore (RelaxedDNSSearchValidation, 1.33+). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const fmt = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";
  const errs: string[] = [];
  if (value.length > 253) errs.push("must be no more than 253 characters");
  if (!new RegExp(`^${fmt}$`).test(value)) errs.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${fmt}')`);
  return errs;
}

/** ValidateTolerations */
export function validateTolerations(ctx: Ctx, tolerations: readonly unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((raw, i) => {
    const t = obj(raw);
    const idx = path.index(i);
    const key = strOf(t["key"]), op = strOf(t["operator"]), value = strOf(t["value"]), effect = strOf(t["effect"]);
    if (key.length > 0) errs.push(...validateLabelName(ctx, key, idx.child("key")));
    if (key.length === 0 && op !== "Exists") errs.push(invalid(ctx, idx.child("operator"), N(op), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t["tolerationSeconds"] !== undefined && t["tolerationSeconds"] !== null && effect !== "NoExecute") errs.push(invalid(ctx, idx.child("effect"), N(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === "Equal" || op === "") {
      const msgs = isValidLabelValue(value);
      if (msgs.length !== 0) errs.push(invalid(ctx, idx.child("operator"), S(value), msgs.join(";")));
    } else if (op === "Exists") {
      if (value.length > 0) errs.push(invalid(ctx, idx.child("operator"), S(value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(ctx, idx.child("operator"), N(op), ["Equal", "Exists"]));
    }
    if (effect.length > 0 && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(effect)) errs.push(notSupported(ctx, idx.child("effect"), N(effect), ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
  });
  return errs;
}

/** validateReadinessGates and validateSchedulingGates */
function validateGates(ctx: Ctx, spec: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  arr(spec["readinessGates"]).forEach((g, i) => {
    const ct = strOf(obj(g)["conditionType"]);
    errs.push(...isQualifiedName(ct).map((m) => invalid(ctx, SPEC.child("readinessGates").index(i).child("conditionType"), S(ct), m)));
  });
  const seen = new Set<string>();
  arr(spec["schedulingGates"]).forEach((g, i) => {
    const name = strOf(obj(g)["name"]);
    errs.push(...isQualifiedName(name).map((m) => invalid(ctx, SPEC.child("schedulingGates").index(i), S(name), m)));
    if (seen.has(name)) errs.push(duplicate(ctx, SPEC.child("schedulingGates").index(i), S(name)));
    seen.add(name);
  });
  return errs;
}

/** validateOS then validateLinux / validateWindows. */
function validateOS(ctx: Ctx, spec: PodSpec): FieldError[] {
  if (spec.os === undefined || spec.os === null) return [];
  const name = spec.os.name ?? "";
  if (name.length === 0) return [required(SPEC.child("os").child("name"), "cannot be empty")];
  if (name !== "linux" && name !== "windows") return [notSupported(ctx, SPEC.child("os"), N(name), ["linux", "windows"])];
  return name === "linux" ? validateLinux(spec, SPEC) : validateWindows(spec, SPEC);
}

const subdomainName = (ctx: Ctx, value: string | undefined, path: FieldPath): FieldError[] =>
  value === undefined || value.length === 0 ? [] : nameIsDNSSubdomain(value, false).map((m) => invalid(ctx, path, S(value), m));

/** ValidatePodSpec */
export function validatePodSpec(ctx: Ctx, spec: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(SPEC.child("terminationGracePeriodSeconds")));
  const vols = validateVolumes(ctx, spec.volumes ?? [], SPEC.child("volumes"));
  errs.push(...vols.errors);
  const pod: PodFacts = { volumes: vols.names, gracePeriod: spec.terminationGracePeriodSeconds ?? undefined, hostUsers: spec.hostUsers !== false };
  errs.push(...validateContainers(ctx, spec.containers ?? [], pod, SPEC.child("containers")));
  errs.push(...validateInitContainers(ctx, spec.initContainers ?? [], spec.containers ?? [], pod, SPEC.child("initContainers")));
  errs.push(...validateHostNetworkDeps(ctx, spec));
  errs.push(...validateEnum(ctx, spec.restartPolicy ?? "", ["Always", "OnFailure", "Never"], SPEC.child("restartPolicy")));
  errs.push(...validateEnum(ctx, spec.dnsPolicy ?? "", ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"], SPEC.child("dnsPolicy")));
  errs.push(...validateLabels(ctx, spec.nodeSelector, SPEC.child("nodeSelector")));
  errs.push(...validatePodSpecSecurityContext(ctx, spec, SPEC.child("securityContext")));
  errs.push(...validateDNSConfig(ctx, spec));
  errs.push(...validateGates(ctx, spec));
  errs.push(...validateWindowsHostProcessPod(ctx, spec, SPEC));
  errs.push(...validateHostUsers(spec, SPEC));
  errs.push(...subdomainName(ctx, spec.serviceAccountName, SPEC.child("serviceAccountName")));
  errs.push(...subdomainName(ctx, spec.nodeName, SPEC.child("nodeName")));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > 2147483647) errs.push(invalid(ctx, SPEC.child("activeDeadlineSeconds"), I(v), inclusiveRangeError(1, 2147483647)));
  }
  for (const k of ["hostname", "subdomain"] as const) {
    const v = strOf(spec[k]);
    if (v.length > 0) errs.push(...isDNS1123Label(v).map((m) => invalid(ctx, SPEC.child(k), S(v), m)));
  }
  if (arr(spec.tolerations).length > 0) errs.push(...validateTolerations(ctx, arr(spec.tolerations), SPEC.child("tolerations")));
  arr(spec["hostAliases"]).forEach((a, i) => {
    arr(obj(a)["hostnames"]).forEach((h, j) => errs.push(...isDNS1123Subdomain(strOf(h)).map((m) => invalid(ctx, SPEC.child("hostAliases").index(i).child("hostnames").index(j), S(strOf(h)), m))));
  });
  errs.push(...subdomainName(ctx, strOf(spec["priorityClassName"]), SPEC.child("priorityClassName")));
  if (typeof spec["runtimeClassName"] === "string") errs.push(...nameIsDNSSubdomain(spec["runtimeClassName"], false).map((m) => invalid(ctx, SPEC.child("runtimeClassName"), S(spec["runtimeClassName"] as string), m)));
  if (spec.preemptionPolicy !== undefined) errs.push(...validateEnum(ctx, spec.preemptionPolicy, ["PreemptLowerPriority", "Never"], SPEC.child("preemptionPolicy")));
  errs.push(...validateOS(ctx, spec));
  return errs;
}

