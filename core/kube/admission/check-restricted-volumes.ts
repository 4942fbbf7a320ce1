// restrictedVolumes (restricted) — policy/check_restrictedVolumes.go
//
// Besides forbidding hostPath, restricted pods may only use the volume sources that carry no
// node or storage-backend access of their own:
//   configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected,
//   secret
//
// Restricted fields: spec.volumes[*].{hostPath, gcePersistentDisk, awsElasticBlockStore, gitRepo,
//   nfs, iscsi, glusterfs, rbd, flexVolume, cinder, cephfs, flocker, fc, azureFile,
//   vsphereVolume, quobyte, azureDisk, portworxVolume, photonPersistentDisk, scaleIO, storageos}
// Allowed values: undefined/null.
//
// A volume with none of the known sources counts as type "unknown". Replaces hostPathVolumes.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { CHECK_HOST_PATH_VOLUMES_ID } from "./check-host-path-volumes.js";
import { joinQuote, nameOf, pluralize, sortedSet } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec, Volume } from "../api/types.js";

const ALLOWED_SOURCES: readonly string[] = [
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
];

/** Checked in this order: the first one present names the volume's type. */
const RESTRICTED_SOURCES: readonly string[] = [
  "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
  "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
  "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
];

const hasSource = (v: Volume, source: string): boolean => v[source] !== undefined && v[source] !== null;

export function restrictedVolumes_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const v of podSpec.volumes ?? []) {
    if (ALLOWED_SOURCES.some((s) => hasSource(v, s))) continue;
    badVolumes.push(nameOf(v));
    badTypes.push(RESTRICTED_SOURCES.find((s) => hasSource(v, s)) ?? "unknown");
  }
  if (badVolumes.length === 0) return ALLOWED;
  const types = sortedSet(badTypes);
  return forbid(
    "restricted volume types",
    `${pluralize("volume", "volumes", badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize("uses", "use", badVolumes.length)} ` +
      `${pluralize("restricted volume type", "restricted volume types", types.length)} ${joinQuote(types)}`,
  );
}

export const checkRestrictedVolumes: Check = {
  id: "restrictedVolumes",
  level: "restricted",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: restrictedVolumes_1_0, overrideCheckIDs: [CHECK_HOST_PATH_VOLUMES_ID] }],
};
