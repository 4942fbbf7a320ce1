// The system calls a program makes, bound to its process (DESIGN.md principle 1: the kernel
// decides, commands ask). Filesystem calls go through the VFS with the process's credentials;
// privileged calls check the capability the kernel checks and fail with the kernel's errno.

import { Cap } from "./capability.js";
import { capable } from "./credentials.js";
import { EACCES, EADDRINUSE, EBUSY, EISDIR, ECONNREFUSED, EINVAL, ENETUNREACH, ENODEV, ENOTDIR, EPERM, ESRCH, ETIMEDOUT, type Errno, SyscallError } from "./errno.js";
import { TreeFs } from "../vfs/tree-fs.js";
import type { NetNamespace } from "./net.js";
import { setResUid } from "./exec.js";
import { withCredentials } from "./credentials.js";
import { setPriorityResult } from "./permission.js";
import type { Described } from "./io.js";
import type { Process } from "./process.js";
import type { System } from "./system.js";
import type { Attrs, StatFs } from "../vfs/node.js";
import type { OpenFile, OpenFlags } from "../vfs/vfs.js";

const fail = (errno: Errno, syscall: string, path?: string): never => {
  throw new SyscallError(errno, syscall, path);
};

export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

export class Sys {
  constructor(
    readonly system: System,
    readonly proc: Process,
  ) {}

  private get vfs() {
    return this.system.vfs;
  }

  // ---- files ----------------------------------------------------------------------------------

  stat(path: string): Attrs { return this.vfs.stat(this.proc, path); }
  lstat(path: string): Attrs { return this.vfs.lstat(this.proc, path); }
  open(path: string, flags: OpenFlags, mode?: number): OpenFile { return this.vfs.open(this.proc, path, flags, mode); }
  readFile(path: string): Promise<string> { return this.vfs.readFile(this.proc, path); }
  mkdir(path: string, mode = 0o777): void { this.vfs.mkdir(this.proc, path, mode); }
  rmdir(path: string): void { this.vfs.rmdir(this.proc, path); }
  unlink(path: string): void { this.vfs.unlink(this.proc, path); }
  rename(from: string, to: string): void { this.vfs.rename(this.proc, from, to); }
  link(from: string, to: string): void { this.vfs.link(this.proc, from, to); }
  symlink(target: string, path: string): void { this.vfs.symlink(this.proc, target, path); }
  readlink(path: string): string { return this.vfs.readlink(this.proc, path); }
  chmod(path: string, mode: number): void { this.vfs.chmod(this.proc, path, mode); }
  chown(path: string, uid: number, gid: number): void { this.vfs.chown(this.proc, path, uid, gid, true); }
  lchown(path: string, uid: number, gid: number): void { this.vfs.chown(this.proc, path, uid, gid, false); }
  utimes(path: string, times?: { atime: number; mtime: number }): void { this.vfs.utimes(this.proc, path, times, this.now()); }
  truncate(path: string, size: number): void { this.vfs.truncate(this.proc, path, size); }
  access(path: string, mask: number): void { this.vfs.access(this.proc, path, mask); }
  readdir(path: string): string[] { return this.vfs.readdir(this.proc, path).names; }

  /**
   * opendir(3) then readdir: the directory holds the lowest free descriptor (alloc_fd) until
   * `close`, so a listing of /proc/self/fd shows it, as a real `ls` does.
   */
  opendir(path: string): { names: string[]; close(): void } {
    let fd = 0;
    while (this.proc.fds.has(fd)) fd++;
    // Open O_RDONLY|O_DIRECTORY: read() of a directory fails, but the fd reads as r-x.
    this.proc.fds.set(fd, { description: this.vfs.realpath(this.proc, path), read: () => Promise.reject(new SyscallError(EISDIR, "read")) } as Described);
    try {
      return { names: this.readdir(path), close: () => this.proc.fds.delete(fd) };
    } catch (err) {
      this.proc.fds.delete(fd);
      throw err;
    }
  }
  mknod(path: string, mode: number, rdev = 0): void { this.vfs.mknod(this.proc, path, mode, rdev); }
  statfs(path: string): StatFs & { mountpoint: string } { return this.vfs.statfs(this.proc, path); }
  realpath(path: string): string { return this.vfs.realpath(this.proc, path); }
  getcwd(): string { return this.vfs.getcwd(this.proc); }

