// A directory walk for the -R options of chmod/chown/chgrp (BusyBox libbb/recursive_action.c):
// stat or lstat each name, call the action on files and directories (before or after their
// contents), and report a name that cannot be stat'ed or a directory that cannot be read. Every
// step is a scheduler checkpoint, so a long walk yields and can be killed.

import type { Errno } from "../../kernel/errno.js";
import type { ProgramContext } from "../../kernel/program.js";
import type { Attrs } from "../../vfs/node.js";
import { attempt } from "./cmd.js";
import { isDirMode, joinPath } from "./files-common.js";

export interface WalkOptions {
  readonly recurse: boolean;
  /** Follow a symlink given on the command line (depth 0). */
  readonly followTop: boolean;
  /** Follow symlinks everywhere. */
  readonly followAll: boolean;
  /** Act on a directory after its contents (chown -R). */
  readonly depthFirst: boolean;
}

export type WalkAction = (path: string, st: Attrs, depth: number) => Promise<boolean | "skip">;
export type WalkError = (path: string, errno: Errno, what: "stat" | "opendir") => Promise<void>;

/** recursive_action(): false when any step failed. */
export async function recursiveAction(ctx: ProgramContext, path: string, o: WalkOptions, action: WalkAction, onError: WalkError, depth = 0): Promise<boolean> {
  await ctx.sys.system.sched.checkpoint(ctx.proc);
  const follow = depth === 0 ? o.followTop || o.followAll : o.followAll;
  const st = attempt(() => (follow ? ctx.sys.stat(path) : ctx.sys.lstat(path)));
  if (!st.ok) {
    await onError(path, st.errno, "stat");
    return false;
  }
  if (!isDirMode(st.value.mode) || !o.recurse) return (await action(path, st.value, depth)) !== false;
  if (!o.depthFirst) {
    const r = await action(path, st.value, depth);
    if (r === false) return false;
    if (r === "skip") return true;
  }
  const names = attempt(() => ctx.sys.readdir(path));
  if (!names.ok) {
    await onError(path, names.errno, "opendir");
    if (o.depthFirst) await action(path, st.value, depth);
    return false;
  }
  let ok = true;
  for (const n of names.value) if (!(await recursiveAction(ctx, joinPath(path, n), o, action, onError, depth + 1))) ok = false;
  if (o.depthFirst && (await action(path, st.value, depth)) === false) return false;
  return ok;
}
