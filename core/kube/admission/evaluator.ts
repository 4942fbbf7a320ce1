// The check registry as an evaluator (policy/registry.go): which checks run, in which order, for
// a level and version.
//
// - privileged runs nothing; baseline runs the baseline checks; restricted runs the restricted
//   checks plus every baseline check that none of them overrides (capabilities_restricted
//   replaces capabilities_baseline, restrictedVolumes replaces hostPathVolumes, …).
// - Order: baseline IDs sorted, then restricted IDs sorted, so messages are stable.
// - Each check runs the implementation whose minimum version is the newest one not above the
//   requested version; a check whose first version is newer does not run.
// - `latest`, and any version above the newest the registry knows, means that newest version.
//   An apiserver evaluates with its own minor as the ceiling (emulation version), so on a 1.29
//   cluster `latest` is policy v1.29.

import type { Check, CheckID, CheckPodFn, CheckResult, VersionedCheck } from "./check.js";
import { compareGoStrings } from "./helpers.js";
import { older, type LevelVersion, type Version } from "./level-version.js";
import type { ObjectMeta, PodSpec } from "../api/types.js";

export interface Evaluator {
  /** The newest policy version this evaluator knows; newer requests use it. */
  readonly maxVersion: Version;
  /** The checks, in order, that a level and version run. */
  checksFor(lv: LevelVersion): readonly { id: CheckID; checkPod: CheckPodFn }[];
  evaluatePod(lv: LevelVersion, podMetadata: ObjectMeta, podSpec: PodSpec): CheckResult[];
}

/** validateChecks: the registry's invariants; a broken registry is a programming error. */
function validateChecks(checks: readonly Check[]): void {
  const levels = new Map<CheckID, string>();
  for (const c of checks) {
    if (levels.has(c.id)) throw new Error(`multiple checks registered for ID ${c.id}`);
    levels.set(c.id, c.level);
    if (c.versions.length === 0) throw new Error(`check ${c.id}: empty`);
    c.versions.forEach((v, i) => {
      if (v.minimumVersion.latest) throw new Error(`check ${c.id}: version cannot be 'latest'`);
      const previous = c.versions[i - 1];
      if (previous !== undefined && !older(previous.minimumVersion, v.minimumVersion)) {
        throw new Error(`check ${c.id}: versions must be strictly increasing`);
      }
    });
  }
  for (const c of checks) {
    for (const v of c.versions) {
      if ((v.overrideCheckIDs ?? []).length > 0 && c.level !== "restricted") {
        throw new Error(`check ${c.id}: only restricted checks may set overrides`);
      }
      for (const o of v.overrideCheckIDs ?? []) {
        const overridden = levels.get(o);
        if (overridden !== undefined && overridden !== "baseline") throw new Error(`check ${c.id}: overrides ${overridden} check ${o}`);
      }
    }
  }
}

/** The implementation of `check` in force at version `v`, if the check exists yet. */
export function implementationAt(check: Check, v: Version): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const candidate of check.versions) if (!older(v, candidate.minimumVersion)) found = candidate;
  return found;
}

/**
 * NewEvaluator. `emulationVersion` lowers the ceiling to an older apiserver's minor (a 1.29
 * cluster knows nothing of the 1.34 checks).
 */
export function newEvaluator(checks: readonly Check[], emulationVersion?: Version): Evaluator {
  validateChecks(checks);
  let maxVersion = checks
    .map((c) => c.versions[c.versions.length - 1]!.minimumVersion)
    .reduce((max, v) => (older(max, v) ? v : max));
  if (emulationVersion !== undefined && !emulationVersion.latest && older(emulationVersion, maxVersion)) maxVersion = emulationVersion;

  const byId = (level: string) => checks.filter((c) => c.level === level).sort((a, b) => compareGoStrings(a.id, b.id));
  const ordered = [...byId("baseline"), ...byId("restricted")];

  const checksFor = (lv: LevelVersion) => {
    if (lv.level === "privileged") return [];
    const version = older(maxVersion, lv.version) ? maxVersion : lv.version;
    const active = ordered
      .map((check) => ({ check, impl: implementationAt(check, version) }))
      .filter((a): a is { check: Check; impl: VersionedCheck } => a.impl !== undefined);
    if (lv.level === "baseline") {
      return active.filter((a) => a.check.level === "baseline").map((a) => ({ id: a.check.id, checkPod: a.impl.checkPod }));
    }
    const overridden = new Set(active.flatMap((a) => (a.check.level === "restricted" ? a.impl.overrideCheckIDs ?? [] : [])));
    return active
      .filter((a) => a.check.level === "restricted" || !overridden.has(a.check.id))
      .map((a) => ({ id: a.check.id, checkPod: a.impl.checkPod }));
  };

  return {
    maxVersion,
    checksFor,
    evaluatePod: (lv, podMetadata, podSpec) => checksFor(lv).map((c) => c.checkPod(podMetadata, podSpec)),
  };
}
