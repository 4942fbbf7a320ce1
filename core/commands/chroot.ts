// chroot NEWROOT [PROG ARGS] (BusyBox coreutils/chroot.c chroot_main() with xchroot(); GNU
// coreutils src/chroot.c). chroot(2) needs CAP_SYS_CHROOT; then chdir("/") and exec the program,
// or the user's shell with -i when none is given.

import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, errText, isBusybox, perror, readDb, usage } from "./lib/cmd.js";
import { execvp } from "./lib/sys-exec.js";
import { getenv } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "NEWROOT [PROG ARGS]", full: "Run PROG with root directory set to NEWROOT" };

/** libbb get_shell_name(): $SHELL, else the passwd shell of the real uid, else /bin/sh. */
async function shellName(ctx: ProgramContext): Promise<string> {
  const env = getenv(ctx, "SHELL");
  if (env) return env;
  const entry = (await readDb(ctx, "/etc/passwd")).find((f) => Number(f[2]) === ctx.proc.creds.ruid && f[2] !== "");
  return entry?.[6] || "/bin/sh";
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const root = ctx.argv[1];
  if (root === undefined) return usage(ctx, USAGE.trivial, USAGE.full);
  const r = attempt(() => ctx.sys.chroot(root));
  if (!r.ok) {
    await perror(ctx, `can't change root directory to '${root}'`, r.errno);
    return 1;
  }
  const cd = attempt(() => ctx.sys.chdir("/"));
  if (!cd.ok) {
    await perror(ctx, "can't change directory to '/'", cd.errno);
    return 1;
  }
  const argv = ctx.argv.length > 2 ? ctx.argv.slice(2) : [await shellName(ctx), "-i"];
  const run = await execvp(ctx, argv);
  if (run.ok) return run.status;
  await perror(ctx, `can't execute '${argv[0]}'`, run.errno);
  return run.errno.name === "ENOENT" ? 127 : 126;
}

async function gnuFail(ctx: ProgramContext, message: string, usageToo = false): Promise<number> {
  await ctx.stderr.write(`${applet(ctx)}: ${message}\n${usageToo ? `Try '${applet(ctx)} --help' for more information.\n` : ""}`);
  return 125;
}

/** GNU chroot [--userspec=USER:GROUP] [--groups=G_LIST] [--skip-chdir] NEWROOT [COMMAND…]. */
async function gnuMain(ctx: ProgramContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let userspec: string | undefined;
  let groups: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    const m = /^--(userspec|groups)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[2] ?? args[++i];
      if (v === undefined) return gnuFail(ctx, `option '--${m[1]}' requires an argument`, true);
      if (m[1] === "userspec") userspec = v;
      else groups = v;
      continue;
    }
    if (a === "--skip-chdir") continue;
    if (a.startsWith("--")) return gnuFail(ctx, `unrecognized option '${a}'`, true);
    if (a.startsWith("-") && a.length > 1) return gnuFail(ctx, `invalid option -- '${a[1]}'`, true);
    break;
  }
  const newroot = args[i];
  if (newroot === undefined) return gnuFail(ctx, "missing operand", true);
  const real = attempt(() => ctx.sys.realpath(newroot));
  if (!(real.ok && real.value === "/")) {
    const r = attempt(() => ctx.sys.chroot(newroot));
    if (!r.ok) return gnuFail(ctx, `cannot change root directory to ${newroot}: ${errText(ctx, r.errno)}`);
    const cd = attempt(() => ctx.sys.chdir("/"));
    if (!cd.ok) return gnuFail(ctx, `cannot chdir to root directory: ${errText(ctx, cd.errno)}`);
  }
  const argv = args.length > i + 1 ? args.slice(i + 1) : [getenv(ctx, "SHELL") ?? "/bin/sh", "-i"];
  if (userspec !== undefined || groups !== undefined) {
    const failed = await switchUser(ctx, userspec, groups);
    if (failed !== undefined) return gnuFail(ctx, failed);
  }
  const run = await execvp(ctx, argv);
  if (run.ok) return run.status;
  await ctx.stderr.write(`${applet(ctx)}: failed to run command '${argv[0]}': ${errText(ctx, run.errno)}\n`);
  return run.errno.name === "ENOENT" ? 127 : 126;
}

/** --userspec/--groups: setgroups, setgid, setuid, each decided by the kernel. */
async function switchUser(ctx: ProgramContext, userspec: string | undefined, groups: string | undefined): Promise<string | undefined> {
  const passwd = await readDb(ctx, "/etc/passwd");
  const group = await readDb(ctx, "/etc/group");
  const [u, g] = (userspec ?? "").split(":") as [string, string | undefined];
  const uidOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : passwd.find((f) => f[0] === s) ? Number(passwd.find((f) => f[0] === s)![2]) : undefined);
  const gidOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : group.find((f) => f[0] === s) ? Number(group.find((f) => f[0] === s)![2]) : undefined);
  const uid = u === "" ? undefined : uidOf(u);
  if (u !== "" && uid === undefined) return "invalid user";
  let gid = g === undefined || g === "" ? undefined : gidOf(g);
  if (g !== undefined && g !== "" && gid === undefined) return "invalid group";
  if (uid !== undefined && gid === undefined) {
    const entry = passwd.find((f) => Number(f[2]) === uid && f[2] !== "");
    if (entry === undefined) return `no group specified for unknown uid: ${uid}`;
    gid = Number(entry[3]);
  }
  if (uid !== undefined || groups !== undefined) {
    const list = groups !== undefined ? groups.split(",").filter((x) => x !== "").map((x) => gidOf(x)) : [];
    if (list.some((x) => x === undefined)) return `invalid group ${groups}`;
    const r = attempt(() => ctx.sys.setgroups(list as number[]));
    if (!r.ok) return `failed to ${list.length > 0 ? "set" : "clear"} supplemental groups: ${errText(ctx, r.errno)}`;
  }
  if (gid !== undefined) {
    const r = attempt(() => ctx.sys.setgid(gid!));
    if (!r.ok) return `failed to set group-ID: ${errText(ctx, r.errno)}`;
  }
  if (uid !== undefined) {
    const r = attempt(() => ctx.sys.setuid(uid));
    if (!r.ok) return `failed to set user-ID: ${errText(ctx, r.errno)}`;
  }
  return undefined;
}

export const chroot: Command = {
  name: "chroot",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : gnuMain(ctx)),
};
