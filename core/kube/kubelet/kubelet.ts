// The kubelet on the emulated node: pod workers that run on the cluster's clock (kwok style):
// scheduling, sandbox, volumes, image pulls, container start with the runtime's checks, restarts
// with back-off, graceful deletion; and the pod status the apiserver shows.

import { type Cancellation, Cancelled, CancellationSource } from "../../kernel/cancellation.js";
import type { Clock } from "../../kernel/clock.js";
import type { Reachability } from "../../kernel/net.js";
import { deliver } from "../../kernel/process.js";
import { SIGKILL, SIGTERM } from "../../kernel/signal.js";
import { findImage, normalizeReference, repositoryExists } from "../../images/registry.js";
import type { Image } from "../../images/image.js";
import { releaseTree, type TreeNode } from "../../vfs/tree-fs.js";
import type { Container, ContainerStatus, Pod, PodCondition } from "../api/types.js";
import { type Features, featuresFor } from "../validation/features.js";
import { type ProcessSpec, buildSpec, formatPod } from "../runtime/spec.js";
import { type Store, markDeleting, rfc3339 } from "../store.js";
import type { Node } from "./node.js";
import { StreamingTerminals } from "./attach.js";
import { type ContainerRuntime, PodRuntime } from "./pod-runtime.js";

