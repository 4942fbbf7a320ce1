// capabilities_baseline (baseline) — policy/check_capabilities_baseline.go
//
// Containers may not add NET_RAW or anything beyond the runtime's default capability set.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.capabilities.add
// Allowed values: undefined/empty, or names from the default set AUDIT_WRITE, CHOWN,
//   DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID,
//   SYS_CHROOT (exactly so: no CAP_ prefix, upper case).
//
// Replaced by capabilities_restricted at the restricted level.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, joinQuote, nameOf, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export const CHECK_CAPABILITIES_BASELINE_ID = "capabilities_baseline";

const ALLOWED_CAPABILITIES_1_0: ReadonlySet<string> = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
  "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

export function capabilitiesBaseline_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const nonDefault: string[] = [];
  visitContainers(podSpec, (c) => {
    const added = (c.securityContext?.capabilities?.add ?? []).filter((cap) => !ALLOWED_CAPABILITIES_1_0.has(cap));
    if (added.length === 0) return;
    badContainers.push(nameOf(c));
    nonDefault.push(...added);
  });
  if (badContainers.length === 0) return ALLOWED;
  return forbid(
    "non-default capabilities",
    `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  );
}

export const checkCapabilitiesBaseline: Check = {
  id: CHECK_CAPABILITIES_BASELINE_ID,
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: capabilitiesBaseline_1_0 }],
};
