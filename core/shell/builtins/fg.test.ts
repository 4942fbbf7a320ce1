// fg at a terminal: the job gets the terminal, so ^C reaches it and not the shell (ash.c and
// dash jobs.c restartjob(), waitforjob(): xtcsetpgrp(), then raise(SIGINT) when the job died of
// it). ^D ends an open here-document (checkend() at PEOF), as recorded with BusyBox 1.35 ash and
// dash 0.5.12 under script(1) on the host.

import { describe, expect, it } from "vitest";
import { busybox128 } from "../../images/busybox.js";
import { nodeHello } from "../../images/node-hello.js";
import { startSession } from "../../../test/helpers/world.js";

type Session = Awaited<ReturnType<typeof startSession>>;

const turn = () => new Promise<void>((r) => setImmediate(r));

async function until(cond: () => boolean, budgetMs = 3_000): Promise<void> {
  const start = performance.now();
  for (;;) {
    await turn();
    if (cond()) return;
    if (performance.now() - start > budgetMs) throw new Error("timed out");
  }
}

/** Sends keys, waits until the shell reads the terminal again; what the screen showed meanwhile. */
async function keys(s: Session, bytes: string): Promise<string> {
  const start = s.screen.length;
  s.pty.input(bytes);
  await turn();
  await until(() => s.pty.waitingReaders > 0 || !s.shell.alive);
  for (let i = 0; i < 3; i++) await turn();
  return s.screen.slice(start);
}

describe("fg", () => {
  it("ash: waits for the job in the foreground; ^C kills it, not the shell", async () => {
    const s = await startSession({ image: busybox128, as: { uid: 1000, gid: 3000 } });
    expect(await keys(s, "sleep 100 &\r")).toBe("sleep 100 &\n/ $ ");
    s.pty.input("fg\r");
    await until(() => s.screen.endsWith("fg\nsleep 100\n"));
    for (let i = 0; i < 5; i++) await turn();
    expect(s.pty.foregroundPgid).not.toBe(s.shell.pgid);
    expect(await keys(s, "\x03")).toBe("^C\n/ $ ");
    expect(await keys(s, "echo $?; jobs\r")).toBe("echo $?; jobs\n130\n/ $ ");
  });

  it("dash: the same with its own wording", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 0, gid: 0 } });
    await keys(s, "sleep 100 &\r");
    s.pty.input("fg %1\r");
    await until(() => s.screen.endsWith("fg %1\nsleep 100\n"));
    for (let i = 0; i < 5; i++) await turn();
    expect(await keys(s, "\x03")).toBe("^C\n# ");
    expect(await keys(s, "fg\r")).toBe("fg\nsh: 3: fg: No current job\n# ");
  });
});

describe("^D in a here-document", () => {
  it("ash ends the body there and runs the command", async () => {
    const s = await startSession({ image: busybox128, as: { uid: 1000, gid: 3000 } });
    await keys(s, "cat <<EOF\r");
    await keys(s, "hello\r");
    expect(await keys(s, "\x04")).toBe("hello\n/ $ ");
    expect(await keys(s, "echo after\r")).toBe("echo after\nafter\n/ $ ");
  });

  it("dash too", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 0, gid: 0 } });
    await keys(s, "cat <<EOF\r");
    await keys(s, "hello\r");
    expect(await keys(s, "\x04")).toBe("hello\n# ");
    expect(await keys(s, "echo after\r")).toBe("echo after\nafter\n# ");
  });
});
