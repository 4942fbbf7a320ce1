// cat [FILE]…: BusyBox "cat: can't open 'X': …", GNU "cat: X: …"; keeps going, exit 1 at the end.

import { isBusybox, attemptAsync, errText, applet } from "./lib/cmd.js";
import type { Command } from "./types.js";

export const cat: Command = {
  name: "cat",
  async main(ctx) {
    const files = ctx.argv.slice(1).filter((a) => a !== "-u");
    if (files.length === 0) files.push("-");
    let status = 0;
    for (const f of files) {
      if (f === "-") {
        for (;;) {
          const chunk = await ctx.stdin.read(65536);
          if (chunk === "") break;
          await ctx.stdout.write(chunk);
        }
        continue;
      }
      const opened = await attemptAsync(async () => ctx.sys.open(f, { read: true }));
      if (!opened.ok) {
        status = 1;
        await ctx.stderr.write(isBusybox(ctx) ? `${applet(ctx)}: can't open '${f}': ${errText(ctx, opened.errno)}\n` : `${applet(ctx)}: ${f}: ${errText(ctx, opened.errno)}\n`);
        continue;
      }
      for (;;) {
        const chunk = await attemptAsync(() => opened.value.read(65536));
        if (!chunk.ok) {
          status = 1;
          await ctx.stderr.write(isBusybox(ctx) ? `${applet(ctx)}: read error: ${errText(ctx, chunk.errno)}\n` : `${applet(ctx)}: ${f}: ${errText(ctx, chunk.errno)}\n`);
          break;
        }
        if (chunk.value === "") break;
        await ctx.stdout.write(chunk.value);
        await ctx.sys.system.sched.checkpoint(ctx.proc);
      }
    }
    return status;
  },
};
