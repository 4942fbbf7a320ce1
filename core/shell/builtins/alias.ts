// alias [NAME[=VALUE]…] and unalias [-a] NAME… (ash.c aliascmd()/unaliascmd(), dash alias.c,
// bash alias.def). The parser expands them (Parser.expandAlias()).

import { singleQuote } from "./trap.js";
import { type Builtin, type BuiltinContext, nextopt, out } from "./types.js";

/** ash/dash hashalias(): first char << 4 plus every char, mod ATABSIZE (39). */
function bucket(name: string): number {
  const bytes = name; // the shell's strings hold bytes
  let h = bytes.length === 0 ? 0 : bytes.charCodeAt(0) << 4;
  for (let i = 0; i < bytes.length; i++) h += bytes.charCodeAt(i);
  return h % 39;
}

/** The aliases in the order `alias` lists them: ash/dash walk the hash table, bash sorts. */
function listed(ctx: BuiltinContext): [string, string][] {
  const all = [...ctx.sh.state.aliases];
  if (ctx.sh.flavour.name === "bash") return all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Within a bucket, in the order they were made (setalias() appends to the chain).
  return all.map((e, i) => ({ e, i, b: bucket(e[0]) })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.e);
}

/** printalias(): name='value' (bash: alias name='value', quoted 'it'\''s'). */
function shown(ctx: BuiltinContext, name: string, value: string): string {
  if (ctx.sh.flavour.name === "bash") return `alias ${name}='${value.replace(/'/g, "'\\''")}'\n`;
  return `${name}=${singleQuote(value)}\n`;
}

/** "alias: x not found": ash and dash print it bare (fprintf/outfmt), bash as a builtin error. */
async function notFound(ctx: BuiltinContext, builtin: string, name: string): Promise<void> {
  if (ctx.sh.flavour.name === "bash") await ctx.sh.err(ctx.fds, `${ctx.sh.state.arg0}: ${builtin}: ${name}: not found\n`);
  else await ctx.sh.err(ctx.fds, `${builtin}: ${name} not found\n`);
}

export const alias: Builtin = {
  name: "alias",
  async run(ctx) {
    const { aliases } = ctx.sh.state;
    let args = ctx.argv.slice(1);
    // bash takes -p (and --); ash and dash have no options: "-p" is a name.
    const bash = ctx.sh.flavour.name === "bash";
    let print = args.length === 0;
    while (bash && (args[0] === "-p" || args[0] === "--")) {
      print ||= args[0] === "-p";
      args = args.slice(1);
    }
    // dash writes out1 when the builtin is done, its errors (out2) at once: they come first.
    let text = "";
    const put = async (t: string) => {
      if (ctx.sh.flavour.name === "dash") text += t;
      else await out(ctx, t);
    };
    if (print) for (const [name, value] of listed(ctx)) await put(shown(ctx, name, value));
    let status = 0;
    for (const a of args) {
      // strchr(n+1, '='): a leading '=' belongs to the name.
      const eq = a.indexOf("=", 1);
      if (eq < 0) {
        const value = aliases.get(a);
        if (value === undefined) {
          await notFound(ctx, "alias", a);
          status = 1;
        } else await put(shown(ctx, a, value));
        continue;
      }
      // setalias(): a new name goes to the end of its chain, a known one keeps its place.
      aliases.set(a.slice(0, eq), a.slice(eq + 1));
    }
    if (text !== "") await out(ctx, text);
    return status;
  },
};

export const unalias: Builtin = {
  name: "unalias",
  async run(ctx) {
    const { aliases } = ctx.sh.state;
    const { opts, args } = await nextopt(ctx, "a");
    if (opts.includes("a")) {
      aliases.clear();
      return 0;
    }
    let status = 0;
    for (const name of args) {
      if (!aliases.delete(name)) {
        await notFound(ctx, "unalias", name);
        status = 1;
      }
    }
    return status;
  },
};
