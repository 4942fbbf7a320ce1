// `kubectl run -i/-t` and `kubectl attach` end to end, typed into a sandbox's terminal as
// `podlab run` does (virtual clock, 3 s think time): the pod is created, kubectl waits for it to
// run, the learner's terminal is bridged to the container's console (raw, as exec -it does) until
// its process exits; then kubectl's closing lines (reattach hint, --rm deletion, exit status).
// Wording: kubectl pkg/cmd/run/run.go and pkg/cmd/attach/attach.go of release-1.29 and 1.34.
//
// BusyBox ash redraws its prompt when the terminal is resized (libbb/lineedit.c win_changed ->
// cmdedit_setwidth -> redraw), and kubectl attach resizes the console on connecting (size+1, then
// size), so the screen shows "/ # " after the hint.

import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/kernel/clock.js";
import { settle } from "../core/replay.js";
import { Sandbox } from "../core/sandbox.js";
import { replay } from "../server/cli/run.js";
import { nodeHost } from "../server/host.js";
import { loadScenario } from "../server/scenarios.js";
import { Transcript } from "../server/transcript.js";

const START = Date.parse("2026-11-27T09:00:00Z");

async function screen(scenario: string, lines: string[]): Promise<string[]> {
  const { transcript } = await replay({ scenario, lines, thinkSeconds: 3, cols: 100, start: START });
  return transcript.split("\n");
}

const PROMPT = "learner@workstation:~$";
const HINT = "If you don't see a command prompt, try pressing enter.";
const RECORDED = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.";

describe("kubectl run -it", () => {
  it("attaches to the container's shell, ends when it exits, and the pod is Completed", async () => {
    expect(await screen("security-context", [
      "kubectl run -it bb --image=busybox:1.28 --restart=Never -- sh",
      "id",
      "exit",
      "echo $?",
      "kubectl get pod bb",
    ])).toEqual([
      `${PROMPT} kubectl run -it bb --image=busybox:1.28 --restart=Never -- sh`,
      HINT,
      "/ # id",
      "uid=0(root) gid=0(root) groups=10(wheel)",
      "/ # exit",
      `${PROMPT} echo $?`,
      "0",
      `${PROMPT} kubectl get pod bb`,
      "NAME   READY   STATUS      RESTARTS   AGE",
      "bb     0/1     Completed   0          14s",
      PROMPT,
      "",
    ]);
  });

  it("1.34 warns that the session is recorded in the container log, which holds the terminal's output", async () => {
    expect(await screen("security-context-1.34", [
      "kubectl run -it bb --image=busybox:1.28 --restart=Never -- sh",
      "id",
      "exit",
      "kubectl logs bb",
    ])).toEqual([
      `${PROMPT} kubectl run -it bb --image=busybox:1.28 --restart=Never -- sh`,
      RECORDED,
      HINT,
      "/ # id",
      "uid=0(root) gid=0(root) groups=0(root),10(wheel)",
      "/ # exit",
      `${PROMPT} kubectl logs bb`,
      "/ # id",
      "uid=0(root) gid=0(root) groups=0(root),10(wheel)",
      "/ # exit",
      PROMPT,
      "",
    ]);
  });

  for (const [scenario, groups, deleted] of [
    ["security-context", "groups=10(wheel)", 'pod "t" deleted'],
    ["security-context-1.34", "groups=0(root),10(wheel)", 'pod "t" deleted from default namespace'],
  ] as const) {
    it(`--rm with a command that is done before kubectl sees it run: its log, then the deletion (${scenario})`, async () => {
      expect(await screen(scenario, [
        "kubectl run t --rm -it --image=busybox:1.28 --restart=Never -- id",
        "kubectl get pod t",
      ])).toEqual([
        `${PROMPT} kubectl run t --rm -it --image=busybox:1.28 --restart=Never -- id`,
        `uid=0(root) gid=0(root) ${groups}`,
        deleted,
        `${PROMPT} kubectl get pod t`,
        'Error from server (NotFound): pods "t" not found',
        PROMPT,
      "",
      ]);
    });
  }

  it("a process that fails: the pod is deleted, then kubectl reports it and exits with its status", async () => {
    expect(await screen("security-context", [
      "kubectl run t --rm -it --image=busybox:1.28 --restart=Never -- sh -c 'exit 3'",
      "echo $?",
    ])).toEqual([
      `${PROMPT} kubectl run t --rm -it --image=busybox:1.28 --restart=Never -- sh -c 'exit 3'`,
      'pod "t" deleted',
      "pod default/t terminated (Error)",
      `${PROMPT} echo $?`,
      "3",
      PROMPT,
      "",
    ]);
  });

  it("restartPolicy Always: the session ends with the reattach hint, then --rm deletes the pod", async () => {
    expect(await screen("security-context", [
      "kubectl run a --rm -it --image=busybox:1.28 -- sh",
      "exit",
    ])).toEqual([
      `${PROMPT} kubectl run a --rm -it --image=busybox:1.28 -- sh`,
      HINT,
      "/ # exit",
      "Session ended, resume using 'kubectl attach a -c a -i -t' command when the pod is running",
      'pod "a" deleted',
      PROMPT,
      "",
    ]);
  });

  it("a pod that never runs: kubectl gives up after --pod-running-timeout (1m)", async () => {
    expect(await screen("security-context", [
      "kubectl run w --rm -it --image=nosuch:1 --restart=Never -- sh",
      "echo $?",
    ])).toEqual([
      `${PROMPT} kubectl run w --rm -it --image=nosuch:1 --restart=Never -- sh`,
      'pod "w" deleted',
      "error: timed out waiting for the condition",
      `${PROMPT} echo $?`,
      "1",
      PROMPT,
      "",
    ]);
  });

  it("flag errors: --rm without attaching, -t without -i, a bad restart policy, no --image, a zero timeout", async () => {
    expect(await screen("security-context", [
      "kubectl run x --rm --image=busybox:1.28",
      "kubectl run x -t --image=busybox:1.28",
      "kubectl run x --image=busybox:1.28 --restart=Sometimes",
      "kubectl run x --rm -it",
      "kubectl run x -it --image=busybox:1.28 --pod-running-timeout=0",
      "kubectl get pods",
    ])).toEqual([
      `${PROMPT} kubectl run x --rm --image=busybox:1.28`,
      "error: --rm should only be used for attached containers",
      "See 'kubectl run -h' for help and examples",
      `${PROMPT} kubectl run x -t --image=busybox:1.28`,
      "error: -i/--stdin is required for containers with -t/--tty=true",
      "See 'kubectl run -h' for help and examples",
      `${PROMPT} kubectl run x --image=busybox:1.28 --restart=Sometimes`,
      "error: invalid restart policy: Sometimes",
      "See 'kubectl run -h' for help and examples",
      `${PROMPT} kubectl run x --rm -it`,
      'error: required flag(s) "image" not set',
      `${PROMPT} kubectl run x -it --image=busybox:1.28 --pod-running-timeout=0`,
      "error: --pod-running-timeout must be higher than zero",
      "See 'kubectl run -h' for help and examples",
      `${PROMPT} kubectl get pods`,
      "No resources found in default namespace.",
      PROMPT,
      "",
    ]);
  });

  it("-i without -t: stdin is a pipe, the local terminal stays in line mode", async () => {
    expect(await screen("security-context", [
      "kubectl run s -i --image=busybox:1.28 --restart=Never -- sh",
      "echo from-stdin",
      "exit 4",
      "echo $?",
    ])).toEqual([
      `${PROMPT} kubectl run s -i --image=busybox:1.28 --restart=Never -- sh`,
      HINT,
      "echo from-stdin",
      "from-stdin",
      "exit 4",
      "pod default/s terminated (Error)",
      `${PROMPT} echo $?`,
      "4",
      PROMPT,
      "",
    ]);
  });
});

