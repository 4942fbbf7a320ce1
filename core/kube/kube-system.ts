// The kube-system pods as the apiserver of a fresh kubeadm cluster holds them: mirror pods of the
// four static pods, the kube-proxy DaemonSet's pod and the two CoreDNS replicas. They are the
// pods of the node's host process table (kubelet/host-processes.ts: names, UIDs, container IDs,
// images, start times), which the kubelet was running before the lab started: podlab's kubelet
// never runs them, `ps` in a hostPID pod shows their processes.
//
// The specs are what kubeadm writes for the profile's minor version, completed by the kubelet
// (static pods), the controllers (DaemonSet, ReplicaSet) and the apiserver's defaulting and
// admission (ServiceAccount, DefaultTolerationSeconds, Priority):
// - cmd/kubeadm/app/util/staticpod/utils.go ComponentPod (labels component/tier, priority
//   2000001000, system-node-critical, hostNetwork, pod seccompProfile RuntimeDefault),
//   ComponentResources, LivenessProbe (10/15/8/10), ReadinessProbe (0/15/3/1), StartupProbe
//   (10/15/ceil(4m/10s)=24/10); VolumeMapToSlice and VolumeMountMapToSlice sort by name.
// - cmd/kubeadm/app/phases/controlplane/manifests.go and volumes.go (the CA directories an Ubuntu
//   node has, flexvolume-dir, the kubeconfigs), phases/etcd/local.go (etcd-data then etcd-certs;
//   /health probes until kubernetes#124465 (1.31) made them /livez, /readyz), kubernetes#126945
//   (1.32: the scheduler's /livez, /readyz), kubernetes#132776 (1.34: the named port "probe-port"
//   on all four), kubernetes#131587 (1.34: CoreDNS's liveness-probe and readiness-probe ports).
// - phases/addons/proxy/manifests.go (privileged, $(NODE_NAME), the ConfigMap, xtables-lock and
//   lib-modules volumes, `operator: Exists`) plus the DaemonSet controller's node affinity and
//   tolerations (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations);
//   phases/addons/dns/manifests.go (the Deployment: anti-affinity, tolerations, limits, probes,
//   securityContext allowPrivilegeEscalation false / drop ALL / add NET_BIND_SERVICE /
//   readOnlyRootFilesystem, dnsPolicy Default).
// - the kubelet's mirror pods (pkg/kubelet/pod/mirror_client.go: the config.mirror annotation and
//   an ownerReference to the Node; pkg/kubelet/config/common.go: the config.hash, config.seen and
//   config.source annotations, the `:NoExecute op=Exists` toleration). The ServiceAccount admission
//   plugin skips mirror pods, so they have no service account and no token volume.
//
// Events are gone (the apiserver keeps them one hour; the cluster is three days old).
//
// Cost: the specs are built once per process and profile, deep-frozen and shared by every
// cluster; a cluster makes its own metadata and status (the timestamps follow its boot time) only
// when something first lists or reads the kube-system pods (Store.seedLazily).

import type { Clock } from "../kernel/clock.js";
import { completeDefaults, defaultPod } from "./api/defaults.js";
import type { Container, ContainerStatus, Pod, PodCondition, PodSpec, PodStatus, Volume } from "./api/types.js";
import { stableHex } from "./kubelet/host-network.js";
import { statusResources } from "./kubelet/kubelet.js";
import { type Features, featuresFor } from "./validation/features.js";
import { type BootPod, type HostTable, NODE_IP, NODE_NAME, hostTable } from "./kubelet/host-processes.js";
import type { ClusterProfile, ProfileId } from "./profiles.js";
import { type Store, markDeleting, rfc3339 } from "./store.js";

export const KUBE_SYSTEM = "kube-system";

