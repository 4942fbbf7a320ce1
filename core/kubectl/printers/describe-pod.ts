// `kubectl describe pod` (kubectl pkg/describe/describe.go describePod and friends), written into
// the describe tabwriter with the PrefixWriter's indentation levels.

import type { Container, ContainerStatus, Event, Pod } from "../../kube/api/types.js";
import { DESCRIBE, humanDuration, tabwrite } from "./tabwriter.js";

const L1 = "  ";
const L2 = "    ";
const L3 = "      ";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** time.RFC1123Z: "Thu, 06 Jun 2024 20:08:05 +0000". */
export function rfc1123z(iso: string | number): string {
  const d = new Date(typeof iso === "number" ? iso : Date.parse(iso));
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function multiline(title: string, map: Record<string, string> | undefined, skip: ReadonlySet<string> = new Set()): string {
  const keys = Object.keys(map ?? {}).filter((k) => !skip.has(k)).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ""}\t${k}=${map![k]}\n`).join("");
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

function describeContainer(c: Container, status: ContainerStatus | undefined): string {
  let s = `${L1}${c.name}:\n`;
  if (status !== undefined) s += `${L2}Container ID:\t${status.containerID ?? ""}\n`;
  s += `${L2}Image:\t${c.image ?? ""}\n`;
  if (status !== undefined) s += `${L2}Image ID:\t${status.imageID}\n`;
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
  s += ports.includes(",") ? `${L2}Ports:\t${ports}\n` : `${L2}Port:\t${ports || "<none>"}\n`;
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
  s += hostPorts.includes(",") ? `${L2}Host Ports:\t${hostPorts}\n` : `${L2}Host Port:\t${c.ports?.length ? hostPorts : "<none>"}\n`;
  const sp = c.securityContext?.seccompProfile;
  if (sp !== undefined) {
    s += `${L2}SeccompProfile:\t${sp.type}\n`;
    if (sp.type === "Localhost") s += `${L2}LocalhostProfile:\t${sp.localhostProfile}\n`;
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

function describeVolumes(pod: Pod): string {
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
        else if (src.configMap) s += `${L2}ConfigMapName:\t${src.configMap.name}\n${L2}ConfigMapOptional:\t${src.configMap.optional ?? "<nil>"}\n`;
        else if (src.downwardAPI) s += `${L2}DownwardAPI:\ttrue\n`;
      }
    } else {
      const kind = Object.keys(v).find((k) => k !== "name") ?? "";
      s += `${L2}Type:\t${kind.charAt(0).toUpperCase()}${kind.slice(1)}\n`;
    }
  }
  return s;
}

export function describeEvents(events: Event[], now: number): string {
  if (events.length === 0) return tabwrite("Events:\t<none>\n", DESCRIBE);
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
  let s = `Events:\n${L1}Type\tReason\tAge\tFrom\tMessage\n${L1}----\t------\t----\t----\t-------\n`;
  for (const e of sorted) {
    const first = humanDuration(now - Date.parse(e.firstTimestamp));
    const interval = e.count > 1 ? `${humanDuration(now - Date.parse(e.lastTimestamp))} (x${e.count} over ${first})` : first;
    s += `${L1}${e.type}\t${e.reason}\t${interval}\t${e.source.component}\t${e.message.trim()}\n`;
  }
  return tabwrite(s, DESCRIBE);
}

export function describePod(pod: Pod, events: Event[], now: number): string {
  const st = pod.status ?? {};
  let s = `Name:\t${pod.metadata.name}\nNamespace:\t${pod.metadata.namespace}\n`;
  if (pod.spec.priority !== undefined) s += `Priority:\t${pod.spec.priority}\n`;
  s += `Service Account:\t${pod.spec.serviceAccountName ?? ""}\n`;
  s += pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ""}\n` : "Node:\t<none>\n";
  if (st.startTime) s += `Start Time:\t${rfc1123z(st.startTime)}\n`;
  s += multiline("Labels", pod.metadata.labels);
  s += multiline("Annotations", pod.metadata.annotations, new Set([LAST_APPLIED]));
  if (pod.metadata.deletionTimestamp !== undefined) {
    s += `Status:\tTerminating (lasts ${humanDuration(Date.parse(pod.metadata.deletionTimestamp) - now)})\n`;
    s += `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`;
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
  s += "Containers:\n";
  for (const c of pod.spec.containers ?? []) s += describeContainer(c, st.containerStatuses?.find((x) => x.name === c.name));
  if (st.conditions?.length) {
    s += `Conditions:\n${L1}Type\tStatus\n`;
    for (const c of st.conditions) s += `${L1}${c.type} \t${c.status} \n`;
  }
  s += describeVolumes(pod);
  s += `QoS Class:\t${st.qosClass ?? "BestEffort"}\n`;
  s += multiline("Node-Selectors", pod.spec.nodeSelector);
  s += tolerations(pod.spec.tolerations);
  return tabwrite(s, DESCRIBE) + describeEvents(events, now);
}
