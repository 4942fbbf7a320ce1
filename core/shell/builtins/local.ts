import { type Builtin, fail } from "./types.js";

/** local name[=value]…: variables restored when the function returns (ash, dash, bash). */
export const local: Builtin = {
  name: "local",
  async run(ctx) {
    const { state } = ctx.sh;
    const frame = state.locals.at(-1);
    if (frame === undefined) return fail(ctx, "not in a function", ctx.sh.flavour.name === "bash" ? 1 : 2);
    for (const arg of ctx.argv.slice(1)) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!frame.has(name)) {
        const v = state.vars.get(name);
        frame.set(name, v === undefined ? undefined : { ...v });
      }
      if (eq >= 0) state.set(name, arg.slice(eq + 1));
      else if (!state.vars.has(name)) state.vars.set(name, { value: undefined, exported: false, readonly: false });
    }
    return 0;
  },
};
