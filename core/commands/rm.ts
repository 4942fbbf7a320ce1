// rm [-irf] FILE… — BusyBox libbb/remove_file.c (lstat, "'X' is a directory", a prompt when the
// file is not writable and stdin is a terminal, "can't remove 'X'") and GNU coreutils remove.c
// ("cannot remove 'X'", "remove write-protected regular file 'X'?" only for EACCES, refuses "."
// and ".." and a recursive "/").

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import {
  askYes, fileTypeName, gnuQuote, isBusybox, isDirMode, isLinkMode, isScanError, joinPath, lastComponent, permutes,
  scanError, scanOptions,
} from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-irf] FILE...",
  full: "Remove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse",
};

const W_OK = 2;

interface RmOptions {
  force: boolean;
  interactive: boolean;
  recursive: boolean;
  verbose: boolean;
  dir: boolean;
}

const stdinTty = (ctx: ProgramContext) => ctx.stdin.tty !== undefined;

async function cannotRemove(ctx: ProgramContext, path: string, e: Errno): Promise<false> {
  await ctx.stderr.write(isBusybox(ctx) ? `rm: can't remove '${path}': ${errText(ctx, e)}\n` : `rm: cannot remove ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
  return false;
}

async function prompt(ctx: ProgramContext, text: string): Promise<boolean> {
  await ctx.stderr.write(text);
  return askYes(ctx);
}

/** remove_file(): true when removed (or skipped on purpose), false on an error. */
async function removeFile(ctx: ProgramContext, path: string, o: RmOptions): Promise<boolean> {
  const busybox = isBusybox(ctx);
  await ctx.sys.system.sched.checkpoint(ctx.proc);
  const st = attempt(() => ctx.sys.lstat(path));
  if (!st.ok) {
    if (st.errno.name === "ENOENT" && o.force) return true;
    if (busybox && st.errno.name !== "ENOENT") {
      await ctx.stderr.write(`rm: can't stat '${path}': ${errText(ctx, st.errno)}\n`);
      return false;
    }
    return cannotRemove(ctx, path, st.errno);
  }
  const notWritable = () => {
    const a = attempt(() => ctx.sys.access(path, W_OK));
    return a.ok ? undefined : a.errno;
  };
  if (isDirMode(st.value.mode)) {
    if (!o.recursive) {
      if (!busybox && o.dir) return removeEmptyDir(ctx, path, o);
      if (busybox) {
        await ctx.stderr.write(`rm: '${path}' is a directory\n`);
        return false;
      }
      await ctx.stderr.write(`rm: cannot remove ${gnuQuote(path)}: Is a directory\n`);
      return false;
    }
    const denied = notWritable();
    if (o.interactive || (!o.force && denied !== undefined && (busybox || denied.name === "EACCES") && stdinTty(ctx))) {
      const q = busybox ? `rm: descend into directory '${path}'? ` : `rm: descend into ${denied ? "write-protected " : ""}directory ${gnuQuote(path)}? `;
      if (!(await prompt(ctx, q))) return true;
    }
    const names = attempt(() => ctx.sys.readdir(path));
    if (!names.ok) {
      if (busybox) return false;
      await ctx.stderr.write(`rm: cannot remove ${gnuQuote(path)}: ${errText(ctx, names.errno)}\n`);
      return false;
    }
    let ok = true;
    for (const n of names.value) if (!(await removeFile(ctx, joinPath(path, n), o))) ok = false;
    if (!ok && !busybox) return false;
    if (o.interactive && !(await prompt(ctx, busybox ? `rm: remove directory '${path}'? ` : `rm: remove directory ${gnuQuote(path)}? `))) return ok;
    const r = attempt(() => ctx.sys.rmdir(path));
    if (!r.ok) return cannotRemove(ctx, path, r.errno);
    if (o.verbose) await ctx.stdout.write(busybox ? `removed directory: '${path}'\n` : `removed directory ${gnuQuote(path)}\n`);
    return ok;
  }
  const denied = isLinkMode(st.value.mode) ? undefined : notWritable();
  if (o.interactive || (!o.force && denied !== undefined && (busybox || denied.name === "EACCES") && stdinTty(ctx))) {
    const kind = fileTypeName(st.value);
    const q = busybox ? `rm: remove '${path}'? ` : `rm: remove ${denied ? "write-protected " : ""}${kind} ${gnuQuote(path)}? `;
    if (!(await prompt(ctx, q))) return true;
  }
  const r = attempt(() => ctx.sys.unlink(path));
  if (!r.ok) return cannotRemove(ctx, path, r.errno);
  if (o.verbose) await ctx.stdout.write(busybox ? `removed '${path}'\n` : `removed ${gnuQuote(path)}\n`);
  return true;
}

async function removeEmptyDir(ctx: ProgramContext, path: string, o: RmOptions): Promise<boolean> {
  const r = attempt(() => ctx.sys.rmdir(path));
  if (!r.ok) return cannotRemove(ctx, path, r.errno);
  if (o.verbose) await ctx.stdout.write(`removed directory ${gnuQuote(path)}\n`);
  return true;
}

export const rm: Command = {
  name: "rm",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = busybox
      ? scanOptions(ctx.argv.slice(1), "fiRrv", {}, permutes(ctx))
      : scanOptions(ctx.argv.slice(1), "dfiIrRv", { force: "none", interactive: "optional", recursive: "none", dir: "none", verbose: "none", "no-preserve-root": "none", "preserve-root": "optional" });
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const o: RmOptions = { force: false, interactive: false, recursive: false, verbose: false, dir: false };
    let preserveRoot = true;
    for (const { opt } of scanned.options) {
      if (opt === "f" || opt === "--force") {
        o.force = true;
        o.interactive = false;
      } else if (opt === "i" || opt === "--interactive") {
        o.interactive = true;
        o.force = false;
      } else if (opt === "r" || opt === "R" || opt === "--recursive") o.recursive = true;
      else if (opt === "v" || opt === "--verbose") o.verbose = true;
      else if (opt === "d" || opt === "--dir") o.dir = true;
      else if (opt === "--no-preserve-root") preserveRoot = false;
    }
    if (scanned.operands.length === 0) {
      if (o.force) return 0;
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const path of scanned.operands) {
      const base = lastComponent(path);
      if (base === "." || base === "..") {
        await ctx.stderr.write(busybox ? "rm: can't remove '.' or '..'\n" : `rm: refusing to remove '.' or '..' directory: skipping ${gnuQuote(path)}\n`);
        status = 1;
        continue;
      }
      if (!busybox && o.recursive && preserveRoot && attempt(() => ctx.sys.realpath(path)).ok && ctx.sys.realpath(path) === "/") {
        await ctx.stderr.write("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
        status = 1;
        continue;
      }
      if (!(await removeFile(ctx, path, o))) status = 1;
    }
    return status;
  },
};
