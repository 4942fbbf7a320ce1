// kubectl events (pkg/cmd/events/events.go, event_printer.go): the events of a namespace (or all,
// -A), optionally --for one object and of some --types, sorted by when they were last seen, as
// LAST SEEN / TYPE / REASON / OBJECT / MESSAGE through the get tabwriter. -w prints the list the
// watch starts with, then each new or repeated event, flushing the tabwriter after every object
// (so watched lines are aligned on their own).

import { Cancelled } from "../../kernel/cancellation.js";
import type { Event } from "../../kube/api/types.js";
import { GET_TABLE, humanDuration, tabwrite } from "../printers/tabwriter.js";
import { KIND_OF, resolveResource } from "../resources.js";
import type { KubectlCall, Verb } from "../types.js";

/** eventTime(): Series.LastObservedTime, else LastTimestamp, else EventTime. */
const lastTime = (e: Event) => Date.parse(e.lastTimestamp ?? e.eventTime ?? "");

/** getInterval(): "AGE", or "AGE (xN over FIRST)" for a repeated event. */
function interval(e: Event, now: number): string {
  const since = (ts: string | null) => (ts === null ? "<unknown>" : humanDuration(now - Date.parse(ts)));
  const first = e.eventTime !== null ? since(e.eventTime) : since(e.firstTimestamp);
  return e.count > 1 ? `${since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
}

function line(e: Event, now: number, allNamespaces: boolean): string {
  const o = e.involvedObject;
  return `${allNamespaces ? `${e.metadata.namespace}\t` : ""}${interval(e, now)}\t${e.type}\t${e.reason}\t${o.kind}/${o.name ?? ""}\t${e.message.trim()}\n`;
}

const heading = (allNamespaces: boolean) => `${allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;

export const events: Verb = {
  name: "events", short: "List events",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool" }, { name: "watch", short: "w", type: "bool" }, { name: "for", type: "string" },
    { name: "types", type: "stringArray" }, { name: "no-headers", type: "bool" }, { name: "chunk-size", type: "int" }, { name: "output", short: "o", type: "string" },
  ],
  async run(call) {
    if (call.str("output") !== undefined) {
      await call.err("error: kubectl events -o is not available in this lab; kubectl get events -o yaml|json prints the events\n");
      return 1;
    }
    // ToOptions(): --for TYPE/NAME through the REST mapper; Validate(): the types.
    let forKind: string | undefined;
    let forName: string | undefined;
    const target = call.str("for") ?? "";
    if (target !== "") {
      const seg = target.split("/");
      if (seg.length === 1) return fail(call, "--for must be in resource/name form");
      if (seg.length !== 2) return fail(call, "arguments in resource/name form may not have more than one slash");
      const resource = resolveResource(seg[0]!);
      if (resource === undefined) return fail(call, `the server doesn't have a resource type "${seg[0]!.toLowerCase()}"`);
      forKind = KIND_OF[resource].replace(/^./, (c) => c.toUpperCase());
      forName = seg[1];
    }
    const types = ((call.flags.get("types") as string[] | undefined) ?? []).flatMap((t) => t.split(","));
    if (types.some((t) => !/^(normal|warning)$/i.test(t))) return fail(call, "valid --types are Normal or Warning");
    const all = call.bool("all-namespaces");
    const selected = (e: Event) => (all || e.metadata.namespace === call.namespace)
      && (forKind === undefined || (e.involvedObject.kind === forKind && e.involvedObject.name === forName))
      && (types.length === 0 || types.some((t) => t.toLowerCase() === e.type.toLowerCase()));
    const now = call.cluster.now();
    const headers = !call.bool("no-headers");
    if (call.bool("watch")) return watch(call, selected, all, headers);
    const list = call.cluster.store.events.filter(selected).sort((a, b) => lastTime(a) - lastTime(b));
    if (list.length === 0) {
      await call.err(all ? "No events found.\n" : `No events found in ${call.namespace} namespace.\n`);
      return 0;
    }
    await call.out(tabwrite((headers ? heading(all) : "") + list.map((e) => line(e, now, all)).join(""), GET_TABLE));
    return 0;
  },
};

async function fail(call: KubectlCall, message: string): Promise<number> {
  await call.err(`error: ${message}\n`);
  return 1;
}

/** runWatch(): the watch's initial ADDED events in store order, then changes, until interrupted. */
function watch(call: KubectlCall, selected: (e: Event) => boolean, all: boolean, headers: boolean): Promise<number> {
  let printedHeader = !headers;
  const print = (e: Event) => {
    const text = (printedHeader ? "" : heading(all)) + line(e, call.cluster.now(), all);
    printedHeader = true;
    void call.out(tabwrite(text, GET_TABLE));
  };
  for (const e of call.cluster.store.events) if (selected(e)) print(e);
  return new Promise<number>((_resolve, reject) => {
    const off = call.cluster.store.watch((change) => {
      if (change.kind === "Event" && selected(change.object as Event)) print(change.object as Event);
    });
    call.ctx.proc.lifetime.onCancel((reason) => {
      off();
      reject(new Cancelled(reason));
    });
  });
}
