// Watching one pod until a condition holds, as `kubectl run` and `kubectl attach` do
// (pkg/cmd/run waitForPod: watchtools.UntilWithSync on a field-selected list/watch, with the
// --pod-running-timeout deadline), with their conditions: podRunningAndReady, podCompleted,
// podSucceeded.

import { Cancelled } from "../kernel/cancellation.js";
import type { Timer } from "../kernel/clock.js";
import type { Pod } from "../kube/api/types.js";
import type { KubectlCall } from "./types.js";

/** What a condition makes of the pod as the watch shows it (undefined: deleted). */
export type Verdict =
  | { kind: "wait" }
  | { kind: "done"; completed?: boolean }
  | { kind: "error"; message: string }
  /** Look again at this time even if nothing changes. */
  | { kind: "recheck"; at: number };

export type Condition = (pod: Pod | undefined, now: number) => Verdict;

export type WaitResult = { ok: true; pod: Pod; completed: boolean } | { ok: false; message: string };

/** CheckErr's wording of wait.ErrWaitTimeout. */
export const TIMED_OUT = "error: timed out waiting for the condition";

/** podCompleted / podSucceeded on a Deleted event: errors.NewNotFound(pods, ""). */
const DELETED: Verdict = { kind: "error", message: `Error from server (NotFound): pods "" not found` };

/**
 * The kubelet's generic PLEG relists containers every second, and only then reports a started
 * one as running: a container whose process is done before the relist is reported terminated
 * without ever being running. podlab's kubelet publishes Running as the container starts, so a
 * client's view of it is confirmed a relist period after it first shows.
 */
export const PLEG_RELIST_MS = 1000;

/** podRunningAndReady: Running with Ready=True; ErrPodCompleted (completed) once it has ended. */
export function podRunningAndReady(): Condition {
  let seen: { at: number; instance: string } | undefined;
  return (pod, now) => {
    if (pod === undefined) return DELETED;
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return { kind: "done", completed: true };
    const ready = phase === "Running" && (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
    if (!ready) {
      seen = undefined;
      return { kind: "wait" };
    }
    const instance = (pod.status?.containerStatuses ?? []).map((s) => `${s.name}/${s.restartCount}/${s.state.running?.startedAt ?? ""}`).join(",");
    if (seen === undefined || seen.instance !== instance) seen = { at: now, instance };
    return now >= seen.at + PLEG_RELIST_MS ? { kind: "done" } : { kind: "recheck", at: seen.at + PLEG_RELIST_MS };
  };
}

export const podCompleted: Condition = (pod) => {
  if (pod === undefined) return DELETED;
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed" ? { kind: "done" } : { kind: "wait" };
};

export const podSucceeded: Condition = (pod) => {
  if (pod === undefined) return DELETED;
  return pod.status?.phase === "Succeeded" ? { kind: "done" } : { kind: "wait" };
};

/** Watches the pod until `condition` is done, fails, or `timeoutMs` of the cluster's clock pass. */
export function waitForPod(call: KubectlCall, namespace: string, name: string, timeoutMs: number, condition: Condition): Promise<WaitResult> {
  const store = call.cluster.store;
  const clock = call.cluster.node.kernel.baseClock;
  return new Promise<WaitResult>((resolve, reject) => {
    let recheck: Timer | undefined;
    let finished = false;
    const cleanup = () => {
      finished = true;
      off();
      deadline.cancel();
      recheck?.cancel();
      offCancel();
    };
    const check = () => {
      if (finished) return;
      const pod = store.getPod(namespace, name);
      const v = condition(pod, clock.now());
      if (v.kind === "done") {
        cleanup();
        resolve({ ok: true, pod: pod!, completed: v.completed === true });
      } else if (v.kind === "error") {
        cleanup();
        resolve({ ok: false, message: v.message });
      } else if (v.kind === "recheck") {
        recheck?.cancel();
        recheck = clock.at(v.at, check);
      }
    };
    const off = store.watch(check);
    const deadline = clock.at(clock.now() + timeoutMs, () => {
      if (finished) return;
      cleanup();
      resolve({ ok: false, message: TIMED_OUT });
    });
    const offCancel = call.ctx.proc.lifetime.onCancel((r) => {
      cleanup();
      reject(new Cancelled(r));
    });
    check();
  });
}
