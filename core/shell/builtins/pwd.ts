import { type Builtin, out } from "./types.js";

/** pwd: the logical $PWD when it still names the current directory, else getcwd(). */
export const pwd: Builtin = {
  name: "pwd",
  async run(ctx) {
    const physical = ctx.argv.includes("-P");
    const real = ctx.sh.sys.getcwd();
    const logical = ctx.sh.state.get("PWD");
    let show = real;
    if (!physical && logical !== undefined) {
      try {
        const a = ctx.sh.sys.stat(logical);
        const b = ctx.sh.sys.stat(".");
        if (a.ino === b.ino && a.dev === b.dev) show = logical;
      } catch {
        /* $PWD is stale: print the real directory */
      }
    }
    await out(ctx, `${show}\n`);
    return 0;
  },
};
