// Container validation (pkg/apis/core/validation/validation.go validateContainers,
// validateInitContainers, validateContainerCommon and the helpers it calls, in that order:
// name, image, terminationMessagePolicy, ports, env, envFrom, volumeMounts, imagePullPolicy,
// resources, securityContext; then lifecycle/probes, restartPolicy and host port conflicts).

import type { FieldError } from "../field/errors.js";
import type { FieldPath } from "../field/path.js";
import type { Container, Probe } from "../api/types.js";
import { duplicate, forbidden, invalid, notFound, notSupported, required, type Ctx } from "./context.js";
import {
  isConfigMapKey, isDNS1123Label, isEnvVarName, isHTTPHeaderName, isQualifiedName, isRelaxedEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from "./names.js";
import { validateLocalDescendingPath } from "./paths.js";
import { canonicalQuantity, compareQuantities } from "./quantity.js";
import { validateSecurityContext } from "./security-context.js";
import { envFieldPaths, validateObjectFieldSelector, validateResourceFieldSelector } from "./volumes.js";
import { I, N, S } from "./value-format.js";

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as J) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strOf = (v: unknown): string => (typeof v === "string" ? v : "");
const numOf = (v: unknown): number => (typeof v === "number" ? v : 0);

/** What validateContainerCommon needs to know about the pod. */
export interface PodFacts {
  readonly volumes: ReadonlySet<string>;
  readonly gracePeriod: number | undefined;
  readonly hostUsers: boolean;
}

/** validateContainerPorts */
function validatePorts(ctx: Ctx, ports: unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const port = obj(raw);
    const idx = path.index(i);
    const name = strOf(port["name"]);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(ctx, idx.child("name"), S(name), m)));
      else if (names.has(name)) errs.push(duplicate(ctx, idx.child("name"), S(name)));
      else names.add(name);
    }
    const containerPort = numOf(port["containerPort"]);
    if (containerPort === 0) errs.push(required(idx.child("containerPort")));
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(ctx, idx.child("containerPort"), I(containerPort), m)));
    const hostPort = numOf(port["hostPort"]);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(ctx, idx.child("hostPort"), I(hostPort), m)));
    const protocol = strOf(port["protocol"]);
    if (protocol === "") errs.push(required(idx.child("protocol")));
    else if (!["TCP", "UDP", "SCTP"].includes(protocol)) errs.push(notSupported(ctx, idx.child("protocol"), N(protocol), ["SCTP", "TCP", "UDP"]));
  });
  return errs;
}

const envName = (ctx: Ctx, name: string): string[] => (ctx.features.relaxedEnvVarNames ? isRelaxedEnvVarName(name) : isEnvVarName(name));

/** validateConfigMapKeySelector / validateSecretKeySelector */
function validateKeySelector(ctx: Ctx, s: J, path: FieldPath): FieldError[] {
  const name = strOf(s["name"]), key = strOf(s["key"]);
  const errs = nameIsDNSSubdomain(name, false).map((m) => invalid(ctx, path.child("name"), S(name), m));
  if (key === "") errs.push(required(path.child("key")));
  else errs.push(...isConfigMapKey(key).map((m) => invalid(ctx, path.child("key"), S(key), m)));
  return errs;
}

