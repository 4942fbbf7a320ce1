// A container's standard streams as the shim holds them: `stdin` gives PID 1 a pipe, `tty` a
// console (/dev/pts/0 of the container), the log keeps what the process wrote (with a terminal:
// the terminal's output), and CRI Attach joins a client to them; `stdinOnce` closes stdin when
// the first client with stdin leaves.

import { describe, expect, it } from "vitest";
import { programTable } from "../../commands/registry.js";
import { VirtualClock } from "../../kernel/clock.js";
import { advanceClock } from "../../replay.js";
import { hostScheduler } from "../../../test/helpers/world.js";
import { Cluster } from "../cluster.js";
import { PROFILES } from "../profiles.js";

function cluster(profile: keyof typeof PROFILES = "1.34-containerd") {
  const clock = new VirtualClock(Date.parse("2026-11-27T09:00:00Z"));
  const c = new Cluster({ profile: PROFILES[profile], clock, host: hostScheduler, programs: programTable });
  /** Lets processes run, then moves the clock on. */
  const pass = async (ms: number) => {
    for (let i = 0; i < 20; i++) await hostScheduler.yield();
    await advanceClock(clock, ms, hostScheduler);
    for (let i = 0; i < 20; i++) await hostScheduler.yield();
  };
  const apply = (name: string, container: string, restartPolicy = "Never") => {
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  restartPolicy: ${restartPolicy}\n  containers:\n  - name: c\n    image: busybox:1.28\n${container}`;
    const [r] = c.submit("pod.yaml", yaml, "apply", undefined);
    if (r?.kind !== "ok") throw new Error(r?.kind === "error" ? r.text : "nothing");
  };
  const pod = (name: string) => c.store.getPod("default", name)!;
  const runtime = (name: string) => c.kubelet.runtimeOf(pod(name))!.containers.get("c")!;
  const client = () => {
    const seen = { out: "", err: "" };
    return { seen, stdout: async (d: string) => void (seen.out += d), stderr: async (d: string) => void (seen.err += d) };
  };
  return { c, pass, apply, pod, runtime, client };
}

describe("container streams and attach", () => {
  it("without stdin or tty, PID 1 reads /dev/null and writes to the log", async () => {
    const t = cluster();
    t.apply("plain", '    command: ["sh", "-c", "cat; echo done"]\n');
    await t.pass(3000);
    expect(t.pod("plain").status?.phase).toBe("Succeeded");
    expect(t.runtime("plain").logs.lines.map((l) => l.text)).toEqual(["done\n"]);
  });

  it("stdin: a pipe from the shim; stdinOnce closes it when the first attached client leaves", async () => {
    const t = cluster();
    t.apply("once", '    command: ["cat"]\n    stdin: true\n    stdinOnce: true\n');
    await t.pass(3000);
    const c = t.runtime("once");
    expect(t.pod("once").status?.phase).toBe("Running");
    expect(c.init!.fds.get(0)?.description).toMatch(/^pipe:\[\d+\]$/);
    const client = t.client();
    const session = c.streams!.attach(client, true);
    expect(session.tty).toBe(false);
    session.input("hello\n");
    await t.pass(100);
    expect(client.seen.out).toBe("hello\n");
    expect(t.pod("once").status?.phase).toBe("Running");
    session.detach();
    await t.pass(1000);
    expect(t.pod("once").status?.phase).toBe("Succeeded");
    expect(t.runtime("once").logs.lines.map((l) => l.text)).toEqual(["hello\n"]);
  });

  it("stdin without stdinOnce stays open for the next client", async () => {
    const t = cluster();
    t.apply("open", '    command: ["cat"]\n    stdin: true\n');
    await t.pass(3000);
    const first = t.runtime("open").streams!.attach(t.client(), true);
    first.input("one\n");
    first.detach();
    await t.pass(1000);
    expect(t.pod("open").status?.phase).toBe("Running");
    const second = t.client();
    const session = t.runtime("open").streams!.attach(second, true);
    session.input("two\n");
    await t.pass(100);
    expect(second.seen.out).toBe("two\n");
    expect(t.runtime("open").logs.lines.map((l) => l.text)).toEqual(["one\n", "two\n"]);
  });

  it("tty: PID 1 runs on the container's /dev/pts/0, the log holds the terminal's output", async () => {
    const t = cluster();
    t.apply("term", '    command: ["sh"]\n    stdin: true\n    tty: true\n');
    await t.pass(3000);
    const c = t.runtime("term");
    expect(c.init!.fds.get(0)?.description).toBe("/dev/pts/0");
    expect(c.init!.tty?.name).toBe("pts/0");
    expect(c.init!.environ).toContain("TERM=xterm");
    const client = t.client();
    const session = c.streams!.attach(client, true);
    expect(session.tty).toBe(true);
    session.resize({ cols: 80, rows: 24 });
    session.input("echo hi\r");
    await t.pass(100);
    // The resize is a SIGWINCH: ash redraws the line it is editing (lineedit.c win_changed()).
    expect(client.seen.out).toBe("\r/ # \x1b[Jecho hi\r\nhi\r\n/ # ");
    session.input("exit\r");
    await t.pass(100);
    await session.done;
    expect(t.pod("term").status?.phase).toBe("Succeeded");
    expect(t.runtime("term").logs.lines.map((l) => l.text)).toEqual(["/ # \r/ # \x1b[Jecho hi\r\n", "hi\r\n", "/ # exit\r\n"]);
  });

  it("an exec into a container with a console gets the next pts", async () => {
    const t = cluster("1.29-docker");
    t.apply("both", '    command: ["sh"]\n    stdin: true\n    tty: true\n', "Always");
    await t.pass(3000);
    const c = t.runtime("both");
    const { execInContainer } = await import("./exec.js");
    let out = "";
    const started = execInContainer(t.c.kubelet.runtimeOf(t.pod("both"))!, c, {
      argv: ["sh", "-c", "echo /dev/pts/*"], tty: { cols: 80, rows: 24 }, stdin: undefined,
      stdout: { description: "stdout", write: async (d) => void (out += d) }, stderr: { description: "stderr", write: async () => {} },
    });
    if (!started.ok) throw new Error("exec failed");
    started.pty!.setOutput((d) => {
      out += d;
      started.pty!.drained(d.length);
    });
    await started.done;
    expect(started.pty!.name).toBe("pts/1");
    expect(out).toBe("/dev/pts/0 /dev/pts/1 /dev/pts/ptmx\r\n");
  });
});
