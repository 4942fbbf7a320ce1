// overlayfs behaviour of a container rootfs: copy-up, whiteouts, opaque directories, and the
// frozen shared image layer staying untouched.

import { describe, expect, it } from "vitest";
import { busybox128 } from "../images/busybox.js";
import { creds, makeContainer, makeNode } from "../../test/helpers/kernel.js";

describe("overlay rootfs", () => {
  const setup = () => {
    const node = makeNode();
    const c = makeContainer(node);
    const root = c.spawn(creds({ uid: 0 }));
    return { node, c, root, vfs: node.vfs };
  };

  it("copies a file up on its first write and leaves the image layer untouched", async () => {
    const { c, root, vfs } = setup();
    const before = vfs.stat(root, "/etc/passwd");
    const f = vfs.open(root, "/etc/passwd", { write: true, append: true });
    await f.write("learner:x:1000:1000::/home:/bin/sh\n");
    expect(c.fs.rootfs.upperEntries()).toContain("/etc/passwd");
    expect(vfs.stat(root, "/etc/passwd").ino).toBe(before.ino);
    expect(await vfs.readFile(root, "/etc/passwd")).toMatch(/learner/);
    const other = makeContainer(makeNode());
    const otherRoot = other.spawn(creds({ uid: 0 }));
    expect(await vfs.readFile(otherRoot, "/etc/passwd")).not.toMatch(/learner/);
  });

  it("copies up on chmod and chown without changing the bytes", async () => {
    const { c, root, vfs } = setup();
    vfs.chmod(root, "/etc/group", 0o600);
    vfs.chown(root, "/bin/getconf", 1000, 1000);
    expect(c.fs.rootfs.upperEntries()).toEqual(expect.arrayContaining(["/etc/group", "/bin/getconf"]));
    expect(vfs.stat(root, "/etc/group").mode).toBe(0o100600);
    expect((await vfs.readFile(root, "/etc/group")).startsWith("root:x:0:\n")).toBe(true);
  });

  it("deleting a lower file leaves a whiteout; the name is gone but the image keeps it", () => {
    const { c, root, vfs } = setup();
    vfs.unlink(root, "/bin/getconf");
    expect(c.fs.rootfs.upperEntries()).toContain("/bin/getconf (whiteout)");
    expect(() => vfs.stat(root, "/bin/getconf")).toThrow("No such file or directory");
    const lowerBin = busybox128.rootfs().entries!.get("bin") as { entries: Map<string, unknown> };
    expect(lowerBin.entries.has("getconf")).toBe(true);
    expect(vfs.readdir(root, "/bin").names).not.toContain("getconf");
  });

  it("a directory recreated over a whiteout is opaque and hides the lower contents", () => {
    const { c, root, vfs } = setup();
    for (const d of vfs.readdir(root, "/etc/network").names) vfs.rmdir(root, `/etc/network/${d}`);
    vfs.rmdir(root, "/etc/network");
    vfs.mkdir(root, "/etc/network");
    expect(vfs.readdir(root, "/etc/network").names).toEqual([]);
    expect(c.fs.rootfs.upperEntries()).toContain("/etc/network (opaque)");
  });

  it("deleting a file created in the container removes it without a whiteout", async () => {
    const { c, root, vfs } = setup();
    await vfs.open(root, "/tmp/x", { write: true, creat: true }).write("x");
    vfs.unlink(root, "/tmp/x");
    expect(c.fs.rootfs.upperEntries().filter((e) => e.startsWith("/tmp/"))).toEqual([]);
  });

  it("reports nlink 1 for merged directories and 2+subdirs for pure lower ones", () => {
    const { root, vfs } = setup();
    expect(vfs.stat(root, "/usr").nlink).toBe(3); // only in the image: usr/sbin
    expect(vfs.stat(root, "/var").nlink).toBe(4);
    expect(vfs.stat(root, "/proc").nlink).toBeGreaterThan(100); // procfs mounted on a dir runc created
    expect(vfs.stat(root, "/bin").size).toBe(12288);
    vfs.mkdir(root, "/etc/extra");
    expect(vfs.stat(root, "/etc").nlink).toBe(1); // now merged: upper and lower
  });
});
