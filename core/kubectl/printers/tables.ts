// The table printers of `kubectl get`: the apiserver's TableColumnDefinitions and row cells
// (kubernetes pkg/printers/internalversion/printers.go AddHandlers, printPod, printNode,
// printEvent, printNamespace, printService) and kubectl's decoration of them (cli-runtime
// pkg/printers/tableprinter.go: priority-1 columns only with -o wide, NAMESPACE first with -A,
// kind/name with several kinds, LABELS last with --show-labels).

import type { Event, Namespace, Pod } from "../../kube/api/types.js";
import { humanDuration } from "./tabwriter.js";

export interface Column {
  readonly name: string;
  /** 0: always shown; 1: only with -o wide (TableColumnDefinition.Priority). */
  readonly priority: 0 | 1;
}

export interface Row {
  /** One cell per column, in column order. */
  readonly cells: readonly string[];
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

const col = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

/** translateTimestampSince(): "<unknown>" for a zero time. */
const since = (now: number, ts: string | null | undefined) => (ts === undefined || ts === null ? "<unknown>" : humanDuration(now - Date.parse(ts)));

const POD_COLUMNS = [col("NAME"), col("READY"), col("STATUS"), col("RESTARTS"), col("AGE"), col("IP", 1), col("NODE", 1), col("NOMINATED NODE", 1), col("READINESS GATES", 1)];

/**
 * printPod(): READY, STATUS (the reason a person needs), RESTARTS with the last restart's age.
 * `minor` is the apiserver's (server-side printing): from 1.31 (kubernetes#122038) a deleted pod
 * that already ended keeps its phase's reason instead of "Terminating". Init containers as since
 * 1.28 (sidecar containers, kubernetes#116429, the same in 1.29 and 1.34): the first init
 * container that has not succeeded gives "Init:<reason>" or "Init:N/M" and, while the pod
 * initializes, RESTARTS counts the init containers' restarts; afterwards only restartable
 * (sidecar) init containers' and the app containers' count, and READY counts app containers
 * plus started sidecars.
 */
export function podCells(pod: Pod, now: number, minor: number): string[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const initSpecs = pod.spec.initContainers ?? [];
  const restartable = (name: string) => initSpecs.find((c) => c.name === name)?.restartPolicy === "Always";
  const total = (pod.spec.containers?.length ?? 0) + initSpecs.filter((c) => c.restartPolicy === "Always").length;
  const phase = pod.status?.phase ?? "";
  let reason = pod.status?.reason || phase;
  if (pod.status?.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";
  let restarts = 0;
  let sidecarRestarts = 0;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, finished: string | undefined) => (finished !== undefined && (a === undefined || Date.parse(finished) > a) ? Date.parse(finished) : a);
  let initializing = false;
  const inits = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    restarts += c.restartCount;
    lastRestart = later(lastRestart, c.lastState.terminated?.finishedAt);
    if (restartable(c.name)) {
      sidecarRestarts += c.restartCount;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState.terminated?.finishedAt);
    }
    const t = c.state.terminated;
    if (t !== undefined && t.exitCode === 0) continue;
    if (restartable(c.name) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (t !== undefined) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== "PodInitializing") reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  if (!initializing || pod.status?.conditions?.find((c) => c.type === "Initialized")?.status === "True") {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount;
      lastRestart = later(lastRestart, c.lastState.terminated?.finishedAt);
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated !== undefined) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
  }
  if (pod.metadata.deletionTimestamp !== undefined && pod.status?.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp !== undefined && (minor < 31 || (phase !== "Succeeded" && phase !== "Failed"))) reason = "Terminating";
  const restartText = restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  const podIP = pod.status?.podIPs?.[0]?.ip || "<none>";
  return [pod.metadata.name!, `${ready}/${total}`, reason, restartText, since(now, pod.metadata.creationTimestamp), podIP, pod.spec.nodeName || "<none>", pod.status?.nominatedNodeName || "<none>", "<none>"];
}

export function podTable(pods: readonly Pod[], now: number, minor: number): Table {
  return { columns: POD_COLUMNS, rows: pods.map((p) => ({ cells: podCells(p, now, minor), namespace: p.metadata.namespace!, labels: p.metadata.labels ?? {} })) };
}

export function namespaceTable(nss: readonly Namespace[], now: number): Table {
  return {
    columns: [col("NAME"), col("STATUS"), col("AGE")],
    rows: nss.map((n) => ({ cells: [n.metadata.name!, n.status?.phase ?? "", since(now, n.metadata.creationTimestamp)], namespace: "", labels: n.metadata.labels ?? {} })),
  };
}

/** formatEventSource(): component (or reportingController), ", " host (or reportingInstance). */
function eventSource(e: Event): string {
  const component = e.source.component || e.reportingComponent;
  const instance = e.source.host || e.reportingInstance;
  return instance ? `${component}, ${instance}` : component;
}

