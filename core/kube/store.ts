// The apiserver's object store: namespaces, pods and events, with resource versions, uids and
// watchers (kubectl get -w, kubectl wait).

import type { Random } from "../kernel/kernel.js";
import type { Event, Namespace, Pod } from "./api/types.js";

export type StoreChange = { type: "ADDED" | "MODIFIED" | "DELETED"; kind: "Pod" | "Namespace" | "Event"; object: Pod | Namespace | Event };

/** RFC 3339 seconds, as metav1.Time marshals. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * rest.BeforeDelete: the deletion timestamp and grace period of a graceful deletion; the first
 * graceful deletion bumps a generation that is set, as controllers must see the change.
 */
export function markDeleting(pod: Pod, nowMs: number, graceSeconds: number): void {
  if (graceSeconds > 0 && pod.metadata.deletionTimestamp === undefined && (pod.metadata.generation ?? 0) > 0) pod.metadata.generation! += 1;
  pod.metadata.deletionTimestamp = rfc3339(nowMs + graceSeconds * 1000);
  pod.metadata.deletionGracePeriodSeconds = graceSeconds;
}

export class Store {
  readonly namespaces = new Map<string, Namespace>();
  private readonly pods = new Map<string, Pod>();
  readonly events: Event[] = [];
  private rv = 1000;
  private eventSeq = 0;
  private eventSeqMs = -1;
  private readonly watchers = new Set<(c: StoreChange) => void>();
  /** Pods the apiserver already held when the lab started, made when their namespace is first read. */
  private readonly seeds: { namespace: string; load: () => Pod[] }[] = [];

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
    /** The node the kubelet (and the control plane) runs on: events' source host. */
    private readonly nodeName: () => string = () => "node01",
    /** Drops what this apiserver's API version does not have from a pod it stores. */
    private readonly prune: (pod: Pod) => void = () => {},
  ) {}

  nextResourceVersion(): string {
    this.rv += 1 + Math.floor(this.random.next() * 40);
    return String(this.rv);
  }

  /** A random RFC 4122 version 4 UUID. */
  uid(): string {
    const h = this.random.hex(32).split("");
    h[12] = "4";
    h[16] = "89ab"[parseInt(h[16]!, 16) & 3]!;
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** k8s.io/apimachinery rand.String(n): lowercase consonants and digits. */
  randomSuffix(n: number): string {
    const alphabet = "bcdfghjklmnpqrstvwxz2456789";
    let out = "";
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.random.next() * alphabet.length)];
    return out;
  }

  watch(fn: (c: StoreChange) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  private notify(c: StoreChange): void {
    for (const w of [...this.watchers]) w(c);
  }

  /**
   * Registers pods that exist from the start but are made only when something first lists or
   * reads their namespace: stored as they are (their resource versions are theirs), unwatched.
   */
  seedLazily(namespace: string, load: () => Pod[]): void {
    this.seeds.push({ namespace, load });
  }

  private seeded(ns: string | undefined): void {
    for (let i = 0; i < this.seeds.length;) {
      const seed = this.seeds[i]!;
      if (ns !== undefined && seed.namespace !== ns) {
        i++;
        continue;
      }
      this.seeds.splice(i, 1);
      for (const pod of seed.load()) this.pods.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
    }
  }

  getPod(ns: string, name: string): Pod | undefined {
    if (this.seeds.length > 0) this.seeded(ns);
    return this.pods.get(`${ns}/${name}`);
  }

  listPods(ns: string | undefined): Pod[] {
    if (this.seeds.length > 0) this.seeded(ns);
    return [...this.pods.values()].filter((p) => ns === undefined || p.metadata.namespace === ns)
      .sort((a, b) => (a.metadata.namespace! + a.metadata.name! < b.metadata.namespace! + b.metadata.name! ? -1 : 1));
  }

  putPod(pod: Pod, type: "ADDED" | "MODIFIED"): void {
    if (this.seeds.length > 0) this.seeded(pod.metadata.namespace);
    this.prune(pod);
    pod.metadata.resourceVersion = this.nextResourceVersion();
    this.pods.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
    this.notify({ type, kind: "Pod", object: pod });
  }

  removePod(pod: Pod): void {
    this.pods.delete(`${pod.metadata.namespace}/${pod.metadata.name}`);
    this.notify({ type: "DELETED", kind: "Pod", object: pod });
  }

  putNamespace(ns: Namespace, type: "ADDED" | "MODIFIED"): void {
    ns.metadata.resourceVersion = this.nextResourceVersion();
    this.namespaces.set(ns.metadata.name!, ns);
    this.notify({ type, kind: "Namespace", object: ns });
  }

  removeNamespace(ns: Namespace): void {
    this.namespaces.delete(ns.metadata.name!);
    this.notify({ type: "DELETED", kind: "Namespace", object: ns });
  }

  /**
   * Records an event. The kubelet writes through client-go's core/v1 EventRecorder
   * (tools/record makeEvent, generateEvent), which aggregates like EventCorrelator's getEventKey:
   * the same source, object, field path, type, reason and message bump count and lastTimestamp.
   * The scheduler writes through events.k8s.io/v1 (tools/events makeEvent, NewRecorder): read as
   * core/v1 such an event has eventTime, no first/last timestamp, no count, an empty source, and
   * reportingInstance "<controller>-<hostname>".
   */
  recordEvent(pod: Pod, type: "Normal" | "Warning", reason: string, message: string, component: string, fieldPath?: string): void {
    const nowMs = this.now();
    const now = rfc3339(nowMs);
    const viaEventsAPI = component === "default-scheduler";
    const same = viaEventsAPI ? undefined : this.events.find((e) => e.involvedObject.uid === pod.metadata.uid && (e.involvedObject.fieldPath ?? "") === (fieldPath ?? "")
      && e.type === type && e.reason === reason && e.message === message && e.source.component === component);
    if (same !== undefined) {
      same.count++;
      same.lastTimestamp = now;
      same.metadata.resourceVersion = this.nextResourceVersion();
      this.notify({ type: "MODIFIED", kind: "Event", object: same });
      return;
    }
    // fmt.Sprintf("%v.%x", ref.Name, t.UnixNano()): the virtual clock has milliseconds, so the
    // events of one millisecond get consecutive nanoseconds (names stay unique and in order).
    this.eventSeq = nowMs === this.eventSeqMs ? this.eventSeq + 1 : 0;
    this.eventSeqMs = nowMs;
    const name = `${pod.metadata.name}.${(BigInt(nowMs) * 1_000_000n + BigInt(this.eventSeq)).toString(16)}`;
    const host = this.nodeName();
    const involvedObject = { kind: "Pod", namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid!, apiVersion: "v1", ...(fieldPath ? { fieldPath } : {}), resourceVersion: pod.metadata.resourceVersion! };
    const metadata = { name, namespace: pod.metadata.namespace!, uid: this.uid(), resourceVersion: this.nextResourceVersion(), creationTimestamp: now };
    if (viaEventsAPI) {
      const micro = `${new Date(nowMs).toISOString().slice(0, -1)}${String(this.eventSeq).padStart(3, "0").slice(-3)}Z`;
      this.events.push({
        apiVersion: "v1", kind: "Event", metadata, involvedObject, reason, message, source: {},
        firstTimestamp: null, lastTimestamp: null, count: 0, type, eventTime: micro, action: "Binding",
        reportingComponent: component, reportingInstance: `${component}-${host}`,
      });
      this.notify({ type: "ADDED", kind: "Event", object: this.events.at(-1)! });
      return;
    }
    this.events.push({
      apiVersion: "v1", kind: "Event", metadata, involvedObject, reason, message, source: { component, host },
      firstTimestamp: now, lastTimestamp: now, count: 1, type, eventTime: null,
      reportingComponent: component, reportingInstance: host,
    });
    this.notify({ type: "ADDED", kind: "Event", object: this.events.at(-1)! });
  }

  eventsFor(uid: string): Event[] {
    return this.events.filter((e) => e.involvedObject.uid === uid);
  }
}
