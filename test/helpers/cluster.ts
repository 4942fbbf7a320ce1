// A cluster on a virtual clock, for kubelet and kubectl behaviour tests: apply manifests, let time
// pass, read the pods back.

import { programTable } from "../../core/commands/registry.js";
import { VirtualClock } from "../../core/kernel/clock.js";
import { Cluster } from "../../core/kube/cluster.js";
import { PROFILES } from "../../core/kube/profiles.js";
import { advanceClock } from "../../core/replay.js";
import { hostScheduler } from "./world.js";

export type Profile = keyof typeof PROFILES;

export function testCluster(profile: Profile = "1.34-containerd", start = Date.parse("2026-11-27T09:00:00Z")) {
  const clock = new VirtualClock(start);
  const c = new Cluster({ profile: PROFILES[profile], clock, host: hostScheduler, programs: programTable });
  /** Moves the virtual clock on, running what becomes due. */
  const pass = (ms: number) => advanceClock(clock, ms, hostScheduler);
  /** `kubectl apply` of one manifest; throws with the apiserver's answer when it is refused. */
  const apply = (yaml: string) => {
    const [r] = c.submit("pod.yaml", yaml, "apply", undefined);
    if (r?.kind !== "ok") throw new Error(r?.kind === "error" ? r.text : "nothing");
  };
  const pod = (name: string) => c.store.getPod("default", name);
  return { c, clock, pass, apply, pod };
}
