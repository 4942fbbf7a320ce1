// Volume validation (pkg/apis/core/validation/validation.go ValidateVolumes, validateVolumeSource
// and the source validators podlab's pods use). The sources are tried in validateVolumeSource's
// order, and a second one is "may not specify more than 1 volume type" under the path Go uses —
// including its spellings `cephFS` and `downwarAPI`.

import type { FieldError } from "../field/errors.js";
import type { FieldPath } from "../field/path.js";
import type { Volume } from "../api/types.js";
import { forbidden, invalid, notSupported, required, sortedList, duplicate, type Ctx } from "./context.js";
import { isDNS1123Label, isQualifiedName } from "./names.js";
import { validateLocalNonReservedPath, validatePathNoBacksteps } from "./paths.js";
import { parseQuantity } from "./quantity.js";
import { I, N, S } from "./value-format.js";

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as J) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strOf = (v: unknown): string => (typeof v === "string" ? v : "");

const fileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";

/** The volume sources: [JSON key, path name in the "more than 1" error, validator]. */
type SourceCheck = (ctx: Ctx, src: J, path: FieldPath) => FieldError[];
const none: SourceCheck = () => [];

function validateMode(ctx: Ctx, mode: unknown, path: FieldPath): FieldError[] {
  return typeof mode === "number" && (mode > 0o777 || mode < 0) ? [invalid(ctx, path, I(mode), fileModeErrorMsg)] : [];
}

/** validateKeyToPath */
function validateKeyToPath(ctx: Ctx, kp: J, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (strOf(kp["key"]) === "") errs.push(required(path.child("key")));
  if (strOf(kp["path"]) === "") errs.push(required(path.child("path")));
  errs.push(...validateLocalNonReservedPath(ctx, strOf(kp["path"]), path.child("path")));
  errs.push(...validateMode(ctx, kp["mode"], path.child("mode")));
  return errs;
}

const itemsOf = (ctx: Ctx, src: J, path: FieldPath): FieldError[] => arr(src["items"]).flatMap((kp, i) => validateKeyToPath(ctx, obj(kp), path.child("items").index(i)));

/** validateEmptyDir: a negative sizeLimit. */
const emptyDir: SourceCheck = (_ctx, src, path) => {
  const q = src["sizeLimit"] === undefined ? undefined : parseQuantity(String(src["sizeLimit"]));
  return q !== undefined && (q.value < 0n || (q.dec ?? "").startsWith("-")) ? [forbidden(path.child("sizeLimit"), "SizeLimit field must be a valid resource quantity")] : [];
};

const supportedHostPathTypes = sortedList(["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"]);

/** validateHostPathVolumeSource */
const hostPath: SourceCheck = (ctx, src, path) => {
  const p = strOf(src["path"]);
  if (p === "") return [required(path.child("path"))];
  const errs = validatePathNoBacksteps(ctx, p, path.child("path"));
  const t = src["type"];
  if (typeof t === "string" && !supportedHostPathTypes.includes(t)) errs.push(notSupported(ctx, path.child("type"), N(t), supportedHostPathTypes));
  return errs;
};

/** validateSecretVolumeSource */
const secret: SourceCheck = (ctx, src, path) => [
  ...(strOf(src["secretName"]) === "" ? [required(path.child("secretName"))] : []),
  ...validateMode(ctx, src["defaultMode"], path.child("defaultMode")),
  ...itemsOf(ctx, src, path),
];

/** validateConfigMapVolumeSource */
const configMap: SourceCheck = (ctx, src, path) => [
  ...(strOf(src["name"]) === "" ? [required(path.child("name"))] : []),
  ...validateMode(ctx, src["defaultMode"], path.child("defaultMode")),
  ...itemsOf(ctx, src, path),
];

/** validatePersistentClaimVolumeSource */
const persistentVolumeClaim: SourceCheck = (_ctx, src, path) => (strOf(src["claimName"]) === "" ? [required(path.child("claimName"))] : []);

const volumeFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
export const envFieldPaths = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
const convertibleLabels = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['key']". */
function splitSubscript(p: string): [string, string] | undefined {
  if (!p.endsWith("']")) return undefined;
  const s = p.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** podshelper.ConvertDownwardAPIFieldLabel for v1 pods. */
function convertFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== "v1") return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscript(label);
  if (sub !== undefined) return sub[0] === "metadata.annotations" || sub[0] === "metadata.labels" ? { path: label } : { error: `field label does not support subscript: ${label}` };
  if (convertibleLabels.includes(label)) return { path: label };
  if (label === "spec.host") return { path: "spec.nodeName" };
  return { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector */
export function validateObjectFieldSelector(ctx: Ctx, fs: J, expressions: readonly string[], path: FieldPath): FieldError[] {
  const apiVersion = strOf(fs["apiVersion"]), fieldPath = strOf(fs["fieldPath"]);
  if (apiVersion === "") return [required(path.child("apiVersion"))];
  if (fieldPath === "") return [required(path.child("fieldPath"))];
  const conv = convertFieldLabel(apiVersion, fieldPath);
  if ("error" in conv) return [invalid(ctx, path.child("fieldPath"), S(fieldPath), `error converting fieldPath: ${conv.error}`)];
  const sub = splitSubscript(conv.path);
  if (sub !== undefined) {
    if (sub[0] === "metadata.annotations") return isQualifiedName(sub[1].toLowerCase()).map((m) => invalid(ctx, path, S(sub[1].toLowerCase()), m));
    if (sub[0] === "metadata.labels") return isQualifiedName(sub[1]).map((m) => invalid(ctx, path, S(sub[1]), m));
    return [invalid(ctx, path, S(sub[0]), "does not support subscript")];
  }
  return expressions.includes(conv.path) ? [] : [notSupported(ctx, path.child("fieldPath"), S(conv.path), sortedList(expressions))];
}

const resourceExpressions = ["limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"];

/** validateContainerResourceFieldSelector (without the divisor check). */
export function validateResourceFieldSelector(ctx: Ctx, fs: J, path: FieldPath, volume: boolean): FieldError[] {
  const resource = strOf(fs["resource"]);
  if (volume && strOf(fs["containerName"]) === "") return [required(path.child("containerName"))];
  if (resource === "") return [required(path.child("resource"))];
  if (!resourceExpressions.includes(resource) && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
    return [notSupported(ctx, path.child("resource"), S(resource), sortedList(resourceExpressions))];
  }
  return [];
}

/** validateDownwardAPIVolumeFile: errors are reported on the source's path, not the item's. */
function validateDownwardAPIVolumeFile(ctx: Ctx, file: J, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const p = strOf(file["path"]);
  if (p === "") errs.push(required(path.child("path")));
  errs.push(...validateLocalNonReservedPath(ctx, p, path.child("path")));
  if (file["fieldRef"] !== undefined) {
    errs.push(...validateObjectFieldSelector(ctx, obj(file["fieldRef"]), volumeFieldPaths, path.child("fieldRef")));
    if (file["resourceFieldRef"] !== undefined) errs.push(invalid(ctx, path, S("resource"), "fieldRef and resourceFieldRef can not be specified simultaneously"));
  } else if (file["resourceFieldRef"] !== undefined) {
    errs.push(...validateResourceFieldSelector(ctx, obj(file["resourceFieldRef"]), path.child("resourceFieldRef"), true));
  } else {
    errs.push(required(path, "one of fieldRef and resourceFieldRef is required"));
  }
  errs.push(...validateMode(ctx, file["mode"], path.child("mode")));
  return errs;
}

/** validateDownwardAPIVolumeSource */
const downwardAPI: SourceCheck = (ctx, src, path) => [
  ...validateMode(ctx, src["defaultMode"], path.child("defaultMode")),
  ...arr(src["items"]).flatMap((file) => validateDownwardAPIVolumeFile(ctx, obj(file), path)),
];

/** validateProjectionSources */
function projectionSources(ctx: Ctx, src: J, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const allPaths = new Set<string>();
  const seen = (p: string, name: string) => {
    if (allPaths.has(p)) errs.push(invalid(ctx, path, S(name), "conflicting duplicate paths"));
    else allPaths.add(p);
  };
  arr(src["sources"]).forEach((rawSource, i) => {
    const source = obj(rawSource);
    const srcPath = path.child("sources").index(i);
    let numSources = 0;
    for (const kind of ["secret", "configMap"] as const) {
      if (source[kind] === undefined) continue;
      numSources++;
      const s = obj(source[kind]);
      const projPath = srcPath.child(kind);
      if (strOf(s["name"]) === "") errs.push(required(projPath.child("name")));
      arr(s["items"]).forEach((kp, j) => {
        errs.push(...validateKeyToPath(ctx, obj(kp), projPath.child("items").index(j)));
        const p = strOf(obj(kp)["path"]);
        if (p.length > 0) seen(p, strOf(s["name"]));
      });
    }
    if (source["downwardAPI"] !== undefined) {
      numSources++;
      for (const file of arr(obj(source["downwardAPI"])["items"])) {
        errs.push(...validateDownwardAPIVolumeFile(ctx, obj(file), srcPath.child("downwardAPI")));
        const p = strOf(obj(file)["path"]);
        if (p.length > 0) seen(p, p);
      }
    }
    if (source["serviceAccountToken"] !== undefined) {
      numSources++;
      const t = obj(source["serviceAccountToken"]);
      const exp = typeof t["expirationSeconds"] === "number" ? t["expirationSeconds"] : 0;
      const tokenPath = srcPath.child("serviceAccountToken");
      if (exp < 600) errs.push(invalid(ctx, tokenPath.child("expirationSeconds"), I(exp), "may not specify a duration less than 10 minutes"));
      if (exp > 2 ** 32) errs.push(invalid(ctx, tokenPath.child("expirationSeconds"), I(exp), "may not specify a duration larger than 2^32 seconds"));
      if (strOf(t["path"]) === "") errs.push(required(path.child("path")));
      else errs.push(...validateLocalNonReservedPath(ctx, strOf(t["path"]), path.child("path")));
    }
    if (source["clusterTrustBundle"] !== undefined) numSources++;
    if (numSources > 1) errs.push(forbidden(srcPath, "may not specify more than 1 volume type per source"));
  });
  return errs;
}

/** validateProjectedVolumeSource */
const projected: SourceCheck = (ctx, src, path) => [...validateMode(ctx, src["defaultMode"], path.child("defaultMode")), ...projectionSources(ctx, src, path)];

/** [JSON key, name in the "more than 1" path, validator] in validateVolumeSource's order. */
const SOURCES: readonly (readonly [string, string, SourceCheck])[] = [
  ["emptyDir", "emptyDir", emptyDir], ["hostPath", "hostPath", hostPath], ["gitRepo", "gitRepo", none],
  ["gcePersistentDisk", "gcePersistentDisk", none], ["awsElasticBlockStore", "awsElasticBlockStore", none], ["secret", "secret", secret],
  ["nfs", "nfs", none], ["iscsi", "iscsi", none], ["glusterfs", "glusterfs", none], ["flocker", "flocker", none],
  ["persistentVolumeClaim", "persistentVolumeClaim", persistentVolumeClaim], ["rbd", "rbd", none], ["cinder", "cinder", none],
  ["cephfs", "cephFS", none], ["quobyte", "quobyte", none], ["downwardAPI", "downwarAPI", downwardAPI], ["fc", "fc", none],
  ["flexVolume", "flexVolume", none], ["configMap", "configMap", configMap], ["azureFile", "azureFile", none],
  ["vsphereVolume", "vsphereVolume", none], ["photonPersistentDisk", "photonPersistentDisk", none], ["portworxVolume", "portworxVolume", none],
  ["azureDisk", "azureDisk", none], ["storageos", "storageos", none], ["projected", "projected", projected], ["scaleIO", "scaleIO", none],
  ["csi", "csi", none], ["ephemeral", "ephemeral", none], ["image", "image", none],
];

/** validateVolumeSource: exactly one source, then that source's own checks. */
function validateVolumeSource(ctx: Ctx, v: Volume, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [key, name, check] of SOURCES) {
    if (v[key] === undefined || v[key] === null) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(name), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errs.push(...check(ctx, obj(v[key]), path.child(key)));
  }
  if (count === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

/** ValidateVolumes: returns the names a mount may refer to (volumes without errors) and the errors. */
export function validateVolumes(ctx: Ctx, volumes: readonly Volume[], path: FieldPath): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  volumes.forEach((v, i) => {
    const idx = path.index(i);
    const name = v.name ?? "";
    const el = validateVolumeSource(ctx, v, idx);
    if (name.length === 0) el.push(required(idx.child("name")));
    else el.push(...isDNS1123Label(name).map((m) => invalid(ctx, idx.child("name"), S(name), m)));
    if (names.has(name)) el.push(duplicate(ctx, idx.child("name"), S(name)));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