/** Safe sysctls the kubelet allows without --allowed-unsafe-sysctls (pkg/kubelet/sysctl/safe_sysctls.go). */
const SAFE_SYSCTLS = new Set(["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]);

const MAX_BACKOFF = 300;

/**
 * From an init container's exit to the next container's start: the PLEG notices the exit on its
 * next relist (every second) and the pod worker's sync then starts what comes next.
 */
const PLEG_RELIST_MS = 700;

/** The event's object field path: spec.containers{name} or spec.initContainers{name}. */
function fieldPathOf(c: ContainerRuntime): string {
  return `spec.${c.isInit ? "initContainers" : "containers"}{${c.name}}`;
}

export class Kubelet {
  readonly pods = new Map<string, PodRuntime>();
  /** The streaming server's terminal sessions (exec -it, attach -it) a client is bridged to. */
  readonly terminals = new StreamingTerminals();

  private readonly features: Features;
  /** Pods an admit handler refused: their status is final. */
  private readonly rejected = new WeakSet<PodRuntime>();

  constructor(
    readonly node: Node,
    readonly store: Store,
    private readonly reach: Reachability,
  ) {
    node.reach = reach;
    this.features = featuresFor(node.profile);
  }

  private get clock(): Clock {
    return this.node.kernel.baseClock;
  }

  private now(): number {
    return this.node.kernel.now();
  }

  private sleep(ms: number, cancel?: Cancellation): Promise<void> {
    return this.clock.sleep(ms, cancel);
  }

  runtimeOf(pod: Pod): PodRuntime | undefined {
    return this.pods.get(pod.metadata.uid!);
  }

  private event(pr: PodRuntime, type: "Normal" | "Warning", reason: string, message: string, component = "kubelet", fieldPath?: string): void {
    this.store.recordEvent(pr.pod, type, reason, message, component, fieldPath);
  }

  /** The scheduler binds the pod, then the pod worker takes over. */
  podCreated(pod: Pod): void {
    pod.spec.nodeName = this.node.profile.node.nodeName;
    const pr = new PodRuntime(this.node, pod, this.reach);
    this.pods.set(pod.metadata.uid!, pr);
    pod.status = { phase: "Pending", conditions: [condition("PodScheduled", "True", this.now())], hostIP: this.node.profile.nodeIP, hostIPs: [{ ip: this.node.profile.nodeIP }], startTime: rfc3339(this.now()), qosClass: qosClass(pod) };
    this.event(pr, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName}`, "default-scheduler");
    this.updateStatus(pr);
    void this.podWorker(pr);
  }

  private async podWorker(pr: PodRuntime): Promise<void> {
    await this.sleep(350);
    if (pr.deleting) return;
    const sysctls = pr.pod.spec.securityContext?.sysctls ?? [];
    const unsafe = sysctls.find((s) => !SAFE_SYSCTLS.has(s.name ?? ""));
    if (unsafe !== undefined) {
      this.rejectPod(pr, "SysctlForbidden", `forbidden sysctl: "${unsafe.name}" not allowlisted`);
      return;
    }
    for (let tries = 0; ; tries++) {
      const failed = pr.mountVolumes();
      if (failed === undefined) break;
      this.event(pr, "Warning", "FailedMount", failed);
      await this.sleep(Math.min(2 ** tries * 500, 128_000));
      if (pr.deleting) return;
    }
    pr.startSandbox();
    pr.started = true;
    this.updateStatus(pr);
    // computePodActions / findNextInitContainerToRun: the regular init containers one at a time,
    // in order, each to a successful exit; the app containers only when all of them succeeded.
    const all = [...pr.containers.values()];
    for (const c of all.filter((x) => x.isInit)) {
      if (!(await this.containerWorker(pr, c))) return;
      await this.sleep(PLEG_RELIST_MS);
      if (pr.deleting) return;
    }
    await Promise.all(all.filter((x) => !x.isInit).map((c, i) => this.sleep(i * 50).then(() => this.containerWorker(pr, c))));
  }

  /**
   * rejectPod(): an admit handler refused the pod (here the sysctl allowlist, sysctl.Admit). The
   * status manager stores the given status: no containers, and no kubelet-owned conditions.
   */
  private rejectPod(pr: PodRuntime, reason: string, message: string): void {
    const pod = pr.pod;
    this.rejected.add(pr);
    this.event(pr, "Warning", reason, message);
    pod.status = {
      phase: "Failed", reason, message: `Pod was rejected: ${message}`, qosClass: qosClass(pod), startTime: pod.status?.startTime,
      ...(this.features.podObservedGenerationTracking && pod.metadata.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
    };
    this.store.putPod(pod, "MODIFIED");
  }

  /** Pulls an image as the kubelet's image manager does; the same pull is shared. */
  private async ensureImage(pr: PodRuntime, c: ContainerRuntime): Promise<Image | undefined> {
    const ref = c.spec.image ?? "";
    const fieldPath = fieldPathOf(c);
    const policy = c.spec.imagePullPolicy;
    const image = findImage(ref);
    const canonical = normalizeReference(ref) ?? ref;
    if (image !== undefined && this.node.pulled.has(canonical) && policy !== "Always") {
      this.event(pr, "Normal", "Pulled", `Container image "${ref}" already present on machine`, "kubelet", fieldPath);
      return image;
    }
    let backoff = 10;
    for (;;) {
      this.event(pr, "Normal", "Pulling", `Pulling image "${ref}"`, "kubelet", fieldPath);
      const start = this.now();
      const refused = image !== undefined && image.schema1 === true && this.node.profile.refusesSchema1;
      const ms = image === undefined || refused ? 600 + Math.floor(this.node.kernel.random.next() * 400) : 700 + Math.floor(image.size / 200_000) + Math.floor(this.node.kernel.random.next() * 300);
      await this.sleep(ms, c.resync);
      if (pr.deleting) return undefined;
      if (image !== undefined && !refused) {
        this.node.pulled.add(canonical);
        const took = ((this.now() - start) / 1000).toFixed(3).replace(/\.?0+$/, "");
        const size = this.node.profile.pulledWithSize ? ` Image size: ${image.size} bytes.` : "";
        this.event(pr, "Normal", "Pulled", `Successfully pulled image "${ref}" in ${took}s (${took}s including waiting).${size}`.replace(/\.\.$/, "."), "kubelet", fieldPath);
        return image;
      }
      this.event(pr, "Warning", "Failed", `Failed to pull image "${ref}": ${this.pullError(canonical, refused)}`, "kubelet", fieldPath);
      this.event(pr, "Warning", "Failed", "Error: ErrImagePull", "kubelet", fieldPath);
      c.phase = { state: "waiting", reason: "ErrImagePull", message: this.pullError(canonical, refused) };
      this.updateStatus(pr);
      await this.sleep(1000, c.resync);
      if (pr.deleting) return undefined;
      this.event(pr, "Normal", "BackOff", `Back-off pulling image "${ref}"`, "kubelet", fieldPath);
      this.event(pr, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", fieldPath);
      c.phase = { state: "waiting", reason: "ImagePullBackOff", message: `Back-off pulling image "${ref}"` };
      this.updateStatus(pr);
      await this.sleep(backoff * 1000, c.resync);
      backoff = Math.min(backoff * 2, MAX_BACKOFF);
      if (pr.deleting) return undefined;
    }
  }

  /**
   * The runtime's pull error. A registry answers a repository it does not have with 401 (Docker
   * Hub: insufficient_scope) and a missing tag of a repository it has with 404 manifest unknown;
   * dockerd and containerd word each their own way.
   */
  private pullError(canonical: string, schema1: boolean): string {
    if (schema1) return `[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support is disabled by default and will be removed in an upcoming release. Suggest the author of ${canonical} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. More information at https://docs.docker.com/go/deprecated-image-specs/`;
    const exists = repositoryExists(canonical);
    if (this.node.profile.runtime === "docker") {
      const short = canonical.replace(/^docker\.io\/(library\/)?/, "");
      if (exists) return `Error response from daemon: manifest for ${short} not found: manifest unknown: manifest unknown`;
      return `Error response from daemon: pull access denied for ${short.replace(/[:@].*$/, "")}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
    }
    const prefix = `failed to pull and unpack image "${canonical}": failed to resolve reference "${canonical}"`;
    if (exists || !canonical.startsWith("docker.io/")) return `rpc error: code = NotFound desc = ${prefix}: ${canonical}: not found`;
    return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }

  private containerEnv(pr: PodRuntime, c: ContainerRuntime, image: Image): string[] {
    const env = [`HOSTNAME=${pr.uts.hostname}`, ...image.config.env];
    const set = (name: string, value: string) => {
      const i = env.findIndex((e) => e.startsWith(`${name}=`));
      if (i >= 0) env[i] = `${name}=${value}`;
      else env.push(`${name}=${value}`);
    };
    // The kubernetes service's variables are injected even without service links (pkg/kubelet/envvars).
    for (const [k, v] of [["KUBERNETES_SERVICE_HOST", "10.96.0.1"], ["KUBERNETES_SERVICE_PORT", "443"], ["KUBERNETES_SERVICE_PORT_HTTPS", "443"], ["KUBERNETES_PORT", "tcp://10.96.0.1:443"], ["KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"], ["KUBERNETES_PORT_443_TCP_PROTO", "tcp"], ["KUBERNETES_PORT_443_TCP_PORT", "443"], ["KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"]] as const) set(k, v);
    for (const e of c.spec.env ?? []) if (e.name !== undefined) set(e.name, e.value ?? "");
    return env;
  }

  /**
   * Runs one container for the pod's life; a spec change (kubectl apply of a new image) starts it
   * over. Resolves true when an init container has succeeded (false: it will not, the pod failed
   * or is being deleted).
   */
  private async containerWorker(pr: PodRuntime, c: ContainerRuntime): Promise<boolean> {
    for (;;) {
      try {
        return await this.syncContainer(pr, c);
      } catch (err) {
        if (!(err instanceof Cancelled)) throw err;
        if (pr.deleting) return false;
      }
    }
  }

  private async syncContainer(pr: PodRuntime, c: ContainerRuntime): Promise<boolean> {
    const fieldPath = fieldPathOf(c);
    const image = await this.ensureImage(pr, c);
    if (image === undefined) return false;
    let configBackoff = 0;
    for (;;) {
      if (pr.deleting) return false;
      const tty = c.spec.tty === true;
      const built = buildSpec({
        pod: pr.pod, container: c.spec, image, profile: this.node.profile,
        seccompProfiles: this.node.seccompProfiles, appArmorProfiles: this.node.appArmorProfiles,
        env: this.containerEnv(pr, c, image), tty,
      });
      if (!built.ok) {
        c.phase = { state: "waiting", reason: built.reason, message: built.message };
        this.event(pr, "Warning", "Failed", `Error: ${built.message}`, "kubelet", fieldPath);
        this.updateStatus(pr);
        // The pod worker retries on every sync; after a failure the next one comes later.
        await this.sleep((configBackoff = Math.min(Math.max(configBackoff * 2, 2), 30)) * 1000 + 500, c.resync);
        if (configBackoff >= 2 && this.node.pulled.has(normalizeReference(c.spec.image ?? "") ?? "")) {
          this.event(pr, "Normal", "Pulled", `Container image "${c.spec.image}" already present on machine`, "kubelet", fieldPath);
        }
        continue;
      }
      const resync = c.resync;
      const status = await this.runContainer(pr, c, image, built.spec);
      if (pr.deleting || status === "stopped") return false;
      if (resync.cancelled) {
        // Killed because its definition changed: restarted at once, with the new image.
        c.restartCount++;
        throw new Cancelled("definition changed");
      }
      const policy = pr.pod.spec.restartPolicy ?? "Always";
      // A regular init container that succeeded is done; one that failed fails the pod under
      // restartPolicy Never and is restarted with back-off otherwise (computePodActions).
      if (c.isInit && status === 0) return true;
      if (policy === "Never" || (policy === "OnFailure" && status === 0)) {
        this.updateStatus(pr);
        return false;
      }
      // Restart with back-off: the first restart is immediate, then 10 s doubling to 5 min.
      if (c.restartCount > 0) {
        const wait = c.backoff;
        c.backoff = Math.min(c.backoff * 2, MAX_BACKOFF);
        c.phase = { state: "waiting", reason: "CrashLoopBackOff", message: `back-off ${wait < 60 ? `${wait}s` : `${Math.floor(wait / 60)}m${wait % 60 === 0 ? "0s" : `${wait % 60}s`}`} restarting failed container=${c.name} pod=${formatPod(pr.pod)}` };
        this.event(pr, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${formatPod(pr.pod)}`, "kubelet", fieldPath);
        this.updateStatus(pr);
        await this.sleep(wait * 1000, c.resync);
        if (pr.deleting) return false;
      }
      c.restartCount++;
      this.event(pr, "Normal", "Pulled", `Container image "${c.spec.image}" already present on machine`, "kubelet", fieldPath);
    }
  }

  /**
   * The apiserver stored a new image for some containers (computePodActions: the container's hash
   * changed): a running one is killed and restarted; one waiting (pull back-off, crash loop) is
   * synced at once.
   */
  podUpdated(pod: Pod, changed: readonly string[]): void {
    const pr = this.runtimeOf(pod);
    if (pr === undefined || pr.deleting) return;
    for (const name of changed) {
      const c = pr.containers.get(name);
      if (c === undefined) continue;
      const resync = c.resync;
      c.resync = new CancellationSource();
      c.backoff = 10;
      if (c.init?.alive === true) {
        this.event(pr, "Normal", "Killing", `Container ${name} definition changed, will be restarted`, "kubelet", fieldPathOf(c));
        resync.cancel("definition changed");
        const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
        const init = c.init;
        pr.signalInit(c, grace === 0 ? SIGKILL : SIGTERM);
        void this.sleep(grace * 1000).then(() => {
          if (init.alive) deliver(init, SIGKILL, true);
        });
      } else {
        resync.cancel("definition changed");
      }
    }
    // SyncPod writes the status (with the generation it saw) before it kills what changed.
    if (this.features.podObservedGenerationTracking && pod.status?.observedGeneration !== pod.metadata.generation) this.updateStatus(pr);
  }

  /** Starts the container and resolves with its exit status when it ends. */
  private runContainer(pr: PodRuntime, c: ContainerRuntime, image: Image, spec: ProcessSpec): Promise<number | "stopped"> {
    const fieldPath = fieldPathOf(c);
    c.id = this.node.kernel.random.hex(64);
    const colon = this.node.profile.eventColon ? ":" : "";
    return new Promise((resolve) => {
      let started = this.now();
      const startError = pr.startContainer(c, image, spec, ({ exitCode, signal }) => {
        const finished = this.now();
        const oom = false;
        c.phase = { state: "terminated", exitCode, ...(signal === undefined ? {} : { signal }), reason: oom ? "OOMKilled" : exitCode === 0 ? "Completed" : "Error", startedAt: started, finishedAt: finished };
        c.lastTermination = c.phase;
        c.init = undefined;
        this.updateStatus(pr);
        resolve(c.stopping ? "stopped" : exitCode);
      });
      if (startError !== undefined) {
        const message = this.node.profile.runtime === "docker"
          ? `failed to start container "${c.id}": Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${startError}: unknown`
          : `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${startError}: unknown`;
        this.event(pr, "Normal", "Created", `Created container${colon} ${c.name}`, "kubelet", fieldPath);
        this.event(pr, "Warning", "Failed", `Error: ${message}`, "kubelet", fieldPath);
        c.phase = { state: "terminated", exitCode: 128, reason: this.node.profile.runtime === "docker" ? "ContainerCannotRun" : "StartError", message, startedAt: 0, finishedAt: this.now() };
        c.lastTermination = c.phase;
        this.updateStatus(pr);
        resolve(128);
        return;
      }
      started = this.now();
      this.event(pr, "Normal", "Created", `Created container${colon} ${c.name}`, "kubelet", fieldPath);
      this.event(pr, "Normal", "Started", `Started container ${c.name}`, "kubelet", fieldPath);
      c.phase = { state: "running", startedAt: started };
      this.updateStatus(pr);
    });
  }

  /** Graceful deletion: SIGTERM to every container's PID 1, SIGKILL when the grace period ends. */
  deletePod(pod: Pod, graceSeconds: number): Promise<void> {
    const pr = this.runtimeOf(pod);
    if (pr === undefined) {
      this.store.removePod(pod);
      return Promise.resolve();
    }
    pr.deleting = true;
    markDeleting(pod, this.now(), graceSeconds);
    this.updateStatus(pr);
    const running = [...pr.containers.values()].filter((c) => c.init !== undefined && c.init.alive);
    for (const c of running) {
      c.stopping = true;
      this.event(pr, "Normal", "Killing", `Stopping container ${c.name}`, "kubelet", fieldPathOf(c));
      pr.signalInit(c, graceSeconds === 0 ? SIGKILL : SIGTERM);
    }
    const exited = Promise.all(running.map((c) => c.init!.wait()));
    const deadline = this.sleep(graceSeconds * 1000).then(() => {
      for (const c of running) if (c.init?.alive) pr.signalInit(c, SIGKILL);
    });
    return Promise.race([exited, deadline.then(() => exited)]).then(async () => {
      await this.sleep(300);
      this.release(pr);
      this.store.removePod(pod);
    }).catch((err) => {
      if (!(err instanceof Cancelled)) throw err;
    });
  }

  /**
   * Frees what the pod used: the sandbox (pause, shims, the veth on the node), container upper
   * layers, its /dev/shm unless it is the node's, its directory with emptyDir volumes.
   */
  private release(pr: PodRuntime): void {
    this.pods.delete(pr.pod.metadata.uid!);
    pr.stopSandbox();
    if (pr.vethIndex !== undefined) this.node.unplugVeth(pr.vethIndex);
    const quota = this.node.opts.quota;
    for (const c of pr.containers.values()) if (c.fs !== undefined) releaseTree(c.fs.rootfs.upperRoot, quota);
    if (!pr.hostIPC) releaseTree(pr.shm.rootInode, quota);
    releaseTree(pr.dir.inode, quota);
    const pods = this.node.disk.root().lookup("pods", { pid: 0, creds: undefined as never }) as TreeNode | undefined;
    pods?.inode.removeEntry(pr.pod.metadata.uid!);
  }

  /** Recomputes pod.status from the runtime state and stores it. */
  updateStatus(pr: PodRuntime): void {
    const pod = pr.pod;
    if (this.rejected.has(pr)) {
      this.store.putPod(pod, "MODIFIED");
      return;
    }
    const now = this.now();
    const status = pod.status ?? {};
    const runtimes = [...pr.containers.values()];
    const statuses: ContainerStatus[] = runtimes.filter((c) => !c.isInit).map((c) => containerStatus(c, this.node.profile.runtime, this.features));
    const initStatuses: ContainerStatus[] = runtimes.filter((c) => c.isInit).map((c) => containerStatus(c, this.node.profile.runtime, this.features));
    const allRunning = statuses.length > 0 && statuses.every((s) => s.state.running !== undefined);
    const terminated = statuses.filter((s) => s.state.terminated !== undefined);
    const policy = pod.spec.restartPolicy ?? "Always";
    // getPhase(): a regular init container running, or waiting without a failed run, is pending
    // initialization; one whose (last) run failed is failed initialization, which fails the pod
    // under restartPolicy Never. Until every init container succeeded the app containers all wait,
    // so the pod is Pending.
    let pendingInit = 0;
    let failedInit = 0;
    for (const s of initStatuses) {
      if (s.state.running !== undefined) pendingInit++;
      else if (s.state.terminated !== undefined) failedInit += s.state.terminated.exitCode !== 0 ? 1 : 0;
      else if (s.lastState.terminated !== undefined) failedInit += s.lastState.terminated.exitCode !== 0 ? 1 : 0;
      else pendingInit++;
    }
    const initialized = initStatuses.every((s) => s.ready);
    let phase = "Pending";
    if (failedInit > 0 && policy === "Never") phase = "Failed";
    else if (pendingInit === 0 && failedInit === 0) {
      if (statuses.some((s) => s.state.running !== undefined) || (statuses.some((s) => s.restartCount > 0) && policy !== "Never")) phase = "Running";
      if (terminated.length === statuses.length && statuses.length > 0 && policy !== "Always" && !(policy === "OnFailure" && terminated.some((s) => s.state.terminated!.exitCode !== 0))) {
        phase = terminated.every((s) => s.state.terminated!.exitCode === 0) ? "Succeeded" : "Failed";
      }
    }
    const keep = (type: string) => status.conditions?.find((c) => c.type === type);
    const cond = (type: string, ok: boolean, reason?: string): PodCondition => {
      const old = keep(type);
      const st = ok ? "True" : "False";
      if (old !== undefined && old.status === st) return old;
      return condition(type, st, now, reason);
    };
    const ready = allRunning && phase === "Running";
    const notReadyReason = phase === "Succeeded" || phase === "Failed" ? "PodCompleted" : "ContainersNotReady";
    pod.status = {
      ...status, phase,
      conditions: [
        cond("PodReadyToStartContainers", pr.started && !(phase === "Succeeded" || phase === "Failed")),
        cond("Initialized", initialized, initialized ? undefined : "ContainersNotInitialized"),
        cond("Ready", ready, ready ? undefined : notReadyReason),
        cond("ContainersReady", ready, ready ? undefined : notReadyReason),
        cond("PodScheduled", true),
      ],
      ...(pr.started ? { podIP: pr.ip, podIPs: [{ ip: pr.ip }] } : {}),
      containerStatuses: statuses,
      ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    };
    for (const c of pod.status.conditions!) if (!c.status || c.status === "True") delete c.reason;
    // PodObservedGenerationTracking (generateAPIPodStatus): the generation this sync saw, on the
    // status and on every condition the kubelet writes (CalculatePodConditionObservedGeneration).
    if (this.features.podObservedGenerationTracking && pod.metadata.generation !== undefined) {
      const generation = pod.metadata.generation;
      pod.status.observedGeneration = generation;
      pod.status.conditions = pod.status.conditions!.map((c) => (c.observedGeneration === generation ? c : { ...c, observedGeneration: generation }));
    }
    // GeneratePodInitializedCondition(): the regular init containers not ready (not yet succeeded).
    if (!initialized) {
      const incomplete = initStatuses.filter((s) => !s.ready).map((s) => s.name);
      for (const c of pod.status.conditions!) if (c.type === "Initialized") c.message = `containers with incomplete status: [${incomplete.join(" ")}]`;
    }
    if (!ready) {
      const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
      for (const c of pod.status.conditions!) {
        if ((c.type === "Ready" || c.type === "ContainersReady") && c.status === "False") c.message = `containers with unready status: [${notReady.join(" ")}]`;
      }
    }
    this.store.putPod(pod, "MODIFIED");
  }
}

function condition(type: string, status: "True" | "False", now: number, reason?: string): PodCondition {
  return { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(now), ...(reason ? { reason } : {}) };
}

function qosClass(pod: Pod): string {
  const cs = pod.spec.containers ?? [];
  const has = (c: (typeof cs)[number]) => Object.keys(c.resources?.limits ?? {}).length + Object.keys(c.resources?.requests ?? {}).length > 0;
  if (!cs.some(has)) return "BestEffort";
  const guaranteed = cs.every((c) => ["cpu", "memory"].every((r) => c.resources?.limits?.[r] !== undefined && String(c.resources?.limits?.[r]) === String(c.resources?.requests?.[r] ?? c.resources?.limits?.[r])));
  return guaranteed ? "Guaranteed" : "Burstable";
}

function containerStatus(c: ContainerRuntime, runtime: "docker" | "containerd", features: Features): ContainerStatus {
  const id = c.id === "" ? undefined : `${runtime}://${c.id}`;
  const image = c.spec.image ?? "";
  // A regular init container is ready once it exited 0 (prober manager UpdatePodStatus).
  const ready = c.isInit ? c.phase.state === "terminated" && c.phase.exitCode === 0 : c.phase.state === "running";
  const base: ContainerStatus = {
    name: c.name, ready, restartCount: c.restartCount, image: normalizeForStatus(image, runtime),
    imageID: c.image === undefined ? "" : runtime === "docker" ? `docker-pullable://${c.image.digest.replace(/^docker\.io\/library\//, "")}` : c.image.digest,
    ...(id === undefined || c.phase.state === "waiting" && c.restartCount === 0 ? {} : { containerID: id }),
    started: c.phase.state === "running",
    state: {}, lastState: {},
  };
  const p = c.phase;
  if (p.state === "waiting") base.state = { waiting: { reason: p.reason, ...(p.message ? { message: p.message } : {}) } };
  if (p.state === "running") {
    base.state = { running: { startedAt: rfc3339(p.startedAt) } };
    if (features.inPlacePodVerticalScaling) base.resources = statusResources(c.spec.resources);
  }
  if (p.state === "terminated") base.state = { terminated: terminatedState(p, id) };
  const last = c.lastTermination;
  if (last !== undefined && p !== last) base.lastState = { terminated: terminatedState(last, id) };
  if (c.processSpec !== undefined) base.user = { linux: { uid: c.processSpec.user.uid, gid: c.processSpec.user.gid, supplementalGroups: [...c.processSpec.user.groups].sort((a, b) => a - b) } };
  base.volumeMounts = (c.spec.volumeMounts ?? []).map((m) => ({ name: m.name!, mountPath: m.mountPath!, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) }));
  return base;
}

