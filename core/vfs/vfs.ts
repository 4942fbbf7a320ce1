// The filesystem syscalls, each following its Linux code path in order (fs/namei.c, fs/open.c,
// fs/attr.c, fs/utimes.c, fs/stat.c), so that errors come out in the order Linux reports them:
// e.g. `mkdir` on an existing name is EEXIST even on a read-only mount, `>` (O_TRUNC) on a
// read-only rootfs is EROFS before EACCES, and `>>` is EACCES before EROFS.

import { Cap } from "../kernel/capability.js";
import { capable } from "../kernel/credentials.js";
import {
  EACCES, EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, ENXIO, EPERM, EROFS, EXDEV, type Errno,
  SyscallError,
} from "../kernel/errno.js";
import type { Described, Readable, Writable } from "../kernel/io.js";
import {
  MAY_EXEC, MAY_READ, MAY_WRITE, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID,
  S_ISUID, S_IXGRP, chmodMode, chownResult, inodePermission, isDir, isLnk, isReg, mayCreate, mayDelete,
  mntWantWrite, newInodeOwner, utimesPermission,
} from "../kernel/permission.js";
import type { Attrs, StatFs, VNode } from "./node.js";
import {
  type Location, type ParentLookup, type Task, lookupLast, pathFromRoot, resolve, resolveParent,
} from "./path.js";

const fail = (errno: Errno | undefined, syscall: string, path?: string): void => {
  if (errno !== undefined) throw new SyscallError(errno, syscall, path);
};

export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  creat?: boolean;
  excl?: boolean;
  trunc?: boolean;
  append?: boolean;
  directory?: boolean;
  nofollow?: boolean;
}

/** A character device's behaviour (/dev/null, /dev/tty, …), found by its rdev. */
export interface DeviceDriver {
  /** Refuses the open (e.g. /dev/tty without a controlling terminal: ENXIO). */
  open?(task: Task): Errno | undefined;
  read(task: Task, max: number): Promise<string>;
  write(task: Task, data: string): Promise<void>;
  /** What /proc/<pid>/fd shows for it, when it differs from the path (e.g. /dev/pts/0). */
  readonly name?: string;
}

export type DeviceTable = (rdev: number, task: Task) => DeviceDriver | undefined;

/** An open file description. */
export class OpenFile implements Readable, Writable, Described {
  private position = 0;
  private snapshot: string | undefined;

  constructor(
    readonly task: Task,
    readonly loc: Location,
    readonly flags: OpenFlags,
    private readonly driver: DeviceDriver | undefined,
  ) {}

  get node(): VNode {
    return this.loc.node;
  }

  get description(): string {
    return this.driver?.name ?? pathFromRoot(this.task, this.loc);
  }

  async read(max = 65536): Promise<string> {
    if (!this.flags.read) throw new SyscallError(EINVAL, "read");
    if (this.driver !== undefined) return this.driver.read(this.task, max);
    if (isDir(this.node.attrs().mode)) throw new SyscallError(EISDIR, "read", this.loc.path);
    // Generated files (procfs) are produced once per open and then read in pieces, like seq_file.
    this.snapshot ??= this.node.read(this.task);
    const out = this.snapshot.slice(this.position, this.position + max);
    this.position += out.length;
    return out;
  }

  async write(data: string): Promise<void> {
    if (!this.flags.write) throw new SyscallError(EINVAL, "write");
    if (this.driver !== undefined) return this.driver.write(this.task, data);
    const before = this.node.attrs();
    this.node.write(data, this.flags.append ? "append" : this.position);
    this.position = this.flags.append ? this.node.attrs().size : this.position + data.length;
    removePrivs(this.task, this.node, before);
  }
}

/**
 * fs/inode.c file_remove_privs(): writing to a set-user-ID (or group-executable set-group-ID)
 * file clears those bits unless the writer has CAP_FSETID.
 */
function removePrivs(task: Task, node: VNode, before: Attrs): void {
  const kill = (before.mode & S_ISUID) !== 0 || (before.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP);
  if (kill && !capable(task.creds, Cap.FSETID)) node.setattr({ mode: before.mode & ~(S_ISUID | S_ISGID) & 0o7777 });
}

export class Vfs {
  constructor(readonly devices: DeviceTable) {}

  stat(task: Task, path: string): Attrs {
    return resolve(task, path, { follow: true, syscall: "stat" }).node.attrs();
  }

  lstat(task: Task, path: string): Attrs {
    return resolve(task, path, { follow: false, syscall: "lstat" }).node.attrs();
  }

