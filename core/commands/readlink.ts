// readlink [-fnv] FILE — BusyBox coreutils/readlink.c (errors are silent unless -v; -f uses
// realpath(), so every component must exist) and GNU coreutils readlink.c (-f: all but the last
// component must exist, -e: all, -m: none; silent unless -v).

import { attempt, errText, usage } from "./lib/cmd.js";
import { isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import { canonicalize } from "./realpath.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-fnv] FILE",
  full: "Display the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon't add newline\n\t-v\tVerbose",
};

export const readlink: Command = {
  name: "readlink",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = busybox
      ? scanOptions(ctx.argv.slice(1), "fnvsq", {}, permutes(ctx))
      : scanOptions(ctx.argv.slice(1), "femnqsvz", { canonicalize: "none", "canonicalize-existing": "none", "canonicalize-missing": "none", "no-newline": "none", quiet: "none", silent: "none", verbose: "none", zero: "none" });
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let mode: "link" | "existing" | "all-but-last" | "missing" = "link";
    let newline = "\n";
    let verbose = false;
    for (const { opt } of scanned.options) {
      if (opt === "f" || opt === "--canonicalize") mode = busybox ? "existing" : "all-but-last";
      else if (opt === "e" || opt === "--canonicalize-existing") mode = "existing";
      else if (opt === "m" || opt === "--canonicalize-missing") mode = "missing";
      else if (opt === "n" || opt === "--no-newline") newline = "";
      else if (opt === "z" || opt === "--zero") newline = "\0";
      else if (opt === "v" || opt === "--verbose") verbose = true;
      else if (opt === "q" || opt === "s" || opt === "--quiet" || opt === "--silent") verbose = false;
    }
    const ops = scanned.operands;
    if (ops.length === 0 || (busybox && ops.length !== 1)) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("readlink: missing operand\nTry 'readlink --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const file of ops) {
      const r = mode === "link" ? attempt(() => ctx.sys.readlink(file)) : canonicalize(ctx, file, mode);
      if (r.ok) await ctx.stdout.write(`${r.value}${newline}`);
      else {
        status = 1;
        if (verbose) await ctx.stderr.write(`readlink: ${file}: ${errText(ctx, r.errno)}\n`);
      }
    }
    return status;
  },
};
