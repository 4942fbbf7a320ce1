// `kubectl describe pod` (kubectl pkg/describe/describe.go describePod and friends), written into
// the describe tabwriter with the PrefixWriter's indentation levels. Where kubectl 1.29 and 1.34
// differ (projected-volume optional flags, named ports, Terminating of terminal pods) the
// profile's kubectl minor decides.

import type { Container, ContainerStatus, Event, Pod, Probe } from "../../kube/api/types.js";
import { DESCRIBE, humanDuration, tabwrite } from "./tabwriter.js";

const L1 = "  ";
const L2 = "    ";
const L3 = "      ";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
/** describe.go maxAnnotationLen. */
const MAX_ANNOTATION_LEN = 140;

export interface DescribeOptions {
  /** The kubectl minor version (1.29 or 1.34). */
  readonly minor: number;
}

/** time.RFC1123Z: "Thu, 06 Jun 2024 20:08:05 +0000". */
export function rfc1123z(iso: string | number): string {
  const d = new Date(typeof iso === "number" ? iso : Date.parse(iso));
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultilineWithIndent(): sorted k=v, one per line, "<none>" when empty. */
function multiline(title: string, map: Record<string, string> | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ""}\t${k}=${map![k]}\n`).join("");
}

/**
 * printAnnotationsMultiline(): last-applied-configuration skipped; a value that is long
 * (key + value + 2 > 140) or multi-line goes under its key, each line shortened to 138 + "...".
 */
function annotations(map: Record<string, string> | undefined): string {
  const keys = Object.keys(map ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) return "Annotations:\t<none>\n";
  let s = "Annotations:\t";
  keys.forEach((key, i) => {
    if (i !== 0) s += "\t";
    const value = map![key]!.replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      s += `${key}:\n`;
      for (const line of value.split("\n")) s += `\t  ${line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line}\n`;
    } else s += `${key}: ${value}\n`;
  });
  return s;
}

function tolerations(list: unknown[] | undefined): string {
  const ts = [...((list ?? []) as { key?: string; value?: string; effect?: string; operator?: string; tolerationSeconds?: number }[])].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : 1));
  if (ts.length === 0) return "Tolerations:\t<none>\n";
  return ts.map((t, i) => {
    let s = `${i === 0 ? "Tolerations:" : ""}\t${t.key ?? ""}`;
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    return `${s}\n`;
  }).join("");
}

function describeState(name: string, state: ContainerStatus["state"]): string {
  if (state.running !== undefined) return `${L2}${name}:\tRunning\n${L3}Started:\t${rfc1123z(state.running.startedAt!)}\n`;
  if (state.terminated !== undefined) {
    const t = state.terminated;
    let s = `${L2}${name}:\tTerminated\n`;
    if (t.reason) s += `${L3}Reason:\t${t.reason}\n`;
    if (t.message) s += `${L3}Message:\t${t.message}\n`;
    s += `${L3}Exit Code:\t${t.exitCode}\n`;
    if (t.signal) s += `${L3}Signal:\t${t.signal}\n`;
    s += `${L3}Started:\t${rfc1123z(t.startedAt!)}\n${L3}Finished:\t${rfc1123z(t.finishedAt!)}\n`;
    return s;
  }
  let s = `${L2}${name}:\tWaiting\n`;
  if (state.waiting?.reason) s += `${L3}Reason:\t${state.waiting.reason}\n`;
  return s;
}

/**
 * DescribeProbe(): the handler, then delay/timeout/period/#success/#failure. An HTTP probe's URL is
 * Go's url.URL{Scheme, Host: JoinHostPort(host, port), Path}.String(), whose path escaping turns
 * "?" into %3F.
 */
export function describeProbe(p: Probe): string {
  const n = (k: string) => Number(p[k] ?? 0);
  const attrs = `delay=${n("initialDelaySeconds")}s timeout=${n("timeoutSeconds")}s period=${n("periodSeconds")}s #success=${n("successThreshold")} #failure=${n("failureThreshold")}`;
  if (p.exec !== undefined) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet !== undefined) {
    const port = String(p.httpGet.port ?? "");
    const host = port === "" ? (p.httpGet.host ?? "") : `${p.httpGet.host ?? ""}:${port}`;
    // shouldEscape(c, encodePath): unreserved characters and $&+,/:;=@ stay.
    const path = (p.httpGet.path ?? "").replace(/[^A-Za-z0-9\-._~$&+,/:;=@]/gu, (ch) => encodeURIComponent(ch).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
    return `http-get ${(p.httpGet.scheme ?? "").toLowerCase()}://${host}${path} ${attrs}`;
  }
  if (p.tcpSocket !== undefined) return `tcp-socket ${p.tcpSocket.host ?? ""}:${String(p.tcpSocket.port ?? "")} ${attrs}`;
  const grpc = p["grpc"] as { port?: number; service?: string } | undefined;
  if (grpc !== undefined) return `grpc <pod>:${grpc.port ?? 0} ${grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

/** kubectl's EnvValueRetriever: fieldpath.ExtractFieldPathAsString knows only these paths. */
function fieldValue(pod: Pod, path: string): string {
  if (path === "metadata.name") return pod.metadata.name ?? "";
  if (path === "metadata.namespace") return pod.metadata.namespace ?? "";
  if (path === "metadata.uid") return pod.metadata.uid ?? "";
  return "";
}

/** describeContainerEnvVars(). */
function describeEnv(c: Container, pod: Pod): string {
  if (!c.env?.length) return `${L2}Environment:\t<none>\n`;
  let s = `${L2}Environment:\n`;
  for (const e of c.env) {
    const from = e.valueFrom as { fieldRef?: { apiVersion?: string; fieldPath?: string }; secretKeyRef?: { key?: string; name?: string; optional?: boolean }; configMapKeyRef?: { key?: string; name?: string; optional?: boolean } } | undefined;
    if (from === undefined) {
      (e.value ?? "").split("\n").forEach((line, i) => {
        s += i === 0 ? `${L3}${e.name}:\t${line}\n` : `${L3}\t${line}\n`;
      });
    } else if (from.fieldRef !== undefined) {
      s += `${L3}${e.name}:\t${fieldValue(pod, from.fieldRef.fieldPath ?? "")} (${from.fieldRef.apiVersion ?? ""}:${from.fieldRef.fieldPath ?? ""})\n`;
    } else if (from.secretKeyRef !== undefined) {
      s += `${L3}${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${from.secretKeyRef.optional === true}\n`;
    } else if (from.configMapKeyRef !== undefined) {
      s += `${L3}${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`;
    }
  }
  return s;
}

function describeContainer(c: Container, status: ContainerStatus | undefined, opts: DescribeOptions, pod: Pod): string {
  let s = `${L1}${c.name}:\n`;
  if (status !== undefined) s += `${L2}Container ID:\t${status.containerID ?? ""}\n`;
  s += `${L2}Image:\t${c.image ?? ""}\n`;
  if (status !== undefined) s += `${L2}Image ID:\t${status.imageID}\n`;
  // describeContainerPorts / describeContainerHostPorts: " (name)" after each named port (kubectl 1.34).
  const named = (p: { name?: string }, text: string) => (opts.minor >= 34 && p.name ? `${text} (${p.name})` : text);
  const ports = (c.ports ?? []).map((p) => named(p, `${p.containerPort}/${p.protocol ?? "TCP"}`)).join(", ");
  s += ports.includes(",") ? `${L2}Ports:\t${ports}\n` : `${L2}Port:\t${ports || "<none>"}\n`;
  const hostPorts = (c.ports ?? []).map((p) => named(p, `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`)).join(", ");
  s += hostPorts.includes(",") ? `${L2}Host Ports:\t${hostPorts}\n` : `${L2}Host Port:\t${hostPorts || "<none>"}\n`;
  const sp = c.securityContext?.seccompProfile;
  if (sp !== undefined) {
    s += `${L2}SeccompProfile:\t${sp.type}\n`;
    if (sp.type === "Localhost") s += `${L3}LocalhostProfile:\t${sp.localhostProfile}\n`;
  }
  if (c.command?.length) s += `${L2}Command:\n${c.command.flatMap((x) => x.split("\n")).map((x) => `${L3}${x}\n`).join("")}`;
  if (c.args?.length) s += `${L2}Args:\n${c.args.flatMap((x) => x.split("\n")).map((x) => `${L3}${x}\n`).join("")}`;
  if (status !== undefined) {
    s += describeState("State", status.state);
    if (status.lastState.terminated !== undefined) s += describeState("Last State", status.lastState);
    s += `${L2}Ready:\t${status.ready ? "True" : "False"}\n${L2}Restart Count:\t${status.restartCount}\n`;
  }
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  if (Object.keys(limits).length > 0) s += `${L2}Limits:\n${Object.keys(limits).sort().map((k) => `${L3}${k}:\t${limits[k]}\n`).join("")}`;
  if (Object.keys(requests).length > 0) s += `${L2}Requests:\n${Object.keys(requests).sort().map((k) => `${L3}${k}:\t${requests[k]}\n`).join("")}`;
  // describeContainerProbe
  if (c.livenessProbe !== undefined) s += `${L2}Liveness:\t${describeProbe(c.livenessProbe)}\n`;
  if (c.readinessProbe !== undefined) s += `${L2}Readiness:\t${describeProbe(c.readinessProbe)}\n`;
  if (c.startupProbe !== undefined) s += `${L2}Startup:\t${describeProbe(c.startupProbe)}\n`;
  s += describeEnv(c, pod);
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => ((a.mountPath ?? "") < (b.mountPath ?? "") ? -1 : 1));
  s += `${L2}Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`;
  for (const m of mounts) s += `${L3}${m.mountPath} from ${m.name} (${[m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(",")})\n`;
  return s;
}

function describeVolumes(pod: Pod, opts: DescribeOptions): string {
  const vols = pod.spec.volumes ?? [];
  if (vols.length === 0) return "Volumes:\t<none>\n";
  let s = "Volumes:\n";
  for (const v of vols) {
    s += `${L1}${v.name}:\n`;
    if (v.hostPath !== undefined) s += `${L2}Type:\tHostPath (bare host directory volume)\n${L2}Path:\t${v.hostPath.path}\n${L2}HostPathType:\t${v.hostPath.type ?? ""}\n`;
    else if (v.emptyDir !== undefined) s += `${L2}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L2}Medium:\t${v.emptyDir.medium ?? ""}\n${L2}SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`;
    else if (v.configMap !== undefined) {
      // printConfigMapVolumeSource
      const cm = v.configMap as { name?: string; optional?: boolean };
      s += `${L2}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L2}Name:\t${cm.name ?? ""}\n${L2}Optional:\t${cm.optional === true}\n`;
    } else if (v.projected !== undefined) {
      s += `${L2}Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
      for (const src of ((v.projected as { sources?: Record<string, { expirationSeconds?: number; name?: string; optional?: boolean }>[] }).sources ?? [])) {
        if (src.serviceAccountToken) s += `${L2}TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds}\n`;
        // printProjectedVolumeSource: up to 1.32 the *bool (%v of nil is "<nil>"), from 1.33 a bool.
        else if (src.configMap) {
          s += opts.minor >= 33 ? `${L2}ConfigMapName:\t${src.configMap.name}\n${L2}Optional:\t${src.configMap.optional ?? false}\n` : `${L2}ConfigMapName:\t${src.configMap.name}\n${L2}ConfigMapOptional:\t${src.configMap.optional ?? "<nil>"}\n`;
        }
        else if (src.downwardAPI) s += `${L2}DownwardAPI:\ttrue\n`;
      }
    } else {
      const kind = Object.keys(v).find((k) => k !== "name") ?? "";
      s += `${L2}Type:\t${kind.charAt(0).toUpperCase()}${kind.slice(1)}\n`;
    }
  }
  return s;
}

