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
      // From kubectl 1.30 (kubectl#120111) logs.go Complete wraps the NotFound, which then prints as a plain error.
      const minor = Number(call.cluster.profile.kubectlVersion.gitVersion.split(".")[1]);
      await call.err(minor >= 30 ? `error: error from server (NotFound): pods "${name}" not found in namespace "${call.namespace}"\n` : `Error from server (NotFound): pods "${name}" not found\n`);
      return 1;
    }
    // logsForObjectWithClient(): the first container by default, named with podcmd.AllContainerNames
    // when there are others; a container the pod does not have is the client's error.
    const names = (pod.spec.containers ?? []).map((c) => c.name!);
    const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)];
    const cname = call.str("container") ?? call.args[1] ?? names[0]!;
    if (call.str("container") === undefined && call.args[1] === undefined && all.length > 1) await call.err(`Defaulted container "${cname}" out of: ${all.join(", ")}\n`);
    if (!names.includes(cname) && !(pod.spec.initContainers ?? []).some((c) => c.name === cname)) {
      await call.err(`error: container ${cname} is not valid for pod ${name}\n`);
      return 1;
    }
    if (call.cluster.kubeSystem.templateOf(pod) !== undefined) {
      // A kube-system pod that was running before the lab: never restarted, so there is no
      // previous container; its components' logs are not emulated.
      if (call.bool("previous")) {
        await call.err(`Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found\n`);
        return 1;
      }
      await call.err("error: logs of the kube-system pods are not available in this lab\n");
      return 1;
    }
    const c = call.cluster.kubelet.runtimeOf(pod)?.containers.get(cname);
    const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === cname);
    // The kubelet's validateContainerLogStatus(): which container's log, or why none.
    const refuse = async (why: string) => {
      await call.err(`Error from server (BadRequest): container "${cname}" in pod "${name}" ${why}\n`);
      return 1;
    };
    if (status === undefined || c === undefined) return refuse("is not available");
    const previous = call.bool("previous");
    const last = status.lastState.terminated;
    let buffer = c.logs;
    if (previous) {
      if (last === undefined || !last.containerID) {
        await call.err(`Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found\n`);
        return 1;
      }
      // While the container runs again, its last run's log is the previous buffer; while it waits
      // to be restarted the last run is still the current one.
      if (status.state.running !== undefined) buffer = c.previousLogs ?? c.logs;
    } else if (status.state.running === undefined && status.state.terminated === undefined && last === undefined) {
      const reason = status.state.waiting?.reason;
      if (reason === undefined) return refuse("is waiting to start - no logs yet");
      return refuse(`is waiting to start: ${reason === "ErrImagePull" ? "image can't be pulled" : reason === "ImagePullBackOff" ? "trying and failing to pull image" : reason}`);
    }

    const tail = call.flags.get("tail") as number | undefined;
    const lines = tail !== undefined && tail >= 0 ? buffer.lines.slice(Math.max(0, buffer.lines.length - tail)) : buffer.lines;
    const show = (l: LogLine) => (call.bool("timestamps") ? stamp(l) : "") + l.text;
    await call.out(lines.map(show).join(""));
    if (!call.bool("follow") || previous) return 0;
    await new Promise<void>((resolve, reject) => {
      const off = buffer.follow((l) => void call.out(show(l)));
      const done = c.init?.wait();
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
