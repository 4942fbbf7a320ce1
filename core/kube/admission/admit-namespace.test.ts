// Namespace create/label under Pod Security (admission.go ValidateNamespace, admission_test.go).

import { describe, expect, it } from "vitest";
import { errorText } from "../field/errors.js";
import type { Pod } from "../api/types.js";
import { admitNamespace } from "./admit-namespace.js";
import { minimalBaselinePod, minimalRestrictedPod, tweak } from "./fixtures.js";

const labels = (...kv: string[]): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (let i = 0; i < kv.length; i += 2) out[`pod-security.kubernetes.io/${kv[i]}`] = kv[i + 1]!;
  return out;
};

/** security-context-demo as stored: APE false, runAsUser 1000, nothing else. */
const demo = (name: string): Pod => tweak(minimalBaselinePod(name), (p) => {
  delete p.spec.initContainers;
  p.spec.securityContext = { runAsUser: 1000 };
  p.spec.containers = [{ name: "sec-ctx-demo", image: "busybox:1.28", securityContext: { allowPrivilegeEscalation: false } }];
});
const privileged = (name: string): Pod => tweak(minimalRestrictedPod(name), (p) => { p.spec.containers![0]!.securityContext!.privileged = true; });

describe("create", () => {
  it("refuses unparseable labels", () => {
    const result = admitNamespace({ name: "demo", labels: labels("enforce", "strict", "warn-version", "v2.0") });
    expect(result.invalid?.map(errorText)).toEqual([
      `metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`,
      `metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "v2.0": must be "latest" or "v1.x"`,
    ]);
  });
  it("accepts valid labels silently", () => {
    expect(admitNamespace({ name: "demo", labels: labels("enforce", "restricted") })).toEqual({ invalid: undefined, warnings: [] });
  });
  it("warns that an exempt namespace's policy is ignored, naming only the labelled modes", () => {
    // warn follows enforce to baseline, but only modes with a label of their own are listed.
    expect(admitNamespace({ name: "kube-system", labels: labels("enforce", "baseline"), configuration: { exemptions: { namespaces: ["kube-system"] } } }).warnings).toEqual([
      `namespace "kube-system" is exempt from Pod Security, and the policy (enforce=baseline:latest) will be ignored`,
    ]);
  });
});

describe("label change", () => {
  const pods = [demo("security-context-demo"), demo("another-demo"), privileged("priv"), minimalRestrictedPod("fine")];

  it("dry-runs existing pods against a stricter enforce level", () => {
    expect(admitNamespace({ name: "default", oldLabels: {}, labels: labels("enforce", "restricted"), pods })).toEqual({
      invalid: undefined,
      warnings: [
        `existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"`,
        `another-demo (and 1 other pod): unrestricted capabilities, runAsNonRoot != true, seccompProfile`,
        `priv: privileged`,
      ],
    });
  });

  it("counts more pods with the same reasons", () => {
    const many = [demo("c"), demo("a"), demo("b"), demo("d")];
    expect(admitNamespace({ name: "default", oldLabels: {}, labels: labels("enforce", "restricted"), pods: many }).warnings).toEqual([
      `existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"`,
      `a (and 3 other pods): unrestricted capabilities, runAsNonRoot != true, seccompProfile`,
    ]);
  });

  it("says nothing when enforce is relaxed, unchanged or privileged", () => {
    const restricted = labels("enforce", "restricted");
    expect(admitNamespace({ name: "default", oldLabels: restricted, labels: labels("enforce", "baseline"), pods }).warnings).toEqual([]);
    expect(admitNamespace({ name: "default", oldLabels: restricted, labels: { ...restricted, app: "x" }, pods }).warnings).toEqual([]);
    expect(admitNamespace({ name: "default", oldLabels: restricted, labels: labels("enforce", "privileged"), pods }).warnings).toEqual([]);
    expect(admitNamespace({ name: "default", oldLabels: {}, labels: labels("warn", "restricted"), pods }).warnings).toEqual([]);
  });

  it("re-checks when only the version changes", () => {
    expect(admitNamespace({ name: "default", oldLabels: labels("enforce", "baseline"), labels: labels("enforce", "baseline", "enforce-version", "v1.29"), pods }).warnings).toEqual([
      `existing pods in namespace "default" violate the new PodSecurity enforce level "baseline:v1.29"`,
      `priv: privileged`,
    ]);
  });

  it("refuses newly broken labels but tolerates unchanged broken ones", () => {
    expect(admitNamespace({ name: "default", oldLabels: {}, labels: labels("enforce", "Restricted"), pods }).invalid).toHaveLength(1);
    expect(admitNamespace({ name: "default", oldLabels: labels("enforce", "Restricted"), labels: { ...labels("enforce", "Restricted"), app: "x" }, pods }).invalid).toBeUndefined();
  });
});
