import { type Builtin, raise } from "./types.js";

/** local name[=value]…: variables restored when the function returns (ash, dash, bash). */
export const local: Builtin = {
  name: "local",
  // ash and dash list `local` as a special builtin (its errors are fatal, assignments stay).
  special: true,
  async run(ctx) {
    const { state } = ctx.sh;
    const frame = state.locals.at(-1);
    if (frame === undefined) return raise(ctx, "not in a function", ctx.sh.flavour.name === "bash" ? 1 : 2);
    for (const arg of ctx.argv.slice(1)) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== "-") return raise(ctx, ctx.sh.flavour.name === "bash" ? `\`${arg}': not a valid identifier` : `${name}: bad variable name`, ctx.sh.flavour.name === "bash" ? 1 : 2);
      if (!frame.has(name)) {
        const v = state.vars.get(name);
        frame.set(name, v === undefined ? undefined : { ...v });
      }
      if (eq >= 0) {
        if (!state.set(name, arg.slice(eq + 1))) await ctx.sh.raise(ctx.fds, `${name}: is read only`);
      } else if (!state.vars.has(name)) state.vars.set(name, { value: undefined, exported: false, readonly: false });
    }
    return 0;
  },
};
