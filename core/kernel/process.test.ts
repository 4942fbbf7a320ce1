import { describe, expect, it } from "vitest";
import { EAGAIN, EPERM, ESRCH } from "./errno.js";
import { PidNamespace } from "./process.js";
import { SIGINT, SIGKILL, SIGTERM } from "./signal.js";
import { creds, makeContainer, makeNode } from "../../test/helpers/kernel.js";

describe("processes and signals", () => {
  it("gives pids in order, skipping the ones runtime helpers used", () => {
    const c = makeContainer(makeNode());
    expect(c.spawn(creds()).pid).toBe(1);
    c.pidns.burnPids(4);
    expect(c.spawn(creds()).pid).toBe(6);
  });

  it("kill: another user's process is EPERM, a missing one ESRCH", () => {
    const c = makeContainer(makeNode());
    const init = c.spawn(creds({ uid: 0 }), ["sleep"]);
    const user = c.spawn(creds({ uid: 1000 }));
    expect(c.pidns.kill(user, init.pid, SIGTERM)).toBe(EPERM);
    expect(c.pidns.kill(user, 99999, SIGTERM)).toBe(ESRCH);
  });

  it("PID 1 ignores signals without a handler from inside, SIGKILL included", () => {
    const c = makeContainer(makeNode());
    const init = c.spawn(creds({ uid: 1000 }), ["sleep", "1h"]);
    const sh = c.spawn(creds({ uid: 1000 }));
    expect(c.pidns.kill(sh, 1, SIGTERM)).toBeUndefined();
    expect(c.pidns.kill(sh, 1, SIGKILL)).toBeUndefined();
    expect(init.alive).toBe(true);
  });

  it("PID 1 runs its handler when it has one", () => {
    const c = makeContainer(makeNode());
    const init = c.spawn(creds());
    const got: number[] = [];
    init.handlers.set(SIGTERM, (s) => got.push(s));
    c.pidns.kill(c.spawn(creds()), 1, SIGTERM);
    expect(got).toEqual([SIGTERM]);
  });

  it("SIGKILL from outside kills PID 1 and then every process of the namespace", async () => {
    const c = makeContainer(makeNode());
    const init = c.spawn(creds());
    const sh = c.spawn(creds());
    c.pidns.kill(undefined, 1, SIGKILL);
    expect(await init.wait()).toEqual({ signal: SIGKILL });
    expect(await sh.wait()).toEqual({ signal: SIGKILL });
    expect(c.pidns.size).toBe(0);
  });

  it("the default action of SIGINT ends a process and cancels what it waits on", async () => {
    const c = makeContainer(makeNode());
    c.spawn(creds());
    const p = c.spawn(creds());
    const waiting = new Promise((_, reject) => p.lifetime.onCancel(reject));
    c.pidns.kill(p, p.pid, SIGINT);
    await expect(waiting).rejects.toMatchObject({ signal: SIGINT });
  });

  it("fork fails with EAGAIN at the pids limit", () => {
    const ns = new PidNamespace(32768, 3);
    const c = makeContainer(makeNode());
    const base = { creds: creds(), comm: "sh", argv: ["sh"], exe: "/bin/sh", environ: [], cwd: undefined as never, root: undefined as never, mnt: c.fs.mnt, uts: c.uts, umask: 0o22, ppid: 0, startTime: 0 };
    ns.spawn(base);
    ns.spawn(base);
    ns.spawn(base);
    expect(ns.spawn(base)).toBe(EAGAIN);
  });
});
