// Nested pid namespaces (kernel/pid.c alloc_pid, kernel/pid_namespace.c): a pid at every level,
// visibility from ancestors only, kill(2) across levels, and each namespace's init rules.

import { describe, expect, it } from "vitest";
import { creds } from "../../test/helpers/kernel.js";
import { EAGAIN, EPERM, ESRCH } from "./errno.js";
import { PidNamespace, PidsCgroup, Process, type ProcessInit } from "./process.js";
import { SIGKILL, SIGTERM } from "./signal.js";

const base = (extra: Partial<ProcessInit> = {}): ProcessInit => ({
  creds: creds({ uid: 0 }), comm: "sh", argv: ["sh"], exe: "/bin/sh", environ: [], cwd: undefined as never, root: undefined as never,
  mnt: undefined as never, uts: { hostname: "node01", domainname: "(none)" }, umask: 0o22, ppid: 0, startTime: 0, ...extra,
});

function spawn(ns: PidNamespace, extra: Partial<ProcessInit> = {}): Process {
  const p = ns.spawn(base(extra));
  if (!(p instanceof Process)) throw new Error(p.message);
  return p;
}

/** A node: the root namespace, a busy past (last pid 27834), systemd as PID 1. */
function node() {
  const root = new PidNamespace(32768, 32768, undefined, { lastPid: 27834 });
  const systemd = root.adopt([1], base({ comm: "systemd", argv: ["/sbin/init"] }));
  const shim = root.adopt([1843], base({ comm: "containerd-shim", ppid: 1 }));
  return { root, systemd, shim };
}

