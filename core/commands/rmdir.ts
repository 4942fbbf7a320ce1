// rmdir [-p] [--ignore-fail-on-non-empty] DIRECTORY… — BusyBox coreutils/rmdir.c ("rmdir: 'DIR':
// strerror", as GNU's wording once was) and GNU coreutils rmdir.c ("failed to remove 'DIR'").

import { attempt, errText, usage } from "./lib/cmd.js";
import { dirName, gnuQuote, isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] DIRECTORY...",
  full: "Remove DIRECTORY if it is empty\n\n\t-p\tInclude parents\n\t--ignore-fail-on-non-empty",
};

export const rmdir: Command = {
  name: "rmdir",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), "pv", { parents: "none", "ignore-fail-on-non-empty": "none", verbose: "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const has = (o: string) => scanned.options.some((x) => x.opt === o);
    const parents = has("p") || has("--parents");
    const ignoreNonEmpty = has("--ignore-fail-on-non-empty");
    const verbose = has("v") || has("--verbose");
    if (scanned.operands.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const operand of scanned.operands) {
      let path = operand;
      for (;;) {
        if (verbose) await ctx.stdout.write(busybox ? `rmdir: removing directory, '${path}'\n` : `rmdir: removing directory, ${gnuQuote(path)}\n`);
        const r = attempt(() => ctx.sys.rmdir(path));
        if (!r.ok) {
          if (ignoreNonEmpty && r.errno.name === "ENOTEMPTY") break;
          await ctx.stderr.write(busybox ? `rmdir: '${path}': ${errText(ctx, r.errno)}\n` : `rmdir: failed to remove ${gnuQuote(path)}: ${errText(ctx, r.errno)}\n`);
          status = 1;
          break;
        }
        if (!parents) break;
        path = dirName(path);
        if (path === "." || path === "/") break;
      }
    }
    return status;
  },
};
