// hostNamespaces (baseline) — policy/check_hostNamespaces.go
//
// Pods must not share the node's network, PID or IPC namespace.
//
// Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC
// Allowed values: undefined, false.
//
// Detail: the offending settings in that order, e.g. `hostNetwork=true, hostIPC=true`.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function hostNamespaces_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const shared: string[] = [];
  if (podSpec.hostNetwork === true) shared.push("hostNetwork=true");
  if (podSpec.hostPID === true) shared.push("hostPID=true");
  if (podSpec.hostIPC === true) shared.push("hostIPC=true");
  return shared.length === 0 ? ALLOWED : forbid("host namespaces", shared.join(", "));
}

export const checkHostNamespaces: Check = {
  id: "hostNamespaces",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: hostNamespaces_1_0 }],
};
