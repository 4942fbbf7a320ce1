// Path resolution (fs/namei.c link_path_walk): search permission on every directory, symlinks
// (ELOOP after 40), "." and "..", crossing into mounts and back out of them.

import type { Credentials } from "../kernel/credentials.js";
import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, type Errno, SyscallError } from "../kernel/errno.js";
import { MAY_EXEC, S_IFLNK, S_IFMT, inodePermission, isDir } from "../kernel/permission.js";
import type { Mount, MountNamespace } from "./mount.js";
import type { Caller, VNode } from "./node.js";

/** A resolved name: the node, the mount it was reached through, and how it was reached. */
export interface Location {
  readonly mount: Mount;
  readonly node: VNode;
  /** Absolute path in the mount namespace. */
  readonly path: string;
  /** The directory it was looked up in (undefined at the namespace root). */
  readonly parent: Location | undefined;
}

/** The view of the filesystem a process walks with. */
export interface Task extends Caller {
  readonly creds: Credentials;
  readonly cwd: Location;
  readonly root: Location;
  readonly umask: number;
  readonly mnt: MountNamespace;
}

export const MAXSYMLINKS = 40;
export const NAME_MAX = 255;
export const PATH_MAX = 4096;

export const childPath = (dir: string, name: string) => (dir === "/" ? `/${name}` : `${dir}/${name}`);

export function rootLocation(mnt: MountNamespace): Location {
  return { mount: mnt.root, node: mnt.root.root, path: "/", parent: undefined };
}

const fail = (errno: Errno, syscall: string, path: string): never => {
  throw new SyscallError(errno, syscall, path);
};

export interface WalkOptions {
  /** Follow a symlink in the last component (stat vs lstat). */
  follow: boolean;
  syscall: string;
}

interface WalkState {
  links: number;
}

/** Steps from `dir` into `name`, crossing onto a mount if one sits there. */
function step(task: Task, dir: Location, name: string, syscall: string, path: string): Location | undefined {
  if (name === ".") return dir;
  if (name === "..") {
    if (dir.path === task.root.path || dir.parent === undefined) return dir;
    return dir.parent;
  }
  const node = dir.node.lookup(name, task);
  if (node === undefined) return undefined;
  const p = childPath(dir.path, name);
  const mounted = task.mnt.at(p);
  if (mounted !== undefined) return { mount: mounted, node: mounted.root, path: p, parent: dir };
  if (name.length > NAME_MAX) fail(ENAMETOOLONG, syscall, path);
  return { mount: dir.mount, node, path: p, parent: dir };
}

function walk(task: Task, start: Location, components: string[], opts: WalkOptions, path: string, state: WalkState): Location {
  let cur = start;
  for (let i = 0; i < components.length; i++) {
    const name = components[i]!;
    const attrs = cur.node.attrs();
    if (!isDir(attrs.mode)) fail(ENOTDIR, opts.syscall, path);
    const denied = inodePermission(task.creds, attrs, MAY_EXEC, cur.mount);
    if (denied) fail(denied, opts.syscall, path);
    if (name.length > NAME_MAX) fail(ENAMETOOLONG, opts.syscall, path);
    const next = step(task, cur, name, opts.syscall, path);
    if (next === undefined) fail(ENOENT, opts.syscall, path);
    const last = i === components.length - 1;
    const nextMode = next!.node.attrs().mode;
    if ((nextMode & S_IFMT) === S_IFLNK && (!last || opts.follow)) {
      if (++state.links > MAXSYMLINKS) fail(ELOOP, opts.syscall, path);
      const target = next!.node.readlink(task);
      if (target === "") fail(ENOENT, opts.syscall, path);
      const base = target.startsWith("/") ? task.root : cur;
      cur = walk(task, base, splitPath(target), { ...opts, follow: true }, path, state);
      continue;
    }
    cur = next!;
  }
  return cur;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((c) => c !== "");
}

function checkPath(path: string, syscall: string): void {
  if (path === "") fail(ENOENT, syscall, path);
  if (path.length >= PATH_MAX) fail(ENAMETOOLONG, syscall, path);
}

/** Resolves a whole path. A trailing slash requires a directory and follows a final symlink. */
export function resolve(task: Task, path: string, opts: WalkOptions): Location {
  checkPath(path, opts.syscall);
  const trailingSlash = path.length > 1 && path.endsWith("/");
  const loc = walk(task, path.startsWith("/") ? task.root : task.cwd, splitPath(path), { ...opts, follow: opts.follow || trailingSlash }, path, { links: 0 });
  if (trailingSlash && !isDir(loc.node.attrs().mode)) fail(ENOTDIR, opts.syscall, path);
  return loc;
}

export type LastType = "normal" | "dot" | "dotdot" | "root";

/** filename_parentat(): the directory that holds the last component, and that component. */
export interface ParentLookup {
  readonly dir: Location;
  readonly name: string;
  readonly type: LastType;
  readonly trailingSlash: boolean;
}

export function resolveParent(task: Task, path: string, syscall: string): ParentLookup {
  checkPath(path, syscall);
  const components = splitPath(path);
  const trailingSlash = path.length > 1 && path.endsWith("/");
  const start = path.startsWith("/") ? task.root : task.cwd;
  if (components.length === 0) return { dir: start, name: "", type: "root", trailingSlash };
  const name = components.pop()!;
  const dir = walk(task, start, components, { follow: true, syscall }, path, { links: 0 });
  const attrs = dir.node.attrs();
  if (!isDir(attrs.mode)) fail(ENOTDIR, syscall, path);
  const type: LastType = name === "." ? "dot" : name === ".." ? "dotdot" : "normal";
  return { dir, name, type, trailingSlash };
}

/** Looks up the last component in an already resolved parent (search permission checked). */
export function lookupLast(task: Task, parent: ParentLookup, syscall: string, path: string): Location | undefined {
  const attrs = parent.dir.node.attrs();
  const denied = inodePermission(task.creds, attrs, MAY_EXEC, parent.dir.mount);
  if (denied) fail(denied, syscall, path);
  if (parent.name.length > NAME_MAX) fail(ENAMETOOLONG, syscall, path);
  return step(task, parent.dir, parent.name, syscall, path);
}

/** getcwd(2): the path of a location as seen from the task's root. */
export function pathFromRoot(task: Task, loc: Location): string {
  const root = task.root.path;
  if (root === "/") return loc.path;
  if (loc.path === root) return "/";
  return loc.path.startsWith(`${root}/`) ? loc.path.slice(root.length) : loc.path;
}