/** Null timestamps (events.k8s.io events have none) sort first, as Go's zero time does. */
const at = (ts: string | null) => (ts === null ? Number.NEGATIVE_INFINITY : Date.parse(ts));

/**
 * DescribeEvents(): sorted by lastTimestamp (event.SortableEvents); Age is the first time seen,
 * or "last (xN over first)" for an aggregated event; From is the source component or the
 * reporting controller.
 */
export function describeEvents(events: Event[], now: number): string {
  if (events.length === 0) return tabwrite("Events:\t<none>\n", DESCRIBE);
  const sorted = [...events].sort((a, b) => at(a.lastTimestamp) - at(b.lastTimestamp));
  let s = `Events:\n${L1}Type\tReason\tAge\tFrom\tMessage\n${L1}----\t------\t----\t----\t-------\n`;
  const since = (ts: string | null) => (ts === null ? "<unknown>" : humanDuration(now - Date.parse(ts)));
  for (const e of sorted) {
    const first = e.eventTime !== null ? since(e.eventTime) : since(e.firstTimestamp);
    const interval = e.count > 1 ? `${since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
    s += `${L1}${e.type}\t${e.reason}\t${interval}\t${e.source.component || e.reportingComponent}\t${e.message.trim()}\n`;
  }
  return tabwrite(s, DESCRIBE);
}

export function describePod(pod: Pod, events: Event[], now: number, opts: DescribeOptions): string {
  const st = pod.status ?? {};
  let s = `Name:\t${pod.metadata.name}\nNamespace:\t${pod.metadata.namespace}\n`;
  if (pod.spec.priority !== undefined) s += `Priority:\t${pod.spec.priority}\n`;
  if (pod.spec.priorityClassName) s += `Priority Class Name:\t${pod.spec.priorityClassName}\n`;
  if (pod.spec.runtimeClassName) s += `Runtime Class Name:\t${pod.spec.runtimeClassName}\n`;
  if (pod.spec.serviceAccountName) s += `Service Account:\t${pod.spec.serviceAccountName}\n`;
  s += pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ""}\n` : "Node:\t<none>\n";
  if (st.startTime) s += `Start Time:\t${rfc1123z(st.startTime)}\n`;
  s += multiline("Labels", pod.metadata.labels);
  s += annotations(pod.metadata.annotations);
  // From kubectl 1.31 a deleted pod that already ended shows its phase.
  const terminal = st.phase === "Failed" || st.phase === "Succeeded";
  if (pod.metadata.deletionTimestamp !== undefined && !(opts.minor >= 31 && terminal)) {
    // translateTimestampSince(*pod.DeletionTimestamp): the deletion time is in the future while
    // the grace period runs, so this reads "<invalid>" (HumanDuration of a negative duration).
    s += `Status:\tTerminating (lasts ${humanDuration(now - Date.parse(pod.metadata.deletionTimestamp))})\n`;
    s += `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`;
  } else s += `Status:\t${st.phase ?? ""}\n`;
  if (st.reason) s += `Reason:\t${st.reason}\n`;
  if (st.message) s += `Message:\t${st.message}\n`;
  const psp = pod.spec.securityContext?.seccompProfile;
  if (psp !== undefined) {
    s += `SeccompProfile:\t${psp.type}\n`;
    if (psp.type === "Localhost") s += `LocalhostProfile:\t${psp.localhostProfile}\n`;
  }
  s += `IP:\t${st.podIP ?? ""}\n`;
  s += st.podIPs?.length ? `IPs:\n${st.podIPs.map((p) => `${L1}IP:\t${p.ip}\n`).join("")}` : "IPs:\t<none>\n";
  // printController(): the controlling owner reference.
  const owner = ((pod.metadata.ownerReferences ?? []) as { kind?: string; name?: string; controller?: boolean }[]).find((r) => r.controller === true);
  if (owner !== undefined) s += `Controlled By:\t${owner.kind}/${owner.name}\n`;
  if (st.nominatedNodeName) s += `NominatedNodeName:\t${st.nominatedNodeName}\n`;
  // describeContainers("Init Containers", …) when the pod has any, with the same layout.
  if (pod.spec.initContainers?.length) {
    s += "Init Containers:\n";
    for (const c of pod.spec.initContainers) s += describeContainer(c, st.initContainerStatuses?.find((x) => x.name === c.name), opts, pod);
  }
  s += `Containers:${pod.spec.containers?.length ? "" : " <none>"}\n`;
  for (const c of pod.spec.containers ?? []) s += describeContainer(c, st.containerStatuses?.find((x) => x.name === c.name), opts, pod);
  if (st.conditions?.length) {
    s += `Conditions:\n${L1}Type\tStatus\n`;
    for (const c of st.conditions) s += `${L1}${c.type} \t${c.status} \n`;
  }
  s += describeVolumes(pod, opts);
  s += `QoS Class:\t${st.qosClass ?? "BestEffort"}\n`;
  s += multiline("Node-Selectors", pod.spec.nodeSelector);
  s += tolerations(pod.spec.tolerations);
  // DescribeEvents(): "Events:\t<none>" goes through the same tabwriter; a table of events
  // starts after a Flush().
  if (events.length === 0) return tabwrite(`${s}Events:\t<none>\n`, DESCRIBE);
  return tabwrite(s, DESCRIBE) + describeEvents(events, now);
}
