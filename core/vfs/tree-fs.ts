// A filesystem that is one tree of inodes: the node's ext4 (emptyDir volumes, kubelet files),
// tmpfs (/dev, /dev/shm), and the builder of image layers.

import { EINVAL, EXDEV, SyscallError } from "../kernel/errno.js";
import type { FileCapabilities } from "../kernel/exec.js";
import { S_IFDIR, S_IFLNK, S_IFMT } from "../kernel/permission.js";
import { type DirSizing, Inode, isWhiteout } from "./inode.js";
import type { Attrs, Caller, FileSystem, NewNode, SetAttrs, StatFs, VNode } from "./node.js";
import type { Quota } from "./quota.js";

export interface FsContext {
  /** The clock, for mtime/ctime of changes. */
  now(): number;
  /** Inode numbers: unique per node. */
  nextIno(): number;
}

export interface TreeFsOptions {
  dev: number;
  type: string;
  sizing: DirSizing;
  ctx: FsContext;
  quota?: Quota;
  readOnly?: boolean;
  /** The root directory; a new empty one (mode 0755 root:root) when omitted. */
  root?: Inode;
  /** statfs totals for df (default: 64 MiB and 16384 inodes; nothing for "zero" sizing). */
  capacity?: { bytes: number; files: number };
}

export class TreeFs implements FileSystem {
  readonly dev: number;
  readonly type: string;
  readonly sizing: DirSizing;
  readonly ctx: FsContext;
  readonly quota: Quota | undefined;
  readonly readOnly: boolean;
  readonly rootInode: Inode;
  private readonly capacity: { bytes: number; files: number };

  constructor(opts: TreeFsOptions) {
    this.dev = opts.dev;
    this.type = opts.type;
    this.sizing = opts.sizing;
    this.ctx = opts.ctx;
    this.quota = opts.quota;
    this.readOnly = opts.readOnly ?? false;
    this.rootInode = opts.root ?? new Inode({ ino: opts.ctx.nextIno(), mode: S_IFDIR | 0o755, uid: 0, gid: 0, time: opts.ctx.now() });
    // Pseudo filesystems (sysfs, devpts, mqueue, cgroup2: sizing "zero") report no blocks or inodes.
    this.capacity = opts.capacity ?? (opts.sizing === "zero" ? { bytes: 0, files: 0 } : { bytes: 64 * 1024 * 1024, files: 16384 });
  }

  root(): VNode {
    return new TreeNode(this, this.rootInode);
  }

  node(inode: Inode): TreeNode {
    return new TreeNode(this, inode);
  }

  statfs(): StatFs {
    const used = this.quota?.bytesUsed ?? 0;
    const usedFiles = this.quota?.inodesUsed ?? 0;
    const bytes = this.quota?.bytesLimit ?? this.capacity.bytes;
    const files = this.quota?.inodesLimit ?? this.capacity.files;
    return {
      type: this.type, blockSize: 4096,
      blocks: Math.floor(bytes / 4096), blocksFree: Math.floor(Math.max(0, bytes - used) / 4096),
      files, filesFree: Math.max(0, files - usedFiles),
    };
  }
}

/** stat for an inode of a given filesystem. */
export function inodeAttrs(fs: { dev: number; sizing: DirSizing }, inode: Inode, override?: Partial<Attrs>): Attrs {
  return {
    dev: fs.dev, ino: inode.ino, mode: inode.mode, nlink: inode.nlink, uid: inode.uid, gid: inode.gid,
    rdev: inode.rdev, size: inode.size(fs.sizing), blocks: inode.blocks(fs.sizing), blksize: 4096,
    atime: inode.atime, mtime: inode.mtime, ctime: inode.ctime,
    ...override,
  };
}

// Shared inode operations, used by TreeFs and by the upper layer of OverlayFs.

export function writeInode(inode: Inode, data: string, offset: number | "append", now: number, quota?: Quota): void {
  inode.assertWritable();
  const old = inode.data;
  const at = offset === "append" ? old.length : offset;
  const grown = Math.max(old.length, at + data.length);
  quota?.chargeBytes(grown - old.length);
  if (at === old.length) inode.data = old + data;
  else if (at > old.length) inode.data = old + "\0".repeat(at - old.length) + data;
  else inode.data = old.slice(0, at) + data + old.slice(at + data.length);
  inode.mtime = inode.ctime = now;
}

export function truncateInode(inode: Inode, size: number, now: number, quota?: Quota): void {
  inode.assertWritable();
  if (size < 0) throw new SyscallError(EINVAL, "truncate");
  const old = inode.data;
  quota?.chargeBytes(size - old.length, "truncate");
  inode.data = size <= old.length ? old.slice(0, size) : old + "\0".repeat(size - old.length);
  inode.mtime = inode.ctime = now;
}