/** An RFC 4122 version 4 UUID derived from a seed (for objects made before the lab started). */
export function stableUid(seed: string): string {
  const h = stableHex(`uuid/${seed}`, 32).split("");
  h[12] = "4";
  h[16] = "89ab"[parseInt(h[16]!, 16) & 3]!;
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The Node object's UID (mirror pods name it in their ownerReferences). */
export const NODE_UID = stableUid(`node/${NODE_NAME}`);

/** k8s.io/apimachinery rand.String's alphabet, for names a controller generated. */
const SAFE = "bcdfghjklmnpqrstvwxz2456789";
const safeString = (seed: string, n: number) => stableHex(`safe/${seed}`, n * 2).match(/../g)!.map((b) => SAFE[parseInt(b, 16) % SAFE.length]).join("");

/**
 * Repository digests of the images (what the runtime reports as the image ID). Those of the
 * 1.34 images, etcd 3.5.16-0 and CoreDNS v1.11.1 were taken from public manifests pinning them
 * by digest; for the v1.29.15 Kubernetes images none was found, and a stable stand-in is used.
 */
const DIGESTS: Readonly<Record<string, string>> = {
  "registry.k8s.io/etcd:3.5.16-0": "c6a9d11cc5c04b114ccdef39a9265eeef818e3d02f5359be035ae784097fdec5",
  "registry.k8s.io/etcd:3.6.4-0": "e36c081683425b5b3bc1425bc508b37e7107bb65dfa9367bf5a80125d431fa19",
  "registry.k8s.io/coredns/coredns:v1.11.1": "1eeb4c7316bacb1d4c8ead65571cd92dd21e27359f0d4917f1a5822a73b75db1",
  "registry.k8s.io/coredns/coredns:v1.12.1": "e8c262566636e6bc340ece6473b0eed193cad045384401529721ddbe6463d31c",
  "registry.k8s.io/kube-apiserver:v1.34.2": "e009ef63deaf797763b5bd423d04a099a2fe414a081bf7d216b43bc9e76b9077",
  "registry.k8s.io/kube-controller-manager:v1.34.2": "5c3998664b77441c09a4604f1361b230e63f7a6f299fc02fc1ebd1a12c38e3eb",
  "registry.k8s.io/kube-scheduler:v1.34.2": "44229946c0966b07d5c0791681d803e77258949985e49b4ab0fbdff99d2a48c6",
  "registry.k8s.io/kube-proxy:v1.34.2": "d8b843ac8a5e861238df24a4db8c2ddced89948633400c4660464472045276f5",
};

const digestOf = (image: string) => DIGESTS[image] ?? stableHex(`digest/${image}`, 64);

/**
 * What the runtime finds when `kubectl exec` looks a command up in an image: the executables of
 * the image (absolute paths) and its PATH. The Kubernetes component images are distroless static
 * images with the binary and /go-runner; CoreDNS's holds /coredns alone; the etcd image
 * (kubernetes cluster/images/etcd/Dockerfile) adds bash-static as /bin/sh, cp and the migration
 * tools. undefined: the image's files are not modelled (kube-proxy's distroless-iptables).
 */
export interface ImageFiles {
  readonly path: readonly string[];
  readonly executables: ReadonlySet<string>;
}

const DISTROLESS_PATH = Object.freeze(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
const files = (...executables: string[]): ImageFiles => Object.freeze({ path: DISTROLESS_PATH, executables: Object.freeze(new Set(executables)) });
const ETCD_FILES = files("/bin/sh", "/bin/cp", "/usr/local/bin/etcd", "/usr/local/bin/etcdctl", "/usr/local/bin/etcdutl", "/usr/local/bin/migrate", "/usr/local/bin/migrate-if-needed.sh");
const componentFiles = (name: string) => files("/go-runner", `/usr/local/bin/${name}`);
const COREDNS_FILES = files("/coredns");

/** How the apiserver came to hold the pod. */
export type BootPodKind = "mirror" | "DaemonSet" | "ReplicaSet";

/** Times of a pod's life, in seconds after boot. */
interface Times {
  /** The pod object was created (the mirror pod, or the controller's pod). */
  readonly created: number;
  /** The kubelet first saw it (config.seen of a static pod; status.startTime). */
  readonly seen: number;
  readonly scheduled: number;
  /** The sandbox was ready (PodReadyToStartContainers). */
  readonly sandbox: number;
  readonly container: number;
  readonly ready: number;
}

/** One kube-system pod of a profile: everything but what depends on the cluster's boot time. */
export interface BootPodTemplate {
  readonly kind: BootPodKind;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly generateName: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** Without config.seen (a time) for mirror pods. */
  readonly annotations: Readonly<Record<string, string>> | undefined;
  readonly ownerReferences: readonly unknown[];
  readonly spec: PodSpec;
  readonly times: Times;
  readonly podIP: string;
  readonly qosClass: string;
  /** The container statuses without their times (frozen). */
  readonly containers: readonly { readonly name: string; readonly status: Omit<ContainerStatus, "state"> }[];
  readonly files: ReadonlyMap<string, ImageFiles | undefined>;
  /** The boot pod of the host table (static pods: its UID is the config hash). */
  readonly boot: BootPod;
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

type Probe = Record<string, unknown>;

/** staticpodutil.createHTTPProbe as Liveness/Readiness/StartupProbe call it (initialDelaySeconds 0 is omitted). */
function componentProbe(kind: "liveness" | "readiness" | "startup", host: string, path: string, port: number | string, scheme: "HTTP" | "HTTPS"): Probe {
  return {
    failureThreshold: kind === "liveness" ? 8 : kind === "readiness" ? 3 : 24,
    httpGet: { host, path, port, scheme },
    ...(kind === "readiness" ? {} : { initialDelaySeconds: 10 }),
    periodSeconds: kind === "readiness" ? 1 : 10,
    timeoutSeconds: 15,
  };
}

const hostPathVolume = (name: string, path: string, type: string): Volume => ({ name, hostPath: { path, type } });

/** volumes.go: the CA certificate directories of an Ubuntu node, read-only. */
const CA_VOLUMES: readonly [string, string][] = [
  ["ca-certs", "/etc/ssl/certs"], ["etc-ca-certificates", "/etc/ca-certificates"],
  ["usr-local-share-ca-certificates", "/usr/local/share/ca-certificates"], ["usr-share-ca-certificates", "/usr/share/ca-certificates"],
];

interface Mount { name: string; path: string; type: string; readOnly: boolean }

function controlPlaneVolumes(component: "kube-apiserver" | "kube-controller-manager" | "kube-scheduler"): Mount[] {
  const mounts: Mount[] = [];
  if (component !== "kube-scheduler") {
    for (const [name, path] of CA_VOLUMES) mounts.push({ name, path, type: "DirectoryOrCreate", readOnly: true });
    mounts.push({ name: "k8s-certs", path: "/etc/kubernetes/pki", type: "DirectoryOrCreate", readOnly: true });
  }
  if (component === "kube-controller-manager") {
    mounts.push({ name: "flexvolume-dir", path: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", type: "DirectoryOrCreate", readOnly: false });
    mounts.push({ name: "kubeconfig", path: "/etc/kubernetes/controller-manager.conf", type: "FileOrCreate", readOnly: true });
  }
  if (component === "kube-scheduler") mounts.push({ name: "kubeconfig", path: "/etc/kubernetes/scheduler.conf", type: "FileOrCreate", readOnly: true });
  return mounts.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** ComponentPod() as the kubelet completes a static pod and the apiserver stores its mirror. */
function staticPodSpec(container: Container, volumes: Volume[]): PodSpec {
  const spec: PodSpec = {
    containers: [container], dnsPolicy: "ClusterFirst", enableServiceLinks: true, hostNetwork: true, nodeName: NODE_NAME,
    preemptionPolicy: "PreemptLowerPriority", priority: 2000001000, priorityClassName: "system-node-critical", restartPolicy: "Always",
    schedulerName: "default-scheduler", securityContext: { seccompProfile: { type: "RuntimeDefault" } }, terminationGracePeriodSeconds: 30,
    tolerations: [{ effect: "NoExecute", operator: "Exists" }], volumes,
  };
  completeDefaults(spec);
  return spec;
}

/** The four static pods' containers and volumes for a Kubernetes minor. */
function controlPlaneSpec(name: string, image: string, command: readonly string[], minor: number): PodSpec {
  const named = minor >= 34;
  if (name === "etcd") {
    const port = named ? "probe-port" : 2381;
    const probes = minor >= 31
      ? { livenessProbe: componentProbe("liveness", "127.0.0.1", "/livez", port, "HTTP"), readinessProbe: componentProbe("readiness", "127.0.0.1", "/readyz", port, "HTTP"), startupProbe: componentProbe("startup", "127.0.0.1", "/readyz", port, "HTTP") }
      : { livenessProbe: componentProbe("liveness", "127.0.0.1", "/health?exclude=NOSPACE&serializable=true", port, "HTTP"), startupProbe: componentProbe("startup", "127.0.0.1", "/health?serializable=false", port, "HTTP") };
    return staticPodSpec({
      command: [...command], image, imagePullPolicy: "IfNotPresent", ...probes, name,
      ...(named ? { ports: [{ containerPort: 2381, name: "probe-port", protocol: "TCP" }] } : {}),
      resources: { requests: { cpu: "100m", memory: "100Mi" } },
      volumeMounts: [{ mountPath: "/var/lib/etcd", name: "etcd-data" }, { mountPath: "/etc/kubernetes/pki/etcd", name: "etcd-certs" }],
    }, [hostPathVolume("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate"), hostPathVolume("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")]);
  }
  const c = name as "kube-apiserver" | "kube-controller-manager" | "kube-scheduler";
  const portNumber = c === "kube-apiserver" ? 6443 : c === "kube-controller-manager" ? 10257 : 10259;
  const port = named ? "probe-port" : portNumber;
  const host = c === "kube-apiserver" ? NODE_IP : "127.0.0.1";
  const cpu = c === "kube-apiserver" ? "250m" : c === "kube-controller-manager" ? "200m" : "100m";
  const livez = c === "kube-apiserver" || (c === "kube-scheduler" && minor >= 32);
  const probes: Record<string, Probe> = livez
    ? { livenessProbe: componentProbe("liveness", host, "/livez", port, "HTTPS"), readinessProbe: componentProbe("readiness", host, "/readyz", port, "HTTPS"), startupProbe: componentProbe("startup", host, "/livez", port, "HTTPS") }
    : { livenessProbe: componentProbe("liveness", host, "/healthz", port, "HTTPS"), startupProbe: componentProbe("startup", host, "/healthz", port, "HTTPS") };
  const mounts = controlPlaneVolumes(c);
  return staticPodSpec({
    command: [...command], image, imagePullPolicy: "IfNotPresent", ...probes, name: c,
    ...(named ? { ports: [{ containerPort: portNumber, name: "probe-port", protocol: "TCP" }] } : {}),
    resources: { requests: { cpu } },
    volumeMounts: mounts.map((m) => ({ mountPath: m.path, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) })),
  }, mounts.map((m) => hostPathVolume(m.name, m.path, m.type)));
}

/** The DaemonSet controller's tolerations (AddOrUpdateDaemonPodTolerations; network-unavailable for hostNetwork). */
const DAEMON_TOLERATIONS = [
  ["node.kubernetes.io/not-ready", "NoExecute"], ["node.kubernetes.io/unreachable", "NoExecute"], ["node.kubernetes.io/disk-pressure", "NoSchedule"],
  ["node.kubernetes.io/memory-pressure", "NoSchedule"], ["node.kubernetes.io/pid-pressure", "NoSchedule"], ["node.kubernetes.io/unschedulable", "NoSchedule"],
  ["node.kubernetes.io/network-unavailable", "NoSchedule"],
].map(([key, effect]) => ({ effect, key, operator: "Exists" }));

function kubeProxyPod(image: string, tokenSuffix: string): PodSpec {
  const pod = {
    metadata: {},
    spec: {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [NODE_NAME] }] }] } } },
      containers: [{
        command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
        env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
        image, imagePullPolicy: "IfNotPresent", name: "kube-proxy", securityContext: { privileged: true },
        volumeMounts: [{ mountPath: "/var/lib/kube-proxy", name: "kube-proxy" }, { mountPath: "/run/xtables.lock", name: "xtables-lock" }, { mountPath: "/lib/modules", name: "lib-modules", readOnly: true }],
      }],
      hostNetwork: true, nodeName: NODE_NAME, nodeSelector: { "kubernetes.io/os": "linux" }, priority: 2000001000, priorityClassName: "system-node-critical",
      serviceAccount: "kube-proxy", serviceAccountName: "kube-proxy", tolerations: [{ operator: "Exists" }, ...DAEMON_TOLERATIONS],
      volumes: [{ configMap: { name: "kube-proxy" }, name: "kube-proxy" }, hostPathVolume("xtables-lock", "/run/xtables.lock", "FileOrCreate"), { hostPath: { path: "/lib/modules" }, name: "lib-modules" }],
    },
  } as unknown as Pod;
  defaultPod(pod, tokenSuffix);
  return pod.spec;
}

