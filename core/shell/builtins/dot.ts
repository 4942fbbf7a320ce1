import { errnoOf } from "../../kernel/errno.js";
import { ReturnSignal } from "../control.js";
import { type Builtin, errText, fail } from "./types.js";

/** . FILE (and bash/ash `source`): runs a file's commands in the current shell. */
async function run(ctx: Parameters<Builtin["run"]>[0]): Promise<number> {
  const { sh } = ctx;
  const name = ctx.argv[1];
  if (name === undefined) return sh.flavour.name === "bash" ? fail(ctx, "filename argument required", 2) : 0;
  const path = name.includes("/") ? name : sh.findCommand(name) ?? name;
  let text: string;
  try {
    text = await sh.sys.readFile(path);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    if (sh.flavour.name === "ash") return fail(ctx, `can't open '${name}': ${errText(ctx, e)}`, 2);
    if (sh.flavour.name === "dash") return fail(ctx, `${name}: not found`, 2);
    await sh.err(ctx.fds, `${sh.state.arg0}: ${name}: ${errText(ctx, e)}\n`);
    return 1;
  }
  const saved = sh.state.positional;
  if (ctx.argv.length > 2) sh.state.positional = ctx.argv.slice(2);
  try {
    return await sh.runSource(text, ctx.fds);
  } catch (err) {
    if (err instanceof ReturnSignal) return err.status;
    throw err;
  } finally {
    if (ctx.argv.length > 2) sh.state.positional = saved;
  }
}

export const dot: Builtin = { name: ".", special: true, run };
export const source: Builtin = { name: "source", shells: ["ash", "bash"], run };