export function setattrInode(inode: Inode, change: SetAttrs, now: number): void {
  inode.assertWritable();
  if (change.mode !== undefined) inode.mode = (inode.mode & S_IFMT) | (change.mode & 0o7777);
  if (change.uid !== undefined) inode.uid = change.uid;
  if (change.gid !== undefined) inode.gid = change.gid;
  if (change.atime !== undefined) inode.atime = change.atime;
  if (change.mtime !== undefined) inode.mtime = change.mtime;
  inode.ctime = now;
}

export function newInode(init: NewNode, ino: number, now: number, quota?: Quota): Inode {
  quota?.chargeInode(init.target !== undefined ? "symlink" : "open");
  if (init.target !== undefined) {
    try {
      quota?.chargeBytes(init.target.length, "symlink");
    } catch (err) {
      quota?.releaseInode(0);
      throw err;
    }
  }
  const inode = new Inode({ ino, mode: init.mode, uid: init.uid, gid: init.gid, time: now, rdev: init.rdev ?? 0, data: init.target ?? "" });
  return inode;
}

/** Drops one link to an inode; the last one frees its bytes and the inode from the quota. */
export function unlinkInode(inode: Inode, now: number, quota?: Quota): void {
  if (inode.isDir) {
    quota?.releaseInode(0);
    return;
  }
  inode.links--;
  inode.ctime = now;
  if (inode.links <= 0) quota?.releaseInode(inode.data.length);
}

/** Gives back the quota of a whole subtree that is being discarded (a deleted pod's files). */
export function releaseTree(inode: Inode, quota: Quota | undefined): void {
  if (quota === undefined) return;
  const seen = new Set<Inode>();
  const walk = (n: Inode) => {
    if (seen.has(n) || n.frozen) return;
    seen.add(n);
    for (const e of n.entries?.values() ?? []) if (!isWhiteout(e)) walk(e);
    quota.releaseInode(n.isDir ? 0 : n.data.length);
  };
  walk(inode);
}

export function touchDir(dir: Inode, now: number): void {
  dir.mtime = dir.ctime = now;
}

export class TreeNode implements VNode {
  constructor(
    readonly fs: TreeFs,
    readonly inode: Inode,
  ) {}

  get identity(): object {
    return this.inode;
  }

  attrs(): Attrs {
    return inodeAttrs(this.fs, this.inode);
  }

  lookup(name: string, _caller: Caller): VNode | undefined {
    const entry = this.inode.entries?.get(name);
    return entry === undefined || isWhiteout(entry) ? undefined : new TreeNode(this.fs, entry);
  }

  readdir(_caller: Caller): string[] {
    return [...(this.inode.entries?.keys() ?? [])];
  }

  read(_caller: Caller): string {
    return this.inode.data;
  }

  readlink(_caller: Caller): string {
    if ((this.inode.mode & S_IFMT) !== S_IFLNK) throw new SyscallError(EINVAL, "readlink");
    return this.inode.data;
  }

  fileCaps(): FileCapabilities | undefined {
    return this.inode.fileCaps;
  }

  write(data: string, offset: number | "append"): void {
    writeInode(this.inode, data, offset, this.fs.ctx.now(), this.fs.quota);
  }

  truncate(size: number): void {
    truncateInode(this.inode, size, this.fs.ctx.now(), this.fs.quota);
  }

  setattr(change: SetAttrs): void {
    setattrInode(this.inode, change, this.fs.ctx.now());
  }

  create(name: string, init: NewNode): VNode {
    const now = this.fs.ctx.now();
    const inode = newInode(init, this.fs.ctx.nextIno(), now, this.fs.quota);
    this.inode.addEntry(name, inode);
    touchDir(this.inode, now);
    return new TreeNode(this.fs, inode);
  }

  link(name: string, target: VNode): void {
    if (!(target instanceof TreeNode) || target.fs !== this.fs) throw new SyscallError(EXDEV, "link");
    target.inode.links++;
    target.inode.ctime = this.fs.ctx.now();
    this.inode.addEntry(name, target.inode);
    touchDir(this.inode, this.fs.ctx.now());
  }

  remove(name: string): void {
    const now = this.fs.ctx.now();
    const entry = this.inode.removeEntry(name);
    if (entry !== undefined && !isWhiteout(entry)) unlinkInode(entry, now, this.fs.quota);
    touchDir(this.inode, now);
  }

  rename(name: string, toDir: VNode, toName: string): void {
    if (!(toDir instanceof TreeNode) || toDir.fs !== this.fs) throw new SyscallError(EXDEV, "rename");
    const now = this.fs.ctx.now();
    const entry = this.inode.entries?.get(name);
    if (entry === undefined || isWhiteout(entry)) return;
    const replaced = toDir.inode.entries?.get(toName);
    if (replaced !== undefined && !isWhiteout(replaced) && replaced !== entry) unlinkInode(replaced, now, this.fs.quota);
    this.inode.removeEntry(name);
    toDir.inode.addEntry(toName, entry);
    entry.ctime = now;
    touchDir(this.inode, now);
    touchDir(toDir.inode, now);
  }
}
