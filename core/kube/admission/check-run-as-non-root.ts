// runAsNonRoot (restricted) — policy/check_runAsNonRoot.go
//
// Containers must be required to run as a non-root user (the kubelet then refuses to start an
// image whose user is root), unless the pod runs in its own user namespace.
//
// Restricted fields:
//   spec.securityContext.runAsNonRoot
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.runAsNonRoot
// Allowed values: true; undefined at container level when the pod level is true; anything when
//   spec.hostUsers is false (from 1.35).
// A non-zero runAsUser does NOT satisfy this check.
//
// Detail: explicit `false` wins: `pod and container "a" must not set
// securityContext.runAsNonRoot=false`; otherwise `pod or container "a" must set
// securityContext.runAsNonRoot=true` for containers left unset without a pod-level true.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, nameOf, relaxPolicyForUserNamespacePod, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

const REASON = "runAsNonRoot != true";

export function runAsNonRoot_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badSetters: string[] = [];
  const podValue = podSpec.securityContext?.runAsNonRoot;
  if (podValue === false) badSetters.push("pod");
  const podRunAsNonRoot = podValue === true;

  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  visitContainers(podSpec, (c) => {
    const value = c.securityContext?.runAsNonRoot;
    if (value === false) explicitlyBad.push(nameOf(c));
    else if (value === undefined && !podRunAsNonRoot) implicitlyBad.push(nameOf(c));
  });
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));

  if (badSetters.length > 0) {
    return forbid(REASON, `${badSetters.join(" and ")} must not set securityContext.runAsNonRoot=false`);
  }
  if (implicitlyBad.length > 0) {
    return forbid(REASON, `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`);
  }
  return ALLOWED;
}

export function runAsNonRoot_1_35(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (relaxPolicyForUserNamespacePod(podSpec)) return ALLOWED;
  return runAsNonRoot_1_0(meta, podSpec);
}

export const checkRunAsNonRoot: Check = {
  id: "runAsNonRoot",
  level: "restricted",
  versions: [
    { minimumVersion: majorMinor(1, 0), checkPod: runAsNonRoot_1_0 },
    { minimumVersion: majorMinor(1, 35), checkPod: runAsNonRoot_1_35 },
  ],
};
