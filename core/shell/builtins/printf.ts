import { printfFormat } from "../../commands/lib/printf.js";
import { type Builtin, fail, out } from "./types.js";

/** printf FORMAT [ARG…]: ash runs the printf applet, dash and bash their own builtins. */
export const printf: Builtin = {
  name: "printf",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === "--") args.shift();
    if (args.length === 0) return fail(ctx, ctx.sh.flavour.name === "bash" ? "usage: printf [-v var] format [arguments]" : "usage: printf format [arg ...]", 2);
    const r = printfFormat(args[0]!, args.slice(1));
    await out(ctx, r.text);
    for (const e of r.errors) await fail(ctx, e);
    return r.errors.length > 0 ? 1 : 0;
  },
};
