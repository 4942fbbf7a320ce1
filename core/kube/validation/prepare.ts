// What the apiserver does to a pod between decoding and validation, applied to a copy so that
// validation sees the object the real apiserver sees even when a caller skipped defaulting:
// - v1 defaulting (api/defaults.ts completeDefaults, idempotent);
// - the pod strategy's PrepareForCreate/PrepareForUpdate: dropDisabledFields for gates that are
//   off in the profile (pkg/api/pod/util.go), which the cluster also applies to what it stores.

import type { Pod, PodSpec } from "../api/types.js";
import { completeDefaults, zeroNullElements } from "../api/defaults.js";
import type { Features } from "./features.js";

/** A deep copy through JSON (manifests are JSON data; "__proto__" stays an own key). */
export function clonePod(pod: Pod): Pod {
  return JSON.parse(JSON.stringify(pod)) as Pod;
}

/** dropDisabledFields for the gates a profile has off (the old spec keeps a field in use). */
export function dropDisabledFields(spec: PodSpec, old: PodSpec | undefined, f: Features): void {
  const containers = (s: PodSpec | undefined) => [...(s?.initContainers ?? []), ...(s?.containers ?? [])];
  // dropDisabledProcMountField: a set procMount is forced to "Default" while the gate is off.
  if (!f.procMountType && !containers(old).some((c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== "Default")) {
    for (const c of containers(spec)) if (c.securityContext?.procMount !== undefined) c.securityContext.procMount = "Default";
  }
  // UserNamespacesSupport off: spec.hostUsers is dropped.
  if (!f.userNamespacesSupport && old?.hostUsers === undefined) delete spec.hostUsers;
  if (!f.supplementalGroupsPolicy && old?.securityContext?.supplementalGroupsPolicy === undefined && spec.securityContext !== undefined) delete spec.securityContext.supplementalGroupsPolicy;
  if (!f.seLinuxChangePolicy && old?.securityContext?.seLinuxChangePolicy === undefined && spec.securityContext !== undefined) delete spec.securityContext.seLinuxChangePolicy;
  if (!f.podLevelResources && old?.["resources"] === undefined) delete spec["resources"];
}

/** The pod validation sees: a copy, completed and with disabled fields dropped. */
export function preparePod(pod: Pod, old: Pod | undefined, f: Features): Pod {
  const p = clonePod(pod);
  p.metadata ??= {};
  p.spec ??= {};
  zeroNullElements(p.spec);
  completeDefaults(p.spec);
  dropDisabledFields(p.spec, old?.spec, f);
  return p;
}
