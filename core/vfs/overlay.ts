// overlayfs: a container's root filesystem. The lower layer is the image's frozen inode tree,
// shared by every container of every learner; the upper layer holds this container's changes.
// Mirrors fs/overlayfs: copy-up on the first change of a lower object (data, chmod, chown, utime),
// whiteouts for deleted lower entries, opaque directories, merged-directory readdir, and
// ovl_getattr() reporting nlink 1 for merged directories.

import { EXDEV, SyscallError } from "../kernel/errno.js";
import type { FileCapabilities } from "../kernel/exec.js";
import { type DirSizing, Inode, WHITEOUT, copyInode, isWhiteout } from "./inode.js";
import type { Attrs, Caller, FileSystem, NewNode, SetAttrs, StatFs, VNode } from "./node.js";
import type { Quota } from "./quota.js";
import {
  type FsContext, inodeAttrs, newInode, setattrInode, touchDir, truncateInode, unlinkInode, writeInode,
} from "./tree-fs.js";

export class OverlayFs implements FileSystem {
  readonly type = "overlay";
  readonly readOnly = false;
  readonly sizing: DirSizing = "ext4";
  readonly upperRoot: Inode;

  constructor(
    readonly dev: number,
    readonly lowerRoot: Inode,
    readonly ctx: FsContext,
    readonly quota: Quota | undefined,
  ) {
    this.upperRoot = copyInode(lowerRoot, lowerRoot.ino);
  }

  root(): VNode {
    return new OverlayNode(this, undefined, "", this.upperRoot, this.lowerRoot);
  }

  statfs(): StatFs {
    const q = this.quota;
    const bytes = q?.bytesLimit ?? 64 * 1024 * 1024;
    return {
      type: this.type, blockSize: 4096, blocks: Math.floor(bytes / 4096),
      blocksFree: Math.floor((q?.bytesFree ?? bytes) / 4096),
      files: q?.inodesLimit ?? 16384, filesFree: (q?.inodesLimit ?? 16384) - (q?.inodesUsed ?? 0),
    };
  }

  /** What this container changed: upper-layer paths, with `(whiteout)` for deletions. */
  upperEntries(): string[] {
    const out: string[] = [];
    const walk = (dir: Inode, prefix: string) => {
      for (const [name, entry] of dir.entries ?? []) {
        const path = `${prefix}/${name}`;
        if (isWhiteout(entry)) out.push(`${path} (whiteout)`);
        else {
          out.push(entry.isDir && entry.opaque ? `${path} (opaque)` : path);
          if (entry.isDir) walk(entry, path);
        }
      }
    };
    walk(this.upperRoot, "");
    return out;
  }
}

export class OverlayNode implements VNode {
  constructor(
    readonly fs: OverlayFs,
    private readonly parent: OverlayNode | undefined,
    private readonly name: string,
    private upper: Inode | undefined,
    private readonly lower: Inode | undefined,
  ) {}

  get identity(): object {
    return this.lower ?? this.upper!;
  }

  private get real(): Inode {
    return this.upper ?? this.lower!;
  }

  attrs(): Attrs {
    const real = this.real;
    const merged = real.isDir && this.upper !== undefined && this.lower !== undefined;
    return inodeAttrs(this.fs, real, merged ? { nlink: 1 } : undefined);
  }

  lookup(name: string, _caller?: Caller): OverlayNode | undefined {
    const upperEntry = this.upper?.entries?.get(name);
    if (isWhiteout(upperEntry)) return undefined;
    const lowerDir = this.upper?.opaque ? undefined : this.lower;
    const lowerEntry = lowerDir?.entries?.get(name) as Inode | undefined;
    if (upperEntry !== undefined) {
      const mergeLower = upperEntry.isDir && !upperEntry.opaque && lowerEntry?.isDir ? lowerEntry : undefined;
      return new OverlayNode(this.fs, this, name, upperEntry, mergeLower);
    }
    return lowerEntry === undefined ? undefined : new OverlayNode(this.fs, this, name, undefined, lowerEntry);
  }

