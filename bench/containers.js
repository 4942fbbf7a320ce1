// Memory and time per container: 1,000 busybox containers on one node, each with the tutorial
// pod's mounts and a PID 1, sharing one frozen image tree. Run with `npm run bench`.

import { VirtualClock } from "../dist/core/kernel/clock.js";
import { makeCredentials } from "../dist/core/kernel/credentials.js";
import { Kernel } from "../dist/core/kernel/kernel.js";
import { PidNamespace } from "../dist/core/kernel/process.js";
import { busybox128 } from "../dist/core/images/busybox.js";
import { assembleContainerFs } from "../dist/core/vfs/container-fs.js";
import { Quota } from "../dist/core/vfs/quota.js";
import { rootLocation } from "../dist/core/vfs/path.js";
import { TreeFs } from "../dist/core/vfs/tree-fs.js";

const gc = () => { for (let i = 0; i < 3; i++) globalThis.gc?.(); };

export async function run(count = 1000) {
  const clock = new VirtualClock(Date.parse("2026-06-06T20:08:00Z"));
  const kernel = new Kernel({
    nodeName: "node01", kernel: { release: "6.8.0", version: "#1", compiler: "gcc" },
    cpus: 2, memTotalKb: 8_000_000, pidMax: 32768, hostProcesses: 180, uptimeAtStart: 1_000_000,
  }, clock);
  busybox128.rootfs(); // the shared image tree is built once per process, outside the measurement
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const keep = [];
  for (let i = 0; i < count; i++) {
    const quota = new Quota();
    const disk = new TreeFs({ dev: 0x801, type: "ext4", sizing: "ext4", ctx: kernel.fsContext, quota });
    const pidns = new PidNamespace(32768, 1024);
    const vol = disk.root().create("vol", { mode: 0o040777, uid: 0, gid: 2000 });
    const file = (name) => disk.root().create(name, { mode: 0o100644, uid: 0, gid: 0 });
    const mounts = [
      { containerPath: "/data/demo", node: vol, readOnly: false, source: "/dev/sda1", fsRoot: "/vol" },
      { containerPath: "/etc/hosts", node: file("hosts"), readOnly: false, source: "/dev/sda1", fsRoot: "/hosts" },
      { containerPath: "/etc/hostname", node: file("hostname"), readOnly: false, source: "/dev/sda1", fsRoot: "/hostname" },
      { containerPath: "/etc/resolv.conf", node: file("resolv.conf"), readOnly: false, source: "/dev/sda1", fsRoot: "/resolv.conf" },
    ];
    const fs = assembleContainerFs({
      kernel, image: busybox128, quota, pidns, readOnlyRootFilesystem: false, privileged: false, unmaskedProc: false,
      mounts, overlayData: "lowerdir=/l,upperdir=/u,workdir=/w", cgroup: { pidsMax: "max", memoryMax: "max", cpuMax: "max 100000" },
    });
    const root = rootLocation(fs.mnt);
    pidns.spawn({
      creds: makeCredentials({ uid: 1000, gid: 3000, groups: [2000, 3000, 4000], capBounding: 0xa80425fbn, noNewPrivs: true }),
      comm: "sleep", argv: ["sleep", "1h"], exe: "/bin/sleep", environ: ["PATH=/bin"], cwd: root, root, mnt: fs.mnt,
      uts: { hostname: `pod-${i}`, domainname: "(none)" }, umask: 0o22, ppid: 0, startTime: clock.now(),
    });
    keep.push(fs, pidns);
  }
  const ms = performance.now() - t0;
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { containers: count, heapBytesPerContainer: Math.round(bytes / count), msPerContainer: ms / count, kept: keep.length };
}
