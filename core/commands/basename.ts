// basename FILE [SUFFIX] — BusyBox coreutils/basename.c (one name, optional suffix) and GNU
// coreutils basename.c (also -a, -s SUFFIX, -z).

import { usage } from "./lib/cmd.js";
import { isBusybox, isScanError, lastComponent, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "FILE [SUFFIX]", full: "Strip directory path and .SUFFIX from FILE" };

const strip = (name: string, suffix: string | undefined) => {
  const base = lastComponent(name);
  return suffix !== undefined && suffix !== "" && base.length > suffix.length && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
};

export const basename: Command = {
  name: "basename",
  usage: USAGE,
  async main(ctx) {
    if (isBusybox(ctx)) {
      const args = ctx.argv.slice(1);
      if (args[0] === "--") args.shift();
      if (args.length === 0 || args.length > 2) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stdout.write(`${strip(args[0]!, args[1])}\n`);
      return 0;
    }
    const scanned = scanOptions(ctx.argv.slice(1), "as:z", { multiple: "none", suffix: "required", zero: "none" });
    if (isScanError(scanned)) return scanError(ctx, scanned, undefined);
    let multiple = false;
    let suffix: string | undefined;
    let end = "\n";
    for (const { opt, value } of scanned.options) {
      if (opt === "a" || opt === "--multiple") multiple = true;
      else if (opt === "s" || opt === "--suffix") {
        suffix = value;
        multiple = true;
      } else if (opt === "z" || opt === "--zero") end = "\0";
    }
    const ops = scanned.operands;
    if (ops.length === 0) {
      await ctx.stderr.write("basename: missing operand\nTry 'basename --help' for more information.\n");
      return 1;
    }
    if (!multiple) {
      if (ops.length > 2) {
        await ctx.stderr.write(`basename: extra operand '${ops[2]}'\nTry 'basename --help' for more information.\n`);
        return 1;
      }
      await ctx.stdout.write(`${strip(ops[0]!, ops[1])}${end}`);
      return 0;
    }
    await ctx.stdout.write(ops.map((n) => `${strip(n, suffix)}${end}`).join(""));
    return 0;
  },
};
