// seccompProfile_baseline (baseline) — policy/check_seccompProfile_baseline.go
//
// A seccomp profile, when one is given, must be the runtime's default or one loaded on the node;
// Unconfined is forbidden.
//
// Policy 1.0–1.18, the alpha annotations:
//   Restricted fields: metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'],
//     metadata.annotations['container.seccomp.security.alpha.kubernetes.io/<container name>']
//   Allowed values: runtime/default, docker/default, localhost/*, undefined.
// Policy 1.19+, the fields:
//   Restricted fields: spec.securityContext.seccompProfile.type,
//     spec.{containers,initContainers,ephemeralContainers}[*].securityContext.seccompProfile.type
//   Allowed values: RuntimeDefault, Localhost, undefined.
//
// Replaced by seccompProfile_restricted at the restricted level.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, goQuote, joinQuote, nameOf, pluralize, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec, SeccompProfile } from "../api/types.js";

export const CHECK_SECCOMP_BASELINE_ID = "seccompProfile_baseline";

const ANNOTATION_KEY_POD = "seccomp.security.alpha.kubernetes.io/pod";
const ANNOTATION_KEY_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

/** validSeccomp: RuntimeDefault or Localhost. */
export function validSeccomp(profile: SeccompProfile): boolean {
  return profile.type === "Localhost" || profile.type === "RuntimeDefault";
}

function validSeccompAnnotationValue(v: string): boolean {
  return v === "runtime/default" || v === "docker/default" || v.startsWith("localhost/");
}

export function seccompProfileBaseline_1_0(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const annotations = meta.annotations ?? {};
  const forbidden: string[] = [];
  const inspect = (key: string) => {
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) return;
    const value = annotations[key] ?? "";
    if (!validSeccompAnnotationValue(value)) forbidden.push(`${key}=${goQuote(value)}`);
  };
  inspect(ANNOTATION_KEY_POD);
  visitContainers(podSpec, (c) => inspect(ANNOTATION_KEY_CONTAINER_PREFIX + nameOf(c)));
  if (forbidden.length === 0) return ALLOWED;
  const list = sortedSet(forbidden);
  return forbid("seccompProfile", `forbidden ${pluralize("annotation", "annotations", list.length)} ${list.join(", ")}`);
}

/**
 * The explicitly bad setters of seccompProfile.type (shared with the restricted twin):
 * "pod" and/or `containers "a", "b"`, plus the sorted bad values.
 */
export function badSeccompSetters(podSpec: PodSpec): { setters: string[]; values: string[]; unsetContainers: string[]; podValid: boolean } {
  const setters: string[] = [];
  const values: string[] = [];
  const podProfile = podSpec.securityContext?.seccompProfile;
  const podValid = podProfile !== undefined && validSeccomp(podProfile);
  if (podProfile !== undefined && !podValid) {
    setters.push("pod");
    values.push(podProfile.type ?? "");
  }
  const badContainers: string[] = [];
  const unsetContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    const profile = c.securityContext?.seccompProfile;
    if (profile === undefined) unsetContainers.push(nameOf(c));
    else if (!validSeccomp(profile)) {
      badContainers.push(nameOf(c));
      values.push(profile.type ?? "");
    }
  });
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  return { setters, values: sortedSet(values), unsetContainers, podValid };
}

export function mustNotSetSeccomp(setters: readonly string[], values: readonly string[]): CheckResult {
  return forbid("seccompProfile", `${setters.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(values)}`);
}

export function seccompProfileBaseline_1_19(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const { setters, values } = badSeccompSetters(podSpec);
  return setters.length === 0 ? ALLOWED : mustNotSetSeccomp(setters, values);
}

export const checkSeccompProfileBaseline: Check = {
  id: CHECK_SECCOMP_BASELINE_ID,
  level: "baseline",
  versions: [
    { minimumVersion: majorMinor(1, 0), checkPod: seccompProfileBaseline_1_0 },
    { minimumVersion: majorMinor(1, 19), checkPod: seccompProfileBaseline_1_19 },
  ],
};
