// Security-context validation (pkg/apis/core/validation/validation.go): ValidateSecurityContext
// for containers, validatePodSpecSecurityContext for the pod, validateSeccompProfileField,
// ValidateAppArmorProfileField, validateSysctls, validateWindowsSecurityContextOptions,
// validateWindowsHostProcessPod, validateHostUsers, validateLinux/validateWindows — each in
// the order the Go code appends its errors (reference/kubernetes-behaviour.md §2.2–2.6).

import type { FieldError } from "../field/errors.js";
import type { FieldPath } from "../field/path.js";
import type { Container, PodSecurityContext, PodSpec, SeccompProfile, AppArmorProfile, SecurityContext, WindowsOptions } from "../api/types.js";
import { forbidden, invalid, notSupported, required, sortedList, tooLong, duplicate, type Ctx } from "./context.js";
import { seccompProfileType, securityContextType, toGo } from "./internal.js";
import { byteLength, isDNS1123Subdomain, isValidGroupID, isValidUserID } from "./names.js";
import { validateLocalDescendingPath } from "./paths.js";
import { B, G, I, N, S } from "./value-format.js";

/** validateSeccompProfileType */
function validateSeccompProfileType(ctx: Ctx, type: string, path: FieldPath): FieldError[] {
  if (type === "Localhost" || type === "RuntimeDefault" || type === "Unconfined") return [];
  if (type === "") return [required(path, "type is required when seccompProfile is set")];
  return [notSupported(ctx, path, N(type), ["Localhost", "RuntimeDefault", "Unconfined"])];
}

/** validateSeccompProfileField */
export function validateSeccompProfileField(ctx: Ctx, sp: SeccompProfile | undefined, path: FieldPath): FieldError[] {
  if (sp === undefined || sp === null) return [];
  const type = sp.type ?? "";
  const errs = validateSeccompProfileType(ctx, type, path.child("type"));
  if (type === "Localhost") {
    if (sp.localhostProfile === undefined) errs.push(required(path.child("localhostProfile"), "must be set when seccomp type is Localhost"));
    else errs.push(...validateLocalDescendingPath(ctx, sp.localhostProfile, path.child("localhostProfile")));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(invalid(ctx, path.child("localhostProfile"), G(toGo({ kind: "ptr", elem: seccompProfileType }, sp, ctx.features.minor), sp), "can only be set when seccomp type is Localhost"));
  }
  return errs;
}

