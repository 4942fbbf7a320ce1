// pwd [-LP] (BusyBox coreutils/pwd.c pwd_main(), logical_getcwd(); GNU coreutils src/pwd.c).
// Both default to -P (getcwd); -L prints $PWD when it is absolute, has no "." or ".."
// components and names the working directory (same device and inode as ".").

import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, isBusybox, isOptionError, optionError, out, parseOptions, perror } from "./lib/cmd.js";
import { getenv } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "", full: "Print the full filename of the current working directory" };

function logicalCwd(ctx: ProgramContext): string | undefined {
  const wd = getenv(ctx, "PWD");
  if (wd === undefined || !wd.startsWith("/")) return undefined;
  if (wd.split("/").some((c) => c === "." || c === "..")) return undefined;
  const a = attempt(() => ctx.sys.stat(wd));
  const b = attempt(() => ctx.sys.stat("."));
  if (!a.ok || !b.ok || a.value.ino !== b.value.ino || a.value.dev !== b.value.dev) return undefined;
  return wd;
}

/** GNU: the last of -L/--logical and -P/--physical wins; POSIXLY_CORRECT makes -L the default. */
function lastOfLP(args: readonly string[], logical: boolean): boolean {
  for (const a of args) {
    if (a === "--") break;
    if (a === "--logical") logical = true;
    else if (a === "--physical") logical = false;
    else if (/^-[LP]+$/.test(a)) logical = a.endsWith("L");
  }
  return logical;
}

export const pwd: Command = {
  name: "pwd",
  usage: USAGE,
  main: async (ctx) => {
    const parsed = parseOptions(ctx.argv.slice(1), "LP", isBusybox(ctx) ? {} : { long: ["logical", "physical"], permute: true });
    if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
    const f = parsed.flags;
    if (!isBusybox(ctx) && parsed.operands.length > 0) await ctx.stderr.write(`${applet(ctx)}: ignoring non-option arguments\n`);
    const logical = isBusybox(ctx) ? f.has("L") : lastOfLP(ctx.argv.slice(1), getenv(ctx, "POSIXLY_CORRECT") !== undefined);
    if (logical) {
      const wd = logicalCwd(ctx);
      if (wd !== undefined) {
        await out(ctx, `${wd}\n`);
        return 0;
      }
    }
    const cwd = attempt(() => ctx.sys.getcwd());
    if (!cwd.ok) {
      await perror(ctx, isBusybox(ctx) ? "getcwd" : "cannot determine current directory", cwd.errno);
      return 1;
    }
    await out(ctx, `${cwd.value}\n`);
    return 0;
  },
};
