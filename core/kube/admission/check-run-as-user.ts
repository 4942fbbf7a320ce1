// runAsUser (restricted, from policy 1.23) — policy/check_runAsUser.go
//
// Containers must not ask for uid 0, unless the pod runs in its own user namespace.
//
// Restricted fields:
//   spec.securityContext.runAsUser
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.runAsUser
// Allowed values: non-zero, undefined; anything when spec.hostUsers is false (from 1.35).

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, nameOf, relaxPolicyForUserNamespacePod, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function runAsUser_1_23(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badSetters: string[] = [];
  if (podSpec.securityContext?.runAsUser === 0) badSetters.push("pod");
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    if (c.securityContext?.runAsUser === 0) badContainers.push(nameOf(c));
  });
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
  if (badSetters.length === 0) return ALLOWED;
  return forbid("runAsUser=0", `${badSetters.join(" and ")} must not set runAsUser=0`);
}

export function runAsUser_1_35(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (relaxPolicyForUserNamespacePod(podSpec)) return ALLOWED;
  return runAsUser_1_23(meta, podSpec);
}

export const checkRunAsUser: Check = {
  id: "runAsUser",
  level: "restricted",
  versions: [
    { minimumVersion: majorMinor(1, 23), checkPod: runAsUser_1_23 },
    { minimumVersion: majorMinor(1, 35), checkPod: runAsUser_1_35 },
  ],
};
