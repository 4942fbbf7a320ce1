// A container's mount namespace, assembled in the order runc mounts it (libcontainer/rootfs_linux.go):
// the overlay rootfs, /proc, /dev (tmpfs + device nodes), /dev/pts, /dev/mqueue, /sys, the cgroup
// fs, then the CRI mounts sorted by depth as containerd does (orderedMounts), then the masked and
// read-only paths of the default procMount (pkg/securitycontext/util.go).

import type { Kernel } from "../kernel/kernel.js";
import type { PidNamespace } from "../kernel/process.js";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, isDir } from "../kernel/permission.js";
import type { Image } from "../images/image.js";
import { DEV_FULL, DEV_NULL, DEV_PTMX, DEV_RANDOM, DEV_TTY, DEV_URANDOM, DEV_ZERO, hostDevices } from "./devices.js";
import { Inode, makedev } from "./inode.js";
import { MountNamespace } from "./mount.js";
import type { Caller, VNode } from "./node.js";
import { OverlayFs } from "./overlay.js";
import { ProcFs } from "./procfs/procfs.js";
import type { Quota } from "./quota.js";
import { makeSysfs } from "./sysfs.js";
import { CgroupFs, type CgroupSpec } from "./cgroupfs.js";
import { TreeFs } from "./tree-fs.js";

/** A mount the kubelet or the runtime asks for (CRI Mount): a volume or a kubelet-managed file. */
export interface CriMount {
  readonly containerPath: string;
  /** The directory or file to bind. */
  readonly node: VNode;
  readonly readOnly: boolean;
  /** The source column of /proc/mounts: "/dev/sda1", "tmpfs", "shm". */
  readonly source: string;
  /** The bound node's path inside its filesystem (mountinfo). */
  readonly fsRoot: string;
  readonly nosuid?: boolean;
  readonly nodev?: boolean;
  readonly noexec?: boolean;
  readonly atime?: "relatime" | "strictatime";
  /** Filesystem data for /proc/mounts, e.g. "size=65536k,inode64". */
  readonly data?: string;
}

export interface ContainerFsSpec {
  readonly kernel: Kernel;
  readonly image: Image;
  readonly quota: Quota;
  readonly pidns: PidNamespace;
  readonly readOnlyRootFilesystem: boolean;
  readonly privileged: boolean;
  /** The node's device nodes in /dev (oci.WithHostDevices); a privileged container has them. */
  readonly hostDevices?: boolean;
  /** procMount: Unmasked — no masked or read-only /proc paths. */
  readonly unmaskedProc: boolean;
  readonly mounts: readonly CriMount[];
  /** The overlay's options as the runtime's snapshotter writes them (lowerdir=…,upperdir=…). */
  readonly overlayData: string;
  /** The container's cgroup: its limits (pids.max, memory.max, cpu.max, …) and its processes. */
  readonly cgroup: CgroupSpec;
}

export interface ContainerFs {
  readonly mnt: MountNamespace;
  readonly rootfs: OverlayFs;
  readonly dev: TreeFs;
  readonly devpts: TreeFs;
}

/** runc's maskedPaths and readonlyPaths for procMount: Default. */
export const MASKED_PATHS = ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"];
export const READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

const ROOT: Caller = { pid: 0, creds: undefined as never };

/** Depth of a mount destination: containerd's orderedMounts sorts by it, stably. */
const depth = (p: string) => p.split("/").filter(Boolean).length;

/**
 * Creates a mountpoint inside the rootfs as runc does (createIfNotExists / MkdirAllInRoot): missing
 * directories 0755 root, a missing file 0755; symlinks are followed inside the rootfs. Returns the
 * resolved path, which is where the mount really lands.
 */
