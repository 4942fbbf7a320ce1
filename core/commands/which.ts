// which [-a] COMMAND… (BusyBox debianutils/which.c which_main() with libbb find_executable();
// Debian's debianutils `which`, a sh script). A match is a regular file the caller may execute
// (access(X_OK) and stat), searched along $PATH; names with a slash are checked as given.

import type { ProgramContext } from "../kernel/program.js";
import { isBusybox, isOptionError, optionError, out, parseOptions, usage } from "./lib/cmd.js";
import { getenv } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "[COMMAND]...", full: "Locate a COMMAND" };
const X_OK = 1;

/** test -f FILE && test -x FILE / file_is_executable(): both follow symlinks. */
function isExecutable(ctx: ProgramContext, path: string): boolean {
  try {
    ctx.sys.access(path, X_OK);
    return (ctx.sys.stat(path).mode & 0o170000) === 0o100000;
  } catch {
    return false;
  }
}

/** Every match of `name` along `path` ("::" and a trailing ":" mean the current directory). */
function* search(ctx: ProgramContext, name: string, path: string): Generator<string> {
  for (const dir of path.split(":")) {
    const candidate = dir === "" ? `./${name}` : `${dir.replace(/\/+$/, "")}/${name}`;
    if (isExecutable(ctx, candidate)) yield candidate;
  }
}

async function lookup(ctx: ProgramContext, names: readonly string[], all: boolean, path: string): Promise<number> {
  let status = 0;
  for (const name of names) {
    let missing = true;
    if (name.includes("/")) {
      if (isExecutable(ctx, name)) {
        missing = false;
        await out(ctx, `${name}\n`);
      }
    } else {
      for (const hit of search(ctx, name, path)) {
        missing = false;
        await out(ctx, `${hit}\n`);
        if (!all) break;
      }
    }
    if (missing) status = 1;
  }
  return status;
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "a");
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  if (parsed.operands.length === 0) return usage(ctx, USAGE.trivial, USAGE.full);
  return lookup(ctx, parsed.operands, parsed.flags.has("a"), getenv(ctx, "PATH") ?? "/sbin:/usr/sbin:/bin:/usr/bin");
}

/** debianutils which: getopts a; "Usage: $0 [-a] args" (exit 2); no operand → status 1. */
async function debianMain(ctx: ProgramContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let all = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    for (const c of a.slice(1)) {
      if (c !== "a") {
        await ctx.stderr.write(`Illegal option -${c}\n`);
        await out(ctx, `Usage: ${ctx.proc.exe} [-a] args\n`);
        return 2;
      }
      all = true;
    }
  }
  const names = args.slice(i);
  const path = getenv(ctx, "PATH") ?? "";
  const status = await lookup(ctx, names, all, path);
  return names.length === 0 ? 1 : status;
}

export const which: Command = {
  name: "which",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : debianMain(ctx)),
};
