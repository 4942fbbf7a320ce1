// The shells at a terminal: prompts, Ctrl-C and Ctrl-D, line editing keys, history, Tab
// completion, continuation prompts, pasted lines, a fork bomb, and output flow control. Host time
// matters here (Ctrl-C must stop an endless loop within 100 ms), so these tests drive the pty
// themselves instead of letting the virtual clock run ahead.

import headless from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { busybox128 } from "../core/images/busybox.js";
import { nodeHello } from "../core/images/node-hello.js";
import { Process } from "../core/kernel/process.js";
import { OUTPUT_HIGH_WATER } from "../core/kernel/tty.js";
import type { TreeNode } from "../core/vfs/tree-fs.js";
import { setVolumeOwnership } from "../core/vfs/volumes.js";
import { type SessionOptions, startSession } from "./helpers/world.js";

const { Terminal } = headless;

type Session = Awaited<ReturnType<typeof startSession>>;

const USER = { uid: 1000, gid: 3000, groups: [2000, 3000, 4000] };
const ROOT = { uid: 0, gid: 0 };

const turn = () => new Promise<void>((r) => setImmediate(r));
const sleepHost = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Host turns until `cond` holds; the host time it took. The virtual clock stays where it is. */
async function until(cond: () => boolean, budgetMs = 3_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    await turn();
    if (cond()) return performance.now() - start;
    if (performance.now() - start > budgetMs) throw new Error("timed out");
  }
}

/** The shell reads the terminal again (or has ended). */
const reading = (s: Session) => () => s.pty.waitingReaders > 0 || !s.shell.alive;

/** Sends keys and waits until the shell reads again; returns what the screen showed meanwhile. */
async function keys(s: Session, bytes: string): Promise<string> {
  const start = s.screen.length;
  s.pty.input(bytes);
  await turn();
  await until(reading(s));
  // Let the prompt (written after the last command) arrive.
  for (let i = 0; i < 3; i++) await turn();
  return s.screen.slice(start);
}

/** What a terminal shows for the whole session: the visible lines, trailing blanks dropped. */
async function rendered(s: Session, cols = 80): Promise<string[]> {
  const term = new Terminal({ cols, rows: 40, allowProposedApi: true });
  await new Promise<void>((r) => term.write(s.screen.replace(/\n/g, "\r\n"), r));
  const lines: string[] = [];
  // Visible text: what is written, without the blanks at the end of each row.
  for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)!.translateToString(true).replace(/ +$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  term.dispose();
  return lines;
}

/** The tutorial's pod: an emptyDir at /data/demo with fsGroup 2000. */
const dataVolume: SessionOptions["mounts"] = (node) => {
  const dir = node.disk.root().create("volume", { mode: 0o040777, uid: 0, gid: 0 }) as TreeNode;
  setVolumeOwnership(dir.inode, 2000, undefined, false, node.kernel.now());
  return [{ containerPath: "/data/demo", node: dir, readOnly: false, source: "/dev/sda1", fsRoot: "/volume" }];
};

describe("prompts (container-userland.md §7.1; dash: $ and #)", () => {
  it("ash as uid 1000 without a passwd entry: the path, never ~", async () => {
    const s = await startSession({ image: busybox128, as: USER, mounts: dataVolume });
    expect(s.screen).toBe("/ $ ");
    expect(await keys(s, "cd /data\r")).toBe("cd /data\n/data $ ");
    expect(await keys(s, "cd demo\r")).toBe("cd demo\n/data/demo $ ");
    expect(await keys(s, "cd /\r")).toBe("cd /\n/ $ ");
  });

  it("ash as root: # and ~ for /root", async () => {
    const s = await startSession({ image: busybox128, as: ROOT });
    expect(s.screen).toBe("/ # ");
    expect(await keys(s, "cd /root\r")).toBe("cd /root\n~ # ");
    expect(await keys(s, "cd /tmp\r")).toBe("cd /tmp\n/tmp # ");
  });

  it("ash as nobody: ~ for its passwd home /home", async () => {
    const s = await startSession({ image: busybox128, as: { uid: 65534, gid: 65534 } });
    expect(await keys(s, "cd /home\r")).toBe("cd /home\n~ $ ");
  });

  it("dash: $ for a user, # for root, whatever the directory", async () => {
    const user = await startSession({ image: nodeHello, as: { uid: 2000, gid: 2000 }, init: ["/bin/sh", "-c", "node server.js"] });
    expect(user.screen).toBe("$ ");
    expect(await keys(user, "cd /tmp\r")).toBe("cd /tmp\n$ ");
    const root = await startSession({ image: nodeHello, as: ROOT, init: ["/bin/sh", "-c", "node server.js"] });
    expect(root.screen).toBe("# ");
  });
});

