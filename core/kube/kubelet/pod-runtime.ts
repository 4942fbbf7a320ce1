// One pod on the node: its sandbox (network, hostname, /dev/shm, kubelet files, volumes, the
// runtime's shim and the pause process) and its containers — each an overlay rootfs, a pid
// namespace and a PID 1 started with the credentials runc gives it (bounding set,
// setgroups/setgid/setuid, capabilities, no_new_privs, seccomp), then execve of the command.
// hostPID, hostNetwork and hostIPC join the node's namespaces instead of new ones, as containerd's
// CRI plugin and cri-dockerd ask runc to (no CLONE_NEWPID/NEWNET/NEWIPC in the OCI spec).

import { CancellationSource } from "../../kernel/cancellation.js";
import { makeCredentials } from "../../kernel/credentials.js";
import { SyscallError, errnoOf } from "../../kernel/errno.js";
import type { CgroupNamespace, IpcNamespace } from "../../kernel/namespaces.js";
import { NetNamespace, type Reachability } from "../../kernel/net.js";
import { PidNamespace, PidsCgroup, Process, type Uts, deliver } from "../../kernel/process.js";
import { SIGKILL } from "../../kernel/signal.js";
import type { Image } from "../../images/image.js";
import { type ContainerFs, type CriMount, assembleContainerFs } from "../../vfs/container-fs.js";
import { S_IFDIR, S_IFLNK, S_IFREG, S_ISGID } from "../../kernel/permission.js";
import { rootLocation } from "../../vfs/path.js";
import { TreeFs, type TreeNode, releaseTree } from "../../vfs/tree-fs.js";
import type { VNode } from "../../vfs/node.js";
import { setVolumeOwnership } from "../../vfs/volumes.js";
import type { Container, Pod } from "../api/types.js";
import { parseQuantity } from "../validation/quantity.js";
import type { ProcessSpec } from "../runtime/spec.js";
import type { Stdio } from "../../kernel/program.js";
import type { Kernel } from "../../kernel/kernel.js";
import { stableHex } from "./host-network.js";
import { PAUSE_CREDS, PAUSE_MEMORY, shimArgv } from "./host-processes.js";
import { ContainerStreams, type ContainerPts, allocatePts, installPts, releasePts } from "./attach.js";
import { LogBuffer } from "./logs.js";
import type { Node } from "./node.js";

/** Processes a pod may have before fork fails with EAGAIN (the kubelet's podPidsLimit). */
export const POD_PIDS_LIMIT = 512;

export type ContainerPhase =
  | { state: "waiting"; reason: string; message?: string }
  | { state: "running"; startedAt: number }
  | { state: "terminated"; exitCode: number; signal?: number; reason: string; message?: string; startedAt: number; finishedAt: number };

/**
 * `runc init` is PID 1 before it execs the command, and its Go runtime threads take thread ids
 * from the new PID namespace: the command's first child is not PID 2 (the tutorial's node-hello
 * pods show `node server.js` as PID 5 and 8; 3 threads gives 5).
 */
export const RUNC_INIT_THREADS = 3;

/**
 * Node pids `runc create` / `runc exec` take before the container's process exists: runc itself
 * and its Go threads, then the stages of `runc init` (nsexec) that stay outside the container.
 */
export const RUNC_HOST_PIDS = 7;

export interface ContainerRuntime {
  readonly name: string;
  readonly spec: Container;
  /** A regular init container (spec.initContainers): runs to completion before the app containers. */
  readonly isInit: boolean;
  image: Image | undefined;
  id: string;
  phase: ContainerPhase;
  lastTermination: Extract<ContainerPhase, { state: "terminated" }> | undefined;
  restartCount: number;
  /** Seconds of the next restart back-off (10 s doubling to 300 s). */
  backoff: number;
  fs: ContainerFs | undefined;
  pidns: PidNamespace | undefined;
  init: Process | undefined;
  /** The shim that is the parent of its processes (the pod's with containerd, its own with Docker). */
  shim: Process | undefined;
  /** Its cgroup: pids.max, and the processes runc kills when it destroys the container. */
  cgroup: PidsCgroup | undefined;
  cgroupNs: CgroupNamespace | undefined;
  processSpec: ProcessSpec | undefined;
  logs: LogBuffer;
  previousLogs: LogBuffer | undefined;
  /** The running instance's stdio as the shim holds it: console or stdin, and attached clients. */
  streams: ContainerStreams | undefined;
  /** Exit being expected: the kubelet is stopping it. */
  stopping: boolean;
  /** Cancelled when the container's spec changes (a new image): the worker starts over. */
  resync: CancellationSource;
}