/**
 * printEvent(): LAST SEEN is lastTimestamp (or the first one, or eventTime); COUNT only with
 * -o wide. `kubectl get events` has no "(xN over …)" form: that is describe's and `kubectl
 * events`' interval. Rows come in the apiserver's list order (by name), not sorted by time.
 */
export function eventTable(events: readonly Event[], now: number): Table {
  return {
    columns: [col("LAST SEEN"), col("TYPE"), col("REASON"), col("OBJECT"), col("SUBOBJECT", 1), col("SOURCE", 1), col("MESSAGE"), col("FIRST SEEN", 1), col("COUNT", 1), col("NAME", 1)],
    rows: events.map((e) => {
      const first = e.firstTimestamp === null ? since(now, e.eventTime) : since(now, e.firstTimestamp);
      const last = e.lastTimestamp === null ? first : since(now, e.lastTimestamp);
      const target = e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase();
      return {
        cells: [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? "", eventSource(e), e.message.trim(), first, String(e.count || 1), e.metadata.name!],
        namespace: e.metadata.namespace!, labels: e.metadata.labels ?? {},
      };
    }),
  };
}

/** printNode(): Ready/NotReady, roles from node-role.kubernetes.io/<role> labels, sorted. */
export function nodeTable(nodes: readonly { name: string; ready: boolean; labels: Record<string, string>; created: string; kubeletVersion: string; internalIP: string; osImage: string; kernelVersion: string; runtime: string }[], now: number): Table {
  return {
    columns: [col("NAME"), col("STATUS"), col("ROLES"), col("AGE"), col("VERSION"), col("INTERNAL-IP", 1), col("EXTERNAL-IP", 1), col("OS-IMAGE", 1), col("KERNEL-VERSION", 1), col("CONTAINER-RUNTIME", 1)],
    rows: nodes.map((n) => {
      const roles = Object.keys(n.labels).filter((k) => k.startsWith("node-role.kubernetes.io/") && k.length > 24).map((k) => k.slice(24));
      if (n.labels["kubernetes.io/role"]) roles.push(n.labels["kubernetes.io/role"]);
      const shown = [...new Set(roles)].sort().join(",") || "<none>";
      return { cells: [n.name, n.ready ? "Ready" : "NotReady", shown, since(now, n.created), n.kubeletVersion, n.internalIP, "<none>", n.osImage, n.kernelVersion, n.runtime], namespace: "", labels: n.labels };
    }),
  };
}

/** printService(). */
export function serviceTable(services: readonly { name: string; namespace: string; type: string; clusterIP: string; ports: string; created: string; labels: Record<string, string> }[], now: number): Table {
  return {
    columns: [col("NAME"), col("TYPE"), col("CLUSTER-IP"), col("EXTERNAL-IP"), col("PORT(S)"), col("AGE"), col("SELECTOR", 1)],
    rows: services.map((s) => ({ cells: [s.name, s.type, s.clusterIP, "<none>", s.ports, since(now, s.created), "<none>"], namespace: s.namespace, labels: s.labels })),
  };
}

export interface TableOptions {
  readonly wide: boolean;
  /** -A on a namespaced resource: a NAMESPACE column first. */
  readonly namespace: boolean;
  readonly labels: boolean;
  readonly headers: boolean;
  /** Several kinds in one `get`: the name column reads "kind/name" (PrintOptions.WithKind). */
  readonly kind?: string;
}

/**
 * Renders a table as tab-separated lines for the tabwriter (printTable/decorateTable): no header
 * when there are no rows, label values joined "k=v,…" sorted by key (labels.FormatLabels).
 */
export function tableText(t: Table, opts: TableOptions): string {
  if (t.rows.length === 0) return "";
  const shown = t.columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const header = [...(opts.namespace ? ["NAMESPACE"] : []), ...shown.map(({ c }) => c.name), ...(opts.labels ? ["LABELS"] : [])];
  const lines = opts.headers ? [header.join("\t")] : [];
  // The kind goes on the column whose Format is "name" (events: the wide NAME column).
  const nameColumn = t.columns.findIndex((c) => c.name === "NAME");
  for (const r of t.rows) {
    const labels = Object.keys(r.labels).sort().map((k) => `${k}=${r.labels[k]}`).join(",") || "<none>";
    const all = [...r.cells];
    if (opts.kind !== undefined && nameColumn >= 0) all[nameColumn] = `${opts.kind}/${all[nameColumn]}`;
    const cells = shown.map(({ i }) => all[i]!);
    lines.push([...(opts.namespace ? [r.namespace] : []), ...cells, ...(opts.labels ? [labels] : [])].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}
