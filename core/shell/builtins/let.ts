// let EXPR… (ash.c letcmd()): evaluates each arithmetic expression; the status is 0 when the last
// one is not zero.

import { type Builtin, raise } from "./types.js";

export const letBuiltin: Builtin = {
  name: "let",
  shells: ["ash"],
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    if (args.length === 0) return raise(ctx, "expression expected");
    let value = 0n;
    for (const expr of args) value = await sh.expand(ctx.fds, async () => sh.expander.arith(expr));
    return value === 0n ? 1 : 0;
  },
};
