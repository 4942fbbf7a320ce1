// Pod Security admission (k8s.io/pod-security-admission admission/admission.go ValidatePod and
// EvaluatePod): the namespace's enforce/audit/warn levels decide whether a pod is refused and
// which warnings kubectl prints.
//
// For a pod create (or a significant update):
//   1. exempt namespace / user -> allowed, nothing else;
//   2. labels all parse and every mode is privileged -> allowed (no labels = cluster defaults,
//      privileged:latest unless configured);
//   3. exempt runtimeClassName -> allowed;
//   4. enforce: any failing check refuses the pod with
//        pods "NAME" is forbidden: violates PodSecurity "restricted:latest": <reason (detail)>, …
//   5. audit: the same evaluation at the audit level becomes the audit-violations annotation;
//   6. warn: only when the pod was not refused,
//        would violate PodSecurity "baseline:latest": <reason (detail)>, …
//      which kubectl prints as "Warning: …".
// The level-version in a message is the namespace's as written (`restricted:v1.99`), even when
// evaluation is capped at the newest version the cluster knows.

import type { Pod } from "../api/types.js";
import { aggregateCheckResults, aggregateForbiddenDetail, type AggregateCheckResult } from "./check.js";
import { newEvaluator, type Evaluator } from "./evaluator.js";
import { goQuote } from "./helpers.js";
import { levelVersionString, serverPolicyVersion, type LevelVersion } from "./level-version.js";
import { errorText } from "../field/errors.js";
import { DEFAULT_POLICY, fullyPrivileged, policyFromDefaults, policyToEvaluate, type Policy, type PolicyDefaults } from "./namespace-policy.js";
import { DEFAULT_CHECKS } from "./registry.js";

export interface AdmissionResult {
  /** The Forbidden message when enforce refuses the pod. */
  denied: string | undefined;
  /** `would violate PodSecurity …` texts, printed by kubectl as "Warning: …". */
  warnings: string[];
  /**
   * What the apiserver would add to the audit event under `pod-security.kubernetes.io/`:
   * enforce-policy, audit-violations, exempt, error.
   */
  auditAnnotations?: Readonly<Record<string, string>>;
}

/** PodSecurityConfiguration (the apiserver's AdmissionConfiguration for PodSecurity). */
export interface PodSecurityConfiguration {
  defaults?: PolicyDefaults;
  exemptions?: { usernames?: readonly string[]; runtimeClasses?: readonly string[]; namespaces?: readonly string[] };
}

export interface AdmitOptions {
  /**
   * The apiserver's version (ClusterProfile.serverVersion): its minor caps the policy version,
   * so `latest` on a 1.29 cluster evaluates policy v1.29. Unset: the newest policy known here.
   */
  serverVersion?: { major: string; minor: string };
  /** The pod's namespace and the requesting user, for exemptions. */
  namespace?: string;
  username?: string;
  configuration?: PodSecurityConfiguration;
  /** The stored pod when this is an update: only a changed image (or new container) is re-evaluated. */
  oldPod?: Pod;
}

const evaluators = new Map<string, Evaluator>();

/** One evaluator per apiserver minor (they are immutable, so they are shared). */
export function evaluatorFor(serverVersion: AdmitOptions["serverVersion"]): Evaluator {
  const emulation = serverVersion === undefined ? undefined : serverPolicyVersion(serverVersion);
  const key = emulation === undefined ? "latest" : `${emulation.major}.${emulation.minor}`;
  let evaluator = evaluators.get(key);
  if (evaluator === undefined) {
    evaluator = newEvaluator(DEFAULT_CHECKS, emulation);
    evaluators.set(key, evaluator);
  }
  return evaluator;
}

/** The cluster's default policy for unlabelled modes. */
export function configuredDefaults(configuration: PodSecurityConfiguration | undefined): Policy {
  return configuration?.defaults === undefined ? DEFAULT_POLICY : policyFromDefaults(configuration.defaults);
}

const allowed = (auditAnnotations: Record<string, string>): AdmissionResult => ({ denied: undefined, warnings: [], auditAnnotations });

/** apierrors.NewForbidden for the pods resource. */
function forbiddenMessage(name: string, reason: string): string {
  return name === "" ? `pods is forbidden: ${reason}` : `pods ${goQuote(name)} is forbidden: ${reason}`;
}

