// Builds an image's root filesystem as a tree of inodes, once per server process; the result is
// frozen and shared by every container of every learner (the overlay's lower layer).

import type { FileCapabilities } from "../kernel/exec.js";
import { S_IFCHR, S_IFDIR, S_IFLNK, S_IFREG } from "../kernel/permission.js";
import { Inode, isWhiteout, makedev } from "../vfs/inode.js";
import { elfImage } from "../kernel/binfmt.js";

export interface Owner {
  uid?: number;
  gid?: number;
}

export class ImageBuilder {
  readonly root: Inode;
  private ino: number;

  constructor(
    /** The mtime of every file unless given (the image's build time). */
    readonly time: number,
    inoBase: number,
  ) {
    this.ino = inoBase;
    this.root = new Inode({ ino: this.ino++, mode: S_IFDIR | 0o755, uid: 0, gid: 0, time });
  }

  private parentOf(path: string): { dir: Inode; name: string } {
    const parts = path.split("/").filter(Boolean);
    const name = parts.pop()!;
    let dir = this.root;
    for (const part of parts) {
      let next = dir.entries!.get(part);
      if (next === undefined) {
        next = new Inode({ ino: this.ino++, mode: S_IFDIR | 0o755, uid: 0, gid: 0, time: this.time });
        dir.addEntry(part, next);
      }
      if (isWhiteout(next) || !next.isDir) throw new Error(`image path ${path}: ${part} is not a directory`);
      dir = next;
    }
    return { dir, name };
  }

  private add(path: string, mode: number, owner: Owner, data = "", time = this.time): Inode {
    const { dir, name } = this.parentOf(path);
    const existing = dir.entries!.get(name);
    if (existing !== undefined && !isWhiteout(existing) && existing.isDir && (mode & S_IFDIR)) {
      existing.mode = mode;
      existing.uid = owner.uid ?? 0;
      existing.gid = owner.gid ?? 0;
      return existing;
    }
    const inode = new Inode({ ino: this.ino++, mode, uid: owner.uid ?? 0, gid: owner.gid ?? 0, time, data });
    dir.addEntry(name, inode);
    return inode;
  }

  dir(path: string, perm = 0o755, owner: Owner = {}): this {
    this.add(path, S_IFDIR | perm, owner);
    return this;
  }

  file(path: string, content: string, perm = 0o644, owner: Owner = {}): this {
    this.add(path, S_IFREG | perm, owner, content);
    return this;
  }

  /** An emulated executable: an ELF file naming its program (core/kernel/binfmt.ts). */
  binary(path: string, exe: { program: string; version: string; variant: string; tool?: string; size: number }, perm = 0o755, owner: Owner = {}, caps?: FileCapabilities): this {
    const inode = this.add(path, S_IFREG | perm, owner, elfImage(exe.program, exe.version, exe.variant, exe.tool ?? "", exe.size));
    inode.fileCaps = caps;
    return this;
  }

  symlink(path: string, target: string): this {
    this.add(path, S_IFLNK | 0o777, {}, target);
    return this;
  }

  /** A hard link to an existing file. */
  hardlink(path: string, existing: string): this {
    const target = this.get(existing);
    if (target.isDir) throw new Error(`cannot hard-link directory ${existing}`);
    const { dir, name } = this.parentOf(path);
    target.links++;
    dir.addEntry(name, target);
    return this;
  }

  chr(path: string, major: number, minor: number, perm = 0o666): this {
    const inode = this.add(path, S_IFCHR | perm, {});
    inode.rdev = makedev(major, minor);
    return this;
  }

  get(path: string): Inode {
    let node = this.root;
    for (const part of path.split("/").filter(Boolean)) {
      const next = node.entries?.get(part);
      if (next === undefined || isWhiteout(next)) throw new Error(`image has no ${path}`);
      node = next;
    }
    return node;
  }

  /** Sets the mtime of a path (directories get the time of their last change). */
  touch(path: string, time: number): this {
    const inode = this.get(path);
    inode.atime = inode.mtime = inode.ctime = time;
    return this;
  }

  build(): Inode {
    this.root.freeze();
    return this.root;
  }
}

/** /etc/passwd, /etc/group, /etc/shadow lines as an image file's contents. */
export const lines = (...rows: string[]) => rows.map((r) => `${r}\n`).join("");
