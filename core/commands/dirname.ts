// dirname FILENAME — BusyBox coreutils/dirname.c (exactly one operand) and GNU coreutils
// dirname.c (one or more, -z).

import { usage } from "./lib/cmd.js";
import { dirName, isBusybox, isScanError, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "FILENAME", full: "Strip non-directory suffix from FILENAME" };

export const dirname: Command = {
  name: "dirname",
  usage: USAGE,
  async main(ctx) {
    if (isBusybox(ctx)) {
      const args = ctx.argv.slice(1);
      if (args[0] === "--") args.shift();
      if (args.length !== 1 || (args[0]!.startsWith("-") && args[0] !== "-")) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stdout.write(`${dirName(args[0]!)}\n`);
      return 0;
    }
    const scanned = scanOptions(ctx.argv.slice(1), "z", { zero: "none" });
    if (isScanError(scanned)) return scanError(ctx, scanned, undefined);
    const end = scanned.options.length > 0 ? "\0" : "\n";
    if (scanned.operands.length === 0) {
      await ctx.stderr.write("dirname: missing operand\nTry 'dirname --help' for more information.\n");
      return 1;
    }
    await ctx.stdout.write(scanned.operands.map((p) => `${dirName(p)}${end}`).join(""));
    return 0;
  },
};