export function admitPod(pod: Pod, namespaceLabels: Readonly<Record<string, string>>, options: AdmitOptions = {}): AdmissionResult {
  const exemptions = options.configuration?.exemptions ?? {};
  if (options.namespace !== undefined && options.namespace !== "" && (exemptions.namespaces ?? []).includes(options.namespace)) {
    return allowed({ exempt: "namespace" });
  }
  if (options.username !== undefined && options.username !== "" && (exemptions.usernames ?? []).includes(options.username)) {
    return allowed({ exempt: "user" });
  }
  const { policy, errors } = policyToEvaluate(namespaceLabels, configuredDefaults(options.configuration));
  if (errors.length === 0 && fullyPrivileged(policy)) return allowed({ "enforce-policy": "privileged:latest" });
  if (options.oldPod !== undefined && !isSignificantPodUpdate(pod, options.oldPod)) return allowed({});

  const runtimeClass = pod.spec.runtimeClassName;
  if (typeof runtimeClass === "string" && runtimeClass !== "" && (exemptions.runtimeClasses ?? []).includes(runtimeClass)) {
    return allowed({ exempt: "runtimeClass" });
  }
  const auditAnnotations: Record<string, string> = {};
  if (errors.length > 0) auditAnnotations.error = `Failed to parse policy: ${aggregateErrorText(errors.map(errorText))}`;
  return evaluatePod(pod, policy, evaluatorFor(options.serverVersion), auditAnnotations);
}

/** EvaluatePod with enforce=true, reusing one evaluation per distinct level-version. */
function evaluatePod(pod: Pod, policy: Policy, evaluator: Evaluator, auditAnnotations: Record<string, string>): AdmissionResult {
  const cache = new Map<string, AggregateCheckResult>();
  const evaluate = (lv: LevelVersion): AggregateCheckResult => {
    const key = levelVersionString(lv);
    let result = cache.get(key);
    if (result === undefined) {
      result = aggregateCheckResults(evaluator.evaluatePod(lv, pod.metadata, pod.spec));
      cache.set(key, result);
    }
    return result;
  };

  auditAnnotations["enforce-policy"] = levelVersionString(policy.enforce);
  const enforce = evaluate(policy.enforce);
  const denied = enforce.allowed
    ? undefined
    : forbiddenMessage(pod.metadata.name ?? "", `violates PodSecurity ${goQuote(levelVersionString(policy.enforce))}: ${aggregateForbiddenDetail(enforce)}`);

  const audit = evaluate(policy.audit);
  if (!audit.allowed) {
    auditAnnotations["audit-violations"] = `would violate PodSecurity ${goQuote(levelVersionString(policy.audit))}: ${aggregateForbiddenDetail(audit)}`;
  }

  const warnings: string[] = [];
  if (denied === undefined) {
    const warn = evaluate(policy.warn);
    if (!warn.allowed) warnings.push(`would violate PodSecurity ${goQuote(levelVersionString(policy.warn))}: ${aggregateForbiddenDetail(warn)}`);
  }
  return { denied, warnings, auditAnnotations };
}

/** utilerrors.NewAggregate(...).Error(): one error bare, several as `[a, b]`. */
function aggregateErrorText(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(", ")}]`;
}

/**
 * isSignificantPodUpdate: pod updates can only change images (and add ephemeral containers), so
 * only those trigger a new evaluation.
 */
export function isSignificantPodUpdate(pod: Pod, oldPod: Pod): boolean {
  const changed = (a: readonly { image?: string }[] | undefined, b: readonly { image?: string }[] | undefined) =>
    (a ?? []).length !== (b ?? []).length || (a ?? []).some((c, i) => c.image !== b?.[i]?.image);
  if (changed(pod.spec.containers, oldPod.spec.containers) || changed(pod.spec.initContainers, oldPod.spec.initContainers)) return true;
  const ephemeral = (p: Pod) => (p.spec.ephemeralContainers ?? []).filter((e): e is { name?: string; image?: string } => typeof e === "object" && e !== null);
  const old = ephemeral(oldPod);
  return ephemeral(pod).some((c) => {
    const before = old.find((o) => o.name === c.name);
    return before === undefined || before.image !== c.image;
  });
}
