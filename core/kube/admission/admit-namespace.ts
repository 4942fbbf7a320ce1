// Pod Security admission of namespaces (admission/admission.go ValidateNamespace and
// EvaluatePodsInNamespace): what `kubectl create namespace` / `kubectl label namespace` get back
// when the pod-security.kubernetes.io/* labels are set or changed.
//
// - Create: labels that do not parse make the namespace Invalid; an exempt namespace with a
//   non-privileged policy gets a warning that the policy will be ignored.
// - Update: unparseable labels are Invalid only if they changed. When the enforce level-version
//   becomes stricter (or its version changes), the existing pods are dry-run against it and each
//   distinct list of reasons becomes one warning, prefixed with the lexically first pod name:
//     existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"
//     security-context-demo (and 1 other pod): allowPrivilegeEscalation != false, seccompProfile
//   The change itself is always allowed.

import type { Pod } from "../api/types.js";
import type { FieldError } from "../field/errors.js";
import { aggregateCheckResults, aggregateForbiddenReason } from "./check.js";
import { configuredDefaults, evaluatorFor, type PodSecurityConfiguration } from "./admit.js";
import { compareGoStrings, goQuote } from "./helpers.js";
import { compareLevels, levelVersionString, sameVersion, type LevelVersion } from "./level-version.js";
import { exemptNamespaceWarning, policyToEvaluate } from "./namespace-policy.js";

export interface NamespaceAdmissionRequest {
  /** The namespace's name. */
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The labels before an update; undefined for a create. */
  oldLabels?: Readonly<Record<string, string>>;
  /** The pods in the namespace (only read on an update that tightens enforce). */
  pods?: readonly Pod[];
  serverVersion?: { major: string; minor: string };
  configuration?: PodSecurityConfiguration;
}

export interface NamespaceAdmissionResult {
  /** Field errors that make the request Invalid (render with field/errors.ts invalidMessage). */
  invalid: readonly FieldError[] | undefined;
  /** Printed by kubectl as "Warning: …". */
  warnings: string[];
}

/** defaultNamespaceMaxPodsToCheck. */
const MAX_PODS_TO_CHECK = 3000;

const ok = (warnings: string[] = []): NamespaceAdmissionResult => ({ invalid: undefined, warnings });

export function admitNamespace(req: NamespaceAdmissionRequest): NamespaceAdmissionResult {
  const defaults = configuredDefaults(req.configuration);
  const exempt = (req.configuration?.exemptions?.namespaces ?? []).includes(req.name);
  const next = policyToEvaluate(req.labels, defaults);
  const exemptWarning = () => {
    const w = exempt ? exemptNamespaceWarning(req.name, next.policy, req.labels, defaults) : undefined;
    return ok(w === undefined ? [] : [w]);
  };

  if (req.oldLabels === undefined) {
    return next.errors.length > 0 ? { invalid: next.errors, warnings: [] } : exemptWarning();
  }
  const previous = policyToEvaluate(req.oldLabels, defaults);
  if (next.errors.length > 0 && (previous.errors.length === 0 || !sameErrors(next.errors, previous.errors))) {
    return { invalid: next.errors, warnings: [] };
  }
  const [newEnforce, oldEnforce] = [next.policy.enforce, previous.policy.enforce];
  if (newEnforce.level === oldEnforce.level && sameVersion(newEnforce.version, oldEnforce.version)) return ok();
  if (newEnforce.level === "privileged") return ok();
  if (sameVersion(newEnforce.version, oldEnforce.version) && compareLevels(newEnforce.level, oldEnforce.level) < 1) return ok();
  if (exempt) return exemptWarning();
  return ok(evaluatePodsInNamespace(req, newEnforce));
}

function sameErrors(a: readonly FieldError[], b: readonly FieldError[]): boolean {
  return a.length === b.length && a.every((e, i) => e.field === b[i]!.field && e.badValue === b[i]!.badValue && e.detail === b[i]!.detail);
}

/** EvaluatePodsInNamespace: one warning per distinct reason list, with a pod count. */
function evaluatePodsInNamespace(req: NamespaceAdmissionRequest, enforce: LevelVersion): string[] {
  const exemptClasses = req.configuration?.exemptions?.runtimeClasses ?? [];
  const pods = (req.pods ?? []).filter((p) => {
    const rc = p.spec.runtimeClassName;
    return !(typeof rc === "string" && rc !== "" && exemptClasses.includes(rc));
  });
  const checked = pods.slice(0, MAX_PODS_TO_CHECK);
  const evaluator = evaluatorFor(req.serverVersion);

  const byReason = new Map<string, { podName: string; count: number }>();
  for (const pod of checked) {
    const result = aggregateCheckResults(evaluator.evaluatePod(enforce, pod.metadata, pod.spec));
    if (result.allowed) continue;
    const reason = aggregateForbiddenReason(result);
    const name = pod.metadata.name ?? "";
    const seen = byReason.get(reason);
    if (seen === undefined) byReason.set(reason, { podName: name, count: 1 });
    else byReason.set(reason, { podName: compareGoStrings(name, seen.podName) < 0 ? name : seen.podName, count: seen.count + 1 });
  }

  const warnings: string[] = [];
  if (checked.length < pods.length) {
    warnings.push(`new PodSecurity enforce level only checked against the first ${checked.length} of ${pods.length} existing pods`);
  }
  if (byReason.size > 0) {
    warnings.push(`existing pods in namespace ${goQuote(req.name)} violate the new PodSecurity enforce level ${goQuote(levelVersionString(enforce))}`);
  }
  const decorated = [...byReason].map(([reason, { podName, count }]) => `${podName}${othersPhrase(count)}: ${reason}`);
  return [...warnings, ...decorated.sort(compareGoStrings)];
}

function othersPhrase(count: number): string {
  if (count === 1) return "";
  if (count === 2) return " (and 1 other pod)";
  return ` (and ${count - 1} other pods)`;
}
