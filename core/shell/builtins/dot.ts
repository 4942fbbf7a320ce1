import { errnoOf } from "../../kernel/errno.js";
import { ReturnSignal } from "../control.js";
import { dashOpenError } from "../flavour.js";
import { type Builtin, errText, fail, raise } from "./types.js";

/**
 * . FILE (and bash/ash `source`): runs a file's commands in the current shell, its messages named
 * after the file (ash dotcmd() sets commandname to it).
 */
async function run(ctx: Parameters<Builtin["run"]>[0]): Promise<number> {
  const { sh } = ctx;
  const name = ctx.argv[1];
  if (name === undefined) return sh.flavour.name === "bash" ? fail(ctx, "filename argument required", 2) : 0;
  const searched = name.includes("/") ? name : sh.findCommand(name);
  if (searched === undefined && sh.flavour.name === "dash") return raise(ctx, `${name}: not found`);
  const path = searched ?? name;
  let text: string;
  try {
    text = await sh.sys.readFile(path);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    if (sh.flavour.name === "ash") return raise(ctx, `can't open '${name}': ${errText(ctx, e)}`);
    if (sh.flavour.name === "dash") return raise(ctx, dashOpenError(sh.flavour, path, e));
    await sh.err(ctx.fds, `${sh.state.arg0}: ${name}: ${errText(ctx, e)}\n`);
    return 1;
  }
  const saved = sh.state.positional;
  const savedName = sh.commandName;
  const savedInFile = sh.inFile;
  const savedLine = sh.parseLine;
  if (ctx.argv.length > 2) sh.state.positional = ctx.argv.slice(2);
  sh.commandName = path;
  sh.inFile = true;
  try {
    return await sh.runSource(text, ctx.fds);
  } catch (err) {
    if (err instanceof ReturnSignal) return err.status;
    throw err;
  } finally {
    sh.commandName = savedName;
    sh.inFile = savedInFile;
    sh.parseLine = savedLine;
    if (ctx.argv.length > 2) sh.state.positional = saved;
  }
}

export const dot: Builtin = { name: ".", special: true, run };
export const source: Builtin = { name: "source", special: true, shells: ["ash", "bash"], run };
