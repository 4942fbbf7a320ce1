// The shape of a Pod Security check (policy/checks.go). A check has an ID (the camelCase field
// name, `_baseline`/`_restricted` when both levels police the same field), a level, and one or
// more implementations, each applying from a minimum policy version until the next one.
//
// A result keeps a terse reason apart from a specific detail. For one pod the message is
//   reason (detail), reason, reason (detail)
// e.g. `allowPrivilegeEscalation != false (container "a" must set
// securityContext.allowPrivilegeEscalation=false), host namespaces (hostNetwork=true)`.

import type { ObjectMeta, PodSpec } from "../api/types.js";
import type { Version } from "./level-version.js";

export type CheckID = string;

export interface CheckResult {
  readonly allowed: boolean;
  /** Always printed when the check forbids: "host namespaces", "privileged". */
  readonly forbiddenReason?: string;
  /** Printed in parentheses after the reason for a single pod; may be empty. */
  readonly forbiddenDetail?: string;
}

export type CheckPodFn = (podMetadata: ObjectMeta, podSpec: PodSpec) => CheckResult;

export interface VersionedCheck {
  /** The first policy version this implementation applies to (never `latest`). */
  readonly minimumVersion: Version;
  readonly checkPod: CheckPodFn;
  /** Baseline checks this restricted implementation replaces (a stricter twin). */
  readonly overrideCheckIDs?: readonly CheckID[];
}

export interface Check {
  readonly id: CheckID;
  readonly level: "baseline" | "restricted";
  /** Strictly increasing minimum versions. */
  readonly versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = Object.freeze({ allowed: true });

export function forbid(forbiddenReason: string, forbiddenDetail: string): CheckResult {
  return { allowed: false, forbiddenReason, forbiddenDetail };
}

/** Placeholder for a check that forbids without saying why (never happens with these checks). */
export const UNKNOWN_FORBIDDEN_REASON = "unknown forbidden reason";

export interface AggregateCheckResult {
  readonly allowed: boolean;
  readonly forbiddenReasons: readonly string[];
  /** Same length as forbiddenReasons; entries may be empty. */
  readonly forbiddenDetails: readonly string[];
}

/** AggregateCheckResults: the forbidding results, in evaluation order. */
export function aggregateCheckResults(results: readonly CheckResult[]): AggregateCheckResult {
  const reasons: string[] = [];
  const details: string[] = [];
  for (const r of results) {
    if (r.allowed) continue;
    reasons.push(r.forbiddenReason === undefined || r.forbiddenReason === "" ? UNKNOWN_FORBIDDEN_REASON : r.forbiddenReason);
    details.push(r.forbiddenDetail ?? "");
  }
  return { allowed: reasons.length === 0, forbiddenReasons: reasons, forbiddenDetails: details };
}

/** AggregateCheckResult.ForbiddenReason: `host ports, privileged` (used for namespace dry-runs). */
export function aggregateForbiddenReason(a: AggregateCheckResult): string {
  return a.forbiddenReasons.join(", ");
}

/** AggregateCheckResult.ForbiddenDetail: `host ports (8080, 9090), privileged`. */
export function aggregateForbiddenDetail(a: AggregateCheckResult): string {
  return a.forbiddenReasons
    .map((reason, i) => {
      const detail = a.forbiddenDetails[i] ?? "";
      return detail === "" ? reason : `${reason} (${detail})`;
    })
    .join(", ");
}
