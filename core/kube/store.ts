// The apiserver's object store: namespaces, pods and events, with resource versions, uids and
// watchers (kubectl get -w, kubectl wait).

import type { Random } from "../kernel/kernel.js";
import type { Event, Namespace, Pod } from "./api/types.js";

export type StoreChange = { type: "ADDED" | "MODIFIED" | "DELETED"; kind: "Pod" | "Namespace"; object: Pod | Namespace };

/** RFC 3339 seconds, as metav1.Time marshals. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export class Store {
  readonly namespaces = new Map<string, Namespace>();
  private readonly pods = new Map<string, Pod>();
  readonly events: Event[] = [];
  private rv = 1000;
  private readonly watchers = new Set<(c: StoreChange) => void>();

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
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

  getPod(ns: string, name: string): Pod | undefined {
    return this.pods.get(`${ns}/${name}`);
  }

  listPods(ns: string | undefined): Pod[] {
    return [...this.pods.values()].filter((p) => ns === undefined || p.metadata.namespace === ns)
      .sort((a, b) => (a.metadata.namespace! + a.metadata.name! < b.metadata.namespace! + b.metadata.name! ? -1 : 1));
  }

  putPod(pod: Pod, type: "ADDED" | "MODIFIED"): void {
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
   * Records an event the way client-go's EventRecorder aggregates: the same object, reason,
   * message and source bump the count and the last timestamp.
   */
  recordEvent(pod: Pod, type: "Normal" | "Warning", reason: string, message: string, component: string, fieldPath?: string): void {
    const now = rfc3339(this.now());
    const same = this.events.find((e) => e.involvedObject.uid === pod.metadata.uid && e.reason === reason && e.message === message && e.source.component === component);
    if (same !== undefined) {
      same.count++;
      same.lastTimestamp = now;
      same.metadata.resourceVersion = this.nextResourceVersion();
      return;
    }
    const name = `${pod.metadata.name}.${(this.now() * 1e6 + this.events.length).toString(16).slice(-16)}`;
    this.events.push({
      apiVersion: "v1", kind: "Event",
      metadata: { name, namespace: pod.metadata.namespace!, uid: this.uid(), resourceVersion: this.nextResourceVersion(), creationTimestamp: now },
      involvedObject: { kind: "Pod", namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid!, apiVersion: "v1", ...(fieldPath ? { fieldPath } : {}), resourceVersion: pod.metadata.resourceVersion! },
      reason, message, source: component === "kubelet" ? { component, host: "node01" } : { component },
      firstTimestamp: now, lastTimestamp: now, count: 1, type,
      reportingComponent: component, reportingInstance: component === "kubelet" ? "node01" : "",
    });
  }

  eventsFor(uid: string): Event[] {
    return this.events.filter((e) => e.involvedObject.uid === uid);
  }
}
