// The feature gates and API-version facts pod validation depends on, per cluster profile
// (pkg/features/kube_features.go: default values by version). A field whose gate is off is
// dropped or reset by the pod strategy before validation (pkg/api/pod/util.go dropDisabledFields).

import type { ClusterProfile } from "../profiles.js";

export interface Features {
  /** Kubernetes minor version of the apiserver. */
  readonly minor: number;
  /** ProcMountType: alpha 1.12, beta (off) 1.31, on by default from 1.33. */
  readonly procMountType: boolean;
  /** UserNamespacesSupport (spec.hostUsers): beta off 1.30, on by default from 1.33. */
  readonly userNamespacesSupport: boolean;
  /** SupplementalGroupsPolicy: alpha 1.31, on by default from 1.33. */
  readonly supplementalGroupsPolicy: boolean;
  /** SELinuxChangePolicy: alpha 1.32, on by default from 1.33. */
  readonly seLinuxChangePolicy: boolean;
  /** SELinuxMount: beta but off by default in 1.33/1.34 (only "Recursive" is then allowed). */
  readonly seLinuxMount: boolean;
  /** RelaxedEnvironmentVariableValidation: beta on from 1.32, GA 1.34. */
  readonly relaxedEnvVarNames: boolean;
  /** AppArmor fields (securityContext.appArmorProfile) exist from 1.30. */
  readonly appArmorFields: boolean;
  /** PodLevelResources (spec.resources): beta on from 1.34. */
  readonly podLevelResources: boolean;
  /** PodLifecycleSleepActionAllowZero: on from 1.33. */
  readonly sleepActionAllowZero: boolean;
  /** KEP-5067 (1.33): the apiserver sets a pod's metadata.generation to 1 and bumps it on spec changes. */
  readonly podGeneration: boolean;
  /** PodObservedGenerationTracking: beta on from 1.34 (status.observedGeneration, conditions' observedGeneration). */
  readonly podObservedGenerationTracking: boolean;
  /** InPlacePodVerticalScaling: beta on from 1.33 (containerStatuses[].resources of running containers). */
  readonly inPlacePodVerticalScaling: boolean;
  /** kube-apiserver --allow-privileged (kubeadm sets true). */
  readonly allowPrivileged: boolean;
}

export function featuresFor(profile: ClusterProfile): Features {
  const minor = Number.parseInt(profile.serverVersion.minor, 10);
  return {
    minor,
    procMountType: minor >= 33,
    userNamespacesSupport: minor >= 33,
    supplementalGroupsPolicy: minor >= 33,
    seLinuxChangePolicy: minor >= 33,
    seLinuxMount: false,
    relaxedEnvVarNames: minor >= 32,
    appArmorFields: minor >= 30,
    podLevelResources: minor >= 34,
    sleepActionAllowZero: minor >= 33,
    podGeneration: minor >= 33,
    podObservedGenerationTracking: minor >= 34,
    inPlacePodVerticalScaling: minor >= 33,
    allowPrivileged: true,
  };
}
