// printf FORMAT [ARG]… as a program (BusyBox coreutils/printf.c printf_main(); GNU coreutils
// printf.c main()), on the shared format engine (lib/printf.ts), which runs the build's parser.
// Output goes through stdio, which both tools flush before a message, so each message appears
// where its conversion failed: `printf '%d|%d\n' 1 x` shows "1|", the message, then "0".
// BusyBox with no format shows its usage (exit 1); GNU says "missing operand".

import type { ProgramContext } from "../kernel/program.js";
import { busyboxPrintfMessage, coreutilsPrintfMessage, printfEvents } from "./lib/printf.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "FORMAT [ARG]...", full: "Format and print ARG(s) according to FORMAT (a-la C printf)" };

async function printfMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let args = ctx.argv.slice(1);
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    if (t.busybox) return t.usage(USAGE);
    await t.tryHelp("missing operand");
    return 1;
  }
  const run = printfEvents(args[0]!, args.slice(1), t.busybox ? "busybox" : { coreutils: ctx.exe.version });
  for (const ev of run.events) {
    if ("text" in ev) await t.print(ev.text);
    else await t.error(t.busybox ? busyboxPrintfMessage(ev.error) : coreutilsPrintfMessage(ev.error));
  }
  await t.out.flush();
  return run.status;
}

export const printf: Command = { name: "printf", main: printfMain, usage: USAGE };
