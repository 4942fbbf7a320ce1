// Volume ownership management as the kubelet does it (pkg/volume/volume_linux.go,
// kubernetes-behaviour.md §3.5): group := fsGroup on every file, files |= 0660 (ro: 0440),
// directories |= 02770 (ro: 02550), never removing bits; children first, the root last.

import { S_IFLNK, S_IFMT, S_ISGID } from "../kernel/permission.js";
import { type Inode, isWhiteout } from "./inode.js";

export type FSGroupChangePolicy = "Always" | "OnRootMismatch";

const RW_MASK = 0o660;
const RO_MASK = 0o440;
const EXEC_MASK = 0o110;

/** requiresPermissionChange(): does the volume root already carry the fsGroup ownership? */
export function requiresPermissionChange(root: Inode, fsGroup: number, readOnly: boolean): boolean {
  if (root.gid !== fsGroup) return true;
  if (!root.isDir) return true;
  const want = (readOnly ? RO_MASK : RW_MASK) | EXEC_MASK;
  const perm = root.mode & 0o777;
  return (want & perm) !== want || (root.mode & S_ISGID) === 0;
}

/** changeFilePermission() for one inode. */
function changeFilePermission(inode: Inode, fsGroup: number, readOnly: boolean, now: number): void {
  inode.gid = fsGroup; // os.Lchown(filename, -1, fsGroup)
  inode.ctime = now;
  if ((inode.mode & S_IFMT) === S_IFLNK) return;
  let mask = readOnly ? RO_MASK : RW_MASK;
  if (inode.isDir) mask |= S_ISGID | EXEC_MASK;
  inode.mode |= mask;
}

/**
 * SetVolumeOwnership(): applies fsGroup to a volume's whole tree, unless the policy is
 * OnRootMismatch and the root already matches. Returns how many inodes were changed.
 * emptyDir volumes pass no policy: the kubelet always walks them.
 */
export function setVolumeOwnership(root: Inode, fsGroup: number, policy: FSGroupChangePolicy | undefined, readOnly: boolean, now: number): number {
  if (policy === "OnRootMismatch" && !requiresPermissionChange(root, fsGroup, readOnly)) return 0;
  let changed = 0;
  const seen = new Set<Inode>();
  const walk = (inode: Inode) => {
    if (seen.has(inode)) return; // hard links are changed once
    seen.add(inode);
    for (const child of inode.entries?.values() ?? []) if (!isWhiteout(child)) walk(child);
    changeFilePermission(inode, fsGroup, readOnly, now);
    changed++;
  };
  walk(root);
  return changed;
}