  lookup(task: Task, path: string, follow = true): Location {
    return resolve(task, path, { follow, syscall: "stat" });
  }

  statfs(task: Task, path: string): StatFs & { mountpoint: string } {
    const loc = resolve(task, path, { follow: true, syscall: "statfs" });
    return { ...loc.mount.fs.statfs(), mountpoint: loc.mount.mountpoint };
  }

  /** fs/open.c do_sys_open() → path_openat() → open_last_lookups() → do_open(). */
  open(task: Task, path: string, flags: OpenFlags, mode = 0o666): OpenFile {
    const wantsWrite = flags.write === true || flags.trunc === true;
    let loc: Location;
    let created = false;
    if (flags.creat) {
      const parent = resolveParent(task, path, "open");
      if (parent.type !== "normal") {
        fail(EISDIR, "open", path);
      }
      const gotWrite = mntWantWrite(parent.dir.mount) === undefined;
      const existing = lookupLast(task, parent, "open", path);
      if (existing !== undefined) {
        if (flags.excl) fail(EEXIST, "open", path);
        loc = isLnk(existing.node.attrs().mode) && !flags.nofollow ? resolve(task, path, { follow: true, syscall: "open" }) : existing;
      } else {
        if (parent.trailingSlash) fail(EISDIR, "open", path);
        // lookup_open(): without write access to the mount, creation is EROFS before any permission check.
        if (!gotWrite) fail(mntWantWrite(parent.dir.mount), "open", path);
        loc = this.createIn(task, parent, S_IFREG | (mode & 0o7777), 0, "open", path);
        created = true;
      }
    } else {
      loc = resolve(task, path, { follow: !flags.nofollow, syscall: "open" });
    }
    const attrs = loc.node.attrs();
    const type = attrs.mode & S_IFMT;
    if (flags.directory && type !== S_IFDIR) fail(ENOTDIR, "open", path);
    // do_open(): O_TRUNC takes write access to the mount before may_open() checks permissions.
    if (!created && flags.trunc && type === S_IFREG) fail(mntWantWrite(loc.mount), "open", path);
    if (!created) this.mayOpen(task, loc, attrs, flags, path);
    // do_dentry_open(): write access to the mount, then the filesystem's own f_op->open.
    const special = type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK;
    if (flags.write && !special) fail(mntWantWrite(loc.mount), "open", path);
    if (!created && loc.node.open !== undefined) {
      try {
        loc.node.open(task, { read: flags.read ?? !wantsWrite, write: wantsWrite });
      } catch (err) {
        if (err instanceof SyscallError) throw new SyscallError(err.errno, "open", path);
        throw err;
      }
    }
    let driver: DeviceDriver | undefined;
    if (type === S_IFCHR || type === S_IFBLK) {
      driver = this.devices(attrs.rdev, task);
      if (driver === undefined) fail(ENXIO, "open", path);
      fail(driver!.open?.(task), "open", path);
    }
    if (flags.trunc && type === S_IFREG && !created && attrs.size > 0) loc.node.truncate(0);
    return new OpenFile(task, loc, { ...flags, read: flags.read ?? !wantsWrite }, driver);
  }

  /** fs/namei.c may_open(). */
  private mayOpen(task: Task, loc: Location, attrs: Attrs, flags: OpenFlags, path: string): void {
    const type = attrs.mode & S_IFMT;
    if (type === S_IFLNK) fail(ELOOP, "open", path);
    if (type === S_IFDIR && (flags.write || flags.trunc)) fail(EISDIR, "open", path);
    if ((type === S_IFCHR || type === S_IFBLK) && loc.mount.nodev) fail(EACCES, "open", path);
    let mask = 0;
    if (flags.read !== false && (flags.read || !(flags.write || flags.trunc))) mask |= MAY_READ;
    if (flags.write || flags.trunc) mask |= MAY_WRITE;
    fail(inodePermission(task.creds, attrs, mask, loc.mount), "open", path);
  }

  /** Creates a new inode in a resolved parent: may_create(), then owner, umask, setgid rules. */
  private createIn(task: Task, parent: ParentLookup, mode: number, rdev: number, syscall: string, path: string, target?: string): Location {
    const dirAttrs = parent.dir.node.attrs();
    fail(mayCreate(task.creds, dirAttrs, parent.dir.mount), syscall, path);
    const masked = isLnk(mode) ? mode : (mode & S_IFMT) | (mode & 0o7777 & ~task.umask);
    const owner = newInodeOwner(task.creds, dirAttrs, masked);
    let node: VNode;
    try {
      node = parent.dir.node.create(parent.name, { ...owner, rdev, ...(target === undefined ? {} : { target }) });
    } catch (err) {
      if (err instanceof SyscallError) throw new SyscallError(err.errno, syscall, path);
      throw err;
    }
    return { mount: parent.dir.mount, node, path: parent.dir.path === "/" ? `/${parent.name}` : `${parent.dir.path}/${parent.name}`, parent: parent.dir };
  }