export function ensureMountpoint(root: VNode, path: string, wantDir: boolean): string {
  const parts = path.split("/").filter(Boolean);
  let resolved: string[] = [];
  let node = root;
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    if (name === "..") {
      resolved = resolved.slice(0, -1);
      node = resolved.reduce<VNode>((n, p) => n.lookup(p, ROOT)!, root);
      continue;
    }
    const last = i === parts.length - 1;
    let next = node.lookup(name, ROOT);
    if (next !== undefined && (next.attrs().mode & S_IFMT) === S_IFLNK) {
      const target = next.readlink(ROOT);
      const rest = parts.slice(i + 1).join("/");
      const base = target.startsWith("/") ? "" : `/${resolved.join("/")}`;
      return ensureMountpoint(root, `${base}/${target}${rest ? `/${rest}` : ""}`, wantDir);
    }
    if (next === undefined) {
      const mode = !last || wantDir ? S_IFDIR | 0o755 : S_IFREG | 0o755;
      next = node.create(name, { mode, uid: 0, gid: 0 });
    }
    node = next;
    resolved.push(name);
  }
  return `/${resolved.join("/")}`;
}

function devTmpfs(kernel: Kernel, privileged: boolean): TreeFs {
  const fs = new TreeFs({ dev: kernel.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: kernel.fsContext, capacity: { bytes: 65536 * 1024, files: 2048 } });
  const root = fs.rootInode;
  const now = kernel.now();
  const add = (name: string, mode: number, extra: Partial<Inode> = {}) => {
    const inode = new Inode({ ino: kernel.nextIno(), mode, uid: 0, gid: 0, time: now });
    Object.assign(inode, extra);
    root.addEntry(name, inode);
  };
  const chr = (name: string, rdev: number) => add(name, S_IFCHR | 0o666, { rdev });
  const link = (name: string, target: string) => add(name, S_IFLNK | 0o777, { data: target });
  // libcontainer/rootfs_linux.go: createDevices(), setupDevSymlinks(), setupPtmx(); then the
  // runtime's own mountpoints.
  link("core", "/proc/kcore");
  link("fd", "/proc/self/fd");
  chr("full", DEV_FULL);
  add("mqueue", S_IFDIR | 0o755);
  chr("null", DEV_NULL);
  link("ptmx", "pts/ptmx");
  add("pts", S_IFDIR | 0o755);
  chr("random", DEV_RANDOM);
  add("shm", S_IFDIR | 0o1777);
  link("stderr", "/proc/self/fd/2");
  link("stdin", "/proc/self/fd/0");
  link("stdout", "/proc/self/fd/1");
  add("termination-log", S_IFREG | 0o666);
  chr("tty", DEV_TTY);
  chr("urandom", DEV_URANDOM);
  chr("zero", DEV_ZERO);
  if (privileged) {
    // oci.WithHostDevices: the node's device nodes replace and join the defaults (runc
    // specconv createDevices: a spec device wins over a default one with the same path).
    for (const dev of hostDevices()) {
      const parts = dev.path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.entries!.get(part) as Inode | undefined;
        if (next === undefined) {
          next = new Inode({ ino: kernel.nextIno(), mode: S_IFDIR | 0o755, uid: 0, gid: 0, time: now });
          dir.addEntry(part, next);
        }
        dir = next;
      }
      const inode = new Inode({ ino: kernel.nextIno(), mode: (dev.type === "c" ? S_IFCHR : S_IFBLK) | dev.mode, uid: 0, gid: dev.gid, time: now });
      inode.rdev = makedev(dev.major, dev.minor);
      dir.addEntry(parts[parts.length - 1]!, inode);
    }
  }
  root.mode = S_IFDIR | 0o755;
  return fs;
}

