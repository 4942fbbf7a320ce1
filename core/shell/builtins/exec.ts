import { ExitSignal } from "../control.js";
import type { Builtin } from "./types.js";

/**
 * exec [COMMAND…]: with a command, the shell's process becomes that program and the shell ends;
 * without one, the redirections stay in effect for the shell itself.
 */
export const exec: Builtin = {
  name: "exec",
  special: true,
  async run(ctx) {
    const { sh } = ctx;
    if (ctx.argv.length === 1) {
      for (const [fd, d] of ctx.fds) sh.fds.set(fd, d);
      for (const fd of [...sh.fds.keys()]) if (!ctx.fds.has(fd)) sh.fds.delete(fd);
      return 0;
    }
    const status = await sh.execCommand(ctx.argv.slice(1), sh.state.environ(), ctx.fds);
    throw new ExitSignal(status);
  },
};