describe("Ctrl-C", () => {
  it("stops sleep 100 within 100 ms, then the prompt and $? = 130", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    s.pty.input("sleep 100\r");
    await sleepHost(30);
    expect(s.screen).toBe("/ $ sleep 100\n");
    s.pty.input("\x03");
    const ms = await until(() => s.screen.endsWith("/ $ ") && s.pty.waitingReaders > 0);
    expect(ms).toBeLessThan(100);
    expect(s.screen).toBe("/ $ sleep 100\n^C\n/ $ ");
    expect(await keys(s, "echo $?\r")).toBe("echo $?\n130\n/ $ ");
  });

  it("stops `while true; do :; done` within 100 ms", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    s.pty.input("while true; do :; done\r");
    await sleepHost(50);
    expect(s.pty.waitingReaders).toBe(0);
    s.pty.input("\x03");
    const ms = await until(() => s.screen.endsWith("/ $ ") && s.pty.waitingReaders > 0);
    expect(ms).toBeLessThan(100);
    expect(s.screen).toBe("/ $ while true; do :; done\n^C\n/ $ ");
    expect(await keys(s, "echo $?\r")).toBe("echo $?\n130\n/ $ ");
  });

  it("stops `yes` and `while true; do echo y; done` within 100 ms", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    for (const cmd of ["yes", "while true; do echo y; done"]) {
      s.clear();
      s.pty.input(`${cmd}\r`);
      await sleepHost(50);
      expect(s.screen.startsWith(`${cmd}\ny\ny\ny\n`)).toBe(true);
      s.pty.input("\x03");
      const ms = await until(() => s.screen.endsWith("/ $ ") && s.pty.waitingReaders > 0);
      expect(ms).toBeLessThan(100);
      expect(s.screen.endsWith("\ny\n^C\n/ $ ")).toBe(true);
    }
  });

  it("on a line being edited: ^C, a new prompt, $? = 130 (ash preadfd())", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "echo partial\x03")).toBe("echo partial^C\n/ $ ");
    expect(await keys(s, "echo $?\r")).toBe("echo $?\n130\n/ $ ");
  });

  it("ash 1.28 at a PS2 prompt: ^C drops the line, the quote stays open", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "echo 'open\r")).toBe("echo 'open\n> ");
    expect(await keys(s, "typo\x03")).toBe("typo^C\n> ");
    expect(await keys(s, "closed'\r")).toBe("closed'\nopen\nclosed\n/ $ ");
  });

  it("dash: ^C while reading drops the command and shows PS1; $? is kept (0.5.7 onint())", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 2000, gid: 2000 } });
    expect(await keys(s, "false\r")).toBe("false\n$ ");
    expect(await keys(s, "echo 'open\r")).toBe("echo 'open\n> ");
    expect(await keys(s, "\x03")).toBe("^C\n$ ");
    expect(await keys(s, "echo $?\r")).toBe("echo $?\n1\n$ ");
    s.pty.input("sleep 100\r");
    await sleepHost(20);
    s.pty.input("\x03");
    await until(() => s.screen.endsWith("^C\n$ ") && s.pty.waitingReaders > 0);
    expect(await keys(s, "echo $?\r")).toBe("echo $?\n130\n$ ");
  });

  it("a `read` at the prompt is interrupted too", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    s.pty.input("read x; echo never\r");
    await sleepHost(20);
    s.pty.input("\x03");
    await until(() => s.screen.endsWith("/ $ ") && s.pty.waitingReaders > 0);
    expect(s.screen).toBe("/ $ read x; echo never\n^C\n/ $ ");
  });
});