  chdir(path: string): void {
    this.proc.cwd = this.vfs.chdir(this.proc, path);
  }

  chroot(path: string): void {
    this.proc.root = this.vfs.chroot(this.proc, path);
  }

  umask(mask?: number): number {
    const old = this.proc.umask;
    if (mask !== undefined) this.proc.umask = mask & 0o777;
    return old;
  }

  // ---- identity -------------------------------------------------------------------------------

  /** kernel/sys.c setuid(): root (CAP_SETUID) sets all ids; others only to their real or saved uid. */
  setuid(uid: number): void {
    const c = this.proc.creds;
    if (capable(c, Cap.SETUID)) this.proc.creds = setResUid(c, uid);
    else if (uid === c.ruid || uid === c.suid) this.proc.creds = withCredentials(c, { euid: uid, fsuid: uid });
    else fail(EPERM, "setuid");
  }

  setgid(gid: number): void {
    const c = this.proc.creds;
    if (capable(c, Cap.SETGID)) this.proc.creds = withCredentials(c, { rgid: gid, egid: gid, sgid: gid, fsgid: gid });
    else if (gid === c.rgid || gid === c.sgid) this.proc.creds = withCredentials(c, { egid: gid, fsgid: gid });
    else fail(EPERM, "setgid");
  }

  /** kernel/groups.c setgroups(): CAP_SETGID; the list is stored sorted. */
  setgroups(groups: readonly number[]): void {
    if (!capable(this.proc.creds, Cap.SETGID)) fail(EPERM, "setgroups");
    this.proc.creds = withCredentials(this.proc.creds, { groups });
  }

  // ---- processes ------------------------------------------------------------------------------

  kill(pid: number, sig: number): void {
    const err = this.proc.ns.kill(this.proc, pid, sig);
    if (err) fail(err, "kill");
  }

  /** kernel/sys.c setpriority(PRIO_PROCESS). */
  setpriority(pid: number, nice: number): void {
    const target = pid === 0 ? this.proc : this.proc.ns.get(pid);
    if (target === undefined) fail(ESRCH, "setpriority");
    const clamped = Math.max(-20, Math.min(19, nice));
    const err = setPriorityResult(this.proc.creds, target!.creds, target!.nice, clamped);
    if (err) fail(err, "setpriority");
    target!.nice = clamped;
  }

  // ---- time and system ------------------------------------------------------------------------

  now(): number {
    return this.system.kernel.now();
  }

  /** kernel/time/time.c settimeofday(): CAP_SYS_TIME. The node's clock moves for every container. */
  settimeofday(ms: number): void {
    if (!capable(this.proc.creds, Cap.SYS_TIME)) fail(EPERM, "settimeofday");
    if (!Number.isFinite(ms)) fail(EINVAL, "settimeofday");
    this.system.kernel.settimeofday(ms);
  }

  uname(): Utsname {
    const k = this.system.kernel.info.kernel;
    return { sysname: "Linux", nodename: this.proc.uts.hostname, release: k.release, version: k.version, machine: "x86_64", domainname: this.proc.uts.domainname };
  }

  /** kernel/sys.c sethostname(): CAP_SYS_ADMIN in the UTS namespace's user namespace. */
  sethostname(name: string): void {
    if (!capable(this.proc.creds, Cap.SYS_ADMIN)) fail(EPERM, "sethostname");
    if (name.length > 64) fail(EINVAL, "sethostname");
    this.proc.uts.hostname = name;
  }

  // ---- network --------------------------------------------------------------------------------

  /** The process's network namespace (read-only view for `ip addr`, `ip route`). */
  net(): NetNamespace {
    return (this.proc.net ??= this.system.kernel.initNet);
  }