function corednsPod(image: string, minor: number, tokenSuffix: string): PodSpec {
  // kubernetes#131587 (1.34): the probe ports are declared and named.
  const named = minor >= 34;
  const pod = {
    metadata: {},
    spec: {
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" }, weight: 100 }] } },
      containers: [{
        args: ["-conf", "/etc/coredns/Corefile"], image, imagePullPolicy: "IfNotPresent",
        livenessProbe: { failureThreshold: 5, httpGet: { path: "/health", port: named ? "liveness-probe" : 8080, scheme: "HTTP" }, initialDelaySeconds: 60, successThreshold: 1, timeoutSeconds: 5 },
        name: "coredns",
        ports: [
          { containerPort: 53, name: "dns", protocol: "UDP" }, { containerPort: 53, name: "dns-tcp", protocol: "TCP" }, { containerPort: 9153, name: "metrics", protocol: "TCP" },
          ...(named ? [{ containerPort: 8080, name: "liveness-probe", protocol: "TCP" }, { containerPort: 8181, name: "readiness-probe", protocol: "TCP" }] : []),
        ],
        readinessProbe: { httpGet: { path: "/ready", port: named ? "readiness-probe" : 8181, scheme: "HTTP" } },
        resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
        volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
      }],
      dnsPolicy: "Default", nodeName: NODE_NAME, nodeSelector: { "kubernetes.io/os": "linux" }, priority: 2000000000, priorityClassName: "system-cluster-critical",
      serviceAccount: "coredns", serviceAccountName: "coredns",
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }],
      volumes: [{ configMap: { items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" }, name: "config-volume" }],
    },
  } as unknown as Pod;
  defaultPod(pod, tokenSuffix);
  return pod.spec;
}

/** The QoS class the apiserver computes (requests or limits: Burstable here; none: BestEffort). */
function qosOf(spec: PodSpec): string {
  const has = (c: Container) => Object.keys(c.resources?.limits ?? {}).length + Object.keys(c.resources?.requests ?? {}).length > 0;
  return (spec.containers ?? []).some(has) ? "Burstable" : "BestEffort";
}

/** The container statuses the kubelet reports, without their times. */
function containerStatuses(profile: ClusterProfile, boot: BootPod, spec: PodSpec, uid: number): BootPodTemplate["containers"] {
  const docker = profile.runtime === "docker";
  const minor = Number(profile.serverVersion.minor);
  return boot.containers.map((c) => {
    const container = spec.containers!.find((x) => x.name === c.name)!;
    const ref = `${c.image.replace(/:[^:/]+$/, "")}@sha256:${digestOf(c.image)}`;
    const status: Omit<ContainerStatus, "state"> = {
      containerID: `${profile.runtime}://${c.id}`, image: c.image, imageID: docker ? `docker-pullable://${ref}` : ref, lastState: {}, name: c.name, ready: true, restartCount: 0, started: true,
      // containerd 2.x reports the process's user (1.31+); the volume mounts are in the status from 1.30.
      ...(minor >= 31 && !docker ? { user: { linux: { gid: uid, supplementalGroups: [uid], uid } } } : {}),
      ...(minor >= 33 ? { resources: statusResources(container.resources) } : {}),
      ...(minor >= 30 ? { volumeMounts: (container.volumeMounts ?? []).map((m) => ({ mountPath: m.mountPath!, name: m.name!, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) })) } : {}),
    };
    return { name: c.name, status };
  });
}