describe("Ctrl-D", () => {
  it("on an empty line ends the shell quietly (ash 1.28) with the last status", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "false\r")).toBe("false\n/ $ ");
    await keys(s, "\x04");
    expect(s.shell.alive).toBe(false);
    expect(s.screen).toBe("/ $ false\n/ $ ");
    expect(await s.done).toEqual({ status: 1 });
  });

  it("inside a command: the parser's error, and the shell goes on", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "if true; then\r")).toBe("if true; then\n> ");
    expect(await keys(s, "\x04")).toBe("sh: syntax error: unexpected end of file (expecting \"fi\")\n/ $ ");
    expect(s.shell.alive).toBe(true);
  });

  it("dash: ^D on an empty line ends it", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 2000, gid: 2000 } });
    await keys(s, "\x04");
    expect(s.shell.alive).toBe(false);
  });
});

describe("line editing (BusyBox lineedit)", () => {
  it("backspace, ^W and ^U change what runs and what the screen shows", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "echo abcd\x7f\x7fx\r")).toContain("\nabx\n/ $ ");
    await keys(s, "echo one two\x17three\r");
    await keys(s, "rm -rf /nothing\x15echo cleared\r");
    expect(await rendered(s)).toEqual([
      "/ $ echo abx",
      "abx",
      "/ $ echo one three",
      "one three",
      "/ $ echo cleared",
      "cleared",
      "/ $",
    ]);
  });

  it("arrow keys: history up and down, cursor left and right", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    await keys(s, "echo first\r");
    await keys(s, "echo second\r");
    expect((await keys(s, "\x1b[A\x1b[A\r")).endsWith("\nfirst\n/ $ ")).toBe(true);
    expect((await keys(s, "\x1b[A\x1b[A\x1b[B\r")).endsWith("\nfirst\n/ $ ")).toBe(true);
    expect((await keys(s, "echo ac\x1b[Db\r")).endsWith("\nabc\n/ $ ")).toBe(true);
    const lines = await rendered(s);
    expect(lines.slice(-4)).toEqual(["first", "/ $ echo abc", "abc", "/ $"]);
  });

  it("Tab completes commands and paths; a second Tab lists the choices", async () => {
    const s = await startSession({ image: busybox128, as: ROOT });
    expect((await keys(s, "ech\t hi\r")).endsWith("\nhi\n/ # ")).toBe(true);
    expect(await keys(s, "cd /et\t\r")).toBe("cd /etc/\n/etc # ");
    await keys(s, "cd /\r");
    s.clear();
    await keys(s, "ls -d /et\t\r");
    expect(await rendered(s)).toEqual(["ls -d /etc/", "/etc/", "/ #"]);
    // Two matches: the common part first, then (second Tab) the names in columns (showfiles()).
    await keys(s, "mkdir /tmp/t; touch /tmp/t/alpha1 /tmp/t/alpha2 /tmp/t/beta\r");
    s.clear();
    s.pty.input("ls /tmp/t/a\t");
    await until(() => s.screen.endsWith("\x07lpha"));
    s.pty.input("\t");
    await until(() => s.screen.includes("alpha2"));
    await keys(s, "1\r");
    expect(await rendered(s)).toEqual(["ls /tmp/t/alpha", "alpha1  alpha2", "/ # ls /tmp/t/alpha1", "/tmp/t/alpha1", "/ #"]);
  });

  it("PS2 `> ` for open quotes and here-documents", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, "echo \"a\r")).toBe("echo \"a\n> ");
    expect(await keys(s, "b\"\r")).toBe("b\"\na\nb\n/ $ ");
    expect(await keys(s, "cat <<EOF\r")).toBe("cat <<EOF\n> ");
    expect(await keys(s, "line $((1+1))\r")).toBe("line $((1+1))\n> ");
    expect(await keys(s, "EOF\r")).toBe("EOF\nline 2\n/ $ ");
    expect(await keys(s, "for i in 1 2\r")).toBe("for i in 1 2\n> ");
    expect(await keys(s, "do echo $i; done\r")).toBe("do echo $i; done\n1\n2\n/ $ ");
  });

  it("a pasted block runs line by line, each after the previous finished", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    // The paste arrives while the line editor has echo off: `read` gets its line from the
    // terminal's buffer, and nothing echoes it (n_tty keeps what came in without ECHO unechoed).
    expect(await keys(s, "echo one\recho two\rread x\rtyped for read\recho \"x=$x\"\r")).toBe(
      "echo one\none\n/ $ echo two\ntwo\n/ $ read x\n/ $ echo \"x=$x\"\nx=typed for read\n/ $ ",
    );
  });
});

