// Not built yet: prints that it is not emulated.

import type { Command } from "./types.js";

export const test: Command = { name: "test", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
export const bracket: Command = { name: "[", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
export const doubleBracket: Command = { name: "[[", main: async (ctx) => { await ctx.stderr.write(`${ctx.argv[0]}: not emulated yet\n`); return 127; } };
