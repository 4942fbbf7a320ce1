// Reading `-f` sources: a file (through the workstation's filesystem), a directory of manifests,
// standard input ("-"), or a URL (the scenario's bundled examples; no other network).

import { errnoOf, strerror } from "../kernel/errno.js";
import { isDir } from "../kernel/permission.js";
import type { KubectlCall } from "./types.js";

export interface ManifestSource {
  /** How kubectl names the source in messages: the path, the URL or "STDIN". */
  name: string;
  text: string;
}

export async function readSources(call: KubectlCall, filenames: readonly string[]): Promise<ManifestSource[] | { error: string }> {
  const out: ManifestSource[] = [];
  for (const f of filenames) {
    if (f === "-") {
      let text = "";
      for (;;) {
        const chunk = await call.ctx.stdin.read(65536);
        if (chunk === "") break;
        text += chunk;
      }
      out.push({ name: "STDIN", text });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const text = call.cluster.manifests.get(f);
      if (text === undefined) {
        // The examples site answers 404 for files it does not have; every other host is unreachable.
        const host = /^https?:\/\/([^/:?#]+)/.exec(f)?.[1] ?? "";
        const known = host === "k8s.io" || host.endsWith(".k8s.io") || host.endsWith("kubernetes.io");
        return { error: known ? `unable to read URL "${f}", server reported 404 Not Found, status code=404` : `unable to read URL "${f}": Get "${f}": dial tcp: lookup ${host}: no such host` };
      }
      out.push({ name: f, text });
      continue;
    }
    try {
      const st = call.ctx.sys.stat(f);
      if (isDir(st.mode)) {
        for (const name of call.ctx.sys.readdir(f).filter((n) => /\.(ya?ml|json)$/.test(n)).sort()) {
          const path = `${f.replace(/\/$/, "")}/${name}`;
          out.push({ name: path, text: await call.ctx.sys.readFile(path) });
        }
        continue;
      }
      out.push({ name: f, text: await call.ctx.sys.readFile(f) });
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined) throw err;
      return { error: e.name === "ENOENT" ? `the path "${f}" does not exist` : `open ${f}: ${strerror(e).toLowerCase()}` };
    }
  }
  return out;
}
