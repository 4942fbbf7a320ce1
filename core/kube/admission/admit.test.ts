// admitPod end to end: the tutorial's manifests decoded and defaulted as the apiserver stores
// them, then admitted under namespace labels. Whole-message goldens from reference
// kubernetes-behaviour.md §7.3 (assembled from pod-security-admission admission.go + policy/*.go).

import { describe, expect, it } from "vitest";
import { parseManifest, strictDecode } from "../api/decode.js";
import { defaultPod } from "../api/defaults.js";
import { Pod as PodSchema } from "../api/schema.js";
import type { Pod } from "../api/types.js";
import { admitPod, isSignificantPodUpdate } from "./admit.js";
import { minimalRestrictedPod, tweak } from "./fixtures.js";

/** decode -> default, the way `kubectl apply` gets a pod to admission. */
function storedPod(yaml: string): Pod {
  const [raw] = parseManifest("pod.yaml", yaml);
  const { value, unknownFields, typeError } = strictDecode(raw, PodSchema);
  expect(unknownFields).toEqual([]);
  expect(typeError).toBeUndefined();
  const pod = value as Pod;
  defaultPod(pod, "x7k2p");
  return pod;
}

const labels = (...kv: string[]): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (let i = 0; i < kv.length; i += 2) out[`pod-security.kubernetes.io/${kv[i]}`] = kv[i + 1]!;
  return out;
};

// pods/security/security-context.yaml (current, reference §1.1)
const SECURITY_CONTEXT = `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`;

// pods/security/security-context-3.yaml, in the KYAML form of its newest commit.
const SECURITY_CONTEXT_3 = `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "security-context-demo-3",
  },
  spec: {
    containers: [{
      name: "sec-ctx-3",
      image: "gcr.io/google-samples/hello-app:2.0",
    }],
  },
}
`;

const SECURITY_CONTEXT_4 = `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-4
spec:
  containers:
  - name: sec-ctx-4
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      capabilities:
        add: ["NET_ADMIN", "SYS_TIME"]
`;

describe("tutorial manifests (reference §7.3)", () => {
  it("security-context-3 under warn=restricted", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_3), labels("warn", "restricted"))).toMatchObject({
      denied: undefined,
      warnings: [
        `would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "sec-ctx-3" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "sec-ctx-3" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "sec-ctx-3" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "sec-ctx-3" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
      ],
    });
  });

  it("security-context-4 under warn=baseline", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_4), labels("warn", "baseline"))).toMatchObject({
      denied: undefined,
      warnings: [`would violate PodSecurity "baseline:latest": non-default capabilities (container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`],
    });
  });

  it("security-context-4 under warn=restricted", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_4), labels("warn", "restricted")).warnings).toEqual([
      `would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "sec-ctx-4" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "sec-ctx-4" must set securityContext.capabilities.drop=["ALL"]; container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add), runAsNonRoot != true (pod or container "sec-ctx-4" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "sec-ctx-4" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    ]);
  });

  it("security-context.yaml under warn=restricted", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT), labels("warn", "restricted"))).toMatchObject({
      denied: undefined,
      warnings: [
        `would violate PodSecurity "restricted:latest": unrestricted capabilities (container "sec-ctx-demo" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "sec-ctx-demo" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "sec-ctx-demo" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
      ],
    });
  });

  it("every tutorial pod but -4 meets baseline", () => {
    for (const yaml of [SECURITY_CONTEXT, SECURITY_CONTEXT_3]) {
      expect(admitPod(storedPod(yaml), labels("enforce", "baseline", "warn", "baseline"))).toMatchObject({ denied: undefined, warnings: [] });
    }
  });
});

describe("enforce", () => {
  it("refuses with the Forbidden message and no warning", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_3), labels("enforce", "restricted"))).toEqual({
      denied: `pods "security-context-demo-3" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "sec-ctx-3" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "sec-ctx-3" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "sec-ctx-3" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "sec-ctx-3" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
      warnings: [],
      auditAnnotations: { "enforce-policy": "restricted:latest" },
    });
  });

  it("refuses at baseline even when warn asks for restricted", () => {
    const result = admitPod(storedPod(SECURITY_CONTEXT_4), labels("enforce", "baseline", "warn", "restricted"));
    expect(result.denied).toBe(
      `pods "security-context-demo-4" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`,
    );
    expect(result.warnings).toEqual([]);
  });

  it("admits under enforce=baseline and warns for restricted", () => {
    const result = admitPod(storedPod(SECURITY_CONTEXT), labels("enforce", "baseline", "warn", "restricted"));
    expect(result.denied).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^would violate PodSecurity "restricted:latest": unrestricted capabilities \(/);
  });

  it("admits a pod that meets restricted without a word", () => {
    expect(admitPod(minimalRestrictedPod("ok"), labels("enforce", "restricted", "audit", "restricted"))).toEqual({
      denied: undefined, warnings: [], auditAnnotations: { "enforce-policy": "restricted:latest" },
    });
  });

  it("quotes an empty name the way NewForbidden does", () => {
    const pod = tweak(minimalRestrictedPod(""), (p) => { p.spec.hostPID = true; });
    expect(admitPod(pod, labels("enforce", "baseline")).denied).toBe(`pods is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true)`);
  });
});

