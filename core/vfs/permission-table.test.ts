// Permission decisions through the filesystem syscalls, one named Linux rule per case. Each case
// builds files as root in a fresh busybox container, then acts with the given credentials.

import { describe, expect, it } from "vitest";
import { SyscallError } from "../kernel/errno.js";
import { MAY_READ, MAY_WRITE } from "../kernel/permission.js";
import { type CredSpec, creds, emptyDir, makeContainer, makeNode } from "../../test/helpers/kernel.js";
import type { Process } from "../kernel/process.js";
import type { Vfs } from "./vfs.js";

interface World {
  vfs: Vfs;
  root: Process;
  file(path: string, mode: number, uid?: number, gid?: number, data?: string): void;
  dir(path: string, mode: number, uid?: number, gid?: number): void;
}

interface Case {
  name: string;
  setup?: (w: World) => void;
  as: CredSpec;
  readOnlyRoot?: boolean;
  op: (w: World, t: Process) => unknown;
  /** The errno name, or "ok". */
  want: string;
  /** Extra assertions after a successful operation. */
  then?: (w: World) => void;
}

function world(readOnlyRoot: boolean) {
  const node = makeNode();
  const c = makeContainer(node, {
    readOnlyRoot,
    mounts: (n) => [{ containerPath: "/data", node: emptyDir(n, "vol"), readOnly: false, source: "/dev/sda1", fsRoot: "/vol" }],
  });
  const root = c.spawn(creds({ uid: 0 }));
  const vfs = node.vfs;
  const w: World = {
    vfs, root,
    file(path, mode, uid = 0, gid = 0, data = "x") {
      const f = vfs.open(root, path, { write: true, creat: true, trunc: true }, 0o600);
      void f.write(data);
      // chown first: chown clears setuid (and may clear setgid), as `chown; chmod` in a shell.
      vfs.chown(root, path, uid, gid);
      vfs.chmod(root, path, mode);
    },
    dir(path, mode, uid = 0, gid = 0) {
      vfs.mkdir(root, path, 0o700);
      vfs.chown(root, path, uid, gid);
      vfs.chmod(root, path, mode);
    },
  };
  return { w, c, node };
}

const read = (w: World, t: Process, p: string) => w.vfs.open(t, p, { read: true });
const write = (w: World, t: Process, p: string) => w.vfs.open(t, p, { write: true });
const U1000: CredSpec = { uid: 1000, gid: 3000, groups: [2000] };
const NOBODY: CredSpec = { uid: 65534, gid: 65534 };
/** The 14 default capabilities without CAP_FSETID (4) or CAP_FOWNER (3). */
const NO_FSETID = 0xa80425fbn & ~(1n << 4n);
const NO_FOWNER = 0xa80425fbn & ~(1n << 3n);