/** validateEnvVarValueFrom */
function validateValueFrom(ctx: Ctx, ev: J, path: FieldPath): FieldError[] {
  if (ev["valueFrom"] === undefined || ev["valueFrom"] === null) return [];
  const from = obj(ev["valueFrom"]);
  const errs: FieldError[] = [];
  let n = 0;
  if (from["fieldRef"] !== undefined) { n++; errs.push(...validateObjectFieldSelector(ctx, obj(from["fieldRef"]), envFieldPaths, path.child("fieldRef"))); }
  if (from["resourceFieldRef"] !== undefined) { n++; errs.push(...validateResourceFieldSelector(ctx, obj(from["resourceFieldRef"]), path.child("resourceFieldRef"), false)); }
  if (from["configMapKeyRef"] !== undefined) { n++; errs.push(...validateKeySelector(ctx, obj(from["configMapKeyRef"]), path.child("configMapKeyRef"))); }
  if (from["secretKeyRef"] !== undefined) { n++; errs.push(...validateKeySelector(ctx, obj(from["secretKeyRef"]), path.child("secretKeyRef"))); }
  if (n === 0) errs.push(invalid(ctx, path, S(""), "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  else if (strOf(ev["value"]).length !== 0) errs.push(invalid(ctx, path, S(""), "may not be specified when `value` is not empty"));
  else if (n > 1) errs.push(invalid(ctx, path, S(""), "may not have more than one field specified at a time"));
  return errs;
}

/** ValidateEnv */
function validateEnv(ctx: Ctx, env: unknown[], path: FieldPath): FieldError[] {
  return env.flatMap((raw, i) => {
    const ev = obj(raw);
    const idx = path.index(i);
    const name = strOf(ev["name"]);
    const errs = name.length === 0 ? [required(idx.child("name"))] : envName(ctx, name).map((m) => invalid(ctx, idx.child("name"), S(name), m));
    return [...errs, ...validateValueFrom(ctx, ev, idx.child("valueFrom"))];
  });
}

/** ValidateEnvFrom */
function validateEnvFrom(ctx: Ctx, envFrom: unknown[], path: FieldPath): FieldError[] {
  return envFrom.flatMap((raw, i) => {
    const ev = obj(raw);
    const idx = path.index(i);
    const errs: FieldError[] = [];
    const prefix = strOf(ev["prefix"]);
    if (prefix.length > 0) errs.push(...envName(ctx, prefix).map((m) => invalid(ctx, idx.child("prefix"), S(prefix), m)));
    let n = 0;
    for (const kind of ["configMapRef", "secretRef"] as const) {
      if (ev[kind] === undefined) continue;
      n++;
      const name = strOf(obj(ev[kind])["name"]);
      if (name === "") errs.push(required(idx.child(kind).child("name")));
      else errs.push(...nameIsDNSSubdomain(name, true).map((m) => invalid(ctx, idx.child(kind).child("name"), S(name), m)));
    }
    if (n === 0) errs.push(invalid(ctx, path, S(""), "must specify one of: `configMapRef` or `secretRef`"));
    else if (n > 1) errs.push(invalid(ctx, path, S(""), "may not have more than one field specified at a time"));
    return errs;
  });
}

/** ValidateVolumeMounts (subPath/propagation errors use the list's path, as Go does). */
function validateVolumeMounts(ctx: Ctx, c: Container, volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const mnt = m as J;
    const idx = path.index(i);
    const name = strOf(mnt["name"]), mountPath = strOf(mnt["mountPath"]);
    if (name.length === 0) errs.push(required(idx.child("name")));
    if (!volumes.has(name)) errs.push(notFound(ctx, idx.child("name"), S(name)));
    if (mountPath.length === 0) errs.push(required(idx.child("mountPath")));
    if (mountpoints.has(mountPath)) errs.push(invalid(ctx, idx.child("mountPath"), S(mountPath), "must be unique"));
    mountpoints.add(mountPath);
    const subPath = strOf(mnt["subPath"]), subPathExpr = strOf(mnt["subPathExpr"]);
    if (subPath.length > 0) errs.push(...validateLocalDescendingPath(ctx, subPath, path.child("subPath")));
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) errs.push(invalid(ctx, idx.child("subPathExpr"), S(subPathExpr), "subPathExpr and subPath are mutually exclusive"));
      errs.push(...validateLocalDescendingPath(ctx, subPathExpr, path.child("subPathExpr")));
    }
    const propagation = mnt["mountPropagation"];
    if (typeof propagation === "string") {
      const supported = ["Bidirectional", "HostToContainer", "None"];
      if (!supported.includes(propagation)) errs.push(notSupported(ctx, path.child("mountPropagation"), N(propagation), supported));
      if (propagation === "Bidirectional" && c.securityContext?.privileged !== true) errs.push(forbidden(path.child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers"));
    }
    errs.push(...validateRecursiveReadOnly(ctx, mnt, path.child("recursiveReadOnly")));
  });
  return errs;
}