export function assembleContainerFs(spec: ContainerFsSpec): ContainerFs {
  const { kernel } = spec;
  const now = kernel.now();
  const rootfs = new OverlayFs(kernel.nextDev(), spec.image.rootfs(), kernel.fsContext, spec.quota);
  const root = rootfs.root();
  const mnt = new MountNamespace(root, { source: "overlay", data: spec.overlayData, readOnly: spec.readOnlyRootFilesystem });
  mnt.inum = kernel.nextNsInum(); // runc: CLONE_NEWNS for every container

  const proc = new ProcFs(kernel.nextDev(), { kernel, pidns: spec.pidns, mountTime: now });
  const dev = devTmpfs(kernel, spec.hostDevices ?? spec.privileged);
  const devpts = new TreeFs({ dev: kernel.nextDev(), type: "devpts", sizing: "zero", ctx: kernel.fsContext });
  devpts.rootInode.addEntry("ptmx", Object.assign(new Inode({ ino: kernel.nextIno(), mode: S_IFCHR | 0o666, uid: 0, gid: 0, time: now }), { rdev: DEV_PTMX }));
  const mqueue = new TreeFs({ dev: kernel.nextDev(), type: "mqueue", sizing: "zero", ctx: kernel.fsContext });
  mqueue.rootInode.mode = S_IFDIR | 0o1777;
  const sysfs = makeSysfs(kernel, !spec.privileged);
  const cgroup = new CgroupFs(kernel, spec.cgroup);

  const base: [string, VNode, Parameters<MountNamespace["mount"]>[2]][] = [
    ["/proc", proc.root(), { source: "proc", nosuid: true, nodev: true, noexec: true }],
    ["/dev", dev.root(), { source: "tmpfs", nosuid: true, atime: "strictatime", data: "size=65536k,mode=755,inode64" }],
    ["/dev/pts", devpts.root(), { source: "devpts", nosuid: true, noexec: true, data: "gid=5,mode=620,ptmxmode=666" }],
    ["/dev/mqueue", mqueue.root(), { source: "mqueue", nosuid: true, nodev: true, noexec: true }],
    ["/sys", sysfs.root(), { source: "sysfs", nosuid: true, nodev: true, noexec: true }],
    // The runtime's default spec mounts cgroup "ro"; oci.WithPrivileged (WithWriteableCgroupfs) and
    // Docker's privileged mode make it "rw". The superblock is the node's, always rw.
    ["/sys/fs/cgroup", cgroup.root(), { source: "cgroup", readOnly: !spec.privileged, nosuid: true, nodev: true, noexec: true, data: "nsdelegate,memory_recursiveprot" }],
  ];
  for (const [path, node, opts] of base) {
    const where = path.startsWith("/dev/") || path.startsWith("/sys/") ? path : ensureMountpoint(root, path, true);
    mnt.mount(where, node, opts);
  }

  const ordered = [...spec.mounts].sort((a, b) => depth(a.containerPath) - depth(b.containerPath));
  for (const m of ordered) {
    const wantDir = isDir(m.node.attrs().mode);
    const where = m.containerPath.startsWith("/dev/") ? m.containerPath : ensureMountpoint(root, m.containerPath, wantDir);
    mnt.mount(where, m.node, {
      readOnly: m.readOnly, source: m.source, fsRoot: m.fsRoot,
      ...(m.nosuid ? { nosuid: true } : {}), ...(m.nodev ? { nodev: true } : {}), ...(m.noexec ? { noexec: true } : {}),
      ...(m.data ? { data: m.data } : {}), ...(m.atime ? { atime: m.atime } : {}),
    });
  }

  if (!spec.privileged && !spec.unmaskedProc) {
    const procRoot = proc.root();
    for (const path of READONLY_PATHS) {
      const node = procRoot.lookup(path.slice("/proc/".length), ROOT);
      if (node !== undefined) mnt.mount(path, node, { source: "proc", readOnly: true, nosuid: true, nodev: true, noexec: true });
    }
    const devNull = dev.root().lookup("null", ROOT)!;
    const sysRoot = sysfs.root();
    for (const path of MASKED_PATHS) {
      const inProc = path.startsWith("/proc/");
      const parent = inProc ? procRoot : sysRoot;
      let node: VNode | undefined = parent;
      for (const part of path.split("/").filter(Boolean).slice(1)) node = node?.lookup(part, ROOT);
      if (node === undefined) continue; // runc skips paths the kernel does not have
      if (isDir(node.attrs().mode)) {
        const empty = new TreeFs({ dev: kernel.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: kernel.fsContext, readOnly: true });
        empty.rootInode.mode = S_IFDIR | 0o555;
        mnt.mount(path, empty.root(), { source: "tmpfs", readOnly: true, data: "inode64" });
      } else {
        mnt.mount(path, devNull, { source: "tmpfs", nosuid: true, atime: "strictatime", fsRoot: "/null", data: "size=65536k,mode=755,inode64" });
      }
    }
  }
  return { mnt, rootfs, dev, devpts };
}
