// What a pod's containers see of the kubelet's and the runtime's work: memory-backed volumes, the
// service-account volume with fsGroup, a privileged container's /dev and cgroup mount, the cgroup
// namespace root, PID 1's stdio and /proc/<pid>. One named rule per case.

import { describe, expect, it } from "vitest";
import { type Profile, testCluster } from "../../../test/helpers/cluster.js";
import { SyscallError } from "../../kernel/errno.js";
import type { Process } from "../../kernel/process.js";

const START = Date.parse("2026-11-27T09:00:00Z");

async function podWith(spec: string, container = "", profile: Profile = "1.34-containerd") {
  const { c, pass, apply } = testCluster(profile, START);
  apply(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${spec}  containers:
  - name: c
    image: busybox:1.28
    command: ["sh", "-c", "sleep 1h"]
${container}`);
  await pass(5000);
  const pr = c.kubelet.runtimeOf(c.store.getPod("default", "p")!)!;
  const init: Process = pr.containers.get("c")!.init!;
  const vfs = c.node.vfs;
  const stat = (path: string) => vfs.lstat(init, path);
  const mountOf = (path: string) => init.mnt.at(path)!;
  const read = (path: string) => vfs.readFile(init, path);
  const errno = async (f: () => unknown) => {
    try {
      await f();
      return "ok";
    } catch (err) {
      if (err instanceof SyscallError) return err.errno.name;
      throw err;
    }
  };
  return { c, pr, init, vfs, stat, mountOf, read, errno };
}

const volumes = (v: string) => `  volumes:\n${v}`;
const mountAt = (name: string, path: string) => `    volumeMounts:\n    - name: ${name}\n      mountPath: ${path}\n`;
const SA = "/var/run/secrets/kubernetes.io/serviceaccount";

describe("emptyDir medium: Memory", () => {
  const cases: { name: string; spec: string; container?: string; profile?: Profile; want: { mode: number; gid: number; data: string } }[] = [
    { name: "shmem_init_fs_context: a tmpfs root is 01777 before any ownership change", spec: volumes("  - name: m\n    emptyDir:\n      medium: Memory\n"),
      want: { mode: 0o041777, gid: 0, data: "size=3902892k,inode64,noswap" } },
    { name: "SetVolumeOwnership: fsGroup ORs 02770 into the 01777 root (drwxrwsrwt)", spec: `  securityContext:\n    fsGroup: 2000\n${volumes("  - name: m\n    emptyDir:\n      medium: Memory\n")}`,
      want: { mode: 0o043777, gid: 2000, data: "size=3902892k,inode64,noswap" } },
    { name: "calculateEmptyDirMemorySize: a smaller sizeLimit sizes the tmpfs", spec: volumes("  - name: m\n    emptyDir:\n      medium: Memory\n      sizeLimit: 64Mi\n"),
      want: { mode: 0o041777, gid: 0, data: "size=65536k,inode64,noswap" } },
    { name: "calculateEmptyDirMemorySize: the pod's memory limit caps the tmpfs", spec: volumes("  - name: m\n    emptyDir:\n      medium: Memory\n"),
      container: "    resources:\n      limits:\n        memory: 128Mi\n", want: { mode: 0o041777, gid: 0, data: "size=131072k,inode64,noswap" } },
    { name: "generateTmpfsMountOptions: no noswap before kubelet 1.30 and kernel 6.4", spec: volumes("  - name: m\n    emptyDir:\n      medium: Memory\n"), profile: "1.29-docker",
      want: { mode: 0o041777, gid: 0, data: "size=3902892k,inode64" } },
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, t) => {
    const p = await podWith(t.spec, mountAt("m", "/m") + (t.container ?? ""), t.profile);
    expect(p.stat("/m")).toMatchObject({ mode: t.want.mode, uid: 0, gid: t.want.gid, size: 40 });
    expect({ type: p.mountOf("/m").fs.type, data: p.mountOf("/m").data }).toEqual({ type: "tmpfs", data: t.want.data });
  });
});

describe("the service-account volume (projected.go SetUpAt, AtomicWriter, SetVolumeOwnership read-only)", () => {
  const layout = (p: Awaited<ReturnType<typeof podWith>>) => {
    const data = p.vfs.readlink(p.init, `${SA}/..data`);
    const of = (path: string) => {
      const a = p.stat(path);
      return `${(a.mode & 0o177777).toString(8)} ${a.uid}:${a.gid}`;
    };
    return {
      root: of(SA), dataDir: of(`${SA}/${data}`), dataLink: of(`${SA}/..data`), tokenLink: of(`${SA}/token`),
      token: of(`${SA}/${data}/token`), ca: of(`${SA}/${data}/ca.crt`), namespace: of(`${SA}/${data}/namespace`),
    };
  };
  const cases: { name: string; spec: string; want: ReturnType<typeof layout> }[] = [
    { name: "no fsGroup, no runAsUser: defaultMode 0644 everywhere, root:root", spec: "",
      want: { root: "41777 0:0", dataDir: "40755 0:0", dataLink: "120777 0:0", tokenLink: "120777 0:0", token: "100644 0:0", ca: "100644 0:0", namespace: "100644 0:0" } },
    { name: "fsGroup: the token is 0600 and SetVolumeOwnership makes it 0640; directories get setgid", spec: "  securityContext:\n    fsGroup: 2000\n",
      want: { root: "43777 0:2000", dataDir: "42755 0:2000", dataLink: "120777 0:2000", tokenLink: "120777 0:2000", token: "100640 0:2000", ca: "100644 0:2000", namespace: "100644 0:2000" } },
    { name: "fsGroup and a pod runAsUser: FsUserFrom() owns the token (the tutorial's pod)", spec: "  securityContext:\n    runAsUser: 1000\n    runAsGroup: 3000\n    fsGroup: 2000\n",
      want: { root: "43777 0:2000", dataDir: "42755 0:2000", dataLink: "120777 0:2000", tokenLink: "120777 0:2000", token: "100640 1000:2000", ca: "100644 0:2000", namespace: "100644 0:2000" } },
    { name: "runAsUser without fsGroup: the token is 0600 and its owner's alone", spec: "  securityContext:\n    runAsUser: 1000\n",
      want: { root: "41777 0:0", dataDir: "40755 0:0", dataLink: "120777 0:0", tokenLink: "120777 0:0", token: "100600 1000:0", ca: "100644 0:0", namespace: "100644 0:0" } },
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, t) => {
    const p = await podWith(t.spec);
    expect(layout(p)).toEqual(t.want);
    expect({ readOnly: p.mountOf(SA).readOnly, data: p.mountOf(SA).data }).toEqual({ readOnly: true, data: "size=3902892k,inode64,noswap" });
  });

  it("FsUserFrom(): containers that disagree on runAsUser leave the token root's; fsGroup still lets them read it", async () => {
    const init = "  initContainers:\n  - name: i\n    image: busybox:1.28\n    command: [\"true\"]\n    securityContext:\n      runAsUser: 2000\n";
    const p = await podWith(`  securityContext:\n    runAsUser: 1000\n    fsGroup: 2000\n${init}`);
    expect(p.stat(`${SA}/token`)).toMatchObject({ uid: 0, gid: 2000 });
    expect(p.stat(`${SA}/..data/token`)).toMatchObject({ mode: 0o100640, uid: 0, gid: 2000 });
    expect(p.init.creds.euid).toBe(1000);
    expect((await p.read(`${SA}/token`)).startsWith("eyJ")).toBe(true);
  });
});

describe("privileged containers (oci.WithPrivileged, WithHostDevices)", () => {
  it("WithWriteableCgroupfs/WithWriteableSysfs: /sys and /sys/fs/cgroup are mounted rw; unprivileged ones ro", async () => {
    const priv = await podWith("", "    securityContext:\n      privileged: true\n");
    const plain = await podWith("");
    const opts = (p: typeof priv, path: string) => p.mountOf(path).mountOptions;
    expect([opts(priv, "/sys"), opts(priv, "/sys/fs/cgroup")]).toEqual(["rw,nosuid,nodev,noexec,relatime", "rw,nosuid,nodev,noexec,relatime"]);
    expect([opts(plain, "/sys"), opts(plain, "/sys/fs/cgroup")]).toEqual(["ro,nosuid,nodev,noexec,relatime", "ro,nosuid,nodev,noexec,relatime"]);
    // The cgroup2 superblock is the node's, rw: only the unprivileged mount is read-only.
    expect(plain.mountOf("/sys/fs/cgroup").sbReadOnly).toBe(false);
  });

  const devices: { name: string; path: string; want: { mode: number; gid: number; rdev: number } | "ENOENT" }[] = [
    { name: "getDevices(): the node's disk, a block device of group disk", path: "/dev/sda", want: { mode: 0o060660, gid: 6, rdev: (8 << 8) | 0 } },
    { name: "getDevices(): a partition", path: "/dev/sda1", want: { mode: 0o060660, gid: 6, rdev: (8 << 8) | 1 } },
    { name: "getDevices(): loop devices", path: "/dev/loop7", want: { mode: 0o060660, gid: 6, rdev: (7 << 8) | 7 } },
    { name: "getDevices(): subdirectories are walked (net/tun)", path: "/dev/net/tun", want: { mode: 0o020666, gid: 0, rdev: (10 << 8) | 200 } },
    { name: "getDevices(): /dev/kmsg", path: "/dev/kmsg", want: { mode: 0o020644, gid: 0, rdev: (1 << 8) | 11 } },
    { name: "getDevices(): /dev/mem belongs to kmem", path: "/dev/mem", want: { mode: 0o020640, gid: 15, rdev: (1 << 8) | 1 } },
    { name: "createDevices(): the host's /dev/tty replaces the default (group tty)", path: "/dev/tty", want: { mode: 0o020666, gid: 5, rdev: (5 << 8) | 0 } },
    { name: "getDevices(): virtual consoles", path: "/dev/tty63", want: { mode: 0o020620, gid: 5, rdev: (4 << 8) | 63 } },
    { name: "getDevices(): console is skipped", path: "/dev/console", want: "ENOENT" },
  ];
  it.each(devices.map((c) => [c.name, c] as const))("%s", async (_name, t) => {
    const p = await podWith("", "    securityContext:\n      privileged: true\n");
    if (t.want === "ENOENT") expect(await p.errno(() => p.stat(t.path))).toBe("ENOENT");
    else expect(p.stat(t.path)).toMatchObject({ ...t.want, uid: 0 });
  });

  it("an unprivileged container keeps the 16 default /dev entries", async () => {
    const p = await podWith("");
    expect(p.vfs.readdir(p.init, "/dev").names.length).toBe(16);
    expect(await p.errno(() => p.stat("/dev/sda"))).toBe("ENOENT");
    // ptmx stays runc's symlink into the container's devpts, host devices or not.
    const priv = await podWith("", "    securityContext:\n      privileged: true\n");
    expect(priv.vfs.readlink(priv.init, "/dev/ptmx")).toBe("pts/ptmx");
  });
});

describe("the container's cgroup at /sys/fs/cgroup", () => {
  it("kernfs: files report size 0; read-only ones are 0444, settable ones 0644, cgroup.kill 0200", async () => {
    const p = await podWith("");
    const modes = Object.fromEntries(["cgroup.controllers", "cgroup.events", "cgroup.procs", "cgroup.kill", "pids.current", "pids.max", "memory.stat", "memory.max", "memory.reclaim", "cpu.stat", "io.stat", "cpu.max"]
      .map((f) => [f, (p.stat(`/sys/fs/cgroup/${f}`).mode & 0o777).toString(8)]));
    expect(modes).toEqual({
      "cgroup.controllers": "444", "cgroup.events": "444", "cgroup.procs": "644", "cgroup.kill": "200", "pids.current": "444", "pids.max": "644",
      "memory.stat": "444", "memory.max": "644", "memory.reclaim": "200", "cpu.stat": "444", "io.stat": "444", "cpu.max": "644",
    });
    expect(p.stat("/sys/fs/cgroup/memory.stat").size).toBe(0);
    expect(p.stat("/sys/fs/cgroup")).toMatchObject({ mode: 0o040755, nlink: 2, size: 0 });
  });

  it("Linux 6.8 with the kubelet's controllers: the whole file set (the 78 files of an Ubuntu 24.04 cgroup)", async () => {
    const p = await podWith("");
    expect(p.vfs.readdir(p.init, "/sys/fs/cgroup").names.length).toBe(78);
    const old = await podWith("", "", "1.29-docker"); // Linux 5.15: no memory.peak, pids.peak, cgroup.pressure, …
    const names = old.vfs.readdir(old.init, "/sys/fs/cgroup").names;
    expect(names.length).toBe(66);
    expect(["memory.peak", "pids.peak", "cgroup.pressure", "cpu.stat.local", "cpuset.cpus.exclusive", "memory.zswap.writeback", "misc.events"].filter((n) => names.includes(n))).toEqual([]);
  });

  it("contents follow the container: its processes, the runtime's limits, the kubelet's NoSwap", async () => {
    const p = await podWith("", "    resources:\n      requests:\n        cpu: 500m\n      limits:\n        cpu: 500m\n        memory: 128Mi\n");
    const cg = async (f: string) => p.read(`/sys/fs/cgroup/${f}`);
    expect(await cg("cgroup.procs")).toBe("1\n");
    expect(await cg("pids.current")).toBe("1\n");
    expect(await cg("pids.max")).toBe("max\n");
    expect(await cg("cgroup.events")).toBe("populated 1\nfrozen 0\n");
    expect(await cg("cpu.max")).toBe("50000 100000\n");
    expect(await cg("cpu.weight")).toBe("20\n"); // 512 shares: 1 + 510 * 9999 / 262142
    expect(await cg("memory.max")).toBe("134217728\n");
    expect(await cg("memory.swap.max")).toBe("0\n");
    const plain = await podWith("");
    expect([await plain.read("/sys/fs/cgroup/cpu.weight"), await plain.read("/sys/fs/cgroup/cpu.weight.nice"), await plain.read("/sys/fs/cgroup/cpu.max")]).toEqual(["1\n", "19\n", "max 100000\n"]);
  });

  it("kernfs_fop_open(): a file without the operation refuses the open even for root; a read-only mount first says EROFS", async () => {
    const plain = await podWith("");
    expect(await plain.errno(() => plain.vfs.open(plain.init, "/sys/fs/cgroup/pids.max", { write: true }))).toBe("EROFS");
    const priv = await podWith("", "    securityContext:\n      privileged: true\n");
    expect(await priv.errno(() => priv.vfs.open(priv.init, "/sys/fs/cgroup/pids.current", { write: true }))).toBe("EACCES");
    expect(await priv.errno(() => priv.vfs.open(priv.init, "/sys/fs/cgroup/cgroup.kill", { read: true }))).toBe("EACCES");
    const f = priv.vfs.open(priv.init, "/sys/fs/cgroup/pids.max", { write: true, trunc: true });
    await f.write("100\n");
    expect(await priv.read("/sys/fs/cgroup/pids.max")).toBe("100\n");
  });
});

describe("PID 1's stdio and /proc/<pid>", () => {
  it("newPipeIO(): stdout and stderr are two pipes; stdin is /dev/null opened read-only", async () => {
    const p = await podWith("");
    const link = (fd: number) => p.vfs.readlink(p.init, `/proc/1/fd/${fd}`);
    expect(link(0)).toBe("/dev/null");
    expect(link(1)).toMatch(/^pipe:\[\d+\]$/);
    expect(link(2)).toMatch(/^pipe:\[\d+\]$/);
    expect(link(1)).not.toBe(link(2));
    const fdAttrs = [0, 1, 2].map((fd) => p.stat(`/proc/1/fd/${fd}`)).map((a) => `${(a.mode & 0o777).toString(8)} ${a.size}`);
    expect(fdAttrs).toEqual(["500 64", "300 64", "300 64"]); // tid_fd_update_inode(): lr-x, l-wx
  });

  it("pid_entry_nlink(tgid_base_stuff): /proc/<pid> has 9 links; proc_fd_getattr() sizes fd by its open fds (6.2+)", async () => {
    const p = await podWith("");
    expect(p.stat("/proc/1")).toMatchObject({ nlink: 9 });
    expect(p.stat("/proc/1/fd")).toMatchObject({ nlink: 2, size: 3 });
    expect(p.stat("/proc/1/ns")).toMatchObject({ nlink: 2 });
    const old = await podWith("", "", "1.29-docker");
    expect(old.stat("/proc/1/fd")).toMatchObject({ nlink: 2, size: 0 });
  });
});
