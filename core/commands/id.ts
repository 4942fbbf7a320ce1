// id [-ugGnr] [USER] (BusyBox coreutils/id.c; GNU coreutils id.c). BusyBox prints exactly
// getgroups(); GNU lists the effective gid first. Unknown ids print as numbers; in name modes
// BusyBox prints the number and "unknown ID N" (stdout flushed first), exit 1.

import type { ProgramContext } from "../kernel/program.js";
import { applet, isBusybox, isOptionError, optionError, out, parseOptions, readDb, usage } from "./lib/cmd.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [USER]",
  full: "Print information about USER or the current user\n\n\t-u\tUser ID\n\t-g\tGroup ID\n\t-G\tSupplementary group IDs\n\t-n\tPrint names instead of numbers\n\t-r\tPrint real ID instead of effective ID",
};

interface Identity {
  ruid: number;
  euid: number;
  rgid: number;
  egid: number;
  groups: number[];
}

async function lookupUser(ctx: ProgramContext, name: string): Promise<Identity | undefined> {
  const passwd = await readDb(ctx, "/etc/passwd");
  const entry = passwd.find((f) => f[0] === name) ?? (/^\d+$/.test(name) ? passwd.find((f) => f[2] === name) : undefined);
  if (entry === undefined) return undefined;
  const uid = Number(entry[2]);
  const gid = Number(entry[3]);
  // getgrouplist(): the primary group, then every group listing the user by name.
  const groups = [gid];
  for (const g of await readDb(ctx, "/etc/group")) {
    const members = (g[3] ?? "").split(",");
    if (members.includes(entry[0]!) && !groups.includes(Number(g[2]))) groups.push(Number(g[2]));
  }
  return { ruid: uid, euid: uid, rgid: gid, egid: gid, groups };
}

export async function idMain(ctx: ProgramContext, mode: "id" | "groups" | "whoami"): Promise<number> {
  const busybox = isBusybox(ctx);
  const args = mode === "id" ? ctx.argv.slice(1) : mode === "groups" ? ["-Gn", ...ctx.argv.slice(1)] : ["-un", ...ctx.argv.slice(1)];
  const parsed = parseOptions(args, "ugGnrZ");
  if (isOptionError(parsed) || (busybox && parsed.flags.has("Z"))) {
    return optionError(ctx, isOptionError(parsed) ? parsed : { kind: "unknown", opt: "Z" }, USAGE);
  }
  const f = parsed.flags;
  const only = ["u", "g", "G"].filter((c) => f.has(c));
  if (only.length > 1) {
    if (busybox) return optionError(ctx, { kind: "unknown", opt: "" }, USAGE);
    await ctx.stderr.write(`${applet(ctx)}: cannot print "only" of more than one choice\nTry '${applet(ctx)} --help' for more information.\n`);
    return 1;
  }
  if ((f.has("n") || f.has("r")) && only.length === 0) {
    if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
    await ctx.stderr.write(`${applet(ctx)}: cannot print only names or real IDs in default format\n`);
    return 1;
  }
  let who: Identity;
  const user = parsed.operands[0];
  if (user !== undefined) {
    const found = await lookupUser(ctx, user);
    if (found === undefined) {
      await ctx.stderr.write(busybox ? `${applet(ctx)}: unknown user ${user}\n` : `${applet(ctx)}: '${user}': no such user\n`);
      return 1;
    }
    who = found;
  } else {
    const c = ctx.proc.creds;
    who = { ruid: c.ruid, euid: c.euid, rgid: c.rgid, egid: c.egid, groups: [...c.groups] };
  }
  const users = await readDb(ctx, "/etc/passwd");
  const groupsDb = await readDb(ctx, "/etc/group");
  const uname = (id: number) => users.find((e) => Number(e[2]) === id && e[2] !== "")?.[0];
  const gname = (id: number) => groupsDb.find((e) => Number(e[2]) === id && e[2] !== "")?.[0];
  const named = (id: number, name: string | undefined) => (name === undefined ? String(id) : `${id}(${name})`);
  const uid = f.has("r") ? who.ruid : who.euid;
  const gid = f.has("r") ? who.rgid : who.egid;

  // Name modes: unknown ids print as numbers plus an error, exit 1.
  let status = 0;
  const printId = async (id: number, name: string | undefined, kind: "user" | "group") => {
    if (!f.has("n") || name !== undefined) {
      await out(ctx, f.has("n") ? name! : String(id));
      return;
    }
    await out(ctx, String(id));
    status = 1;
    if (busybox) await ctx.stderr.write(mode === "whoami" ? `${applet(ctx)}: unknown uid ${id}\n` : `${applet(ctx)}: unknown ID ${id}\n`);
    else await ctx.stderr.write(`${applet(ctx)}: cannot find name for ${kind} ID ${id}\n`);
  };

  if (f.has("u")) {
    if (mode === "whoami" && busybox && uname(uid) === undefined) {
      await ctx.stderr.write(`${applet(ctx)}: unknown uid ${uid}\n`);
      return 1;
    }
    await printId(uid, uname(uid), "user");
    await out(ctx, "\n");
    return status;
  }
  if (f.has("g")) {
    await printId(gid, gname(gid), "group");
    await out(ctx, "\n");
    return status;
  }
  // The group list: BusyBox getgroups() as is (its -G adds rgid and egid first); GNU: egid first, deduplicated.
  const list = busybox ? who.groups : [who.egid, ...who.groups.filter((g) => g !== who.egid)].filter((g, i, a) => a.indexOf(g) === i);
  if (f.has("G")) {
    const shown = busybox ? [who.rgid, ...(who.egid !== who.rgid ? [who.egid] : []), ...who.groups.filter((g) => g !== who.rgid && g !== who.egid)] : list;
    for (let i = 0; i < shown.length; i++) {
      if (i > 0) await out(ctx, " ");
      await printId(shown[i]!, gname(shown[i]!), "group");
    }
    await out(ctx, "\n");
    return status;
  }
  let line = `uid=${named(who.ruid, uname(who.ruid))} gid=${named(who.rgid, gname(who.rgid))}`;
  if (who.euid !== who.ruid) line += ` euid=${named(who.euid, uname(who.euid))}`;
  if (who.egid !== who.rgid) line += ` egid=${named(who.egid, gname(who.egid))}`;
  if (list.length > 0) line += ` groups=${list.map((g) => named(g, gname(g))).join(",")}`;
  await out(ctx, `${line}\n`);
  return 0;
}

export const id: Command = { name: "id", main: (ctx) => idMain(ctx, "id"), usage: USAGE };
