// kubectl apply -f / create -f (pkg/cmd/apply/apply.go, pkg/cmd/create/create.go): each
// document's outcome in order ("pod/x created" on stdout, the server's warnings on stderr), then
// every error at once as cmdutil.CheckErr prints them; exit 1 when any failed. Also what run,
// create and apply share: --dry-run (cmdutil.GetDryRunStrategy) and -o (PrintFlags.ToPrinter).

import { KINDS } from "../../kube/api/decode.js";
import type { Schema } from "../../kube/api/schema.js";
import type { ApplyOutcome, DryRun } from "../../kube/cluster.js";
import { PrintError, jsonPathPrinter } from "../jsonpath.js";
import { type SourceError, visitSources } from "../manifests.js";
import { toJson, toYaml } from "../printers/yaml.js";
import type { KubectlCall, Verb } from "../types.js";
import { UsageError } from "../types.js";

// --- --dry-run ------------------------------------------------------------------------------

export type DryRunStrategy = "none" | DryRun;

/** cmdutil.AddDryRunFlag: a string flag whose bare form (`--dry-run`) means "unchanged". */
export const DRY_RUN_FLAG = { name: "dry-run", type: "string", noOptDefVal: "unchanged" } as const;

/** The minor of the kubectl the profile ships. */
export const kubectlMinor = (call: KubectlCall) => Number(call.cluster.profile.kubectlVersion.gitVersion.split(".")[1]);

/**
 * klog's header (klog/v2 internal/buffer FormatHeader): severity, mmdd hh:mm:ss.uuuuuu, the pid
 * right-aligned in 7 columns, file:line]. kubectl logs to stderr.
 */
async function klogWarning(call: KubectlCall, line: number, message: string): Promise<void> {
  const t = new Date(call.ctx.sys.now());
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${two(t.getUTCMonth() + 1)}${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}.${String(t.getUTCMilliseconds() * 1000).padStart(6, "0")}`;
  await call.err(`W${stamp} ${String(call.ctx.proc.pid).padStart(7)} helpers.go:${line}] ${message}\n`);
}

/**
 * cmdutil.GetDryRunStrategy (pkg/cmd/util/helpers.go): client, server or none; the bare flag and
 * strconv.ParseBool values still work, with a klog warning (helpers.go lines 704/718/721 in
 * v0.29.15, 731/745/748 in v0.34.2). An error is CheckErr's text.
 */
export async function dryRunStrategy(call: KubectlCall): Promise<DryRunStrategy | { error: string }> {
  const value = call.str("dry-run") ?? "none";
  const [bare, yes, no] = kubectlMinor(call) >= 34 ? [731, 745, 748] : [704, 718, 721];
  const parsed = /^(1|t|T|TRUE|true|True)$/.test(value) ? true : /^(0|f|F|FALSE|false|False)$/.test(value) ? false : undefined;
  if (parsed === undefined) {
    switch (value) {
      case DRY_RUN_FLAG.noOptDefVal:
        await klogWarning(call, bare, "--dry-run is deprecated and can be replaced with --dry-run=client.");
        return "client";
      case "client":
      case "server":
      case "none":
        return value;
      default:
        return { error: `error: Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
    }
  }
  await klogWarning(call, parsed ? yes : no, `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${parsed ? "client" : "none"}.`);
  return parsed ? "client" : "none";
}

// --- -o -------------------------------------------------------------------------------------

/** How kubectl holds an object: a Go struct it built or decoded ("go"), or unstructured ("sorted"). */
export type Encoding = "go" | "sorted";

export interface ObjectPrinter {
  /** apply's shouldPrintObject(): a format other than name prints the objects themselves. */
  readonly full: boolean;
  /**
   * PrintObj of one object. `line` is the NamePrinter's "kind/name operation" without the dry-run
   * suffix. Throws PrintError when a template fails on the object.
   */
  print(object: unknown, line: string, encoding: Encoding): string;
}

/** PrintFlags.AllowedFormats() sorted (NoCompatiblePrinterError; kyaml only with KUBECTL_KYAML=true). */
const FORMATS = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/**
 * encoding/json field order for the core/v1 types podlab knows (TypeMeta's kind, apiVersion
 * first); fields the schema does not list keep their order; maps are sorted.
 */
