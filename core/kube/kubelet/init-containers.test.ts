// Regular (non-sidecar) init containers on the virtual clock: run one at a time to completion
// before the app containers (kuberuntime computePodActions / findNextInitContainerToRun), the
// statuses and conditions the kubelet reports meanwhile (convertToAPIContainerStatuses,
// GeneratePodInitializedCondition, getPhase), failure under each restart policy, and the STATUS
// column kubectl shows for each stage (printPod).

import { describe, expect, it } from "vitest";
import { type Profile, testCluster } from "../../../test/helpers/cluster.js";
import { podCells } from "../../kubectl/printers/tables.js";
import { PROFILES } from "../profiles.js";

const START = Date.parse("2024-06-06T20:08:00Z");

function cluster(profile: Profile = "1.34-containerd") {
  const t = testCluster(profile, START);
  const { c, pass, apply } = t;
  const pod = (name: string) => t.pod(name)!;
  const minor = Number(PROFILES[profile].serverVersion.minor);
  /** READY, STATUS and RESTARTS of `kubectl get pods` (RESTARTS without its age). */
  const row = (name: string) => {
    const cells = podCells(pod(name), c.now(), minor);
    return [cells[1], cells[2], cells[3]!.replace(/ \(.*\)$/, "")].join(" ");
  };
  const reasons = (name: string) => c.store.eventsFor(pod(name).metadata.uid!).map((e) => `${e.reason} ${e.involvedObject.fieldPath ?? ""}`.trim());
  const condition = (name: string, type: string) => pod(name).status?.conditions?.find((x) => x.type === type);
  return { c, pass, apply, pod, row, reasons, condition };
}

const shared = `apiVersion: v1
kind: Pod
metadata:
  name: ini
spec:
  volumes:
  - name: work
    emptyDir: {}
  initContainers:
  - name: setup
    image: busybox:1.28
    command: [sh, -c, "echo init > /work/x; sleep 3"]
    volumeMounts:
    - name: work
      mountPath: /work
  containers:
  - name: app
    image: busybox:1.28
    command: [sh, -c, "cat /work/x; sleep 1h"]
    volumeMounts:
    - name: work
      mountPath: /work
`;

const failing = (policy: string) => `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  restartPolicy: ${policy}
  initContainers:
  - name: one
    image: busybox:1.28
    command: [sh, -c, "exit 0"]
  - name: two
    image: busybox:1.28
    command: [sh, -c, "echo no; exit 2"]
  containers:
  - name: app
    image: busybox:1.28
    command: [sleep, "3600"]
`;

