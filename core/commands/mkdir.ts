// mkdir [-p] [-m MODE] DIRECTORY… — BusyBox libbb/make_directory.c bb_make_directory() (with -p
// the failing prefix keeps its trailing slash: "can't create directory '/a/'") and GNU coreutils
// mkdir.c / lib/mkancesdirs.c ("cannot create directory '/a'").

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { gnuQuote, isBusybox, isDirMode, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import { parseMode } from "./lib/files-mode.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] DIRECTORY...",
  full: "Create DIRECTORY\n\n\t-m MODE\tMode\n\t-p\tNo error if exists; make parent directories as needed",
};

/** The prefixes mkdir -p creates, as BusyBox cuts them (after each run of slashes). */
function bbPrefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] !== "/") continue;
    let j = i;
    while (path[j] === "/") j++;
    if (j < path.length && i > 0) out.push(path.slice(0, j));
    i = j - 1;
  }
  return out;
}

/** GNU: each ancestor without its trailing slashes. */
function gnuPrefixes(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    const p = parts.slice(0, i).join("/");
    if (p !== "" && parts[i] !== "" && !out.includes(p)) out.push(p);
  }
  return out.filter((p) => p.replace(/\/+$/, "") !== "" && p !== path.replace(/\/+$/, ""));
}

async function makeOne(ctx: ProgramContext, path: string, mode: number | undefined, parents: boolean, verbose: boolean): Promise<boolean> {
  const busybox = isBusybox(ctx);
  const fail = async (what: string, p: string, e: Parameters<typeof errText>[1]) => {
    await ctx.stderr.write(busybox ? `mkdir: can't ${what} directory '${p}': ${errText(ctx, e)}\n` : `mkdir: cannot create directory ${gnuQuote(p)}: ${errText(ctx, e)}\n`);
    return false;
  };
  if (parents) {
    const umask = ctx.sys.umask();
    for (const prefix of busybox ? bbPrefixes(path) : gnuPrefixes(path)) {
      // Intermediate directories get u+wx whatever the umask says.
      ctx.sys.umask(umask & ~0o300);
      const r = attempt(() => ctx.sys.mkdir(prefix, 0o777));
      ctx.sys.umask(umask);
      if (!r.ok) {
        const exists = attempt(() => ctx.sys.stat(prefix));
        if (r.errno.name === "EEXIST" && exists.ok && isDirMode(exists.value.mode)) continue;
        return fail("create", prefix, r.errno);
      }
      if (verbose) await ctx.stdout.write(busybox ? `created directory: '${prefix}'\n` : `mkdir: created directory ${gnuQuote(prefix)}\n`);
    }
  }
  const r = attempt(() => ctx.sys.mkdir(path, mode ?? 0o777));
  if (!r.ok) {
    const exists = attempt(() => ctx.sys.stat(path));
    if (parents && (r.errno.name === "EEXIST" || r.errno.name === "EISDIR") && exists.ok && isDirMode(exists.value.mode)) return true;
    return fail("create", path, r.errno);
  }
  if (verbose) await ctx.stdout.write(busybox ? `created directory: '${path}'\n` : `mkdir: created directory ${gnuQuote(path)}\n`);
  if (mode !== undefined) {
    const c = attempt(() => ctx.sys.chmod(path, mode));
    if (!c.ok) {
      if (busybox) return fail("set permissions of", path, c.errno);
      await ctx.stderr.write(`mkdir: cannot set permissions of ${gnuQuote(path)}: ${errText(ctx, c.errno)}\n`);
      return false;
    }
  }
  return true;
}

export const mkdir: Command = {
  name: "mkdir",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), "m:pv", { mode: "required", parents: "none", verbose: "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let modeText: string | undefined;
    let parents = false;
    let verbose = false;
    for (const { opt, value } of scanned.options) {
      if (opt === "m" || opt === "--mode") modeText = value;
      else if (opt === "p" || opt === "--parents") parents = true;
      else if (opt === "v" || opt === "--verbose") verbose = true;
    }
    let mode: number | undefined;
    if (modeText !== undefined) {
      const parsed = parseMode(modeText, 0o040777, ctx.sys.umask(), !busybox);
      if (parsed === undefined) {
        await ctx.stderr.write(`mkdir: invalid mode ${busybox ? `'${modeText}'` : gnuQuote(modeText)}\n`);
        return 1;
      }
      mode = parsed;
    }
    if (scanned.operands.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const path of scanned.operands) if (!(await makeOne(ctx, path, mode, parents, verbose))) status = 1;
    return status;
  },
};
