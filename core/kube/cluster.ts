// The emulated cluster one learner talks to: the apiserver's request pipeline (decode → default →
// validate → admit → store), one node with its kubelet, and the manifests `kubectl apply -f URL`
// can fetch.

import type { Clock } from "../kernel/clock.js";
import type { HostScheduler } from "../kernel/sched.js";
import type { ProgramTable } from "../kernel/program.js";
import { Quota } from "../vfs/quota.js";
import { admitPod } from "./admission/admit.js";
import { admitNamespace } from "./admission/admit-namespace.js";
import { DecodeError, KINDS, parseManifest, strictDecode } from "./api/decode.js";
import { defaultPod } from "./api/defaults.js";
import { threeWayMerge } from "./api/merge.js";
import type { Namespace, Pod } from "./api/types.js";
import { type FieldError, errorText, invalidMessage } from "./field/errors.js";
import { KubeSystem } from "./kube-system.js";
import { Kubelet } from "./kubelet/kubelet.js";
import { Node } from "./kubelet/node.js";
import type { ClusterProfile } from "./profiles.js";
import { Store, rfc3339 } from "./store.js";
import { featuresFor, type Features } from "./validation/features.js";
import { validatePod, validatePodUpdate } from "./validation/pod.js";
import { clonePod, dropDisabledFields } from "./validation/prepare.js";

/** The label the apiserver puts on every namespace (NamespaceDefaultLabelName). */
const NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * The strategic merge patch kubectl apply sends when only container images changed (the one
 * update Pod Security re-evaluates): Go marshals map keys sorted, so "$setElementOrder/…" leads.
 */
