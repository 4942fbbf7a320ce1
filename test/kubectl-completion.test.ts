// Tab completion of kubectl on the workstation: bash asks `kubectl __complete` (cobra's protocol,
// installed like `kubectl completion bash`) and completes verbs, resource types, pod and namespace
// names; -f falls back to file names.

import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/kernel/clock.js";
import { settle } from "../core/replay.js";
import { Sandbox } from "../core/sandbox.js";
import { nodeHost } from "../server/host.js";
import { loadScenario } from "../server/scenarios.js";
import { Transcript } from "../server/transcript.js";

async function workstation() {
  const scenario = loadScenario("security-context");
  const clock = new VirtualClock(Date.parse("2026-11-27T09:00:00Z"));
  const sandbox = new Sandbox({ profile: scenario.profile, clock, host: nodeHost, manifests: scenario.manifests });
  const screen = new Transcript(80);
  sandbox.onOutput((t) => screen.write(t));
  sandbox.start();
  const run = { clock, budgetMs: 10_000 };
  await settle(sandbox, nodeHost, run);
  return {
    async keys(k: string): Promise<void> {
      sandbox.input(k);
      await settle(sandbox, nodeHost, run);
    },
    /** The last lines of the screen. */
    async tail(n: number): Promise<string[]> {
      return (await screen.text()).split("\n").slice(-n - 1, -1);
    },
  };
}

describe("kubectl completion on the workstation", () => {
  it("completes verbs, resource types and pod names, and lists choices on a second Tab", async () => {
    const w = await workstation();
    await w.keys("kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml\r");
    await w.keys("kubectl ge\t");
    expect(await w.tail(1)).toEqual(["learner@workstation:~$ kubectl get"]);
    await w.keys("\t");
    expect(await w.tail(3)).toEqual([
      "learner@workstation:~$ kubectl get",
      "events      namespaces  nodes       pods        services",
      "learner@workstation:~$ kubectl get",
    ]);
    await w.keys("po\t\t");
    expect(await w.tail(1)).toEqual(["learner@workstation:~$ kubectl get pods security-context-demo"]);
    await w.keys("\x15kubectl exec -it sec\t");
    expect(await w.tail(1)).toEqual(["learner@workstation:~$ kubectl exec -it security-context-demo"]);
  });

  it("completes namespaces after -n up to the common prefix, and file names after -f", async () => {
    const w = await workstation();
    await w.keys("kubectl get pods -n kube\t");
    expect(await w.tail(1)).toEqual(["learner@workstation:~$ kubectl get pods -n kube-"]);
    await w.keys("\t");
    expect(await w.tail(2)).toEqual(["kube-node-lease  kube-public      kube-system", "learner@workstation:~$ kubectl get pods -n kube-"]);
    await w.keys("\x15kubectl apply -f .bash\t");
    expect(await w.tail(1)).toEqual(["learner@workstation:~$ kubectl apply -f .bashrc"]);
  });
});
