// procMount (baseline) — policy/check_procMount_baseline.go
//
// The runtime masks and write-protects parts of /proc (kcore, keys, sysrq-trigger, …); baseline
// keeps those masks unless the pod runs in its own user namespace.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.procMount
// Allowed values: undefined, "Default" (any value when spec.hostUsers is false, from 1.35).
//
// Versions: 1.0 forbids every other value; 1.35 relaxes it for hostUsers: false pods. The
// restricted level keeps the 1.0 rule through procMount_restricted.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, joinQuote, nameOf, relaxPolicyForUserNamespacePod, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export const CHECK_PROC_MOUNT_ID = "procMount";

/** Unmasked (or any non-Default) procMount is forbidden whatever the pod. */
export function procMount_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const types: string[] = [];
  visitContainers(podSpec, (c) => {
    const procMount = c.securityContext?.procMount;
    if (procMount === undefined || procMount === "Default") return;
    badContainers.push(nameOf(c));
    types.push(procMount);
  });
  if (badContainers.length === 0) return ALLOWED;
  return forbid(
    "procMount",
    `${containersPhrase(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  );
}

export function procMount_1_35_baseline(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (relaxPolicyForUserNamespacePod(podSpec)) return ALLOWED;
  return procMount_1_0(meta, podSpec);
}

export const checkProcMount: Check = {
  id: CHECK_PROC_MOUNT_ID,
  level: "baseline",
  versions: [
    { minimumVersion: majorMinor(1, 0), checkPod: procMount_1_0 },
    { minimumVersion: majorMinor(1, 35), checkPod: procMount_1_35_baseline },
  ],
};
