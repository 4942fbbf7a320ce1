import type { Builtin } from "./types.js";

/** eval ARG…: runs the joined arguments as shell input in the current shell. */
export const evalBuiltin: Builtin = {
  name: "eval",
  special: true,
  async run(ctx) {
    const src = ctx.argv.slice(1).join(" ");
    if (src.trim() === "") return 0;
    return ctx.sh.runSource(src, ctx.fds);
  },
};
