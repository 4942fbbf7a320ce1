// set: options (-e -u -x -f -n -v -a, -o name) and positional parameters; alone, lists variables.

import type { ShellOptions } from "../state.js";
import { singleQuote } from "./trap.js";
import { type Builtin, fail, out, raise } from "./types.js";

const LETTERS: Record<string, keyof ShellOptions> = { e: "errexit", u: "nounset", x: "xtrace", f: "noglob", n: "noexec", v: "verbose", a: "allexport" };
const NAMES = new Set<string>(Object.values(LETTERS));

// showvars(): every value single-quoted (bash quotes only when needed).
const quote = (v: string, bash: boolean) => (bash && /^[A-Za-z0-9_./:=-]+$/.test(v) ? v : singleQuote(v));

export const set: Builtin = {
  name: "set",
  special: true,
  async run(ctx) {
    const { state } = ctx.sh;
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      const names = [...state.vars.keys()].sort((a, b) => (a < b ? -1 : 1));
      await out(ctx, names.filter((n) => state.vars.get(n)!.value !== undefined).map((n) => `${n}=${quote(state.vars.get(n)!.value!, ctx.sh.flavour.name === "bash")}\n`).join(""));
      return 0;
    }
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") {
        i++;
        state.positional = args.slice(i);
        return 0;
      }
      if (!/^[-+]/.test(a) || a === "-" || a === "+") break;
      const on = a[0] === "-";
      if (a.slice(1) === "o") {
        const name = args[++i];
        if (name === undefined) {
          await out(ctx, [...NAMES].sort().map((n) => `${n.padEnd(16)}${state.options[n as keyof ShellOptions] ? "on" : "off"}\n`).join(""));
          continue;
        }
        if (!NAMES.has(name)) {
          // ash minus_o(): a message and status 1; dash raises "Illegal option -o name".
          if (ctx.sh.flavour.name === "ash") return fail(ctx, `illegal option ${a[0]}o ${name}`, 1);
          return raise(ctx, `Illegal option ${a[0]}o ${name}`);
        }
        state.options[name as keyof ShellOptions] = on;
        continue;
      }
      for (const letter of a.slice(1)) {
        const opt = LETTERS[letter];
        if (opt === undefined) {
          if (letter === "m" || letter === "i" || letter === "C" || letter === "b") continue;
          return raise(ctx, `${ctx.sh.flavour.name === "ash" ? "illegal" : "Illegal"} option ${a[0]}${letter}`);
        }
        state.options[opt] = on;
      }
    }
    if (i < args.length) state.positional = args.slice(i);
    return 0;
  },
};