/** ValidateAppArmorProfileField */
export function validateAppArmorProfileField(ctx: Ctx, profile: AppArmorProfile | undefined, path: FieldPath): FieldError[] {
  if (profile === undefined || profile === null || !ctx.features.appArmorFields) return [];
  const type = profile.type ?? "";
  const lp = profile.localhostProfile;
  switch (type) {
    case "Localhost": {
      if (lp === undefined) return [required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost")];
      const errs: FieldError[] = [];
      if (lp.trim() !== lp) errs.push(invalid(ctx, path.child("localhostProfile"), S(lp), "must not be padded with whitespace"));
      else if (lp === "") errs.push(required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost"));
      if (byteLength(lp) > 4095) errs.push(tooLong(ctx, path.child("localhostProfile"), 4095));
      return errs;
    }
    case "RuntimeDefault": case "Unconfined":
      return lp === undefined ? [] : [invalid(ctx, path.child("localhostProfile"), N(lp), "can only be set when AppArmor type is Localhost")];
    case "":
      return [required(path.child("type"), "type is required when appArmorProfile is set")];
    default:
      return [notSupported(ctx, path.child("type"), N(type), ["Localhost", "RuntimeDefault", "Unconfined"])];
  }
}

const netBios = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const dnsLabel = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
const windowsDomainDNS = new RegExp(`^${dnsLabel}(?:\\.${dnsLabel})*$`);

/** The runAsUserName rules of validateWindowsSecurityContextOptions. */
function runAsUserNameErrors(name: string): string[] {
  if (byteLength(name) === 0) return ["runAsUserName cannot be an empty string"];
  if (/\p{Cc}/u.test(name)) return ["runAsUserName cannot contain control characters"];
  const parts = name.split("\\");
  if (parts.length > 2) return ["runAsUserName cannot contain more than one backslash"];
  const errs: string[] = [];
  const [domain, user] = parts.length === 1 ? ["", parts[0]!] : [parts[0]!, parts[1]!];
  if (byteLength(domain) >= 256) errs.push("runAsUserName's Domain length must be under 256 characters");
  if (parts.length === 2 && !(netBios.test(domain) || windowsDomainDNS.test(domain))) errs.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  if (user.length === 0) errs.push("runAsUserName's User cannot be empty");
  else if (byteLength(user) > 104) errs.push("runAsUserName's User length must not be longer than 104 characters");
  if (/^[. ]+$/.test(user)) errs.push("runAsUserName's User cannot contain only periods or spaces");
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) errs.push(`runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`);
  return errs;
}

/** validateWindowsSecurityContextOptions */
export function validateWindowsOptions(ctx: Ctx, w: WindowsOptions | undefined, path: FieldPath): FieldError[] {
  if (w === undefined || w === null) return [];
  const errs: FieldError[] = [];
  if (w.gmsaCredentialSpecName !== undefined) {
    errs.push(...isDNS1123Subdomain(w.gmsaCredentialSpecName).map((m) => invalid(ctx, path.child("gmsaCredentialSpecName"), N(w.gmsaCredentialSpecName!), m)));
  }
  if (w.gmsaCredentialSpec !== undefined) {
    const l = byteLength(w.gmsaCredentialSpec);
    if (l === 0) errs.push(invalid(ctx, path.child("gmsaCredentialSpec"), N(w.gmsaCredentialSpec), "gmsaCredentialSpec cannot be an empty string"));
    else if (l > 64 * 1024) errs.push(invalid(ctx, path.child("gmsaCredentialSpec"), N(w.gmsaCredentialSpec), "gmsaCredentialSpec size must be under 64 KiB"));
  }
  if (w.runAsUserName !== undefined) errs.push(...runAsUserNameErrors(w.runAsUserName).map((m) => invalid(ctx, path.child("runAsUserName"), N(w.runAsUserName!), m)));
  return errs;
}

/** ValidateSecurityContext (containers; `hostUsers` is false only with spec.hostUsers: false). */
export function validateSecurityContext(ctx: Ctx, sc: SecurityContext | undefined, path: FieldPath, hostUsers: boolean): FieldError[] {
  if (sc === undefined || sc === null) return [];
  const errs: FieldError[] = [];
  if (sc.privileged === true && !ctx.features.allowPrivileged) errs.push(forbidden(path.child("privileged"), "disallowed by cluster policy"));
  if (sc.runAsUser !== undefined) errs.push(...isValidUserID(sc.runAsUser).map((m) => invalid(ctx, path.child("runAsUser"), I(sc.runAsUser!), m)));
  if (sc.runAsGroup !== undefined) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => invalid(ctx, path.child("runAsGroup"), I(sc.runAsGroup!), m)));
  if (sc.procMount !== undefined) {
    if (sc.procMount !== "Default" && sc.procMount !== "Unmasked") errs.push(notSupported(ctx, path.child("procMount"), N(sc.procMount), ["Default", "Unmasked"]));
    if (hostUsers && sc.procMount === "Unmasked" && ctx.features.minor >= 31) errs.push(invalid(ctx, path.child("procMount"), N(sc.procMount), "`hostUsers` must be false to use `Unmasked`"));
  }
  errs.push(...validateSeccompProfileField(ctx, sc.seccompProfile, path.child("seccompProfile")));
  if (sc.allowPrivilegeEscalation === false) {
    const whole = () => G(toGo({ kind: "ptr", elem: securityContextType }, sc, ctx.features.minor), sc);
    if (sc.privileged === true) errs.push(invalid(ctx, path, whole(), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === "CAP_SYS_ADMIN") errs.push(invalid(ctx, path, whole(), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
    }
  }
  errs.push(...validateWindowsOptions(ctx, sc.windowsOptions, path.child("windowsOptions")));
  errs.push(...validateAppArmorProfileField(ctx, sc.appArmorProfile, path.child("appArmorProfile")));
  return errs;
}

// ---- sysctls ----

const sysctlSegment = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
const sysctlRegexpString = `^(${sysctlSegment}[\\./])*${sysctlSegment}$`;
const sysctlRegexp = new RegExp(sysctlRegexpString);

/** IsValidSysctlName */
const isValidSysctlName = (name: string): boolean => byteLength(name) <= 253 && sysctlRegexp.test(name);

/** sysctl.NormalizeName: a name whose first separator is '/' uses '/' for '.'. */
function normalizeSysctl(name: string): string {
  const i = name.search(/[./]/);
  if (i < 0 || name[i] === ".") return name;
  return name.replace(/[./]/g, (c) => (c === "/" ? "." : "/"));
}

/** utilsysctl.GetNamespace: which namespace a sysctl lives in. */
function sysctlNamespace(name: string): "ipc" | "net" | "" {
  const n = normalizeSysctl(name);
  if (n === "kernel.sem") return "ipc";
  if (n.startsWith("kernel.shm") || n.startsWith("kernel.msg") || n.startsWith("fs.mqueue.")) return "ipc";
  if (n.startsWith("net.")) return "net";
  return "";
}

/** validateSysctls */
function validateSysctls(ctx: Ctx, sc: PodSecurityContext, host: { network: boolean; ipc: boolean }, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const name = s.name ?? "";
    const p = path.index(i).child("name");
    if (name.length === 0) errs.push(required(p));
    else if (!isValidSysctlName(name)) errs.push(invalid(ctx, p, S(name), `must have at most 253 characters and match regex ${sysctlRegexpString}`));
    else if (names.has(name)) errs.push(duplicate(ctx, p, S(name)));
    const ns = sysctlNamespace(name);
    if (host.network && ns === "net") errs.push(invalid(ctx, p, S(name), "may not be specified when 'hostNetwork' is true"));
    else if (host.ipc && ns === "ipc") errs.push(invalid(ctx, p, S(name), "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  return errs;
}

/** validatePodSpecSecurityContext */
export function validatePodSpecSecurityContext(ctx: Ctx, spec: PodSpec, path: FieldPath): FieldError[] {
  const sc = spec.securityContext;
  if (sc === undefined || sc === null) return [];
  const f = ctx.features;
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined) errs.push(...isValidGroupID(sc.fsGroup).map((m) => invalid(ctx, path.child("fsGroup"), I(sc.fsGroup!), m)));
  if (sc.runAsUser !== undefined) errs.push(...isValidUserID(sc.runAsUser).map((m) => invalid(ctx, path.child("runAsUser"), I(sc.runAsUser!), m)));
  if (sc.runAsGroup !== undefined) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => invalid(ctx, path.child("runAsGroup"), I(sc.runAsGroup!), m)));
  (sc.supplementalGroups ?? []).forEach((gid, g) => errs.push(...isValidGroupID(gid).map((m) => invalid(ctx, path.child("supplementalGroups").index(g), I(gid), m))));
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(ctx, path.child("shareProcessNamespace"), B(true), "ShareProcessNamespace and HostPID cannot both be enabled"));
  }
  if ((sc.sysctls ?? []).length !== 0) errs.push(...validateSysctls(ctx, sc, { network: spec.hostNetwork === true, ipc: spec.hostIPC === true }, path.child("sysctls")));
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== "OnRootMismatch" && sc.fsGroupChangePolicy !== "Always") {
    errs.push(notSupported(ctx, path.child("fsGroupChangePolicy"), N(sc.fsGroupChangePolicy), ["Always", "OnRootMismatch"]));
  }
  errs.push(...validateSeccompProfileField(ctx, sc.seccompProfile, path.child("seccompProfile")));
  errs.push(...validateWindowsOptions(ctx, sc.windowsOptions, path.child("windowsOptions")));
  errs.push(...validateAppArmorProfileField(ctx, sc.appArmorProfile, path.child("appArmorProfile")));
  if (sc.supplementalGroupsPolicy !== undefined && f.minor >= 31 && sc.supplementalGroupsPolicy !== "Merge" && sc.supplementalGroupsPolicy !== "Strict") {
    errs.push(notSupported(ctx, path.child("supplementalGroupsPolicy"), N(sc.supplementalGroupsPolicy), ["Merge", "Strict"]));
  }
  if (sc.seLinuxChangePolicy !== undefined && f.minor >= 32) {
    const allowed = f.seLinuxMount ? sortedList(["Recursive", "MountOption"]) : ["Recursive"];
    if (!allowed.includes(sc.seLinuxChangePolicy)) errs.push(notSupported(ctx, path.child("seLinuxChangePolicy"), N(sc.seLinuxChangePolicy), allowed));
  }
  return errs;
}