describe("several violations", () => {
  const pod = storedPod(`apiVersion: v1
kind: Pod
metadata:
  name: multi
spec:
  hostNetwork: true
  securityContext:
    runAsUser: 0
    sysctls:
    - {name: kernel.msgmax, value: "65536"}
  volumes:
  - name: host
    hostPath: {path: /var/log}
  initContainers:
  - name: init
    image: busybox:1.28
    securityContext:
      capabilities: {add: [NET_RAW]}
  containers:
  - name: app
    image: busybox:1.28
    securityContext:
      privileged: true
`);

  it("joins baseline reasons in check-ID order", () => {
    expect(admitPod(pod, labels("warn", "baseline")).warnings).toEqual([
      `would violate PodSecurity "baseline:latest": non-default capabilities (container "init" must not include "NET_RAW" in securityContext.capabilities.add), host namespaces (hostNetwork=true), hostPath volumes (volume "host"), privileged (container "app" must not set securityContext.privileged=true), forbidden sysctls (kernel.msgmax)`,
    ]);
  });

  it("puts restricted reasons after the baseline ones, with the restricted twins replacing theirs", () => {
    expect(admitPod(pod, labels("enforce", "restricted")).denied).toBe(
      `pods "multi" is forbidden: violates PodSecurity "restricted:latest": ` +
        `host namespaces (hostNetwork=true), ` +
        `privileged (container "app" must not set securityContext.privileged=true), ` +
        `forbidden sysctls (kernel.msgmax), ` +
        `allowPrivilegeEscalation != false (containers "init", "app" must set securityContext.allowPrivilegeEscalation=false), ` +
        `unrestricted capabilities (containers "init", "app" must set securityContext.capabilities.drop=["ALL"]; container "init" must not include "NET_RAW" in securityContext.capabilities.add), ` +
        `restricted volume types (volume "host" uses restricted volume type "hostPath"), ` +
        `runAsNonRoot != true (pod or containers "init", "app" must set securityContext.runAsNonRoot=true), ` +
        `runAsUser=0 (pod must not set runAsUser=0), ` +
        `seccompProfile (pod or containers "init", "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    );
  });
});

describe("levels and versions from the labels", () => {
  it("allows everything without labels or when privileged", () => {
    const pod = storedPod(SECURITY_CONTEXT_4);
    expect(admitPod(pod, {})).toEqual({ denied: undefined, warnings: [], auditAnnotations: { "enforce-policy": "privileged:latest" } });
    expect(admitPod(pod, labels("enforce", "privileged", "warn", "privileged", "audit", "privileged")).warnings).toEqual([]);
  });

  it("evaluates the version asked for and prints it", () => {
    // Policy v1.22 has no runAsUser check: only the other four reasons.
    const pod = tweak(storedPod(SECURITY_CONTEXT_3), (p) => { p.spec.securityContext = { runAsUser: 0 }; });
    expect(admitPod(pod, labels("warn", "restricted", "warn-version", "v1.22")).warnings).toEqual([
      `would violate PodSecurity "restricted:v1.22": allowPrivilegeEscalation != false (container "sec-ctx-3" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "sec-ctx-3" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "sec-ctx-3" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "sec-ctx-3" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    ]);
    expect(admitPod(pod, labels("warn", "restricted", "warn-version", "v1.23")).warnings[0]).toContain(`, runAsUser=0 (pod must not set runAsUser=0), seccompProfile (`);
  });

  it("prints a future version as written and evaluates the newest known", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_4), labels("warn", "baseline", "warn-version", "v1.99")).warnings).toEqual([
      `would violate PodSecurity "baseline:v1.99": non-default capabilities (container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`,
    ]);
  });

  it("enforces restricted when the enforce label is not a level", () => {
    const result = admitPod(storedPod(SECURITY_CONTEXT), labels("enforce", "Baseline"));
    expect(result.denied).toMatch(/^pods "security-context-demo" is forbidden: violates PodSecurity "restricted:latest": unrestricted capabilities \(/);
    expect(result.auditAnnotations).toEqual({
      "enforce-policy": "restricted:latest",
      error: `Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "Baseline": must be one of privileged, baseline, restricted`,
    });
  });

  it("ignores a warn label that is not a level, and reads a bad version as latest", () => {
    const pod = storedPod(SECURITY_CONTEXT_4);
    expect(admitPod(pod, labels("warn", "strict"))).toMatchObject({ denied: undefined, warnings: [] });
    expect(admitPod(pod, labels("warn", "baseline", "warn-version", "1.29")).warnings).toEqual([
      `would violate PodSecurity "baseline:latest": non-default capabilities (container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`,
    ]);
  });

  it("records audit violations without warning or refusing", () => {
    expect(admitPod(storedPod(SECURITY_CONTEXT_4), labels("audit", "baseline"))).toEqual({
      denied: undefined,
      warnings: [],
      auditAnnotations: {
        "enforce-policy": "privileged:latest",
        "audit-violations": `would violate PodSecurity "baseline:latest": non-default capabilities (container "sec-ctx-4" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`,
      },
    });
  });
});

