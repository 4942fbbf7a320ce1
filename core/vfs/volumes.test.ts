// The kubelet's fsGroup ownership (pkg/volume/volume_linux.go), with both change policies.

import { describe, expect, it } from "vitest";
import { S_IFDIR, S_IFLNK, S_IFREG } from "../kernel/permission.js";
import { Inode } from "./inode.js";
import { requiresPermissionChange, setVolumeOwnership } from "./volumes.js";

let ino = 1;
const dir = (mode: number, gid = 0) => new Inode({ ino: ino++, mode: S_IFDIR | mode, uid: 0, gid, time: 0 });
const file = (mode: number, uid = 0, gid = 0) => new Inode({ ino: ino++, mode: S_IFREG | mode, uid, gid, time: 0 });

function volume() {
  const root = dir(0o777);
  const sub = dir(0o755);
  const f = file(0o644, 1000, 1000);
  const secret = file(0o600);
  const link = new Inode({ ino: ino++, mode: S_IFLNK | 0o777, uid: 0, gid: 0, time: 0, data: "f" });
  root.addEntry("sub", sub);
  root.addEntry("f", f);
  sub.addEntry("secret", secret);
  root.addEntry("link", link);
  return { root, sub, f, secret, link };
}

describe("fsGroup volume ownership", () => {
  it("turns an emptyDir (0777 root:root) into drwxrwsrwx root:2000, as the tutorial shows", () => {
    const root = dir(0o777);
    setVolumeOwnership(root, 2000, undefined, false, 0);
    expect([root.mode.toString(8), root.uid, root.gid]).toEqual(["42777", 0, 2000]);
  });

  it("Always: walks the whole tree, ORing rw for files and rwx+setgid for directories", () => {
    const v = volume();
    expect(setVolumeOwnership(v.root, 2000, "Always", false, 0)).toBe(5);
    expect(v.sub.mode.toString(8)).toBe("42775");
    expect(v.f.mode.toString(8)).toBe("100664");
    expect(v.secret.mode.toString(8)).toBe("100660");
    expect([v.f.uid, v.f.gid, v.secret.gid, v.link.gid]).toEqual([1000, 2000, 2000, 2000]);
    expect(v.link.mode.toString(8)).toBe("120777"); // symlinks are chowned, never chmodded
  });

  it("read-only volumes get r-x for directories and r for files", () => {
    const v = volume();
    setVolumeOwnership(v.root, 2000, "Always", true, 0);
    expect([v.sub.mode.toString(8), v.f.mode.toString(8), v.secret.mode.toString(8)]).toEqual(["42755", "100644", "100640"]);
  });

  it("OnRootMismatch: skips everything when the root already matches", () => {
    const v = volume();
    setVolumeOwnership(v.root, 2000, "Always", false, 0);
    v.secret.mode = S_IFREG | 0o600;
    v.secret.gid = 0;
    expect(requiresPermissionChange(v.root, 2000, false)).toBe(false);
    expect(setVolumeOwnership(v.root, 2000, "OnRootMismatch", false, 0)).toBe(0);
    expect([v.secret.mode.toString(8), v.secret.gid]).toEqual(["100600", 0]);
  });

  it("OnRootMismatch: walks when the root's group, permissions or setgid bit differ", () => {
    for (const mutate of [(r: Inode) => { r.gid = 3000; }, (r: Inode) => { r.mode = S_IFDIR | 0o2750; }, (r: Inode) => { r.mode = S_IFDIR | 0o777; }]) {
      const v = volume();
      setVolumeOwnership(v.root, 2000, "Always", false, 0);
      mutate(v.root);
      expect(requiresPermissionChange(v.root, 2000, false)).toBe(true);
      expect(setVolumeOwnership(v.root, 2000, "OnRootMismatch", false, 0)).toBe(5);
    }
  });

  it("never removes bits that were already set", () => {
    const root = dir(0o1777);
    setVolumeOwnership(root, 2000, "Always", false, 0);
    expect(root.mode.toString(8)).toBe("43777");
  });
});
