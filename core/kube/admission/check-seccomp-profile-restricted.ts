// seccompProfile_restricted (restricted, from policy 1.19) —
// policy/check_seccompProfile_restricted.go
//
// A seccomp profile must be set, and only the runtime's default or a profile loaded on the node
// are allowed.
//
// Restricted fields:
//   spec.securityContext.seccompProfile.type
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.seccompProfile.type
// Allowed values: RuntimeDefault, Localhost; a container may leave it unset when the pod level
//   has a valid one.
//
// Detail: explicit bad values win (`pod must not set securityContext.seccompProfile.type to
// "Unconfined"`); otherwise `pod or container "a" must set securityContext.seccompProfile.type to
// "RuntimeDefault" or "Localhost"`.
// Versions: 1.19; 1.25 admits spec.os.name=windows pods. Replaces seccompProfile_baseline.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { CHECK_SECCOMP_BASELINE_ID, badSeccompSetters, mustNotSetSeccomp } from "./check-seccomp-profile-baseline.js";
import { containersPhrase, isWindowsPod } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function seccompProfileRestricted_1_19(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const { setters, values, unsetContainers, podValid } = badSeccompSetters(podSpec);
  if (setters.length > 0) return mustNotSetSeccomp(setters, values);
  const implicitlyBad = podValid ? [] : unsetContainers;
  if (implicitlyBad.length === 0) return ALLOWED;
  return forbid(
    "seccompProfile",
    `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  );
}

export function seccompProfileRestricted_1_25(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (isWindowsPod(podSpec)) return ALLOWED;
  return seccompProfileRestricted_1_19(meta, podSpec);
}

export const checkSeccompProfileRestricted: Check = {
  id: "seccompProfile_restricted",
  level: "restricted",
  versions: [
    { minimumVersion: majorMinor(1, 19), checkPod: seccompProfileRestricted_1_19, overrideCheckIDs: [CHECK_SECCOMP_BASELINE_ID] },
    { minimumVersion: majorMinor(1, 25), checkPod: seccompProfileRestricted_1_25, overrideCheckIDs: [CHECK_SECCOMP_BASELINE_ID] },
  ],
};
