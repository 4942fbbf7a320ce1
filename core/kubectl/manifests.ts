// Reading `-f` sources: a file (through the workstation's filesystem), a directory of manifests,
// standard input ("-"), or a URL (the scenario's bundled examples; no other network).
//
// As cli-runtime's resource.Builder does it: FilenameParam/Path stat the paths first (a missing
// one is the builder's error, and nothing is read); each source is read when it is visited, and a
// source that cannot be read is that source's error only (the others are still applied).

import { errnoOf, strerror } from "../kernel/errno.js";
import { isDir } from "../kernel/permission.js";
import type { KubectlCall } from "./types.js";

/** Why a source could not be read: err.Error(), and for a *url.Error the error it wraps. */
export interface SourceError {
  readonly message: string;
  /** http.Get's failure to connect (url.Error.Err): kubectl prints "Unable to connect to the server: " and it. */
  readonly connection?: string;
}

/** One source as kubectl names it in messages (the path, the URL or "STDIN"), read or not. */
export type ManifestSource = { name: string; text: string } | { name: string; error: SourceError };

type Visit = () => Promise<ManifestSource[]>;

/**
 * Every source read, or the first error as kubectl prints it: for verbs that stop at the first
 * unreadable source.
 */
export async function readSources(call: KubectlCall, filenames: readonly string[]): Promise<{ name: string; text: string }[] | { error: string }> {
  const sources = await visitSources(call, filenames);
  if ("errors" in sources) return { error: `error: ${sources.errors[0]!}` };
  const out: { name: string; text: string }[] = [];
  for (const src of sources) {
    // cmdutil.CheckErr (StandardErrorMessage): a *url.Error that failed to connect.
    if ("error" in src) return { error: src.error.connection === undefined ? `error: ${src.error.message}` : `Unable to connect to the server: ${src.error.connection}` };
    out.push(src);
  }
  return out;
}

/** The sources in order, each read or with why not; the builder's errors when a path is wrong. */
export async function visitSources(call: KubectlCall, filenames: readonly string[]): Promise<ManifestSource[] | { errors: string[] }> {
  const errors: string[] = [];
  const visits: Visit[] = [];
  for (const f of filenames) {
    if (f === "-") {
      visits.push(async () => {
        let text = "";
        for (;;) {
          const chunk = await call.ctx.stdin.read(65536);
          if (chunk === "") break;
          text += chunk;
        }
        return [{ name: "STDIN", text }];
      });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      visits.push(async () => [readUrl(call, f)]);
      continue;
    }
    // Builder.Path: os.Stat, then ExpandPathsToFileVisitors (a directory's manifests, not recursing).
    let dir: boolean;
    try {
      dir = isDir(call.ctx.sys.stat(f).mode);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined) throw err;
      errors.push(e.name === "ENOENT" ? `the path "${f}" does not exist` : `the path "${f}" cannot be accessed: stat ${f}: ${strerror(e).toLowerCase()}`);
      continue;
    }
    let paths = [f];
    if (dir) {
      try {
        paths = call.ctx.sys.readdir(f).filter((n) => /\.(ya?ml|json)$/.test(n)).sort().map((n) => `${f.replace(/\/$/, "")}/${n}`);
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined) throw err;
        errors.push(`error reading "${f}": open ${f}: ${strerror(e).toLowerCase()}`);
        continue;
      }
    }
    for (const path of paths) visits.push(async () => [await readFile(call, path)]);
  }
  if (errors.length > 0) return { errors };
  const out: ManifestSource[] = [];
  for (const visit of visits) out.push(...(await visit()));
  return out;
}

/** FileVisitor.Visit: os.Open's *PathError. */
async function readFile(call: KubectlCall, path: string): Promise<ManifestSource> {
  try {
    return { name: path, text: await call.ctx.sys.readFile(path) };
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    return { name: path, error: { message: `open ${path}: ${strerror(e).toLowerCase()}` } };
  }
}

/**
 * URLVisitor (cli-runtime visitor.go readHttpWithRetries): a status other than 200 is
 * "unable to read URL"; a failed connection is http.Get's *url.Error, returned as it is. The
 * examples site answers 404 for files it does not have; every other host does not resolve.
 */
function readUrl(call: KubectlCall, url: string): ManifestSource {
  const text = call.cluster.manifests.get(url);
  if (text !== undefined) return { name: url, text };
  const host = /^https?:\/\/([^/:?#]+)/.exec(url)?.[1] ?? "";
  const known = host === "k8s.io" || host.endsWith(".k8s.io") || host.endsWith("kubernetes.io");
  if (known) return { name: url, error: { message: `unable to read URL "${url}", server reported 404 Not Found, status code=404` } };
  const dial = `dial tcp: lookup ${host}: no such host`;
  return { name: url, error: { message: `Get "${url}": ${dial}`, connection: dial } };
}
