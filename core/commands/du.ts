// du [-aHLdclsxhmk] [FILE]… — BusyBox coreutils/du.c (1K units rounded, -h with one decimal,
// hard links counted once, "du: can't open 'DIR'" for an unreadable directory) and GNU coreutils
// du.c ("cannot read directory 'DIR'", "cannot access 'FILE'"). Entries come in readdir order.

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { bbHuman, gnuHuman, gnuQuote, isBusybox, isDirMode, isLinkMode, isScanError, joinPath, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-aHLdclsxhmk] [FILE]...",
  full: "Summarize disk space used for each FILE and/or directory\n\n\t-a\tShow file sizes too\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-d N\tLimit output to directories (and files with -a) of depth < N\n\t-c\tShow grand total\n\t-l\tCount sizes many times if hard linked\n\t-s\tDisplay only a total for each argument\n\t-x\tSkip directories on different filesystems\n\t-h\tSizes in human readable format (e.g., 1K 243M 2G)\n\t-m\tSizes in megabytes\n\t-k\tSizes in kilobytes (default)",
};

interface DuRun {
  ctx: ProgramContext;
  all: boolean;
  maxDepth: number;
  countLinks: boolean;
  oneFs: boolean;
  unit: number; // bytes per displayed unit; 0 = human
  follow: "none" | "args" | "all";
  seen: Set<string>;
  status: number;
  rootDev: number;
}

function format(run: DuRun, blocks512: number): string {
  if (isBusybox(run.ctx)) {
    const size = run.unit ? blocks512 + Math.floor((run.unit - 1) / 1024) : blocks512;
    return bbHuman(size, 512, run.unit);
  }
  const bytes = blocks512 * 512;
  if (run.unit === 0) return gnuHuman(bytes);
  return String(Math.ceil(bytes / run.unit));
}

async function walkDu(run: DuRun, path: string, depth: number): Promise<number> {
  const { ctx } = run;
  await ctx.sys.system.sched.checkpoint(ctx.proc);
  const follow = run.follow === "all" || (run.follow === "args" && depth === 0);
  let st = attempt(() => ctx.sys.lstat(path));
  if (st.ok && follow && isLinkMode(st.value.mode)) st = attempt(() => ctx.sys.stat(path));
  if (!st.ok) {
    await ctx.stderr.write(isBusybox(ctx) ? `du: ${path}: ${errText(ctx, st.errno)}\n` : `du: cannot access ${gnuQuote(path)}: ${errText(ctx, st.errno)}\n`);
    run.status = 1;
    return 0;
  }
  if (depth === 0) run.rootDev = st.value.dev;
  else if (run.oneFs && st.value.dev !== run.rootDev) return 0;
  let sum = st.value.blocks;
  if (!run.countLinks && st.value.nlink > 1 && !isDirMode(st.value.mode)) {
    const key = `${st.value.dev}:${st.value.ino}`;
    if (run.seen.has(key)) return 0;
    run.seen.add(key);
  }
  if (isDirMode(st.value.mode)) {
    const names = attempt(() => ctx.sys.readdir(path));
    if (!names.ok) {
      await ctx.stderr.write(isBusybox(ctx) ? `du: can't open '${path}': ${errText(ctx, names.errno)}\n` : `du: cannot read directory ${gnuQuote(path)}: ${errText(ctx, names.errno)}\n`);
      run.status = 1;
    } else {
      for (const n of names.value) sum += await walkDu(run, joinPath(path, n), depth + 1);
    }
  } else if (!run.all && depth !== 0) return sum;
  if (depth <= run.maxDepth) await ctx.stdout.write(`${format(run, sum)}\t${path}\n`);
  return sum;
}

export const du: Command = {
  name: "du",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "aHkLsxd:lchm" : "abcd:hHklLmsSxB:", { all: "none", "human-readable": "none", summarize: "none", total: "none", "max-depth": "required", "one-file-system": "none", dereference: "none", "count-links": "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    const run: DuRun = { ctx, all: false, maxDepth: Number.MAX_SAFE_INTEGER, countLinks: false, oneFs: false, unit: 1024, follow: "none", seen: new Set(), status: 0, rootDev: 0 };
    let total = false;
    for (const { opt, value } of scanned.options) {
      switch (opt) {
        case "a": case "--all": run.all = true; break;
        case "s": case "--summarize": run.maxDepth = 0; break;
        case "d": case "--max-depth": run.maxDepth = Number.parseInt(value ?? "", 10); break;
        case "c": case "--total": total = true; break;
        case "l": case "--count-links": run.countLinks = true; break;
        case "x": case "--one-file-system": run.oneFs = true; break;
        case "h": case "--human-readable": run.unit = 0; break;
        case "m": run.unit = 1024 * 1024; break;
        case "k": run.unit = 1024; break;
        case "H": run.follow = "args"; break;
        case "L": case "--dereference": run.follow = "all"; break;
        default: break;
      }
    }
    if (Number.isNaN(run.maxDepth)) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("du: invalid maximum depth\n");
      return 1;
    }
    const paths = scanned.operands.length === 0 ? ["."] : scanned.operands;
    let sum = 0;
    for (const p of paths) {
      sum += await walkDu(run, p, 0);
      run.seen.clear();
    }
    if (total) await ctx.stdout.write(`${format(run, sum)}\ttotal\n`);
    return run.status;
  },
};
