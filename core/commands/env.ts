// env [-i] [-u NAME]… [-] [NAME=VALUE]… [PROG ARGS] (BusyBox coreutils/env.c; GNU coreutils
// env.c). Prints the environment, or execvp()s PROG with the changed one in the same process.
// Exec failures: BusyBox "can't execute 'P': strerror", GNU "P: strerror" (8.23) or "'P': …"
// (quote() since 8.25), 127 for ENOENT and 126 otherwise; GNU option errors exit 125.

import { ENOENT } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { errText, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { execvp } from "./lib/text-exec.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-iu] [-] [name=value]... [PROG ARGS]",
  full: "Print the current environment or run PROG after setting up\nthe specified environment\n\n\t-, -i\tStart with an empty environment\n\t-u\tRemove variable from the environment",
};

/** putenv(): NAME=VALUE replaces in place or appends; a bare NAME unsets (BusyBox relies on it). */
export function putenv(env: string[], entry: string): void {
  const eq = entry.indexOf("=");
  const name = eq < 0 ? entry : entry.slice(0, eq);
  const at = env.findIndex((e) => e.slice(0, e.indexOf("=") < 0 ? e.length : e.indexOf("=")) === name);
  if (eq < 0) {
    if (at >= 0) env.splice(at, 1);
    return;
  }
  if (at >= 0) env[at] = entry;
  else env.push(entry);
}

async function envMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), t.busybox ? "iu:" : "iu:0C:S:v", { long: ["ignore-environment", "unset=", "null", "chdir=", "split-string=", "debug"] });
  if (isOptionError(parsed)) {
    const status = await optionError(ctx, parsed, USAGE);
    return t.busybox ? status : 125;
  }
  let args = parsed.operands;
  const env = [...ctx.proc.environ];
  let clear = parsed.flags.has("i") || parsed.flags.has("--ignore-environment");
  if (args[0] === "-") {
    clear = true;
    args = args.slice(1);
  }
  if (clear) env.length = 0;
  const unsets = [...(parsed.lists.get("u") ?? [])];
  const longUnset = parsed.values.get("--unset");
  if (longUnset !== undefined) unsets.push(longUnset);
  for (const name of unsets) putenv(env, name.includes("=") && t.busybox ? name : name.split("=")[0]!);
  while (args.length > 0 && args[0]!.includes("=")) {
    putenv(env, args[0]!);
    args = args.slice(1);
  }
  const nul = parsed.flags.has("0") || parsed.flags.has("--null");
  if (args.length === 0) {
    for (const e of env) await t.print(`${e}${nul ? "\0" : "\n"}`);
    await t.out.flush();
    return 0;
  }
  await t.out.flush();
  const r = await execvp(ctx, ctx.proc, args[0]!, args, env, ctx.stdio);
  if ("status" in r) return r.status;
  const [major = 0, minor = 0] = ctx.exe.version.split(".").map(Number);
  const quoted = major > 8 || minor >= 25 ? `'${args[0]}'` : args[0]!;
  await t.error(t.busybox ? `can't execute '${args[0]}': ${errText(ctx, r.errno)}` : `${quoted}: ${errText(ctx, r.errno)}`);
  return r.errno === ENOENT ? 127 : 126;
}

export const env: Command = { name: "env", main: envMain, usage: USAGE };
