// Pod lifecycle on the virtual clock (kwok style): scheduling, pulls, start, crash-loop back-off,
// restart policies, image pull failures, graceful deletion.

import { describe, expect, it } from "vitest";
import { type Profile, testCluster } from "../../../test/helpers/cluster.js";

const START = Date.parse("2024-06-06T20:08:00Z");

function cluster(profile: Profile = "1.34-containerd") {
  const { c, clock, pass, apply, pod } = testCluster(profile, START);
  const state = (name: string) => {
    const s = pod(name)?.status?.containerStatuses?.[0];
    return s === undefined ? undefined : s.state.running ? "Running" : s.state.waiting?.reason ?? s.state.terminated?.reason;
  };
  const reasons = (name: string) => c.store.eventsFor(pod(name)!.metadata.uid!).map((e) => `${e.reason}${e.count > 1 ? ` x${e.count}` : ""}`);
  return { c, clock, pass, apply, pod, state, reasons };
}

const podYaml = (name: string, image: string, extra = "", container = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: ${image}
${container}`;

describe("pod lifecycle", () => {
  it("goes from ContainerCreating to Running, with the kubelet's events in order", async () => {
    const t = cluster();
    t.apply(podYaml("a", "busybox:1.28", "", '    command: ["sh", "-c", "sleep 1h"]\n'));
    expect(t.state("a")).toBe("ContainerCreating");
    expect(t.pod("a")?.status?.phase).toBe("Pending");
    await t.pass(3000);
    expect(t.state("a")).toBe("Running");
    expect(t.pod("a")?.status?.phase).toBe("Running");
    expect(t.reasons("a")).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    t.apply(podYaml("b", "busybox:1.28", "", '    command: ["sleep", "100"]\n'));
    await t.pass(3000);
    expect(t.c.store.eventsFor(t.pod("b")!.metadata.uid!).map((e) => e.message)).toContain('Container image "busybox:1.28" already present on machine');
  });

  it("restarts a crashing container with back-off 0, 10, 20, 40 s (CrashLoopBackOff)", async () => {
    const t = cluster();
    t.apply(podYaml("crash", "busybox:1.28", "", '    command: ["sh", "-c", "exit 3"]\n'));
    await t.pass(2000);
    const restarts = () => t.pod("crash")!.status!.containerStatuses![0]!.restartCount;
    expect(restarts()).toBe(1);
    expect(t.state("crash")).toBe("CrashLoopBackOff");
    await t.pass(10_000);
    expect(restarts()).toBe(2);
    await t.pass(20_000);
    expect(restarts()).toBe(3);
    await t.pass(39_000);
    expect(restarts()).toBe(3);
    await t.pass(2_000);
    expect(restarts()).toBe(4);
    expect(t.pod("crash")!.status!.containerStatuses![0]!.lastState.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
  });

  it("restartPolicy Never: exit 0 is Succeeded/Completed, exit 1 is Failed/Error", async () => {
    const t = cluster();
    t.apply(podYaml("ok", "busybox:1.28", "  restartPolicy: Never\n", '    command: ["true"]\n'));
    t.apply(podYaml("bad", "busybox:1.28", "  restartPolicy: Never\n", '    command: ["false"]\n'));
    await t.pass(5000);
    expect([t.pod("ok")?.status?.phase, t.state("ok")]).toEqual(["Succeeded", "Completed"]);
    expect([t.pod("bad")?.status?.phase, t.state("bad")]).toEqual(["Failed", "Error"]);
  });

  it("an image that does not exist: ErrImagePull, then ImagePullBackOff", async () => {
    const t = cluster();
    t.apply(podYaml("nope", "busybx:1.28"));
    await t.pass(1500);
    expect(t.state("nope")).toBe("ErrImagePull");
    await t.pass(1500);
    expect(t.state("nope")).toBe("ImagePullBackOff");
    const failed = t.c.store.eventsFor(t.pod("nope")!.metadata.uid!).find((e) => e.message.startsWith("Failed to pull"));
    expect(failed?.message).toBe('Failed to pull image "busybx:1.28": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/busybx:1.28": failed to resolve reference "docker.io/library/busybx:1.28": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it("a command not in the image fails to start (StartError) and crash-loops", async () => {
    const t = cluster();
    t.apply(podYaml("nocmd", "busybox:1.28", "", '    command: ["bash"]\n'));
    await t.pass(2000);
    expect(t.pod("nocmd")!.status!.containerStatuses![0]!.lastState.terminated).toMatchObject({ exitCode: 128, reason: "StartError" });
  });

  it("runAsNonRoot on a root image: CreateContainerConfigError, retried", async () => {
    const t = cluster();
    t.apply(podYaml("nr", "busybox:1.28", "  securityContext:\n    runAsNonRoot: true\n"));
    await t.pass(30_000);
    expect(t.state("nr")).toBe("CreateContainerConfigError");
    expect(t.pod("nr")?.status?.phase).toBe("Pending");
    const failed = t.c.store.eventsFor(t.pod("nr")!.metadata.uid!).find((e) => e.reason === "Failed")!;
    expect(failed.count).toBeGreaterThan(2);
  });

  it("deletion: PID 1 without a SIGTERM handler holds the pod for the grace period", async () => {
    const t = cluster();
    t.apply(podYaml("slow", "busybox:1.28", "", '    command: ["sleep", "3600"]\n'));
    await t.pass(3000);
    let gone = false;
    void t.c.deletePod(t.pod("slow")!).then(() => (gone = true));
    await t.pass(1000);
    expect(t.pod("slow")?.metadata.deletionTimestamp).toBeDefined();
    expect(gone).toBe(false);
    await t.pass(30_000);
    expect(gone).toBe(true);
    expect(t.pod("slow")).toBeUndefined();
  });

  it("releases the quota of a deleted pod's writable layers and volumes", async () => {
    const t = cluster();
    t.apply(podYaml("w", "busybox:1.28", "  volumes:\n  - name: v\n    emptyDir: {}\n", '    command: ["sh", "-c", "head -c 100000 /dev/zero > /data/f; sleep 3600"]\n    volumeMounts:\n    - name: v\n      mountPath: /data\n'));
    const before = t.c.quota.bytesUsed;
    await t.pass(5000);
    expect(t.c.quota.bytesUsed).toBeGreaterThan(before);
    void t.c.deletePod(t.pod("w")!, 0);
    await t.pass(2000);
    expect(t.pod("w")).toBeUndefined();
    expect(t.c.quota.bytesUsed).toBeLessThanOrEqual(before + 1024);
  });

  it("a restart drops the dead container's writable layer: a crash loop does not fill the disk", async () => {
    const t = cluster();
    t.apply(podYaml("loop", "busybox:1.28", "", '    command: ["sh", "-c", "head -c 50000 /dev/zero > /junk; exit 1"]\n'));
    await t.pass(60_000);
    const early = t.c.quota.bytesUsed;
    const restarts = t.pod("loop")!.status!.containerStatuses![0]!.restartCount;
    await t.pass(3_600_000);
    expect(t.pod("loop")!.status!.containerStatuses![0]!.restartCount).toBeGreaterThan(restarts + 5);
    // At most the one live container's file more than before (not one per restart).
    expect(t.c.quota.bytesUsed).toBeLessThanOrEqual(early + 50_000 + 1024);
  });
});

describe("generation and observedGeneration (KEP-5067)", () => {
  const sleeper = '    command: ["sleep", "3600"]\n';

  it("1.34: generation 1 at create, bumped by a spec change and by graceful deletion; the kubelet reports what it saw", async () => {
    const t = cluster("1.34-containerd");
    t.apply(podYaml("g", "busybox:1.28", "", sleeper));
    await t.pass(3000);
    const observed = () => [t.pod("g")!.metadata.generation, t.pod("g")!.status!.observedGeneration, ...t.pod("g")!.status!.conditions!.map((c) => c.observedGeneration)];
    expect(observed()).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(t.pod("g")!.status!.containerStatuses![0]!.resources).toEqual({});
    t.apply(podYaml("g", "busybox:1.36", "", sleeper));
    expect(observed()).toEqual([2, 2, 2, 2, 2, 2, 2]);
    void t.c.deletePod(t.pod("g")!);
    expect(observed()).toEqual([3, 3, 3, 3, 3, 3, 3]);
  });

  it("1.34: a running container's status has its allocated cpu, memory and ephemeral-storage only", async () => {
    const t = cluster("1.34-containerd");
    t.apply(podYaml("r", "busybox:1.28", "", `${sleeper}    resources:\n      limits: {memory: 64Mi, nvidia.com/gpu: 1}\n      requests: {cpu: 50m}\n`));
    await t.pass(3000);
    expect(t.pod("r")!.status!.containerStatuses![0]!.resources).toEqual({ limits: { memory: "64Mi" }, requests: { cpu: "50m", memory: "64Mi" } });
  });

  it("1.29: no generation, no observedGeneration, no status resources", async () => {
    const t = cluster("1.29-docker");
    t.apply(podYaml("g", "busybox:1.28", "", sleeper));
    await t.pass(3000);
    const pod = t.pod("g")!;
    expect([pod.metadata.generation, pod.status!.observedGeneration, pod.status!.conditions!.some((c) => "observedGeneration" in c), pod.status!.containerStatuses![0]!.resources]).toEqual([undefined, undefined, false, undefined]);
  });
});

describe("admission and pull failures", () => {
  it("rejects a pod with an unsafe sysctl: Failed, the reason, no containers, no kubelet conditions (rejectPod)", async () => {
    const t = cluster("1.34-containerd");
    t.apply(podYaml("sy", "busybox:1.28", "  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: \"65536\"\n"));
    await t.pass(3000);
    const { startTime, ...status } = t.pod("sy")!.status!;
    expect(startTime).toBeDefined();
    expect(status).toEqual({ phase: "Failed", reason: "SysctlForbidden", message: 'Pod was rejected: forbidden sysctl: "kernel.msgmax" not allowlisted', qosClass: "BestEffort", observedGeneration: 1 });
    expect(t.reasons("sy")).toEqual(["Scheduled", "SysctlForbidden"]);
  });

  it.each([
    ["1.34-containerd", "nosuch/image:1", 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/nosuch/image:1": failed to resolve reference "docker.io/nosuch/image:1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
    ["1.34-containerd", "gcr.io/google-samples/node-hello:2.0", 'rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/google-samples/node-hello:2.0": failed to resolve reference "gcr.io/google-samples/node-hello:2.0": gcr.io/google-samples/node-hello:2.0: not found'],
    ["1.29-docker", "nosuch/image:1", "Error response from daemon: pull access denied for nosuch/image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"],
    ["1.29-docker", "gcr.io/google-samples/node-hello:2.0", "Error response from daemon: manifest for gcr.io/google-samples/node-hello:2.0 not found: manifest unknown: manifest unknown"],
  ] as const)("%s: pulling %s fails with the runtime's words", async (profile, image, message) => {
    const t = cluster(profile);
    t.apply(podYaml("p", image));
    await t.pass(1500);
    expect(t.pod("p")!.status!.containerStatuses![0]!.state.waiting).toEqual({ reason: "ErrImagePull", message });
  });
});