describe("cluster version", () => {
  const probing = tweak(minimalRestrictedPod("probe"), (p) => { p.spec.containers![0]!.livenessProbe = { httpGet: { port: 8080, host: "10.0.0.1" } }; });

  it("knows hostProbesAndHostLifecycle on a 1.34 cluster", () => {
    expect(admitPod(probing, labels("warn", "baseline"), { serverVersion: { major: "1", minor: "34" } }).warnings).toEqual([
      `would violate PodSecurity "baseline:latest": probe or lifecycle host (container "container1" uses probe or lifecycle host "10.0.0.1")`,
    ]);
  });

  it("gives the tutorial's warning unchanged on the 1.29 profile", () => {
    const [onLatest] = admitPod(storedPod(SECURITY_CONTEXT_3), labels("warn", "restricted")).warnings;
    expect(admitPod(storedPod(SECURITY_CONTEXT_3), labels("warn", "restricted"), { serverVersion: { major: "1", minor: "29" } }).warnings).toEqual([onLatest]);
  });

  it("does not on a 1.29 cluster, where latest means v1.29", () => {
    expect(admitPod(probing, labels("warn", "baseline"), { serverVersion: { major: "1", minor: "29" } }).warnings).toEqual([]);
    expect(admitPod(probing, labels("warn", "baseline", "warn-version", "v1.34"), { serverVersion: { major: "1", minor: "29" } }).warnings).toEqual([]);
  });
});

describe("exemptions and updates", () => {
  const pod = storedPod(SECURITY_CONTEXT_4);
  const configuration = { exemptions: { namespaces: ["kube-system"], usernames: ["system:serviceaccount:kube-system:replicaset-controller"], runtimeClasses: ["kata"] } };

  it("skips exempt namespaces, users and runtime classes", () => {
    const enforce = labels("enforce", "restricted");
    expect(admitPod(pod, enforce, { namespace: "kube-system", configuration })).toEqual({ denied: undefined, warnings: [], auditAnnotations: { exempt: "namespace" } });
    expect(admitPod(pod, enforce, { namespace: "default", username: "system:serviceaccount:kube-system:replicaset-controller", configuration }).auditAnnotations).toEqual({ exempt: "user" });
    const kata = tweak(pod, (p) => { p.spec.runtimeClassName = "kata"; });
    expect(admitPod(kata, enforce, { namespace: "default", configuration })).toEqual({ denied: undefined, warnings: [], auditAnnotations: { exempt: "runtimeClass" } });
    expect(admitPod(pod, enforce, { namespace: "default", configuration }).denied).toMatch(/^pods "security-context-demo-4" is forbidden: /);
  });

  it("uses the configured defaults for unlabelled namespaces", () => {
    const result = admitPod(pod, {}, { configuration: { defaults: { enforce: "baseline" } } });
    expect(result.denied).toMatch(/^pods "security-context-demo-4" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities/);
  });

  it("re-evaluates an update only when an image changes", () => {
    const enforce = labels("enforce", "restricted");
    const retagged = tweak(pod, (p) => { p.spec.containers![0]!.image = "gcr.io/google-samples/hello-app:1.0"; });
    const relabelled = tweak(pod, (p) => { p.metadata.labels = { app: "x" }; });
    expect(isSignificantPodUpdate(relabelled, pod)).toBe(false);
    expect(isSignificantPodUpdate(retagged, pod)).toBe(true);
    expect(admitPod(relabelled, enforce, { oldPod: pod }).denied).toBeUndefined();
    expect(admitPod(retagged, enforce, { oldPod: pod }).denied).toMatch(/^pods "security-context-demo-4" is forbidden: /);
    const debugged = tweak(pod, (p) => { p.spec.ephemeralContainers = [{ name: "debugger", image: "busybox:1.28" }]; });
    expect(isSignificantPodUpdate(debugged, pod)).toBe(true);
  });
});