  /** fs/namei.c filename_create(): EEXIST for an existing name before EROFS, then may_create(). */
  private filenameCreate(task: Task, path: string, syscall: string, isDirectory: boolean): ParentLookup {
    const parent = resolveParent(task, path, syscall);
    if (parent.type !== "normal") fail(EEXIST, syscall, path);
    const writeErr = mntWantWrite(parent.dir.mount);
    const existing = lookupLast(task, parent, syscall, path);
    if (existing !== undefined) fail(EEXIST, syscall, path);
    if (parent.trailingSlash && !isDirectory) fail(ENOENT, syscall, path);
    fail(writeErr, syscall, path);
    return parent;
  }

  mkdir(task: Task, path: string, mode = 0o777): void {
    const parent = this.filenameCreate(task, path, "mkdir", true);
    this.createIn(task, parent, S_IFDIR | (mode & 0o7777), 0, "mkdir", path);
  }

  symlink(task: Task, target: string, path: string): void {
    if (target === "") fail(ENOENT, "symlink", path);
    const parent = this.filenameCreate(task, path, "symlink", false);
    this.createIn(task, parent, S_IFLNK | 0o777, 0, "symlink", path, target);
  }

  /** fs/namei.c do_mknodat() → vfs_mknod(): may_create() first, then CAP_MKNOD for devices. */
  mknod(task: Task, path: string, mode: number, rdev = 0): void {
    const type = mode & S_IFMT;
    if (![S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, 0].includes(type)) fail(EINVAL, "mknod", path);
    const parent = this.filenameCreate(task, path, "mknod", false);
    fail(mayCreate(task.creds, parent.dir.node.attrs(), parent.dir.mount), "mknod", path);
    if ((type === S_IFCHR || type === S_IFBLK) && !capable(task.creds, Cap.MKNOD)) fail(EPERM, "mknod", path);
    this.createIn(task, parent, (type === 0 ? S_IFREG : type) | (mode & 0o7777), rdev, "mknod", path);
  }

  /** fs/namei.c do_linkat(): may_linkat() enforces fs.protected_hardlinks=1. */
  link(task: Task, oldPath: string, newPath: string): void {
    const old = resolve(task, oldPath, { follow: false, syscall: "link" });
    const parent = this.filenameCreate(task, newPath, "link", false);
    if (parent.dir.mount !== old.mount) fail(EXDEV, "link", newPath);
    const attrs = old.node.attrs();
    if (isDir(attrs.mode)) fail(EPERM, "link", oldPath);
    fail(mayCreate(task.creds, parent.dir.node.attrs(), parent.dir.mount), "link", newPath);
    if (task.creds.fsuid !== attrs.uid && !capable(task.creds, Cap.FOWNER)) {
      const safe = isReg(attrs.mode) && (attrs.mode & S_ISUID) === 0 && (attrs.mode & (S_ISGID | S_IXGRP)) !== (S_ISGID | S_IXGRP)
        && inodePermission(task.creds, attrs, MAY_READ | MAY_WRITE, old.mount) === undefined;
      if (!safe) fail(EPERM, "link", oldPath);
    }
    parent.dir.node.link(parent.name, old.node);
  }

  /** fs/namei.c do_unlinkat() → vfs_unlink() → may_delete(). */
  unlink(task: Task, path: string): void {
    const parent = resolveParent(task, path, "unlink");
    if (parent.type !== "normal") fail(EISDIR, "unlink", path);
    fail(mntWantWrite(parent.dir.mount), "unlink", path);
    const victim = lookupLast(task, parent, "unlink", path);
    if (victim === undefined) fail(ENOENT, "unlink", path);
    const attrs = victim!.node.attrs();
    if (parent.trailingSlash) fail(isDir(attrs.mode) ? EISDIR : ENOTDIR, "unlink", path);
    fail(mayDelete(task.creds, parent.dir.node.attrs(), attrs, parent.dir.mount), "unlink", path);
    if (isDir(attrs.mode)) fail(EISDIR, "unlink", path);
    if (task.mnt.isMountpoint(victim!.path)) fail(EBUSY, "unlink", path);
    parent.dir.node.remove(parent.name);
  }

