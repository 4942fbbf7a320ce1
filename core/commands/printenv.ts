// printenv [VARIABLE]… (BusyBox coreutils/printenv.c; GNU coreutils printenv.c): the whole
// environment, or the value of each named variable; exit 1 when one is not set. BusyBox takes no
// options (a "-x" operand is just a name that is not set); GNU has -0 and exits 2 on a bad option.

import type { ProgramContext } from "../kernel/program.js";
import { isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { getenv } from "./lib/text-exec.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

async function printenvMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let names = ctx.argv.slice(1);
  let end = "\n";
  if (!t.busybox) {
    const parsed = parseOptions(names, "0", { permute: true, long: ["null"] });
    if (isOptionError(parsed)) return (await optionError(ctx, parsed, undefined), 2);
    names = parsed.operands;
    if (parsed.flags.has("0") || parsed.flags.has("--null")) end = "\0";
  }
  const environ = ctx.proc.environ;
  if (names.length === 0) {
    for (const e of environ) await t.print(`${e}${end}`);
    await t.out.flush();
    return 0;
  }
  let missing = 0;
  for (const name of names) {
    const value = name.includes("=") ? undefined : getenv(environ, name);
    if (value === undefined) missing++;
    else await t.print(`${value}${end}`);
  }
  await t.out.flush();
  return missing > 0 ? 1 : 0;
}

export const printenv: Command = { name: "printenv", main: printenvMain };
