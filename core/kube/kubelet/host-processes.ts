// The node's own processes, as `ps` in a hostPID pod lists them: systemd, the kernel threads, the
// system daemons, the container runtime and the kubelet, and the pods that were running before
// the learner's first pod. One frozen table per profile, shared by every sandbox; a node creates
// the Process objects only when something looks at its root pid namespace (a hostPID pod), so an
// ordinary learner pays nothing for them.
//
// The shapes follow the single node of a kubeadm cluster, a control-plane node that also runs
// workloads (`kubectl get nodes`: ROLES control-plane): Ubuntu 22.04 (5.15) with Docker Engine
// 20.10 + cri-dockerd for 1.29-docker, Ubuntu 24.04 (6.8) with containerd 2.1 for
// 1.34-containerd. The kubelet runs kubeadm's static pods (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler: hostNetwork, one pause sandbox each), then the
// kube-proxy DaemonSet pod (hostNetwork) and the two CoreDNS replicas (own network namespaces on
// the bridge CNI's cni0; no CNI daemon pod). `kubeadm init` ran without --pod-network-cidr (the
// bridge plugin's host-local range is the node's pod network), so the controller manager does not
// allocate node CIDRs. The node has been up about 3 days (profiles.ts uptimeAtStart): boot-time
// pids are small, the pids handed out now are large.

import { Cap, FULL_SET, capBit } from "../../kernel/capability.js";
import { type Credentials, makeCredentials } from "../../kernel/credentials.js";
import type { MemoryProfile, ProcState } from "../../kernel/process.js";
import { memory } from "../../images/image.js";
import type { ProfileId } from "../profiles.js";
import { DEFAULT_SET } from "../runtime/capabilities.js";
import { firstBootVethIndex, stableHex } from "./host-network.js";

/** One process of the table. Names of kernel threads may exceed TASK_COMM_LEN: /proc shows them whole. */
export interface HostTask {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly argv: readonly string[];
  readonly exe: string;
  readonly creds: Credentials;
  /** Seconds after boot. */
  readonly started: number;
  /** CPU time used so far, in USER_HZ ticks. */
  readonly cpu: number;
  readonly threads: number;
  readonly state: ProcState;
  readonly nice: number;
  readonly memory: MemoryProfile | undefined;
  readonly kthread: boolean;
  readonly tty: "tty1" | "ttyS0" | undefined;
  readonly environ: readonly string[];
  readonly sigIgnored: bigint;
  readonly sigCaught: bigint;
  /** A container's process of a pod that predates the learner: its own pid namespace, PID 1 there. */
  readonly container: BootContainer | undefined;
}

/** The namespaces of a container that was running at boot (inode numbers from its creation). */
export interface BootContainer {
  readonly pidInum: number;
  readonly mntInum: number;
  readonly cgroupInum: number;
  /** The pod it belongs to: its IPC namespace, and its network and UTS ones unless hostNetwork. */
  readonly pod: BootPod;
}

/**
 * A pod the kubelet was running before the sandbox started. Static pods have the mirror pod's
 * name (the manifest's name + "-" + the node name); the others their controller's.
 */
export interface BootPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** A kubeadm static pod (/etc/kubernetes/manifests), shown by the apiserver as a mirror pod. */
  readonly static: boolean;
  /** Seconds after boot the sandbox started. */
  readonly started: number;
  /** The runtime's sandbox id (the pause container's with Docker). */
  readonly sandboxId: string;
  readonly containers: readonly { readonly name: string; readonly image: string; readonly id: string }[];
  /** The sandbox's IPC namespace, shared by its containers. */
  readonly ipcInum: number;
  /** Its own network namespace on cni0, or undefined for a hostNetwork pod (the node's network and UTS). */
  readonly network: BootPodNetwork | undefined;
  /** TCP ports its containers listen on, in its network namespace (the node's for a hostNetwork pod). */
  readonly listening: readonly number[];
}

export interface BootPodNetwork {
  /** The host part of the pod IP in the node's pod CIDR (host-local IPAM handed them out from .2). */
  readonly host: number;
  readonly mac: string;
  /** The node side of the veth pair: its index in init_net, and the pod namespace's id there. */
  readonly vethIndex: number;
  readonly netnsid: number;
  readonly netInum: number;
  readonly utsInum: number;
}

export interface HostTable {
  readonly tasks: readonly HostTask[];
  /** The pods behind the container processes of `tasks`. */
  readonly pods: readonly BootPod[];
  /** The last pid handed out when the sandbox starts (the root namespace's cursor). */
  readonly lastPid: number;
  /** The node's resolv.conf as the kubelet passes it to hostNetwork pods (dnsPolicy Default). */
  readonly resolvConf: string;
}

const ROOT = makeCredentials({ uid: 0, gid: 0, capBounding: FULL_SET, capPermitted: FULL_SET, capEffective: FULL_SET, securityLabel: "unconfined\n" });
const service = (uid: number, gid = uid) => makeCredentials({ uid, gid, capBounding: FULL_SET, securityLabel: "unconfined\n" });
/** The pause image runs as 65535 (registry.k8s.io/pause Dockerfile USER 65535:65535). */
export const PAUSE_CREDS = makeCredentials({ uid: 65535, gid: 65535, capBounding: 0xa80425fbn, securityLabel: "unconfined\n" });
export const SHIM_CREDS = ROOT;

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin";
const SERVICE_ENV = Object.freeze(["LANG=C.UTF-8", PATH, "NOTIFY_SOCKET=/run/systemd/notify"]);
const NO_ENV: readonly string[] = Object.freeze([]);
const ALL_SIGNALS = 0xffffffffffffffffn;

const SHIM = "/usr/bin/containerd-shim-runc-v2";
export const PAUSE_MEMORY = memory(1020, 416, 708, { vmData: 152, vmStk: 132, vmLib: 0, vmPTE: 36 });
export const SHIM_MEMORY = memory(1238216, 12044, 3344, { vmData: 42772, vmLib: 0, vmPTE: 92 });
/** Go runtime threads of a running containerd-shim-runc-v2. */
export const SHIM_THREADS = 11;

