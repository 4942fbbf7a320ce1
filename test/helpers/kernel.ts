// Test fixtures for the kernel and VFS: a node on a virtual clock, containers built from real
// image data, and processes with chosen credentials.

import { FULL_SET, capabilitySetOf, type CapabilitySet } from "../../core/kernel/capability.js";
import { VirtualClock } from "../../core/kernel/clock.js";
import { makeCredentials, type Credentials } from "../../core/kernel/credentials.js";
import { Kernel } from "../../core/kernel/kernel.js";
import { PidNamespace, Process } from "../../core/kernel/process.js";
import type { Image } from "../../core/images/image.js";
import { busybox128 } from "../../core/images/busybox.js";
import { type ContainerFs, type CriMount, assembleContainerFs } from "../../core/vfs/container-fs.js";
import { Devices } from "../../core/vfs/devices.js";
import { Quota } from "../../core/vfs/quota.js";
import { rootLocation } from "../../core/vfs/path.js";
import { TreeFs } from "../../core/vfs/tree-fs.js";
import { Vfs } from "../../core/vfs/vfs.js";

/** The 14 capabilities containerd and Docker give a container by default: 0xa80425fb. */
export const DEFAULT_CAPS: CapabilitySet = capabilitySetOf(0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31);

export const START = Date.parse("2026-06-06T20:08:00Z");

export function makeNode(start = START, hw: { cpus?: number; memTotalKb?: number } = {}) {
  const clock = new VirtualClock(start);
  const kernel = new Kernel(
    {
      nodeName: "node01",
      kernel: { release: "6.8.0-1015-gcp", version: "#17~22.04.1-Ubuntu SMP Mon Sep  2 15:23:37 UTC 2024", compiler: "buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-12 (Ubuntu 12.3.0-1ubuntu1~22.04) 12.3.0, GNU ld (GNU Binutils for Ubuntu) 2.38" },
      cpus: hw.cpus ?? 2, memTotalKb: hw.memTotalKb ?? 8136964, pidMax: 32768, hostProcesses: 180, uptimeAtStart: 3_600_000 * 24 * 12,
    },
    clock,
  );
  const devices = new Devices(kernel.random);
  const vfs = new Vfs(devices.table);
  const disk = new TreeFs({ dev: 0x801, type: "ext4", sizing: "ext4", ctx: kernel.fsContext });
  return { clock, kernel, devices, vfs, disk };
}

export type Node = ReturnType<typeof makeNode>;

export interface CredSpec {
  uid?: number;
  gid?: number;
  groups?: number[];
  caps?: CapabilitySet | "default" | "none" | "all";
  nnp?: boolean;
}

/** Credentials as runc leaves them: root keeps the set as permitted+effective; non-root keeps only bounding. */
export function creds(spec: CredSpec = {}): Credentials {
  const uid = spec.uid ?? 0;
  const set = spec.caps === undefined || spec.caps === "default" ? DEFAULT_CAPS : spec.caps === "none" ? 0n : spec.caps === "all" ? FULL_SET : spec.caps;
  return makeCredentials({
    uid, gid: spec.gid ?? 0, groups: spec.groups ?? [],
    capBounding: set, capPermitted: uid === 0 ? set : 0n, capEffective: uid === 0 ? set : 0n,
    noNewPrivs: spec.nnp ?? false,
  });
}

export interface ContainerSpec {
  image?: Image;
  readOnlyRoot?: boolean;
  privileged?: boolean;
  quota?: Quota;
  mounts?: (node: Node) => CriMount[];
}

export function makeContainer(node: Node, spec: ContainerSpec = {}) {
  const pidns = new PidNamespace(node.kernel.info.pidMax, 1024);
  const quota = spec.quota ?? new Quota();
  const fs: ContainerFs = assembleContainerFs({
    kernel: node.kernel, image: spec.image ?? busybox128, quota, pidns,
    readOnlyRootFilesystem: spec.readOnlyRoot ?? false, privileged: spec.privileged ?? false, unmaskedProc: false,
    mounts: spec.mounts?.(node) ?? [], overlayData: "lowerdir=/l,upperdir=/u,workdir=/w",
    cgroup: { pidsMax: "max", memoryMax: "max", cpuMax: "max 100000" },
  });
  const uts = { hostname: "demo", domainname: "(none)" };
  const spawn = (c: Credentials, argv: string[] = ["sh"], ppid = 0) => {
    const root = rootLocation(fs.mnt);
    const p = pidns.spawn({
      creds: c, comm: argv[0]!.split("/").pop()!, argv, exe: "/bin/busybox", environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/"],
      cwd: root, root, mnt: fs.mnt, uts, umask: 0o022, ppid, startTime: node.kernel.now(),
    });
    if (!(p instanceof Process)) throw new Error(`spawn failed: ${p.message}`);
    return p;
  };
  return { fs, pidns, quota, spawn, uts };
}

/** An emptyDir on the node's disk: 0777 root:root (pkg/volume/emptydir). */
export function emptyDir(node: Node, name: string) {
  const dir = node.disk.root().create(name, { mode: 0o040777, uid: 0, gid: 0 });
  return dir;
}
