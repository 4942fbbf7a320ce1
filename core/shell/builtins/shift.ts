import { type Builtin, fail, isNumber } from "./types.js";

export const shift: Builtin = {
  name: "shift",
  special: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (arg !== undefined && !isNumber(arg)) return fail(ctx, `Illegal number: ${arg}`, 2);
    const n = arg === undefined ? 1 : Number(arg);
    const { state } = ctx.sh;
    if (n > state.positional.length) return ctx.sh.flavour.name === "bash" ? 1 : fail(ctx, "can't shift that many", 2);
    state.positional = state.positional.slice(n);
    return 0;
  },
};