export class PodRuntime {
  readonly ip: string;
  readonly net: NetNamespace;
  readonly uts: Uts;
  readonly ipc: IpcNamespace;
  readonly containers = new Map<string, ContainerRuntime>();
  /** The pod's directory on the node's disk: /var/lib/kubelet/pods/<uid>. */
  readonly dir: TreeNode;
  readonly volumes = new Map<string, { node: VNode; fsRoot: string; source: string; data?: string; readOnly?: boolean }>();
  /** The pod's /dev/shm: its own tmpfs, or the node's with hostIPC. */
  readonly shm: TreeFs;
  /** shareProcessNamespace: one pid namespace for the whole pod, with pause as its PID 1. */
  readonly sharedPidns: PidNamespace | undefined;
  readonly hostPID: boolean;
  readonly hostNetwork: boolean;
  readonly hostIPC: boolean;
  /** The node-side interface index of the pod's veth pair (eth0@if<n>). */
  readonly vethIndex: number | undefined;
  /** The sandbox: its id, the shim that runs it and the pause process holding its namespaces. */
  readonly sandboxId: string;
  sandboxShim: Process | undefined;
  pause: Process | undefined;
  deleting = false;
  started = false;

  constructor(
    readonly node: Node,
    public pod: Pod,
    reach: Reachability,
  ) {
    const kernel = node.kernel;
    const spec = pod.spec;
    this.hostPID = spec.hostPID === true;
    this.hostNetwork = spec.hostNetwork === true;
    this.hostIPC = spec.hostIPC === true;
    this.sandboxId = stableHex(`sandbox/${pod.metadata.uid}`, 64);
    if (this.hostNetwork) {
      // The node's network and UTS namespaces; the pod IP is the node's (kubelet: podIPs =
      // hostIPs for a host-network pod), and the hostname is the node's.
      this.ip = node.profile.nodeIP;
      this.net = node.net;
      this.uts = node.uts;
      this.vethIndex = undefined;
    } else {
      this.ip = node.allocatePodIp();
      const mac = `72:${kernel.random.hex(10).replace(/(..)(?!$)/g, "$1:")}`;
      this.vethIndex = node.plugVeth(pod.metadata.uid!, 10 + kernel.random.hex(1).charCodeAt(0) % 20);
      this.net = NetNamespace.pod(this.ip, this.ip.replace(/\.\d+$/, ".1"), mac, this.vethIndex, reach, kernel.nextNsInum());
      this.uts = { hostname: spec.hostname ?? pod.metadata.name!, domainname: "(none)", inum: kernel.nextNsInum() };
    }
    this.ipc = this.hostIPC ? node.ipc : { inum: kernel.nextNsInum() };
    const pods = ensureDir(node.disk.root() as TreeNode, "pods");
    this.dir = ensureDir(pods, pod.metadata.uid!);
    if (this.hostIPC) this.shm = node.shm; // containerd: the sandbox's /dev/shm is the host's
    else {
      this.shm = new TreeFs({ dev: kernel.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: kernel.fsContext, quota: node.opts.quota });
      this.shm.rootInode.mode = S_IFDIR | 0o1777;
    }
    this.sharedPidns = spec.shareProcessNamespace ? new PidNamespace(kernel.info.pidMax, kernel.info.pidMax, node.pidns, { inum: kernel.nextNsInum() }) : undefined;
    this.writeKubeletFiles();
    // convertToAPIContainerStatuses(): a container not created yet waits in ContainerCreating, or
    // in PodInitializing (init and app containers alike) when the pod has init containers.
    const waiting = (spec.initContainers ?? []).length > 0 ? "PodInitializing" : "ContainerCreating";
    const all = [...(spec.initContainers ?? []).map((c) => ({ c, isInit: true })), ...(spec.containers ?? []).map((c) => ({ c, isInit: false }))];
    for (const { c, isInit } of all) {
      this.containers.set(c.name!, {
        name: c.name!, spec: c, isInit, image: undefined, id: "", phase: { state: "waiting", reason: waiting }, lastTermination: undefined,
        restartCount: 0, backoff: 10, fs: undefined, pidns: undefined, init: undefined, shim: undefined, cgroup: undefined, cgroupNs: undefined,
        processSpec: undefined, logs: new LogBuffer(() => node.kernel.now()), previousLogs: undefined, streams: undefined, stopping: false, resync: new CancellationSource(),
      });
    }
  }