const TEMPLATES = new Map<ProfileId, readonly BootPodTemplate[]>();

/** The kube-system pods of a profile (built once per process, deep-frozen, shared). */
export function kubeSystemTemplates(profile: ClusterProfile): readonly BootPodTemplate[] {
  let t = TEMPLATES.get(profile.id);
  if (t === undefined) {
    t = deepFreeze(buildTemplates(profile, hostTable(profile.id)));
    TEMPLATES.set(profile.id, t);
  }
  return t;
}

function buildTemplates(profile: ClusterProfile, table: HostTable): BootPodTemplate[] {
  const minor = Number(profile.serverVersion.minor);
  const taskOf = (pod: BootPod) => table.tasks.find((t) => t.container?.pod === pod && t.argv[0] !== "/pause")!;
  const kubelet = table.tasks.find((t) => t.comm === "kubelet")!.started;
  const apiserver = table.pods.find((p) => p.name.startsWith("kube-apiserver-"))!;
  // The kubelet creates the mirror pods once the apiserver answers, about 9 s after it started.
  const apiserverUp = taskOf(apiserver).started + 9;
  const proxy = table.pods.find((p) => p.name.startsWith("kube-proxy-"))!;
  // kubeadm made the kube-proxy DaemonSet and the CoreDNS Deployment right after the control
  // plane came up; CoreDNS waited for the node to be Ready (the CNI configuration) to be scheduled.
  const addonsCreated = proxy.started - 2;
  const daemonSetUid = stableUid("daemonset/kube-proxy");
  const revisionHash = safeString(`controller-revision/${profile.id}`, 10);
  return table.pods.map((boot, i): BootPodTemplate => {
    const task = taskOf(boot);
    const image = boot.containers[0]!.image;
    const container = task.started;
    const suffix = safeString(`kube-api-access/${boot.name}`, 5);
    const rv = String(280 + i * 37 + Math.round(container));
    if (boot.static) {
      const component = boot.name.slice(0, -(NODE_NAME.length + 1));
      const spec = controlPlaneSpec(component, image, task.argv, minor);
      const annotations: Record<string, string> = component === "etcd" ? { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${NODE_IP}:2379` }
        : component === "kube-apiserver" ? { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${NODE_IP}:6443` } : {};
      annotations["kubernetes.io/config.hash"] = boot.uid;
      annotations["kubernetes.io/config.mirror"] = boot.uid;
      annotations["kubernetes.io/config.source"] = "file";
      // The kubelet read the manifests a second after it started (config.seen has nanoseconds).
      const seen = kubelet + 1 + (parseInt(stableHex(`seen/${boot.uid}`, 4), 16) % 1000) / 1000;
      return {
        kind: "mirror", name: boot.name, uid: stableUid(`mirror/${boot.uid}`), resourceVersion: rv, generateName: undefined,
        labels: { component, tier: "control-plane" }, annotations,
        ownerReferences: [{ apiVersion: "v1", controller: true, kind: "Node", name: NODE_NAME, uid: NODE_UID }],
        spec, podIP: NODE_IP, qosClass: qosOf(spec), boot,
        // The startup probe (initialDelaySeconds 10) must pass before the container is ready.
        times: { created: apiserverUp + i * 0.2, seen, scheduled: seen, sandbox: boot.started, container, ready: container + 11 },
        containers: containerStatuses(profile, boot, spec, 0),
        files: new Map([[component, component === "etcd" ? ETCD_FILES : componentFiles(component)]]),
      };
    }
    if (boot.name.startsWith("kube-proxy-")) {
      const spec = kubeProxyPod(image, suffix);
      return {
        kind: "DaemonSet", name: boot.name, uid: boot.uid, resourceVersion: rv, generateName: "kube-proxy-",
        labels: { "controller-revision-hash": revisionHash, "k8s-app": "kube-proxy", "pod-template-generation": "1" }, annotations: undefined,
        ownerReferences: [{ apiVersion: "apps/v1", blockOwnerDeletion: true, controller: true, kind: "DaemonSet", name: "kube-proxy", uid: daemonSetUid }],
        spec, podIP: NODE_IP, qosClass: qosOf(spec), boot,
        times: { created: addonsCreated, seen: addonsCreated, scheduled: addonsCreated, sandbox: boot.started, container, ready: container + 1 },
        containers: containerStatuses(profile, boot, spec, 0), files: new Map([["kube-proxy", undefined]]),
      };
    }
    const hash = boot.name.split("-")[1]!;
    const spec = corednsPod(image, minor, suffix);
    return {
      kind: "ReplicaSet", name: boot.name, uid: boot.uid, resourceVersion: rv, generateName: `coredns-${hash}-`,
      labels: { "k8s-app": "kube-dns", "pod-template-hash": hash }, annotations: undefined,
      ownerReferences: [{ apiVersion: "apps/v1", blockOwnerDeletion: true, controller: true, kind: "ReplicaSet", name: `coredns-${hash}`, uid: stableUid(`replicaset/coredns-${hash}`) }],
      spec, podIP: `${profile.podCIDR.split("/")[0]!.replace(/\.\d+$/, "")}.${boot.network!.host}`, qosClass: qosOf(spec), boot,
      times: { created: addonsCreated - 1, seen: boot.started - 1, scheduled: boot.started - 1, sandbox: boot.started, container, ready: container + 1 },
      containers: containerStatuses(profile, boot, spec, 65532), files: new Map([["coredns", COREDNS_FILES]]),
    };
  });
}