/**
 * convertContainerStatusResources: the allocated limits and requests of a running container, as
 * far as the kubelet actuates them (cpu, memory, ephemeral-storage); empty lists are omitted, so
 * a container without any is `resources: {}`.
 */
export function statusResources(r: Container["resources"]): NonNullable<ContainerStatus["resources"]> {
  const pick = (list: Record<string, string | number> | undefined) => {
    const out: Record<string, string | number> = {};
    for (const k of ["cpu", "memory", "ephemeral-storage"]) if (list?.[k] !== undefined) out[k] = list[k];
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const limits = pick(r?.limits);
  const requests = pick(r?.requests);
  return { ...(limits === undefined ? {} : { limits }), ...(requests === undefined ? {} : { requests }) };
}

function terminatedState(p: Extract<ContainerRuntime["phase"], { state: "terminated" }>, id: string | undefined) {
  return {
    exitCode: p.exitCode, ...(p.signal === undefined ? {} : { signal: p.signal }), reason: p.reason, ...(p.message ? { message: p.message } : {}),
    startedAt: rfc3339(p.startedAt), finishedAt: rfc3339(p.finishedAt), ...(id ? { containerID: id } : {}),
  };
}

/** Docker reports the image as given; containerd as the fully qualified reference. */
function normalizeForStatus(image: string, runtime: "docker" | "containerd"): string {
  return runtime === "containerd" ? normalizeReference(image) ?? image : image;
}
