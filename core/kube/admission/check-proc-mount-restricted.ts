// procMount_restricted (restricted, from policy 1.35) — policy/check_procMount_restricted.go
//
// Restricted pods keep the default /proc masks even in a user namespace.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.procMount
// Allowed values: undefined, "Default".
//
// From 1.35 the baseline procMount check is relaxed for hostUsers: false pods; this check keeps
// the unconditional 1.0 rule at the restricted level and replaces the baseline one there.

import type { Check } from "./check.js";
import { CHECK_PROC_MOUNT_ID, procMount_1_0 } from "./check-proc-mount.js";
import { majorMinor } from "./level-version.js";

export const checkProcMountRestricted: Check = {
  id: "procMount_restricted",
  level: "restricted",
  versions: [{ minimumVersion: majorMinor(1, 35), checkPod: procMount_1_0, overrideCheckIDs: [CHECK_PROC_MOUNT_ID] }],
};
