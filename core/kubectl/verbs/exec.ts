// kubectl exec (pkg/cmd/exec): the pod and container checks with kubectl's messages, then the
// remote process with its streams — with -t, the local terminal goes raw and bytes flow both
// ways between it and the container's pseudo-terminal, as SPDY streams do.

import type { Pty } from "../../kernel/tty.js";
import type { ImageFiles } from "../../kube/kube-system.js";
import { execInContainer } from "../../kube/kubelet/exec.js";
import type { OpenDescription } from "../../kernel/program.js";
import type { ExitReason } from "../../kernel/process.js";
import { rawSession } from "../terminal.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";

export const exec: Verb = {
  name: "exec", short: "Execute a command in a container",
  flags: [{ name: "stdin", short: "i", type: "bool" }, { name: "tty", short: "t", type: "bool" }, { name: "container", short: "c", type: "string" }, { name: "quiet", short: "q", type: "bool" }],
  async run(call) {
    const { args, argsLenAtDash } = call;
    if (args.length === 0) throw new UsageError("pod, type/name or --filename must be specified");
    let podName = args[0]!.replace(/^(pods?|po)\//, "");
    let command: string[];
    if (argsLenAtDash < 0 || argsLenAtDash > 1) {
      if (argsLenAtDash > 1) throw new UsageError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`);
      if (call.cluster.profile.execWithoutDash === "error" && args.length > 1) throw new UsageError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`);
      if (args.length > 1) await call.err("kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n");
      command = args.slice(1);
    } else command = args.slice(argsLenAtDash);
    if (argsLenAtDash === 0) throw new UsageError("pod, type/name or --filename must be specified");
    if (command.length === 0) throw new UsageError("you must specify at least one command for the container");
    const pod = call.cluster.store.getPod(call.namespace, podName);
    if (pod === undefined) {
      await call.err(`Error from server (NotFound): pods "${podName}" not found\n`);
      return 1;
    }
    podName = pod.metadata.name!;
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") {
      await call.err(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
      return 1;
    }
    // podcmd.FindOrDefaultContainerByName(): -c may name an app or an init container; the
    // default is noted over AllContainerNames when the pod has several, or any init container.
    const names = (pod.spec.containers ?? []).map((c) => c.name!);
    const initNames = (pod.spec.initContainers ?? []).map((c) => c.name!);
    let containerName = call.str("container");
    if (containerName === undefined) {
      containerName = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? names[0]!;
      const all = [...names, ...initNames.map((n) => `${n} (init)`)];
      if ((names.length > 1 || initNames.length > 0) && !call.bool("quiet")) await call.err(`Defaulted container "${containerName}" out of: ${all.join(", ")}\n`);
    } else if (!names.includes(containerName) && !initNames.includes(containerName)) {
      await call.err(`error: container ${containerName} not found in pod ${podName}\n`);
      return 1;
    }
    const local = call.ctx.stdio.stdin.tty as Pty | undefined;
    let tty = call.bool("tty");
    const stdin = call.bool("stdin");
    // A kube-system pod that was running before the lab: the runtime looks the command up in its
    // image; what it would then run (a component's binary, etcd's bash-static) is not emulated.
    const boot = call.cluster.kubeSystem.imageFiles(pod, containerName);
    if (boot !== undefined) {
      if (tty && local === undefined) await call.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
      if (boot.files !== undefined && !inImage(boot.files, command[0]!)) return notFound(call, command[0]!);
      await call.err("error: running commands in the kube-system pods' containers is not available in this lab\n");
      return 1;
    }
    const pr = call.cluster.kubelet.runtimeOf(pod);
    const c = pr?.containers.get(containerName);
    if (pr === undefined || c === undefined || c.init === undefined || !c.init.alive || c.processSpec === undefined) {
      await call.err(`error: unable to upgrade connection: container not found ("${containerName}")\n`);
      return 1;
    }
    if (tty && (!stdin || local === undefined)) {
      if (local === undefined) await call.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
      tty = tty && local !== undefined && stdin;
    }
    const forward = (name: "stdout" | "stderr"): OpenDescription => ({ description: name, write: (data) => (name === "stdout" ? call.ctx.stdout : call.ctx.stderr).write(data) });
    const started = execInContainer(pr, c, {
      argv: command, tty: tty ? { ...local!.winsize } : undefined,
      stdin: stdin ? { description: "stdin", read: (max) => call.ctx.stdin.read(max) } : undefined,
      stdout: forward("stdout"), stderr: forward("stderr"),
    });
    if (!started.ok) return notFound(call, started.notFound);
    let status: number;
    if (tty && started.pty !== undefined) status = await attach(call, local!, started.pty, started.done);
    else {
      const r = await started.done;
      status = "status" in r ? r.status : 128 + r.signal;
    }
    if (status !== 0) await call.err(`command terminated with exit code ${status}\n`);
    return status;
  },
};

/**
 * The runtime could not find the command in the container (runc's "executable file not found"):
 * Docker's exec prints it on the stream and exits 126; containerd's CRI fails the request.
 */
async function notFound(call: KubectlCall, cmd: string): Promise<number> {
  const id = call.cluster.node.kernel.random.hex(64);
  const msg = call.cluster.profile.execNotFound(cmd, id);
  if (call.cluster.profile.runtime === "docker") {
    await call.out(`${msg}\r\n`);
    await call.err("command terminated with exit code 126\n");
    return 126;
  }
  await call.err(`error: ${msg}\n`);
  return 1;
}

/** exec.LookPath in an image: a path names a file (from the working directory /), a name is searched in PATH. */
function inImage(files: ImageFiles, cmd: string): boolean {
  if (cmd.includes("/")) {
    const parts: string[] = [];
    for (const p of cmd.split("/")) {
      if (p === "" || p === ".") continue;
      if (p === "..") parts.pop();
      else parts.push(p);
    }
    return files.executables.has(`/${parts.join("/")}`);
  }
  return cmd !== "" && files.path.some((dir) => files.executables.has(`${dir}/${cmd}`));
}

/** Bridges the local terminal (made raw) and the container's terminal until the process ends. */
function attach(call: KubectlCall, local: Pty, remote: Pty, done: Promise<ExitReason>): Promise<number> {
  let writes = Promise.resolve();
  remote.setOutput((bytes) => {
    writes = writes.then(() => call.ctx.stdout.write(bytes)).then(() => remote.drained(bytes.length), () => remote.drained(bytes.length));
  });
  const status = done.then((r) => ("status" in r ? r.status : 128 + r.signal));
  return rawSession(call, local, { tty: remote, input: (data) => remote.input(data), resize: (w) => remote.resize(w) }, status, () => writes);
}