/** The shim's command line: one per pod with containerd (grouped by sandbox), one per container with Docker. */
export function shimArgv(runtime: "docker" | "containerd", id: string): readonly string[] {
  return [SHIM, "-namespace", runtime === "docker" ? "moby" : "k8s.io", "-id", id, "-address", "/run/containerd/containerd.sock"];
}

interface TaskSpec {
  pid: number;
  ppid?: number;
  comm: string;
  argv?: readonly string[];
  exe?: string;
  creds?: Credentials;
  started?: number;
  cpu?: number;
  threads?: number;
  state?: ProcState;
  nice?: number;
  memory?: MemoryProfile;
  kthread?: boolean;
  tty?: "tty1" | "ttyS0";
  environ?: readonly string[];
  sigIgnored?: bigint;
  sigCaught?: bigint;
  container?: BootContainer;
}

const task = (t: TaskSpec): HostTask => Object.freeze({
  pid: t.pid, ppid: t.ppid ?? 1, comm: t.comm, argv: Object.freeze(t.argv ?? []), exe: t.exe ?? t.argv?.[0] ?? "",
  creds: t.creds ?? ROOT, started: t.started ?? 6, cpu: t.cpu ?? 0, threads: t.threads ?? 1, state: t.state ?? "S", nice: t.nice ?? 0,
  memory: t.memory, kthread: t.kthread ?? false, tty: t.tty, environ: t.environ ?? (t.kthread ? NO_ENV : SERVICE_ENV),
  sigIgnored: t.sigIgnored ?? (t.kthread ? ALL_SIGNALS : 0n), sigCaught: t.sigCaught ?? 0n, container: t.container,
});

/**
 * Kernel threads, children of kthreadd (PID 2): "pid name state" with `<` for nice -20 and `N`
 * for nice 19 as ps prints them, then CPU ticks when they have used any.
 */
function kthreads(spec: string): HostTask[] {
  return spec.trim().split("\n").map((line) => {
    const [pid, name, stat, cpu] = line.trim().split(/\s+/) as [string, string, string, string | undefined];
    const nice = stat.includes("<") ? -20 : stat.includes("N") ? 19 : 0;
    return task({ pid: Number(pid), ppid: Number(pid) === 2 ? 0 : 2, comm: name, kthread: true, state: stat[0] as ProcState, nice, started: 0, cpu: Number(cpu ?? 0) });
  });
}

// Ubuntu 22.04, 5.15.0-105-generic, 2 CPUs: comm is cut at 15 characters except for workqueue
// workers, whose /proc name carries the last workqueue they served (wq_worker_comm).
const KTHREADS_5_15 = `
2 kthreadd S 31
3 rcu_gp I<
4 rcu_par_gp I<
5 slub_flushwq I<
6 netns I<
8 kworker/0:0H-events_highpri I<
10 mm_percpu_wq I<
11 rcu_tasks_rude_ S
12 rcu_tasks_trace S
13 ksoftirqd/0 S 1274
14 rcu_sched I 3391
15 migration/0 S 188
16 idle_inject/0 S
18 cpuhp/0 S
19 cpuhp/1 S
20 idle_inject/1 S
21 migration/1 S 176
22 ksoftirqd/1 S 1105
24 kworker/1:0H-events_highpri I<
25 kdevtmpfs S
26 inet_frag_wq I<
27 kauditd S 4
28 khungtaskd S 22
29 oom_reaper S
30 writeback I<
31 kcompactd0 S 96
32 ksmd SN
33 khugepaged SN 57
79 kintegrityd I<
80 kblockd I<
81 blkcg_punt_bio I<
82 tpm_dev_wq I<
83 ata_sff I<
84 md I<
85 edac-poller I<
86 devfreq_wq I<
87 watchdogd S
89 kworker/1:1H-kblockd I< 12
91 kswapd0 S 3
92 ecryptfs-kthrea S
94 kthrotld I<
95 acpi_thermal_pm I<
97 scsi_eh_0 S
98 scsi_tmf_0 I<
99 scsi_eh_1 S
100 scsi_tmf_1 I<
102 vfio-irqfd-clea I<
103 mld I<
104 ipv6_addrconf I<
113 kstrp I<
116 zswap-shrink I<
117 kworker/u5:0 I<
122 charger_manager I<
163 kworker/0:1H-kblockd I< 15
186 jbd2/sda1-8 S 402
187 ext4-rsv-conver I<
`;

// Ubuntu 24.04, 6.8.0-87-generic: workqueue rescuers are "kworker/R-<wq>"; other kernel threads
// show their full name (get_kthread_comm, 5.17+).
const KTHREADS_6_8 = `
2 kthreadd S 28
3 pool_workqueue_release S
4 kworker/R-rcu_g I<
5 kworker/R-rcu_p I<
6 kworker/R-slub_ I<
7 kworker/R-netns I<
9 kworker/0:0H-events_highpri I<
12 kworker/R-mm_pe I<
13 rcu_tasks_kthread I
14 rcu_tasks_rude_kthread I
15 rcu_tasks_trace_kthread I
16 ksoftirqd/0 S 1318
17 rcu_preempt I 3520
18 migration/0 S 201
19 idle_inject/0 S
20 cpuhp/0 S
21 cpuhp/1 S
22 idle_inject/1 S
23 migration/1 S 187
24 ksoftirqd/1 S 1160
26 kworker/1:0H-events_highpri I<
27 kdevtmpfs S
28 kworker/R-inet_ I<
29 kauditd S 5
30 khungtaskd S 24
31 oom_reaper S
33 kworker/R-write I<
34 kcompactd0 S 101
35 ksmd SN
36 khugepaged SN 61
37 kworker/R-kinte I<
38 kworker/R-kbloc I<
39 kworker/R-blkcg I<
40 irq/9-acpi S
41 kworker/R-tpm_d I<
42 kworker/R-ata_s I<
43 kworker/R-md I<
44 kworker/R-md_bi I<
45 kworker/R-edac- I<
46 kworker/R-devfr I<
47 watchdogd S
48 kworker/1:1H-kblockd I< 13
49 kswapd0 S 4
50 ecryptfs-kthread S
51 kworker/R-kthro I<
52 kworker/R-acpi_ I<
54 scsi_eh_0 S
55 kworker/R-scsi_ I<
58 kworker/R-mld I<
59 kworker/R-ipv6_ I<
66 kworker/R-kstrp I<
68 kworker/u5:0 I<
81 kworker/R-charg I<
108 kworker/0:1H-kblockd I< 16
139 jbd2/sda1-8 S 431
140 kworker/R-ext4- I<
`;

