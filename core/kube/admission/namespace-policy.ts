// The namespace's Pod Security policy (api/helpers.go PolicyToEvaluate): three modes, each a
// level and a version, read from the labels
//   pod-security.kubernetes.io/{enforce,audit,warn}          privileged | baseline | restricted
//   pod-security.kubernetes.io/{enforce,audit,warn}-version  latest | v1.NN
// and falling back to the cluster defaults (AdmissionConfiguration; privileged:latest for all
// three unless configured). A bad value never stops evaluation:
//   - bad enforce level -> restricted (fail closed); bad audit/warn level -> privileged (fail open);
//   - bad version -> latest;
//   - each bad label is reported as a field error on metadata.labels[...], which makes a
//     namespace create (or a label change) Invalid, and only becomes an audit annotation for pods.
// Setting enforce to a stricter level than warn also raises warn to it (and its version, unless
// warn-version is set), so `enforce=baseline` alone warns at baseline too.

import { FieldPath } from "../field/path.js";
import { invalid, type FieldError } from "../field/errors.js";
import {
  LATEST, compareLevels, levelVersionString, parseLevel, parseVersion, sameVersion,
  type Level, type LevelVersion, type Version,
} from "./level-version.js";

const LABEL_PREFIX = "pod-security.kubernetes.io/";
export const ENFORCE_LEVEL_LABEL = `${LABEL_PREFIX}enforce`;
export const ENFORCE_VERSION_LABEL = `${LABEL_PREFIX}enforce-version`;
export const AUDIT_LEVEL_LABEL = `${LABEL_PREFIX}audit`;
export const AUDIT_VERSION_LABEL = `${LABEL_PREFIX}audit-version`;
export const WARN_LEVEL_LABEL = `${LABEL_PREFIX}warn`;
export const WARN_VERSION_LABEL = `${LABEL_PREFIX}warn-version`;

export interface Policy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
}

const PRIVILEGED_LATEST: LevelVersion = { level: "privileged", version: LATEST };

/** The PodSecurityConfiguration defaults when the cluster sets none (admission/api/v1/defaults.go). */
export const DEFAULT_POLICY: Policy = { enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST };

export interface PolicyResult {
  readonly policy: Policy;
  /** One Invalid error per unparseable label, in label order enforce, audit, warn. */
  readonly errors: readonly FieldError[];
}

type Labels = Readonly<Record<string, string>>;

const labelsPath = FieldPath.root("metadata").child("labels");

const has = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

/** PolicyToEvaluate: the namespace labels resolved over the defaults. */
export function policyToEvaluate(labels: Labels, defaults: Policy = DEFAULT_POLICY): PolicyResult {
  const errors: FieldError[] = [];
  const read = <T>(key: string, parse: (s: string) => { value: T; error: string | undefined }): { value: T; ok: boolean } | undefined => {
    if (!has(labels, key)) return undefined;
    const raw = labels[key] ?? "";
    const parsed = parse(raw);
    if (parsed.error !== undefined) errors.push(invalid(labelsPath.key(key), raw, parsed.error));
    return { value: parsed.value, ok: parsed.error === undefined };
  };

  const enforceLevel = read(ENFORCE_LEVEL_LABEL, parseLevel);
  const enforceVersion = read(ENFORCE_VERSION_LABEL, parseVersion);
  const auditLevel = read(AUDIT_LEVEL_LABEL, parseLevel);
  const auditVersion = read(AUDIT_VERSION_LABEL, parseVersion);
  const warnLevel = read(WARN_LEVEL_LABEL, parseLevel);
  const warnVersion = read(WARN_VERSION_LABEL, parseVersion);

  const enforce: LevelVersion = {
    level: enforceLevel?.value ?? defaults.enforce.level,
    version: enforceVersion?.value ?? defaults.enforce.version,
  };
  const audit: LevelVersion = {
    level: failOpen(auditLevel) ?? defaults.audit.level,
    version: auditVersion?.value ?? defaults.audit.version,
  };
  let warn: LevelVersion = {
    level: failOpen(warnLevel) ?? defaults.warn.level,
    version: warnVersion?.value ?? defaults.warn.version,
  };
  // Default warn to the enforce level when enforce was explicitly (and validly) set stricter.
  if (warnLevel === undefined && enforceLevel?.ok === true && compareLevels(enforce.level, warn.level) > 0) {
    warn = { level: enforce.level, version: warnVersion === undefined ? enforce.version : warn.version };
  }
  return { policy: { enforce, audit, warn }, errors };
}

