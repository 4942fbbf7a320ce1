// echo as a program (BusyBox applet / GNU coreutils): -n, -e, -E.

import { echoEscapes } from "../shell/builtins/echo.js";
import type { Command } from "./types.js";

export const echo: Command = {
  name: "echo",
  async main(ctx) {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
      for (const f of args[i]!.slice(1)) {
        if (f === "n") newline = false;
        else escapes = f === "e";
      }
    }
    let text = args.slice(i).join(" ");
    if (escapes) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    await ctx.stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};