describe("nested pid namespaces", () => {
  it("gives a process a pid at every level: the container's own numbering, the node's after it", () => {
    const { root, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root, { inum: 4026532445 });
    const init = spawn(ctr, { parent: shim });
    ctr.burnPids(3); // runc init's threads take pids in both namespaces
    const sh = spawn(ctr, { parent: shim });
    expect([init.pid, init.pids]).toEqual([1, [27835, 1]]);
    expect([sh.pid, sh.pids]).toEqual([5, [27839, 5]]);
    expect([ctr.level, root.level]).toEqual([1, 0]);
    expect(spawn(root).pid).toBe(27840);
  });

  it("lists a namespace's processes and its descendants', each under its pid there", () => {
    const { root, shim } = node();
    const a = new PidNamespace(32768, 32768, root);
    const b = new PidNamespace(32768, 32768, root);
    const a1 = spawn(a, { parent: shim });
    const b1 = spawn(b, { parent: shim });
    const b2 = spawn(b, { parent: b1, ppid: 1 });
    expect(root.list().map((p) => p.pidIn(root))).toEqual([1, 1843, 27835, 27836, 27837]);
    expect(a.list()).toEqual([a1]);
    expect(b.list().map((p) => p.pidIn(b))).toEqual([1, 2]);
    expect([b2.pidIn(a), b2.pidIn(b), b2.pidIn(root)]).toEqual([0, 2, 27837]);
    expect(a.get(2)).toBeUndefined();
    expect(root.get(27837)).toBe(b2);
  });

  it("names the parent, process group and session in each namespace (0 where they are not seen)", () => {
    const { root, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root);
    const init = spawn(ctr, { parent: shim });
    const child = spawn(ctr, { parent: init, ppid: init.pid, pgid: init.pid, sid: init.pid });
    expect([init.ppid, init.ppidIn(ctr), init.ppidIn(root)]).toEqual([0, 0, 1843]);
    expect([child.ppidIn(ctr), child.ppidIn(root)]).toEqual([1, 27835]);
    expect([child.pgidIn(ctr), child.pgidIn(root), child.sidIn(root)]).toEqual([1, 27835, 27835]);
    expect(root.peek(1)?.ppidIn(root)).toBe(0);
  });

  it("kill: the node sees a container's processes by their node pids; a container cannot see the node's", () => {
    const { root, systemd, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root);
    const init = spawn(ctr, { parent: shim, creds: creds({ uid: 0 }) });
    const sh = spawn(ctr, { parent: shim });
    const hostSh = spawn(root, { parent: systemd, ppid: 1 });
    expect(ctr.kill(sh, 1843, SIGTERM)).toBe(ESRCH);
    expect(root.kill(hostSh, sh.pidIn(root), SIGTERM)).toBeUndefined();
    expect(sh.alive).toBe(false);
    expect(init.alive).toBe(true);
    const user = spawn(root, { creds: creds({ uid: 1000 }) });
    expect(root.kill(user, init.pidIn(root), SIGKILL)).toBe(EPERM);
  });

  it("keeps the init rules per namespace: a container's PID 1 ignores SIGTERM without a handler, SIGKILL from the node is forced", async () => {
    const { root, systemd, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root);
    const init = spawn(ctr, { parent: shim });
    const inside = spawn(ctr, { parent: shim });
    const nested = spawn(new PidNamespace(32768, 32768, ctr), { parent: inside });
    const host = spawn(root, { parent: systemd, ppid: 1 });
    expect(ctr.kill(inside, 1, SIGKILL)).toBeUndefined();
    expect(init.alive).toBe(true); // from inside: SIGNAL_UNKILLABLE
    expect(root.kill(host, init.pidIn(root), SIGTERM)).toBeUndefined();
    expect(init.alive).toBe(true); // from the node, but not SIGKILL
    expect(root.kill(host, 1, SIGKILL)).toBeUndefined();
    expect(systemd.alive).toBe(true); // the node's init, from its own namespace
    expect(root.kill(host, init.pidIn(root), SIGKILL)).toBeUndefined();
    expect(await init.wait()).toEqual({ signal: SIGKILL });
    // zap_pid_ns_processes: the namespace and the ones nested in it die with their init...
    expect([inside.alive, nested.alive]).toEqual([false, false]);
    expect(ctr.size).toBe(0);
    // ...and the node's table no longer has them.
    expect(root.list().map((p) => p.pidIn(root))).toEqual([1, 1843, host.pid]);
  });

  it("kill -1 from the node reaches every process it sees but its own init and itself", () => {
    const { root, systemd, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root);
    const init = spawn(ctr, { parent: shim });
    const sh = spawn(ctr, { parent: shim });
    const killer = spawn(root, { parent: systemd, ppid: 1 });
    expect(root.kill(killer, -1, SIGKILL)).toBeUndefined();
    expect([systemd.alive, killer.alive, shim.alive, init.alive, sh.alive]).toEqual([true, true, false, false, false]);
  });

  it("kill -1 in a container stays in the container", () => {
    const { root, shim } = node();
    const ctr = new PidNamespace(32768, 32768, root);
    const init = spawn(ctr, { parent: shim });
    const a = spawn(ctr, { parent: shim });
    const b = spawn(ctr, { parent: shim });
    expect(ctr.kill(a, -1, SIGKILL)).toBeUndefined();
    expect([init.alive, a.alive, b.alive, shim.alive]).toEqual([true, true, false, true]);
  });

  it("charges a cgroup: fork fails with EAGAIN at pids.max whatever the namespace", () => {
    const { root } = node();
    const cgroup = new PidsCgroup(2);
    const first = spawn(root, { cgroup });
    spawn(root, { cgroup });
    expect(root.spawn(base({ cgroup }))).toBe(EAGAIN);
    first.terminate({ status: 0 });
    expect(root.spawn(base({ cgroup }))).toBeInstanceOf(Process);
  });

  it("makes the boot processes only when looked at, counting them all along", () => {
    let made = 0;
    const root = new PidNamespace(32768, 32768, undefined, {
      lastPid: 500,
      boot: { count: 2, create: (ns) => { made++; ns.adopt([1], base({ comm: "systemd" })); ns.adopt([2], base({ comm: "kthreadd", kthread: true })); } },
    });
    const ctr = new PidNamespace(32768, 32768, root);
    spawn(ctr);
    expect([made, root.size, ctr.machineTasks]).toEqual([0, 3, 3]);
    expect(root.list().map((p) => p.comm)).toEqual(["systemd", "kthreadd", "sh"]);
    expect([made, root.size]).toEqual([1, 3]);
    expect(new PidNamespace(32768, 32768).machineTasks).toBeUndefined();
  });

  it("wraps at pid_max past the pids in use", () => {
    const root = new PidNamespace(400, 400, undefined, { lastPid: 398 });
    root.adopt([300], base());
    expect(spawn(root).pid).toBe(399);
    expect(spawn(root).pid).toBe(301);
  });
});