/** RFC 3339 with nanoseconds, trailing zeros trimmed (time.RFC3339Nano), as config.seen is written. */
function rfc3339Nano(ms: number, seed: string): string {
  const nanos = `${String(ms % 1000).padStart(3, "0")}${String(parseInt(stableHex(`ns/${seed}`, 6), 16) % 1_000_000).padStart(6, "0")}`.replace(/0+$/, "");
  return `${new Date(ms).toISOString().slice(0, 19)}${nanos === "" ? "" : `.${nanos}`}Z`;
}

/**
 * The running status the kubelet reports for a template, at the cluster's times. With
 * PodObservedGenerationTracking the status and conditions carry the generation (1), except a
 * mirror pod's: the kubelet reports the static pod's, which has none (KEP-5067 "Mirror pods").
 */
function runningStatus(t: BootPodTemplate, at: (s: number) => string, features: Features): PodStatus {
  const observed = features.podObservedGenerationTracking && t.kind !== "mirror" ? { observedGeneration: 1 } : {};
  const condition = (type: string, time: string): PodCondition => ({ lastProbeTime: null, lastTransitionTime: time, ...observed, status: "True", type });
  const containerStatuses = t.containers.map((c) => ({ ...c.status, state: { running: { startedAt: at(t.times.container) } } }) as ContainerStatus);
  return {
    ...observed,
    conditions: [
      condition("PodReadyToStartContainers", at(t.times.sandbox)), condition("Initialized", at(t.times.seen)), condition("Ready", at(t.times.ready)),
      condition("ContainersReady", at(t.times.ready)), condition("PodScheduled", at(t.times.scheduled)),
    ],
    containerStatuses, hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], phase: "Running", podIP: t.podIP, podIPs: [{ ip: t.podIP }], qosClass: t.qosClass, startTime: at(t.times.seen),
  };
}

