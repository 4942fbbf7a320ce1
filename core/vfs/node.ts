// The interface every filesystem gives the VFS: a node per looked-up name. Filesystems store and
// generate; they never check permissions (core/vfs/vfs.ts does, with the caller's credentials).

import type { Credentials } from "../kernel/credentials.js";
import type { FileCapabilities } from "../kernel/exec.js";

/** struct stat, as the VFS reports it. Times are milliseconds since the epoch. */
export interface Attrs {
  readonly dev: number;
  readonly ino: number;
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly rdev: number;
  readonly size: number;
  readonly blocks: number;
  readonly blksize: number;
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
}

/** Who is asking: generated files (procfs) answer per reader, e.g. /proc/self. */
export interface Caller {
  readonly pid: number;
  readonly creds: Credentials;
}

export interface NewNode {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly rdev?: number;
  /** A symlink's target. */
  readonly target?: string;
}

export interface SetAttrs {
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
}

export interface StatFs {
  readonly type: string;
  readonly blockSize: number;
  readonly blocks: number;
  readonly blocksFree: number;
  readonly files: number;
  readonly filesFree: number;
}

export interface FileSystem {
  readonly dev: number;
  /** The name in /proc/mounts: ext4, overlay, tmpfs, proc, sysfs, devpts, mqueue. */
  readonly type: string;
  /** SB_RDONLY: the filesystem itself refuses writes. */
  readonly readOnly: boolean;
  root(): VNode;
  statfs(): StatFs;
}

export interface VNode {
  readonly fs: FileSystem;
  /** Stable identity of the underlying object, for "same file" and mountpoint bookkeeping. */
  readonly identity: object;
  attrs(): Attrs;
  lookup(name: string, caller: Caller): VNode | undefined;
  readdir(caller: Caller): string[];
  /** f_op->open: the filesystem's own check when an existing file is opened (procfs: ptrace access). */
  open?(caller: Caller, mode?: { read: boolean; write: boolean }): void;
  /** Whole contents of a regular or generated file. */
  read(caller: Caller): string;
  readlink(caller: Caller): string;
  fileCaps(): FileCapabilities | undefined;
  /** Writes bytes at `offset` (or at the end), growing the file; ENOSPC past the quota. */
  write(data: string, offset: number | "append"): void;
  truncate(size: number): void;
  setattr(change: SetAttrs): void;
  create(name: string, init: NewNode): VNode;
  link(name: string, target: VNode): void;
  /** Removes an entry (unlink or rmdir); the VFS has already checked types and emptiness. */
  remove(name: string): void;
  rename(name: string, toDir: VNode, toName: string): void;
}
