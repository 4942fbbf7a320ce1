import { printfFormat } from "../../commands/lib/printf.js";
import { type Builtin, fail, out } from "./types.js";

/**
 * printf FORMAT [ARG…]: ash runs the printf applet (its messages as "sh: …"), dash and bash their
 * own builtins. The output is buffered until the end, so messages come first on a terminal.
 */
export const printf: Builtin = {
  name: "printf",
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    if (args[0] === "--") args.shift();
    if (args.length === 0) return fail(ctx, sh.flavour.name === "bash" ? "usage: printf [-v var] format [arguments]" : sh.flavour.name === "dash" ? "usage: printf format [arg ...]" : "usage: printf FORMAT [ARGUMENT]...", sh.flavour.name === "ash" ? 1 : 2);
    const r = printfFormat(args[0]!, args.slice(1));
    for (const e of r.errors) {
      const bad = /^invalid number '(.*)'$/s.exec(e)?.[1];
      if (sh.flavour.name === "ash") await sh.err(ctx.fds, `${sh.state.arg0}: ${e}\n`);
      else if (bad !== undefined) await fail(ctx, sh.flavour.name === "dash" ? `${bad}: expected numeric value` : `${bad}: invalid number`);
      else await fail(ctx, e);
    }
    await out(ctx, r.text);
    return r.errors.length > 0 ? 1 : 0;
  },
};
