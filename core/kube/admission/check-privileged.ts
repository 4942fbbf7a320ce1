// privileged (baseline) — policy/check_privileged.go
//
// Privileged containers switch off most isolation (all capabilities, all devices, no seccomp or
// AppArmor) and must not be used.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.privileged
// Allowed values: false, undefined.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, nameOf, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function privileged_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    if (c.securityContext?.privileged === true) badContainers.push(nameOf(c));
  });
  if (badContainers.length === 0) return ALLOWED;
  return forbid("privileged", `${containersPhrase(badContainers)} must not set securityContext.privileged=true`);
}

export const checkPrivileged: Check = {
  id: "privileged",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: privileged_1_0 }],
};