function imagePatch(existing: Pod, next: Pod, applied: string): string {
  const spec: Record<string, unknown> = {};
  for (const field of ["containers", "initContainers"] as const) {
    const changed = (next.spec[field] ?? []).filter((c, i) => c.image !== existing.spec[field]?.[i]?.image);
    if (changed.length === 0) continue;
    spec[`$setElementOrder/${field}`] = (next.spec[field] ?? []).map((c) => ({ name: c.name }));
    spec[field] = changed.map((c) => ({ image: c.image, name: c.name }));
  }
  const ordered = Object.fromEntries(Object.entries(spec).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({ metadata: { annotations: { [LAST_APPLIED]: applied } }, spec: ordered });
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

export interface ClusterOptions {
  profile: ClusterProfile;
  clock: Clock;
  host: HostScheduler;
  programs: ProgramTable;
  quota?: Quota;
  seed?: number;
  /** URL → manifest text (the scenario's bundled examples). */
  manifests?: ReadonlyMap<string, string>;
}

/**
 * kubectl --dry-run: "client" only builds the object kubectl would send (nothing reaches the
 * apiserver but the lookup apply does); "server" sends it with dryRun=All, so it goes through
 * defaulting, validation and admission and is not stored.
 */
export type DryRun = "client" | "server";

/**
 * What one document of an apply/create produced: kubectl prints these in order. `object` is what
 * kubectl holds afterwards (the apiserver's answer, or the object it built for a client dry run).
 * An error's `text` is kubectl's CheckErr rendering of it alone; `status` is the apiserver Status
 * (reason and message with kubectl's AddSourceToErr context) that MultipleErrors prints when there
 * are several; `builder` marks errors kubectl's resource builder reports before any request
 * (cli-runtime resource: "stream" from reading and decoding a source, collected by
 * EagerVisitorList; "namespace" from the RequireNamespace visitor).
 */
export type ApplyOutcome =
  | { kind: "ok"; line: string; warnings: string[]; object: Pod | Namespace }
  | { kind: "error"; text: string; status?: { reason: string; message: string }; builder?: "stream" | "namespace" };

/** An apiserver error as kubectl's StandardErrorMessage prints it: "Error from server (Reason): message". */
function statusError(reason: string, message: string): ApplyOutcome {
  return { kind: "error", text: `Error from server (${reason}): ${message}`, status: { reason, message } };
}

/**
 * apierrors.NewInvalid: the message is `Kind "name" is invalid: ` and the field errors' aggregate
 * (deduplicated; several as "[a, b]"); kubectl prints the causes itself when it is alone.
 */
function invalidError(kind: string, name: string, errors: readonly FieldError[], context = ""): ApplyOutcome {
  const lines = [...new Set(errors.map(errorText))];
  const aggregate = lines.length === 1 ? lines[0]! : `[${lines.join(", ")}]`;
  return { kind: "error", text: invalidMessage(kind, name, errors), status: { reason: "Invalid", message: `${context}${kind} "${name}" is invalid: ${aggregate}` } };
}

const snapshot = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** What a kubeadm control-plane node listens on at its address: sshd, etcd, the apiserver, the kubelet, kube-proxy's health port. */
const NODE_PORTS = [22, 2379, 2380, 6443, 10250, 10256];

export class Cluster {
  readonly node: Node;
  readonly store: Store;
  readonly kubelet: Kubelet;
  /** The kube-system pods the node was running before the lab started (the kubelet does not run them). */
  readonly kubeSystem: KubeSystem;
  readonly quota: Quota;
  readonly manifests: ReadonlyMap<string, string>;

  constructor(readonly opts: ClusterOptions) {
    this.quota = opts.quota ?? new Quota();
    this.node = new Node({ profile: opts.profile, clock: opts.clock, host: opts.host, programs: opts.programs, quota: this.quota, seed: opts.seed ?? 1 });
    const minor = Number(opts.profile.serverVersion.minor);
    this.store = new Store(this.node.kernel.random, () => this.node.kernel.now(), () => opts.profile.node.nodeName, (pod) => dropUnknownStatusFields(pod, minor));
    this.kubelet = new Kubelet(this.node, this.store, {
      hostAt: (ip) => {
        // The node itself: its daemons, plus whatever hostNetwork pods listen on.
        if (ip === opts.profile.nodeIP) return { name: opts.profile.node.nodeName, listening: [...NODE_PORTS, ...this.node.net.listening] };
        for (const pr of this.kubelet.pods.values()) if (pr.ip === ip && pr.started) return { name: pr.pod.metadata.name!, listening: [...pr.net.listening] };
        return undefined;
      },
      resolve: () => undefined,
    });
    this.kubeSystem = new KubeSystem(this.store, opts.profile, this.node.kernel.bootTime, this.node.kernel.baseClock, () => this.now());
    this.manifests = opts.manifests ?? new Map();
    const created = rfc3339(this.now() - opts.profile.node.uptimeAtStart + 60_000);
    for (const name of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
      this.store.putNamespace({ apiVersion: "v1", kind: "Namespace", metadata: { name, uid: this.store.uid(), creationTimestamp: created, labels: Object.assign(Object.create(null), { "kubernetes.io/metadata.name": name }) }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, "ADDED");
    }
  }

  /** The apiserver's feature gates (the pod strategy drops fields whose gate is off). */
  get features(): Features {
    return featuresFor(this.profile);
  }

  get profile(): ClusterProfile {
    return this.opts.profile;
  }

  now(): number {
    return this.node.kernel.now();
  }

  /**
   * Applies (or creates) every document of a manifest, in order. `namespaceFlag` is -n (enforced:
   * a manifest naming another namespace is refused); objects without a namespace go to it, else
   * to `defaultNamespace` (the kubeconfig context's), else "default".
   */
  submit(source: string, text: string, mode: "apply" | "create", namespaceFlag: string | undefined, dryRun?: DryRun, defaultNamespace?: string): ApplyOutcome[] {
    let docs: unknown[];
    try {
      docs = parseManifest(source, text);
    } catch (err) {
      if (err instanceof DecodeError) return [{ kind: "error", text: `error: ${err.text}`, builder: "stream" }];
      throw err;
    }
    return docs.map((doc) => this.submitOne(source, doc, mode, namespaceFlag, dryRun, defaultNamespace));
  }

  private submitOne(source: string, raw: unknown, mode: "apply" | "create", namespaceFlag: string | undefined, dryRun: DryRun | undefined, defaultNamespace: string | undefined): ApplyOutcome {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      return { kind: "error", text: `error: error validating "${source}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`, builder: "stream" };
    }
    const r = raw as Record<string, unknown>;
    const missing = [...(typeof r.apiVersion !== "string" || r.apiVersion === "" ? ["apiVersion not set"] : []), ...(typeof r.kind !== "string" || r.kind === "" ? ["kind not set"] : [])];
    if (missing.length > 0) {
      return { kind: "error", text: `error: error validating "${source}": error validating data: ${missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`}; if you choose to ignore these errors, turn validation off with --validate=false`, builder: "stream" };
    }
    const kindName = r.kind as string;
    const meta = (r.metadata ?? {}) as { name?: string; namespace?: string };
    const kind = KINDS[kindName];
    if (kind === undefined || r.apiVersion !== kind.apiVersion) {
      return { kind: "error", text: `error: resource mapping not found for name: "${meta.name ?? ""}" namespace: "${meta.namespace ?? ""}" from "${source}": no matches for kind "${kindName}" in version "${r.apiVersion}"\nensure CRDs are installed first`, builder: "stream" };
    }
    // The apiserver's strict field validation: a client dry run sends nothing, so nothing checks.
    const decoded = strictDecode(raw, kind.schema, Number(this.profile.serverVersion.minor));
    if (decoded.typeError !== undefined && dryRun !== "client") {
      return statusError("BadRequest", `error when creating "${source}": ${kindName} in version "v1" cannot be handled as a ${kindName}: ${decoded.typeError}`);
    }
    if (decoded.unknownFields.length > 0 && dryRun !== "client") {
      const list = decoded.unknownFields.map((f) => `unknown field "${f}"`).join(", ");
      return statusError("BadRequest", `error when creating "${source}": ${kindName} in version "v1" cannot be handled as a ${kindName}: strict decoding error: ${list}`);
    }
    if (kindName === "Namespace") return this.submitNamespace(source, decoded.value as Namespace, mode, raw, dryRun);
    return this.submitPod(source, decoded.value as Pod, mode, namespaceFlag ?? defaultNamespace, raw, dryRun, namespaceFlag !== undefined);
  }

  /**
   * A client dry run (apply.go / create.go with DryRunClient): the object as the resource builder
   * left it (namespace set by its SetNamespace visitor), with apply's last-applied annotation
   * (CreateApplyAnnotation). apply still looks the object up (info.Get): an existing one is
   * "configured" and printed as the apiserver holds it.
   */
  private clientDryRun(raw: unknown, namespace: string | undefined, mode: "apply" | "create", existing: Pod | Namespace | undefined): ApplyOutcome {
    const object = snapshot(raw) as Pod;
    object.metadata ??= {};
    if (namespace !== undefined) object.metadata.namespace = namespace;
    const ref = `${object.kind.toLowerCase()}/${object.metadata.name ?? ""}`;
    if (mode === "apply" && existing !== undefined) return { kind: "ok", line: `${ref} configured`, warnings: [], object: snapshot(existing) };
    if (mode === "apply") object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(raw, namespace) };
    return { kind: "ok", line: `${ref} created`, warnings: [], object };
  }

  private submitNamespace(source: string, ns: Namespace, mode: "apply" | "create", raw: unknown, dryRun: DryRun | undefined): ApplyOutcome {
    const name = ns.metadata?.name ?? "";
    const existing = this.store.namespaces.get(name);
    if (dryRun === "client") return this.clientDryRun(raw, undefined, mode, existing);
    if (existing === undefined) return this.createNamespace(name, ns.metadata.labels ?? {}, source, dryRun);
    if (mode === "create") return statusError("AlreadyExists", `error when creating "${source}": namespaces "${name}" already exists`);
    const labels = { ...(ns.metadata.labels ?? {}), [NAME_LABEL]: name };
    if (sameLabels(labels, existing.metadata.labels ?? {})) return { kind: "ok", line: `namespace/${name} unchanged`, warnings: [], object: snapshot(existing) };
    const r = this.relabelNamespace(existing, labels, dryRun);
    if ("error" in r) return { kind: "error", text: r.error };
    return { kind: "ok", line: `namespace/${name} configured`, warnings: r.warnings, object: r.object };
  }

  /**
   * Replaces a namespace's labels as an update goes through the apiserver: Pod Security admission
   * may refuse unparseable labels, and tightening enforce warns about the pods already there.
   */
  relabelNamespace(ns: Namespace, labels: Readonly<Record<string, string>>, dryRun?: DryRun): { error: string } | { warnings: string[]; object: Namespace } {
    const name = ns.metadata.name ?? "";
    const admission = admitNamespace({
      name, labels, oldLabels: ns.metadata.labels ?? {}, pods: this.store.listPods(name), serverVersion: this.profile.serverVersion,
    });
    if (admission.invalid !== undefined) return { error: invalidMessage("Namespace", name, admission.invalid) };
    const allLabels = Object.assign(Object.create(null), labels, { [NAME_LABEL]: name });
    if (dryRun === "server") return { warnings: admission.warnings, object: { ...snapshot(ns), metadata: { ...snapshot(ns.metadata), labels: allLabels } } };
    ns.metadata.labels = allLabels;
    this.store.putNamespace(ns, "MODIFIED");
    return { warnings: admission.warnings, object: snapshot(ns) };
  }

  createNamespace(name: string, labels: Readonly<Record<string, string>>, source?: string, dryRun?: DryRun): ApplyOutcome {
    const context = source === undefined ? "" : `error when creating "${source}": `;
    if (this.store.namespaces.has(name)) return statusError("AlreadyExists", `${context}namespaces "${name}" already exists`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      const bad: FieldError = { type: "Invalid value", field: "metadata.name", badValue: name, detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" };
      return invalidError("Namespace", name, [bad], context);
    }
    const allLabels = Object.assign(Object.create(null), labels, { [NAME_LABEL]: name });
    const admission = admitNamespace({ name, labels: allLabels, serverVersion: this.profile.serverVersion });
    if (admission.invalid !== undefined) return invalidError("Namespace", name, admission.invalid, context);
    const ns: Namespace = {
      apiVersion: "v1", kind: "Namespace",
      metadata: { name, uid: this.store.uid(), creationTimestamp: rfc3339(this.now()), labels: allLabels },
      spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" },
    };
    // A dry run is not stored (DryRunnableStorage.Create), so it has no resourceVersion.
    if (dryRun !== "server") this.store.putNamespace(ns, "ADDED");
    return { kind: "ok", line: `namespace/${name} created`, warnings: admission.warnings, object: snapshot(ns) };
  }

  private submitPod(source: string, pod: Pod, mode: "apply" | "create", namespaceFlag: string | undefined, raw: unknown, dryRun: DryRun | undefined, enforce = true): ApplyOutcome {
    pod.metadata ??= {};
    pod.spec ??= {};
    const ns = pod.metadata.namespace ?? namespaceFlag ?? "default";
    if (pod.metadata.namespace !== undefined && enforce && namespaceFlag !== undefined && pod.metadata.namespace !== namespaceFlag) {
      return { kind: "error", text: `error: the namespace from the provided object "${pod.metadata.namespace}" does not match the namespace "${namespaceFlag}". You must pass '--namespace=${pod.metadata.namespace}' to perform this operation.`, builder: "namespace" };
    }
    if (dryRun === "client" && !(mode === "apply" && (pod.metadata.name ?? "") === "")) return this.clientDryRun(raw, ns, mode, mode === "apply" ? this.store.getPod(ns, pod.metadata.name ?? "") : undefined);
    if (pod.metadata.name === undefined && pod.metadata.generateName !== undefined && mode === "create") {
      pod.metadata.name = `${pod.metadata.generateName}${this.store.randomSuffix(5)}`;
    }
    const name = pod.metadata.name ?? "";
    if (name === "" && mode === "apply") {
      return { kind: "error", text: `error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "${ns}"\nfrom server for: "${source}": resource name may not be empty` };
    }
    const namespace = this.store.namespaces.get(ns);
    if (namespace === undefined) return statusError("NotFound", `error when creating "${source}": namespaces "${ns}" not found`);
    pod.metadata.namespace = ns;
    const existing = this.store.getPod(ns, name);
    if (existing !== undefined) {
      if (mode === "create") return statusError("AlreadyExists", `error when creating "${source}": pods "${name}" already exists`);
      return this.updatePod(existing, pod, raw, namespace, source, dryRun);
    }
    if (mode === "apply") {
      pod.metadata.annotations = Object.assign(Object.create(null), pod.metadata.annotations ?? {}, { [LAST_APPLIED]: lastApplied(raw, ns) });
    }
    pod.apiVersion = "v1";
    pod.kind = "Pod";
    defaultPod(pod, this.store.randomSuffix(5));
    dropDisabledFields(pod.spec, undefined, this.features);
    const errors = validatePod(pod, this.profile);
    if (errors.length > 0) return invalidError("Pod", name, errors, `error when creating "${source}": `);
    const admission = admitPod(pod, namespace.metadata.labels ?? {}, { serverVersion: this.profile.serverVersion, namespace: ns });
    if (admission.denied !== undefined) return statusError("Forbidden", `error when creating "${source}": ${admission.denied}`);
    pod.metadata.uid = this.store.uid();
    pod.metadata.creationTimestamp = rfc3339(this.now());
    // podStrategy.PrepareForCreate (1.33+): whatever the client sent, a new pod is generation 1.
    if (this.features.podGeneration) pod.metadata.generation = 1;
    pod.status = { phase: "Pending", qosClass: "BestEffort" };
    // A dry run is not stored (DryRunnableStorage.Create), so it has no resourceVersion.
    if (dryRun === "server") return { kind: "ok", line: `pod/${name} created`, warnings: admission.warnings, object: snapshot(pod) };
    this.store.putPod(pod, "ADDED");
    // The create's answer: the pod as stored, before the scheduler and the kubelet touch it.
    const object = snapshot(pod);
    this.kubelet.podCreated(pod);
    return { kind: "ok", line: `pod/${name} created`, warnings: admission.warnings, object };
  }

  /** kubectl apply on an existing pod: unchanged, configured, or the apiserver refuses the change. */
  private updatePod(existing: Pod, manifest: Pod, raw: unknown, namespace: Namespace, source: string, dryRun: DryRun | undefined): ApplyOutcome {
    const name = existing.metadata.name!;
    const applied = lastApplied(raw, existing.metadata.namespace!);
    const previous = existing.metadata.annotations?.[LAST_APPLIED];
    if (previous === applied) return { kind: "ok", line: `pod/${name} unchanged`, warnings: [], object: snapshot(existing) };
    manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), [LAST_APPLIED]: applied };
    const desired = { metadata: manifest.metadata, spec: manifest.spec };
    const next = threeWayMerge(previous === undefined ? {} : JSON.parse(previous), desired as Pod, clonePod(existing));
    defaultPod(next, undefined);
    dropDisabledFields(next.spec, existing.spec, this.features);
    const errors = validatePodUpdate(next, existing, this.profile);
    if (errors.length > 0) return { kind: "error", text: invalidMessage("Pod", name, errors) };
    const admission = admitPod(next, namespace.metadata.labels ?? {}, { serverVersion: this.profile.serverVersion, namespace: namespace.metadata.name, oldPod: existing });
    if (admission.denied !== undefined) {
      return statusError("Forbidden", `error when applying patch:\n${imagePatch(existing, next, applied)}\nto:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "${name}", Namespace: "${namespace.metadata.name}"\nfor: "${source}": ${admission.denied}`);
    }
    // kubectl apply's own warning (apply.go warningNoLastAppliedConfigAnnotation), before the server's.
    const unmanaged = previous === undefined ? [`resource pods/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`] : [];
    if (dryRun === "server") return { kind: "ok", line: `pod/${name} configured`, warnings: [...unmanaged, ...admission.warnings], object: snapshot(next) };
    // Validation let through only what a pod update may change (ValidatePodUpdate). A kube-system
    // pod shares its spec with every cluster until it is changed.
    if (Object.isFrozen(existing.spec)) existing.spec = clonePod(existing).spec;
    const oldSpec = JSON.stringify(existing.spec);
    const changed: string[] = [];
    for (const field of ["initContainers", "containers"] as const) {
      for (const [i, c] of (next.spec[field] ?? []).entries()) {
        const live = existing.spec[field]?.[i];
        if (live === undefined || live.image === c.image) continue;
        live.image = c.image;
        changed.push(c.name ?? "");
      }
    }
    existing.spec.activeDeadlineSeconds = next.spec.activeDeadlineSeconds;
    existing.spec.terminationGracePeriodSeconds = next.spec.terminationGracePeriodSeconds;
    existing.spec.tolerations = next.spec.tolerations;
    existing.metadata.labels = next.metadata.labels;
    existing.metadata.annotations = next.metadata.annotations;
    // podStrategy.PrepareForUpdate (1.33+): a spec change is a new generation.
    if (this.features.podGeneration && JSON.stringify(existing.spec) !== oldSpec) existing.metadata.generation = (existing.metadata.generation ?? 0) + 1;
    this.store.putPod(existing, "MODIFIED");
    const object = snapshot(existing);
    this.kubelet.podUpdated(existing, changed);
    return { kind: "ok", line: `pod/${name} configured`, warnings: [...unmanaged, ...admission.warnings], object };
  }

  /** Deletes a pod; resolves when it is gone (after its grace period). */
  deletePod(pod: Pod, graceSeconds?: number): Promise<void> {
    const grace = graceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (this.kubeSystem.templateOf(pod)?.kind === "mirror") return this.kubeSystem.deleteMirror(pod, grace);
    return this.kubelet.deletePod(pod, grace);
  }

  deleteNamespace(ns: Namespace): Promise<void> {
    const pods = this.store.listPods(ns.metadata.name);
    ns.status = { phase: "Terminating" };
    ns.metadata.deletionTimestamp = rfc3339(this.now());
    this.store.putNamespace(ns, "MODIFIED");
    return Promise.all(pods.map((p) => this.deletePod(p))).then(() => this.store.removeNamespace(ns));
  }
}

/**
 * ContainerStatus fields by the Kubernetes minor that added them (k8s.io/api core/v1 types.go):
 * an apiserver older than a field does not store it, whatever a kubelet reports.
 */
const CONTAINER_STATUS_FIELDS_SINCE: Readonly<Record<string, number>> = { volumeMounts: 30, user: 31, allocatedResourcesStatus: 31, stopSignal: 33 };

function dropUnknownStatusFields(pod: Pod, minor: number): void {
  for (const list of [pod.status?.containerStatuses, pod.status?.initContainerStatuses]) {
    for (const cs of list ?? []) {
      for (const [field, since] of Object.entries(CONTAINER_STATUS_FIELDS_SINCE)) if (minor < since) delete (cs as unknown as Record<string, unknown>)[field];
    }
  }
}

/**
 * The last-applied-configuration annotation: the applied manifest as compact JSON, with a newline.
 * kubectl's GetModifiedConfiguration sets the object's annotations (without this one) before
 * encoding it, so "annotations":{} is there even when the manifest has none.
 */
function lastApplied(raw: unknown, ns: string | undefined): string {
  const copy = JSON.parse(JSON.stringify(raw)) as { metadata?: Record<string, unknown> };
  copy.metadata = { ...(copy.metadata ?? {}) };
  const annotations = { ...((copy.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  if (copy.metadata.namespace === undefined && ns !== undefined) copy.metadata.namespace = ns;
  // encoding/json escapes <, >, & and the JS line separators.
  return `${JSON.stringify(sortKeys(copy)).replace(/[\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
