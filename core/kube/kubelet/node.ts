// The cluster's node: its kernel (shared by every container), the programs its images run, its
// disk (kubelet pod directories, emptyDir volumes) and the images it has pulled.

import { Kernel } from "../../kernel/kernel.js";
import type { Clock } from "../../kernel/clock.js";
import { type HostScheduler, Scheduler } from "../../kernel/sched.js";
import { System } from "../../kernel/system.js";
import type { ProgramTable } from "../../kernel/program.js";
import { Devices } from "../../vfs/devices.js";
import { makedev } from "../../vfs/inode.js";
import type { Quota } from "../../vfs/quota.js";
import { TreeFs } from "../../vfs/tree-fs.js";
import { Vfs } from "../../vfs/vfs.js";
import type { ClusterProfile } from "../profiles.js";

export interface NodeOptions {
  profile: ClusterProfile;
  clock: Clock;
  host: HostScheduler;
  programs: ProgramTable;
  quota: Quota;
  seed: number;
}

export class Node {
  readonly kernel: Kernel;
  readonly devices: Devices;
  readonly vfs: Vfs;
  readonly system: System;
  /** /dev/sda1 on the node: /var/lib/kubelet lives here, and with it every emptyDir. */
  readonly disk: TreeFs;
  /** Images already pulled (kubelet: "already present on machine"). */
  readonly pulled = new Set<string>();
  readonly seccompProfiles = new Set<string>();
  readonly appArmorProfiles = new Set<string>(["k8s-apparmor-example-deny-write"]);
  private nextPodIp = 4;

  constructor(readonly opts: NodeOptions) {
    this.kernel = new Kernel(opts.profile.node, opts.clock, opts.seed);
    this.devices = new Devices(this.kernel.random);
    this.vfs = new Vfs(this.devices.table);
    this.system = new System(this.kernel, this.vfs, this.devices, new Scheduler(opts.host), opts.programs);
    this.disk = new TreeFs({ dev: makedev(8, 1), type: "ext4", sizing: "ext4", ctx: this.kernel.fsContext, quota: opts.quota, capacity: { bytes: 20 * 1024 ** 3, files: 1_310_720 } });
  }

  get profile(): ClusterProfile {
    return this.opts.profile;
  }

  allocatePodIp(): string {
    const base = this.profile.podCIDR.split("/")[0]!.replace(/\.\d+$/, "");
    return `${base}.${this.nextPodIp++}`;
  }
}
