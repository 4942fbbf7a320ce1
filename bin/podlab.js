#!/usr/bin/env node
// The `podlab` command: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import { main } from "../dist/server/cli.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
