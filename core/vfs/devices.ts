// Character devices (drivers/char/mem.c, drivers/tty): what reading and writing /dev/null,
// /dev/zero, /dev/full, /dev/random, /dev/tty and the pseudo-terminals do.

import { ENOSPC, ENXIO, SyscallError } from "../kernel/errno.js";
import type { Random } from "../kernel/kernel.js";
import type { Tty } from "../kernel/process.js";
import { makedev } from "./inode.js";
import type { MountNamespace } from "./mount.js";
import type { Task } from "./path.js";
import type { DeviceDriver, DeviceTable } from "./vfs.js";

export const DEV_NULL = makedev(1, 3);
export const DEV_ZERO = makedev(1, 5);
export const DEV_FULL = makedev(1, 7);
export const DEV_RANDOM = makedev(1, 8);
export const DEV_URANDOM = makedev(1, 9);
export const DEV_TTY = makedev(5, 0);
export const DEV_PTMX = makedev(5, 2);
export const PTS_MAJOR = 136;

const nullDriver: DeviceDriver = { read: async () => "", write: async () => {} };
const zeroDriver: DeviceDriver = { read: async (_t, max) => "\0".repeat(Math.min(max, 65536)), write: async () => {} };
const fullDriver: DeviceDriver = {
  read: async (_t, max) => "\0".repeat(Math.min(max, 65536)),
  write: async () => {
    throw new SyscallError(ENOSPC, "write");
  },
};
const noDevice: DeviceDriver = { open: () => ENXIO, read: async () => "", write: async () => {} };

const ttyDriver = (tty: Tty): DeviceDriver => ({
  name: `/dev/${tty.name}`,
  read: (task, max) => tty.read(max, task),
  write: (task, data) => tty.write(data, task),
});

/**
 * The node's device table. Pseudo-terminals belong to a devpts instance, one per container
 * (mount namespace), so /dev/pts/0 in two containers are two different terminals.
 */
export class Devices {
  private readonly pts = new Map<MountNamespace, Map<number, Tty>>();

  constructor(private readonly random: Random) {}

  attachPts(mnt: MountNamespace, index: number, tty: Tty): void {
    let instance = this.pts.get(mnt);
    if (instance === undefined) this.pts.set(mnt, (instance = new Map()));
    instance.set(index, tty);
  }

  detachPts(mnt: MountNamespace, index: number): void {
    this.pts.get(mnt)?.delete(index);
  }

  /** The lowest free pts index of a container's devpts instance. */
  freePtsIndex(mnt: MountNamespace): number {
    const used = this.pts.get(mnt);
    let i = 0;
    while (used?.has(i)) i++;
    return i;
  }

  readonly table: DeviceTable = (rdev: number, task: Task) => {
    switch (rdev) {
      case DEV_NULL: return nullDriver;
      case DEV_ZERO: return zeroDriver;
      case DEV_FULL: return fullDriver;
      case DEV_RANDOM:
      case DEV_URANDOM:
        return { read: async (_t, max) => this.random.bytes(Math.min(max, 4096)), write: async () => {} };
      case DEV_TTY: {
        // drivers/tty/tty_io.c tty_open_current_tty(): no controlling terminal is ENXIO.
        const tty = (task as { tty?: Tty }).tty;
        return tty === undefined ? noDevice : ttyDriver(tty);
      }
      default: {
        if (rdev >> 8 !== PTS_MAJOR) return undefined;
        const tty = this.pts.get(task.mnt)?.get(rdev & 0xff);
        return tty === undefined ? noDevice : ttyDriver(tty);
      }
    }
  };
}

/** A device node of the node's /dev, as udev left it: path under /dev, type, numbers, mode, owner. */
export interface HostDevice {
  readonly path: string;
  readonly type: "c" | "b";
  readonly major: number;
  readonly minor: number;
  readonly mode: number;
  readonly gid: number;
}

/**
 * The device nodes of the node's /dev (an Ubuntu cloud VM on a virtio-scsi disk, udev rules
 * applied: groups tty 5, disk 6, kmem 15, dialout 20), which a privileged container gets:
 * containerd's oci.WithHostDevices (pkg/oci/utils_unix.go getDevices()) and Docker's
 * devices.HostDevices() walk /dev, skip the pts, shm, fd and mqueue directories, console,
 * symlinks and fifos, and runc mknods each with its mode and owner (umask 0 during createDevices).
 */
export function hostDevices(): HostDevice[] {
  const d = (path: string, type: "c" | "b", major: number, minor: number, mode: number, gid = 0): HostDevice => ({ path, type, major, minor, mode, gid });
  const range = (prefix: string, count: number, type: "c" | "b", major: number, firstMinor: number, mode: number, gid: number, from = 0) =>
    Array.from({ length: count }, (_, i) => d(`${prefix}${from + i}`, type, major, firstMinor + i, mode, gid));
  return [
    d("autofs", "c", 10, 235, 0o644),
    d("btrfs-control", "c", 10, 234, 0o600),
    d("full", "c", 1, 7, 0o666),
    d("fuse", "c", 10, 229, 0o666),
    d("hwrng", "c", 10, 183, 0o600),
    d("kmsg", "c", 1, 11, 0o644),
    d("loop-control", "c", 10, 237, 0o660, 6),
    ...range("loop", 8, "b", 7, 0, 0o660, 6),
    d("mapper/control", "c", 10, 236, 0o600),
    d("mem", "c", 1, 1, 0o640, 15),
    d("net/tun", "c", 10, 200, 0o666),
    d("null", "c", 1, 3, 0o666),
    d("port", "c", 1, 4, 0o640, 15),
    d("ppp", "c", 108, 0, 0o600),
    d("psaux", "c", 10, 1, 0o600),
    d("random", "c", 1, 8, 0o666),
    d("sda", "b", 8, 0, 0o660, 6),
    d("sda1", "b", 8, 1, 0o660, 6),
    d("sda14", "b", 8, 14, 0o660, 6),
    d("sda15", "b", 8, 15, 0o660, 6),
    d("sg0", "c", 21, 0, 0o660, 6),
    d("snapshot", "c", 10, 231, 0o600),
    d("tty", "c", 5, 0, 0o666, 5),
    ...range("tty", 64, "c", 4, 0, 0o620, 5),
    ...range("ttyS", 32, "c", 4, 64, 0o660, 20),
    d("uhid", "c", 10, 239, 0o600),
    d("uinput", "c", 10, 223, 0o600),
    d("urandom", "c", 1, 9, 0o666),
    d("vcs", "c", 7, 0, 0o660, 5),
    ...range("vcs", 6, "c", 7, 1, 0o660, 5, 1),
    d("vcsa", "c", 7, 128, 0o660, 5),
    ...range("vcsa", 6, "c", 7, 129, 0o660, 5, 1),
    d("vcsu", "c", 7, 64, 0o660, 5),
    ...range("vcsu", 6, "c", 7, 65, 0o660, 5, 1),
    d("vga_arbiter", "c", 10, 127, 0o600),
    d("vhost-net", "c", 10, 238, 0o600),
    d("vhost-vsock", "c", 10, 241, 0o600),
    d("zero", "c", 1, 5, 0o666),
  ];
}
