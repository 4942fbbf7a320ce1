// windowsHostProcess (baseline) — policy/check_windowsHostProcess.go
//
// Windows HostProcess containers run directly on the host with its privileges and must not be
// used.
//
// Restricted fields:
//   spec.securityContext.windowsOptions.hostProcess
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
// Allowed values: undefined, false.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, nameOf, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function windowsHostProcess_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    if (c.securityContext?.windowsOptions?.hostProcess === true) badContainers.push(nameOf(c));
  });
  const setters: string[] = [];
  if (podSpec.securityContext?.windowsOptions?.hostProcess === true) setters.push("pod");
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  if (setters.length === 0) return ALLOWED;
  return forbid("hostProcess", `${setters.join(" and ")} must not set securityContext.windowsOptions.hostProcess=true`);
}

export const checkWindowsHostProcess: Check = {
  id: "windowsHostProcess",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: windowsHostProcess_1_0 }],
};
