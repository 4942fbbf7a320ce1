// The learner page: the esbuild bundle in dist/web (built by `npm run build`), with index.html
// for the page's own routes (`/`, `/scenarios/:id`).

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";

/** dist/web next to the package (works from source and from dist/). */
export function defaultWebRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "dist", "web");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export function webRoutes(root: string | undefined): Router {
  const r = Router();
  const noCache = { "Cache-Control": "no-cache" };
  if (root === undefined || !existsSync(join(root, "index.html"))) {
    r.get(["/", "/scenarios/:id"], (_req, res) => {
      res.status(503).type("text/plain").send("The web page is not built: run `npm run build` (or `npm start`).\n");
    });
    return r;
  }
  r.use(express.static(root, { index: false, setHeaders: (res) => res.set(noCache) }));
  r.get(["/", "/scenarios/:id"], (_req, res) => {
    res.set(noCache).sendFile(join(root, "index.html"));
  });
  return r;
}
