import { type Builtin, fail } from "./types.js";

/** unset [-f|-v] name…: removes variables (or functions). */
export const unset: Builtin = {
  name: "unset",
  special: true,
  async run(ctx) {
    let functions = false;
    let status = 0;
    for (const arg of ctx.argv.slice(1)) {
      if (arg === "-f") { functions = true; continue; }
      if (arg === "-v") { functions = false; continue; }
      if (functions) ctx.sh.state.functions.delete(arg);
      else if (!ctx.sh.state.unset(arg)) status = await fail(ctx, `${arg}: is read only`, ctx.sh.flavour.name === "bash" ? 1 : 2);
    }
    return status;
  },
};
