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
