// appArmorProfile (baseline) — policy/check_appArmorProfile.go
//
// Where AppArmor is available the runtime's default profile confines every container. Baseline
// forbids disabling it; overriding it with a profile loaded on the node is allowed.
//
// Restricted fields:
//   spec.securityContext.appArmorProfile.type
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.appArmorProfile.type
// Allowed values: RuntimeDefault, Localhost, undefined.
//
// Restricted fields (the deprecated beta annotations):
//   metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']
// Allowed values: runtime/default, localhost/*, "" , undefined.
//
// Detail: `pod and container "a" and annotations must not set AppArmor profile type to "Unconfined",
// "k=\"v\""`: the setters joined by " and ", then the sorted bad types followed by the sorted
// offending annotations as key="value", each wrapped in quotes.

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { compareGoStrings, containersPhrase, goQuote, joinQuote, nameOf, pluralize, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { AppArmorProfile, ObjectMeta, PodSpec } from "../api/types.js";

const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function allowedAnnotationValue(profile: string): boolean {
  return profile === "" || profile === "runtime/default" || profile.startsWith("localhost/");
}

function allowedProfileType(profile: AppArmorProfile): boolean {
  return profile.type === "RuntimeDefault" || profile.type === "Localhost";
}

function forbiddenAnnotations(meta: ObjectMeta): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    if (k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(v)) out.push(`${k}=${goQuote(v)}`);
  }
  return out.sort(compareGoStrings);
}

export function appArmorProfile_1_0(meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = podSpec.securityContext?.appArmorProfile;
  if (podProfile !== undefined && !allowedProfileType(podProfile)) {
    badSetters.push("pod");
    badValues.push(podProfile.type ?? "");
  }
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    const profile = c.securityContext?.appArmorProfile;
    if (profile !== undefined && !allowedProfileType(profile)) {
      badContainers.push(nameOf(c));
      badValues.push(profile.type ?? "");
    }
  });
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));

  const badValueList = sortedSet(badValues);
  const annotations = forbiddenAnnotations(meta);
  if (annotations.length > 0) {
    badValueList.push(...annotations);
    badSetters.push(pluralize("annotation", "annotations", annotations.length));
  }
  if (badSetters.length === 0) return ALLOWED;
  return forbid(
    pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", badValueList.length),
    `${badSetters.join(" and ")} must not set AppArmor profile type to ${joinQuote(badValueList)}`,
  );
}

export const checkAppArmorProfile: Check = {
  id: "appArmorProfile",
  level: "baseline",
  versions: [{ minimumVersion: majorMinor(1, 0), checkPod: appArmorProfile_1_0 }],
};
