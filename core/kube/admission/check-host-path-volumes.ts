// hostPathVolumes (baseline) — policy/check_hostPathVolumes.go
//
// Pods must not mount directories of the node.
//
// Restricted fields: spec.volumes[*].hostPath
// Allowed values: undefined/null.
//
// Replaced by restrictedVolumes at the restricted level.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { joinQuote, nameOf, pluralize } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export const CHECK_HOST_PATH_VOLUMES_ID = "hostPathVolumes";

export function hostPathVolumes_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const hostVolumes = (podSpec.volumes ?? []).filter((v) => v.hostPath !== undefined).map(nameOf);
  if (hostVolumes.length === 0) return ALLOWED;
  return forbid("hostPath volumes", `${pluralize("volume", "volumes", hostVolumes.length)} ${joinQuote(hostVolumes)}`);
}

export const checkHostPathVolumes: Check = {
  id: CHECK_HOST_PATH_VOLUMES_ID,
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: hostPathVolumes_1_0 }],
};
