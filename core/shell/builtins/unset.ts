import { type Builtin, raise } from "./types.js";

/** unset [-f|-v] name…: removes variables (or functions); a read-only one is an error (unsetvar()). */
export const unset: Builtin = {
  name: "unset",
  special: true,
  async run(ctx) {
    let functions = false;
    for (const arg of ctx.argv.slice(1)) {
      if (arg === "-f") { functions = true; continue; }
      if (arg === "-v") { functions = false; continue; }
      if (functions) ctx.sh.state.functions.delete(arg);
      else if (!ctx.sh.state.unset(arg)) {
        if (ctx.sh.flavour.name === "bash") return raise(ctx, `${arg}: cannot unset: readonly variable`, 1);
        return raise(ctx, `${arg}: is read only`);
      }
    }
    return 0;
  },
};
