// kubectl run NAME --image=IMAGE [--restart=Never|OnFailure|Always] [--labels=k=v] [--env=K=V]
// [-i] [-t] [--attach] [--rm] [--command] [-- ARGS] (pkg/cmd/run): a pod labelled run=NAME,
// created like a manifest would be. With -i (or --attach) kubectl waits for it to run, attaches
// to its container (kubectl attach), then with Never/OnFailure waits for it to end and exits
// with its process's status; --rm deletes it afterwards.

import { parseReference } from "../../images/registry.js";
import type { Pod } from "../../kube/api/types.js";
import { type WaitResult, podCompleted, podRunningAndReady, podSucceeded, waitForPod } from "../pod-wait.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";
import { attachToPod, podRunningTimeout, printLogs } from "./attach.js";

/** What CheckErr makes of Run's result: the text it prints to stderr and the exit status. */
interface Outcome {
  status: number;
  message?: string;
}

export const run: Verb = {
  name: "run", short: "Run a particular image on the cluster",
  flags: [
    { name: "image", type: "string" }, { name: "restart", type: "string" }, { name: "labels", short: "l", type: "string" }, { name: "env", type: "stringArray" },
    { name: "command", type: "bool" }, { name: "dry-run", type: "string" }, { name: "output", short: "o", type: "string" }, { name: "port", type: "string" },
    { name: "stdin", short: "i", type: "bool" }, { name: "tty", short: "t", type: "bool" }, { name: "rm", type: "bool" }, { name: "attach", type: "bool" },
    { name: "leave-stdin-open", type: "bool" }, { name: "quiet", short: "q", type: "bool" }, { name: "pod-running-timeout", type: "duration" },
    { name: "image-pull-policy", type: "string" },
  ],
  async run(call) {
    // cobra checks flags marked required before the command runs.
    if (!call.flags.has("image")) {
      await call.err(`error: required flag(s) "image" not set\n`);
      return 1;
    }
    const name = call.args[0];
    if (name === undefined || (call.argsLenAtDash === 0)) throw new UsageError("NAME is required for run");
    const timeout = podRunningTimeout(call);
    const image = call.str("image") ?? "";
    if (image === "") {
      await call.err("error: --image is required\n");
      return 1;
    }
    if (parseReference(image) === undefined) {
      await call.err(`error: Invalid image name "${image}": invalid reference format\n`);
      return 1;
    }
    const interactive = call.bool("stdin");
    const tty = call.bool("tty");
    if (tty && !interactive) throw new UsageError("-i/--stdin is required for containers with -t/--tty=true");
    const restart = call.str("restart") ?? "Always";
    const restartPolicy = restart === "" ? (interactive ? "OnFailure" : "Always") : restart;
    if (!["Always", "OnFailure", "Never"].includes(restartPolicy)) throw new UsageError(`invalid restart policy: ${restart}`);
    const attach = call.flags.has("attach") ? call.bool("attach") : interactive;
    const remove = call.bool("rm");
    if (!attach && remove) throw new UsageError("--rm should only be used for attached containers");
    const dryRun = call.str("dry-run");
    if (attach && dryRun !== undefined && dryRun !== "none") throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    const pullPolicy = call.str("image-pull-policy") ?? "";
    if (!["", "Always", "IfNotPresent", "Never"].includes(pullPolicy)) throw new UsageError(`invalid image pull policy: ${pullPolicy}`);

    const rest = call.argsLenAtDash >= 0 ? call.args.slice(call.argsLenAtDash) : call.args.slice(1);
    const labels: Record<string, string> = {};
    for (const kv of (call.str("labels") ?? `run=${name}`).split(",")) {
      const [k, v] = kv.split("=");
      if (k) labels[k] = v ?? "";
    }
    // generate/versioned BasicPod: stdin, stdinOnce (unless --leave-stdin-open) and tty as asked.
    const container: Record<string, unknown> = { name, image, resources: {} };
    if (rest.length > 0) container[call.bool("command") ? "command" : "args"] = rest;
    const env = (call.flags.get("env") as string[] | undefined) ?? [];
    if (env.length > 0) container.env = env.map((e) => ({ name: e.split("=")[0], value: e.slice(e.indexOf("=") + 1) }));
    if (interactive) container.stdin = true;
    if (interactive && !call.bool("leave-stdin-open")) container.stdinOnce = true;
    if (tty) container.tty = true;
    if (pullPolicy !== "") container.imagePullPolicy = pullPolicy;
    const manifest = {
      apiVersion: "v1", kind: "Pod", metadata: { labels, name },
      spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy },
    };
    const [outcome] = call.cluster.submit("STDIN", JSON.stringify(manifest), "create", call.namespaceExplicit ? call.namespace : undefined);
    if (outcome === undefined || outcome.kind === "error") {
      await call.err(`${(outcome?.text ?? "error: nothing created").replace(/error when creating "STDIN": /, "")}\n`);
      return 1;
    }
    for (const w of outcome.warnings) await call.err(`Warning: ${w}\n`);
    if (!attach) {
      await call.out(`${outcome.line}\n`);
      return 0;
    }
    const pod = call.cluster.store.getPod(call.namespace, name);
    if (pod === undefined) return 0;
    const namespace = pod.metadata.namespace!;
    // `defer o.removeCreatedObjects(...)`: the pod goes on every way out once it exists.
    const result = await runAttached(call, pod, { interactive, tty, timeout, quiet: call.bool("quiet"), waitForExitCode: !call.bool("leave-stdin-open") && restartPolicy !== "Always", restartPolicy });
    if (remove) await removePod(call, namespace, name);
    if (result.message !== undefined) await call.err(`${result.message}\n`);
    return result.status;
  },
};