const kb = memory;

/** The node's name and address as profiles.ts has them (host-processes.test.ts keeps them equal). */
export const NODE_NAME = "node01";
export const NODE_IP = "172.30.1.2";

type Runtime = "docker" | "containerd";

/** PATH as runc sets it when the image has none, and as the distroless and Debian images set it. */
const CONTAINER_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A container of a boot pod: PID 1 of its own pid namespace, a child of its shim. */
interface BootProcSpec {
  name: string;
  image: string;
  /** Docker: the container id and the container's own shim (pid, CPU ticks). */
  id?: string;
  shimPid?: number;
  shimCpu?: number;
  pid: number;
  started: number;
  comm: string;
  argv: readonly string[];
  exe: string;
  creds: Credentials;
  cpu: number;
  threads: number;
  memory: MemoryProfile;
  environ: readonly string[];
}

interface BootPodSpec {
  runtime: Runtime;
  name: string;
  listening: readonly number[];
  uid: string;
  static: boolean;
  started: number;
  sandboxId?: string;
  shimPid: number;
  shimCpu: number;
  pausePid: number;
  /**
   * The first namespace inode the runtime made for the pod: the sandbox's mnt, pid, cgroup and
   * ipc namespaces, then (own network) its uts and net ones, then each container's mnt, pid and
   * cgroup namespaces, in that order.
   */
  inum: number;
  network?: { host: number; vethIndex: number; netnsid: number };
  containers: BootProcSpec[];
}

/** A static pod's UID: the kubelet hashes the manifest (pkg/kubelet/config/common.go applyDefaults), 32 hex digits. */
const staticUid = (manifest: string) => stableHex(`static/${manifest}`, 32);
const podUid = (name: string) => stableHex(`uid/${name}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");

/** The pause sandbox and the containers of a boot pod, with their shims (runtime-dependent). */
function bootPod(spec: BootPodSpec): { pod: BootPod; tasks: HostTask[] } {
  const docker = spec.runtime === "docker";
  const sandboxId = spec.sandboxId ?? stableHex(`sandbox/${spec.uid}`, 64);
  const own = spec.network;
  let next = spec.inum;
  const sandbox = { mntInum: next++, pidInum: next++, cgroupInum: next++ };
  const ipcInum = next++;
  const network: BootPodNetwork | undefined = own === undefined ? undefined : (() => {
    const hex = stableHex(`mac/${spec.uid}`, 10);
    return Object.freeze({ ...own, mac: `${(parseInt(hex.slice(0, 2), 16) & 0xfe | 0x02).toString(16).padStart(2, "0")}:${hex.slice(2).replace(/(..)(?!$)/g, "$1:")}`, utsInum: next++, netInum: next++ });
  })();
  const containers = spec.containers.map((c) => ({ name: c.name, image: c.image, id: c.id ?? stableHex(`container/${spec.uid}/${c.name}`, 64) }));
  const pod: BootPod = Object.freeze({
    namespace: "kube-system", name: spec.name, uid: spec.uid, static: spec.static, started: spec.started, sandboxId, containers: Object.freeze(containers), ipcInum, network,
    listening: Object.freeze([...spec.listening]),
  });
  const hostname = network === undefined ? NODE_NAME : spec.name;
  const tasks = [
    task({ pid: spec.shimPid, comm: "containerd-shim", argv: shimArgv(spec.runtime, sandboxId), started: spec.started, cpu: spec.shimCpu, threads: SHIM_THREADS, memory: SHIM_MEMORY }),
    task({ pid: spec.pausePid, ppid: spec.shimPid, comm: "pause", argv: ["/pause"], creds: PAUSE_CREDS, started: spec.started, memory: PAUSE_MEMORY, environ: [CONTAINER_PATH, `HOSTNAME=${hostname}`], container: { ...sandbox, pod } }),
  ];
  spec.containers.forEach((c, i) => {
    let shim = spec.shimPid;
    if (docker) {
      shim = c.shimPid!;
      tasks.push(task({ pid: shim, comm: "containerd-shim", argv: shimArgv("docker", containers[i]!.id), started: c.started, cpu: c.shimCpu ?? 0, threads: SHIM_THREADS, memory: SHIM_MEMORY }));
    }
    tasks.push(task({
      pid: c.pid, ppid: shim, comm: c.comm, argv: c.argv, exe: c.exe, creds: c.creds, started: c.started, cpu: c.cpu, threads: c.threads, memory: c.memory, environ: c.environ,
      container: { mntInum: next++, pidInum: next++, cgroupInum: next++, pod },
    }));
  });
  return { pod, tasks };
}

/**
 * A container of a kubeadm control-plane static pod: root with the runtime's default capabilities,
 * RuntimeDefault seccomp (kubeadm sets it on the pods) and the runtime's AppArmor profile.
 */
const controlPlane = (runtime: Runtime) => makeCredentials({
  uid: 0, gid: 0, capBounding: DEFAULT_SET, capPermitted: DEFAULT_SET, capEffective: DEFAULT_SET, seccomp: 2, seccompFilters: 1,
  securityLabel: runtime === "docker" ? "docker-default (enforce)\n" : "cri-containerd.apparmor.d (enforce)\n",
});

/**
 * CoreDNS: the image's nonroot user (65532, distroless; coredns >= 1.11.0 Dockerfile USER
 * nonroot:nonroot) with only NET_BIND_SERVICE (kubeadm's Deployment: drop ALL, add
 * NET_BIND_SERVICE, allowPrivilegeEscalation false; /coredns carries the file capability).
 */
const coreDnsCreds = (runtime: Runtime) => makeCredentials({
  uid: 65532, gid: 65532, capBounding: capBit(Cap.NET_BIND_SERVICE), capPermitted: capBit(Cap.NET_BIND_SERVICE), capEffective: capBit(Cap.NET_BIND_SERVICE),
  noNewPrivs: true, seccomp: 2, seccompFilters: 1,
  securityLabel: runtime === "docker" ? "docker-default (enforce)\n" : "cri-containerd.apparmor.d (enforce)\n",
});

/**
 * Static pods get no service environment variables (the kubelet does not wait for the service
 * informer for them, and the apiserver is not up yet); runc adds HOME from the user's passwd entry.
 */
const staticEnv = Object.freeze([CONTAINER_PATH, `HOSTNAME=${NODE_NAME}`, "HOME=/root"]);

/** etcd as kubeadm runs it (cmd/kubeadm/app/phases/etcd/local.go getEtcdCommand: sorted flags). */
function etcdArgv(v36: boolean): string[] {
  const url = (port: number) => `https://${NODE_IP}:${port}`;
  return [
    "etcd", `--advertise-client-urls=${url(2379)}`, "--cert-file=/etc/kubernetes/pki/etcd/server.crt", "--client-cert-auth=true", "--data-dir=/var/lib/etcd",
    // etcd 3.6 (kubeadm 1.34) turned the experimental flags into a feature gate and a plain flag.
    ...(v36 ? ["--feature-gates=InitialCorruptCheck=true"] : ["--experimental-initial-corrupt-check=true", "--experimental-watch-progress-notify-interval=5s"]),
    `--initial-advertise-peer-urls=${url(2380)}`, `--initial-cluster=${NODE_NAME}=${url(2380)}`, "--key-file=/etc/kubernetes/pki/etcd/server.key",
    `--listen-client-urls=https://127.0.0.1:2379,${url(2379)}`, "--listen-metrics-urls=http://127.0.0.1:2381", `--listen-peer-urls=${url(2380)}`, `--name=${NODE_NAME}`,
    "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt", "--peer-client-cert-auth=true", "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
    "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt", "--snapshot-count=10000", "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
    ...(v36 ? ["--watch-progress-notify-interval=5s"] : []),
  ];
}

