// The table printers of `kubectl get` (pkg/printers/internalversion/printers.go): rows and column
// headers per resource; layout by the tabwriter.

import type { Event, Namespace, Pod } from "../../kube/api/types.js";
import { humanDuration } from "./tabwriter.js";

export interface Table {
  headers: string[];
  /** Extra headers for -o wide. */
  wide: string[];
  rows: { cells: string[]; wide: string[]; namespace: string; labels: Record<string, string> }[];
}

const since = (now: number, ts: string | undefined) => (ts === undefined ? "<unknown>" : humanDuration(now - Date.parse(ts)));

/** printPod(): READY, STATUS (the reason a person needs), RESTARTS with the last restart's age. */
export function podRow(pod: Pod, now: number): { cells: string[]; wide: string[] } {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec.containers?.length ?? 0;
  let reason = pod.status?.reason || pod.status?.phase || "";
  let restarts = 0;
  let ready = 0;
  let lastRestart: number | undefined;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts += c.restartCount;
    const finished = c.lastState.terminated?.finishedAt;
    if (finished !== undefined && (lastRestart === undefined || Date.parse(finished) > lastRestart)) lastRestart = Date.parse(finished);
    if (c.state.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state.terminated !== undefined) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state.running !== undefined) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === "Completed" && hasRunning) reason = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
  if (pod.metadata.deletionTimestamp !== undefined) reason = "Terminating";
  const restartText = restarts > 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return {
    cells: [pod.metadata.name!, `${ready}/${total}`, reason, restartText, since(now, pod.metadata.creationTimestamp)],
    wide: [pod.status?.podIP || "<none>", pod.spec.nodeName || "<none>", "<none>", "<none>"],
  };
}

export function podTable(pods: Pod[], now: number): Table {
  return {
    headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    rows: pods.map((p) => ({ ...podRow(p, now), namespace: p.metadata.namespace!, labels: p.metadata.labels ?? {} })),
  };
}

export function namespaceTable(nss: Namespace[], now: number): Table {
  return {
    headers: ["NAME", "STATUS", "AGE"], wide: [],
    rows: nss.map((n) => ({ cells: [n.metadata.name!, n.status?.phase ?? "Active", since(now, n.metadata.creationTimestamp)], wide: [], namespace: "", labels: n.metadata.labels ?? {} })),
  };
}

export function eventTable(events: Event[], now: number): Table {
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
  return {
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], wide: ["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"],
    rows: sorted.map((e) => ({
      cells: [since(now, e.lastTimestamp), e.type, e.reason, `pod/${e.involvedObject.name}`, e.message.trim()],
      wide: [e.involvedObject.fieldPath ?? "", `${e.source.component}${e.source.host ? `, ${e.source.host}` : ""}`, since(now, e.firstTimestamp), String(e.count), e.metadata.name!],
      namespace: e.metadata.namespace!, labels: {},
    })),
  };
}

/** Renders a table as tab-separated lines for the tabwriter. */
export function tableText(t: Table, opts: { wide: boolean; namespace: boolean; labels: boolean; headers: boolean }): string {
  const header = [...(opts.namespace ? ["NAMESPACE"] : []), ...t.headers, ...(opts.wide ? t.wide : []), ...(opts.labels ? ["LABELS"] : [])];
  const lines = opts.headers ? [header.join("\t")] : [];
  for (const r of t.rows) {
    const labels = Object.keys(r.labels).sort().map((k) => `${k}=${r.labels[k]}`).join(",") || "<none>";
    lines.push([...(opts.namespace ? [r.namespace] : []), ...r.cells, ...(opts.wide ? r.wide : []), ...(opts.labels ? [labels] : [])].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}
