// ln [-sfnbv] [-S SUF] [-T] TARGET… LINK|DIR — BusyBox coreutils/ln.c (errors "ln: LINK:
// strerror") and GNU coreutils ln.c ("failed to create symbolic link 'LINK'", "failed to create
// hard link 'LINK' => 'TARGET'", "failed to access 'TARGET'"). Hard links across mounts are EXDEV
// and fs.protected_hardlinks is the kernel's (fs/namei.c may_linkat()).

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { gnuQuote, isBusybox, isDirMode, isLinkMode, isScanError, joinPath, lastComponent, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] TARGET... LINK|DIR",
  full: "Create a link LINK or DIR/TARGET to the specified TARGET(s)\n\n\t-s\tMake symlinks instead of hardlinks\n\t-f\tRemove existing destinations\n\t-n\tDon't dereference symlinks - treat like normal file\n\t-b\tMake a backup of the target (if exists) before link operation\n\t-S suf\tUse suffix instead of ~ when making backup files\n\t-T\t2nd arg must be a DIR\n\t-v\tVerbose",
};

function isDirectory(ctx: ProgramContext, path: string, follow: boolean): boolean {
  const r = attempt(() => (follow ? ctx.sys.stat(path) : ctx.sys.lstat(path)));
  return r.ok && isDirMode(r.value.mode);
}

export const ln: Command = {
  name: "ln",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = busybox
      ? scanOptions(ctx.argv.slice(1), "sfnbS:vT", {}, permutes(ctx))
      : scanOptions(ctx.argv.slice(1), "bdfFinLPrsS:t:Tv", { symbolic: "none", force: "none", "no-dereference": "none", "no-target-directory": "none", verbose: "none", suffix: "required", "target-directory": "required", backup: "optional", relative: "none", interactive: "none", logical: "none", physical: "none" });
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const has = (...o: string[]) => scanned.options.some((x) => o.includes(x.opt));
    const symbolic = has("s", "--symbolic");
    const force = has("f", "--force");
    const noDeref = has("n", "--no-dereference");
    const backup = has("b", "--backup");
    const verbose = has("v", "--verbose");
    const noTargetDir = has("T", "--no-target-directory");
    const suffix = scanned.options.find((o) => o.opt === "S" || o.opt === "--suffix")?.value ?? "~";
    const targetDir = scanned.options.find((o) => o.opt === "t" || o.opt === "--target-directory")?.value;
    const ops = [...scanned.operands];
    if (ops.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("ln: missing file operand\nTry 'ln --help' for more information.\n");
      return 1;
    }
    let last: string;
    if (targetDir !== undefined) last = targetDir;
    else if (ops.length === 1) last = lastComponent(ops[0]!);
    else last = ops.pop()!;
    if (noTargetDir && ops.length > 1) {
      await ctx.stderr.write(busybox ? "ln: -T accepts 2 args max\n" : `ln: extra operand ${gnuQuote(ops[1]!)}\nTry 'ln --help' for more information.\n`);
      return 1;
    }
    const lastIsDir = isDirectory(ctx, last, !noDeref);
    if (!busybox && ops.length > 1 && !lastIsDir) {
      await ctx.stderr.write(`ln: target ${gnuQuote(last)} is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const target of ops) {
      let dest = last;
      if (lastIsDir && !(ops.length === 1 && scanned.operands.length === 1)) {
        if (noTargetDir) {
          await ctx.stderr.write(busybox ? `ln: '${last}' is a directory\n` : `ln: ${gnuQuote(last)}: cannot overwrite directory\n`);
          return 1;
        }
        dest = joinPath(last, lastComponent(target));
      }
      if (!symbolic) {
        const s = attempt(() => ctx.sys.stat(target));
        const l = s.ok ? s : attempt(() => ctx.sys.lstat(target));
        if (!s.ok && (!l.ok || !isLinkMode(l.value.mode))) {
          const e = s.ok ? undefined : s.errno;
          await ctx.stderr.write(busybox ? `ln: ${target}: ${errText(ctx, e!)}\n` : `ln: failed to access ${gnuQuote(target)}: ${errText(ctx, e!)}\n`);
          status = 1;
          continue;
        }
      }
      if (backup) {
        const r = attempt(() => ctx.sys.rename(dest, `${dest}${suffix}`));
        if (!r.ok && r.errno.name !== "ENOENT") {
          await ctx.stderr.write(`ln: ${dest}: ${errText(ctx, r.errno)}\n`);
          status = 1;
          continue;
        }
        attempt(() => ctx.sys.unlink(dest));
      } else if (force) attempt(() => ctx.sys.unlink(dest));
      if (verbose) await ctx.stdout.write(busybox ? `'${dest}' -> '${target}'\n` : `${gnuQuote(dest)} ${symbolic ? "->" : "=>"} ${gnuQuote(target)}\n`);
      const r = attempt(() => (symbolic ? ctx.sys.symlink(target, dest) : ctx.sys.link(target, dest)));
      if (!r.ok) {
        status = 1;
        if (busybox) await ctx.stderr.write(`ln: ${dest}: ${errText(ctx, r.errno)}\n`);
        else await ctx.stderr.write(`ln: ${gnuLinkFailure(symbolic, r.errno.name, dest, target, isDirectory(ctx, target, false))}: ${errText(ctx, r.errno)}\n`);
      }
    }
    return status;
  },
};

/**
 * GNU ln.c do_link(): which names the message shows depends on the errno — the new name alone
 * when the target is beside the point (EEXIST, EDQUOT, ENOSPC, EROFS), only the target for
 * EMLINK (unless it is a directory), both otherwise; a symbolic link shows "LINK -> TARGET" only
 * for ENAMETOOLONG or an empty target.
 */
function gnuLinkFailure(symbolic: boolean, errno: string, dest: string, target: string, targetIsDir: boolean): string {
  if (symbolic) {
    return errno !== "ENAMETOOLONG" && target !== "" ? `failed to create symbolic link ${gnuQuote(dest)}` : `failed to create symbolic link ${gnuQuote(dest)} -> ${gnuQuote(target)}`;
  }
  if (errno === "EMLINK" && !targetIsDir) return `failed to create hard link to ${gnuQuote(target)}`;
  if (errno === "EDQUOT" || errno === "EEXIST" || errno === "ENOSPC" || errno === "EROFS") return `failed to create hard link ${gnuQuote(dest)}`;
  return `failed to create hard link ${gnuQuote(dest)} => ${gnuQuote(target)}`;
}