/** kube-apiserver (cmd/kubeadm/app/phases/controlplane/manifests.go getAPIServerCommand). */
const APISERVER_ARGV = Object.freeze([
  "kube-apiserver", `--advertise-address=${NODE_IP}`, "--allow-privileged=true", "--authorization-mode=Node,RBAC", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
  "--enable-admission-plugins=NodeRestriction", "--enable-bootstrap-token-auth=true", "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
  "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt", "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key", "--etcd-servers=https://127.0.0.1:2379",
  "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt", "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
  "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname", "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
  "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key", "--requestheader-allowed-names=front-proxy-client",
  "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt", "--requestheader-extra-headers-prefix=X-Remote-Extra-",
  "--requestheader-group-headers=X-Remote-Group", "--requestheader-username-headers=X-Remote-User", "--secure-port=6443",
  "--service-account-issuer=https://kubernetes.default.svc.cluster.local", "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
  "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key", "--service-cluster-ip-range=10.96.0.0/12", "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
  "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
]);

/**
 * kube-controller-manager (getControllerManagerCommand): without a pod subnet there is no
 * --allocate-node-cidrs, --cluster-cidr or --service-cluster-ip-range.
 */
const CONTROLLER_MANAGER_ARGV = Object.freeze([
  "kube-controller-manager", "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf", "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
  "--bind-address=127.0.0.1", "--client-ca-file=/etc/kubernetes/pki/ca.crt", "--cluster-name=kubernetes", "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
  "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key", "--controllers=*,bootstrapsigner,tokencleaner", "--kubeconfig=/etc/kubernetes/controller-manager.conf",
  "--leader-elect=true", "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt", "--root-ca-file=/etc/kubernetes/pki/ca.crt",
  "--service-account-private-key-file=/etc/kubernetes/pki/sa.key", "--use-service-account-credentials=true",
]);

/** kube-scheduler (getSchedulerCommand). */
const SCHEDULER_ARGV = Object.freeze([
  "kube-scheduler", "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf", "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
  "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true",
]);

/** The CoreDNS Deployment's container (kubeadm addons/dns manifests.go): the image's entrypoint with -conf. */
const COREDNS_ARGV = Object.freeze(["/coredns", "-conf", "/etc/coredns/Corefile"]);

/** Service variables the kubelet gives the pods it starts once the apiserver answers (kube-proxy, CoreDNS). */
const serviceEnv = (hostname: string, home: string, extra: readonly string[] = []) =>
  [CONTAINER_PATH, `HOSTNAME=${hostname}`, ...extra, "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", `HOME=${home}`];

/** A container's process as a profile's table has it: pids, when it started, what it has used. */
interface ProcUsage {
  pid: number;
  /** Docker: the container's own shim. */
  shimPid?: number;
  shimCpu?: number;
  started: number;
  cpu: number;
  threads: number;
  memory: MemoryProfile;
}

/** A pod's sandbox as a profile's table has it: the (sandbox) shim, pause, the first namespace inode. */
interface PodUsage {
  shimPid: number;
  shimCpu: number;
  pausePid: number;
  started: number;
  inum: number;
  ctr: ProcUsage;
}

