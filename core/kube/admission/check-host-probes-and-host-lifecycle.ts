// hostProbesAndHostLifecycle (baseline, from policy 1.34) —
// policy/check_hostProbesAndhostLifecycle.go
//
// Probes and lifecycle handlers must not reach out to another host: the kubelet would connect to
// it from the node's network.
//
// Restricted fields, for spec.{containers,initContainers,ephemeralContainers}[*]:
//   {livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host
//   lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host   (tcpSocket is deprecated there)
// Allowed values: "", undefined.
//
// Detail: `containers "a", "b" use probe or lifecycle hosts "h1", "h2"`; unlike most checks both
// the containers and the hosts are sets, so they print sorted and without repeats.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, joinQuote, nameOf, pluralize, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec, Probe } from "../api/types.js";

/** The non-empty hosts of a probe or lifecycle handler (same httpGet/tcpSocket shape). */
function forbiddenHosts(handler: Probe | undefined): string[] {
  if (handler === undefined) return [];
  const hosts = [handler.httpGet?.host, handler.tcpSocket?.host];
  return hosts.filter((h): h is string => h !== undefined && h !== "");
}

export function hostProbesAndHostLifecycle_1_34(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  visitContainers(podSpec, (c) => {
    const handlers = [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop];
    const bad = handlers.flatMap(forbiddenHosts);
    if (bad.length === 0) return;
    badContainers.push(nameOf(c));
    hosts.push(...bad);
  });
  if (badContainers.length === 0) return ALLOWED;
  const containers = sortedSet(badContainers);
  const forbidden = sortedSet(hosts);
  return forbid(
    "probe or lifecycle host",
    `${containersPhrase(containers)} ${pluralize("uses", "use", containers.length)} ` +
      `${pluralize("probe or lifecycle host", "probe or lifecycle hosts", forbidden.length)} ${joinQuote(forbidden)}`,
  );
}

export const checkHostProbesAndHostLifecycle: Check = {
  id: "hostProbesAndHostLifecycle",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 34), checkPod: hostProbesAndHostLifecycle_1_34 }],
};
