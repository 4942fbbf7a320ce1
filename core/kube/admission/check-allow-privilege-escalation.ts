// allowPrivilegeEscalation (restricted) — policy/check_allowPrivilegeEscalation.go
//
// Privilege escalation (set-user-ID / set-group-ID binaries, file capabilities) must be turned
// off: the container runs with no_new_privs.
//
// Restricted fields:
//   spec.containers[*].securityContext.allowPrivilegeEscalation
//   spec.initContainers[*].securityContext.allowPrivilegeEscalation
//   spec.ephemeralContainers[*].securityContext.allowPrivilegeEscalation
// Allowed values: false (unset counts as true).
//
// Versions: 1.8 (the field appeared); 1.25 admits pods with spec.os.name=windows, where the field
// cannot be set.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, isWindowsPod, nameOf, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function allowPrivilegeEscalation_1_8(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    if (c.securityContext?.allowPrivilegeEscalation !== false) badContainers.push(nameOf(c));
  });
  if (badContainers.length === 0) return ALLOWED;
  return forbid(
    "allowPrivilegeEscalation != false",
    `${containersPhrase(badContainers)} must set securityContext.allowPrivilegeEscalation=false`,
  );
}

export function allowPrivilegeEscalation_1_25(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (isWindowsPod(podSpec)) return ALLOWED;
  return allowPrivilegeEscalation_1_8(meta, podSpec);
}

export const checkAllowPrivilegeEscalation: Check = {
  id: "allowPrivilegeEscalation",
  level: "restricted",
  versions: [
    { minimumVersion: majorMinor(1, 8), checkPod: allowPrivilegeEscalation_1_8 },
    { minimumVersion: majorMinor(1, 25), checkPod: allowPrivilegeEscalation_1_25 },
  ],
};
