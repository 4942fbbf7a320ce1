// kubectl attach POD [-c CONTAINER] [-i] [-t] (pkg/cmd/attach): joins the streams of a running
// container's PID 1 — its console with `tty: true` (the local terminal goes raw, as for exec -t),
// or its stdin pipe and output. Ends when the container's process exits; then, for a
// `restartPolicy: Always` pod, says how to come back. `kubectl run -i` attaches the same way.

import { CancellationSource, Cancelled } from "../../kernel/cancellation.js";
import type { Pty } from "../../kernel/tty.js";
import type { Container, Pod } from "../../kube/api/types.js";
import type { AttachSession } from "../../kube/kubelet/attach.js";
import { resolveResource } from "../resources.js";
import { orderedWriter, rawSession } from "../terminal.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";

/** --pod-running-timeout's default (defaultPodAttachTimeout). */
export const DEFAULT_POD_RUNNING_TIMEOUT = 60_000;

const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/** cmdutil.GetPodRunningTimeoutFlag: a duration above zero; throws the usage error. */
export function podRunningTimeout(call: KubectlCall): number {
  const ms = (call.flags.get("pod-running-timeout") as number | undefined) ?? DEFAULT_POD_RUNNING_TIMEOUT;
  if (ms <= 0) throw new UsageError("--pod-running-timeout must be higher than zero");
  return ms;
}

/** podcmd.FindOrDefaultContainerByName: -c, the default-container annotation, or the first one. */
export async function findOrDefaultContainer(call: KubectlCall, pod: Pod, name: string | undefined, quiet: boolean): Promise<Container | { error: string }> {
  const containers = pod.spec.containers ?? [];
  const inits = pod.spec.initContainers ?? [];
  if (name !== undefined && name !== "") {
    const found = containers.find((c) => c.name === name) ?? inits.find((c) => c.name === name);
    return found ?? { error: `container ${name} not found in pod ${pod.metadata.name}` };
  }
  if (containers.length === 0) return { error: `pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers` };
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const byAnnotation = annotated ? containers.find((c) => c.name === annotated) ?? inits.find((c) => c.name === annotated) : undefined;
  if (byAnnotation !== undefined) return byAnnotation;
  const first = containers[0]!;
  if (!quiet && (containers.length > 1 || inits.length > 0)) {
    const all = [...containers.map((c) => c.name!), ...inits.map((c) => `${c.name} (init)`)];
    await call.err(`Defaulted container "${first.name}" out of: ${all.join(", ")}\n`);
  }
  return first;
}

/** logOpts: the container's log, as `kubectl logs` streams it, when there is nothing to attach to. */
export async function printLogs(call: KubectlCall, pod: Pod, containerName: string | undefined): Promise<string | undefined> {
  const container = await findOrDefaultContainer(call, pod, containerName, false);
  if ("error" in container) return `error: ${container.error}`;
  const c = call.cluster.kubelet.runtimeOf(pod)?.containers.get(container.name!);
  if (c === undefined || c.id === "") {
    const reason = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state.waiting?.reason ?? "ContainerCreating";
    return `Error from server (BadRequest): container "${container.name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`;
  }
  await call.out(c.logs.lines.map((l) => l.text).join(""));
  return undefined;
}

export interface AttachRequest {
  containerName: string | undefined;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
}

/**
 * AttachOptions.Run with the pod known: the container, the terminal checks, the prompt hint, the
 * stream until the container's process exits, then the reattach hint. Resolves with the error
 * text (without CheckErr's "error: ") when the attach failed.
 */