/** What differs between the two profiles' kube-system pods: versions, names, pids, inodes, usage. */
interface KubeSystemLayout {
  runtime: Runtime;
  /** Image tags: Kubernetes, etcd, CoreDNS (kubeadm's defaults for the minor version). */
  version: string;
  etcd: string;
  coredns: string;
  /** The CoreDNS ReplicaSet's pod-template-hash and the two replicas' suffixes; kube-proxy's suffix. */
  corednsHash: string;
  corednsSuffixes: readonly [string, string];
  kubeProxySuffix: string;
  pods: {
    etcd: PodUsage;
    apiserver: PodUsage;
    controllerManager: PodUsage;
    scheduler: PodUsage;
    kubeProxy: PodUsage & { sandboxId: string; ctrId?: string };
    coredns: readonly [PodUsage, PodUsage];
  };
}

/**
 * The kube-system pods of the node, in the order the kubelet started them: the static pods as soon
 * as it ran, kube-proxy once the apiserver answered, CoreDNS once the node was Ready.
 */
function kubeSystem(l: KubeSystemLayout): { pods: BootPod[]; tasks: HostTask[] } {
  const { runtime, pods: p } = l;
  const reg = "registry.k8s.io";
  const proc = (u: ProcUsage, c: { name: string; image: string; comm: string; argv: readonly string[]; exe: string; creds: Credentials; environ: readonly string[]; id?: string }): BootProcSpec =>
    ({ ...c, ...u, ...(c.id === undefined ? {} : { id: c.id }) });
  const staticPod = (component: string, u: PodUsage, image: string, argv: readonly string[], exe: string, listening: readonly number[]): BootPodSpec => ({
    runtime, name: `${component}-${NODE_NAME}`, listening, uid: staticUid(`${component}/${l.version}`), static: true, started: u.started, shimPid: u.shimPid, shimCpu: u.shimCpu, pausePid: u.pausePid, inum: u.inum,
    containers: [proc(u.ctr, { name: component, image, comm: component.slice(0, 15), argv, exe, creds: controlPlane(runtime), environ: staticEnv })],
  });
  const proxy = p.kubeProxy;
  const proxyName = `kube-proxy-${l.kubeProxySuffix}`;
  const specs: BootPodSpec[] = [
    // Client and peer ports, metrics on 127.0.0.1; the secure ports of the apiserver, the
    // controller manager and the scheduler (the last two bound to 127.0.0.1).
    staticPod("etcd", p.etcd, `${reg}/etcd:${l.etcd}`, etcdArgv(l.etcd.startsWith("3.6")), "/usr/local/bin/etcd", [2379, 2380, 2381]),
    staticPod("kube-apiserver", p.apiserver, `${reg}/kube-apiserver:${l.version}`, APISERVER_ARGV, "/usr/local/bin/kube-apiserver", [6443]),
    staticPod("kube-controller-manager", p.controllerManager, `${reg}/kube-controller-manager:${l.version}`, CONTROLLER_MANAGER_ARGV, "/usr/local/bin/kube-controller-manager", [10257]),
    staticPod("kube-scheduler", p.scheduler, `${reg}/kube-scheduler:${l.version}`, SCHEDULER_ARGV, "/usr/local/bin/kube-scheduler", [10259]),
    {
      // The DaemonSet's container is privileged (iptables): every capability, unconfined. Metrics
      // on 127.0.0.1:10249, health on 10256.
      runtime, name: proxyName, listening: [10249, 10256], uid: podUid(proxyName), static: false, started: proxy.started, sandboxId: proxy.sandboxId,
      shimPid: proxy.shimPid, shimCpu: proxy.shimCpu, pausePid: proxy.pausePid, inum: proxy.inum,
      containers: [proc(proxy.ctr, {
        name: "kube-proxy", image: `${reg}/kube-proxy:${l.version}`, comm: "kube-proxy", argv: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", `--hostname-override=${NODE_NAME}`],
        exe: "/usr/local/bin/kube-proxy", creds: ROOT, environ: serviceEnv(NODE_NAME, "/root", [`NODE_NAME=${NODE_NAME}`]), ...(proxy.ctrId === undefined ? {} : { id: proxy.ctrId }),
      })],
    },
    ...p.coredns.map((u, i): BootPodSpec => {
      const name = `coredns-${l.corednsHash}-${l.corednsSuffixes[i]}`;
      // DNS (53), health (8080), readiness (8181), metrics (9153).
      return {
        runtime, name, uid: podUid(name), static: false, listening: [53, 8080, 8181, 9153], started: u.started, shimPid: u.shimPid, shimCpu: u.shimCpu, pausePid: u.pausePid, inum: u.inum,
        network: { host: 2 + i, vethIndex: firstBootVethIndex(runtime) + i, netnsid: i },
        containers: [proc(u.ctr, { name: "coredns", image: `${reg}/coredns/coredns:${l.coredns}`, comm: "coredns", argv: COREDNS_ARGV, exe: "/coredns", creds: coreDnsCreds(runtime), environ: serviceEnv(name, "/home/nonroot") })],
      };
    }),
  ];
  const built = specs.map(bootPod);
  return { pods: built.map((b) => b.pod), tasks: built.flatMap((b) => b.tasks) };
}

