// cp [-arPLHpfinlsTvu] SOURCE… DEST — BusyBox coreutils/cp.c (-a = -pdR, -r implies -d, "can't
// stat", "can't open", "can't create", "omitting directory") and GNU coreutils cp.c/copy.c
// ("cannot stat", "cannot open 'X' for reading", "cannot create regular file", "-r not
// specified; omitting directory"). The copying itself is lib/files-copy.ts.

import { attempt, errText, usage } from "./lib/cmd.js";
import { type CopyFlags, copyFile } from "./lib/files-copy.js";
import { gnuQuote, isBusybox, isDirMode, isScanError, joinPath, lastComponent, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { ProgramContext } from "../kernel/program.js";
import { versionAtLeast } from "./lib/sys-proc.js";
import type { Command, UsageText } from "./types.js";

const COMMON_USAGE = "\t-a\tSame as -dpR\n\t-R,-r\tRecurse\n\t-d,-P\tPreserve symlinks (default if -R)\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-p\tPreserve file attributes if possible\n\t-f\tOverwrite\n\t-i\tPrompt before overwrite\n";

/**
 * coreutils/cp.c cp_trivial_usage/cp_full_usage per build: -T arrived in 1.28.x (d15d7a0a4,
 * backported to 1_28_stable); 1.34 reworded it and added -n and -t (0ec52d438, 56bbbfae7, ba9f9c2d2).
 */
function usageFor(ctx: ProgramContext): UsageText {
  if (versionAtLeast(ctx.exe.version, 1, 34)) {
    return {
      trivial: "[-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }",
      full: `Copy SOURCEs to DEST\n\n${COMMON_USAGE}\t-n\tDon't overwrite\n\t-l,-s\tCreate (sym)links\n\t-T\tRefuse to copy if DEST is a directory\n\t-t DIR\tCopy all SOURCEs into DIR\n\t-u\tCopy only newer files`,
    };
  }
  const t = versionAtLeast(ctx.exe.version, 1, 28) ? "\t-T\tTreat DEST as a normal file\n" : "";
  return { trivial: "[OPTIONS] SOURCE... DEST", full: `Copy SOURCE(s) to DEST\n\n${COMMON_USAGE}\t-l,-s\tCreate (sym)links\n${t}\t-u\tCopy only newer files` };
}

export const cp: Command = {
  name: "cp",
  usage: usageFor,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const long = { archive: "none", force: "none", interactive: "none", link: "none", dereference: "none", "no-dereference": "none", recursive: "none", "symbolic-link": "none", "no-target-directory": "none", verbose: "none", update: "none", "no-clobber": "none", preserve: "optional", "target-directory": "required" } as const;
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "pdRfilsLHarPvuTt:" : "abdfHilLnpPrRsStTuvx", long, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, usageFor(ctx));
    let preserve = false;
    let noDeref = false;
    let derefL = false;
    let derefH = false;
    let recursive = false;
    let force = false;
    let interactive = false;
    let noClobber = false;
    let update = false;
    let verbose = false;
    let noTargetDir = false;
    let targetDir: string | undefined;
    for (const { opt, value } of scanned.options) {
      switch (opt) {
        case "a": case "--archive": preserve = true; noDeref = true; recursive = true; break;
        case "p": case "--preserve": preserve = true; break;
        case "d": case "P": case "--no-dereference": noDeref = true; break;
        case "L": case "--dereference": derefL = true; break;
        case "H": derefH = true; break;
        case "r": case "R": case "--recursive": recursive = true; noDeref = true; break;
        case "f": case "--force": force = true; break;
        case "i": case "--interactive": interactive = true; break;
        case "n": case "--no-clobber": noClobber = true; break;
        case "u": case "--update": update = true; break;
        case "v": case "--verbose": verbose = true; break;
        case "T": case "--no-target-directory": noTargetDir = true; break;
        case "t": case "--target-directory": targetDir = value; break;
        default: break;
      }
    }
    const flags: CopyFlags = { preserve, deref: !noDeref || derefL, derefTop: derefH, recursive, force, interactive, noClobber, update, verbose };
    const ops = [...scanned.operands];
    if (targetDir !== undefined) ops.push(targetDir);
    if (ops.length < 2) {
      if (busybox) {
        const u = usageFor(ctx);
        return usage(ctx, u.trivial, u.full);
      }
      await ctx.stderr.write(ops.length === 0 ? "cp: missing file operand\n" : `cp: missing destination file operand after ${gnuQuote(ops[0]!)}\n`);
      await ctx.stderr.write("Try 'cp --help' for more information.\n");
      return 1;
    }
    const last = ops.pop()!;
    const d = attempt(() => ctx.sys.stat(last));
    if (!d.ok && d.errno.name !== "ENOENT") {
      await ctx.stderr.write(busybox ? `cp: can't stat '${last}': ${errText(ctx, d.errno)}\n` : `cp: cannot stat ${gnuQuote(last)}: ${errText(ctx, d.errno)}\n`);
      return 1;
    }
    const lastIsDir = d.ok && isDirMode(d.value.mode);
    if (ops.length === 1) {
      const src = ops[0]!;
      const s = attempt(() => (flags.deref ? ctx.sys.stat(src) : ctx.sys.lstat(src)));
      if (!s.ok && s.errno.name !== "ENOENT") {
        await ctx.stderr.write(busybox ? `cp: can't stat '${src}': ${errText(ctx, s.errno)}\n` : `cp: cannot stat ${gnuQuote(src)}: ${errText(ctx, s.errno)}\n`);
        return 1;
      }
      const srcIsDir = s.ok && isDirMode(s.value.mode);
      if (noTargetDir && !srcIsDir && lastIsDir) {
        await ctx.stderr.write(busybox ? `cp: '${last}' is a directory\n` : `cp: cannot overwrite directory ${gnuQuote(last)} with non-directory\n`);
        return 1;
      }
      if (!lastIsDir || (recursive && srcIsDir && !d.ok) || noTargetDir) return (await copyFile(ctx, src, last, flags)) ? 0 : 1;
    } else if (noTargetDir) {
      await ctx.stderr.write(busybox ? "cp: too many arguments\n" : `cp: extra operand ${gnuQuote(ops[1]!)}\nTry 'cp --help' for more information.\n`);
      return 1;
    } else if (!lastIsDir && !busybox) {
      await ctx.stderr.write(`cp: target ${gnuQuote(last)} is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const src of ops) if (!(await copyFile(ctx, src, joinPath(last, lastComponent(src)), flags))) status = 1;
    return status;
  },
};
