import { describe, expect, it } from "vitest";
import { creds, emptyDir, makeContainer, makeNode } from "../../../test/helpers/kernel.js";

function pod() {
  const node = makeNode();
  const c = makeContainer(node, {
    mounts: (n) => [{ containerPath: "/data/demo", node: emptyDir(n, "vol"), readOnly: false, source: "/dev/sda1", fsRoot: "/vol", data: "discard,errors=remount-ro" }],
  });
  const init = c.spawn(creds({ uid: 1000, gid: 3000, groups: [2000] }), ["sleep", "1h"]);
  const sh = c.spawn(creds({ uid: 1000, gid: 3000, groups: [2000] }), ["sh"]);
  return { node, c, init, sh, vfs: node.vfs };
}

describe("procfs", () => {
  it("lists the container's processes as numeric directories, in pid order", () => {
    const { vfs, sh } = pod();
    const names = vfs.readdir(sh, "/proc").names;
    expect(names.filter((n) => /^\d+$/.test(n))).toEqual(["1", "2"]);
    expect(names).toEqual(expect.arrayContaining(["self", "uptime", "meminfo", "sys", "mounts"]));
  });

  it("resolves /proc/self to the reader", () => {
    const { vfs, sh, init } = pod();
    expect(vfs.readlink(sh, "/proc/self")).toBe(String(sh.pid));
    expect(vfs.readlink(init, "/proc/self")).toBe("1");
  });

  it("owns /proc/<pid> by the process's effective ids", () => {
    const { vfs, sh } = pod();
    expect(vfs.stat(sh, "/proc/1")).toMatchObject({ uid: 1000, gid: 3000, mode: 0o040555 });
  });

  it("gives argv NUL-separated in cmdline and comm with a newline", async () => {
    const { vfs, sh } = pod();
    expect(await vfs.readFile(sh, "/proc/1/cmdline")).toBe("sleep\u00001h\u0000");
    expect(await vfs.readFile(sh, "/proc/1/comm")).toBe("sleep\n");
  });

  it("lists the mounts in runc's order with the masked and read-only paths last", async () => {
    const { vfs, sh } = pod();
    const lines = (await vfs.readFile(sh, "/proc/self/mounts")).trimEnd().split("\n");
    expect(lines).toEqual([
      "overlay / overlay rw,relatime,lowerdir=/l,upperdir=/u,workdir=/w 0 0",
      "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
      "tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0",
      "devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0",
      "mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0",
      "sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0",
      "cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0",
      "/dev/sda1 /data/demo ext4 rw,relatime,discard,errors=remount-ro 0 0",
      "proc /proc/bus proc ro,nosuid,nodev,noexec,relatime 0 0",
      "proc /proc/fs proc ro,nosuid,nodev,noexec,relatime 0 0",
      "proc /proc/irq proc ro,nosuid,nodev,noexec,relatime 0 0",
      "proc /proc/sys proc ro,nosuid,nodev,noexec,relatime 0 0",
      "proc /proc/sysrq-trigger proc ro,nosuid,nodev,noexec,relatime 0 0",
      "tmpfs /proc/acpi tmpfs ro,relatime,inode64 0 0",
      "tmpfs /proc/kcore tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0",
      "tmpfs /proc/keys tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0",
      "tmpfs /proc/timer_list tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0",
      "tmpfs /proc/scsi tmpfs ro,relatime,inode64 0 0",
      "tmpfs /sys/firmware tmpfs ro,relatime,inode64 0 0",
      "tmpfs /sys/devices/virtual/powercap tmpfs ro,relatime,inode64 0 0",
    ]);
  });

  it("creates the volume's parent directory in the upper layer as root 0755 (runc mkdirall)", () => {
    const { vfs, sh, c } = pod();
    expect(vfs.stat(sh, "/data")).toMatchObject({ uid: 0, gid: 0, mode: 0o040755, nlink: 3 });
    expect(c.fs.rootfs.upperEntries()).toEqual(expect.arrayContaining(["/data", "/data/demo", "/proc", "/sys"]));
  });

  it("lays out /dev as runc does: 16 entries, size 360, 5 links", () => {
    const { vfs, sh } = pod();
    expect(vfs.readdir(sh, "/dev").names.sort()).toEqual(["core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "termination-log", "tty", "urandom", "zero"]);
    expect(vfs.stat(sh, "/dev")).toMatchObject({ size: 360, nlink: 5 });
  });

  it("reads the UTS hostname through /proc/sys/kernel/hostname", async () => {
    const { vfs, sh } = pod();
    expect(await vfs.readFile(sh, "/proc/sys/kernel/hostname")).toBe("demo\n");
  });

  it("reports uptime from the node's boot and follows the clock", async () => {
    const { vfs, sh, node } = pod();
    const before = Number((await vfs.readFile(sh, "/proc/uptime")).split(" ")[0]);
    node.clock.advance(90_000);
    const after = Number((await vfs.readFile(sh, "/proc/uptime")).split(" ")[0]);
    expect(after - before).toBeCloseTo(90, 5);
  });

  it("refuses /proc/<pid>/cwd of another user's process without CAP_SYS_PTRACE", () => {
    const { vfs, c } = pod();
    const other = c.spawn(creds({ uid: 2000, gid: 2000 }));
    expect(() => vfs.readlink(other, "/proc/1/cwd")).toThrow("Permission denied");
    expect(vfs.readlink(c.spawn(creds({ uid: 1000, gid: 3000 })), "/proc/1/cwd")).toBe("/");
  });
});
