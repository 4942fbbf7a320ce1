// chmod [-Rcvf] MODE[,MODE]… FILE… — BusyBox coreutils/chmod.c (recursive_action(); links below
// the top are skipped; errors "chmod: FILE: strerror") and GNU coreutils chmod.c ("changing
// permissions of 'FILE'", "cannot access 'FILE'", "invalid mode: 'MODE'").

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Attrs } from "../vfs/node.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { gnuQuote, isBusybox, isLinkMode, isScanError, modeString, permutes, scanError, scanOptions } from "./lib/files-common.js";
import { parseMode } from "./lib/files-mode.js";
import { recursiveAction } from "./lib/files-walk.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-Rcvf] MODE[,MODE]... FILE...",
  full: "Each MODE is one or more of the letters ugoa, one of the\nsymbols +-= and one or more of the letters rwxst\n\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tList all files\n\t-f\tHide errors",
};

/** A leading "-rwx"-like argument is the mode, not options (chmod.c converts it before getopt). */
function splitModeArg(argv: readonly string[], optLetters: string): { args: string[]; modeAt: number | undefined } {
  const args = [...argv];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--" || !a.startsWith("-")) return { args, modeAt: undefined };
    if (a.length > 1 && !a.startsWith("--") && !optLetters.includes(a[1]!)) return { args: [...args.slice(0, i), ...args.slice(i + 1)], modeAt: i };
  }
  return { args, modeAt: undefined };
}

export const chmod: Command = {
  name: "chmod",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const raw = ctx.argv.slice(1);
    const { args, modeAt } = splitModeArg(raw, busybox ? "Rvcf" : "Rvcf");
    const scanned = scanOptions(args, "Rvcf", busybox ? {} : { recursive: "none", verbose: "none", changes: "none", silent: "none", quiet: "none", reference: "required" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const has = (...o: string[]) => scanned.options.some((x) => o.includes(x.opt));
    const recurse = has("R", "--recursive");
    const verbose = has("v", "--verbose");
    const changes = has("c", "--changes");
    const quiet = has("f", "--silent", "--quiet");
    const operands = [...scanned.operands];
    const modeText = modeAt !== undefined ? raw[modeAt]! : operands.shift();
    if (modeText === undefined || operands.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write(modeText === undefined ? "chmod: missing operand\n" : `chmod: missing operand after ${gnuQuote(modeText)}\n`);
      await ctx.stderr.write("Try 'chmod --help' for more information.\n");
      return 1;
    }
    if (parseMode(modeText, 0o100644, ctx.sys.umask(), !busybox) === undefined) {
      await ctx.stderr.write(busybox ? `chmod: invalid mode '${modeText}'\n` : `chmod: invalid mode: ${gnuQuote(modeText)}\nTry 'chmod --help' for more information.\n`);
      return 1;
    }
    const report = async (path: string, e: Errno, what: "stat" | "opendir" | "chmod") => {
      if (quiet) return;
      if (busybox) await ctx.stderr.write(`chmod: ${path}: ${errText(ctx, e)}\n`);
      else if (what === "stat") await ctx.stderr.write(`chmod: cannot access ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
      else if (what === "opendir") await ctx.stderr.write(`chmod: cannot read directory ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
      else await ctx.stderr.write(`chmod: changing permissions of ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
    };
    const action = async (path: string, lst: Attrs, depth: number): Promise<boolean> => {
      let st = lst;
      if (depth === 0) {
        const s = attempt(() => ctx.sys.stat(path));
        if (!s.ok) {
          await report(path, s.errno, "stat");
          return false;
        }
        st = s.value;
      } else if (isLinkMode(st.mode)) return true;
      const mode = parseMode(modeText, st.mode, ctx.sys.umask(), !busybox)!;
      const r = attempt(() => ctx.sys.chmod(path, mode));
      if (!r.ok) {
        await report(path, r.errno, "chmod");
        return false;
      }
      await describe(ctx, path, st.mode, mode, verbose, changes);
      return true;
    };
    let status = 0;
    for (const path of operands) {
      const ok = await recursiveAction(ctx, path, { recurse, followTop: false, followAll: false, depthFirst: false }, action, (p, e, what) => report(p, e, what));
      if (!ok) status = 1;
    }
    return status;
  },
};

async function describe(ctx: ProgramContext, path: string, oldMode: number, mode: number, verbose: boolean, changes: boolean): Promise<void> {
  const changed = (oldMode & 0o7777) !== mode;
  if (!verbose && !(changes && changed)) return;
  const full = (oldMode & 0o170000) | mode;
  const oct = (m: number) => (m & 0o7777).toString(8).padStart(4, "0");
  if (isBusybox(ctx)) {
    await ctx.stdout.write(`mode of '${path}' changed to ${oct(mode)} (${modeString(full).slice(1)})\n`);
    return;
  }
  await ctx.stdout.write(changed
    ? `mode of ${gnuQuote(path)} changed from ${oct(oldMode)} (${modeString(oldMode).slice(1)}) to ${oct(mode)} (${modeString(full).slice(1)})\n`
    : `mode of ${gnuQuote(path)} retained as ${oct(oldMode)} (${modeString(oldMode).slice(1)})\n`);
}
