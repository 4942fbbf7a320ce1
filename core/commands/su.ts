// su [-lmp] [-] [-s SH] [-c CMD] [USER] (BusyBox loginutils/su.c su_main() behind
// libbb/appletlib.c check_suid(); shadow 4.2 src/su.c with PAM, Debian's /bin/su).
// Who may become whom is the kernel's call: a non-root BusyBox su only works when the binary
// runs setuid (busybox:1.28 is not, so "must be suid"); shadow's su asks PAM for the target's
// password, and the images have no usable passwords; root changes identity with
// setgroups/setgid/setuid, each checked by the kernel, then execs the shell.

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, error, errText, isBusybox, isOptionError, optionError, parseOptions, perror, readDb } from "./lib/cmd.js";
import { getenv, readNoEcho } from "./lib/sys-tty.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-lmp] [-] [-s SH] [USER [SCRIPT ARGS / -c 'CMD' ARG0 ARGS]]",
  full: "Run shell under USER (by default, root)\n\n\t-,-l\tClear environment, go to home dir, run shell as login shell\n\t-p,-m\tDo not set new $HOME, $SHELL, $USER, $LOGNAME\n\t-c CMD\tCommand to pass to 'sh -c'\n\t-s SH\tShell to use instead of user's default",
};

interface Passwd { name: string; uid: number; gid: number; dir: string; shell: string }

async function getpwnam(ctx: ProgramContext, name: string): Promise<Passwd | undefined> {
  const f = (await readDb(ctx, "/etc/passwd")).find((e) => e[0] === name);
  return f === undefined ? undefined : { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), dir: f[5] ?? "/", shell: f[6] ?? "" };
}

/** initgroups(): the primary group plus every group that lists the user. */
async function initgroupsList(ctx: ProgramContext, pw: Passwd): Promise<number[]> {
  const groups = [pw.gid];
  for (const g of await readDb(ctx, "/etc/group")) {
    if ((g[3] ?? "").split(",").includes(pw.name) && !groups.includes(Number(g[2]))) groups.push(Number(g[2]));
  }
  return groups;
}