const cases: Case[] = [
  // generic_permission(): class selection
  { name: "generic_permission: the owner class applies to the owner", setup: (w) => w.file("/data/f", 0o600, 1000, 0), as: U1000, op: (w, t) => read(w, t, "/data/f"), want: "ok" },
  { name: "generic_permission: the owner class decides even when other bits allow", setup: (w) => w.file("/data/f", 0o077, 1000, 0), as: U1000, op: (w, t) => read(w, t, "/data/f"), want: "EACCES" },
  { name: "generic_permission: the group class applies through the fs gid", setup: (w) => w.file("/data/f", 0o040, 0, 3000), as: U1000, op: (w, t) => read(w, t, "/data/f"), want: "ok" },
  { name: "generic_permission: the group class applies through a supplementary group", setup: (w) => w.file("/data/f", 0o060, 0, 2000), as: U1000, op: (w, t) => write(w, t, "/data/f"), want: "ok" },
  { name: "generic_permission: the group class decides even when other bits allow", setup: (w) => w.file("/data/f", 0o407, 0, 2000), as: U1000, op: (w, t) => read(w, t, "/data/f"), want: "EACCES" },
  { name: "generic_permission: others get the other bits", setup: (w) => w.file("/data/f", 0o604, 0, 0), as: U1000, op: (w, t) => read(w, t, "/data/f"), want: "ok" },
  { name: "generic_permission: others without write bit cannot write", setup: (w) => w.file("/data/f", 0o644, 0, 0), as: U1000, op: (w, t) => write(w, t, "/data/f"), want: "EACCES" },
  { name: "generic_permission: /etc/shadow (0600 root) is unreadable for uid 1000", as: U1000, op: (w, t) => read(w, t, "/etc/shadow"), want: "EACCES" },
  // capabilities in generic_permission()
  { name: "CAP_DAC_OVERRIDE: root reads a mode-000 file", setup: (w) => w.file("/data/f", 0o000, 1000, 1000), as: { uid: 0 }, op: (w, t) => read(w, t, "/data/f"), want: "ok" },
  { name: "CAP_DAC_OVERRIDE: root without it cannot read a mode-000 file", setup: (w) => w.file("/data/f", 0o000, 1000, 1000), as: { uid: 0, caps: "none" }, op: (w, t) => read(w, t, "/data/f"), want: "EACCES" },
  { name: "CAP_DAC_OVERRIDE: does not make a file without any x bit executable", setup: (w) => w.file("/data/f", 0o644), as: { uid: 0 }, op: (w, t) => w.vfs.access(t, "/data/f", 1), want: "EACCES" },
  { name: "CAP_DAC_OVERRIDE: searches a mode-000 directory", setup: (w) => { w.dir("/data/d", 0o000, 1000); w.file("/data/d/f", 0o644); }, as: { uid: 0 }, op: (w, t) => w.vfs.stat(t, "/data/d/f"), want: "ok" },
  { name: "CAP_DAC_READ_SEARCH alone reads but does not write", setup: (w) => w.file("/data/f", 0o000, 1000, 1000), as: { uid: 0, caps: 1n << 2n }, op: (w, t) => write(w, t, "/data/f"), want: "EACCES" },
  { name: "CAP_DAC_READ_SEARCH alone reads a mode-000 file", setup: (w) => w.file("/data/f", 0o000, 1000, 1000), as: { uid: 0, caps: 1n << 2n }, op: (w, t) => read(w, t, "/data/f"), want: "ok" },
  { name: "non-root keeps no effective capabilities: uid 1000 cannot override", setup: (w) => w.file("/data/f", 0o000), as: { uid: 1000, caps: "all" }, op: (w, t) => read(w, t, "/data/f"), want: "EACCES" },
  // path walk
  { name: "link_path_walk: search permission on every directory", setup: (w) => { w.dir("/data/d", 0o700, 0); w.file("/data/d/f", 0o644); }, as: U1000, op: (w, t) => w.vfs.stat(t, "/data/d/f"), want: "EACCES" },
  { name: "link_path_walk: read without search still fails", setup: (w) => { w.dir("/data/d", 0o744, 0); w.file("/data/d/f", 0o644); }, as: U1000, op: (w, t) => w.vfs.stat(t, "/data/d/f"), want: "EACCES" },
  { name: "link_path_walk: search without read allows stat but not readdir", setup: (w) => { w.dir("/data/d", 0o711, 0); w.file("/data/d/f", 0o644); }, as: U1000, op: (w, t) => w.vfs.readdir(t, "/data/d"), want: "EACCES" },
  { name: "link_path_walk: a file in the middle of a path is ENOTDIR", as: U1000, op: (w, t) => w.vfs.stat(t, "/etc/passwd/x"), want: "ENOTDIR" },
  { name: "link_path_walk: symlink loops stop at 40 with ELOOP", setup: (w) => { w.vfs.symlink(w.root, "/data/b", "/data/a"); w.vfs.symlink(w.root, "/data/a", "/data/b"); }, as: U1000, op: (w, t) => w.vfs.stat(t, "/data/a"), want: "ELOOP" },
  { name: "link_path_walk: /root is 0700, so uid 1000 cannot cd into it", as: U1000, op: (w, t) => w.vfs.chdir(t, "/root"), want: "EACCES" },
  // creation: may_create(), inode_init_owner()
  { name: "may_create: uid 1000 cannot create in root-owned 0755 /", as: U1000, op: (w, t) => w.vfs.open(t, "/x", { write: true, creat: true }), want: "EACCES" },
  { name: "may_create: anyone may create in sticky 1777 /tmp", as: U1000, op: (w, t) => w.vfs.open(t, "/tmp/x", { write: true, creat: true }), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/x")).toMatchObject({ uid: 1000, gid: 3000, mode: 0o100644 }) },
  { name: "inode_init_owner: a setgid directory passes its group to new files", setup: (w) => w.dir("/data/s", 0o2777, 0, 2000), as: U1000, op: (w, t) => w.vfs.open(t, "/data/s/f", { write: true, creat: true }), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/s/f")).toMatchObject({ uid: 1000, gid: 2000, mode: 0o100644 }) },
  { name: "inode_init_owner: a setgid directory passes the setgid bit to subdirectories", setup: (w) => w.dir("/data/s", 0o2777, 0, 2000), as: U1000, op: (w, t) => w.vfs.mkdir(t, "/data/s/d"), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/s/d")).toMatchObject({ gid: 2000, mode: 0o042755 }) },
  { name: "umask: mkdir 0777 with umask 022 gives 0755", as: U1000, op: (w, t) => w.vfs.mkdir(t, "/tmp/d", 0o777), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/d").mode).toBe(0o040755) },
  { name: "filename_create: mkdir of an existing name is EEXIST", as: U1000, op: (w, t) => w.vfs.mkdir(t, "/etc"), want: "EEXIST" },
  // deletion: may_delete(), check_sticky()
  { name: "may_delete: uid 1000 cannot unlink in root-owned /etc", as: U1000, op: (w, t) => w.vfs.unlink(t, "/etc/passwd"), want: "EACCES" },
  { name: "check_sticky: uid 1001 cannot delete uid 1000's file in /tmp", setup: (w) => w.file("/tmp/f", 0o666, 1000, 1000), as: { uid: 1001, gid: 1001 }, op: (w, t) => w.vfs.unlink(t, "/tmp/f"), want: "EPERM" },
  { name: "check_sticky: the owner may delete its file in /tmp", setup: (w) => w.file("/tmp/f", 0o600, 1000, 1000), as: U1000, op: (w, t) => w.vfs.unlink(t, "/tmp/f"), want: "ok" },
  { name: "check_sticky: CAP_FOWNER overrides the sticky bit", setup: (w) => w.file("/tmp/f", 0o600, 1000, 1000), as: { uid: 0 }, op: (w, t) => w.vfs.unlink(t, "/tmp/f"), want: "ok" },
  { name: "check_sticky: the directory's owner may delete others' files", setup: (w) => { w.dir("/data/st", 0o1777, 1000); w.file("/data/st/f", 0o600, 1001, 1001); }, as: U1000, op: (w, t) => w.vfs.unlink(t, "/data/st/f"), want: "ok" },
  { name: "check_sticky: root without CAP_FOWNER is refused in someone else's sticky directory", setup: (w) => { w.dir("/data/st", 0o1777, 1002); w.file("/data/st/f", 0o600, 1000, 1000); }, as: { uid: 0, caps: 1n << 1n }, op: (w, t) => w.vfs.unlink(t, "/data/st/f"), want: "EPERM" },
  { name: "may_delete: unlink of a directory is EISDIR after the permission check", setup: (w) => w.dir("/data/d", 0o755), as: { uid: 0 }, op: (w, t) => w.vfs.unlink(t, "/data/d"), want: "EISDIR" },
  { name: "do_rmdir: a non-empty directory is ENOTEMPTY", setup: (w) => { w.dir("/data/d", 0o755); w.file("/data/d/f", 0o644); }, as: { uid: 0 }, op: (w, t) => w.vfs.rmdir(t, "/data/d"), want: "ENOTEMPTY" },
  { name: "do_rmdir: a mountpoint is EBUSY", as: { uid: 0 }, op: (w, t) => w.vfs.rmdir(t, "/data"), want: "EBUSY" },
  // chmod: setattr_prepare()
  { name: "setattr_prepare: only the owner may chmod", as: U1000, op: (w, t) => w.vfs.chmod(t, "/etc/passwd", 0o777), want: "EPERM" },
  { name: "setattr_prepare: the owner may chmod its file", setup: (w) => w.file("/data/f", 0o644, 1000, 3000), as: U1000, op: (w, t) => w.vfs.chmod(t, "/data/f", 0o600), want: "ok" },
  { name: "setattr_prepare: CAP_FOWNER lets root chmod any file", as: { uid: 0 }, op: (w, t) => w.vfs.chmod(t, "/etc/passwd", 0o600), want: "ok" },
  { name: "setattr_prepare: chmod g+s by a non-member without CAP_FSETID drops setgid", setup: (w) => w.file("/data/f", 0o644, 1000, 5000), as: U1000, op: (w, t) => w.vfs.chmod(t, "/data/f", 0o2755), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f").mode).toBe(0o100755) },
  { name: "setattr_prepare: chmod g+s by a group member keeps setgid", setup: (w) => w.file("/data/f", 0o644, 1000, 2000), as: U1000, op: (w, t) => w.vfs.chmod(t, "/data/f", 0o2755), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f").mode).toBe(0o102755) },
  // chown: chown_ok(), chgrp_ok()
  { name: "chown_ok: uid 1000 cannot give its file to root", setup: (w) => w.file("/data/f", 0o644, 1000, 3000), as: U1000, op: (w, t) => w.vfs.chown(t, "/data/f", 0, -1), want: "EPERM" },
  { name: "chown_ok: CAP_CHOWN lets root give a file away", setup: (w) => w.file("/data/f", 0o644), as: { uid: 0 }, op: (w, t) => w.vfs.chown(t, "/data/f", 1000, 1000), want: "ok" },
  { name: "chgrp_ok: the owner may chgrp to one of its groups", setup: (w) => w.file("/data/f", 0o644, 1000, 3000), as: U1000, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 2000), want: "ok" },
  { name: "chgrp_ok: the owner may not chgrp to a group it is not in", setup: (w) => w.file("/data/f", 0o644, 1000, 3000), as: U1000, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 0), want: "EPERM" },
  { name: "notify_change: chown clears setuid even for root", setup: (w) => w.file("/data/f", 0o4755, 0, 0), as: { uid: 0 }, op: (w, t) => w.vfs.chown(t, "/data/f", 1000, -1), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f").mode).toBe(0o100755) },
  // chown/chgrp and setgid: chown_common() + setattr_should_drop_sgid() (6.2+), notify_change(),
  // setattr_prepare(), setattr_copy(); every case recorded with ../shared/tools/real-container
  // (ext4 bind mount) and, for the overlay cases, an overlayfs mount on a 6.18 kernel.
  { name: "setattr_should_drop_sgid: chgrp by the owner outside the old group drops setgid without group-exec (overlay /tmp)", setup: (w) => w.file("/tmp/f", 0o2644, 65534, 50), as: NOBODY, op: (w, t) => w.vfs.chown(t, "/tmp/f", -1, 65534), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/f")).toMatchObject({ gid: 65534, mode: 0o100644 }) },
  { name: "setattr_should_drop_sgid: chgrp by the owner outside the old group drops setgid without group-exec (volume)", setup: (w) => w.file("/data/f", 0o2644, 65534, 50), as: NOBODY, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 65534), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ gid: 65534, mode: 0o100644 }) },
  { name: "setattr_should_drop_sgid: an owner in the file's group keeps setgid without group-exec", setup: (w) => w.file("/tmp/f", 0o2644, 65534, 65534), as: NOBODY, op: (w, t) => w.vfs.chown(t, "/tmp/f", -1, 65534), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/f").mode).toBe(0o102644) },
  { name: "setattr_should_drop_sgid: setgid with group-exec is always dropped", setup: (w) => w.file("/tmp/f", 0o2654, 65534, 65534), as: NOBODY, op: (w, t) => w.vfs.chown(t, "/tmp/f", -1, 65534), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/f").mode).toBe(0o100654) },
  { name: "setattr_should_drop_sgid: setgid with group-exec is dropped even for root with CAP_FSETID", setup: (w) => w.file("/data/f", 0o6755), as: { uid: 0 }, op: (w, t) => w.vfs.chown(t, "/data/f", 0, 0), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f").mode).toBe(0o100755) },
  { name: "setattr_should_drop_sgid: root without CAP_FSETID outside the old group drops setgid", setup: (w) => w.file("/data/f", 0o2644, 0, 50), as: { uid: 0, caps: NO_FSETID }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 0), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ gid: 0, mode: 0o100644 }) },
  { name: "in_group_or_capable: CAP_FSETID keeps setgid for root outside the old group", setup: (w) => w.file("/data/f", 0o2644, 0, 50), as: { uid: 0 }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 0), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f").mode).toBe(0o102644) },
  { name: "setattr_should_drop_sgid: the old group decides, not the new one (chgrp to a group the caller is not in)", setup: (w) => w.file("/data/f", 0o2644), as: { uid: 0, caps: NO_FSETID }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 50), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ gid: 50, mode: 0o102644 }) },
  { name: "setattr_copy: once setuid is killed, setgid goes unless the caller is in the new group (volume)", setup: (w) => w.file("/data/f", 0o6644), as: { uid: 0, caps: NO_FSETID }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 50), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ gid: 50, mode: 0o100644 }) },
  { name: "ovl_setattr: the upper filesystem recomputes the kill with the mounter's creds, so the new group does not matter (overlay)", setup: (w) => w.file("/tmp/f", 0o6644), as: { uid: 0, caps: NO_FSETID }, op: (w, t) => w.vfs.chown(t, "/tmp/f", -1, 50), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/tmp/f")).toMatchObject({ gid: 50, mode: 0o102644 }) },
  { name: "setattr_copy: chown of the owner only keeps setgid for a member of the unchanged group", setup: (w) => w.file("/data/f", 0o6644), as: { uid: 0, caps: NO_FSETID }, op: (w, t) => w.vfs.chown(t, "/data/f", 5, -1), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ uid: 5, mode: 0o102644 }) },
  { name: "setattr_prepare: killing setuid is a mode change, so CAP_CHOWN without CAP_FOWNER is EPERM", setup: (w) => w.file("/data/f", 0o4755, 65534, 65534), as: { uid: 0, caps: NO_FOWNER }, op: (w, t) => w.vfs.chown(t, "/data/f", 0, -1), want: "EPERM" },
  { name: "setattr_prepare: without set-id bits CAP_CHOWN alone gives a file away", setup: (w) => w.file("/data/f", 0o755, 65534, 65534), as: { uid: 0, caps: NO_FOWNER }, op: (w, t) => w.vfs.chown(t, "/data/f", 0, -1), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ uid: 0, gid: 65534, mode: 0o100755 }) },
  { name: "setattr_prepare: killing setgid without CAP_FOWNER is EPERM", setup: (w) => w.file("/data/f", 0o2755, 65534, 65534), as: { uid: 0, caps: NO_FOWNER }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 0), want: "EPERM" },
  { name: "setattr_prepare: a kept setgid needs no CAP_FOWNER", setup: (w) => w.file("/data/f", 0o2745, 65534, 65534), as: { uid: 0, caps: NO_FOWNER }, op: (w, t) => w.vfs.chown(t, "/data/f", -1, 0), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/f")).toMatchObject({ gid: 0, mode: 0o102745 }) },
  { name: "chown_common: directories keep setuid and setgid", setup: (w) => w.dir("/data/d", 0o6755), as: { uid: 0 }, op: (w, t) => w.vfs.chown(t, "/data/d", 5, 5), want: "ok", then: (w) => expect(w.vfs.stat(w.root, "/data/d").mode).toBe(0o046755) },
  // utimes
  { name: "vfs_utimes: touch of a writable file by a non-owner sets now", setup: (w) => w.file("/data/f", 0o666), as: U1000, op: (w, t) => w.vfs.utimes(t, "/data/f", undefined, 0), want: "ok" },
  { name: "vfs_utimes: explicit times need ownership", setup: (w) => w.file("/data/f", 0o666), as: U1000, op: (w, t) => w.vfs.utimes(t, "/data/f", { atime: 0, mtime: 0 }, 0), want: "EPERM" },
  { name: "vfs_utimes: touch of a read-only file by a non-owner is EACCES", as: U1000, op: (w, t) => w.vfs.utimes(t, "/etc/passwd", undefined, 0), want: "EACCES" },
  // read-only root filesystem: mnt_want_write() ordering
  { name: "open O_TRUNC on a read-only mount: EROFS before EACCES (`>`)", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/etc/passwd", { write: true, trunc: true }), want: "EROFS" },
  { name: "open O_APPEND on a read-only mount: EACCES before EROFS (`>>`)", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/etc/group", { write: true, append: true, creat: true }), want: "EACCES" },
  { name: "open O_APPEND as root on a read-only mount is EROFS", readOnlyRoot: true, as: { uid: 0 }, op: (w, t) => w.vfs.open(t, "/etc/group", { write: true, append: true, creat: true }), want: "EROFS" },
  { name: "lookup_open: creating on a read-only mount is EROFS without a permission check", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/x", { write: true, creat: true, trunc: true }), want: "EROFS" },
  { name: "filename_create: mkdir on a read-only mount is EROFS", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.mkdir(t, "/x"), want: "EROFS" },
  { name: "filename_create: mkdir of an existing name on a read-only mount is EEXIST", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.mkdir(t, "/etc"), want: "EEXIST" },
  { name: "do_unlinkat: unlink on a read-only mount is EROFS before may_delete", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.unlink(t, "/etc/passwd"), want: "EROFS" },
  { name: "chmod_common: chmod on a read-only mount is EROFS before EPERM", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.chmod(t, "/etc/passwd", 0o777), want: "EROFS" },
  { name: "vfs_utimes: touch on a read-only mount is EROFS", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.utimes(t, "/etc/passwd", undefined, 0), want: "EROFS" },
  { name: "read-only root filesystem: volumes stay writable", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/data/f", { write: true, creat: true }), want: "ok" },
  { name: "read-only root filesystem: /tmp is read-only too", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/tmp/f", { write: true, creat: true }), want: "EROFS" },
  { name: "read-only mount: writing /dev/null still works (special files)", readOnlyRoot: true, as: U1000, op: (w, t) => w.vfs.open(t, "/dev/null", { write: true, trunc: true }), want: "ok" },
  { name: "faccessat: access(W_OK) checks permission first, then the read-only mount", readOnlyRoot: true, as: { uid: 0 }, op: (w, t) => w.vfs.access(t, "/etc/passwd", MAY_WRITE), want: "EROFS" },
  // procfs and masked paths
  { name: "readonly paths: /proc/sys is mounted read-only (O_TRUNC is EROFS)", as: U1000, op: (w, t) => w.vfs.open(t, "/proc/sys/kernel/hostname", { write: true, trunc: true }), want: "EROFS" },
  { name: "masked paths: /proc/kcore reads as /dev/null", as: { uid: 0 }, op: (w, t) => w.vfs.stat(t, "/proc/kcore").rdev, want: "ok" },
  { name: "ptrace_may_access: uid 1000 cannot read root's /proc/<pid>/environ", as: U1000, op: (w, t) => w.vfs.readFile(t, `/proc/${w.root.pid}/environ`), want: "EACCES" },
  { name: "ptrace_may_access: uid 1000 reads its own environ", as: U1000, op: (w, t) => w.vfs.readFile(t, `/proc/${t.pid}/environ`), want: "ok" },
  // mknod, link, chroot
  { name: "vfs_mknod: device nodes need CAP_MKNOD", as: U1000, op: (w, t) => w.vfs.mknod(t, "/tmp/n", 0o020666, 0x103), want: "EPERM" },
  { name: "vfs_mknod: root with the default CAP_MKNOD may create devices", as: { uid: 0 }, op: (w, t) => w.vfs.mknod(t, "/tmp/n", 0o020666, 0x103), want: "ok" },
  { name: "may_linkat: protected_hardlinks refuses linking a file one cannot write", as: U1000, op: (w, t) => w.vfs.link(t, "/etc/passwd", "/tmp/p"), want: "EPERM" },
  { name: "link: across mounts is EXDEV", setup: (w) => w.file("/data/f", 0o666, 1000, 3000), as: U1000, op: (w, t) => w.vfs.link(t, "/data/f", "/tmp/f"), want: "EXDEV" },
  { name: "chroot: needs CAP_SYS_CHROOT", as: U1000, op: (w, t) => w.vfs.chroot(t, "/tmp"), want: "EPERM" },
  { name: "chroot: root has CAP_SYS_CHROOT by default", as: { uid: 0 }, op: (w, t) => w.vfs.chroot(t, "/tmp"), want: "ok" },
];

describe("permission decisions through the VFS", () => {
  it("has at least 40 named cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { w, c: container } = world(c.readOnlyRoot ?? false);
    c.setup?.(w);
    const t = container.spawn(creds(c.as));
    let got = "ok";
    try {
      const r = c.op(w, t);
      if (r instanceof Promise) await r;
    } catch (err) {
      if (!(err instanceof SyscallError)) throw err;
      got = err.errno.name;
    }
    expect(got).toBe(c.want);
    if (got === "ok") c.then?.(w);
  });

  it("reads MAY_READ and MAY_WRITE as the kernel numbers them", () => {
    expect([MAY_READ, MAY_WRITE]).toEqual([4, 2]);
  });
});
