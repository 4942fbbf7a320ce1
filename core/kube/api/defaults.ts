// Defaulting, kept apart from validation (pkg/apis/core/v1/defaults.go, plus what the admission
// plugins ServiceAccount and DefaultTolerationSeconds add), visible in `kubectl get -o yaml`.
// Every step is idempotent: an update re-defaults the merged object and changes nothing set.

import type { Container, Pod, PodSpec, Volume } from "./types.js";
import { Volume as VolumeSchema } from "./schema.js";

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === "object" && v !== null && !Array.isArray(v);

/** The registry part of an image reference decides the default pull policy (`:latest` → Always). */
export function defaultPullPolicy(image: string | undefined): string {
  if (image === undefined) return "IfNotPresent";
  const lastSlash = image.lastIndexOf("/");
  const tagPart = image.slice(lastSlash + 1);
  if (image.includes("@")) return "IfNotPresent";
  if (!tagPart.includes(":") || tagPart.endsWith(":latest")) return "Always";
  return "IfNotPresent";
}

/** SetDefaults_ObjectFieldSelector */
function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && (ref["apiVersion"] === undefined || ref["apiVersion"] === "")) ref["apiVersion"] = "v1";
}

/** SetDefaults_HTTPGetAction */
function defaultHandler(h: unknown): void {
  const get = isObj(h) ? h["httpGet"] : undefined;
  if (!isObj(get)) return;
  if (get["path"] === undefined || get["path"] === "") get["path"] = "/";
  if (get["scheme"] === undefined || get["scheme"] === "") get["scheme"] = "HTTP";
}

/** SetDefaults_Probe */
function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  const zeroTo = (k: string, v: number) => {
    if (p[k] === undefined || p[k] === 0) p[k] = v;
  };
  zeroTo("timeoutSeconds", 1);
  zeroTo("periodSeconds", 10);
  zeroTo("successThreshold", 1);
  zeroTo("failureThreshold", 3);
  defaultHandler(p);
}

/** SetDefaults_Container and what the pod-level defaulters do to each container. */
function defaultContainer(c: Container, hostNetwork: boolean): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  for (const p of c.ports ?? []) {
    p.protocol ??= "TCP";
    // SetDefaults_PodSpec: with hostNetwork, hostPort follows containerPort.
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const e of c.env ?? []) if (isObj(e.valueFrom)) defaultFieldRef((e.valueFrom as J)["fieldRef"]);
  for (const p of [c.livenessProbe, c.readinessProbe, c.startupProbe]) defaultProbe(p);
  if (isObj(c.lifecycle)) for (const hook of ["postStart", "preStop"]) defaultHandler((c.lifecycle as J)[hook]);
  // SetDefaults_Pod: requests default to limits.
  const r = c.resources;
  if (isObj(r.limits)) {
    r.requests ??= Object.create(null) as Record<string, string | number>;
    for (const [k, v] of Object.entries(r.limits)) if (!(k in r.requests)) r.requests[k] = v;
  }
}

const VOLUME_SOURCES = VolumeSchema.t === "object" ? VolumeSchema.fields.map((f) => f.name).filter((n) => n !== "name") : [];

/** SetDefaults_Volume, SetDefaults_HostPathVolumeSource and the volume sources' default modes. */
function defaultVolume(v: Volume): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = "";
  for (const k of ["secret", "configMap", "downwardAPI", "projected"]) {
    const src = v[k];
    if (isObj(src) && src["defaultMode"] === undefined) src["defaultMode"] = 420;
  }
  const items = (src: unknown) => (isObj(src) && Array.isArray(src["items"]) ? (src["items"] as unknown[]) : []);
  for (const item of items(v["downwardAPI"])) if (isObj(item)) defaultFieldRef(item["fieldRef"]);
  const projected = v["projected"];
  const sources = isObj(projected) && Array.isArray(projected["sources"]) ? (projected["sources"] as unknown[]) : [];
  for (const s of sources) {
    if (!isObj(s)) continue;
    const token = s["serviceAccountToken"];
    if (isObj(token) && token["expirationSeconds"] === undefined) token["expirationSeconds"] = 3600;
    for (const item of items(s["downwardAPI"])) if (isObj(item)) defaultFieldRef(item["fieldRef"]);
  }
}

/** A `null` element of a list of structs decodes to the zero struct in Go. */
function zeroNulls(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) if (!isObj(list[i])) list[i] = {};
}

/** Lists of structs with `null` elements get zero structs, as the apiserver's decoder makes them. */
export function zeroNullElements(spec: PodSpec): void {
  for (const k of ["volumes", "containers", "initContainers", "tolerations", "imagePullSecrets", "hostAliases", "readinessGates", "schedulingGates"]) zeroNulls(spec[k]);
  if (isObj(spec.securityContext)) zeroNulls(spec.securityContext.sysctls);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const k of ["ports", "env", "envFrom", "volumeMounts", "volumeDevices"]) zeroNulls(c[k]);
  }
}

const SA_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

/** DefaultTolerationSeconds: each toleration is added unless one for its key (and effect) exists. */
function defaultTolerations(s: PodSpec): void {
  const tolerations = (s.tolerations ?? []) as J[];
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    const covered = tolerations.some((t) => (t["effect"] === "NoExecute" || t["effect"] === undefined || t["effect"] === "") && (t["key"] === key || (t["key"] === undefined && t["operator"] === "Exists")));
    if (!covered) tolerations.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
  s.tolerations = tolerations;
}

/**
 * SetDefaults_Pod and friends. On a create, `suffix` names the service-account token volume the
 * ServiceAccount admission plugin adds; an update (suffix undefined) gets no new volume.
 */
export function defaultPod(pod: Pod, suffix: string | undefined): void {
  const s = pod.spec;
  zeroNullElements(s);
  s.restartPolicy ??= "Always";
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= "ClusterFirst";
  s.securityContext ??= {};
  s.schedulerName ??= "default-scheduler";
  s.serviceAccountName ??= s.serviceAccount ?? "default";
  s.serviceAccount ??= s.serviceAccountName;
  s.enableServiceLinks ??= true;
  s.preemptionPolicy ??= "PreemptLowerPriority";
  s.priority ??= 0;
  defaultTolerations(s);
  // The ServiceAccount admission plugin: the projected token volume and its mounts.
  let token: string | undefined;
  if (s.automountServiceAccountToken !== false && suffix !== undefined) {
    token = (s.volumes ?? []).find((v) => v.name?.startsWith("kube-api-access-"))?.name;
    if (token === undefined) {
      token = `kube-api-access-${suffix}`;
      s.volumes = [...(s.volumes ?? []), {
        name: token,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
          ],
        },
      }];
    }
  }
  if (token !== undefined) {
    for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === SA_MOUNT)) continue;
      c.volumeMounts = [...(c.volumeMounts ?? []), { name: token, readOnly: true, mountPath: SA_MOUNT }];
    }
  }
  completeDefaults(s);
}

/** The defaults of volumes and containers (idempotent; validation applies them to its copy too). */
export function completeDefaults(s: PodSpec): void {
  for (const v of s.volumes ?? []) defaultVolume(v);
  const hostNetwork = s.hostNetwork === true;
  for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) defaultContainer(c, hostNetwork);
}
