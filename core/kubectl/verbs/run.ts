// kubectl run NAME --image=IMAGE [--restart=Never|OnFailure|Always] [--labels=k=v] [--env=K=V]
// [--port=N] [--privileged] [--overrides=JSON [--override-type=merge|strategic]]
// [--dry-run=client|server|none] [-o yaml|json|name|jsonpath=…] [-i] [-t] [--attach] [--rm]
// [--command] [-- ARGS] (pkg/cmd/run): a pod labelled run=NAME, created like a manifest would be
// (or only printed, with --dry-run=client). With -i (or --attach) kubectl waits for it to run,
// attaches to its container (kubectl attach), then with Never/OnFailure waits for it to end and
// exits with its process's status; --rm deletes it afterwards.

import { parseReference } from "../../images/registry.js";
import { strictDecode } from "../../kube/api/decode.js";
import { Pod as PodSchema, type Schema } from "../../kube/api/schema.js";
import type { Pod } from "../../kube/api/types.js";
import { type WaitResult, podCompleted, podRunningAndReady, podSucceeded, waitForPod } from "../pod-wait.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";
import { DRY_RUN_FLAG, kubectlMinor, printFlags } from "./apply.js";
import { PrintError } from "../jsonpath.js";
import { attachToPod, podRunningTimeout, printLogs } from "./attach.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * RFC 7396 JSON merge patch as evanphx/json-patch v4 MergePatch applies it: null removes a key,
 * objects merge, anything else (lists too) replaces; nulls inside added values are pruned.
 */
function mergePatch(doc: unknown, patch: unknown): unknown {
  const prune = (v: unknown): unknown => (Array.isArray(v) ? v.map(prune) : isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, prune(x)])) : v);
  if (!isObject(doc)) return prune(patch);
  if (!isObject(patch)) return patch;
  const out: Json = { ...doc };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = k in out && out[k] !== null ? mergePatch(out[k], v) : prune(v);
  }
  return out;
}

/** The patchMergeKey of the core/v1 lists a pod has (k8s.io/api core/v1 types.go); others are replaced. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name", initContainers: "name", ephemeralContainers: "name", volumes: "name", env: "name", volumeMounts: "mountPath",
  volumeDevices: "devicePath", ports: "containerPort", imagePullSecrets: "name", hostAliases: "ip", readinessGates: "conditionType",
  schedulingGates: "name", resourceClaims: "name",
};

/**
 * A strategic merge patch (apimachinery strategicpatch StrategicMergePatch) for the lists podlab
 * knows: elements of a list with a merge key merge with the element of the same key, new ones
 * are appended; `$patch: delete` in such an element removes it. Directives beyond that
 * ($retainKeys, $setElementOrder, $deleteFromPrimitiveList) are not modelled.
 */
function strategicPatch(doc: unknown, patch: unknown, field = ""): unknown {
  const key = MERGE_KEYS[field];
  if (key !== undefined && Array.isArray(doc) && Array.isArray(patch)) {
    const out = [...doc];
    for (const p of patch) {
      const i = out.findIndex((d) => isObject(d) && isObject(p) && d[key] === p[key]);
      if (isObject(p) && p.$patch === "delete") {
        if (i >= 0) out.splice(i, 1);
      } else if (i >= 0) out[i] = strategicPatch(out[i], p);
      else out.push(p);
    }
    return out;
  }
  if (!isObject(doc) || !isObject(patch)) return patch;
  if (patch.$patch === "replace") return Object.fromEntries(Object.entries(patch).filter(([k]) => k !== "$patch"));
  const out: Json = { ...doc };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? strategicPatch(out[k], v, k) : v;
  }
  return out;
}

/**
 * What encoding/json writes for a corev1.Pod decoded from `raw` (the overrider's
 * runtime.Decode): fields the client's API types do not have and nulls are gone, and the fields
 * that are never omitted are there: the struct-valued metadata, spec, status and containers'
 * resources, fields without omitempty (`required` in the schema) as zero values, and a zero
 * creationTimestamp as null until apimachinery v0.34 tagged it omitzero.
 */
function typedPod(raw: unknown, minor: number): { pod: Json } | { error: string } {
  const decoded = strictDecode(raw, PodSchema, minor);
  if (decoded.typeError !== undefined) return { error: decoded.typeError };
  const zero = (s: Schema): unknown => (s.t === "string" || s.t === "intOrString" ? "" : s.t === "int32" || s.t === "int64" ? 0 : s.t === "bool" ? false : s.t === "object" ? {} : null);
  const fill = (v: unknown, s: Schema, path: string): unknown => {
    if (Array.isArray(v)) return s.t === "array" ? v.map((x) => fill(x, s.of, path)) : v;
    if (!isObject(v) || s.t !== "object") return v;
    const out: Json = { ...v };
    for (const f of s.fields) {
      const at = `${path}.${f.name}`;
      if (out[f.name] !== undefined) out[f.name] = fill(out[f.name], f.schema, at);
      else if (f.required || ["Pod.metadata", "Pod.spec", "Pod.status", "Container.resources"].includes(`${s.go}.${f.name}`)) out[f.name] = fill(zero(f.schema), f.schema, at);
      else if (at === ".metadata.creationTimestamp" && minor < 34) out[f.name] = null;
    }
    return out;
  };
  return { pod: fill(decoded.value ?? {}, PodSchema, "") as Json };
}