interface AttachedRun {
  interactive: boolean;
  tty: boolean;
  timeout: number;
  quiet: boolean;
  waitForExitCode: boolean;
  restartPolicy: string;
}

async function runAttached(call: KubectlCall, created: Pod, opts: AttachedRun): Promise<Outcome> {
  const namespace = created.metadata.namespace!;
  const name = created.metadata.name!;
  // handleAttachPod: wait for it to run; a pod that has already ended shows its log instead.
  const running = await waitForPod(call, namespace, name, opts.timeout, podRunningAndReady());
  if (!running.ok) return { status: 1, message: running.message };
  if (running.completed) {
    const failed = await printLogs(call, running.pod, undefined);
    if (failed !== undefined) return { status: 1, message: failed };
  } else {
    const failed = await attachToPod(call, running.pod, { containerName: undefined, stdin: opts.interactive, tty: opts.tty, quiet: opts.quiet });
    if (failed !== undefined) {
      await call.err(`warning: couldn't attach to pod/${name}, falling back to streaming logs: ${failed.error}\n`);
      const noLogs = await printLogs(call, call.cluster.store.getPod(namespace, name) ?? running.pod, undefined);
      if (noLogs !== undefined) return { status: 1, message: noLogs };
    }
  }
  if (!opts.waitForExitCode) return { status: 0 };
  // Never: it ends one way or the other; OnFailure: only success ends it.
  const ended: WaitResult = await waitForPod(call, namespace, name, opts.timeout, opts.restartPolicy === "OnFailure" ? podSucceeded : podCompleted);
  if (!ended.ok) return { status: 1, message: ended.message };
  const pod = ended.pod;
  switch (pod.status?.phase) {
    case "Succeeded":
      return { status: 0 };
    case "Failed": {
      const unknown = { status: 1, message: `error: pod ${namespace}/${name} failed with unknown exit code` };
      const terminated = pod.status.containerStatuses?.[0]?.state.terminated;
      if (terminated === undefined || terminated.exitCode === 0) return unknown;
      // uexec.CodeExitError: printed as is, and its code is kubectl's exit status.
      return { status: terminated.exitCode, message: `pod ${namespace}/${name} terminated (${terminated.reason})\n${terminated.message ?? ""}`.replace(/\n$/, "") };
    }
    default:
      return { status: 1, message: `error: pod ${namespace}/${name} left in phase ${pod.status?.phase}` };
  }
}

/** removeCreatedObjects: DeleteOptions with IgnoreNotFound, no wait, the default grace period. */
async function removePod(call: KubectlCall, namespace: string, name: string): Promise<void> {
  const pod = call.cluster.store.getPod(namespace, name);
  if (pod === undefined) return;
  void call.cluster.deletePod(pod);
  if (call.bool("quiet")) return;
  const where = call.cluster.profile.deleteWording === "namespace" ? ` from ${namespace} namespace` : "";
  await call.out(`pod "${name}" deleted${where}\n`);
}