  /**
   * RunPodSandbox: a shim, then `runc create` of the pause container, whose process holds the
   * pod's namespaces. It is PID 1 of its own pid namespace (or of the pod's shared one), or a
   * node process with hostPID.
   */
  startSandbox(): void {
    const node = this.node;
    const kernel = node.kernel;
    this.sandboxShim = node.startShim(shimArgv(node.profile.runtime, this.sandboxId));
    node.pidns.burnPids(RUNC_HOST_PIDS);
    const pidns = this.hostPID ? node.pidns : this.sharedPidns ?? new PidNamespace(kernel.info.pidMax, kernel.info.pidMax, node.pidns, { inum: kernel.nextNsInum() });
    const root = node.rootDir;
    const pause = pidns.spawn({
      creds: PAUSE_CREDS, comm: "pause", argv: ["/pause"], exe: "/pause", environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", `HOSTNAME=${this.uts.hostname}`],
      cwd: root, root, mnt: node.mnt, uts: this.uts, umask: 0o022, ppid: 0, parent: this.sandboxShim, startTime: kernel.now(), memory: PAUSE_MEMORY,
      net: this.hostNetwork ? undefined : this.net, ipc: this.ipc, cgroupNs: { inum: kernel.nextNsInum() },
    });
    if (!(pause instanceof Process)) throw new SyscallError(pause, "clone");
    this.pause = pause;
  }

  /** StopPodSandbox and RemovePodSandbox: pause is killed, the shim exits, the veth goes. */
  stopSandbox(): void {
    this.pause?.terminate({ signal: SIGKILL });
    this.sandboxShim?.terminate({ status: 0 });
    for (const c of this.containers.values()) if (c.shim !== this.sandboxShim) c.shim?.terminate({ status: 0 });
  }

  /**
   * runc kill: a signal from the runtime to the container's init, from outside its namespace
   * (so SIGKILL reaches a PID 1 that has no handler).
   */
  signalInit(c: ContainerRuntime, sig: number): void {
    if (c.init !== undefined) deliver(c.init, sig, true);
  }

