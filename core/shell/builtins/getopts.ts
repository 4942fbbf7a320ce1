import { type Builtin, fail } from "./types.js";

/** getopts OPTSTRING NAME [ARG…]: the next option, with OPTIND and OPTARG (XCU getopts). */
export const getopts: Builtin = {
  name: "getopts",
  async run(ctx) {
    const { state } = ctx.sh;
    const [optstring, name, ...rest] = ctx.argv.slice(1);
    if (optstring === undefined || name === undefined) return fail(ctx, "usage: getopts optstring var [arg]", 2);
    const args = rest.length > 0 ? rest : state.positional;
    const silent = optstring.startsWith(":");
    let optind = Number(state.get("OPTIND") ?? "1") || 1;
    const sub = Number(state.get("OPTSUB") ?? "1") || 1;
    const arg = args[optind - 1];
    if (arg === undefined || arg === "-" || !arg.startsWith("-")) {
      state.set(name, "?");
      return 1;
    }
    if (arg === "--") {
      state.set("OPTIND", String(optind + 1));
      state.set(name, "?");
      return 1;
    }
    const ch = arg[sub]!;
    let nextSub = sub + 1;
    const spec = optstring.indexOf(ch);
    state.unset("OPTARG");
    if (spec < 0 || ch === ":") {
      state.set(name, "?");
      if (silent) state.set("OPTARG", ch);
      else await ctx.sh.err(ctx.fds, `${state.arg0}: illegal option -- ${ch}\n`);
    } else if (optstring[spec + 1] === ":") {
      if (nextSub < arg.length) {
        state.set("OPTARG", arg.slice(nextSub));
      } else if (args[optind] !== undefined) {
        state.set("OPTARG", args[optind]!);
        optind++;
      } else {
        state.set(name, silent ? ":" : "?");
        if (silent) state.set("OPTARG", ch);
        else await ctx.sh.err(ctx.fds, `${state.arg0}: option requires an argument -- ${ch}\n`);
        state.set("OPTIND", String(optind + 1));
        state.set("OPTSUB", "1");
        return 0;
      }
      nextSub = arg.length;
      state.set(name, ch);
    } else state.set(name, ch);
    if (nextSub >= arg.length) {
      optind++;
      nextSub = 1;
    }
    state.set("OPTIND", String(optind));
    state.set("OPTSUB", String(nextSub));
    return 0;
  },
};