  /** ovl_dir_read_merged(): upper entries first, then lower ones not hidden or already seen. */
  readdir(_caller: Caller): string[] {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const [name, entry] of this.upper?.entries ?? []) {
      seen.add(name);
      if (!isWhiteout(entry)) names.push(name);
    }
    if (!this.upper?.opaque) for (const name of this.lower?.entries?.keys() ?? []) if (!seen.has(name)) names.push(name);
    return names;
  }

  read(_caller: Caller): string {
    return this.real.data;
  }

  readlink(_caller: Caller): string {
    return this.real.data;
  }

  fileCaps(): FileCapabilities | undefined {
    return this.real.fileCaps;
  }

  /** ovl_copy_up(): makes this object (and its parents) exist in the upper layer. */
  copyUp(): Inode {
    if (this.upper !== undefined) return this.upper;
    const parentUpper = this.parent!.copyUp();
    const lower = this.lower!;
    this.fs.quota?.chargeInode("copy_up");
    if (!lower.isDir) {
      try {
        this.fs.quota?.chargeBytes(lower.data.length, "copy_up");
      } catch (err) {
        this.fs.quota?.releaseInode(0);
        throw err;
      }
    }
    // The copy keeps the lower inode number (layers on one filesystem, as containerd's snapshots).
    const copy = copyInode(lower, lower.ino);
    parentUpper.addEntry(this.name, copy);
    this.upper = copy;
    return copy;
  }

  write(data: string, offset: number | "append"): void {
    writeInode(this.copyUp(), data, offset, this.fs.ctx.now(), this.fs.quota);
  }

  truncate(size: number): void {
    truncateInode(this.copyUp(), size, this.fs.ctx.now(), this.fs.quota);
  }

  setattr(change: SetAttrs): void {
    setattrInode(this.copyUp(), change, this.fs.ctx.now());
  }

  create(name: string, init: NewNode): VNode {
    const dir = this.copyUp();
    const now = this.fs.ctx.now();
    const inode = newInode(init, this.fs.ctx.nextIno(), now, this.fs.quota);
    // A directory created over a whiteout is opaque: the deleted lower directory stays hidden.
    if (inode.isDir && isWhiteout(dir.entries!.get(name))) inode.opaque = true;
    dir.addEntry(name, inode);
    touchDir(dir, now);
    return new OverlayNode(this.fs, this, name, inode, undefined);
  }

  link(name: string, target: VNode): void {
    if (!(target instanceof OverlayNode) || target.fs !== this.fs) throw new SyscallError(EXDEV, "link");
    const inode = target.copyUp();
    const dir = this.copyUp();
    inode.links++;
    inode.ctime = this.fs.ctx.now();
    dir.addEntry(name, inode);
    touchDir(dir, this.fs.ctx.now());
  }

  private hasLower(name: string): boolean {
    return !this.upper?.opaque && this.lower?.entries?.has(name) === true;
  }

  remove(name: string): void {
    const dir = this.copyUp();
    const now = this.fs.ctx.now();
    const upperEntry = dir.entries!.get(name);
    if (upperEntry !== undefined && !isWhiteout(upperEntry)) unlinkInode(upperEntry, now, this.fs.quota);
    if (this.hasLower(name)) dir.addEntry(name, WHITEOUT);
    else dir.removeEntry(name);
    touchDir(dir, now);
  }

  rename(name: string, toDir: VNode, toName: string): void {
    if (!(toDir instanceof OverlayNode) || toDir.fs !== this.fs) throw new SyscallError(EXDEV, "rename");
    const source = this.lookup(name);
    if (source === undefined) return;
    // Without redirect_dir, overlayfs refuses to rename a directory that has lower content.
    if (source.real.isDir && source.lower !== undefined) throw new SyscallError(EXDEV, "rename");
    const inode = source.copyUp();
    const now = this.fs.ctx.now();
    const fromDir = this.copyUp();
    const targetDir = toDir.copyUp();
    const replaced = targetDir.entries!.get(toName);
    if (replaced !== undefined && !isWhiteout(replaced) && replaced !== inode) unlinkInode(replaced, now, this.fs.quota);
    if (this.hasLower(name)) fromDir.addEntry(name, WHITEOUT);
    else fromDir.removeEntry(name);
    if (inode.isDir && toDir.hasLower(toName)) inode.opaque = true;
    targetDir.addEntry(toName, inode);
    inode.ctime = now;
    touchDir(fromDir, now);
    touchDir(targetDir, now);
  }
}
