// cat [-nbvteA] [FILE]… (BusyBox coreutils/cat.c, with catv's -v -e -t -A; GNU cat adds -E -T
// -s): BusyBox "cat: can't open 'X': …", GNU "cat: X: …"; keeps going, exit 1 at the end.

import type { ProgramContext } from "../kernel/program.js";
import { applet, attemptAsync, errText, isBusybox, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "[-nbvteA] [FILE]...", full: "Print FILEs to stdout\n\n\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n\t-v\tShow nonprinting characters as ^x or M-x\n\t-t\t...and tabs as ^I\n\t-e\t...and end lines with $\n\t-A\tSame as -vte" };
const GNU_LONG = ["show-all", "number-nonblank", "show-ends", "number", "squeeze-blank", "show-tabs", "show-nonprinting"];

interface Style {
  number: "all" | "nonblank" | undefined;
  nonprinting: boolean;
  tabs: boolean;
  ends: boolean;
  squeeze: boolean;
}

/** catv's visible form of a byte: ^X for controls, M- for the high half. */
function visible(ch: string, s: Style): string {
  let c = ch.charCodeAt(0);
  if (ch === "\t") return s.tabs ? "^I" : "\t";
  if (ch === "\n") return "\n";
  if (!s.nonprinting) return ch;
  let out = "";
  if (c >= 128) {
    out = "M-";
    c -= 128;
  }
  if (c < 32) return `${out}^${String.fromCharCode(c + 64)}`;
  if (c === 127) return `${out}^?`;
  return out + String.fromCharCode(c);
}

class Formatter {
  private line = 0;
  private atStart = true;
  private blankRun = 0;

  constructor(private readonly s: Style) {}

  format(chunk: string): string {
    if (this.s.number === undefined && !this.s.nonprinting && !this.s.tabs && !this.s.ends && !this.s.squeeze) return chunk;
    let out = "";
    for (const ch of chunk) {
      if (this.atStart) {
        const blank = ch === "\n";
        this.blankRun = blank ? this.blankRun + 1 : 0;
        if (this.s.squeeze && blank && this.blankRun > 1) continue;
        if (this.s.number === "all" || (this.s.number === "nonblank" && !blank)) out += `${String(++this.line).padStart(6)}\t`;
        this.atStart = false;
      }
      if (ch === "\n") {
        out += this.s.ends ? "$\n" : "\n";
        this.atStart = true;
      } else out += visible(ch, this.s);
    }
    return out;
  }
}

export const cat: Command = {
  name: "cat",
  usage: USAGE,
  async main(ctx: ProgramContext) {
    const busybox = isBusybox(ctx);
    const parsed = parseOptions(ctx.argv.slice(1), busybox ? "nbvteAu" : "AbeEnstTuv", busybox ? { permute: true } : { permute: true, long: GNU_LONG });
    if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
    const f = parsed.flags;
    const all = f.has("A") || f.has("--show-all");
    const style: Style = {
      number: f.has("b") || f.has("--number-nonblank") ? "nonblank" : f.has("n") || f.has("--number") ? "all" : undefined,
      nonprinting: all || f.has("v") || f.has("e") || f.has("t") || f.has("--show-nonprinting"),
      tabs: all || f.has("t") || f.has("T") || f.has("--show-tabs"),
      ends: all || f.has("e") || f.has("E") || f.has("--show-ends"),
      squeeze: f.has("s") || f.has("--squeeze-blank"),
    };
    const fmt = new Formatter(style);
    const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
    let status = 0;
    for (const file of files) {
      if (file === "-") {
        for (;;) {
          const chunk = await ctx.stdin.read(65536);
          if (chunk === "") break;
          await ctx.stdout.write(fmt.format(chunk));
        }
        continue;
      }
      const opened = await attemptAsync(async () => ctx.sys.open(file, { read: true }));
      if (!opened.ok) {
        status = 1;
        await ctx.stderr.write(busybox ? `${applet(ctx)}: can't open '${file}': ${errText(ctx, opened.errno)}\n` : `${applet(ctx)}: ${file}: ${errText(ctx, opened.errno)}\n`);
        continue;
      }
      for (;;) {
        const chunk = await attemptAsync(() => opened.value.read(65536));
        if (!chunk.ok) {
          status = 1;
          await ctx.stderr.write(busybox ? `${applet(ctx)}: read error: ${errText(ctx, chunk.errno)}\n` : `${applet(ctx)}: ${file}: ${errText(ctx, chunk.errno)}\n`);
          break;
        }
        if (chunk.value === "") break;
        await ctx.stdout.write(fmt.format(chunk.value));
        await ctx.sys.system.sched.checkpoint(ctx.proc);
      }
    }
    return status;
  },
};
