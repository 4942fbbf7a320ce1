// capabilities_restricted (restricted) — policy/check_capabilities_restricted.go
//
// Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.capabilities.drop
// Allowed values: a list containing "ALL" (dropping every capability by name is not enough).
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.capabilities.add
// Allowed values: undefined/empty, "NET_BIND_SERVICE".
//
// Detail: the missing-drop part and the forbidden-add part, joined by "; ".
// Versions: 1.22; 1.25 admits spec.os.name=windows pods. Replaces capabilities_baseline.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { CHECK_CAPABILITIES_BASELINE_ID } from "./check-capabilities-baseline.js";
import { containersPhrase, isWindowsPod, joinQuote, nameOf, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

const CAPABILITY_ALL = "ALL";
const CAPABILITY_NET_BIND_SERVICE = "NET_BIND_SERVICE";

export function capabilitiesRestricted_1_22(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCapabilities: string[] = [];
  visitContainers(podSpec, (c) => {
    const caps = c.securityContext?.capabilities;
    if (caps === undefined) {
      missingDropAll.push(nameOf(c));
      return;
    }
    if (!(caps.drop ?? []).includes(CAPABILITY_ALL)) missingDropAll.push(nameOf(c));
    const added = (caps.add ?? []).filter((cap) => cap !== CAPABILITY_NET_BIND_SERVICE);
    if (added.length > 0) {
      addingForbidden.push(nameOf(c));
      forbiddenCapabilities.push(...added);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCapabilities))} in securityContext.capabilities.add`);
  }
  return details.length === 0 ? ALLOWED : forbid("unrestricted capabilities", details.join("; "));
}

export function capabilitiesRestricted_1_25(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  if (isWindowsPod(podSpec)) return ALLOWED;
  return capabilitiesRestricted_1_22(meta, podSpec);
}

export const checkCapabilitiesRestricted: Check = {
  id: "capabilities_restricted",
  level: "restricted",
  versions: [
    { minimumVersion: majorMinor(1, 22), checkPod: capabilitiesRestricted_1_22, overrideCheckIDs: [CHECK_CAPABILITIES_BASELINE_ID] },
    { minimumVersion: majorMinor(1, 25), checkPod: capabilitiesRestricted_1_25, overrideCheckIDs: [CHECK_CAPABILITIES_BASELINE_ID] },
  ],
};