  private writeKubeletFiles(): void {
    const name = this.pod.metadata.name!;
    const ns = this.pod.metadata.namespace!;
    // A host-network pod gets the node's /etc/hosts and hostname; with dnsPolicy ClusterFirst
    // the node's resolv.conf too (kubelet GetPodDNS: ClusterFirst falls back to Default).
    const hostDns = this.hostNetwork && (this.pod.spec.dnsPolicy ?? "ClusterFirst") === "ClusterFirst";
    const hosts = this.hostNetwork ? this.node.hostsFile() : [
      "# Kubernetes-managed hosts file.", "127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet",
      "fe00::0\tip6-mcastprefix", "fe00::1\tip6-allnodes", "fe00::2\tip6-allrouters", `${this.ip}\t${this.uts.hostname}`, "",
    ].join("\n");
    writeFile(this.dir, "etc-hosts", hosts, 0o644);
    writeFile(this.dir, "hostname", `${this.hostNetwork ? this.uts.hostname : name}\n`, 0o644);
    writeFile(this.dir, "resolv.conf", hostDns ? this.node.resolvConf() : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`, 0o644);
  }

  /** Sets up the pod's volumes (kubelet volume manager); returns a FailedMount message on failure. */
  mountVolumes(): string | undefined {
    const psc = this.pod.spec.securityContext ?? {};
    const volDir = ensureDir(this.dir, "volumes");
    for (const v of this.pod.spec.volumes ?? []) {
      const name = v.name!;
      if (v.emptyDir !== undefined) {
        const plugin = ensureDir(volDir, "kubernetes.io~empty-dir");
        if (v.emptyDir.medium === "Memory") {
          // setupTmpfs(): a tmpfs mounted without mode=, so its root is 01777 (mm/shmem.c
          // shmem_init_fs_context: 0777 | S_ISVTX); the ownership change then ORs in 02770.
          const fs = new TreeFs({ dev: this.node.kernel.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: this.node.kernel.fsContext, quota: this.node.opts.quota });
          fs.rootInode.mode = S_IFDIR | 0o1777;
          if (psc.fsGroup !== undefined) setVolumeOwnership(fs.rootInode, psc.fsGroup, undefined, false, this.node.kernel.now());
          this.volumes.set(name, { node: fs.root(), fsRoot: "/", source: "tmpfs", data: this.memoryTmpfsData(v.emptyDir.sizeLimit) });
          continue;
        }
        const dir = ensureDir(plugin, name, 0o777);
        // emptyDir: ownership applied with no change policy (empty_dir.go SetUpAt).
        if (psc.fsGroup !== undefined) setVolumeOwnership(dir.inode, psc.fsGroup, undefined, false, this.node.kernel.now());
        this.volumes.set(name, { node: dir, fsRoot: `/var/lib/kubelet/pods/${this.pod.metadata.uid}/volumes/kubernetes.io~empty-dir/${name}`, source: "/dev/sda1", data: "discard,errors=remount-ro" });
        continue;
      }
      if (v.hostPath !== undefined) {
        const host = ensureDir(this.node.disk.root() as TreeNode, "host");
        let dir = host;
        for (const part of (v.hostPath.path ?? "/").split("/").filter(Boolean)) dir = ensureDir(dir, part);
        this.volumes.set(name, { node: dir, fsRoot: v.hostPath.path ?? "/", source: "/dev/sda1", data: "discard,errors=remount-ro" });
        continue;
      }
      if (v.projected !== undefined && name.startsWith("kube-api-access-")) {
        this.volumes.set(name, { node: this.serviceAccountVolume(psc.fsGroup, fsUserFrom(this.pod)), fsRoot: "/", source: "tmpfs", data: this.memoryTmpfsData(undefined), readOnly: true });
        continue;
      }
      const kind = Object.keys(v).find((k) => k !== "name") ?? "unknown";
      const ref = (v[kind] as { name?: string; secretName?: string } | undefined);
      if (kind === "configMap") return `MountVolume.SetUp failed for volume "${name}" : configmap "${ref?.name ?? ""}" not found`;
      if (kind === "secret") return `MountVolume.SetUp failed for volume "${name}" : secret "${ref?.secretName ?? ""}" not found`;
      if (kind === "persistentVolumeClaim") return `persistentvolumeclaim "${(v[kind] as { claimName?: string }).claimName ?? ""}" not found`;
      return `MountVolume.SetUp failed for volume "${name}" : volume type ${kind} is not supported by podlab`;
    }
    return undefined;
  }

  /**
   * The filesystem data /proc/mounts shows for a memory-backed volume: an emptyDir with medium
   * Memory, or the emptyDir a projected volume wraps. pkg/volume/emptydir/empty_dir.go:
   * calculateEmptyDirMemorySize() sizes it to the node's allocatable memory, or to the pod's
   * memory limit or the volume's sizeLimit when smaller; generateTmpfsMountOptions() adds
   * `noswap` (kubelet ≥ 1.30, kernel ≥ 6.4: swap.IsTmpfsNoswapOptionSupported). The kernel prints
   * them in mm/shmem.c shmem_show_options() order: size in KiB of whole pages, inode64, noswap.
   */
  private memoryTmpfsData(sizeLimit: string | number | undefined): string {
    const info = this.node.kernel.info;
    // Node allocatable = capacity (MemTotal) - the kubelet's default evictionHard memory.available (100Mi).
    let size = info.memTotalKb * 1024 - 100 * 1024 * 1024;
    const podLimit = podMemoryLimit(this.pod);
    if (podLimit !== undefined && podLimit > 0 && podLimit <= size) size = podLimit;
    const volumeLimit = sizeLimit === undefined ? undefined : quantityBytes(String(sizeLimit));
    if (volumeLimit !== undefined && volumeLimit > 0 && volumeLimit <= size) size = volumeLimit;
    const kb = Math.ceil(size / 4096) * 4;
    const [major = 0, minor = 0] = info.kernel.release.split(/[.-]/).map(Number);
    const noswap = Number(this.node.profile.serverVersion.minor) >= 30 && (major > 6 || (major === 6 && minor >= 4));
    return `size=${kb}k,inode64${noswap ? ",noswap" : ""}`;
  }

  /**
   * The projected service-account volume (pkg/volume/projected/projected.go SetUpAt), in the order
   * the kubelet (root, gid 0) builds it:
   * - the wrapped emptyDir (medium: Memory): a tmpfs root of 01777 (mm/shmem.c), then the emptyDir's
   *   own ownership change with the read-write masks (empty_dir.go SetUpAt) → 03777 with fsGroup;
   * - AtomicWriter.Write(): newTimestampDir() chmods the data directory to 0755; writePayloadToDir()
   *   writes each file with its mode and chowns it to FsUser; collectData() gives the token 0600
   *   when FsUser or FsGroup is set ("we depend on SetVolumeOwnership to change from 0600 to
   *   0640"), else the defaultMode 0644;
   * - setPerms: the ownership change with the read-only masks (GetAttributes ReadOnly: true: files
   *   |= 0440, directories |= 02550), before the ..data and user-visible symlinks are published;
   *   those then take the root's group through its setgid bit (inode_init_owner).
   */
  private serviceAccountVolume(fsGroup: number | undefined, fsUser: number | undefined): VNode {
    const k = this.node.kernel;
    const now = k.now();
    const fs = new TreeFs({ dev: k.nextDev(), type: "tmpfs", sizing: "tmpfs", ctx: k.fsContext, readOnly: false });
    const root = fs.root() as TreeNode;
    root.inode.mode = S_IFDIR | 0o1777;
    if (fsGroup !== undefined) setVolumeOwnership(root.inode, fsGroup, undefined, false, now);
    const gid = (root.inode.mode & S_ISGID) !== 0 ? root.inode.gid : 0;
    const stamp = new Date(now).toISOString().replace(/[-:]/g, "_").replace("T", "_").slice(0, 19);
    const dataDir = `..${stamp}.${Math.floor(k.random.next() * 1e9)}`;
    const ts = root.create(dataDir, { mode: S_IFDIR | 0o755, uid: 0, gid }) as TreeNode;
    writeFile(ts, "ca.crt", "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIpodlab0000MA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMT\n-----END CERTIFICATE-----\n", 0o644, gid);
    writeFile(ts, "namespace", this.pod.metadata.namespace!, 0o644, gid);
    const tokenMode = fsUser !== undefined || fsGroup !== undefined ? 0o600 : 0o644;
    const token = writeFile(ts, "token", `eyJhbGciOiJSUzI1NiIsImtpZCI6In${k.random.hex(40)}.${k.random.hex(120)}.${k.random.hex(80)}`, tokenMode, gid);
    if (fsUser !== undefined) token.inode.uid = fsUser;
    if (fsGroup !== undefined) setVolumeOwnership(root.inode, fsGroup, undefined, true, now);
    for (const [name, target] of [["..data", dataDir], ["ca.crt", "..data/ca.crt"], ["namespace", "..data/namespace"], ["token", "..data/token"]]) {
      root.create(name!, { mode: S_IFLNK | 0o777, uid: 0, gid, target: target! });
    }
    return root;
  }

  /** The CRI mounts of a container: volumes, kubelet files, /dev/shm. */
  criMounts(c: ContainerRuntime, readOnlyRoot: boolean): CriMount[] {
    const mounts: CriMount[] = [];
    for (const m of c.spec.volumeMounts ?? []) {
      const v = this.volumes.get(m.name!);
      if (v === undefined) continue;
      mounts.push({ containerPath: m.mountPath!, node: v.node, readOnly: m.readOnly === true || v.readOnly === true, source: v.source, fsRoot: v.fsRoot, ...(v.data ? { data: v.data } : {}) });
    }
    const file = (name: string) => (this.dir.lookup(name, ROOT) as VNode);
    const podPath = `/var/lib/kubelet/pods/${this.pod.metadata.uid}`;
    const ext4 = { source: "/dev/sda1", data: "discard,errors=remount-ro" };
    mounts.push({ containerPath: "/etc/hosts", node: file("etc-hosts"), readOnly: false, fsRoot: `${podPath}/etc-hosts`, ...ext4 });
    const term = writeFile(ensureDir(this.dir, "containers"), `${c.name}-termination-log`, "", 0o666);
    mounts.push({ containerPath: "/dev/termination-log", node: term, readOnly: false, fsRoot: `${podPath}/containers/${c.name}`, ...ext4 });
    // containerd's own hostname and resolv.conf follow readOnlyRootFilesystem.
    mounts.push({ containerPath: "/etc/hostname", node: file("hostname"), readOnly: readOnlyRoot, fsRoot: `/var/lib/containerd/sandboxes/${this.pod.metadata.uid}/hostname`, ...ext4 });
    mounts.push({ containerPath: "/etc/resolv.conf", node: file("resolv.conf"), readOnly: readOnlyRoot, fsRoot: `/var/lib/containerd/sandboxes/${this.pod.metadata.uid}/resolv.conf`, ...ext4 });
    if (this.hostIPC) {
      // A bind of the node's /dev/shm keeps the flags systemd mounted it with (nosuid, nodev,
      // strictatime; no size= since it is the default).
      mounts.push({ containerPath: "/dev/shm", node: this.shm.root(), readOnly: false, source: "tmpfs", fsRoot: "/", nosuid: true, nodev: true, atime: "strictatime", data: "inode64" });
    } else {
      mounts.push({ containerPath: "/dev/shm", node: this.shm.root(), readOnly: false, source: "shm", fsRoot: "/", nosuid: true, nodev: true, noexec: true, data: "size=65536k,inode64" });
    }
    return mounts;
  }

  /** Starts a container's PID 1; returns a start error message when the command cannot run. */
  startContainer(c: ContainerRuntime, image: Image, spec: ProcessSpec, onExit: (status: { exitCode: number; signal?: number }) => void): string | undefined {
    const node = this.node;
    const kernel = node.kernel;
    // hostPID: the node's namespace; shareProcessNamespace: the pod's; otherwise a new one.
    const ownPidns = !this.hostPID && this.sharedPidns === undefined;
    const pidns = this.hostPID ? node.pidns : this.sharedPidns ?? new PidNamespace(kernel.info.pidMax, kernel.info.pidMax, node.pidns, { inum: kernel.nextNsInum() });
    // The kubelet removes the previous dead container (and its writable layer) on a restart.
    if (c.fs !== undefined) releaseTree(c.fs.rootfs.upperRoot, node.opts.quota);
    c.fs = undefined;
    // runc's cgroup for the container: fork fails past the pod's pids limit, charged here.
    const pids = new PidsCgroup(POD_PIDS_LIMIT);
    let fs: ContainerFs;
    try {
      fs = assembleContainerFs({
        kernel, image, quota: node.opts.quota, pidns,
        readOnlyRootFilesystem: spec.readonlyRootfs, privileged: spec.privileged, unmaskedProc: spec.unmaskedProc,
        mounts: this.criMounts(c, spec.readonlyRootfs),
        overlayData: overlayData(node.profile.runtime, c.id),
        cgroup: { ...containerCgroup(c.spec), swapMax: node.profile.runtime === "containerd" ? 0 : "max", pids },
      });
    } catch (err) {
      // runc's rootfs preparation failing (the node's disk is full): a start error, not a crash.
      const e = errnoOf(err);
      if (e === undefined) throw err;
      return `error during container init: ${e.message.toLowerCase()}`;
    }
    c.fs = fs;
    c.pidns = pidns;
    c.image = image;
    c.processSpec = spec;
    c.cgroup = pids;
    c.cgroupNs = { inum: kernel.nextNsInum() };
    // Docker runs every container under a shim of its own; containerd groups a pod's under one.
    c.shim = node.profile.runtime === "docker" ? node.startShim(shimArgv("docker", c.id)) : this.sandboxShim;
    c.previousLogs = c.restartCount > 0 ? c.logs : undefined;
    if (c.restartCount > 0) c.logs = new LogBuffer(() => node.kernel.now());
    node.pidns.burnPids(RUNC_HOST_PIDS);
    // `tty: true`: runc makes a console (the container's first pts) PID 1's controlling terminal
    // and stdio, and hands the master to the shim; `stdin: true` without it: a pipe from the shim.
    const console: ContainerPts | undefined = c.spec.tty === true ? allocatePts(this, c, { cols: 0, rows: 0 }) : undefined;
    const proc = this.spawn(c, spec, pidns, console?.pty);
    const streams = new ContainerStreams({
      stdin: c.spec.stdin === true, stdinOnce: c.spec.stdinOnce === true, console: console?.pty, logs: c.logs, shim: c.shim!,
      hangupConsoleOnStdinClose: node.profile.runtime === "containerd",
    });
    const stdio = shimPipes(streams.stdio(), console === undefined, c.spec.stdin === true, kernel);
    const shim = c.shim;
    const done = () => {
      // runc destroy: without a pid namespace of its own, the container's other processes do
      // not die with its init; runc kills what is left in its cgroup (signalAllProcesses).
      if (!ownPidns) for (const p of [...c.cgroup!.procs]) deliver(p, SIGKILL, true);
      if (shim !== undefined && shim !== this.sandboxShim) shim.terminate({ status: 0 });
    };
    const path = this.lookPath(proc, spec.args[0] ?? "", spec.env);
    if (path === undefined) {
      proc.terminate({ status: 128 });
      done();
      return `exec: "${spec.args[0] ?? ""}": executable file not found in $PATH`;
    }
    if (console !== undefined) installPts(this, c, console, spec.user.uid, pidns);
    c.init = proc;
    c.streams = streams;
    pidns.burnPids(RUNC_INIT_THREADS);
    void node.system.run(proc, () => node.system.execve(proc, path, spec.args, spec.env, stdio)).then((reason) => {
      c.logs.flush();
      if (console !== undefined) releasePts(this, c, console);
      streams.end();
      done();
      onExit("status" in reason ? { exitCode: reason.status } : { exitCode: 128 + reason.signal, signal: reason.signal });
    });
    return undefined;
  }

  /** A process in the container with the spec's credentials (runc init / runc exec). */
  spawn(c: ContainerRuntime, spec: ProcessSpec, pidns: PidNamespace, tty: Process["tty"]): Process {
    const fs = c.fs!;
    const root = rootLocation(fs.mnt);
    const creds = makeCredentials({
      uid: spec.user.uid, gid: spec.user.gid, groups: spec.user.groups,
      capBounding: spec.bounding, capPermitted: spec.permitted, capEffective: spec.effective, capInheritable: spec.inheritable,
      noNewPrivs: spec.noNewPrivileges, seccomp: spec.seccomp, seccompFilters: spec.seccompFilters,
      ...(spec.label === undefined ? {} : { securityLabel: `${spec.label}\n` }),
    });
    let cwd = root;
    try {
      cwd = this.node.vfs.chdir({ creds, cwd: root, root, umask: 0o022, mnt: fs.mnt, pid: 0 }, spec.cwd);
    } catch {
      /* runc creates a missing working directory; the root will do */
    }
    // The shim is the parent (the subreaper runc's children end up with): PPid 0 inside a pid
    // namespace of the container's own, the shim's node pid with hostPID.
    const proc = pidns.spawn({
      creds, comm: (spec.args[0] ?? "sh").split("/").pop()!, argv: spec.args, exe: spec.args[0] ?? "", environ: spec.env,
      cwd, root, mnt: fs.mnt, uts: this.uts, umask: 0o022, ppid: 0, parent: c.shim, tty, startTime: this.node.kernel.now(),
      net: this.net, ipc: this.ipc, cgroupNs: c.cgroupNs, cgroup: c.cgroup,
    });
    if (!(proc instanceof Process)) throw new SyscallError(proc, "clone");
    const image = c.image;
    proc.memoryFor = (program) => image?.memory[program];
    return proc;
  }

  /** exec.LookPath in the container with its PATH, as runc resolves the command. */
  lookPath(proc: Process, name: string, env: readonly string[]): string | undefined {
    const exists = (p: string) => {
      try {
        return (this.node.vfs.stat(proc, p).mode & 0o170000) === S_IFREG;
      } catch (err) {
        if (errnoOf(err) === undefined) throw err;
        return false;
      }
    };
    if (name.includes("/")) return exists(name) ? name : undefined;
    const path = env.find((e) => e.startsWith("PATH="))?.slice(5) ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (const dir of path.split(":")) if (exists(`${dir}/${name}`)) return `${dir}/${name}`;
    return undefined;
  }
}

const ROOT = { pid: 0, creds: undefined as never };

/**
 * Without a terminal, the shim gives the process a pipe for stdout and one for stderr (containerd
 * runc shim newPipeIO(): unix.Pipe per stream), which /proc/<pid>/fd shows as pipe:[<inode>] with
 * the pipefs inode number (get_next_ino()). Without `stdin: true` there is no stdin pipe, and
 * runc's stdin is Go's os/exec default: /dev/null opened read-only. `kubectl exec` gets the same.
 */
export function shimPipes(stdio: Stdio, pipes: boolean, stdinPipe: boolean, kernel: Kernel): Stdio {
  if (!pipes) return stdio;
  return {
    stdin: stdinPipe ? { ...stdio.stdin, description: `pipe:[${kernel.nextIno()}]` } : { description: "/dev/null", read: async () => "" },
    stdout: { ...stdio.stdout, description: `pipe:[${kernel.nextIno()}]` },
    stderr: { ...stdio.stderr, description: `pipe:[${kernel.nextIno()}]` },
  };
}

/**
 * The container cgroup's limits as the kubelet asks for them (pkg/kubelet/kuberuntime
 * kuberuntime_container_linux.go calculateLinuxResources) and runc writes them for cgroup v2:
 * cpu.weight from the CPU shares (milliCPUToShares, minimum 2; runc
 * ConvertCPUSharesToCgroupV2Value: 1 + (shares - 2) * 9999 / 262142), cpu.max from the CPU
 * limit (quota = milliCPU * 100 per 100000 µs period), memory.max from the memory limit (whole
 * pages). pids.max stays "max": the pod's pids limit is the pod cgroup's.
 */
function containerCgroup(c: Container): { pidsMax: "max"; memoryMax: number | "max"; cpuMax: string; cpuWeight: number } {
  const milli = (raw: string | number | undefined) => {
    if (raw === undefined) return 0;
    const q = parseQuantity(String(raw));
    if (q === undefined || q.dec !== undefined) return 0;
    const scaled = q.scale + 3; // millicores
    return scaled >= 0 ? Number(q.value * 10n ** BigInt(scaled)) : Math.ceil(Number(q.value) / 10 ** -scaled);
  };
  const cpuRequest = milli(c.resources?.requests?.["cpu"]);
  const cpuLimit = milli(c.resources?.limits?.["cpu"]);
  const shares = Math.min(262144, Math.max(2, Math.floor(((cpuRequest || cpuLimit) * 1024) / 1000)));
  const memoryLimit = c.resources?.limits?.["memory"] === undefined ? undefined : quantityBytes(String(c.resources.limits["memory"]));
  return {
    pidsMax: "max",
    memoryMax: memoryLimit === undefined || memoryLimit === 0 ? "max" : Math.floor(memoryLimit / 4096) * 4096,
    cpuMax: cpuLimit > 0 ? `${Math.max(1000, cpuLimit * 100)} 100000` : "max 100000",
    cpuWeight: 1 + Math.floor(((shares - 2) * 9999) / 262142),
  };
}

/**
 * pkg/volume/util FsUserFrom(): the effective runAsUser (container's, else the pod's) when every
 * init and regular container has one and they agree; the kubelet passes it as MounterArgs.FsUser.
 */
function fsUserFrom(pod: Pod): number | undefined {
  let fsUser: number | undefined;
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    const uid = c.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
    if (uid === undefined || (fsUser !== undefined && fsUser !== uid)) return undefined;
    fsUser = uid;
  }
  return fsUser;
}

/** resource.Quantity.Value(): whole units, rounded up; undefined when not an int64 quantity. */
function quantityBytes(text: string): number | undefined {
  const q = parseQuantity(text);
  if (q === undefined || q.dec !== undefined) return undefined;
  if (q.scale >= 0) return Number(q.value * 10n ** BigInt(q.scale));
  const div = 10n ** BigInt(-q.scale);
  return Number((q.value + div - 1n) / div);
}

/**
 * pkg/kubelet/cm ResourceConfigForPod(): the pod's memory limit, only when every container and
 * init container declares one (resource.PodLimits: the containers' sum, or a larger init container's).
 */
function podMemoryLimit(pod: Pod): number | undefined {
  const limitOf = (c: Container) => {
    const raw = c.resources?.limits?.["memory"];
    return raw === undefined ? undefined : quantityBytes(String(raw));
  };
  let sum = 0;
  for (const c of pod.spec.containers ?? []) {
    const l = limitOf(c);
    if (l === undefined || l === 0) return undefined;
    sum += l;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const l = limitOf(c);
    if (l === undefined || l === 0) return undefined;
    sum = Math.max(sum, l);
  }
  return sum;
}

function ensureDir(parent: TreeNode, name: string, mode = 0o750): TreeNode {
  const existing = parent.lookup(name, ROOT) as TreeNode | undefined;
  if (existing !== undefined) return existing;
  return parent.create(name, { mode: S_IFDIR | mode, uid: 0, gid: 0 }) as TreeNode;
}

function writeFile(dir: TreeNode, name: string, data: string, mode: number, gid = 0): TreeNode {
  const existing = dir.lookup(name, ROOT) as TreeNode | undefined;
  const node = existing ?? (dir.create(name, { mode: S_IFREG | mode, uid: 0, gid }) as TreeNode);
  node.truncate(0);
  node.write(data, 0);
  return node;
}

function overlayData(runtime: "docker" | "containerd", id: string): string {
  if (runtime === "docker") {
    const l = id.slice(0, 26).toUpperCase();
    return `lowerdir=/var/lib/docker/overlay2/l/${l}:/var/lib/docker/overlay2/l/${l.split("").reverse().join("")},upperdir=/var/lib/docker/overlay2/${id}/diff,workdir=/var/lib/docker/overlay2/${id}/work`;
  }
  const n = (parseInt(id.slice(0, 4), 16) % 90) + 10;
  return `lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${n - 1}/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${n}/fs,workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${n}/work`;
}