/**
 * One cluster's kube-system pods: made when first listed, deleted and recreated as the kubelet
 * does for mirror pods.
 */
export class KubeSystem {
  private readonly templates = new WeakMap<Pod, BootPodTemplate>();

  constructor(
    private readonly store: Store,
    private readonly profile: ClusterProfile,
    /** The node's boot (ms since the epoch), which the host table's times count from. */
    private readonly bootTime: number,
    private readonly clock: Clock,
    private readonly now: () => number,
  ) {
    this.features = featuresFor(profile);
    this.generation = this.features.podGeneration ? { generation: 1 } : {};
    store.seedLazily(KUBE_SYSTEM, () => this.seed());
  }

  private readonly features: Features;
  /** What the apiserver set when it created the pod (podStrategy.PrepareForCreate, 1.33+). */
  private readonly generation: { generation?: number };

  private at = (seconds: number) => rfc3339(this.bootTime + Math.floor(seconds * 1000));

  /** A static pod's annotations, with config.seen: when the kubelet read its manifest. */
  private mirrorAnnotations(t: BootPodTemplate): Record<string, string> {
    return sortedKeys(Object.assign(Object.create(null) as Record<string, string>, t.annotations, { "kubernetes.io/config.seen": rfc3339Nano(this.bootTime + Math.round(t.times.seen * 1000), t.name) }));
  }

