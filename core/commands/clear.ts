// clear (BusyBox console-tools/clear.c, unchanged 1.26–1.36): writes ESC[H ESC[J and ignores its
// arguments. ncurses' clear (not in the emulated Debian images) would print ESC[H ESC[2J ESC[3J.

import { isBusybox } from "./lib/cmd.js";
import type { Command } from "./types.js";

export const clear: Command = {
  name: "clear",
  async main(ctx) {
    await ctx.stdout.write(isBusybox(ctx) ? "\x1b[H\x1b[J" : "\x1b[H\x1b[2J\x1b[3J");
    return 0;
  },
};
