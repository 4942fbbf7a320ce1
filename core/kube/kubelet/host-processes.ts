// The node's own processes, as `ps` in a hostPID pod lists them: systemd, the kernel threads, the
// system daemons, the container runtime and the kubelet, and the kube-proxy pod that was running
// before the learner's first pod. One frozen table per profile, shared by every sandbox; a node
// creates the Process objects only when something looks at its root pid namespace (a hostPID
// pod), so an ordinary learner pays nothing for them.
//
// The shapes follow a kubeadm worker node: Ubuntu 22.04 (5.15) with Docker Engine 20.10 +
// cri-dockerd for 1.29-docker, Ubuntu 24.04 (6.8) with containerd 2.1 for 1.34-containerd,
// a bridge CNI (cni0, no CNI daemon pod) and kube-proxy. The node has been up about 3 days
// (profiles.ts uptimeAtStart): boot-time pids are small, the pids handed out now are large.

import { FULL_SET } from "../../kernel/capability.js";
import { type Credentials, makeCredentials } from "../../kernel/credentials.js";
import type { MemoryProfile, ProcState } from "../../kernel/process.js";
import { memory } from "../../images/image.js";
import type { ProfileId } from "../profiles.js";

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
  /** The pod's IPC namespace (the sandbox's, shared by its containers). */
  readonly ipcInum: number;
  /** hostNetwork pod: the node's network and UTS namespaces. */
  readonly hostNetwork: boolean;
}

export interface HostTable {
  readonly tasks: readonly HostTask[];
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

function table29(): HostTable {
  const release = "5.15.0-105-generic";
  const kubeletEnv = [
    "LANG=C.UTF-8", PATH, "KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf",
    "KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml",
    "KUBELET_KUBEADM_ARGS=--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9",
  ];
  const proxyPause = "6a4e1c0f9b23d8e5a7c1f04b2d9e83a65c7f1e0d4b8a2c69e3f5d1a07b4c8e29";
  const proxyCtr = "d93b7e2a1c4f6085e2b9a7d3c1f8e4065b2a9d7c3e1f0b8a6d4c2e9f7a5b3c10";
  const kubeProxyPod = { ipcInum: 4026532183, hostNetwork: true };
  return {
    lastPid: 27834,
    resolvConf: "nameserver 172.30.0.2\nsearch .\n",
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
      task({ pid: 1843, comm: "containerd-shim", argv: shimArgv("docker", proxyPause), started: 96, cpu: 612, threads: SHIM_THREADS, memory: SHIM_MEMORY }),
      task({ pid: 1863, ppid: 1843, comm: "pause", argv: ["/pause"], creds: PAUSE_CREDS, started: 96, memory: PAUSE_MEMORY, environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=node01"],
        container: { pidInum: 4026532181, mntInum: 4026532180, cgroupInum: 4026532182, ...kubeProxyPod } }),
      task({ pid: 1952, comm: "containerd-shim", argv: shimArgv("docker", proxyCtr), started: 97, cpu: 803, threads: SHIM_THREADS, memory: SHIM_MEMORY }),
      task({ pid: 1972, ppid: 1952, comm: "kube-proxy", argv: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=node01"], started: 97, cpu: 19044, threads: 8, memory: kb(1290616, 51236, 20456),
        environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=node01", "NODE_NAME=node01", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443"],
        container: { pidInum: 4026532185, mntInum: 4026532184, cgroupInum: 4026532186, ...kubeProxyPod } }),
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
  const proxySandbox = "4f1d8c2b9e07a6d3c5b1e8f2a4d7c9b03e6f1a8d2c5b7e9f0a3d6c8b1e4f7a29";
  const kubeProxyPod = { ipcInum: 4026532201, hostNetwork: true };
  return {
    lastPid: 186_419,
    resolvConf: "nameserver 172.30.0.2\nsearch .\n",
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
      task({ pid: 1712, comm: "containerd-shim", argv: shimArgv("containerd", proxySandbox), started: 93, cpu: 1290, threads: SHIM_THREADS, memory: SHIM_MEMORY }),
      task({ pid: 1733, ppid: 1712, comm: "pause", argv: ["/pause"], creds: PAUSE_CREDS, started: 93, memory: PAUSE_MEMORY, environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=node01"],
        container: { pidInum: 4026532199, mntInum: 4026532198, cgroupInum: 4026532200, ...kubeProxyPod } }),
      task({ pid: 1801, ppid: 1712, comm: "kube-proxy", argv: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=node01"], started: 94, cpu: 20177, threads: 8, memory: kb(1300568, 52784, 21012),
        environ: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=node01", "NODE_NAME=node01", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443"],
        container: { pidInum: 4026532203, mntInum: 4026532202, cgroupInum: 4026532204, ...kubeProxyPod } }),
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
    t = Object.freeze({ ...built, tasks: Object.freeze(built.tasks) });
    TABLES.set(id, t);
  }
  return t;
}