function table29(): HostTable {
  const release = "5.15.0-105-generic";
  const kubeletEnv = [
    "LANG=C.UTF-8", PATH, "KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf",
    "KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml",
    "KUBELET_KUBEADM_ARGS=--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9",
  ];
  const ks = kubeSystem({
    runtime: "docker", version: "v1.29.15", etcd: "3.5.16-0", coredns: "v1.11.1",
    corednsHash: "76f75df574", corednsSuffixes: ["8qv2x", "kd5wn"], kubeProxySuffix: "q7h4m",
    pods: {
      // The kubelet (started at 74 s) brings the four static pods up together: four sandboxes, then
      // the containers; each Docker container has a shim of its own.
      etcd: { shimPid: 1650, shimCpu: 588, pausePid: 1670, started: 76, inum: 4026532152,
        ctr: { shimPid: 1745, shimCpu: 1944, pid: 1765, started: 77, cpu: 310_542, threads: 13,
          memory: kb(11_740_296, 61_392, 9_908, { vmData: 148_236, vmLib: 0, vmPTE: 288, rssAnon: 43_120, rssFile: 18_272 }) } },
      apiserver: { shimPid: 1673, shimCpu: 603, pausePid: 1693, started: 76, inum: 4026532159,
        ctr: { shimPid: 1768, shimCpu: 2417, pid: 1788, started: 77, cpu: 598_817, threads: 11,
          memory: kb(1_513_044, 289_876, 40_412, { vmData: 412_788, vmLib: 0, vmPTE: 864, rssAnon: 238_516, rssFile: 51_360 }) } },
      controllerManager: { shimPid: 1696, shimCpu: 571, pausePid: 1716, started: 76, inum: 4026532166,
        ctr: { shimPid: 1791, shimCpu: 1102, pid: 1811, started: 77, cpu: 151_326, threads: 7,
          memory: kb(1_366_712, 101_244, 33_836, { vmData: 190_204, vmLib: 0, vmPTE: 372, rssAnon: 66_784, rssFile: 34_460 }) } },
      scheduler: { shimPid: 1719, shimCpu: 566, pausePid: 1739, started: 76, inum: 4026532173,
        ctr: { shimPid: 1814, shimCpu: 871, pid: 1834, started: 77, cpu: 40_873, threads: 9,
          memory: kb(1_287_940, 53_108, 21_548, { vmData: 103_128, vmLib: 0, vmPTE: 228, rssAnon: 25_912, rssFile: 27_196 }) } },
      kubeProxy: { sandboxId: "6a4e1c0f9b23d8e5a7c1f04b2d9e83a65c7f1e0d4b8a2c69e3f5d1a07b4c8e29", shimPid: 1843, shimCpu: 612, pausePid: 1863, started: 96, inum: 4026532180,
        ctrId: "d93b7e2a1c4f6085e2b9a7d3c1f8e4065b2a9d7c3e1f0b8a6d4c2e9f7a5b3c10",
        ctr: { shimPid: 1952, shimCpu: 803, pid: 1972, started: 97, cpu: 19044, threads: 8, memory: kb(1290616, 51236, 20456) } },
      coredns: [
        { shimPid: 2031, shimCpu: 655, pausePid: 2051, started: 99, inum: 4026532187,
          ctr: { shimPid: 2102, shimCpu: 930, pid: 2122, started: 100, cpu: 24_118, threads: 10,
            memory: kb(1_282_580, 21_744, 19_332, { vmData: 85_916, vmLib: 0, vmPTE: 152, rssAnon: 9_876, rssFile: 11_868 }) } },
        { shimPid: 2054, shimCpu: 649, pausePid: 2074, started: 99, inum: 4026532196,
          ctr: { shimPid: 2125, shimCpu: 917, pid: 2145, started: 100, cpu: 23_671, threads: 10,
            memory: kb(1_282_836, 21_236, 19_332, { vmData: 84_380, vmLib: 0, vmPTE: 148, rssAnon: 9_368, rssFile: 11_868 }) } },
      ],
    },
  });
  return {
    lastPid: 27834,
    resolvConf: "nameserver 172.30.0.2\nsearch .\n",
    pods: ks.pods,
    tasks: [
      task({ pid: 1, ppid: 0, comm: "systemd", argv: ["/sbin/init"], exe: "/usr/lib/systemd/systemd", started: 1, cpu: 4412, memory: kb(167996, 13180, 56, { vmData: 19252 }),
        environ: ["HOME=/", "init=/sbin/init", "NETWORK_SKIP_ENSLAVED=", "TERM=linux", `BOOT_IMAGE=/boot/vmlinuz-${release}`, "drop_caps=", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "PWD=/", "rootmnt=/root"],
        sigIgnored: 0x1000n, sigCaught: 0x100004a02n }),
      ...kthreads(KTHREADS_5_15),
      task({ pid: 378, comm: "systemd-journal", argv: ["/lib/systemd/systemd-journald"], started: 3, cpu: 1876, memory: kb(64824, 20480, 100) }),
      task({ pid: 409, comm: "multipathd", argv: ["/sbin/multipathd", "-d", "-s"], started: 3, cpu: 2306, threads: 7, nice: 0, memory: kb(289312, 27164, 28) }),
      task({ pid: 414, comm: "systemd-udevd", argv: ["/lib/systemd/systemd-udevd"], started: 3, cpu: 311, memory: kb(25544, 6488, 180) }),
      task({ pid: 560, comm: "systemd-network", argv: ["/lib/systemd/systemd-networkd"], creds: service(100, 102), started: 4, cpu: 102, memory: kb(16276, 8112, 820) }),
      task({ pid: 562, comm: "systemd-resolve", argv: ["/lib/systemd/systemd-resolved"], creds: service(101, 103), started: 4, cpu: 455, memory: kb(25544, 13004, 288) }),
      task({ pid: 563, comm: "systemd-timesyn", argv: ["/lib/systemd/systemd-timesyncd"], creds: service(103, 106), started: 4, cpu: 37, threads: 2, memory: kb(89364, 6900, 36) }),
      task({ pid: 590, comm: "cron", argv: ["/usr/sbin/cron", "-f", "-P"], started: 5, cpu: 69, memory: kb(7296, 2764, 40) }),
      task({ pid: 591, comm: "dbus-daemon", argv: ["@dbus-daemon", "--system", "--address=systemd:", "--nofork", "--nopidfile", "--systemd-activation", "--syslog-only"], exe: "/usr/bin/dbus-daemon", creds: service(102, 105), started: 5, cpu: 118, memory: kb(8912, 4972, 124) }),
      task({ pid: 597, comm: "networkd-dispat", argv: ["/usr/bin/python3", "/usr/bin/networkd-dispatcher", "--run-startup-triggers"], started: 5, cpu: 88, memory: kb(33176, 19680, 2812) }),
      task({ pid: 598, comm: "rsyslogd", argv: ["/usr/sbin/rsyslogd", "-n", "-iNONE"], creds: service(104, 111), started: 5, cpu: 214, threads: 4, memory: kb(222404, 5392, 436) }),
      task({ pid: 600, comm: "systemd-logind", argv: ["/lib/systemd/systemd-logind"], started: 5, cpu: 93, memory: kb(15100, 7444, 112) }),
      task({ pid: 625, comm: "agetty", argv: ["/sbin/agetty", "-o", "-p -- \\u", "--keep-baud", "115200,57600,38400,9600", "ttyS0", "vt220"], started: 6, tty: "ttyS0", memory: kb(6220, 2068, 48) }),
      task({ pid: 628, comm: "agetty", argv: ["/sbin/agetty", "-o", "-p -- \\u", "--noclear", "tty1", "linux"], started: 6, tty: "tty1", memory: kb(6176, 1928, 48) }),
      task({ pid: 640, comm: "sshd", argv: ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"], exe: "/usr/sbin/sshd", started: 6, cpu: 41, memory: kb(15428, 9076, 772) }),
      task({ pid: 641, comm: "unattended-upgr", argv: ["/usr/bin/python3", "/usr/share/unattended-upgrades/unattended-upgrade-shutdown", "--wait-for-signal"], started: 6, cpu: 35, threads: 2, memory: kb(110088, 22984, 2812) }),
      task({ pid: 664, comm: "containerd", argv: ["/usr/bin/containerd"], started: 7, cpu: 61830, threads: 12, memory: kb(1876908, 48812, 21916) }),
      task({ pid: 702, comm: "dockerd", argv: ["/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"], started: 8, cpu: 98410, threads: 16, memory: kb(1941236, 82344, 39340) }),
      task({ pid: 1127, comm: "cri-dockerd", argv: ["/usr/bin/cri-dockerd", "--container-runtime-endpoint", "fd://", "--network-plugin=cni", "--pod-infra-container-image=registry.k8s.io/pause:3.9"], started: 11, cpu: 40620, threads: 11, memory: kb(1311520, 31672, 20984) }),
      task({ pid: 1596, comm: "kubelet", argv: ["/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf", "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml", "--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock", "--pod-infra-container-image=registry.k8s.io/pause:3.9"], started: 74, cpu: 244870, threads: 15, memory: kb(2012908, 93220, 48592), environ: kubeletEnv }),
      ...ks.tasks,
      task({ pid: 26950, ppid: 2, comm: "kworker/0:2-events", kthread: true, state: "I", started: 255_000, cpu: 96 }),
      task({ pid: 27511, ppid: 2, comm: "kworker/u4:1-events_unbound", kthread: true, state: "I", started: 262_000, cpu: 22 }),
      task({ pid: 27598, ppid: 2, comm: "kworker/1:0-events", kthread: true, state: "I", started: 263_500, cpu: 31 }),
      task({ pid: 27790, ppid: 2, comm: "kworker/u4:0-events_power_efficient", kthread: true, state: "I", started: 264_900, cpu: 5 }),
    ],
  };
}

function table34(): HostTable {
  const release = "6.8.0-87-generic";
  const kubeletEnv = [
    "LANG=C.UTF-8", PATH, "KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf",
    "KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml",
    "KUBELET_KUBEADM_ARGS=--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
  ];
  const ks = kubeSystem({
    runtime: "containerd", version: "v1.34.2", etcd: "3.6.4-0", coredns: "v1.12.1",
    corednsHash: "66bc5c9577", corednsSuffixes: ["x2r8j", "hz4tq"], kubeProxySuffix: "b6w9c",
    pods: {
      // One shim per pod (started at 73 s, the kubelet at 71 s): pause and the container are its children.
      etcd: { shimPid: 1540, shimCpu: 2466, pausePid: 1561, started: 73, inum: 4026532170,
        ctr: { pid: 1611, started: 74, cpu: 322_914, threads: 14,
          memory: kb(11_751_804, 64_516, 10_540, { vmData: 152_880, vmLib: 0, vmPTE: 296, rssAnon: 45_036, rssFile: 19_480 }) } },
      apiserver: { shimPid: 1543, shimCpu: 2918, pausePid: 1566, started: 73, inum: 4026532177,
        ctr: { pid: 1620, started: 74, cpu: 611_430, threads: 12,
          memory: kb(1_596_416, 312_704, 43_884, { vmData: 437_652, vmLib: 0, vmPTE: 912, rssAnon: 256_100, rssFile: 56_604 }) } },
      controllerManager: { shimPid: 1547, shimCpu: 1603, pausePid: 1570, started: 73, inum: 4026532184,
        ctr: { pid: 1628, started: 74, cpu: 156_208, threads: 8,
          memory: kb(1_379_120, 104_972, 35_660, { vmData: 198_428, vmLib: 0, vmPTE: 384, rssAnon: 68_948, rssFile: 36_024 }) } },
      scheduler: { shimPid: 1551, shimCpu: 1377, pausePid: 1574, started: 73, inum: 4026532191,
        ctr: { pid: 1635, started: 74, cpu: 42_554, threads: 9,
          memory: kb(1_300_876, 56_320, 22_796, { vmData: 106_712, vmLib: 0, vmPTE: 236, rssAnon: 27_444, rssFile: 28_876 }) } },
      kubeProxy: { sandboxId: "4f1d8c2b9e07a6d3c5b1e8f2a4d7c9b03e6f1a8d2c5b7e9f0a3d6c8b1e4f7a29", shimPid: 1712, shimCpu: 1290, pausePid: 1733, started: 93, inum: 4026532198,
        ctr: { pid: 1801, started: 94, cpu: 20177, threads: 8, memory: kb(1300568, 52784, 21012) } },
      coredns: [
        { shimPid: 1858, shimCpu: 1544, pausePid: 1879, started: 96, inum: 4026532205,
          ctr: { pid: 1931, started: 97, cpu: 25_006, threads: 10,
            memory: kb(1_293_460, 23_088, 20_860, { vmData: 88_124, vmLib: 0, vmPTE: 156, rssAnon: 10_412, rssFile: 12_676 }) } },
        { shimPid: 1862, shimCpu: 1529, pausePid: 1884, started: 96, inum: 4026532214,
          ctr: { pid: 1937, started: 97, cpu: 24_689, threads: 10,
            memory: kb(1_293_716, 22_604, 20_860, { vmData: 87_356, vmLib: 0, vmPTE: 152, rssAnon: 9_928, rssFile: 12_676 }) } },
      ],
    },
  });
  return {
    lastPid: 186_419,
    resolvConf: "nameserver 172.30.0.2\nsearch .\n",
    pods: ks.pods,
    tasks: [
      task({ pid: 1, ppid: 0, comm: "systemd", argv: ["/sbin/init"], exe: "/usr/lib/systemd/systemd", started: 1, cpu: 4630, memory: kb(22688, 13608, 56, { vmData: 4568 }),
        environ: ["HOME=/", "init=/sbin/init", "NETWORK_SKIP_ENSLAVED=", "TERM=linux", `BOOT_IMAGE=/vmlinuz-${release}`, "drop_caps=", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "PWD=/", "rootmnt=/root"],
        sigIgnored: 0x1000n, sigCaught: 0x100004a02n }),
      ...kthreads(KTHREADS_6_8),
      task({ pid: 312, comm: "systemd-journal", argv: ["/usr/lib/systemd/systemd-journald"], started: 3, cpu: 2011, memory: kb(58996, 19820, 96) }),
      task({ pid: 364, comm: "multipathd", argv: ["/sbin/multipathd", "-d", "-s"], started: 3, cpu: 2512, threads: 7, memory: kb(288972, 27400, 32) }),
      task({ pid: 372, comm: "systemd-udevd", argv: ["/usr/lib/systemd/systemd-udevd"], started: 3, cpu: 297, memory: kb(25852, 7040, 176) }),
      task({ pid: 521, comm: "systemd-timesyn", argv: ["/usr/lib/systemd/systemd-timesyncd"], creds: service(996), started: 4, cpu: 41, threads: 2, memory: kb(91020, 7552, 36) }),
      task({ pid: 588, comm: "systemd-network", argv: ["/usr/lib/systemd/systemd-networkd"], creds: service(998), started: 4, cpu: 110, memory: kb(19000, 9120, 1012) }),
      task({ pid: 592, comm: "systemd-resolve", argv: ["/usr/lib/systemd/systemd-resolved"], creds: service(991), started: 4, cpu: 483, memory: kb(21676, 12988, 300) }),
      task({ pid: 649, comm: "cron", argv: ["/usr/sbin/cron", "-f", "-P"], started: 5, cpu: 72, memory: kb(6824, 2688, 40) }),
      task({ pid: 650, comm: "dbus-daemon", argv: ["@dbus-daemon", "--system", "--address=systemd:", "--nofork", "--nopidfile", "--systemd-activation", "--syslog-only"], exe: "/usr/bin/dbus-daemon", creds: service(101, 102), started: 5, cpu: 127, memory: kb(9692, 5244, 128) }),
      task({ pid: 659, comm: "systemd-logind", argv: ["/usr/lib/systemd/systemd-logind"], started: 5, cpu: 98, memory: kb(17836, 8108, 140) }),
      task({ pid: 702, comm: "agetty", argv: ["/sbin/agetty", "-o", "-p -- \\u", "--keep-baud", "115200,57600,38400,9600", "-", "vt220"], started: 6, tty: "ttyS0", memory: kb(6696, 2048, 48) }),
      task({ pid: 709, comm: "agetty", argv: ["/sbin/agetty", "-o", "-p -- \\u", "--noclear", "-", "linux"], started: 6, tty: "tty1", memory: kb(6240, 1920, 48) }),
      task({ pid: 731, comm: "sshd", argv: ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"], exe: "/usr/sbin/sshd", started: 6, cpu: 44, memory: kb(12020, 7848, 808) }),
      task({ pid: 744, comm: "containerd", argv: ["/usr/bin/containerd"], started: 7, cpu: 70415, threads: 13, memory: kb(2244412, 52036, 24572) }),
      task({ pid: 1489, comm: "kubelet", argv: ["/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf", "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml", "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock"], started: 71, cpu: 251340, threads: 14, memory: kb(2192524, 96588, 52396), environ: kubeletEnv }),
      ...ks.tasks,
      task({ pid: 183_907, ppid: 2, comm: "kworker/0:2-events", kthread: true, state: "I", started: 255_000, cpu: 104 }),
      task({ pid: 185_268, ppid: 2, comm: "kworker/u4:1-events_unbound", kthread: true, state: "I", started: 262_000, cpu: 27 }),
      task({ pid: 185_904, ppid: 2, comm: "kworker/1:0-events", kthread: true, state: "I", started: 263_500, cpu: 35 }),
      task({ pid: 186_377, ppid: 2, comm: "kworker/u4:0-events_power_efficient", kthread: true, state: "I", started: 264_900, cpu: 6 }),
    ],
  };
}

const TABLES = new Map<ProfileId, HostTable>();

/** The node's process table for a profile (built once per process, frozen, shared). */
export function hostTable(id: ProfileId): HostTable {
  let t = TABLES.get(id);
  if (t === undefined) {
    const built = id === "1.29-docker" ? table29() : table34();
    // By pid, as the root namespace hands them out: a pod's processes sit between the daemons'.
    t = Object.freeze({ ...built, tasks: Object.freeze([...built.tasks].sort((a, b) => a.pid - b.pid)), pods: Object.freeze(built.pods) });
    TABLES.set(id, t);
  }
  return t;
}
