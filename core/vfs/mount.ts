// The mount table of one mount namespace (a container's view). Mounts are keyed by the absolute
// path of their mountpoint; the last mount at a path hides earlier ones, as on Linux.

import { INIT_MNT_INO } from "../kernel/namespaces.js";
import type { MountFlags } from "../kernel/permission.js";
import type { FileSystem, VNode } from "./node.js";

export interface MountOptions {
  readOnly?: boolean;
  nosuid?: boolean;
  nodev?: boolean;
  noexec?: boolean;
  /** The source column of /proc/mounts (device or "tmpfs", "proc", "overlay"). */
  source?: string;
  /** Filesystem-specific options shown after the generic ones (e.g. "size=65536k,mode=755"). */
  data?: string;
  /** For bind mounts: the path of the mounted root inside its filesystem (mountinfo field 4). */
  fsRoot?: string;
  /** Access-time mode; "strictatime" prints nothing in /proc/mounts (runc's /dev). */
  atime?: "relatime" | "strictatime" | "noatime";
}

export class Mount implements MountFlags {
  readonly readOnly: boolean;
  readonly nosuid: boolean;
  readonly nodev: boolean;
  readonly noexec: boolean;
  readonly source: string;
  readonly data: string;
  readonly fsRoot: string;
  readonly atime: "relatime" | "strictatime" | "noatime";

  constructor(
    readonly id: number,
    readonly parentId: number,
    readonly mountpoint: string,
    readonly root: VNode,
    opts: MountOptions,
  ) {
    this.readOnly = opts.readOnly ?? false;
    this.nosuid = opts.nosuid ?? false;
    this.nodev = opts.nodev ?? false;
    this.noexec = opts.noexec ?? false;
    this.source = opts.source ?? root.fs.type;
    this.data = opts.data ?? "";
    this.fsRoot = opts.fsRoot ?? "/";
    this.atime = opts.atime ?? "relatime";
  }

  get fs(): FileSystem {
    return this.root.fs;
  }

  get sbReadOnly(): boolean {
    return this.fs.readOnly;
  }

  /** Per-mount options (fs/proc_namespace.c show_mnt_opts): rw|ro, nosuid, nodev, noexec, atime. */
  get mountOptions(): string {
    const opts = [this.readOnly || this.sbReadOnly ? "ro" : "rw"];
    if (this.nosuid) opts.push("nosuid");
    if (this.nodev) opts.push("nodev");
    if (this.noexec) opts.push("noexec");
    if (this.atime !== "strictatime") opts.push(this.atime);
    return opts.join(",");
  }

  /** The options column of /proc/mounts: the mount's options, then the filesystem's data. */
  get options(): string {
    return this.data === "" ? this.mountOptions : `${this.mountOptions},${this.data}`;
  }
}

export class MountNamespace {
  /** /proc/<pid>/ns/mnt: the runtime gives each container a new one. */
  inum = INIT_MNT_INO;
  private readonly list: Mount[] = [];
  private readonly byPath = new Map<string, Mount>();
  private nextId: number;

  constructor(root: VNode, opts: MountOptions, firstId = 1000) {
    this.nextId = firstId;
    const mount = new Mount(this.nextId++, this.nextId - 2, "/", root, opts);
    this.list.push(mount);
    this.byPath.set("/", mount);
  }

  get root(): Mount {
    return this.list[0]!;
  }

  /** Mounts in the order they were made, as /proc/<pid>/mounts lists them. */
  get mounts(): readonly Mount[] {
    return this.list;
  }

  /** The top-most mount whose mountpoint is exactly `path`. */
  at(path: string): Mount | undefined {
    return this.byPath.get(path);
  }

  /** The mount containing `path` (the longest mountpoint prefix). */
  containing(path: string): Mount {
    for (let p = path; ; p = p.slice(0, Math.max(1, p.lastIndexOf("/")))) {
      const m = this.byPath.get(p);
      if (m !== undefined) return m;
      if (p === "/") return this.root;
    }
  }

  mount(mountpoint: string, root: VNode, opts: MountOptions = {}): Mount {
    const parent = this.containing(mountpoint);
    const mount = new Mount(this.nextId++, parent.id, mountpoint, root, opts);
    this.list.push(mount);
    this.byPath.set(mountpoint, mount);
    return mount;
  }

  /**
   * Removes the top-most mount at `path` (fs/namespace.c do_umount): "not mounted" when none
   * is there, "busy" while other mounts sit below it. The mount it covered shows again.
   */
  unmount(path: string): "ok" | "not mounted" | "busy" {
    const mount = this.byPath.get(path);
    if (mount === undefined || mount === this.root) return "not mounted";
    if (this.list.some((m) => m.parentId === mount.id)) return "busy";
    this.list.splice(this.list.indexOf(mount), 1);
    const covered = [...this.list].reverse().find((m) => m.mountpoint === path);
    if (covered === undefined) this.byPath.delete(path);
    else this.byPath.set(path, covered);
    return "ok";
  }

  /** True when some mount sits on `path` (rmdir and rename refuse mountpoints with EBUSY). */
  isMountpoint(path: string): boolean {
    return path !== "/" && this.byPath.has(path);
  }
}
