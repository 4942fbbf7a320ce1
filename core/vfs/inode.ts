// In-memory inodes: the storage of every writable layer and of the frozen image layers.
// Byte contents are "byte strings": one char per byte (0..255), so sizes and offsets are exact.

import type { FileCapabilities } from "../kernel/exec.js";
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, isDir } from "../kernel/permission.js";

/** An overlayfs whiteout: hides a lower-layer entry (a 0/0 character device on real overlayfs). */
export const WHITEOUT = Object.freeze({ whiteout: true as const });
export type Whiteout = typeof WHITEOUT;
export type DirEntry = Inode | Whiteout;
export const isWhiteout = (e: DirEntry | undefined): e is Whiteout => e === WHITEOUT;

/** How a filesystem reports directory sizes. */
export type DirSizing = "ext4" | "tmpfs" | "zero";

export interface InodeInit {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  time: number;
  rdev?: number;
  data?: string;
}

export class Inode {
  readonly ino: number;
  mode: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
  ctime: number;
  rdev: number;
  /** Hard links to a non-directory. Directories report 2 + subdirectories instead. */
  links = 1;
  /** Regular file bytes, or a symlink's target. */
  data: string;
  /** Directory entries in readdir order. */
  entries: Map<string, DirEntry> | undefined;
  subdirs = 0;
  /** ext4 directories grow in blocks and never shrink; tracks the largest size reached. */
  dirBytes = 24;
  /** overlayfs `trusted.overlay.opaque`: the lower directory is not merged in. */
  opaque = false;
  fileCaps: FileCapabilities | undefined;
  frozen = false;

  constructor(init: InodeInit) {
    this.ino = init.ino;
    this.mode = init.mode;
    this.uid = init.uid;
    this.gid = init.gid;
    this.atime = this.mtime = this.ctime = init.time;
    this.rdev = init.rdev ?? 0;
    this.data = init.data ?? "";
    this.entries = isDir(init.mode) ? new Map() : undefined;
  }

  get type(): number {
    return this.mode & S_IFMT;
  }

  get isDir(): boolean {
    return this.type === S_IFDIR;
  }

  get nlink(): number {
    return this.isDir ? 2 + this.subdirs : this.links;
  }

  /** st_size as the filesystem reports it. */
  size(sizing: DirSizing): number {
    if (this.type === S_IFREG || this.type === S_IFLNK) return this.data.length;
    if (!this.isDir) return 0;
    if (sizing === "zero") return 0;
    if (sizing === "tmpfs") return 40 + 20 * (this.entries?.size ?? 0); // mm/shmem.c BOGO_DIRENT_SIZE
    // ext4: linear directories fill one 4 KiB block; past it, dx (htree) adds a root block.
    const blocks = Math.ceil(this.dirBytes / 4096);
    return (blocks <= 1 ? 1 : blocks + 1) * 4096;
  }

  /** st_blocks in 512-byte units: whole 4 KiB pages or blocks, as ext4 and tmpfs allocate. */
  blocks(sizing: DirSizing): number {
    if (this.type === S_IFLNK) return sizing === "ext4" && this.data.length >= 60 ? 8 : 0; // ext4 fast symlinks
    if (this.isDir && sizing !== "ext4") return 0;
    return Math.ceil(this.size(sizing) / 4096) * 8;
  }

  assertWritable(): void {
    if (this.frozen) throw new Error(`inode ${this.ino} belongs to a frozen image layer`);
  }

  // Directory mutation. Callers check permissions, quotas and types first.

  addEntry(name: string, entry: DirEntry): void {
    this.assertWritable();
    const entries = this.entries!;
    const previous = entries.get(name);
    if (previous !== undefined && !isWhiteout(previous) && previous.isDir) this.subdirs--;
    entries.set(name, entry);
    if (!isWhiteout(entry) && entry.isDir) this.subdirs++;
    if (previous === undefined) this.dirBytes += 8 + ((name.length + 3) & ~3); // ext4 rec_len
  }

  removeEntry(name: string): DirEntry | undefined {
    this.assertWritable();
    const entry = this.entries!.get(name);
    if (entry === undefined) return undefined;
    this.entries!.delete(name);
    if (!isWhiteout(entry) && entry.isDir) this.subdirs--;
    return entry;
  }

  freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    for (const entry of this.entries?.values() ?? []) if (!isWhiteout(entry)) entry.freeze();
  }
}

/** A copy for overlayfs copy-up: same metadata and bytes (strings are immutable, so O(1)). */
export function copyInode(src: Inode, ino: number): Inode {
  const copy = new Inode({ ino, mode: src.mode, uid: src.uid, gid: src.gid, time: src.mtime, rdev: src.rdev, data: src.data });
  copy.atime = src.atime;
  copy.ctime = src.ctime;
  copy.fileCaps = src.fileCaps;
  return copy;
}

export const makedev = (major: number, minor: number) => (major << 8) | minor;
export const major = (dev: number) => dev >> 8;
export const minor = (dev: number) => dev & 0xff;