/** Sets the environment for the new identity: a login clears it, otherwise it is updated. */
function newEnvironment(ctx: ProgramContext, pw: Passwd, shell: string, login: boolean, change: boolean, userForRoot: boolean, path: string): string[] {
  const env = new Map<string, string>();
  if (login) {
    const term = getenv(ctx, "TERM");
    if (term !== undefined) env.set("TERM", term);
    env.set("PATH", path);
  } else for (const e of ctx.proc.environ) env.set(e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1));
  if (login || change) {
    if (login || pw.uid !== 0 || userForRoot) {
      env.set("USER", pw.name);
      env.set("LOGNAME", pw.name);
    }
    env.set("HOME", pw.dir);
    env.set("SHELL", shell);
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** change_identity(): initgroups, setgid, setuid; the first refusal ends su. */
async function changeIdentity(ctx: ProgramContext, pw: Passwd): Promise<{ what: string; errno: Errno } | undefined> {
  const groups = await initgroupsList(ctx, pw);
  const g = attempt(() => ctx.sys.setgroups(groups));
  if (!g.ok) return { what: "can't set groups", errno: g.errno };
  const gid = attempt(() => ctx.sys.setgid(pw.gid));
  if (!gid.ok) return { what: "setgid", errno: gid.errno };
  const uid = attempt(() => ctx.sys.setuid(pw.uid));
  if (!uid.ok) return { what: "setuid", errno: uid.errno };
  return undefined;
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const c = ctx.proc.creds;
  // check_suid(): BB_SUID_REQUIRE applets run by a non-root user need the setuid bit to have worked.
  if (c.ruid !== 0 && c.euid !== 0) {
    await error(ctx, "must be suid to work properly");
    return 1;
  }
  const parsed = parseOptions(ctx.argv.slice(1), "mplc:s:", { permute: true });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const f = parsed.flags;
  let args = parsed.operands;
  let login = f.has("l");
  if (args[0] === "-") {
    login = true;
    args = args.slice(1);
  }
  const name = args[0] ?? "root";
  args = args.slice(1);
  const pw = await getpwnam(ctx, name);
  if (pw === undefined) {
    await error(ctx, `unknown user ${name}`);
    return 1;
  }
  if (c.ruid !== 0) {
    await ctx.stdout.write("Password: ");
    await readNoEcho(ctx);
    await ctx.stdout.write("\n");
    await ctx.sys.system.kernel.baseClock.sleep(3000, ctx.proc.lifetime);
    await error(ctx, "incorrect password");
    return 1;
  }
  const preserve = f.has("m") || f.has("p");
  let shell = parsed.values.get("s") ?? (preserve ? getenv(ctx, "SHELL") : undefined);
  if (!shell) shell = pw.shell;
  const failed = await changeIdentity(ctx, pw);
  if (failed !== undefined) {
    await perror(ctx, failed.what, failed.errno);
    return 1;
  }
  if (!shell) shell = "/bin/sh";
  if (login) {
    const cd = attempt(() => ctx.sys.chdir(pw.dir));
    if (!cd.ok) {
      await error(ctx, `can't change directory to '${pw.dir}'`);
      attempt(() => ctx.sys.chdir("/"));
    }
  }
  const env = newEnvironment(ctx, pw, shell, login, !preserve, false, pw.uid === 0 ? "/sbin:/usr/sbin:/bin:/usr/bin" : "/bin:/usr/bin");
  const cmd = parsed.values.get("c");
  const base = shell.split("/").pop()!;
  const argv = [login ? `-${base}` : base, ...(cmd === undefined ? [] : ["-c", cmd]), ...args];
  const run = await execShell(ctx, shell, argv, env);
  if (run.ok) return run.status;
  await perror(ctx, `can't execute '${shell}'`, run.errno);
  return 1;
}

/** execv(shell, argv): the path as given, no $PATH search. */
async function execShell(ctx: ProgramContext, shell: string, argv: string[], env: string[]) {
  const path = shell.includes("/") ? shell : `./${shell}`;
  const probe = attempt(() => ctx.sys.system.loadExecutable(ctx.proc, path));
  if (!probe.ok) return probe;
  return { ok: true as const, status: await ctx.sys.system.execve(ctx.proc, path, argv, env, ctx.stdio) };
}

const SHADOW_USAGE = `Usage: su [options] [LOGIN]

Options:
  -c, --command COMMAND         pass COMMAND to the invoked shell
  -h, --help                    display this help message and exit
  -, -l, --login                make the shell a login shell
  -m, -p,
  --preserve-environment        do not reset environment variables, and
                                keep the same shell
  -s, --shell SHELL             use SHELL instead of the default in passwd

`;

async function shadowMain(ctx: ProgramContext): Promise<number> {
  const prog = applet(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), "c:hlmps:", { long: ["command=", "help", "login", "preserve-environment", "shell="], permute: true });
  if (isOptionError(parsed)) {
    await ctx.stderr.write(`${parsed.opt.startsWith("--") ? `${prog}: unrecognized option '${parsed.opt}'` : parsed.kind === "missing" ? `${prog}: option requires an argument -- '${parsed.opt}'` : `${prog}: invalid option -- '${parsed.opt}'`}\n${SHADOW_USAGE}`);
    return 2;
  }
  const f = parsed.flags;
  if (f.has("h") || f.has("--help")) {
    await ctx.stdout.write(SHADOW_USAGE);
    return 0;
  }
  let args = parsed.operands;
  let login = f.has("l") || f.has("--login");
  if (args[0] === "-") {
    login = true;
    args = args.slice(1);
  }
  const name = args[0] ?? "root";
  args = args.slice(1);
  const pw = await getpwnam(ctx, name);
  if (pw === undefined) {
    await ctx.stderr.write(`No passwd entry for user '${name}'\n`);
    return 1;
  }
  const callerIsRoot = ctx.proc.creds.ruid === 0;
  if (!callerIsRoot) {
    // pam_unix: every account of the images is locked ("*" or "!"): no password matches.
    await ctx.stderr.write("Password: ");
    const got = await readNoEcho(ctx);
    if (ctx.stdin.tty !== undefined && got !== undefined) await ctx.stderr.write("\n");
    await ctx.sys.system.kernel.baseClock.sleep(2000, ctx.proc.lifetime);
    await ctx.stderr.write(`${prog}: Authentication failure\n`);
    return 1;
  }
  const preserve = f.has("m") || f.has("p") || f.has("--preserve-environment");
  let shell = parsed.values.get("s") ?? parsed.values.get("--shell") ?? (preserve ? getenv(ctx, "SHELL") : undefined);
  if (!shell) shell = pw.shell || "/bin/sh";
  const failed = await changeIdentity(ctx, pw);
  if (failed !== undefined) {
    await ctx.stderr.write(`${prog}: ${failed.what === "can't set groups" ? "cannot set groups" : failed.what}: ${errText(ctx, failed.errno)}\n`);
    return 1;
  }
  if (login) attempt(() => ctx.sys.chdir(pw.dir));
  const path = pw.uid === 0 ? "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin" : "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games";
  const env = newEnvironment(ctx, pw, shell, login, !preserve, true, path);
  const cmd = parsed.values.get("c") ?? parsed.values.get("--command");
  const base = shell.split("/").pop()!;
  const argv = [login ? `-${base}` : base, ...(cmd === undefined ? [] : ["-c", cmd]), ...args];
  const run = await execShell(ctx, shell, argv, env);
  if (run.ok) return run.status;
  await ctx.stderr.write(`Cannot execute ${shell}\n`);
  return run.errno.name === "ENOENT" ? 127 : 126;
}

export const su: Command = {
  name: "su",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : shadowMain(ctx)),
};
