// `kubectl describe pod` (kubectl pkg/describe/describe.go describePod and friends), written into
// the describe tabwriter with the PrefixWriter's indentation levels. Where kubectl 1.29 and 1.34
// differ (projected-volume optional flags, named ports, Terminating of terminal pods) the
// profile's kubectl minor decides.

import type { Container, ContainerStatus, Event, Pod } from "../../kube/api/types.js";
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

function describeContainer(c: Container, status: ContainerStatus | undefined, opts: DescribeOptions): string {
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
  if (!c.env?.length) s += `${L2}Environment:\t<none>\n`;
  else s += `${L2}Environment:\n${c.env.map((e) => `${L3}${e.name}:\t${e.value ?? ""}\n`).join("")}`;
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
    else if (v.projected !== undefined) {
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
  if (st.nominatedNodeName) s += `NominatedNodeName:\t${st.nominatedNodeName}\n`;
  s += `Containers:${pod.spec.containers?.length ? "" : " <none>"}\n`;
  for (const c of pod.spec.containers ?? []) s += describeContainer(c, st.containerStatuses?.find((x) => x.name === c.name), opts);
  if (st.conditions?.length) {
    s += `Conditions:\n${L1}Type\tStatus\n`;
    for (const c of st.conditions) s += `${L1}${c.type} \t${c.status} \n`;
  }
  s += describeVolumes(pod, opts);
  s += `QoS Class:\t${st.qosClass ?? "BestEffort"}\n`;
  s += multiline("Node-Selectors", pod.spec.nodeSelector);
  s += tolerations(pod.spec.tolerations);
  return tabwrite(s, DESCRIBE) + describeEvents(events, now);
}