  /** Changing links, addresses or routes (RTM_NEWLINK …): CAP_NET_ADMIN, else EPERM. */
  netAdmin(syscall = "sendmsg"): NetNamespace {
    if (!capable(this.proc.creds, Cap.NET_ADMIN)) fail(EPERM, syscall);
    return this.net();
  }

  /**
   * socket(2): a raw socket needs CAP_NET_RAW (EPERM). An ICMP datagram socket is allowed only when
   * the group is in net.ipv4.ping_group_range ("1 0", no group, by default): EACCES.
   */
  socket(type: "stream" | "dgram" | "raw" | "icmp"): void {
    if (type === "raw" && !capable(this.proc.creds, Cap.NET_RAW)) fail(EPERM, "socket");
    if (type === "icmp") fail(EACCES, "socket");
  }

  /**
   * bind(2) + listen(2) on a TCP port: below 1024 needs CAP_NET_BIND_SERVICE
   * (net.ipv4.ip_unprivileged_port_start=1024); a port in use is EADDRINUSE.
   */
  listen(port: number): void {
    if (port > 0 && port < 1024 && !capable(this.proc.creds, Cap.NET_BIND_SERVICE)) fail(EACCES, "bind");
    const ns = this.net();
    if (ns.listening.has(port)) fail(EADDRINUSE, "bind");
    ns.listening.add(port);
  }

  /** A TCP connect: refused by a host with no listener, unreachable outside the cluster. */
  connect(ip: string, port: number): void {
    const ns = this.net();
    if (ns.routeTo(ip) === undefined) fail(ENETUNREACH, "connect");
    if (ns.isLocal(ip)) {
      if (!ns.listening.has(port)) fail(ECONNREFUSED, "connect");
      return;
    }
    const host = ns.reach.hostAt(ip);
    if (host === undefined) fail(ETIMEDOUT, "connect");
    if (!host!.listening.includes(port)) fail(ECONNREFUSED, "connect");
  }

  /**
   * mount(2) of a new tmpfs (the one filesystem a container can create): the mountpoint is looked
   * up first, then may_mount() wants CAP_SYS_ADMIN; other types are ENODEV here.
   */
  mount(source: string, target: string, fstype: string, flags: { readOnly?: boolean; nosuid?: boolean; nodev?: boolean; noexec?: boolean } = {}): void {
    const where = this.stat(target);
    this.requireCapability(Cap.SYS_ADMIN, "mount");
    if (fstype !== "tmpfs") fail(ENODEV, "mount");
    if ((where.mode & 0o170000) !== 0o040000) fail(ENOTDIR, "mount", target);
    const kernel = this.system.kernel;
    const fs = new TreeFs({ dev: kernel.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: kernel.fsContext, capacity: { bytes: 4 * 1024 * 1024 * 1024, files: 1_000_000 } });
    fs.rootInode.mode = 0o041777;
    this.proc.mnt.mount(this.realpath(target), fs.root(), { source, readOnly: flags.readOnly ?? false, nosuid: flags.nosuid ?? false, nodev: flags.nodev ?? false, noexec: flags.noexec ?? false, data: "inode64" });
  }

  /** umount2(2): CAP_SYS_ADMIN; EINVAL when `target` is not a mountpoint, EBUSY while in use. */
  umount(target: string): void {
    this.lstat(target);
    this.requireCapability(Cap.SYS_ADMIN, "umount2");
    const result = this.proc.mnt.unmount(this.realpath(target));
    if (result === "not mounted") fail(EINVAL, "umount2", target);
    if (result === "busy") fail(EBUSY, "umount2", target);
  }

  /** A capability check as a privileged syscall makes it (mount: CAP_SYS_ADMIN, …). */
  requireCapability(cap: number, syscall: string): void {
    if (!capable(this.proc.creds, cap)) fail(EPERM, syscall);
  }

  hasCapability(cap: number): boolean {
    return capable(this.proc.creds, cap);
  }
}