  /** fs/namei.c do_rmdir() → vfs_rmdir(). */
  rmdir(task: Task, path: string): void {
    const parent = resolveParent(task, path, "rmdir");
    if (parent.type === "dotdot") fail(ENOTEMPTY, "rmdir", path);
    if (parent.type === "dot") fail(EINVAL, "rmdir", path);
    if (parent.type === "root") fail(EBUSY, "rmdir", path);
    fail(mntWantWrite(parent.dir.mount), "rmdir", path);
    const victim = lookupLast(task, parent, "rmdir", path);
    if (victim === undefined) fail(ENOENT, "rmdir", path);
    const attrs = victim!.node.attrs();
    fail(mayDelete(task.creds, parent.dir.node.attrs(), attrs, parent.dir.mount), "rmdir", path);
    if (!isDir(attrs.mode)) fail(ENOTDIR, "rmdir", path);
    if (task.mnt.isMountpoint(victim!.path)) fail(EBUSY, "rmdir", path);
    if (victim!.node.readdir(task).length > 0) fail(ENOTEMPTY, "rmdir", path);
    parent.dir.node.remove(parent.name);
  }

  /** fs/namei.c do_renameat2() → vfs_rename(). */
  rename(task: Task, oldPath: string, newPath: string): void {
    const from = resolveParent(task, oldPath, "rename");
    const to = resolveParent(task, newPath, "rename");
    if (from.type !== "normal" || to.type !== "normal") fail(EBUSY, "rename", oldPath);
    if (from.dir.mount !== to.dir.mount) fail(EXDEV, "rename", oldPath);
    fail(mntWantWrite(from.dir.mount), "rename", oldPath);
    const source = lookupLast(task, from, "rename", oldPath);
    if (source === undefined) fail(ENOENT, "rename", oldPath);
    const target = lookupLast(task, to, "rename", newPath);
    const srcAttrs = source!.node.attrs();
    const srcIsDir = isDir(srcAttrs.mode);
    if (!srcIsDir && (from.trailingSlash || to.trailingSlash)) fail(ENOTDIR, "rename", oldPath);
    if (target !== undefined && target.node.identity === source!.node.identity) return;
    fail(mayDelete(task.creds, from.dir.node.attrs(), srcAttrs, from.dir.mount), "rename", oldPath);
    if (target === undefined) fail(mayCreate(task.creds, to.dir.node.attrs(), to.dir.mount), "rename", newPath);
    else {
      const tAttrs = target.node.attrs();
      fail(mayDelete(task.creds, to.dir.node.attrs(), tAttrs, to.dir.mount), "rename", newPath);
      if (srcIsDir && !isDir(tAttrs.mode)) fail(ENOTDIR, "rename", newPath);
      if (!srcIsDir && isDir(tAttrs.mode)) fail(EISDIR, "rename", newPath);
      if (isDir(tAttrs.mode) && target.node.readdir(task).length > 0) fail(ENOTEMPTY, "rename", newPath);
    }
    // A directory moving to a new parent must be writable itself (its ".." changes).
    if (srcIsDir && from.dir.path !== to.dir.path) fail(inodePermission(task.creds, srcAttrs, MAY_WRITE, from.dir.mount), "rename", oldPath);
    if (srcIsDir && (to.dir.path + "/").startsWith(source!.path + "/")) fail(EINVAL, "rename", oldPath);
    if (task.mnt.isMountpoint(source!.path) || (target && task.mnt.isMountpoint(target.path))) fail(EBUSY, "rename", oldPath);
    from.dir.node.rename(from.name, to.dir.node, to.name);
  }

  readlink(task: Task, path: string): string {
    const loc = resolve(task, path, { follow: false, syscall: "readlink" });
    if (!isLnk(loc.node.attrs().mode)) fail(EINVAL, "readlink", path);
    return loc.node.readlink(task);
  }

  /** fs/open.c chmod_common(): mnt_want_write(), then setattr_prepare(). */
  chmod(task: Task, path: string, mode: number): void {
    const loc = resolve(task, path, { follow: true, syscall: "chmod" });
    fail(mntWantWrite(loc.mount), "chmod", path);
    const result = chmodMode(task.creds, loc.node.attrs(), mode);
    if (typeof result !== "number") fail(result, "chmod", path);
    loc.node.setattr({ mode: (result as number) & 0o7777 });
  }