function goOrder(v: unknown, s: Schema | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => goOrder(x, s?.t === "array" ? s.of : undefined));
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (s?.t === "map") return Object.fromEntries(Object.keys(o).sort().map((k) => [k, goOrder(o[k], s.of)]));
  if (s?.t !== "object") return Object.fromEntries(Object.keys(o).map((k) => [k, goOrder(o[k], undefined)]));
  const names = s.fields.map((f) => f.name);
  if (names[0] === "apiVersion" && names[1] === "kind") names.splice(0, 2, "kind", "apiVersion");
  const keys = [...names.filter((k) => k in o), ...Object.keys(o).filter((k) => !names.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, goOrder(o[k], s.fields.find((f) => f.name === k)?.schema)]));
}

/** JSONPrinter: json.MarshalIndent with four spaces (encoding/json escapes <, >, &, U+2028/9). */
function goJson(v: unknown, encoding: Encoding): string {
  if (encoding === "sorted") return toJson(v);
  const kind = (v as { kind?: string }).kind;
  const ordered = goOrder(JSON.parse(JSON.stringify(v)), kind === undefined ? undefined : KINDS[kind]?.schema);
  return `${JSON.stringify(ordered, null, 4).replace(/[\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

/** NamePrinter: "kind/name", with the operation unless -o name. */
const nameOf = (o: unknown) => `${String((o as { kind?: string }).kind ?? "").toLowerCase()}/${(o as { metadata?: { name?: string } }).metadata?.name ?? ""}`;

/**
 * PrintFlags.ToPrinter() after PrintFlagsWithDryRunStrategy: the operation gets " (dry run)" or
 * " (server dry run)". Formats are lower-cased (JSONYamlPrintFlags, NamePrintFlags).
 */
export function objectPrinter(output: string | undefined, dryRun: DryRunStrategy): ObjectPrinter | { error: string } {
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  const format = (output ?? "").toLowerCase();
  if (format === "" || format === "name") {
    return { full: false, print: (o, line) => (format === "name" ? `${nameOf(o)}\n` : `${line}${suffix}\n`) };
  }
  if (format === "yaml") {
    // YAMLPrinter: a "---" line before every object but the first.
    let count = 0;
    return { full: true, print: (o) => `${count++ > 0 ? "---\n" : ""}${toYaml(o)}` };
  }
  if (format === "json") return { full: true, print: (o, _line, encoding) => goJson(o, encoding) };
  const eq = output!.indexOf("=");
  const name = eq < 0 ? output! : output!.slice(0, eq);
  const value = eq < 0 ? "" : output!.slice(eq + 1);
  if (name === "jsonpath" || name === "jsonpath-as-json") {
    const print = jsonPathPrinter(value, name === "jsonpath-as-json");
    return "error" in print ? print : { full: true, print };
  }
  if (["go-template", "template", "templatefile", "go-template-file", "jsonpath-file"].includes(name)) return { error: `${name} is not available in this lab` };
  return { error: `unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}` };
}

// --- CheckErr -------------------------------------------------------------------------------

/** One error kubectl holds, in the three ways cmdutil prints it. */
export interface Failure {
  /** checkErr()'s text when it is the only error, with its newline(s). */
  readonly alone: string;
  /** messageForError(): StandardErrorMessage or err.Error(), its line among several. */
  readonly line: string;
  /** err.Error(): what an aggregate joins. */
  readonly error: string;
}

/** An error, or a utilerrors aggregate of errors. */
export type KubectlError = Failure | readonly KubectlError[];

/** An apiserver Status error or a plain one (whose text CheckErr prefixed with "error: "). */
export function failureOf(o: Extract<ApplyOutcome, { kind: "error" }>): Failure {
  // An Invalid status alone goes through MultilineError, which ends it with a newline of its own.
  const alone = `${o.text}\n`;
  if (o.status !== undefined) return { alone, line: `Error from server (${o.status.reason}): ${o.status.message}`, error: o.status.message };
  const message = o.text.startsWith("error: ") ? o.text.slice("error: ".length) : o.text;
  return { alone, line: message, error: message };
}

/** A source that could not be read; a *url.Error's is StandardErrorMessage's "Unable to connect". */
function sourceFailure(e: SourceError): Failure {
  if (e.connection === undefined) return { alone: `error: ${e.message}\n`, line: e.message, error: e.message };
  const text = `Unable to connect to the server: ${e.connection}`;
  return { alone: `${text}\n`, line: text, error: e.message };
}

/** utilerrors aggregate.Error(): nested aggregates flattened, duplicates dropped, several in [a, b]. */
function aggregateError(errs: readonly KubectlError[]): string {
  if (errs.length === 1) return errorOf(errs[0]!);
  const seen: string[] = [];
  const visit = (e: KubectlError) => {
    if (isAggregate(e)) e.forEach(visit);
    else if (!seen.includes(e.error)) seen.push(e.error);
  };
  errs.forEach(visit);
  return seen.length === 1 ? seen[0]! : `[${seen.join(", ")}]`;
}

const isAggregate = (e: KubectlError): e is readonly KubectlError[] => Array.isArray(e);
const errorOf = (e: KubectlError): string => (isAggregate(e) ? aggregateError(e) : e.error);

/** utilerrors.NewAggregate (nil when empty) / ContinueOnErrorVisitor (the error itself when alone). */
function aggregate(errs: readonly KubectlError[]): KubectlError | undefined {
  return errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : errs;
}

/**
 * cmdutil.CheckErr: an aggregate of one is its error; several are MultipleErrors (each one's
 * StandardErrorMessage or Error() on its own line); one alone is printed as checkErr words it.
 */
export function checkErr(err: KubectlError): string {
  const e = isAggregate(err) && err.length === 1 ? err[0]! : err;
  if (isAggregate(e)) return e.map((x) => `${isAggregate(x) ? aggregateError(x) : x.line}\n`).join("");
  return e.alone;
}

// --- apply / create -f ----------------------------------------------------------------------

/**
 * Complete() of run and create namespace: the dry-run strategy, then the printer; undefined when
 * either is wrong (kubectl's error already printed).
 */
export async function printFlags(call: KubectlCall): Promise<{ dryRun: DryRunStrategy; printer: ObjectPrinter } | undefined> {
  const dryRun = await dryRunStrategy(call);
  if (typeof dryRun === "object") {
    await call.err(`${dryRun.error}\n`);
    return undefined;
  }
  const printer = objectPrinter(call.str("output"), dryRun);
  if ("error" in printer) {
    await call.err(`error: ${printer.error}\n`);
    return undefined;
  }
  return { dryRun, printer };
}

export async function submit(call: KubectlCall, mode: "apply" | "create"): Promise<number> {
  const files = (call.flags.get("filename") as string[] | undefined) ?? [];
  // create (1.29) checks -f before anything else, printing its usage; podlab keeps the usage form.
  if (mode === "create" && files.length === 0) throw new UsageError("must specify one of -f and -k");
  if (call.args.length > 0) throw new UsageError(`Unexpected args: [${call.args.join(" ")}]`);
  const dryRun = await dryRunStrategy(call);
  if (typeof dryRun === "object") {
    await call.err(`${dryRun.error}\n`);
    return 1;
  }
  // create builds its printer in Complete(); apply asks for one when it prints (ToPrinter), so a
  // bad -o only shows after the objects were applied.
  const printer = objectPrinter(call.str("output"), dryRun);
  if ("error" in printer && mode === "create") {
    await call.err(`error: ${printer.error}\n`);
    return 1;
  }
  if (files.length === 0) {
    // FilenameOptions.RequireFilenameOrKustomize(), in apply's ToOptions.
    await call.err("error: must specify one of -f and -k\n");
    return 1;
  }
  const sources = await visitSources(call, files);
  if ("errors" in sources) {
    // The builder's own errors (Builder.Path): nothing is read or sent.
    await call.err(checkErr(sources.errors.map((m) => ({ alone: `error: ${m}\n`, line: m, error: m }))));
    return 1;
  }
  const full = "error" in printer || printer.full;
  // cli-runtime resource.Builder with ContinueOnError: reading and decoding errors are collected by
  // EagerVisitorList and come after the rest (ContinueOnErrorVisitor), RequireNamespace errors in
  // order. create sends each object as it is visited, so its request errors are in that order too;
  // apply gets all objects first (GetObjects) and sends them afterwards.
  const stream: Failure[] = [];
  const visited: Failure[] = [];
  const applied: Failure[] = [];
  const printed: unknown[] = [];
  let objects = 0;
  for (const src of sources) {
    if ("error" in src) {
      stream.push(sourceFailure(src.error));
      continue;
    }
    const outcomes = call.cluster.submit(src.name, src.text, mode, call.namespaceExplicit ? call.namespace : undefined, dryRun === "none" ? undefined : dryRun, call.namespace);
    for (const o of outcomes) {
      if (o.kind === "error") {
        if (o.builder === "stream") stream.push(failureOf(o));
        else if (o.builder === "namespace" || mode === "create") visited.push(failureOf(o));
        else {
          objects++;
          applied.push(failureOf(o));
        }
        continue;
      }
      objects++;
      for (const w of o.warnings) await call.err(`Warning: ${w}\n`);
      if (mode === "apply" && full) {
        printed.push(o.object);
        continue;
      }
      try {
        await call.out((printer as ObjectPrinter).print(o.object, o.line, "sorted"));
      } catch (err) {
        if (!(err instanceof PrintError)) throw err;
        visited.push({ alone: `error: ${err.message}`, line: err.message, error: err.message });
      }
    }
  }
  const builder = aggregate([...visited, ...(stream.length > 0 ? [stream] : [])]);
  if (mode === "create") {
    if (builder !== undefined) {
      await call.err(checkErr(builder));
      return 1;
    }
    if (objects === 0) {
      await call.err("error: no objects passed to create\n");
      return 1;
    }
    return 0;
  }
  // apply.go Run(): GetObjects' error (Result.Infos keeps an aggregate an aggregate: FilterOut),
  // then each object's error.
  const errs = [...(builder === undefined ? [] : [builder]), ...applied];
  if (objects === 0 && errs.length === 0) {
    await call.err("error: no objects passed to apply\n");
    return 1;
  }
  if (errs.length > 0) {
    await call.err(checkErr(errs.length === 1 ? errs[0]! : errs));
    return 1;
  }
  return printObjects(call, printer, printed);
}

/** apply.go printObjects(): with -o yaml/json/…, the objects at the end; several as a List. */
async function printObjects(call: KubectlCall, printer: ObjectPrinter | { error: string }, objects: readonly unknown[]): Promise<number> {
  if (!("error" in printer) && !printer.full) return 0;
  if (objects.length === 0) return 0;
  if ("error" in printer) {
    await call.err(`error: ${printer.error}\n`);
    return 1;
  }
  const sortKeys = (v: unknown): unknown => (Array.isArray(v) ? v.map(sortKeys) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v);
  // A corev1.List (Go struct: kind, apiVersion, metadata, items) of the unstructured objects.
  const list = { kind: "List", apiVersion: "v1", metadata: {}, items: objects.map(sortKeys) };
  try {
    await call.out(objects.length === 1 ? printer.print(objects[0], "", "sorted") : printer.print(list, "", "go"));
  } catch (err) {
    if (!(err instanceof PrintError)) throw err;
    await call.err(`error: ${err.message}`);
    return 1;
  }
  return 0;
}

const fileFlags = [
  { name: "filename", short: "f", type: "stringArray" as const }, { name: "recursive", short: "R", type: "bool" as const }, DRY_RUN_FLAG,
  { name: "validate", type: "string" as const, noOptDefVal: "strict" }, { name: "output", short: "o", type: "string" as const },
];

export const apply: Verb = {
  name: "apply", short: "Apply a configuration to a resource by file name or stdin",
  flags: [...fileFlags, { name: "force", type: "bool" }, { name: "server-side", type: "bool" }],
  run: (call) => submit(call, "apply"),
};
