// /sys as a container sees it: a read-only sysfs with the entries tools look at.

import { S_IFDIR } from "../kernel/permission.js";
import type { Kernel } from "../kernel/kernel.js";
import { Inode } from "./inode.js";
import { TreeFs } from "./tree-fs.js";

function tree(kernel: Kernel): Inode {
  const now = kernel.bootTime;
  const root = new Inode({ ino: kernel.nextIno(), mode: S_IFDIR | 0o555, uid: 0, gid: 0, time: now });
  const dir = (parent: Inode, name: string, mode = 0o755) => {
    const d = new Inode({ ino: kernel.nextIno(), mode: S_IFDIR | mode, uid: 0, gid: 0, time: now });
    parent.addEntry(name, d);
    return d;
  };
  const file = (parent: Inode, name: string, data: string, mode = 0o444) =>
    parent.addEntry(name, new Inode({ ino: kernel.nextIno(), mode: 0o100000 | mode, uid: 0, gid: 0, time: now, data }));
  for (const d of ["block", "bus", "class", "dev", "devices", "firmware", "fs", "hypervisor", "kernel", "module", "power"]) dir(root, d);
  const net = dir(root.entries!.get("class") as Inode, "net");
  for (const [name, addr] of [["eth0", "6a:8e:3c:5d:21:0f"], ["lo", "00:00:00:00:00:00"]] as const) {
    const iface = dir(net, name);
    file(iface, "address", `${addr}\n`);
    file(iface, "mtu", name === "lo" ? "65536\n" : "1500\n");
    file(iface, "operstate", name === "lo" ? "unknown\n" : "up\n");
  }
  const devices = root.entries!.get("devices") as Inode;
  dir(dir(devices, "virtual"), "powercap");
  dir(root.entries!.get("fs") as Inode, "cgroup");
  const kernelDir = root.entries!.get("kernel") as Inode;
  file(kernelDir, "ostype", "Linux\n");
  return root;
}

const shared = new WeakMap<Kernel, TreeFs>();

/**
 * The sysfs a container mounts. Unprivileged containers get it read-only (SB_RDONLY, as runc mounts
 * it `ro`); nothing can change it, so one instance per node serves them all.
 */
export function makeSysfs(kernel: Kernel, readOnly: boolean): TreeFs {
  const make = () => new TreeFs({ dev: kernel.nextDev(), type: "sysfs", sizing: "zero", ctx: kernel.fsContext, root: tree(kernel), readOnly });
  if (!readOnly) return make();
  let fs = shared.get(kernel);
  if (fs === undefined) shared.set(kernel, (fs = make()));
  return fs;
}
