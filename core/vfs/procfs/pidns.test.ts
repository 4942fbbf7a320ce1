// procfs over nested pid namespaces: a proc mount lists the processes of its namespace and of
// every namespace below it, under their pids there; status's NS* lines go from the mount's level
// down to the process's own; /proc/<pid>/ns links tell shared namespaces from new ones.

import { describe, expect, it } from "vitest";
import { FULL_SET } from "../../kernel/capability.js";
import { makeCredentials } from "../../kernel/credentials.js";
import { PidNamespace, Process, type ProcessInit } from "../../kernel/process.js";
import { busybox128 } from "../../images/busybox.js";
import { creds, makeNode } from "../../../test/helpers/kernel.js";
import { assembleContainerFs } from "../container-fs.js";
import { rootLocation } from "../path.js";
import { Quota } from "../quota.js";

const ROOT_ALL_CAPS = makeCredentials({ uid: 0, gid: 0, capBounding: FULL_SET, capPermitted: FULL_SET, capEffective: FULL_SET });

function world() {
  const node = makeNode();
  const root = new PidNamespace(32768, 32768, undefined, { lastPid: 27834 });
  const fsFor = (pidns: PidNamespace) =>
    assembleContainerFs({
      kernel: node.kernel, image: busybox128, quota: new Quota(), pidns, readOnlyRootFilesystem: false, privileged: false, unmaskedProc: false,
      mounts: [], overlayData: "lowerdir=/l,upperdir=/u,workdir=/w", cgroup: { pidsMax: "max", memoryMax: "max", cpuMax: "max 100000" },
    });
  const spawnIn = (pidns: PidNamespace, fs: ReturnType<typeof fsFor>, init: Partial<ProcessInit>) => {
    const loc = rootLocation(fs.mnt);
    const p = pidns.spawn({
      creds: creds({ uid: 0 }), comm: "sh", argv: ["sh"], exe: "/bin/sh", environ: ["HOME=/"], cwd: loc, root: loc, mnt: fs.mnt,
      uts: { hostname: "demo", domainname: "(none)" }, umask: 0o22, ppid: 0, startTime: node.kernel.now(), ...init,
    });
    if (!(p instanceof Process)) throw new Error(p.message);
    return p;
  };
  // The node: systemd (all capabilities) and a shim, seen through a hostPID container's /proc.
  const hostFs = fsFor(root);
  const systemd = root.adopt([1], {
    creds: ROOT_ALL_CAPS, comm: "systemd", argv: ["/sbin/init"], exe: "/usr/lib/systemd/systemd", environ: ["HOME=/", "TERM=linux"],
    cwd: rootLocation(hostFs.mnt), root: rootLocation(hostFs.mnt), mnt: hostFs.mnt, uts: { hostname: "node01", domainname: "(none)" }, umask: 0o22, ppid: 0, startTime: 0,
  });
  const shim = spawnIn(root, hostFs, { creds: ROOT_ALL_CAPS, comm: "containerd-shim", ppid: 1, parent: systemd });
  // An ordinary container: its own pid namespace under the node's.
  const ctr = new PidNamespace(32768, 32768, root, { inum: 4026532445 });
  const ctrFs = fsFor(ctr);
  const init = spawnIn(ctr, ctrFs, { comm: "sleep", argv: ["sleep", "1h"], parent: shim, creds: creds({ uid: 1000, gid: 3000 }) });
  ctr.burnPids(4);
  const sh = spawnIn(ctr, ctrFs, { parent: shim, creds: creds({ uid: 1000, gid: 3000 }) });
  // A hostPID container: the node's namespace, default capabilities.
  const hostSh = spawnIn(root, hostFs, { parent: shim, ppid: shim.pid });
  return { vfs: node.vfs, root, ctr, systemd, shim, init, sh, hostSh };
}

const nsLines = (text: string) => text.split("\n").filter((l) => /^(Tgid|Pid|PPid|NS\w+):/.test(l));

