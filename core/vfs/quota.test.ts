// Per-sandbox storage quota: ENOSPC past the budget, nothing lost, space given back on delete.

import { describe, expect, it } from "vitest";
import { SyscallError } from "../kernel/errno.js";
import { Quota } from "./quota.js";
import { creds, makeContainer, makeNode } from "../../test/helpers/kernel.js";
import { TreeFs } from "./tree-fs.js";

describe("quota", () => {
  const setup = (bytes: number, inodes = 1000) => {
    const node = makeNode();
    const quota = new Quota(bytes, inodes);
    const c = makeContainer(node, { quota });
    const p = c.spawn(creds({ uid: 1000, gid: 1000 }));
    return { vfs: node.vfs, p, quota };
  };

  it("fails a write past the byte budget with ENOSPC and keeps what was written", async () => {
    const { vfs, p, quota } = setup(10_000);
    const f = vfs.open(p, "/tmp/big", { write: true, creat: true });
    await f.write("a".repeat(8000));
    await expect(f.write("b".repeat(4000))).rejects.toThrow(SyscallError);
    await expect(f.write("b".repeat(4000))).rejects.toThrow("No space left on device");
    expect(vfs.stat(p, "/tmp/big").size).toBe(8000);
    expect(quota.bytesUsed).toBe(8000);
  });

  it("gives the space back when the file is deleted", async () => {
    const { vfs, p, quota } = setup(10_000);
    await vfs.open(p, "/tmp/big", { write: true, creat: true }).write("a".repeat(9000));
    vfs.unlink(p, "/tmp/big");
    expect(quota.bytesUsed).toBe(0);
    await vfs.open(p, "/tmp/again", { write: true, creat: true }).write("a".repeat(9000));
  });

  it("limits inodes: creating past the budget is ENOSPC", () => {
    const { vfs, p, quota } = setup(1 << 20, 20);
    vfs.mkdir(p, "/tmp/first"); // copies /tmp up too: two inodes
    const start = quota.inodesUsed;
    let made = 0;
    expect(() => { for (; made < 100; made++) vfs.mkdir(p, `/tmp/d${made}`); }).toThrow("No space left on device");
    expect(made).toBe(20 - start);
  });

  it("counts copy-up against the budget", async () => {
    const node = makeNode();
    const quota = new Quota(100, 1000);
    const c = makeContainer(node, { quota });
    const root = c.spawn(creds({ uid: 0 }));
    expect(() => node.vfs.chmod(root, "/bin/busybox", 0o700)).toThrow("No space left on device");
    expect(node.vfs.stat(root, "/bin/busybox").mode).toBe(0o100755);
  });

  it("shares one budget between the rootfs and the volumes of a sandbox", async () => {
    const node = makeNode();
    const quota = new Quota(5000, 1000);
    const disk = new TreeFs({ dev: 0x801, type: "ext4", sizing: "ext4", ctx: node.kernel.fsContext, quota });
    const vol = disk.root().create("v", { mode: 0o040777, uid: 0, gid: 0 });
    const c = makeContainer(node, { quota, mounts: () => [{ containerPath: "/data", node: vol, readOnly: false, source: "/dev/sda1", fsRoot: "/v" }] });
    const p = c.spawn(creds({ uid: 0 }));
    await node.vfs.open(p, "/tmp/a", { write: true, creat: true }).write("a".repeat(4000));
    const f = node.vfs.open(p, "/data/b", { write: true, creat: true });
    await expect(f.write("b".repeat(2000))).rejects.toThrow("No space left on device");
    await f.write("b".repeat(1000));
    expect(quota.bytesUsed).toBe(5000);
  });
});
