import { ExitSignal } from "../control.js";
import { type Builtin, fail, isNumber, raise } from "./types.js";

/** What interactive bash says when it leaves: a login shell ($0 "-bash") logs out (exit_builtin()). */
export const bashExitWord = (arg0: string): string => (arg0.startsWith("-") ? "logout" : "exit");

/** exit [n]: leaves the shell with n, or with the last command's status. */
export const exit: Builtin = {
  name: "exit",
  special: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (ctx.sh.flavour.name === "bash" && ctx.sh.interactive) await ctx.sh.err(ctx.fds, `${bashExitWord(ctx.sh.state.arg0)}\n`);
    if (arg !== undefined && !isNumber(arg.replace(/^-/, ""))) {
      if (ctx.sh.flavour.name === "bash") {
        await fail(ctx, `${arg}: numeric argument required`);
        throw new ExitSignal(2);
      }
      // ash/dash number(): "Illegal number" is raised, the shell stays.
      return raise(ctx, `Illegal number: ${arg}`);
    }
    throw new ExitSignal(arg === undefined ? ctx.sh.state.status : Number(arg) & 0xff);
  },
};