  private seed(): Pod[] {
    return kubeSystemTemplates(this.profile).map((t) => {
      const pod: Pod = {
        apiVersion: "v1", kind: "Pod",
        metadata: {
          ...(t.annotations === undefined ? {} : { annotations: this.mirrorAnnotations(t) }),
          creationTimestamp: this.at(t.times.created), ...(t.generateName === undefined ? {} : { generateName: t.generateName }),
          labels: t.labels as Record<string, string>, name: t.name, namespace: KUBE_SYSTEM, ownerReferences: t.ownerReferences,
          resourceVersion: t.resourceVersion, uid: t.uid, ...this.generation,
        },
        spec: t.spec,
        status: runningStatus(t, this.at, this.features),
      };
      this.templates.set(pod, t);
      return pod;
    });
  }

  templateOf(pod: Pod): BootPodTemplate | undefined {
    return this.templates.get(pod);
  }

  /** The image files behind a container of a pod that was running at boot (undefined: not such a pod). */
  imageFiles(pod: Pod, container: string): { files: ImageFiles | undefined } | undefined {
    const t = this.templates.get(pod);
    if (t === undefined) return undefined;
    return { files: t.files.get(container) };
  }

  /**
   * Deleting a mirror pod: the apiserver marks it (graceful) and the kubelet, seeing a mirror pod
   * being deleted, deletes it at once (DeleteMirrorPod, grace period 0) and creates a new one from
   * the static pod it keeps running (new UID, creationTimestamp, the manifest's labels). The
   * apiserver stores a new pod as Pending (PrepareForCreate); the status manager writes the
   * static pod's status back at its next sync (every 10 s). Resolves when the old one is gone.
   */
  deleteMirror(pod: Pod, graceSeconds: number): Promise<void> {
    const t = this.templates.get(pod)!;
    if (graceSeconds > 0) {
      markDeleting(pod, this.now(), graceSeconds);
      this.store.putPod(pod, "MODIFIED");
    }
    return this.clock.sleep(graceSeconds > 0 ? 150 : 0).then(async () => {
      if (this.store.getPod(KUBE_SYSTEM, t.name) !== pod) return;
      this.store.removePod(pod);
      void this.recreateMirror(t);
    });
  }