// ---- pod-level host and OS rules ----

/** The containers of a pod with their paths, in podshelper.VisitContainersWithPath order. */
export function visitContainers(spec: PodSpec, specPath: FieldPath): { c: Container; path: FieldPath }[] {
  return [
    ...(spec.initContainers ?? []).map((c, i) => ({ c, path: specPath.child("initContainers").index(i) })),
    ...(spec.containers ?? []).map((c, i) => ({ c, path: specPath.child("containers").index(i) })),
  ];
}

/** validateWindowsHostProcessPod */
export function validateWindowsHostProcessPod(ctx: Ctx, spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const podHostProcess = spec.securityContext?.windowsOptions?.hostProcess;
  let count = 0, hostProcessCount = 0;
  for (const { c, path: cPath } of visitContainers(spec, path)) {
    count++;
    const chp = c.securityContext?.windowsOptions?.hostProcess;
    if (podHostProcess !== undefined && chp !== undefined && podHostProcess !== chp) {
      errs.push(invalid(ctx, cPath.child("securityContext", "windowsOptions", "hostProcess"), B(chp), `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (chp === true || (chp === undefined && podHostProcess === true)) hostProcessCount++;
  }
  if (hostProcessCount > 0) {
    if (hostProcessCount !== count) errs.push(invalid(ctx, path, S(""), "If pod contains any hostProcess containers then all containers must be HostProcess containers"));
    if (spec.hostNetwork !== true) errs.push(invalid(ctx, path.child("hostNetwork"), B(false), "hostNetwork must be true if pod contains any hostProcess containers"));
    if (!ctx.features.allowPrivileged) errs.push(forbidden(path, "hostProcess containers are disallowed by cluster policy"));
  }
  return errs;
}

/** validateHostUsers: user namespaces exclude the host namespaces (Go's child names `HostPID`, `HostIPC`). */
export function validateHostUsers(spec: PodSpec, path: FieldPath): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  if (spec.hostNetwork === true) errs.push(forbidden(path.child("hostNetwork"), "when `pod.Spec.HostUsers` is false"));
  if (spec.hostPID === true) errs.push(forbidden(path.child("HostPID"), "when `pod.Spec.HostUsers` is false"));
  if (spec.hostIPC === true) errs.push(forbidden(path.child("HostIPC"), "when `pod.Spec.HostUsers` is false"));
  return errs;
}

/** validateLinux: no Windows options on a linux pod. */
export function validateLinux(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.securityContext?.windowsOptions !== undefined) errs.push(forbidden(path.child("securityContext").child("windowsOptions"), "windows options cannot be set for a linux pod"));
  for (const { c, path: cPath } of visitContainers(spec, path)) {
    if (c.securityContext?.windowsOptions !== undefined) errs.push(forbidden(cPath.child("securityContext").child("windowsOptions"), "windows options cannot be set for a linux pod"));
  }
  return errs;
}

/** validateWindows: no Linux-only fields on a windows pod. */
export function validateWindows(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const no = (p: FieldPath) => errs.push(forbidden(p, "cannot be set for a windows pod"));
  const sc = spec.securityContext;
  if (sc !== undefined && sc !== null) {
    const scp = path.child("securityContext");
    if (sc.appArmorProfile !== undefined) no(scp.child("appArmorProfile"));
    if (sc.seLinuxOptions !== undefined) no(scp.child("seLinuxOptions"));
    if (spec.hostUsers !== undefined) no(path.child("hostUsers"));
    if (spec.hostPID === true) no(path.child("hostPID"));
    if (spec.hostIPC === true) no(path.child("hostIPC"));
    if (sc.seccompProfile !== undefined) no(scp.child("seccompProfile"));
    if (sc.fsGroup !== undefined) no(scp.child("fsGroup"));
    if (sc.fsGroupChangePolicy !== undefined) no(scp.child("fsGroupChangePolicy"));
    if ((sc.sysctls ?? []).length > 0) no(scp.child("sysctls"));
    if (spec.shareProcessNamespace !== undefined) no(path.child("shareProcessNamespace"));
    if (sc.runAsUser !== undefined) no(scp.child("runAsUser"));
    if (sc.runAsGroup !== undefined) no(scp.child("runAsGroup"));
    if (sc.supplementalGroups !== undefined) no(scp.child("supplementalGroups"));
    if (sc.supplementalGroupsPolicy !== undefined) no(scp.child("supplementalGroupsPolicy"));
    if (sc.seLinuxChangePolicy !== undefined) no(scp.child("seLinuxChangePolicy"));
  }
  for (const { c, path: cPath } of visitContainers(spec, path)) {
    const csc = c.securityContext;
    if (csc === undefined || csc === null) continue;
    const p = cPath.child("securityContext");
    if (csc.appArmorProfile !== undefined) no(p.child("appArmorProfile"));
    if (csc.seLinuxOptions !== undefined) no(p.child("seLinuxOptions"));
    if (csc.seccompProfile !== undefined) no(p.child("seccompProfile"));
    if (csc.capabilities !== undefined) no(p.child("capabilities"));
    if (csc.readOnlyRootFilesystem !== undefined) no(p.child("readOnlyRootFilesystem"));
    if (csc.privileged !== undefined) no(p.child("privileged"));
    if (csc.allowPrivilegeEscalation !== undefined) no(p.child("allowPrivilegeEscalation"));
    if (csc.procMount !== undefined) no(p.child("procMount"));
    if (csc.runAsUser !== undefined) no(p.child("runAsUser"));
    if (csc.runAsGroup !== undefined) no(p.child("runAsGroup"));
  }
  return errs;
}

/** validateSeccompAnnotationsAndFieldsMatch */
function seccompMatch(annotation: string, sp: SeccompProfile, path: FieldPath): FieldError[] {
  switch (sp.type) {
    case "Unconfined":
      return annotation !== "unconfined" ? [forbidden(path.child("type"), "seccomp type in annotation and field must match")] : [];
    case "RuntimeDefault":
      return annotation !== "runtime/default" && annotation !== "docker/default" ? [forbidden(path.child("type"), "seccomp type in annotation and field must match")] : [];
    case "Localhost":
      if (!annotation.startsWith("localhost/")) return [forbidden(path.child("type"), "seccomp type in annotation and field must match")];
      return sp.localhostProfile === undefined || annotation.slice("localhost/".length) !== sp.localhostProfile ? [forbidden(path.child("localhostProfile"), "seccomp profile in annotation and field must match")] : [];
    default:
      return [];
  }
}

/** validateSeccompAnnotationsAndFields */
export function validateSeccompAnnotationsAndFields(annotations: Record<string, string> | undefined, spec: PodSpec, specPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ann = (k: string): string | undefined => (annotations !== undefined && Object.prototype.hasOwnProperty.call(annotations, k) ? annotations[k] : undefined);
  const podProfile = spec.securityContext?.seccompProfile;
  const podAnn = ann("seccomp.security.alpha.kubernetes.io/pod");
  if (podProfile !== undefined && podAnn !== undefined) errs.push(...seccompMatch(podAnn, podProfile, specPath.child("securityContext").child("seccompProfile")));
  for (const { c, path } of visitContainers(spec, specPath)) {
    const sp = c.securityContext?.seccompProfile;
    const a = ann(`container.seccomp.security.alpha.kubernetes.io/${c.name ?? ""}`);
    if (sp !== undefined && a !== undefined) errs.push(...seccompMatch(a, sp, path.child("securityContext").child("seccompProfile")));
  }
  return errs;
}

/** validateAppArmorAnnotationsAndFieldsMatchOnCreate (1.30+). */
export function validateAppArmorAnnotationsAndFields(ctx: Ctx, annotations: Record<string, string> | undefined, spec: PodSpec, specPath: FieldPath): FieldError[] {
  if (!ctx.features.appArmorFields || spec.os?.name === "windows") return [];
  const errs: FieldError[] = [];
  const podProfile = spec.securityContext?.appArmorProfile;
  for (const { c, path } of visitContainers(spec, specPath)) {
    const profile = c.securityContext?.appArmorProfile ?? podProfile;
    if (profile === undefined) continue;
    const key = `container.apparmor.security.beta.kubernetes.io/${c.name ?? ""}`;
    if (annotations === undefined || !Object.prototype.hasOwnProperty.call(annotations, key)) continue;
    const a = annotations[key]!;
    const p = path.child("securityContext").child("appArmorProfile");
    const mismatch = () => errs.push(forbidden(p.child("type"), "apparmor type in annotation and field must match"));
    if (profile.type === "Unconfined" && a !== "unconfined") mismatch();
    else if (profile.type === "RuntimeDefault" && a !== "runtime/default") mismatch();
    else if (profile.type === "Localhost") {
      if (!a.startsWith("localhost/")) mismatch();
      else if (profile.localhostProfile === undefined || a.slice("localhost/".length) !== profile.localhostProfile) errs.push(forbidden(p.child("localhostProfile"), "apparmor profile in annotation and field must match"));
    }
  }
  return errs;
}

