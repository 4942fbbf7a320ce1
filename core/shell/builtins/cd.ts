// cd (XCU cd; ash cdcmd, dash cdcmd, bash cd_builtin): updates PWD and OLDPWD.

import { errnoOf } from "../../kernel/errno.js";
import { type Builtin, type BuiltinContext, errText, fail, out } from "./types.js";

/** The logical path after cd: resolves "." and ".." textually, as cd -L does. */
export function logicalPath(cwd: string, dir: string): string {
  const parts = dir.startsWith("/") ? [] : cwd.split("/").filter(Boolean);
  for (const p of dir.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

export const cd: Builtin = {
  name: "cd",
  run: (ctx) => cdcmd(ctx),
};

/** chdir: ash and dash's other name for cd (builtintab[], builtins.def). */
export const chdir: Builtin = {
  name: "chdir",
  shells: ["ash", "dash"],
  run: (ctx) => cdcmd(ctx),
};

async function cdcmd(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1).filter((a) => a !== "-L" && a !== "-P");
  let dir = args[0];
  let print = false;
  if (dir === undefined) {
    dir = sh.state.get("HOME");
    if (dir === undefined || dir === "") return sh.flavour.name === "bash" ? fail(ctx, "HOME not set") : 0;
  } else if (dir === "-") {
    dir = sh.state.get("OLDPWD");
    if (dir === undefined) return fail(ctx, "OLDPWD not set");
    print = true;
  }
  const pwd = sh.state.get("PWD") ?? sh.sys.getcwd();
  const target = logicalPath(pwd, dir);
  try {
    sh.sys.chdir(target);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    if (sh.flavour.name === "bash") return fail(ctx, `${dir}: ${errText(ctx, e)}`);
    if (sh.flavour.name === "dash") return fail(ctx, `can't cd to ${dir}`, 2);
    return fail(ctx, `can't cd to ${dir}: ${errText(ctx, e)}`, 2);
  }
  sh.state.set("OLDPWD", pwd);
  sh.state.set("PWD", target);
  // hashcd(): every remembered program is looked up again before its next run.
  if (sh.flavour.name !== "bash") for (const h of sh.state.hashed.values()) h.rehash = true;
  if (print) await out(ctx, `${target}\n`);
  return 0;
}
