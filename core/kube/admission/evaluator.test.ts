// Which checks run, in which order, per level and version (policy/registry.go, registry_test.go).

import { describe, expect, it } from "vitest";
import { ALLOWED, forbid, type Check } from "./check.js";
import { newEvaluator } from "./evaluator.js";
import { LATEST, majorMinor, type Level, type Version } from "./level-version.js";
import { DEFAULT_CHECKS } from "./registry.js";

const evaluator = newEvaluator(DEFAULT_CHECKS);
const ids = (level: Level, version: Version = LATEST, e = evaluator) => e.checksFor({ level, version }).map((c) => c.id);

const BASELINE_LATEST = [
  "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts", "hostProbesAndHostLifecycle",
  "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls", "windowsHostProcess",
];

describe("check order", () => {
  it("runs the baseline checks sorted by ID", () => {
    expect(ids("baseline")).toEqual(BASELINE_LATEST);
  });
  it("runs non-overridden baseline checks, then the restricted ones, each sorted", () => {
    expect(ids("restricted")).toEqual([
      "appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle", "privileged", "seLinuxOptions", "sysctls", "windowsHostProcess",
      "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted", "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
    ]);
  });
  it("runs nothing for privileged", () => {
    expect(ids("privileged")).toEqual([]);
  });
});

describe("versions", () => {
  it("knows policy versions up to 1.37", () => {
    expect(evaluator.maxVersion).toEqual(majorMinor(1, 37));
  });
  it("treats versions beyond the newest as the newest", () => {
    expect(ids("restricted", majorMinor(1, 99))).toEqual(ids("restricted"));
  });
  it("adds checks as the policy version grows", () => {
    expect(ids("restricted", majorMinor(1, 0))).toEqual([
      "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPorts", "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls", "windowsHostProcess",
      "restrictedVolumes", "runAsNonRoot",
    ]);
    expect(ids("restricted", majorMinor(1, 22))).toEqual([
      "appArmorProfile", "hostNamespaces", "hostPorts", "privileged", "procMount", "seLinuxOptions", "sysctls", "windowsHostProcess",
      "allowPrivilegeEscalation", "capabilities_restricted", "restrictedVolumes", "runAsNonRoot", "seccompProfile_restricted",
    ]);
    expect(ids("restricted", majorMinor(1, 34))).toEqual([
      "appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle", "privileged", "procMount", "seLinuxOptions", "sysctls", "windowsHostProcess",
      "allowPrivilegeEscalation", "capabilities_restricted", "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
    ]);
    expect(ids("baseline", majorMinor(1, 33))).toEqual(BASELINE_LATEST.filter((id) => id !== "hostProbesAndHostLifecycle"));
  });
  it("caps latest at an older apiserver's minor", () => {
    const at129 = newEvaluator(DEFAULT_CHECKS, majorMinor(1, 29));
    expect(at129.maxVersion).toEqual(majorMinor(1, 29));
    expect(ids("baseline", LATEST, at129)).toEqual(ids("baseline", majorMinor(1, 29)));
    expect(ids("baseline", LATEST, at129)).not.toContain("hostProbesAndHostLifecycle");
    expect(newEvaluator(DEFAULT_CHECKS, majorMinor(1, 50)).maxVersion).toEqual(majorMinor(1, 37));
  });
});

describe("registry validation", () => {
  const fn = () => ALLOWED;
  const check = (id: string, level: "baseline" | "restricted", minors: number[], overrides?: string[]): Check => ({
    id, level, versions: minors.map((m) => ({ minimumVersion: majorMinor(1, m), checkPod: fn, ...(overrides ? { overrideCheckIDs: overrides } : {}) })),
  });
  it("refuses duplicate IDs", () => {
    expect(() => newEvaluator([check("a", "baseline", [0]), check("a", "restricted", [0])])).toThrow("multiple checks registered for ID a");
  });
  it("refuses versions out of order", () => {
    expect(() => newEvaluator([check("a", "baseline", [5, 5])])).toThrow("check a: versions must be strictly increasing");
    expect(() => newEvaluator([check("a", "baseline", [])])).toThrow("check a: empty");
  });
  it("refuses overrides from baseline checks or of restricted checks", () => {
    expect(() => newEvaluator([check("a", "baseline", [0], ["b"])])).toThrow("check a: only restricted checks may set overrides");
    expect(() => newEvaluator([check("a", "restricted", [0], ["b"]), check("b", "restricted", [0])])).toThrow("check a: overrides restricted check b");
  });
  it("evaluates in order and reports every result", () => {
    const e = newEvaluator([
      { id: "z", level: "baseline", versions: [{ minimumVersion: majorMinor(1, 0), checkPod: () => forbid("z", "") }] },
      { id: "a", level: "restricted", versions: [{ minimumVersion: majorMinor(1, 0), checkPod: () => forbid("a", "d") }] },
      { id: "b", level: "baseline", versions: [{ minimumVersion: majorMinor(1, 0), checkPod: fn }] },
    ]);
    expect(e.evaluatePod({ level: "restricted", version: LATEST }, {}, {})).toEqual([
      { allowed: true }, { allowed: false, forbiddenReason: "z", forbiddenDetail: "" }, { allowed: false, forbiddenReason: "a", forbiddenDetail: "d" },
    ]);
  });
});
