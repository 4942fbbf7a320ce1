// mv [-fin] SOURCE… DEST — BusyBox coreutils/mv.c (rename(); on EXDEV copy with -R -p then
// remove; "can't rename 'X'"; prompts before overwriting an unwritable target on a terminal) and
// GNU coreutils mv.c ("cannot move 'X' to 'Y'", "cannot stat 'X'", "replace 'Y', overriding mode").

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { copyFile } from "./lib/files-copy.js";
import {
  askYes, gnuQuote, isBusybox, isDirMode, isScanError, joinPath, lastComponent, modeString, permutes, scanError,
  scanOptions,
} from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-fin] SOURCE DEST\nor: mv [-fin] SOURCE... DIRECTORY",
  full: "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY\n\n\t-f\tDon't prompt before overwriting\n\t-i\tInteractive, prompt before overwrite\n\t-n\tDon't overwrite an existing file",
};

const W_OK = 2;

async function removeTree(ctx: ProgramContext, path: string): Promise<boolean> {
  const st = attempt(() => ctx.sys.lstat(path));
  if (!st.ok) return st.errno.name === "ENOENT";
  if (isDirMode(st.value.mode)) {
    const names = attempt(() => ctx.sys.readdir(path));
    let ok = names.ok;
    for (const n of names.ok ? names.value : []) if (!(await removeTree(ctx, joinPath(path, n)))) ok = false;
    const r = attempt(() => ctx.sys.rmdir(path));
    if (!r.ok) await ctx.stderr.write(isBusybox(ctx) ? `mv: can't remove '${path}': ${errText(ctx, r.errno)}\n` : `mv: cannot remove ${gnuQuote(path)}: ${errText(ctx, r.errno)}\n`);
    return ok && r.ok;
  }
  const r = attempt(() => ctx.sys.unlink(path));
  if (!r.ok) await ctx.stderr.write(isBusybox(ctx) ? `mv: can't remove '${path}': ${errText(ctx, r.errno)}\n` : `mv: cannot remove ${gnuQuote(path)}: ${errText(ctx, r.errno)}\n`);
  return r.ok;
}

async function moveOne(ctx: ProgramContext, src: string, dest: string, o: { force: boolean; interactive: boolean; noClobber: boolean; verbose: boolean }): Promise<boolean> {
  const busybox = isBusybox(ctx);
  const d = attempt(() => ctx.sys.stat(dest));
  if (d.ok) {
    if (o.noClobber) return true;
    const writable = attempt(() => ctx.sys.access(dest, W_OK)).ok;
    if (!o.force && ((!writable && ctx.stdin.tty !== undefined) || o.interactive)) {
      const question = busybox || writable
        ? `mv: overwrite ${busybox ? `'${dest}'` : gnuQuote(dest)}? `
        : `mv: replace ${gnuQuote(dest)}, overriding mode ${(d.value.mode & 0o7777).toString(8).padStart(4, "0")} (${modeString(d.value.mode).slice(1)})? `;
      await ctx.stderr.write(question);
      if (!(await askYes(ctx))) return true;
    }
  }
  const r = attempt(() => ctx.sys.rename(src, dest));
  if (r.ok) {
    if (o.verbose) await ctx.stdout.write(busybox ? `'${src}' -> '${dest}'\n` : `renamed ${gnuQuote(src)} -> ${gnuQuote(dest)}\n`);
    return true;
  }
  const s = attempt(() => ctx.sys.lstat(src));
  if (r.errno.name !== "EXDEV" || !s.ok) {
    if (busybox) await ctx.stderr.write(`mv: can't rename '${src}': ${errText(ctx, r.errno)}\n`);
    else if (!s.ok) await ctx.stderr.write(`mv: cannot stat ${gnuQuote(src)}: ${errText(ctx, s.errno)}\n`);
    else await ctx.stderr.write(`mv: cannot move ${gnuQuote(src)} to ${gnuQuote(dest)}: ${errText(ctx, r.errno)}\n`);
    return false;
  }
  const destSt = attempt(() => ctx.sys.lstat(dest));
  if (destSt.ok) {
    const srcDir = isDirMode(s.value.mode);
    const destDir = isDirMode(destSt.value.mode);
    if (srcDir !== destDir) {
      await ctx.stderr.write(busybox ? `mv: can't overwrite ${destDir ? "" : "non-"}directory with ${srcDir ? "" : "non-"}directory\n`
        : `mv: cannot overwrite ${destDir ? "directory" : "non-directory"} ${gnuQuote(dest)} with ${srcDir ? "directory" : "non-directory"}\n`);
      return false;
    }
    const u = attempt(() => (destDir ? ctx.sys.rmdir(dest) : ctx.sys.unlink(dest)));
    if (!u.ok) {
      await ctx.stderr.write(busybox ? `mv: can't remove '${dest}': ${errText(ctx, u.errno)}\n` : `mv: cannot remove ${gnuQuote(dest)}: ${errText(ctx, u.errno)}\n`);
      return false;
    }
  }
  const flags = { preserve: true, deref: false, derefTop: false, recursive: true, force: false, interactive: false, noClobber: false, update: false, verbose: false };
  if (!(await copyFile(ctx, src, dest, flags))) return false;
  return removeTree(ctx, src);
}

export const mv: Command = {
  name: "mv",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "finv" : "bfinSt:Tuv", { interactive: "none", force: "none", "no-clobber": "none", verbose: "none", "target-directory": "required", "no-target-directory": "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const o = { force: false, interactive: false, noClobber: false, verbose: false };
    let targetDir: string | undefined;
    let noTargetDir = false;
    for (const { opt, value } of scanned.options) {
      if (opt === "f" || opt === "--force") Object.assign(o, { force: true, interactive: false, noClobber: false });
      else if (opt === "i" || opt === "--interactive") Object.assign(o, { force: false, interactive: true, noClobber: false });
      else if (opt === "n" || opt === "--no-clobber") Object.assign(o, { force: false, interactive: false, noClobber: true });
      else if (opt === "v" || opt === "--verbose") o.verbose = true;
      else if (opt === "t" || opt === "--target-directory") targetDir = value;
      else if (opt === "T" || opt === "--no-target-directory") noTargetDir = true;
    }
    const ops = [...scanned.operands];
    if (targetDir !== undefined) ops.push(targetDir);
    if (ops.length < 2) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write(ops.length === 0 ? "mv: missing file operand\n" : `mv: missing destination file operand after ${gnuQuote(ops[0]!)}\n`);
      await ctx.stderr.write("Try 'mv --help' for more information.\n");
      return 1;
    }
    const last = ops.pop()!;
    const d = attempt(() => ctx.sys.stat(last));
    const lastIsDir = d.ok && isDirMode(d.value.mode) && !noTargetDir;
    if (ops.length === 1 && !lastIsDir) return (await moveOne(ctx, ops[0]!, last, o)) ? 0 : 1;
    if (!lastIsDir && !busybox) {
      await ctx.stderr.write(`mv: target ${gnuQuote(last)} is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const src of ops) if (!(await moveOne(ctx, src, joinPath(last, lastComponent(src)), o))) status = 1;
    return status;
  },
};