describe("procfs over nested pid namespaces", () => {
  it("lists every process in the node's /proc under node pids, and only the container's in its own", () => {
    const { vfs, sh, hostSh } = world();
    const pids = (p: Process) => vfs.readdir(p, "/proc").names.filter((n) => /^\d+$/.test(n));
    expect(pids(hostSh)).toEqual(["1", "27835", "27836", "27841", "27842"]);
    expect(pids(sh)).toEqual(["1", "6"]);
  });

  it("prints NSpid from the reader's level down", async () => {
    const { vfs, sh, hostSh } = world();
    expect(nsLines(await vfs.readFile(hostSh, "/proc/27841/status"))).toEqual([
      "Tgid:\t27841", "Pid:\t27841", "PPid:\t27835", "NStgid:\t27841\t6", "NSpid:\t27841\t6", "NSpgid:\t27841\t6", "NSsid:\t27841\t6",
    ]);
    expect(nsLines(await vfs.readFile(sh, "/proc/6/status"))).toEqual(["Tgid:\t6", "Pid:\t6", "PPid:\t0", "NStgid:\t6", "NSpid:\t6", "NSpgid:\t6", "NSsid:\t6"]);
    expect(nsLines(await vfs.readFile(hostSh, "/proc/1/status"))).toEqual(["Tgid:\t1", "Pid:\t1", "PPid:\t0", "NStgid:\t1", "NSpid:\t1", "NSpgid:\t1", "NSsid:\t1"]);
    expect((await vfs.readFile(hostSh, "/proc/27836/stat")).split(" ").slice(0, 6)).toEqual(["27836", "(sleep)", "S", "27835", "27836", "27836"]);
  });

  it("resolves /proc/self to the reader's pid in the mount's namespace", () => {
    const { vfs, sh, hostSh } = world();
    expect(vfs.readlink(sh, "/proc/self")).toBe("6");
    expect(vfs.readlink(hostSh, "/proc/self")).toBe("27842");
  });

  it("links /proc/<pid>/ns: a hostPID process shares the node's pid namespace, a container has its own", () => {
    const { vfs, hostSh, systemd } = world();
    expect(vfs.readlink(hostSh, "/proc/self/ns/pid")).toBe("pid:[4026531836]");
    // Another user's process: ptrace read access needs CAP_SYS_PTRACE (systemd has it).
    expect(() => vfs.readlink(hostSh, "/proc/27836/ns/pid")).toThrow("Permission denied");
    expect(vfs.readlink(systemd, "/proc/27836/ns/pid")).toBe("pid:[4026532445]");
    expect(vfs.readlink(systemd, "/proc/27836/ns/ipc")).toBe("ipc:[4026531839]");
    expect(vfs.readlink(systemd, "/proc/1/ns/uts")).toBe("uts:[4026531838]");
    expect(vfs.readdir(hostSh, "/proc/self/ns").names).toEqual(["net", "uts", "ipc", "pid", "pid_for_children", "user", "mnt", "cgroup", "time", "time_for_children"]);
  });

  it("refuses systemd's environ and links to root without its capabilities (cap_ptrace_access_check)", async () => {
    const { vfs, hostSh, sh, systemd } = world();
    expect(() => vfs.open(hostSh, "/proc/1/environ", { read: true })).toThrow("Permission denied");
    expect(() => vfs.readlink(hostSh, "/proc/1/ns/net")).toThrow("Permission denied");
    expect(() => vfs.readlink(hostSh, "/proc/1/cwd")).toThrow("Permission denied");
    expect(await vfs.readFile(systemd, "/proc/1/environ")).toBe("HOME=/\0TERM=linux\0");
    // Its status is for everyone; a container's own processes are its own.
    expect((await vfs.readFile(hostSh, "/proc/1/status")).split("\n")[0]).toBe("Name:\tsystemd");
    expect(await vfs.readFile(sh, "/proc/1/cmdline")).toBe("sleep\u00001h\u0000");
  });
});
