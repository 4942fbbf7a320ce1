// kubectl logs (pkg/cmd/logs): a container's log, --previous, --tail, --timestamps, -f.

import { Cancelled } from "../../kernel/cancellation.js";
import type { LogLine } from "../../kube/kubelet/logs.js";
import type { Verb } from "../types.js";
import { UsageError } from "../types.js";

const stamp = (l: LogLine) => `${new Date(l.time).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z")} `;

export const logs: Verb = {
  name: "logs", short: "Print the logs for a container in a pod",
  flags: [{ name: "container", short: "c", type: "string" }, { name: "follow", short: "f", type: "bool" }, { name: "previous", short: "p", type: "bool" }, { name: "tail", type: "int" }, { name: "timestamps", type: "bool" }, { name: "all-containers", type: "bool" }],
  async run(call) {
    const name = call.args[0]?.replace(/^(pods?|po)\//, "");
    if (name === undefined) throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
    const pod = call.cluster.store.getPod(call.namespace, name);
    if (pod === undefined) {
      await call.err(`Error from server (NotFound): pods "${name}" not found\n`);
      return 1;
    }
    const names = (pod.spec.containers ?? []).map((c) => c.name!);
    const cname = call.str("container") ?? call.args[1] ?? names[0]!;
    if (!names.includes(cname)) {
      await call.err(`Error from server (BadRequest): container ${cname} is not valid for pod ${name}\n`);
      return 1;
    }
    if (call.str("container") === undefined && names.length > 1) await call.err(`Defaulted container "${cname}" out of: ${names.join(", ")}\n`);
    const c = call.cluster.kubelet.runtimeOf(pod)?.containers.get(cname);
    const status = pod.status?.containerStatuses?.find((s) => s.name === cname);
    if (call.bool("previous")) {
      if (c?.previousLogs === undefined) {
        await call.err(`Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found\n`);
        return 1;
      }
    } else if (c === undefined || c.id === "" || status?.state.waiting !== undefined && (status.restartCount === 0)) {
      const reason = status?.state.waiting?.reason ?? "ContainerCreating";
      await call.err(`Error from server (BadRequest): container "${cname}" in pod "${name}" is waiting to start: ${reason === "ContainerCreating" ? "ContainerCreating" : reason === "CrashLoopBackOff" ? "trying and failing to pull image" : reason}\n`);
      return 1;
    }
    const buffer = call.bool("previous") ? c!.previousLogs! : c!.logs;
    const tail = call.flags.get("tail") as number | undefined;
    const lines = tail !== undefined && tail >= 0 ? buffer.lines.slice(Math.max(0, buffer.lines.length - tail)) : buffer.lines;
    const show = (l: LogLine) => (call.bool("timestamps") ? stamp(l) : "") + l.text;
    await call.out(lines.map(show).join(""));
    if (!call.bool("follow") || call.bool("previous")) return 0;
    await new Promise<void>((resolve, reject) => {
      const off = buffer.follow((l) => void call.out(show(l)));
      const done = c!.init?.wait();
      void done?.then(() => {
        off();
        resolve();
      });
      call.ctx.proc.lifetime.onCancel((r) => {
        off();
        reject(new Cancelled(r));
      });
    });
    return 0;
  },
};
