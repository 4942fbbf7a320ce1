// export, readonly: mark variables; with -p (or no names) list them in the shell's format.

import { type Builtin, out, raise } from "./types.js";
import type { BuiltinContext } from "./types.js";

import { singleQuote as quote } from "./trap.js";

async function mark(ctx: BuiltinContext, attr: "exported" | "readonly"): Promise<number> {
  const { state } = ctx.sh;
  const names = ctx.argv.slice(1).filter((a) => a !== "-p" && a !== "-n");
  if (names.length === 0) {
    const word = attr === "exported" ? "export" : "readonly";
    const listed = [...state.vars].filter(([, v]) => v[attr]).sort(([a], [b]) => (a < b ? -1 : 1));
    const prefix = ctx.sh.flavour.name === "bash" ? (attr === "exported" ? "declare -x" : "declare -r") : word;
    await out(ctx, listed.map(([k, v]) => (v.value === undefined ? `${prefix} ${k}\n` : `${prefix} ${k}=${ctx.sh.flavour.name === "bash" ? JSON.stringify(v.value) : quote(v.value)}\n`)).join(""));
    return 0;
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      if (ctx.sh.flavour.name === "bash") {
        await ctx.sh.err(ctx.fds, `${ctx.sh.state.arg0}: ${ctx.argv[0]}: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      return raise(ctx, `${name}: bad variable name`);
    }
    // setvar(): assigning a read-only variable raises "x: is read only" (no builtin name).
    if (eq >= 0 && !state.set(name, arg.slice(eq + 1))) await ctx.sh.raise(ctx.fds, `${name}: is read only`);
    const v = state.vars.get(name);
    if (v === undefined) state.vars.set(name, { value: undefined, exported: attr === "exported", readonly: attr === "readonly" });
    else v[attr] = true;
  }
  return status;
}

export const exportBuiltin: Builtin = { name: "export", special: true, run: (ctx) => mark(ctx, "exported") };
export const readonlyBuiltin: Builtin = { name: "readonly", special: true, run: (ctx) => mark(ctx, "readonly") };
