// The cluster's node: its kernel (shared by every container), the programs its images run, its
// disk (kubelet pod directories, emptyDir volumes), the images it has pulled, and its own side of
// the namespaces pods may share with it (hostPID, hostNetwork, hostIPC): the root pid namespace
// with systemd, the daemons, the kernel threads and the kube-system pods (host-processes.ts),
// init_net with eth0 and the CNI bridge, the node's UTS and IPC namespaces and /dev/shm.

import { Kernel } from "../../kernel/kernel.js";
import type { Clock } from "../../kernel/clock.js";
import { INIT_IPC_NS, type IpcNamespace, PROC_UTS_INIT_INO } from "../../kernel/namespaces.js";
import { NetNamespace, type Reachability } from "../../kernel/net.js";
import { PidNamespace, Process, type ProcessInit, type Tty, type Uts } from "../../kernel/process.js";
import { type HostScheduler, Scheduler } from "../../kernel/sched.js";
import { SyscallError } from "../../kernel/errno.js";
import { S_IFDIR } from "../../kernel/permission.js";
import { System } from "../../kernel/system.js";
import type { ProgramTable } from "../../kernel/program.js";
import { Devices } from "../../vfs/devices.js";
import { Inode, makedev } from "../../vfs/inode.js";
import { MountNamespace } from "../../vfs/mount.js";
import { type Location, rootLocation } from "../../vfs/path.js";
import { ProcFs } from "../../vfs/procfs/procfs.js";
import type { Quota } from "../../vfs/quota.js";
import { TreeFs } from "../../vfs/tree-fs.js";
import { Vfs } from "../../vfs/vfs.js";
import type { ClusterProfile } from "../profiles.js";
import { FIRST_POD_IFINDEX, addPodVeth, nodeNetwork, removePodVeth } from "./host-network.js";
import { type BootPod, type HostTask, SHIM_CREDS, SHIM_MEMORY, SHIM_THREADS, hostTable } from "./host-processes.js";

export interface NodeOptions {
  profile: ClusterProfile;
  clock: Clock;
  host: HostScheduler;
  programs: ProgramTable;
  quota: Quota;
  seed: number;
}

/**
 * Host pids a shim start takes before the shim daemon's own: `containerd-shim-runc-v2 start`,
 * which forks the daemon and exits (runtime/v2/shim: the daemon is reparented to init).
 */
export const SHIM_START_PIDS = 1;

/** Devices of the node's boot-time mounts (anonymous devices numbered at boot). */
const HOST_PROC_DEV = makedev(0, 22);
const HOST_SHM_DEV = makedev(0, 26);