describe("a fork bomb", () => {
  it("ash refuses :(){ :|:& };: — `:` is a special builtin, not a function name", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    expect(await keys(s, ":(){ :|:& };:\r")).toBe(":(){ :|:& };:\nsh: syntax error: bad function name\n/ $ ");
  });

  /** Checks every 20 ms of host time until `cond` holds. */
  async function watch(cond: () => boolean, budgetMs = 40_000): Promise<void> {
    const start = performance.now();
    while (!cond()) {
      if (performance.now() - start > budgetMs) throw new Error("timed out");
      await sleepHost(20);
    }
  }
  const CANT_FORK = "sh: can't fork: Resource temporarily unavailable\n";

  /** Counts, from now on, the most processes the pod had and the forks refused (EAGAIN). */
  function countForks(s: Session): { most: number; refused: number } {
    const ns = s.container.pidns;
    const seen = { most: ns.size, refused: 0 };
    const spawn = ns.spawn.bind(ns);
    ns.spawn = (init) => {
      const r = spawn(init);
      if (r instanceof Process) seen.most = Math.max(seen.most, ns.size);
      else seen.refused++;
      return r;
    };
    return seen;
  }

  it("f(){ f|f& }; f in the background hits the pids limit; the shell answers; kill -9 -1 recovers", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    const forks = countForks(s);
    await keys(s, "f(){ f|f& }; f\r");
    await watch(() => s.screen.includes(CANT_FORK) && s.container.pidns.size > 100);
    // The pids limit of the test pod is 1024 (test/helpers/kernel.ts makeContainer()).
    expect(forks.most).toBe(1024);
    expect(forks.refused).toBeGreaterThan(0);
    s.pty.input("kill -9 -1\r");
    await watch(() => s.container.pidns.size === 2 && s.pty.waitingReaders > 0);
    s.clear();
    expect(await keys(s, "echo still here\r")).toMatch(/^echo still here\nstill here\n(\[\d+\][+-]? .*\n)*\/ \$ $/);
    expect(s.container.pidns.list().map((p) => p.comm)).toEqual(["sleep", "sh"]);
  }, 60_000);

  it("f(){ f|f; }; f in the foreground: the limit is hit, Ctrl-C (or the errors) end it", async () => {
    const s = await startSession({ image: busybox128, as: USER });
    const forks = countForks(s);
    s.pty.input("f(){ f|f; }; f\r");
    await watch(() => s.screen.includes(CANT_FORK));
    s.pty.input("\x03");
    await watch(() => s.container.pidns.size === 2 && s.screen.endsWith("/ $ ") && s.pty.waitingReaders > 0);
    expect(forks.most).toBe(1024);
    expect(await keys(s, "echo recovered\r")).toBe("echo recovered\nrecovered\n/ $ ");
  }, 60_000);
});

describe("output flow control", () => {
  for (const cmd of ["while true; do echo \"$long\"; done", "yes \"$long\""]) {
    it(`\`${cmd}\` waits when nobody reads the terminal; memory stays bounded`, async () => {
      const s = await startSession({ image: busybox128, as: USER });
      await keys(s, `long=${"x".repeat(999)}\r`);
      let shown = 0;
      s.pty.setOutput((bytes) => {
        shown += bytes.length;
      });
      s.pty.input(`${cmd}\r`);
      await until(() => s.pty.outputBacklog > OUTPUT_HIGH_WATER);
      await sleepHost(50);
      const backlog = s.pty.outputBacklog;
      // Writers wait above the high-water mark: at most one more line got through.
      expect(backlog).toBeLessThanOrEqual(OUTPUT_HIGH_WATER + 1002 + 2 * cmd.length);
      await sleepHost(50);
      expect(s.pty.outputBacklog).toBe(backlog);
      expect(shown).toBe(backlog);
      // The screen catches up; Ctrl-C then stops the loop and the prompt comes back.
      s.pty.setOutput((bytes) => {
        shown += bytes.length;
        s.pty.drained(bytes.length);
      });
      s.pty.input("\x03");
      s.pty.drained(backlog);
      await until(() => s.pty.waitingReaders > 0);
      expect(s.pty.outputBacklog).toBe(0);
      expect(s.shell.alive).toBe(true);
    });
  }
});