describe.each(["1.34-containerd", "1.29-docker"] as const)("init containers (%s)", (profile) => {
  it("run to completion before the app container, which then sees what they wrote", async () => {
    const t = cluster(profile);
    t.apply(shared);
    const st = () => t.pod("ini").status!;
    expect(st().phase).toBe("Pending");
    expect(st().initContainerStatuses?.[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(st().containerStatuses?.[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(t.row("ini")).toBe("0/1 Init:0/1 0");
    expect(t.condition("ini", "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [setup]" });
    await t.pass(2500);
    // Running: started, not ready (prober manager UpdatePodStatus); the app still waits.
    expect(st().initContainerStatuses?.[0]).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(st().initContainerStatuses?.[0]?.state.running).toBeDefined();
    expect(st().containerStatuses?.[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(st().phase).toBe("Pending");
    expect(t.row("ini")).toBe("0/1 Init:0/1 0");
    // The init container's exit: Completed, ready; the app container not started yet.
    let sawInitializing = false;
    for (let i = 0; i < 40 && st().containerStatuses?.[0]?.state.running === undefined; i++) {
      await t.pass(100);
      if (t.row("ini") === "0/1 PodInitializing 0") sawInitializing = true;
    }
    expect(sawInitializing).toBe(true);
    expect(st().phase).toBe("Running");
    expect(t.row("ini")).toBe("1/1 Running 0");
    const init = st().initContainerStatuses![0]!;
    expect(init).toMatchObject({ name: "setup", ready: true, started: false, restartCount: 0 });
    expect(init.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(Date.parse(init.state.terminated!.finishedAt!) - Date.parse(init.state.terminated!.startedAt!)).toBe(3000);
    expect(t.condition("ini", "Initialized")).toMatchObject({ status: "True" });
    expect(t.condition("ini", "Initialized")?.reason).toBeUndefined();
    expect(t.condition("ini", "Initialized")?.message).toBeUndefined();
    expect(t.reasons("ini")).toEqual([
      "Scheduled", "Pulling spec.initContainers{setup}", "Pulled spec.initContainers{setup}", "Created spec.initContainers{setup}", "Started spec.initContainers{setup}",
      "Pulled spec.containers{app}", "Created spec.containers{app}", "Started spec.containers{app}",
    ]);
    const pr = t.c.kubelet.runtimeOf(t.pod("ini"))!;
    expect(pr.containers.get("app")!.logs.lines.map((l) => l.text).join("")).toBe("init\n");
    // The since-minor pruning applies to init statuses: user from 1.31, volumeMounts from 1.30.
    expect(init.user !== undefined).toBe(profile === "1.34-containerd");
    expect(init.volumeMounts !== undefined).toBe(profile === "1.34-containerd");
  });

  it("restartPolicy Never: a failed init container fails the pod; the app container never starts", async () => {
    const t = cluster(profile);
    t.apply(failing("Never"));
    await t.pass(5000);
    const st = t.pod("bad").status!;
    expect(st.phase).toBe("Failed");
    expect(st.initContainerStatuses?.map((s) => [s.name, s.ready, s.state.terminated?.exitCode, s.state.terminated?.reason])).toEqual([["one", true, 0, "Completed"], ["two", false, 2, "Error"]]);
    expect(st.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(t.condition("bad", "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [two]" });
    expect(t.row("bad")).toBe("0/1 Init:Error 0");
    expect(t.reasons("bad").filter((r) => r.includes("app"))).toEqual([]);
    await t.pass(60_000);
    expect(t.pod("bad").status!.initContainerStatuses![1]!.restartCount).toBe(0);
  });

  it("restartPolicy Always: a failed init container crash-loops with back-off, the pod stays Pending", async () => {
    const t = cluster(profile);
    t.apply(failing("Always"));
    await t.pass(4000);
    const two = () => t.pod("bad").status!.initContainerStatuses![1]!;
    expect(two().restartCount).toBe(1);
    expect(two().state.waiting?.reason).toBe("CrashLoopBackOff");
    expect(two().state.waiting?.message).toMatch(/^back-off 10s restarting failed container=two pod=bad_default\(/);
    expect(two().lastState.terminated).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(t.pod("bad").status!.phase).toBe("Pending");
    expect(t.row("bad")).toBe("0/1 Init:CrashLoopBackOff 1");
    await t.pass(30_000);
    expect(two().restartCount).toBe(3);
    expect(t.row("bad")).toBe("0/1 Init:CrashLoopBackOff 3");
    expect(t.reasons("bad")).toContain("BackOff spec.initContainers{two}");
    expect(t.pod("bad").status!.containerStatuses![0]!.state).toEqual({ waiting: { reason: "PodInitializing" } });
  });

  it("deleting a pod while an init container runs stops it and never starts the app", async () => {
    const t = cluster(profile);
    t.apply(shared.replace("sleep 3", "sleep 3600"));
    await t.pass(3000);
    void t.c.deletePod(t.pod("ini"), 0);
    await t.pass(3000);
    expect(t.c.store.getPod("default", "ini")).toBeUndefined();
  });
});

describe("printPod with init containers", () => {
  const base = {
    apiVersion: "v1", kind: "Pod", metadata: { name: "p", creationTimestamp: "2024-06-06T20:00:00Z" },
    spec: { initContainers: [{ name: "a" }, { name: "b" }], containers: [{ name: "c" }] },
  };
  const cs = (name: string, state: object, extra: object = {}) => ({ name, ready: false, restartCount: 0, image: "", imageID: "", state, lastState: {}, ...extra });
  const now = Date.parse("2024-06-06T20:10:00Z");
  const status = (init: object[], app: object[], initialized = false, phase = "Pending") => podCells({
    ...base, status: { phase, conditions: [{ type: "Initialized", status: initialized ? "True" : "False" }], initContainerStatuses: init, containerStatuses: app },
  } as never, now, 34).slice(1, 4);
  const done = cs("a", { terminated: { exitCode: 0, reason: "Completed" } });
  const waiting = cs("c", { waiting: { reason: "PodInitializing" } });

  it("names the first init container that has not succeeded", () => {
    expect(status([done, cs("b", { running: {} })], [waiting])).toEqual(["0/1", "Init:1/2", "0"]);
    expect(status([done, cs("b", { terminated: { exitCode: 3 } })], [waiting])).toEqual(["0/1", "Init:ExitCode:3", "0"]);
    expect(status([done, cs("b", { terminated: { exitCode: 137, signal: 9 } })], [waiting])).toEqual(["0/1", "Init:Signal:9", "0"]);
    expect(status([done, cs("b", { waiting: { reason: "ImagePullBackOff" } })], [waiting])).toEqual(["0/1", "Init:ImagePullBackOff", "0"]);
  });

  it("counts init restarts only while the pod initializes", () => {
    const lastState = { terminated: { exitCode: 1, reason: "Error", finishedAt: "2024-06-06T20:09:00Z" } };
    expect(status([cs("a", { waiting: { reason: "CrashLoopBackOff" } }, { restartCount: 2, lastState })], [waiting])).toEqual(["0/1", "Init:CrashLoopBackOff", "2 (60s ago)"]);
    const succeeded = cs("a", { terminated: { exitCode: 0, reason: "Completed" } }, { restartCount: 2, lastState });
    expect(status([succeeded, { ...done, name: "b" }], [waiting], true)).toEqual(["0/1", "PodInitializing", "0"]);
    expect(status([succeeded, { ...done, name: "b" }], [cs("c", { running: {} }, { ready: true })], true, "Running")).toEqual(["1/1", "Running", "0"]);
  });
});
