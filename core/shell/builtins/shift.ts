import { type Builtin, isNumber, raise } from "./types.js";

/**
 * shift [n]: drops positional parameters. Too many: BusyBox ash returns 1 quietly (shiftcmd(),
 * "bash compat"), dash raises "can't shift that many", bash returns 1.
 */
export const shift: Builtin = {
  name: "shift",
  special: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (arg !== undefined && !isNumber(arg)) return raise(ctx, `Illegal number: ${arg}`);
    const n = arg === undefined ? 1 : Number(arg);
    const { state } = ctx.sh;
    if (n > state.positional.length) return ctx.sh.flavour.name === "dash" ? raise(ctx, "can't shift that many") : 1;
    state.positional = state.positional.slice(n);
    return 0;
  },
};