  private async recreateMirror(t: BootPodTemplate): Promise<void> {
    await this.clock.sleep(120);
    if (this.store.getPod(KUBE_SYSTEM, t.name) !== undefined) return;
    const mirror: Pod = {
      apiVersion: "v1", kind: "Pod",
      metadata: {
        annotations: this.mirrorAnnotations(t), creationTimestamp: rfc3339(this.now()), labels: t.labels as Record<string, string>, name: t.name, namespace: KUBE_SYSTEM,
        ownerReferences: t.ownerReferences, uid: this.store.uid(), ...this.generation,
      },
      spec: t.spec,
      status: { phase: "Pending", qosClass: t.qosClass },
    };
    this.templates.set(mirror, t);
    this.store.putPod(mirror, "ADDED");
    // The status manager's sync ticks every 10 s from the kubelet's start.
    const kubelet = hostTable(this.profile.id).tasks.find((x) => x.comm === "kubelet")!.started * 1000;
    const since = this.clock.now() - this.bootTime - kubelet;
    await this.clock.sleep(10_000 - (((since % 10_000) + 10_000) % 10_000));
    if (this.store.getPod(KUBE_SYSTEM, t.name) !== mirror) return;
    mirror.status = runningStatus(t, this.at, this.features);
    this.store.putPod(mirror, "MODIFIED");
  }
}

function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, ...Object.keys(map).sort().map((k) => ({ [k]: map[k] })));
}
