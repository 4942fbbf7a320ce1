// type NAME… and command [-v|-V] NAME [ARG…]: how the shell would run a name.

import { findBuiltin } from "./registry.js";
import { type Builtin, type BuiltinContext, fail, out } from "./types.js";

const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "{", "}", "!", "in"]);

async function describe(ctx: BuiltinContext, name: string, verbose: boolean): Promise<boolean> {
  const { sh } = ctx;
  if (KEYWORDS.has(name)) {
    await out(ctx, verbose ? `${name} is a shell keyword\n` : `${name}\n`);
    return true;
  }
  if (sh.state.functions.has(name)) {
    await out(ctx, verbose ? `${name} is a function\n` : `${name}\n`);
    return true;
  }
  const b = findBuiltin(sh.flavour.name, name);
  if (b !== undefined) {
    await out(ctx, verbose ? `${name} is a ${b.special && sh.flavour.name !== "bash" ? "special " : ""}shell builtin\n` : `${name}\n`);
    return true;
  }
  const path = sh.findCommand(name);
  if (path !== undefined) {
    await out(ctx, verbose ? `${name} is ${path}\n` : `${path}\n`);
    return true;
  }
  return false;
}

export const type: Builtin = {
  name: "type",
  async run(ctx) {
    let status = 0;
    for (const name of ctx.argv.slice(1)) {
      if (await describe(ctx, name, true)) continue;
      status = 1;
      if (ctx.sh.flavour.name === "bash") await fail(ctx, `${name}: not found`);
      else await out(ctx, `${name}: not found\n`);
    }
    return ctx.sh.flavour.name === "bash" ? status : status === 0 ? 0 : 127;
  },
};

export const command: Builtin = {
  name: "command",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === "-v" || args[0] === "-V") {
      const verbose = args[0] === "-V";
      let status = 0;
      for (const name of args.slice(1)) {
        if (await describe(ctx, name, verbose)) continue;
        status = 1;
        if (verbose) await out(ctx, `${name}: not found\n`);
      }
      return status;
    }
    if (args[0] === "-p") args.shift();
    if (args.length === 0) return 0;
    const { sh } = ctx;
    const b = findBuiltin(sh.flavour.name, args[0]!);
    if (b !== undefined) return b.run({ sh, argv: args, fds: ctx.fds });
    const child = sh.system.fork(sh.proc);
    if (typeof child !== "object" || !("pid" in child)) return fail(ctx, "can't fork", 2);
    const sub = sh.subshell(child, ctx.fds);
    const done = sh.system.run(child, async () => {
      try {
        return await sub.execCommand(args, sh.state.environ(), ctx.fds);
      } catch (err) {
        return sub.statusOf(err);
      }
    });
    const r = await done;
    return "status" in r ? r.status : 128 + r.signal;
  },
};
