#!/usr/bin/env node
// Builds the learner page into dist/web with esbuild: app.js, app.css and index.html.
//   node web/build.mjs              build
//   node web/build.mjs --if-needed  build only when a source is newer than the bundle (npm start)
// Tests import buildWeb() to bundle into a directory of their own.

import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const webDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(webDir);

/** @param {{outdir?: string, minify?: boolean}} [opts] */
export async function buildWeb(opts = {}) {
  const outdir = resolve(opts.outdir ?? join(root, "dist", "web"));
  // Imported here so that serving a built bundle does not need esbuild (a dev dependency).
  const { build } = await import("esbuild");
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: join(webDir, "main.ts") },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: opts.minify ?? true,
    sourcemap: true,
    legalComments: "linked",
    logLevel: "warning",
  });
  copyFileSync(join(webDir, "index.html"), join(outdir, "index.html"));
  return outdir;
}

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!name.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = join(root, "dist", "web");
  const built = join(outdir, "app.js");
  const sources = Math.max(newestSource(webDir), newestSource(join(root, "core", "protocol")));
  if (process.argv.includes("--if-needed") && existsSync(built) && existsSync(join(outdir, "index.html")) && statSync(built).mtimeMs >= sources) {
    process.exit(0);
  }
  await buildWeb({ outdir });
  console.log(`web bundle: ${outdir}`);
}
