// chown [-RhLHPcvf] USER[:[GRP]] FILE… and chgrp (= chown :GRP) — BusyBox coreutils/chown.c and
// libpwdgrp/uidgid_get.c parse_chown_usergroup_or_die() ("unknown user X", "unknown group X",
// "unknown user/group X:Y"; errors "chown: FILE: strerror"), GNU coreutils chown.c/chown-core.c
// ("invalid user: 'X'", "changing ownership of 'FILE'", "changing group of 'FILE'").
// The kernel decides who may change what (fs/attr.c chown_ok/chgrp_ok); -R acts depth-first and
// on symlinks themselves (lchown), as both implementations do without -H/-L.

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Attrs } from "../vfs/node.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { type IdNames, gnuQuote, isBusybox, isScanError, loadIds, permutes, scanError, scanOptions } from "./lib/files-common.js";
import { recursiveAction } from "./lib/files-walk.js";
import type { Command } from "./types.js";

const CHOWN_USAGE = {
  trivial: "[-RhLHPcvf]... USER[:[GRP]] FILE...",
  full: "Change the owner and/or group of each FILE to USER and/or GRP\n\n\t-R\tRecurse\n\t-h\tAffect symlinks instead of symlink targets\n\t-L\tTraverse all symlinks to directories\n\t-H\tTraverse symlinks on command line only\n\t-P\tDon't traverse symlinks (default)\n\t-c\tList changed files\n\t-v\tList all files\n\t-f\tHide errors",
};
export const CHGRP_USAGE = {
  trivial: "[-RhLHPcvf]... GROUP FILE...",
  full: "Change the group membership of each FILE to GROUP\n\n\t-R\tRecurse\n\t-h\tAffect symlinks instead of symlink targets\n\t-L\tTraverse all symlinks to directories\n\t-H\tTraverse symlinks on command line only\n\t-P\tDon't traverse symlinks (default)\n\t-c\tList changed files\n\t-v\tVerbose\n\t-f\tHide errors",
};

const isNumber = (s: string) => /^\d+$/.test(s);

type Spec = { uid: number; gid: number } | { error: string };

/** BusyBox parse_chown_usergroup_or_die(). */
function bbSpec(ids: IdNames, text: string, chgrp: boolean): Spec {
  if (chgrp) {
    const gid = isNumber(text) ? Number(text) : ids.gidOf(text);
    return gid === undefined ? { error: `unknown group ${text}` } : { uid: -1, gid };
  }
  const sep = text.includes(".") ? text.indexOf(".") : text.indexOf(":");
  if (sep < 0) {
    const uid = isNumber(text) ? Number(text) : ids.uidOf(text);
    return uid === undefined ? { error: `unknown user ${text}` } : { uid, gid: -1 };
  }
  const user = text.slice(0, sep);
  const group = text.slice(sep + 1);
  if (user === "") {
    const gid = isNumber(group) ? Number(group) : ids.gidOf(group);
    return gid === undefined ? { error: `unknown group ${group}` } : { uid: -1, gid };
  }
  const shown = `${user}:${group}`.replace(/:$/, "");
  let uid: number | undefined;
  let gid: number | undefined;
  if (isNumber(user)) {
    uid = Number(user);
    gid = ids.primaryGid(ids.user(uid) ?? "\0") ?? uid;
  } else {
    uid = ids.uidOf(user);
    gid = ids.primaryGid(user);
  }
  if (uid === undefined) return { error: `unknown user/group ${shown}` };
  if (group !== "") gid = isNumber(group) ? Number(group) : ids.gidOf(group);
  if (gid === undefined) return { error: `unknown user/group ${shown}` };
  return { uid, gid };
}

/** GNU parse_user_spec(). */
function gnuSpec(ids: IdNames, text: string, chgrp: boolean): Spec {
  if (chgrp) {
    const gid = ids.gidOf(text) ?? (isNumber(text) ? Number(text) : undefined);
    return gid === undefined ? { error: `invalid group: ${gnuQuote(text)}` } : { uid: -1, gid };
  }
  const sep = text.search(/[:.]/);
  const user = sep < 0 ? text : text.slice(0, sep);
  const group = sep < 0 ? undefined : text.slice(sep + 1);
  let uid = -1;
  let gid = -1;
  if (user !== "") {
    const u = ids.uidOf(user) ?? (isNumber(user) ? Number(user) : undefined);
    if (u === undefined) return { error: `invalid user: ${gnuQuote(text)}` };
    uid = u;
    if (group === "") {
      const g = ids.primaryGid(user);
      if (g === undefined) return { error: `invalid spec: ${gnuQuote(text)}` };
      gid = g;
    }
  }
  if (group !== undefined && group !== "") {
    const g = ids.gidOf(group) ?? (isNumber(group) ? Number(group) : undefined);
    if (g === undefined) return { error: `invalid group: ${gnuQuote(text)}` };
    gid = g;
  }
  return { uid, gid };
}

