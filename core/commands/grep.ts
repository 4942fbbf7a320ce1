// Not built yet: prints that it is not emulated.

import type { Command } from "./types.js";

export const grep: Command = { name: "grep", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
export const egrep: Command = { name: "egrep", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
export const fgrep: Command = { name: "fgrep", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