export async function attachToPod(call: KubectlCall, pod: Pod, req: AttachRequest): Promise<{ error: string } | undefined> {
  const container = await findOrDefaultContainer(call, pod, req.containerName, req.quiet);
  if ("error" in container) return { error: `cannot attach to the container: ${container.error}` };
  let tty = req.tty;
  if (tty && container.tty !== true) {
    tty = false;
    if (!req.quiet) await call.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty === true) {
    // The container has a terminal: the stream is one (else "Unrecognized input header").
    tty = true;
  }
  // StreamOptions.SetupTTY: raw only with stdin from a terminal.
  const local = call.ctx.stdio.stdin.tty as Pty | undefined;
  let raw = false;
  if (req.stdin && tty) {
    if (local === undefined) {
      if (!req.quiet) await call.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    } else raw = true;
  }
  if (!req.quiet) {
    const [, minor] = call.cluster.profile.kubectlVersion.gitVersion.split(".");
    if (Number(minor) >= 34) await call.err("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n");
    await call.err("If you don't see a command prompt, try pressing enter.\n");
  }
  // The kubelet's GetAttach: only a running container has streams to join.
  const c = call.cluster.kubelet.runtimeOf(pod)?.containers.get(container.name!);
  const streams = c?.init?.alive === true ? c.streams : undefined;
  if (streams === undefined || streams.ended) return { error: `unable to upgrade connection: container not found ("${container.name}")` };
  const stdout = orderedWriter((data) => call.ctx.stdout.write(data));
  // With a raw terminal the stream has no stderr (DisableStderr).
  const stderr = raw ? stdout : orderedWriter((data) => call.ctx.stderr.write(data));
  const session = streams.attach({ stdout: stdout.write, stderr: stderr.write }, req.stdin);
  try {
    if (raw && session.tty && streams.console !== undefined) {
      // TTY.MonitorSize(size+1, size): a resize the program sees even at the same size, so a
      // reattached screen is redrawn.
      const size = local!.winsize;
      session.resize({ cols: size.cols + 1, rows: size.rows + 1 });
      session.resize(size);
      await rawSession(call, local!, { tty: streams.console, input: (d) => session.input(d), resize: (w) => session.resize(w) }, session.done, stdout.flush);
    } else {
      await streamSession(call, session, req.stdin);
      await stdout.flush();
      await stderr.flush();
    }
  } finally {
    session.detach();
  }
  // reattachMessage
  if (!req.quiet && req.stdin && raw && (pod.spec.restartPolicy ?? "Always") === "Always") {
    await call.out(`Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${container.name} -i -t' command when the pod is running\n`);
  }
  return undefined;
}

/** Without a raw terminal: stdin (when asked) copied up until it ends, output down, until exit. */
async function streamSession(call: KubectlCall, session: AttachSession, stdin: boolean): Promise<void> {
  const lifetime = call.ctx.proc.lifetime;
  const local = call.ctx.stdio.stdin.tty as Pty | undefined;
  const stop = new CancellationSource();
  const pump = stdin ? (async () => {
    try {
      for (;;) {
        // A terminal's read can be abandoned when the stream ends; a pipe's is not taken back.
        const data = local !== undefined ? await local.read(4096, call.ctx.proc, stop) : await call.ctx.stdin.read(4096);
        if (data === "") break;
        session.input(data);
      }
      session.closeStdin();
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
    }
  })() : Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      const off = lifetime.onCancel((r) => reject(new Cancelled(r)));
      void session.done.then(() => {
        off();
        resolve();
      });
    });
  } finally {
    stop.cancel("exited");
    if (local !== undefined) await pump;
  }
}

export const attach: Verb = {
  name: "attach", short: "Attach to a running container",
  flags: [
    { name: "container", short: "c", type: "string" }, { name: "stdin", short: "i", type: "bool" }, { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" }, { name: "pod-running-timeout", type: "duration" },
  ],
  async run(call) {
    podRunningTimeout(call);
    const args = call.args;
    if (args.length === 0) {
      await call.err("error: at least 1 argument is required for attach\n");
      return 1;
    }
    if (args.length > 2) {
      await call.err(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(" ")}]\n`);
      return 1;
    }
    let type = "pods";
    let name = args[0]!;
    if (args.length === 2) [type, name] = [args[0]!, args[1]!];
    else if (name.includes("/")) [type, name] = name.split("/", 2) as [string, string];
    const resource = resolveResource(type);
    if (resource === undefined) {
      await call.err(`error: the server doesn't have a resource type "${type}"\n`);
      return 1;
    }
    if (resource !== "pods") {
      const go = { namespaces: "*v1.Namespace", events: "*v1.Event", nodes: "*v1.Node", services: "*v1.Service" }[resource];
      const why = resource === "services" ? `invalid service '${name}': Service is defined without a selector` : `selector for ${go} not implemented`;
      await call.err(`error: cannot attach to ${go}: ${why}\n`);
      return 1;
    }
    const pod = call.cluster.store.getPod(call.namespace, name);
    if (pod === undefined) {
      await call.err(`Error from server (NotFound): pods "${name}" not found\n`);
      return 1;
    }
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") {
      await call.err(`error: cannot attach a container in a completed pod; current phase is ${phase}\n`);
      return 1;
    }
    const failed = await attachToPod(call, pod, { containerName: call.str("container"), stdin: call.bool("stdin"), tty: call.bool("tty"), quiet: call.bool("quiet") });
    if (failed !== undefined) {
      await call.err(`error: ${failed.error}\n`);
      return 1;
    }
    return 0;
  },
};