/** cmdutil.Overrider.Apply: the --overrides JSON onto the generated pod (merge by default). */
function override(pod: Json, overrides: string, type: string, minor: number): { pod: Json } | { error: string } {
  if (overrides === "") return { pod };
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    patch = undefined;
  }
  switch (type === "" ? "merge" : type) {
    case "merge":
    case "strategic":
      // doMergePatch: a patch that is not a JSON object is "Invalid JSON Patch" (a list would
      // replace the document, which then has no kind to decode).
      if (Array.isArray(patch)) return { error: `couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
      if (!isObject(patch)) return { error: "Invalid JSON Patch" };
      return typedPod(type === "strategic" ? strategicPatch(pod, patch) : mergePatch(pod, patch), minor);
    case "json":
      return { error: "--override-type=json is not available in this lab" };
    default:
      return { error: `invalid override type: ${type}` };
  }
}

/** What CheckErr makes of Run's result: the text it prints to stderr and the exit status. */
interface Outcome {
  status: number;
  message?: string;
}

export const run: Verb = {
  name: "run", short: "Run a particular image on the cluster",
  flags: [
    { name: "image", type: "string" }, { name: "restart", type: "string" }, { name: "labels", short: "l", type: "string" }, { name: "env", type: "stringArray" },
    { name: "command", type: "bool" }, DRY_RUN_FLAG, { name: "output", short: "o", type: "string" }, { name: "port", type: "string" },
    { name: "overrides", type: "string" }, { name: "override-type", type: "string" }, { name: "privileged", type: "bool" },
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
    // Complete(): the dry-run strategy, then the printer.
    const flags = await printFlags(call);
    if (flags === undefined) return 1;
    const { dryRun, printer } = flags;
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
    if (attach && dryRun !== "none") throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    const pullPolicy = call.str("image-pull-policy") ?? "";
    if (!["", "Always", "IfNotPresent", "Never"].includes(pullPolicy)) throw new UsageError(`invalid image pull policy: ${pullPolicy}`);

    const rest = call.argsLenAtDash >= 0 ? call.args.slice(call.argsLenAtDash) : call.args.slice(1);
    const labels: Record<string, string> = {};
    for (const kv of (call.str("labels") ?? `run=${name}`).split(",")) {
      const [k, v] = kv.split("=");
      if (k) labels[k] = v ?? "";
    }
    // generate/versioned BasicPod: stdin, stdinOnce (unless --leave-stdin-open) and tty as asked.
    const minor = kubectlMinor(call);
    const container: Json = { name, image, resources: {} };
    if (rest.length > 0) container[call.bool("command") ? "command" : "args"] = rest;
    const env = (call.flags.get("env") as string[] | undefined) ?? [];
    if (env.length > 0) container.env = env.map((e) => ({ name: e.split("=")[0], value: e.slice(e.indexOf("=") + 1) }));
    if (interactive) container.stdin = true;
    if (interactive && !call.bool("leave-stdin-open")) container.stdinOnce = true;
    if (tty) container.tty = true;
    if (pullPolicy !== "") container.imagePullPolicy = pullPolicy;
    if (call.bool("privileged")) container.securityContext = { privileged: true };
    // updatePodPorts: strconv.Atoi of --port.
    const port = call.str("port") ?? "";
    if (port !== "") {
      if (!/^[-+]?\d+$/.test(port)) {
        await call.err(`error: strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax\n`);
        return 1;
      }
      container.ports = [{ containerPort: Number(port) }];
    }
    const generated: Json = {
      apiVersion: "v1", kind: "Pod", metadata: { name, labels, ...(minor >= 34 ? {} : { creationTimestamp: null }) },
      spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy }, status: {},
    };
    const overridden = override(generated, call.str("overrides") ?? "", call.str("override-type") ?? "merge", minor);
    if ("error" in overridden) {
      await call.err(`error: ${overridden.error}\n`);
      return 1;
    }
    const manifest = overridden.pod;
    const print = async (object: unknown, line: string): Promise<number> => {
      try {
        await call.out(printer.print(object, line, "go"));
      } catch (err) {
        if (!(err instanceof PrintError)) throw err;
        await call.err(`error: ${err.message}`);
        return 1;
      }
      return 0;
    };
    if (dryRun === "client") {
      // createGeneratedObject: nothing is sent; the namespace is set only when -n enforces it.
      if (call.namespaceExplicit) (manifest.metadata as Json).namespace = call.namespace;
      return print(manifest, `pod/${name} created`);
    }
    // resource.Helper.Create(o.Namespace, …): the request's namespace is the context's or -n's.
    const [outcome] = call.cluster.submit("STDIN", JSON.stringify(manifest), "create", call.namespace, dryRun === "server" ? "server" : undefined);
    if (outcome === undefined || outcome.kind === "error") {
      await call.err(`${(outcome?.text ?? "error: nothing created").replace(/error when creating "STDIN": /, "")}\n`);
      return 1;
    }
    for (const w of outcome.warnings) await call.err(`Warning: ${w}\n`);
    if (!attach) return print(outcome.object, outcome.line);
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