/** validateMountRecursiveReadOnly */
function validateRecursiveReadOnly(ctx: Ctx, mnt: J, path: FieldPath): FieldError[] {
  const rro = mnt["recursiveReadOnly"];
  if (typeof rro !== "string" || rro === "Disabled") return [];
  if (rro === "Enabled" || rro === "IfPossible") {
    const errs: FieldError[] = [];
    if (mnt["readOnly"] !== true) errs.push(forbidden(path, "may only be specified when readOnly is true"));
    if (typeof mnt["mountPropagation"] === "string" && mnt["mountPropagation"] !== "None") errs.push(forbidden(path, "may only be specified when mountPropagation is None or not specified"));
    return errs;
  }
  return [notSupported(ctx, path, N(rro), ["Disabled", "Enabled", "IfPossible"])];
}

/** validatePullPolicy */
function validatePullPolicy(ctx: Ctx, policy: string, path: FieldPath): FieldError[] {
  if (["Always", "IfNotPresent", "Never"].includes(policy)) return [];
  if (policy === "") return [required(path)];
  return [notSupported(ctx, path, N(policy), ["Always", "IfNotPresent", "Never"])];
}

const standardContainerResources = ["cpu", "memory", "ephemeral-storage"];
const isHugePages = (n: string) => n.startsWith("hugepages-");
const isNative = (n: string) => !n.includes("/") || n.includes("kubernetes.io/");

/** validateContainerResourceName */
function validateResourceName(ctx: Ctx, name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(ctx, path, N(name), m));
  if (errs.length > 0) return errs;
  if (!name.includes("/")) {
    if (!standardContainerResources.includes(name) && !isHugePages(name)) return [invalid(ctx, path, N(name), "must be a standard resource for containers")];
  } else if (!isNative(name) && name.startsWith("requests.")) {
    return [invalid(ctx, path, N(name), "doesn't follow extended resource name standard")];
  }
  return [];
}

const canonical = canonicalQuantity;
const cmpQuantity = compareQuantities;

/** ValidateContainerResourceRequirements: names, non-negative, request ≤ limit. */
function validateResources(ctx: Ctx, c: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limits = obj(c.resources?.limits), requests = obj(c.resources?.requests);
  const quantityChecks = (name: string, q: unknown, p: FieldPath) => {
    errs.push(...validateResourceName(ctx, name, p));
    if (cmpQuantity(q, 0) < 0) errs.push(invalid(ctx, p, S(canonical(q)), "must be greater than or equal to 0"));
  };
  for (const [name, q] of Object.entries(limits)) quantityChecks(name, q, path.child("limits").key(name));
  for (const [name, q] of Object.entries(requests)) {
    quantityChecks(name, q, path.child("requests").key(name));
    if (name in limits) {
      const overcommit = !isHugePages(name) && isNative(name);
      if (!overcommit && cmpQuantity(q, limits[name]) !== 0) errs.push(invalid(ctx, path.child("requests"), S(canonical(q)), `must be equal to ${name} limit of ${canonical(limits[name])}`));
      else if (cmpQuantity(q, limits[name]) > 0) errs.push(invalid(ctx, path.child("requests"), S(canonical(q)), `must be less than or equal to ${name} limit of ${canonical(limits[name])}`));
    } else if (isHugePages(name) || !isNative(name)) {
      errs.push(required(path.child("limits"), "Limit must be set for non overcommitable resources"));
    }
  }
  return errs;
}

/** validateContainerCommon */
function validateContainerCommon(ctx: Ctx, c: Container, pod: PodFacts, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = c.name ?? "";
  if (name.length === 0) errs.push(required(path.child("name")));
  else errs.push(...isDNS1123Label(name).map((m) => invalid(ctx, path.child("name"), S(name), m)));
  if ((c.image ?? "").length === 0) errs.push(required(path.child("image")));
  const tmp = c.terminationMessagePolicy ?? "";
  if (tmp === "") errs.push(required(path.child("terminationMessagePolicy")));
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError") errs.push(notSupported(ctx, path.child("terminationMessagePolicy"), N(tmp), ["File", "FallbackToLogsOnError"]));
  errs.push(...validatePorts(ctx, arr(c.ports), path.child("ports")));
  errs.push(...validateEnv(ctx, arr(c.env), path.child("env")));
  errs.push(...validateEnvFrom(ctx, arr(c["envFrom"]), path.child("envFrom")));
  errs.push(...validateVolumeMounts(ctx, c, pod.volumes, path.child("volumeMounts")));
  errs.push(...validatePullPolicy(ctx, c.imagePullPolicy ?? "", path.child("imagePullPolicy")));
  errs.push(...validateResources(ctx, c, path.child("resources")));
  errs.push(...validateSecurityContext(ctx, c.securityContext, path.child("securityContext"), pod.hostUsers));
  return errs;
}

