// type NAME… and command [-v|-V] NAME [ARG…]: how the shell would run a name (ash and dash
// describe_command()).

import { findBuiltin } from "./registry.js";
import { singleQuote } from "./trap.js";
import { type Builtin, type BuiltinContext, fail, out } from "./types.js";

const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "{", "}", "!", "in"]);

/** Prints what `name` is; false (127 in ash/dash) when it is nothing. */
async function describe(ctx: BuiltinContext, name: string, verbose: boolean): Promise<boolean> {
  const { sh } = ctx;
  const bash = sh.flavour.name === "bash";
  if (KEYWORDS.has(name)) {
    await out(ctx, verbose ? `${name} is a shell keyword\n` : `${name}\n`);
    return true;
  }
  // Then the aliases (describe_command()): "ll is an alias for ls -ld", or as `alias` prints it.
  const alias = sh.state.aliases.get(name);
  if (alias !== undefined) {
    if (verbose) await out(ctx, bash ? `${name} is aliased to \`${alias}'\n` : `${name} is an alias for ${alias}\n`);
    else await out(ctx, bash ? `alias ${name}='${alias.replace(/'/g, "'\\''")}'\n` : `alias ${name}=${singleQuote(alias)}\n`);
    return true;
  }
  if (sh.state.functions.has(name)) {
    await out(ctx, verbose ? `${name} is a ${bash ? "function" : "shell function"}\n` : `${name}\n`);
    return true;
  }
  const b = findBuiltin(sh.flavour.name, name);
  if (b !== undefined) {
    await out(ctx, verbose ? `${name} is a ${b.special && !bash ? "special " : ""}shell builtin\n` : `${name}\n`);
    return true;
  }
  // dash looks in its command hash table first: "ls is a tracked alias for /bin/ls" (bash: "hashed").
  const hashed = sh.state.hashedPath(name);
  const path = hashed ?? sh.findCommand(name);
  if (path !== undefined) {
    if (!name.includes("/")) sh.state.hashCommand(name, path);
    if (!verbose) await out(ctx, `${path}\n`);
    else if (hashed !== undefined && sh.flavour.name === "dash") await out(ctx, `${name} is a tracked alias for ${path}\n`);
    else if (hashed !== undefined && bash) await out(ctx, `${name} is hashed (${path})\n`);
    else await out(ctx, `${name} is ${path}\n`);
    return true;
  }
  if (verbose && !bash) await out(ctx, `${name}: not found\n`);
  return false;
}

export const type: Builtin = {
  name: "type",
  async run(ctx) {
    let status = 0;
    const names = ctx.argv.slice(1);
    // ash typecmd(): a leading option (type -p) means brief output.
    const verbose = !(ctx.sh.flavour.name === "ash" && names[0]?.startsWith("-"));
    if (!verbose) names.shift();
    for (const name of names) {
      if (await describe(ctx, name, verbose)) continue;
      if (ctx.sh.flavour.name === "bash") {
        status = 1;
        await fail(ctx, `${name}: not found`);
      } else status = 127;
    }
    return status;
  },
};

export const command: Builtin = {
  name: "command",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let verify: "" | "v" | "V" = "";
    while (args[0] !== undefined && /^-[pvV]+$/.test(args[0])) {
      const opt = args.shift()!;
      if (opt.includes("V")) verify = "V";
      else if (opt.includes("v") && verify === "") verify = "v";
    }
    if (args[0] === "--") args.shift();
    const { sh } = ctx;
    if (verify !== "") {
      // ash and dash describe only the first name; bash all of them.
      const names = sh.flavour.name === "bash" ? args : args.slice(0, 1);
      let status = 0;
      for (const name of names) {
        if (await describe(ctx, name, verify === "V")) continue;
        status = sh.flavour.name === "bash" ? 1 : 127;
        if (verify === "V" && sh.flavour.name === "bash") await fail(ctx, `${name}: not found`);
      }
      return status;
    }
    if (args.length === 0) return 0;
    // command NAME ARG…: a builtin or a program, never a function.
    const b = findBuiltin(sh.flavour.name, args[0]!);
    if (b !== undefined) return sh.runBuiltin(b, args, new Map(), ctx.fds);
    const child = await sh.forkShell((sub) => sub.execCommand(args, sh.state.environ(), ctx.fds), {});
    const r = await child.wait();
    return "status" in r ? r.status : 128 + r.signal;
  },
};