export async function chownMain(ctx: ProgramContext, chgrp: boolean): Promise<number> {
  const busybox = isBusybox(ctx);
  const usageText = chgrp ? CHGRP_USAGE : CHOWN_USAGE;
  const long = { recursive: "none", dereference: "none", "no-dereference": "none", changes: "none", silent: "none", quiet: "none", verbose: "none", reference: "required" } as const;
  const scanned = scanOptions(ctx.argv.slice(1), "RhvcfLHP", long, permutes(ctx));
  if (isScanError(scanned)) return scanError(ctx, scanned, usageText);
  let recurse = false;
  let noDeref = false;
  let traverse: "P" | "H" | "L" = "P";
  let verbose = false;
  let changes = false;
  let quiet = false;
  for (const { opt } of scanned.options) {
    if (opt === "R" || opt === "--recursive") recurse = true;
    else if (opt === "h" || opt === "--no-dereference") noDeref = true;
    else if (opt === "--dereference") noDeref = false;
    else if (opt === "L" || opt === "H" || opt === "P") traverse = opt;
    else if (opt === "v" || opt === "--verbose") verbose = true;
    else if (opt === "c" || opt === "--changes") changes = true;
    else if (opt === "f" || opt === "--silent" || opt === "--quiet") quiet = true;
  }
  const [specText, ...files] = scanned.operands;
  if (specText === undefined || files.length === 0) {
    if (busybox) return usage(ctx, usageText.trivial, usageText.full);
    await ctx.stderr.write(`${chgrp ? "chgrp" : "chown"}: missing operand${specText === undefined ? "" : ` after ${gnuQuote(specText)}`}\nTry '${chgrp ? "chgrp" : "chown"} --help' for more information.\n`);
    return 1;
  }
  const ids = await loadIds(ctx);
  const spec = busybox ? bbSpec(ids, specText, chgrp) : gnuSpec(ids, specText, chgrp);
  if ("error" in spec) {
    await ctx.stderr.write(`${chgrp ? "chgrp" : "chown"}: ${spec.error}\n`);
    return 1;
  }
  const useLchown = noDeref || (recurse && traverse === "P");
  const name = chgrp ? "chgrp" : "chown";
  const report = async (path: string, e: Errno, what: "stat" | "opendir" | "chown") => {
    if (quiet) return;
    if (busybox) await ctx.stderr.write(`${name}: ${path}: ${errText(ctx, e)}\n`);
    else if (what === "stat") await ctx.stderr.write(`${name}: cannot access ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
    else if (what === "opendir") await ctx.stderr.write(`${name}: cannot read directory ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
    else await ctx.stderr.write(`${name}: changing ${chgrp ? "group" : "ownership"} of ${gnuQuote(path)}: ${errText(ctx, e)}\n`);
  };
  const action = async (path: string, st: Attrs): Promise<boolean> => {
    const uid = spec.uid < 0 ? st.uid : spec.uid;
    const gid = spec.gid < 0 ? st.gid : spec.gid;
    const r = attempt(() => (useLchown ? ctx.sys.lchown(path, spec.uid, spec.gid) : ctx.sys.chown(path, spec.uid, spec.gid)));
    if (!r.ok) {
      await report(path, r.errno, "chown");
      return false;
    }
    const changed = st.uid !== uid || st.gid !== gid;
    if (verbose || (changes && changed)) {
      if (busybox) await ctx.stdout.write(`changed ownership of '${path}' to ${uid}:${gid}\n`);
      else {
        const who = (u: number, g: number) => (chgrp ? ids.group(g) ?? String(g) : `${ids.user(u) ?? u}:${ids.group(g) ?? g}`);
        await ctx.stdout.write(changed
          ? `changed ${chgrp ? "group" : "ownership"} of ${gnuQuote(path)} from ${who(st.uid, st.gid)} to ${who(uid, gid)}\n`
          : `${chgrp ? "group" : "ownership"} of ${gnuQuote(path)} retained as ${who(st.uid, st.gid)}\n`);
      }
    }
    return true;
  };
  let status = 0;
  for (const path of files) {
    const opts = { recurse, followTop: traverse !== "P" || (!useLchown && !recurse), followAll: traverse === "L", depthFirst: true };
    if (!(await recursiveAction(ctx, path, opts, action, (p, e, what) => report(p, e, what)))) status = 1;
  }
  return status;
}

export const chown: Command = { name: "chown", main: (ctx) => chownMain(ctx, false), usage: CHOWN_USAGE };