/** ValidatePortNumOrName */
function validatePortNumOrName(ctx: Ctx, port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === "string") return isValidPortName(port).map((m) => invalid(ctx, path, S(port), m));
  const n = numOf(port);
  return isValidPortNum(n).map((m) => invalid(ctx, path, I(n), m));
}

/** validateHTTPGetAction */
function validateHTTPGet(ctx: Ctx, h: J, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (strOf(h["path"]).length === 0) errs.push(required(path.child("path")));
  errs.push(...validatePortNumOrName(ctx, h["port"], path.child("port")));
  const scheme = strOf(h["scheme"]);
  if (scheme !== "HTTP" && scheme !== "HTTPS") errs.push(notSupported(ctx, path.child("scheme"), N(scheme), ["HTTP", "HTTPS"]));
  for (const header of arr(h["httpHeaders"])) {
    const name = strOf(obj(header)["name"]);
    errs.push(...isHTTPHeaderName(name).map((m) => invalid(ctx, path.child("httpHeaders"), S(name), m)));
  }
  return errs;
}

/** validateSleepAction */
function validateSleep(ctx: Ctx, sleep: J, grace: number | undefined, path: FieldPath): FieldError[] {
  const seconds = numOf(sleep["seconds"]);
  if (grace === undefined) return [];
  if (ctx.features.sleepActionAllowZero) {
    return seconds < 0 || seconds > grace ? [invalid(ctx, path, I(seconds), `must be non-negative and less than terminationGracePeriodSeconds (${grace})`)] : [];
  }
  return seconds <= 0 || seconds > grace ? [invalid(ctx, path, I(seconds), `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)] : [];
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle). */
function validateHandler(ctx: Ctx, h: J, kinds: readonly string[], grace: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of kinds) {
    if (h[kind] === undefined || h[kind] === null) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(kind), "may not specify more than 1 handler type"));
      continue;
    }
    n++;
    const v = obj(h[kind]);
    const p = path.child(kind);
    if (kind === "exec" && arr(v["command"]).length === 0) errs.push(required(p.child("command")));
    if (kind === "httpGet") errs.push(...validateHTTPGet(ctx, v, p));
    if (kind === "tcpSocket" || kind === "grpc") errs.push(...validatePortNumOrName(ctx, v["port"], p.child("port")));
    if (kind === "sleep") errs.push(...validateSleep(ctx, v, grace, p));
  }
  if (n === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

const probeKinds = ["exec", "httpGet", "tcpSocket", "grpc"];

/** validateProbe plus the liveness/readiness/startup specifics. */
function validateProbe(ctx: Ctx, probe: Probe | undefined, kind: "liveness" | "readiness" | "startup", grace: number | undefined, path: FieldPath): FieldError[] {
  if (probe === undefined || probe === null) return [];
  const p = probe as J;
  const errs = validateHandler(ctx, p, probeKinds, grace, path);
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    if (numOf(p[k]) < 0) errs.push(invalid(ctx, path.child(k), I(numOf(p[k])), "must be greater than or equal to 0"));
  }
  const tgps = p["terminationGracePeriodSeconds"];
  if (typeof tgps === "number" && tgps <= 0) errs.push(invalid(ctx, path.child("terminationGracePeriodSeconds"), I(tgps), "must be greater than 0"));
  if ((kind === "liveness" || kind === "startup") && numOf(p["successThreshold"]) !== 1) errs.push(invalid(ctx, path.child("successThreshold"), I(numOf(p["successThreshold"])), "must be 1"));
  if (kind === "readiness" && typeof tgps === "number") errs.push(invalid(ctx, path.child("terminationGracePeriodSeconds"), I(tgps), "must not be set for readinessProbes"));
  return errs;
}

function validateLifecycleAndProbes(ctx: Ctx, c: Container, grace: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const lifecycle = c.lifecycle as J | undefined;
  if (lifecycle !== undefined && lifecycle !== null) {
    const kinds = ctx.features.minor >= 30 ? ["exec", "httpGet", "tcpSocket", "sleep"] : ["exec", "httpGet", "tcpSocket"];
    for (const hook of ["postStart", "preStop"]) {
      if (lifecycle[hook] !== undefined && lifecycle[hook] !== null) errs.push(...validateHandler(ctx, obj(lifecycle[hook]), kinds, grace, path.child("lifecycle").child(hook)));
    }
  }
  errs.push(...validateProbe(ctx, c.livenessProbe, "liveness", grace, path.child("livenessProbe")));
  errs.push(...validateProbe(ctx, c.readinessProbe, "readiness", grace, path.child("readinessProbe")));
  errs.push(...validateProbe(ctx, c.startupProbe, "startup", grace, path.child("startupProbe")));
  return errs;
}

/** AccumulateUniqueHostPorts: "<protocol>/<hostIP>/<port>" must be unique. */
function checkHostPortConflicts(ctx: Ctx, containers: readonly { c: Container; i: number }[], path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  for (const { c, i } of containers) {
    (c.ports ?? []).forEach((p, pi) => {
      const port = p.hostPort ?? 0;
      if (port === 0) return;
      const key = `${p.protocol ?? ""}/${p.hostIP ?? ""}/${port}`;
      if (seen.has(key)) errs.push(duplicate(ctx, path.index(i).child("ports").index(pi).child("hostPort"), S(key)));
      else seen.add(key);
    });
  }
  return errs;
}

/** validateContainers */
export function validateContainers(ctx: Ctx, containers: readonly Container[], pod: PodFacts, path: FieldPath): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctx, c, pod, p));
    const name = c.name ?? "";
    if (names.has(name)) errs.push(duplicate(ctx, p.child("name"), S(name)));
    else names.add(name);
    errs.push(...validateLifecycleAndProbes(ctx, c, pod.gracePeriod, p));
    if (c["restartPolicy"] !== undefined && c["restartPolicy"] !== null) errs.push(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
  });
  errs.push(...checkHostPortConflicts(ctx, containers.map((c, i) => ({ c, i })), path));
  return errs;
}

/** validateInitContainers: names unique across init and regular containers; sidecars may have probes. */
export function validateInitContainers(ctx: Ctx, inits: readonly Container[], regular: readonly Container[], pod: PodFacts, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => c.name ?? ""));
  inits.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctx, c, pod, p));
    const restart = c["restartPolicy"];
    let restartAlways = false;
    if (restart !== undefined && restart !== null) {
      if (restart !== "Always") errs.push(notSupported(ctx, p.child("restartPolicy"), N(String(restart)), ["Always"]));
      restartAlways = restart === "Always";
    }
    const name = c.name ?? "";
    if (names.has(name)) errs.push(duplicate(ctx, p.child("name"), S(name)));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts(ctx, [{ c, i }], path));
    if (restartAlways) {
      errs.push(...validateLifecycleAndProbes(ctx, c, pod.gracePeriod, p));
    } else {
      for (const k of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
        if (c[k] !== undefined && c[k] !== null) errs.push(forbidden(p.child(k), "may not be set for init containers without restartPolicy=Always"));
      }
    }
  });
  return errs;
}

/** validateContainerOnlyForPod: no leading or trailing whitespace in the image. */
export function validateContainersOnlyForPod(ctx: Ctx, containers: readonly Container[], path: FieldPath): FieldError[] {
  return containers.flatMap((c, i) => {
    const image = c.image ?? "";
    return image.length !== image.trim().length ? [invalid(ctx, path.index(i).child("image"), S(image), "must not have leading or trailing whitespace")] : [];
  });
}
