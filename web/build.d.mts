// Types of web/build.mjs for the TypeScript tests that import it.
export function buildWeb(opts?: { outdir?: string; minify?: boolean }): Promise<string>;