/** Audit and warn labels that do not parse count as privileged. */
function failOpen(parsed: { value: Level; ok: boolean } | undefined): Level | undefined {
  if (parsed === undefined) return undefined;
  return parsed.ok ? parsed.value : "privileged";
}

/** Policy.FullyPrivileged: nothing to enforce, audit or warn. */
export function fullyPrivileged(p: Policy): boolean {
  return p.enforce.level === "privileged" && p.audit.level === "privileged" && p.warn.level === "privileged";
}

/** LevelVersion.Equivalent: both privileged, or same level and version. */
export function equivalentLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return (a.level === "privileged" && b.level === "privileged") || (a.level === b.level && sameVersion(a.version, b.version));
}

export function equivalentPolicy(a: Policy, b: Policy): boolean {
  return equivalentLevelVersion(a.enforce, b.enforce) && equivalentLevelVersion(a.audit, b.audit) && equivalentLevelVersion(a.warn, b.warn);
}

/**
 * exemptNamespaceWarning (admission.go): the warning a create or label change of an exempt
 * namespace gets when its labels ask for a non-privileged policy; undefined when there is none.
 */
export function exemptNamespaceWarning(namespace: string, policy: Policy, labels: Labels, defaults: Policy = DEFAULT_POLICY): string | undefined {
  if (fullyPrivileged(policy) || equivalentPolicy(policy, defaults)) return undefined;
  const parts: string[] = [];
  const mode = (name: string, lv: LevelVersion, levelLabel: string, versionLabel: string) => {
    if (lv.level !== "privileged" && (has(labels, levelLabel) || has(labels, versionLabel))) {
      parts.push(`${name}=${levelVersionString(lv)}`);
    }
  };
  mode("enforce", policy.enforce, ENFORCE_LEVEL_LABEL, ENFORCE_VERSION_LABEL);
  mode("audit", policy.audit, AUDIT_LEVEL_LABEL, AUDIT_VERSION_LABEL);
  mode("warn", policy.warn, WARN_LEVEL_LABEL, WARN_VERSION_LABEL);
  return `namespace ${JSON.stringify(namespace)} is exempt from Pod Security, and the policy (${parts.join(", ")}) will be ignored`;
}

/** A configured default mode (PodSecurityConfiguration.defaults): level and version text. */
export interface PolicyDefaults {
  enforce?: string; "enforce-version"?: string;
  audit?: string; "audit-version"?: string;
  warn?: string; "warn-version"?: string;
}

/**
 * admissionapi.ToPolicy: the configured defaults as a Policy. An invalid configuration stops a
 * real apiserver from starting, so it throws.
 */
export function policyFromDefaults(d: PolicyDefaults): Policy {
  const level = (s: string | undefined): Level => {
    if (s === undefined || s === "") return "privileged";
    const p = parseLevel(s);
    if (p.error !== undefined) throw new Error(`invalid PodSecurity default level ${JSON.stringify(s)}: ${p.error}`);
    return p.value;
  };
  const version = (s: string | undefined): Version => {
    if (s === undefined || s === "") return LATEST;
    const p = parseVersion(s);
    if (p.error !== undefined) throw new Error(`invalid PodSecurity default version ${JSON.stringify(s)}: ${p.error}`);
    return p.value;
  };
  return {
    enforce: { level: level(d.enforce), version: version(d["enforce-version"]) },
    audit: { level: level(d.audit), version: version(d["audit-version"]) },
    warn: { level: level(d.warn), version: version(d["warn-version"]) },
  };
}
