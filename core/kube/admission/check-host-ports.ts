// hostPorts (baseline) — policy/check_hostPorts.go
//
// Containers must not bind ports of the node.
//
// Restricted fields:
//   spec.{containers,initContainers,ephemeralContainers}[*].ports[*].hostPort
// Allowed values: undefined, 0.
//
// Detail: `container "a" uses hostPort 80` / `containers "a", "b" use hostPorts 443, 80` (the
// ports are a set of decimal strings, so they sort as text).

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, nameOf, pluralize, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export function hostPorts_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const ports: string[] = [];
  visitContainers(podSpec, (c) => {
    const hostPorts = (c.ports ?? []).map((p) => p.hostPort ?? 0).filter((hp) => hp !== 0);
    if (hostPorts.length === 0) return;
    badContainers.push(nameOf(c));
    ports.push(...hostPorts.map(String));
  });
  if (badContainers.length === 0) return ALLOWED;
  const forbiddenPorts = sortedSet(ports);
  return forbid(
    "hostPort",
    `${containersPhrase(badContainers)} ${pluralize("uses", "use", badContainers.length)} ` +
      `${pluralize("hostPort", "hostPorts", forbiddenPorts.length)} ${forbiddenPorts.join(", ")}`,
  );
}

export const checkHostPorts: Check = {
  id: "hostPorts",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: hostPorts_1_0 }],
};
