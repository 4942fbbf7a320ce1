// mknod [-m MODE] NAME TYPE [MAJOR MINOR] — BusyBox coreutils/mknod.c (umask 0 when -m is given;
// "mknod: NAME: strerror") and GNU coreutils mknod.c ("mknod: NAME: strerror"). Device nodes need
// CAP_MKNOD; the kernel says so (fs/namei.c vfs_mknod()).

import { attempt, errText, usage } from "./lib/cmd.js";
import { gnuQuote, isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import { parseMode } from "./lib/files-mode.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-m MODE] NAME TYPE MAJOR MINOR",
  full: "Create a special file (block, character, or pipe)\n\n\t-m MODE\tCreation mode (default a=rw)\nTYPE:\n\tb\tBlock device\n\tc or u\tCharacter device\n\tp\tNamed pipe (MAJOR and MINOR are ignored)",
};

const TYPES: Record<string, number> = { p: 0o010000, c: 0o020000, u: 0o020000, b: 0o060000 };

export const mknod: Command = {
  name: "mknod",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), "m:", busybox ? {} : { mode: "required" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const modeText = scanned.options.find((o) => o.opt === "m" || o.opt === "--mode")?.value;
    let perm = 0o666;
    if (modeText !== undefined) {
      const m = parseMode(modeText, 0o666, ctx.sys.umask(), !busybox);
      if (m === undefined) {
        if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
        await ctx.stderr.write(`mknod: invalid mode\n`);
        return 1;
      }
      perm = m;
    }
    const [name, type, maj, min] = scanned.operands;
    const kind = type === undefined ? undefined : TYPES[type[0]!];
    const isFifo = kind === 0o010000;
    const arity = isFifo ? 2 : 4;
    if (name === undefined || type === undefined || kind === undefined || (busybox ? scanned.operands.length !== arity && !(isFifo && scanned.operands.length === 4) : scanned.operands.length !== arity)) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      const msg = type !== undefined && kind === undefined ? `invalid device type ${gnuQuote(type)}`
        : isFifo && scanned.operands.length > 2 ? `Fifos do not have major and minor device numbers.`
        : scanned.operands.length === 0 ? "missing operand" : `missing operand after ${gnuQuote(scanned.operands.at(-1)!)}`;
      await ctx.stderr.write(`mknod: ${msg}\nTry 'mknod --help' for more information.\n`);
      return 1;
    }
    const rdev = isFifo ? 0 : ((Number(maj) & 0xfff) << 8) | (Number(min) & 0xff) | ((Number(min) & ~0xff) << 12);
    if (!isFifo && (!/^\d+$/.test(maj!) || !/^\d+$/.test(min!))) {
      if (busybox) {
        await ctx.stderr.write(`mknod: invalid number '${/^\d+$/.test(maj!) ? min : maj}'\n`);
        return 1;
      }
      await ctx.stderr.write(`mknod: invalid major device number ${gnuQuote(maj!)}\n`);
      return 1;
    }
    const umask = ctx.sys.umask();
    if (modeText !== undefined) ctx.sys.umask(0);
    const r = attempt(() => ctx.sys.mknod(name, kind | perm, rdev));
    ctx.sys.umask(umask);
    if (!r.ok) {
      await ctx.stderr.write(`mknod: ${name}: ${errText(ctx, r.errno)}\n`);
      return 1;
    }
    return 0;
  },
};
