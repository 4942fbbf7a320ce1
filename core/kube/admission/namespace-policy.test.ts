// Namespace labels -> policy (api/helpers.go PolicyToEvaluate and helpers_test.go), and the
// errors and warnings a namespace's labels produce.

import { describe, expect, it } from "vitest";
import { errorText, invalidMessage } from "../field/errors.js";
import { LATEST, majorMinor, type Level, type LevelVersion, type Version } from "./level-version.js";
import { DEFAULT_POLICY, exemptNamespaceWarning, policyFromDefaults, policyToEvaluate, type Policy } from "./namespace-policy.js";

const lv = (level: Level, version: Version = LATEST): LevelVersion => ({ level, version });
const privileged = lv("privileged");
const labels = (...kv: string[]): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (let i = 0; i < kv.length; i += 2) out[`pod-security.kubernetes.io/${kv[i]}`] = kv[i + 1]!;
  return out;
};

describe("policyToEvaluate", () => {
  const cases: { desc: string; labels: Record<string, string>; expect: Policy; errors?: string[] }[] = [
    { desc: "no labels", labels: {}, expect: DEFAULT_POLICY },
    { desc: "unrelated labels", labels: { "kubernetes.io/metadata.name": "default" }, expect: DEFAULT_POLICY },
    { desc: "simple enforce (warn follows)", labels: labels("enforce", "baseline"), expect: { enforce: lv("baseline"), warn: lv("baseline"), audit: privileged } },
    { desc: "simple warn", labels: labels("warn", "restricted"), expect: { enforce: privileged, warn: lv("restricted"), audit: privileged } },
    { desc: "simple audit", labels: labels("audit", "baseline"), expect: { enforce: privileged, warn: privileged, audit: lv("baseline") } },
    { desc: "enforce & warn", labels: labels("enforce", "baseline", "warn", "restricted"), expect: { enforce: lv("baseline"), warn: lv("restricted"), audit: privileged } },
    { desc: "enforce laxer than warn", labels: labels("enforce", "baseline", "warn", "privileged"), expect: { enforce: lv("baseline"), warn: privileged, audit: privileged } },
    { desc: "enforce version (warn follows)", labels: labels("enforce", "baseline", "enforce-version", "v1.22"), expect: { enforce: lv("baseline", majorMinor(1, 22)), warn: lv("baseline", majorMinor(1, 22)), audit: privileged } },
    { desc: "enforce version & warn-version", labels: labels("enforce", "baseline", "enforce-version", "v1.22", "warn-version", "latest"), expect: { enforce: lv("baseline", majorMinor(1, 22)), warn: lv("baseline"), audit: privileged } },
    { desc: "enforce & warn-version", labels: labels("enforce", "baseline", "warn-version", "v1.23"), expect: { enforce: lv("baseline"), warn: lv("baseline", majorMinor(1, 23)), audit: privileged } },
    { desc: "enforce-version alone", labels: labels("enforce-version", "v1.25"), expect: { enforce: lv("privileged", majorMinor(1, 25)), warn: privileged, audit: privileged } },
    {
      desc: "fully specified",
      labels: labels("enforce", "baseline", "enforce-version", "v1.20", "warn", "restricted", "warn-version", "v1.21", "audit", "restricted", "audit-version", "v1.22"),
      expect: { enforce: lv("baseline", majorMinor(1, 20)), warn: lv("restricted", majorMinor(1, 21)), audit: lv("restricted", majorMinor(1, 22)) },
    },
    {
      desc: "bad warn level fails open", labels: labels("enforce", "baseline", "warn", "foo"),
      expect: { enforce: lv("baseline"), warn: privileged, audit: privileged },
      errors: [`metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "foo": must be one of privileged, baseline, restricted`],
    },
    {
      desc: "bad enforce level fails closed, warn not raised", labels: labels("enforce", "foo"),
      expect: { enforce: lv("restricted"), warn: privileged, audit: privileged },
      errors: [`metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "foo": must be one of privileged, baseline, restricted`],
    },
    {
      desc: "bad audit level fails open", labels: labels("audit", "Restricted"),
      expect: { enforce: privileged, warn: privileged, audit: privileged },
      errors: [`metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "Restricted": must be one of privileged, baseline, restricted`],
    },
    {
      desc: "bad versions fall back to latest, errors in label order", labels: labels("warn-version", "1.29", "enforce", "restricted", "enforce-version", "v1.029"),
      expect: { enforce: lv("restricted"), warn: lv("restricted"), audit: privileged },
      errors: [
        `metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v1.029": must be "latest" or "v1.x"`,
        `metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.29": must be "latest" or "v1.x"`,
      ],
    },
  ];
  it.each(cases)("$desc", (c) => {
    const got = policyToEvaluate(c.labels);
    expect(got.policy).toEqual(c.expect);
    expect(got.errors.map(errorText)).toEqual(c.errors ?? []);
  });

  it("falls back to configured defaults", () => {
    const defaults = policyFromDefaults({ enforce: "baseline", "enforce-version": "v1.29", warn: "restricted" });
    expect(policyToEvaluate({}, defaults).policy).toEqual({ enforce: lv("baseline", majorMinor(1, 29)), warn: lv("restricted"), audit: privileged });
    expect(policyToEvaluate(labels("enforce", "privileged"), defaults).policy).toEqual({ enforce: lv("privileged", majorMinor(1, 29)), warn: lv("restricted"), audit: privileged });
  });

  it("refuses an invalid configuration", () => {
    expect(() => policyFromDefaults({ enforce: "strict" })).toThrow(`invalid PodSecurity default level "strict": must be one of privileged, baseline, restricted`);
  });

  it("renders a refused namespace like the apiserver", () => {
    const { errors } = policyToEvaluate(labels("enforce", "strict"));
    expect(invalidMessage("Namespace", "demo", errors)).toBe(
      `The Namespace "demo" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`,
    );
  });
});

describe("exemptNamespaceWarning", () => {
  it("lists the explicitly set non-privileged modes", () => {
    const l = labels("enforce", "baseline", "warn", "restricted", "audit", "privileged");
    expect(exemptNamespaceWarning("kube-system", policyToEvaluate(l).policy, l)).toBe(
      `namespace "kube-system" is exempt from Pod Security, and the policy (enforce=baseline:latest, warn=restricted:latest) will be ignored`,
    );
  });
  it("says nothing for a privileged policy", () => {
    const l = labels("enforce", "privileged");
    expect(exemptNamespaceWarning("kube-system", policyToEvaluate(l).policy, l)).toBeUndefined();
  });
});
