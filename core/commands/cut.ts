// Not built yet: prints that it is not emulated.

import type { Command } from "./types.js";

export const cut: Command = { name: "cut", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
