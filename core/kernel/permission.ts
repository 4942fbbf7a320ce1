// Permission decisions as pure functions over credentials and inode attributes, each mirroring the
// Linux function named in its comment. They return an Errno, or undefined when access is allowed.

import { Cap } from "./capability.js";
import { type Credentials, capable, inGroup } from "./credentials.js";
import { EACCES, EPERM, EROFS, type Errno } from "./errno.js";

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
export const S_IXUGO = 0o111;
export const S_IXGRP = 0o010;

export const isDir = (mode: number) => (mode & S_IFMT) === S_IFDIR;
export const isReg = (mode: number) => (mode & S_IFMT) === S_IFREG;
export const isLnk = (mode: number) => (mode & S_IFMT) === S_IFLNK;

/** What a permission check needs to know about an inode. */
export interface InodeOwner {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * fs/namei.c generic_permission(): owner, then group, then other class (the first class that
 * matches decides), then CAP_DAC_READ_SEARCH and CAP_DAC_OVERRIDE.
 */
export function genericPermission(creds: Credentials, inode: InodeOwner, mask: number): Errno | undefined {
  // acl_permission_check()
  let mode = inode.mode;
  if (creds.fsuid === inode.uid) mode >>= 6;
  else if (inGroup(creds, inode.gid)) mode >>= 3;
  if ((mask & ~mode & 7) === 0) return undefined;

  if (isDir(inode.mode)) {
    // "Read/write DACs are always overridable. Executable DACs are overridable when there is at
    // least one exec bit set": directories may always be searched with CAP_DAC_OVERRIDE.
    if ((mask & MAY_WRITE) === 0 && capable(creds, Cap.DAC_READ_SEARCH)) return undefined;
    if (capable(creds, Cap.DAC_OVERRIDE)) return undefined;
    return EACCES;
  }
  const want = mask & (MAY_READ | MAY_WRITE | MAY_EXEC);
  if (want === MAY_READ && capable(creds, Cap.DAC_READ_SEARCH)) return undefined;
  // Files are executable by CAP_DAC_OVERRIDE only when some exec bit is set.
  if ((want & MAY_EXEC) === 0 || (inode.mode & S_IXUGO) !== 0) {
    if (capable(creds, Cap.DAC_OVERRIDE)) return undefined;
  }
  return EACCES;
}

/** How the mount and superblock holding an inode constrain writes. */
export interface MountFlags {
  /** MNT_READONLY: a read-only mount (runc's `remount,bind,ro` for readOnlyRootFilesystem). */
  readonly readOnly: boolean;
  /** SB_RDONLY: the filesystem itself is read-only (e.g. sysfs mounted ro). */
  readonly sbReadOnly?: boolean;
  readonly nosuid?: boolean;
  readonly nodev?: boolean;
  readonly noexec?: boolean;
}

/**
 * fs/namei.c inode_permission(): sb_permission() refuses writes on a read-only superblock for
 * regular files, directories and symlinks (EROFS before EACCES), then generic_permission().
 * A read-only *mount* is checked separately by mnt_want_write(), at the point each syscall asks.
 */
export function inodePermission(creds: Credentials, inode: InodeOwner, mask: number, mnt: MountFlags): Errno | undefined {
  if ((mask & MAY_WRITE) !== 0 && mnt.sbReadOnly) {
    const type = inode.mode & S_IFMT;
    if (type === S_IFREG || type === S_IFDIR || type === S_IFLNK) return EROFS;
  }
  return genericPermission(creds, inode, mask);
}

/** fs/namespace.c mnt_want_write(): EROFS on a read-only mount or superblock. */
export function mntWantWrite(mnt: MountFlags): Errno | undefined {
  return mnt.readOnly || mnt.sbReadOnly ? EROFS : undefined;
}

/** fs/inode.c inode_owner_or_capable(): the owner, or CAP_FOWNER. */
export function inodeOwnerOrCapable(creds: Credentials, inode: InodeOwner): boolean {
  return creds.fsuid === inode.uid || capable(creds, Cap.FOWNER);
}

/**
 * fs/namei.c check_sticky(): in a sticky directory only the file's owner, the directory's owner,
 * or CAP_FOWNER may delete or rename an entry. Returns true when the operation is refused.
 */
export function checkSticky(creds: Credentials, dir: InodeOwner, inode: InodeOwner): boolean {
  if ((dir.mode & S_ISVTX) === 0) return false;
  if (creds.fsuid === inode.uid || creds.fsuid === dir.uid) return false;
  return !capable(creds, Cap.FOWNER);
}

/**
 * fs/namei.c may_delete() once the victim exists: write and search on the directory, then the
 * sticky rule (EPERM).
 */
export function mayDelete(creds: Credentials, dir: InodeOwner, victim: InodeOwner, mnt: MountFlags): Errno | undefined {
  const denied = inodePermission(creds, dir, MAY_WRITE | MAY_EXEC, mnt);
  if (denied) return denied;
  if (checkSticky(creds, dir, victim)) return EPERM;
  return undefined;
}

/** fs/namei.c may_create(): write and search on the parent directory. */
export function mayCreate(creds: Credentials, dir: InodeOwner, mnt: MountFlags): Errno | undefined {
  return inodePermission(creds, dir, MAY_WRITE | MAY_EXEC, mnt);
}

/** fs/attr.c chown_ok(): keep the owner, or CAP_CHOWN. */
export function chownOk(creds: Credentials, inode: InodeOwner, uid: number): boolean {
  if (creds.fsuid === inode.uid && uid === inode.uid) return true;
  return capable(creds, Cap.CHOWN);
}

/** fs/attr.c chgrp_ok(): the owner may pick one of its own groups; otherwise CAP_CHOWN. */
export function chgrpOk(creds: Credentials, inode: InodeOwner, gid: number): boolean {
  if (creds.fsuid === inode.uid && (gid === inode.gid || inGroup(creds, gid))) return true;
  return capable(creds, Cap.CHOWN);
}

/**
 * fs/attr.c setattr_prepare() for ATTR_MODE: only the owner (or CAP_FOWNER) may chmod, and the
 * setgid bit is dropped when the caller is not in the file's group and lacks CAP_FSETID.
 * Returns the mode that will be stored, or EPERM.
 */
export function chmodMode(creds: Credentials, inode: InodeOwner, mode: number): number | Errno {
  if (!inodeOwnerOrCapable(creds, inode)) return EPERM;
  let perm = mode & 0o7777;
  if (!inGroup(creds, inode.gid) && !capable(creds, Cap.FSETID)) perm &= ~S_ISGID;
  return (inode.mode & S_IFMT) | perm;
}

/** fs/inode.c in_group_or_capable(): the caller is in `gid` (fsgid or supplementary) or has CAP_FSETID. */
export function inGroupOrCapable(creds: Credentials, gid: number): boolean {
  return inGroup(creds, gid) || capable(creds, Cap.FSETID);
}

/**
 * fs/attr.c setattr_should_drop_sgid() (6.2+): setgid goes when group-exec is set (always, even for
 * root), or when the caller is not in the inode's current group and lacks CAP_FSETID.
 */
export function setattrShouldDropSgid(creds: Credentials, inode: InodeOwner): boolean {
  if ((inode.mode & S_ISGID) === 0) return false;
  if (inode.mode & S_IXGRP) return true;
  return !inGroupOrCapable(creds, inode.gid);
}

/**
 * fs/open.c chown_common() → fs/attr.c notify_change() → setattr_prepare() → setattr_copy(): checks
 * chown_ok/chgrp_ok and computes the mode afterwards. For non-directories chown_common() asks for
 * ATTR_KILL_SUID and, per setattr_should_drop_sgid() on the inode *before* the change,
 * ATTR_KILL_SGID. notify_change() turns a kill that hits a set bit into ATTR_MODE; then
 * setattr_prepare() requires inode_owner_or_capable() (EPERM) and setattr_copy() drops setgid
 * again unless the caller is in the *new* group or has CAP_FSETID. On overlayfs, ovl_setattr()
 * clears ATTR_MODE when a kill flag is set and the upper filesystem redoes notify_change() with
 * the mounter's credentials (all capabilities), so that second, new-group check does not happen.
 */
export function chownResult(
  creds: Credentials, inode: InodeOwner, uid: number | undefined, gid: number | undefined, overlay = false,
): { uid: number; gid: number; mode: number } | Errno {
  if (uid !== undefined && !chownOk(creds, inode, uid)) return EPERM;
  if (gid !== undefined && !chgrpOk(creds, inode, gid)) return EPERM;
  const newGid = gid ?? inode.gid;
  let mode = inode.mode;
  if (!isDir(mode)) {
    const killSuid = (mode & S_ISUID) !== 0;
    const killSgid = setattrShouldDropSgid(creds, inode);
    if (killSuid || killSgid) {
      if (!inodeOwnerOrCapable(creds, inode)) return EPERM;
      if (killSuid) mode &= ~S_ISUID;
      if (killSgid) mode &= ~S_ISGID;
      if (!overlay && !inGroupOrCapable(creds, newGid)) mode &= ~S_ISGID;
    }
  }
  return { uid: uid ?? inode.uid, gid: newGid, mode };
}

/**
 * fs/inode.c inode_init_owner() + mode_strip_sgid(): the owner of a new inode. The uid is the
 * caller's fsuid; in a setgid directory the group is the directory's (and new directories inherit
 * the setgid bit), otherwise the caller's fsgid. `mode` is the requested mode after the umask.
 */
export function newInodeOwner(creds: Credentials, dir: InodeOwner, mode: number): { uid: number; gid: number; mode: number } {
  if ((dir.mode & S_ISGID) === 0) return { uid: creds.fsuid, gid: creds.fsgid, mode };
  const gid = dir.gid;
  if (isDir(mode)) return { uid: creds.fsuid, gid, mode: mode | S_ISGID };
  if ((mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP) && !inGroup(creds, gid) && !capable(creds, Cap.FSETID)) {
    return { uid: creds.fsuid, gid, mode: mode & ~S_ISGID };
  }
  return { uid: creds.fsuid, gid, mode };
}

/**
 * fs/utimes.c + setattr_prepare(): setting explicit times needs ownership or CAP_FOWNER; setting
 * them to "now" (touch) is also allowed with write permission.
 */
export function utimesPermission(creds: Credentials, inode: InodeOwner, toNow: boolean, mnt: MountFlags): Errno | undefined {
  if (inodeOwnerOrCapable(creds, inode)) return undefined;
  if (!toNow) return EPERM;
  return inodePermission(creds, inode, MAY_WRITE, mnt);
}

/**
 * kernel/signal.c kill_ok_by_cred(): the sender's real or effective uid matches the target's real
 * or saved uid, or the sender has CAP_KILL.
 */
export function killPermitted(sender: Credentials, target: Credentials): boolean {
  if (sender.euid === target.suid || sender.euid === target.ruid) return true;
  if (sender.ruid === target.suid || sender.ruid === target.ruid) return true;
  return capable(sender, Cap.KILL);
}

/**
 * kernel/sys.c set_one_prio(): anyone may lower their priority (raise nice); raising it needs
 * CAP_SYS_NICE. Acting on another user's process needs a matching uid or CAP_SYS_NICE (EPERM).
 */
export function setPriorityResult(creds: Credentials, target: Credentials, oldNice: number, nice: number): Errno | undefined {
  if (target.ruid !== creds.euid && target.euid !== creds.euid && !capable(creds, Cap.SYS_NICE)) return EPERM;
  if (nice < oldNice && !capable(creds, Cap.SYS_NICE)) return EACCES;
  return undefined;
}

/** A capability check that fails with EPERM, as most privileged syscalls do. */
export function requireCapability(creds: Credentials, cap: number): Errno | undefined {
  return capable(creds, cap) ? undefined : EPERM;
}