describe("kubectl attach", () => {
  it("joins the console of a running tty pod; its log holds the session", async () => {
    expect(await screen("security-context", [
      "kubectl run -it bb --image=busybox:1.28 -- sh",
      "exit",
      "kubectl attach bb -c bb -i -t",
      "hostname",
      "exit",
      "kubectl logs bb",
    ])).toEqual([
      `${PROMPT} kubectl run -it bb --image=busybox:1.28 -- sh`,
      HINT,
      "/ # exit",
      "Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running",
      `${PROMPT} kubectl attach bb -c bb -i -t`,
      HINT,
      "/ # hostname",
      "bb",
      "/ # exit",
      "Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running",
      `${PROMPT} kubectl logs bb`,
      "/ # hostname",
      "bb",
      "/ # exit",
      PROMPT,
      "",
    ]);
  });

  it("refuses pods that are gone, completed, or whose container is not running", async () => {
    expect(await screen("security-context", [
      "kubectl attach nope",
      "kubectl attach",
      "kubectl run done --image=busybox:1.28 --restart=Never -- true",
      "kubectl attach done -it",
      "kubectl run crash --image=busybox:1.28 -- sh -c 'exit 1'",
      "kubectl attach crash -it",
    ])).toEqual([
      `${PROMPT} kubectl attach nope`,
      'Error from server (NotFound): pods "nope" not found',
      `${PROMPT} kubectl attach`,
      "error: at least 1 argument is required for attach",
      `${PROMPT} kubectl run done --image=busybox:1.28 --restart=Never -- true`,
      "pod/done created",
      `${PROMPT} kubectl attach done -it`,
      "error: cannot attach a container in a completed pod; current phase is Succeeded",
      `${PROMPT} kubectl run crash --image=busybox:1.28 -- sh -c 'exit 1'`,
      "pod/crash created",
      `${PROMPT} kubectl attach crash -it`,
      "error: Unable to use a TTY - container crash did not allocate one",
      HINT,
      'error: unable to upgrade connection: container not found ("crash")',
      PROMPT,
      "",
    ]);
  });

  it("completes a pod name after attach", async () => {
    const scenario = loadScenario("security-context");
    const clock = new VirtualClock(START);
    const sandbox = new Sandbox({ profile: scenario.profile, clock, host: nodeHost, manifests: scenario.manifests });
    const out = new Transcript(80);
    sandbox.onOutput((t) => out.write(t));
    sandbox.start();
    const run = { clock, budgetMs: 10_000 };
    await settle(sandbox, nodeHost, run);
    sandbox.input("kubectl run bb --image=busybox:1.28 -- sleep 1h\r");
    await settle(sandbox, nodeHost, run);
    sandbox.input("kubectl attach b\t");
    await settle(sandbox, nodeHost, run);
    expect((await out.text()).split("\n").slice(-2, -1)).toEqual([`${PROMPT} kubectl attach bb`]);
    out.dispose();
  });
});