const SERVICE_ENV = Object.freeze(["LANG=C.UTF-8", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"]);

/** A terminal the emulation never types on (the node's consoles, where agetty waits). */
function consoleTty(name: string, rdev: number, pgid: number): Tty {
  return { name, rdev, foregroundPgid: pgid, read: () => new Promise<string>(() => {}), write: async () => {} };
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
  /** init_pid_ns: the node's processes, and every container's under its node pid. */
  readonly pidns: PidNamespace;

  /** The node's UTS namespace (a hostNetwork pod's: `hostname` prints the node's name). */
  readonly uts: Uts;
  readonly ipc: IpcNamespace = INIT_IPC_NS;
  /** Who answers at an address in the cluster (set by the kubelet's cluster). */
  reach: Reachability = { hostAt: () => undefined, resolve: () => undefined };
  /** host-local IPAM's next address, and the next id init_net gives a pod's namespace (after the boot pods'). */
  private nextPodIp: number;
  private netnsids: number;
  /** The node side of the pods' veth pairs, by interface index (kept even before init_net is made). */
  private readonly veths = new Map<number, { podUid: string; netnsid: number }>();
  private hostMount: MountNamespace | undefined;
  private hostShmFs: TreeFs | undefined;

  constructor(readonly opts: NodeOptions) {
    this.kernel = new Kernel(opts.profile.node, opts.clock, opts.seed);
    this.devices = new Devices(this.kernel.random);
    this.vfs = new Vfs(this.devices.table);
    this.system = new System(this.kernel, this.vfs, this.devices, new Scheduler(opts.host), opts.programs);
    this.disk = new TreeFs({ dev: makedev(8, 1), type: "ext4", sizing: "ext4", ctx: this.kernel.fsContext, quota: opts.quota, capacity: { bytes: 20 * 1024 ** 3, files: 1_310_720 } });
    const info = opts.profile.node;
    const table = hostTable(opts.profile.id);
    this.uts = { hostname: info.nodeName, domainname: "(none)", inum: PROC_UTS_INIT_INO };
    const podNets = table.pods.flatMap((p) => (p.network === undefined ? [] : [p.network]));
    this.nextPodIp = Math.max(1, ...podNets.map((n) => n.host)) + 1;
    this.netnsids = podNets.length;
    this.kernel.provideInitNet(() => {
      const net = nodeNetwork(opts.profile, this.lateReach(), table);
      for (const [index, v] of this.veths) addPodVeth(net, v.podUid, index, v.netnsid);
      return net;
    });
    this.pidns = new PidNamespace(info.pidMax, info.pidMax, undefined, {
      lastPid: table.lastPid,
      boot: { count: table.tasks.length, create: (ns) => this.boot(ns, table.tasks) },
    });
  }

  get profile(): ClusterProfile {
    return this.opts.profile;
  }

  /** `reach` as it is when asked (the kubelet sets it after the node is made); made only with a namespace that needs it. */
  private lateReach(): Reachability {
    return { hostAt: (ip) => this.reach.hostAt(ip), resolve: (name) => this.reach.resolve(name) };
  }

  allocatePodIp(): string {
    const base = this.profile.podCIDR.split("/")[0]!.replace(/\.\d+$/, "");
    return `${base}.${this.nextPodIp++}`;
  }

  /** init_net, with eth0, the CNI bridge and the pods' veths (made when a process needs it). */
  get net(): NetNamespace {
    return this.kernel.initNet;
  }

  /**
   * CNI ADD on the node side: the host end of a pod's veth pair, at a free index near `wanted`
   * (the pod's eth0 names it as its peer). init_net itself is only made when someone looks.
   */
  plugVeth(podUid: string, wanted: number): number {
    let index = Math.max(wanted, FIRST_POD_IFINDEX);
    while (this.veths.has(index) || this.initNetMade?.interfaces.some((i) => i.index === index)) index++;
    const veth = { podUid, netnsid: this.netnsids++ };
    this.veths.set(index, veth);
    if (this.initNetMade !== undefined) addPodVeth(this.initNetMade, podUid, index, veth.netnsid);
    return index;
  }

  /** CNI DEL: the veth goes with the pod's network namespace. */
  unplugVeth(index: number): void {
    this.veths.delete(index);
    if (this.initNetMade !== undefined) removePodVeth(this.initNetMade, index);
  }

  private get initNetMade(): NetNamespace | undefined {
    return this.kernel.initNetIfMade;
  }

  /** The node's mount namespace: its root disk and /proc (made when a node process needs it). */
  get mnt(): MountNamespace {
    if (this.hostMount === undefined) {
      const mnt = new MountNamespace(this.disk.root(), { source: "/dev/sda1", data: "discard,errors=remount-ro" }, 22);
      const proc = new ProcFs(HOST_PROC_DEV, { kernel: this.kernel, pidns: this.pidns, mountTime: this.kernel.bootTime });
      mnt.mount("/proc", proc.root(), { source: "proc", nosuid: true, nodev: true, noexec: true });
      this.hostMount = mnt;
    }
    return this.hostMount;
  }

  get rootDir(): Location {
    return rootLocation(this.mnt);
  }

  /** The node's /dev/shm (tmpfs from boot): what a hostIPC pod gets instead of its own. */
  get shm(): TreeFs {
    return (this.hostShmFs ??= new TreeFs({
      dev: HOST_SHM_DEV, type: "tmpfs", sizing: "tmpfs", ctx: this.kernel.fsContext, quota: this.opts.quota,
      root: new Inode({ ino: 1, mode: S_IFDIR | 0o1777, uid: 0, gid: 0, time: this.kernel.bootTime }),
    }));
  }

  /** The node's /etc/hosts, which the kubelet copies for a hostNetwork pod (nodeHostsFileContent). */
  hostsFile(): string {
    const name = this.profile.node.nodeName;
    return [
      "127.0.0.1 localhost", `${this.profile.nodeIP} ${name}`, "", "# The following lines are desirable for IPv6 capable hosts",
      "::1     ip6-localhost ip6-loopback", "fe00::0 ip6-localnet", "ff00::0 ip6-mcastprefix", "ff02::1 ip6-allnodes", "ff02::2 ip6-allrouters", "",
    ].join("\n");
  }

  /** The resolv.conf the kubelet gives a hostNetwork pod with dnsPolicy ClusterFirst (the node's). */
  resolvConf(): string {
    return hostTable(this.profile.id).resolvConf;
  }

  /** A runtime process on the node: the shim daemonizes, so its parent is init (PPID 1). */
  startShim(argv: readonly string[]): Process {
    this.pidns.burnPids(SHIM_START_PIDS);
    const root = this.rootDir;
    const shim = this.pidns.spawn({
      creds: SHIM_CREDS, comm: "containerd-shim", argv, exe: argv[0]!, environ: SERVICE_ENV, cwd: root, root, mnt: this.mnt, uts: this.uts,
      umask: 0o022, ppid: 1, startTime: this.kernel.now(), memory: SHIM_MEMORY, // net: init_net
    });
    if (!(shim instanceof Process)) throw new SyscallError(shim, "clone");
    shim.spawnThreads(SHIM_THREADS);
    return shim;
  }

  /** Creates the processes that were running before the sandbox started, at their pids. */
  private boot(ns: PidNamespace, tasks: readonly HostTask[]): void {
    const root = this.rootDir;
    const bootTime = this.kernel.bootTime;
    const pods = new Map<BootPod, { ipc: IpcNamespace; net: NetNamespace; uts: Uts }>();
    for (const t of tasks) {
      const init: ProcessInit = {
        creds: t.creds, comm: t.comm, argv: t.argv, exe: t.exe, environ: t.environ, cwd: root, root, mnt: this.mnt, uts: this.uts,
        umask: 0o022, ppid: t.ppid, parent: ns.peek(t.ppid), pgid: t.kthread ? 0 : t.pid, sid: t.kthread ? 0 : t.pid,
        startTime: bootTime + t.started * 1000, threads: t.threads, nice: t.nice, sigIgnored: t.sigIgnored, sigCaught: t.sigCaught,
        net: this.net, kthread: t.kthread, ...(t.memory === undefined ? {} : { memory: t.memory }),
        tty: t.tty === undefined ? undefined : consoleTty(t.tty, t.tty === "tty1" ? makedev(4, 1) : makedev(4, 64), t.pid),
      };
      let proc: Process;
      const c = t.container;
      if (c === undefined) proc = ns.adopt([t.pid], init);
      else {
        // A container of a pod that was running at boot: PID 1 of its own namespace, in the pod's
        // IPC namespace, and in its network and UTS ones unless the pod uses the node's.
        const pidns = new PidNamespace(ns.pidMax, ns.pidMax, ns, { inum: c.pidInum, lastPid: 1 });
        const mnt = new MountNamespace(this.disk.root(), { source: "overlay" });
        mnt.inum = c.mntInum;
        let pod = pods.get(c.pod);
        if (pod === undefined) {
          pod = { ipc: { inum: c.pod.ipcInum }, ...this.bootPodNet(c.pod) };
          pods.set(c.pod, pod);
        }
        proc = pidns.adopt([t.pid, 1], {
          ...init, ppid: 0, pgid: 1, sid: 1, mnt, cwd: rootLocation(mnt), root: rootLocation(mnt), ipc: pod.ipc, net: pod.net, uts: pod.uts, cgroupNs: { inum: c.cgroupInum },
        });
      }
      if (t.comm.length > 15) proc.comm = t.comm; // kernel threads: /proc shows the whole name
      proc.state = t.state;
      proc.utime = Math.ceil(t.cpu * 0.6);
      proc.stime = t.cpu - proc.utime;
    }
  }

  /** A boot pod's network and UTS namespaces: the node's, or its own eth0 on cni0 (CoreDNS's DNS and probe ports). */
  private bootPodNet(pod: BootPod): { net: NetNamespace; uts: Uts } {
    const n = pod.network;
    if (n === undefined) return { net: this.net, uts: this.uts };
    const net = NetNamespace.pod(this.bootPodIp(n.host), this.bootPodIp(1), n.mac, n.vethIndex, this.lateReach(), n.netInum);
    for (const port of pod.listening) net.listening.add(port);
    return { net, uts: { hostname: pod.name, domainname: "(none)", inum: n.utsInum } };
  }

  /** An address of the node's pod network (cni0's /24: .1 is the bridge, the gateway). */
  private bootPodIp(host: number): string {
    return `${this.profile.podCIDR.split("/")[0]!.replace(/\.\d+$/, "")}.${host}`;
  }

  /**
   * A pod running since boot with its own address (CoreDNS) as Reachability.hostAt answers for it:
   * its name and the TCP ports it listens on.
   */
  bootPodAt(ip: string): { name: string; listening: readonly number[] } | undefined {
    const pod = hostTable(this.profile.id).pods.find((p) => p.network !== undefined && this.bootPodIp(p.network.host) === ip);
    return pod === undefined ? undefined : { name: pod.name, listening: pod.listening };
  }
}
