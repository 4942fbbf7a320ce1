// seLinuxOptions (baseline) — policy/check_seLinuxOptions.go
//
// Setting the SELinux type is limited to the container types; a custom SELinux user or role is
// forbidden.
//
// Restricted fields:
//   spec.securityContext.seLinuxOptions.type
//   spec.{containers,initContainers,ephemeralContainers}[*].securityContext.seLinuxOptions.type
// Allowed values: undefined/"", container_t, container_init_t, container_kvm_t, and from 1.31
//   container_engine_t.
//
// Restricted fields: the same seLinuxOptions.user and seLinuxOptions.role
// Allowed values: undefined/"".
//
// Detail: `pod and containers "a", "b" set forbidden securityContext.seLinuxOptions: types "x",
// "y"; user may not be set; role may not be set` (only the parts that apply).

import { ALLOWED, forbid, type Check, type CheckResult } from "./check.js";
import { containersPhrase, joinQuote, nameOf, pluralize, sortedSet, visitContainers } from "./helpers.js";
import { majorMinor } from "./level-version.js";
import type { ObjectMeta, PodSpec, SELinuxOptions } from "../api/types.js";

const ALLOWED_TYPES_1_0: ReadonlySet<string> = new Set(["", "container_t", "container_init_t", "container_kvm_t"]);
const ALLOWED_TYPES_1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_1_0, "container_engine_t"]);

function seLinuxOptions(podSpec: PodSpec, allowedTypes: ReadonlySet<string>): CheckResult {
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (opts: SELinuxOptions): boolean => {
    let ok = true;
    const type = opts.type ?? "";
    if (!allowedTypes.has(type)) {
      ok = false;
      badTypes.push(type);
    }
    if ((opts.user ?? "") !== "") {
      ok = false;
      setUser = true;
    }
    if ((opts.role ?? "") !== "") {
      ok = false;
      setRole = true;
    }
    return ok;
  };

  const badSetters: string[] = [];
  const podOptions = podSpec.securityContext?.seLinuxOptions;
  if (podOptions !== undefined && !valid(podOptions)) badSetters.push("pod");
  const badContainers: string[] = [];
  visitContainers(podSpec, (c) => {
    const opts = c.securityContext?.seLinuxOptions;
    if (opts !== undefined && !valid(opts)) badContainers.push(nameOf(c));
  });
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
  if (badSetters.length === 0) return ALLOWED;

  const badData: string[] = [];
  const types = sortedSet(badTypes);
  if (types.length > 0) badData.push(`${pluralize("type", "types", types.length)} ${joinQuote(types)}`);
  if (setUser) badData.push("user may not be set");
  if (setRole) badData.push("role may not be set");
  return forbid("seLinuxOptions", `${badSetters.join(" and ")} set forbidden securityContext.seLinuxOptions: ${badData.join("; ")}`);
}

export function seLinuxOptions_1_0(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  return seLinuxOptions(podSpec, ALLOWED_TYPES_1_0);
}

export function seLinuxOptions_1_31(_meta: ObjectMeta, podSpec: PodSpec): CheckResult {
  return seLinuxOptions(podSpec, ALLOWED_TYPES_1_31);
}

export const checkSELinuxOptions: Check = {
  id: "seLinuxOptions",
  level: "baseline",
  versions: [
    { minimumVersion: majorMinor(1, 0), checkPod: seLinuxOptions_1_0 },
    { minimumVersion: majorMinor(1, 31), checkPod: seLinuxOptions_1_31 },
  ],
};