  /** fs/open.c chown_common(); -1 leaves an id unchanged. */
  chown(task: Task, path: string, uid: number, gid: number, follow = true): void {
    const loc = resolve(task, path, { follow, syscall: "chown" });
    fail(mntWantWrite(loc.mount), "chown", path);
    const attrs = loc.node.attrs();
    const overlay = loc.node.fs.type === "overlay";
    const result = chownResult(task.creds, attrs, uid < 0 ? undefined : uid, gid < 0 ? undefined : gid, overlay);
    if (!("uid" in result)) fail(result, "chown", path);
    const r = result as { uid: number; gid: number; mode: number };
    loc.node.setattr({ uid: r.uid, gid: r.gid, ...(r.mode !== attrs.mode ? { mode: r.mode & 0o7777 } : {}) });
  }

  /** fs/utimes.c vfs_utimes(): `times` undefined means "now" (touch). */
  utimes(task: Task, path: string, times: { atime: number; mtime: number } | undefined, now: number, follow = true): void {
    const loc = resolve(task, path, { follow, syscall: "utimensat" });
    fail(mntWantWrite(loc.mount), "utimensat", path);
    fail(utimesPermission(task.creds, loc.node.attrs(), times === undefined, loc.mount), "utimensat", path);
    loc.node.setattr(times ?? { atime: now, mtime: now });
  }

  /** fs/open.c do_sys_truncate(): write permission, then mnt_want_write(). */
  truncate(task: Task, path: string, size: number): void {
    const loc = resolve(task, path, { follow: true, syscall: "truncate" });
    const attrs = loc.node.attrs();
    if (isDir(attrs.mode)) fail(EISDIR, "truncate", path);
    if (!isReg(attrs.mode)) fail(EINVAL, "truncate", path);
    fail(mntWantWrite(loc.mount), "truncate", path);
    fail(inodePermission(task.creds, attrs, MAY_WRITE, loc.mount), "truncate", path);
    loc.node.truncate(size);
  }

  /** fs/open.c do_faccessat(): checks with the real uid and gid, as access(2) promises. */
  access(task: Task, path: string, mask: number): void {
    const creds = { ...task.creds, fsuid: task.creds.ruid, fsgid: task.creds.rgid };
    const t: Task = { ...task, creds, cwd: task.cwd, root: task.root, mnt: task.mnt, pid: task.pid, umask: task.umask };
    const loc = resolve(t, path, { follow: true, syscall: "access" });
    if (mask === 0) return;
    const attrs = loc.node.attrs();
    fail(inodePermission(creds, attrs, mask, loc.mount), "access", path);
    // After the permission check, a write to a non-special file on a read-only mount is EROFS.
    const type = attrs.mode & S_IFMT;
    const special = type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK;
    if ((mask & MAY_WRITE) && !special && loc.mount.readOnly) fail(EROFS, "access", path);
  }

  /** Directory entries, after opening the directory for reading (MAY_READ). */
  readdir(task: Task, path: string): { loc: Location; names: string[] } {
    const loc = resolve(task, path, { follow: true, syscall: "open" });
    const attrs = loc.node.attrs();
    if (!isDir(attrs.mode)) fail(ENOTDIR, "open", path);
    fail(inodePermission(task.creds, attrs, MAY_READ, loc.mount), "open", path);
    return { loc, names: loc.node.readdir(task) };
  }

  /** fs/open.c chdir(): a directory with search permission. */
  chdir(task: Task, path: string): Location {
    const loc = resolve(task, path, { follow: true, syscall: "chdir" });
    const attrs = loc.node.attrs();
    if (!isDir(attrs.mode)) fail(ENOTDIR, "chdir", path);
    fail(inodePermission(task.creds, attrs, MAY_EXEC, loc.mount), "chdir", path);
    return loc;
  }

  /** fs/open.c chroot(): like chdir, then CAP_SYS_CHROOT. */
  chroot(task: Task, path: string): Location {
    const loc = this.chdir(task, path);
    if (!capable(task.creds, Cap.SYS_CHROOT)) fail(EPERM, "chroot", path);
    return loc;
  }

  getcwd(task: Task): string {
    return pathFromRoot(task, task.cwd);
  }

  realpath(task: Task, path: string): string {
    return pathFromRoot(task, resolve(task, path, { follow: true, syscall: "realpath" }));
  }

  /** Convenience for commands: the whole file. */
  async readFile(task: Task, path: string): Promise<string> {
    const file = this.open(task, path, { read: true });
    let out = "";
    for (;;) {
      const chunk = await file.read(1 << 20);
      if (chunk === "") return out;
      out += chunk;
    }
  }
}
