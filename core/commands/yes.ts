// yes [STRING]… (BusyBox coreutils/yes.c: no options, every argument is printed; GNU coreutils
// yes.c: only --help/--version, other options are errors). Output goes out in stdio-sized chunks,
// each awaited, with a scheduler checkpoint in between, so memory stays bounded, a full pipe
// blocks it, Ctrl-C stops it and a closed pipe ends it with SIGPIPE (yes | head -1).

import type { ProgramContext } from "../kernel/program.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

const CHUNK = 4096;

async function yesMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let args = ctx.argv.slice(1);
  if (!t.busybox) {
    if (args[0] === "--") args = args.slice(1);
    else if (args[0] !== undefined && args[0].startsWith("--") && args[0] !== "--") {
      await t.tryHelp(`unrecognized option '${args[0]}'`);
      return 1;
    } else if (args[0] !== undefined && /^-./.test(args[0])) {
      await t.tryHelp(`invalid option -- '${args[0][1]}'`);
      return 1;
    }
  }
  const line = `${args.length === 0 ? "y" : args.join(" ")}\n`;
  // A terminal is line-buffered: one write per line. Otherwise whole BUFSIZ blocks.
  const block = ctx.stdout.tty !== undefined ? line : line.repeat(Math.max(1, Math.floor(CHUNK / line.length)));
  for (;;) {
    await ctx.stdout.write(block);
    await t.checkpoint();
  }
}

export const yes: Command = { name: "yes", main: yesMain };
