// Every emulated command, one line each, and how an executable finds its implementation:
// BusyBox dispatches on the applet name (argv[0]), other packages on the tool in the binary.

import { EPIPE, SyscallError } from "../kernel/errno.js";
import { StdoutError, stdoutFailed } from "./lib/text-io.js";
import type { ElfProgram } from "../kernel/binfmt.js";
import type { ProgramContext, ProgramMain, ProgramTable } from "../kernel/program.js";
import { flavourOf } from "../shell/flavour.js";
import { shellMain } from "../shell/sh.js";
import { cat } from "./cat.js";
import { awk } from "./awk.js";
import { basename } from "./basename.js";
import { chgrp } from "./chgrp.js";
import { chmod } from "./chmod.js";
import { chown } from "./chown.js";
import { chroot } from "./chroot.js";
import { clear } from "./clear.js";
import { cp } from "./cp.js";
import { cut } from "./cut.js";
import { date } from "./date.js";
import { df } from "./df.js";
import { dirname } from "./dirname.js";
import { du } from "./du.js";
import { env } from "./env.js";
import { expr } from "./expr.js";
import { find } from "./find.js";
import { free } from "./free.js";
import { egrep, fgrep, grep } from "./grep.js";
import { head } from "./head.js";
import { hostname } from "./hostname.js";
import { ip } from "./ip.js";
import { kill } from "./kill.js";
import { ln } from "./ln.js";
import { ls } from "./ls.js";
import { mkdir } from "./mkdir.js";
import { mknod } from "./mknod.js";
import { mktemp } from "./mktemp.js";
import { mount, umount } from "./mount.js";
import { mv } from "./mv.js";
import { nc } from "./nc.js";
import { nice } from "./nice.js";
import { ping } from "./ping.js";
import { printenv } from "./printenv.js";
import { printf } from "./printf.js";
import { ps } from "./ps.js";
import { pwd } from "./pwd.js";
import { readlink } from "./readlink.js";
import { realpath } from "./realpath.js";
import { renice } from "./renice.js";
import { rm } from "./rm.js";
import { rmdir } from "./rmdir.js";
import { sed } from "./sed.js";
import { seq } from "./seq.js";
import { sort } from "./sort.js";
import { stat } from "./stat.js";
import { su } from "./su.js";
import { sysctl } from "./sysctl.js";
import { tail } from "./tail.js";
import { tee } from "./tee.js";
import { bracket, doubleBracket, test } from "./test.js";
import { touch } from "./touch.js";
import { tr } from "./tr.js";
import { falseCommand, trueCommand } from "./true.js";
import { uname } from "./uname.js";
import { uniq } from "./uniq.js";
import { uptime } from "./uptime.js";
import { wc } from "./wc.js";
import { wget } from "./wget.js";
import { which } from "./which.js";
import { xargs } from "./xargs.js";
import { yes } from "./yes.js";
import { agnhostMain, helloAppMain, nodeMain, serveForever } from "./daemon.js";
import { echo } from "./echo.js";
import { groups } from "./groups.js";
import { id } from "./id.js";
import { sleep } from "./sleep.js";
import { ALPINE_APPLETS } from "../images/alpine-base.js";
import { BUSYBOX_1_28_APPLETS } from "../images/busybox.js";
import { usage } from "./lib/cmd.js";
import { versionAtLeast } from "./lib/sys-proc.js";
import type { Command } from "./types.js";
import { whoami } from "./whoami.js";

export const COMMANDS: readonly Command[] = [
  awk, basename, bracket, cat, chgrp, chmod, chown, chroot, clear, cp, cut, date, df, dirname, doubleBracket,
  du, echo, egrep, env, expr, falseCommand, fgrep, find, free, grep, groups, head, hostname, id, ip, kill,
  ln, ls, mkdir, mknod, mktemp, mount, mv, nc, nice, ping, printenv, printf, ps, pwd, readlink, realpath, renice, rm, rmdir,
  sed, seq, sleep, sort, stat, su, sysctl, tail, tee, test, touch, tr, trueCommand, umount, uname, uniq,
  uptime, wc, wget, which, whoami, xargs, yes,
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** Every applet of the BusyBox builds the images carry (a name outside it is "applet not found"). */
const BUSYBOX_APPLETS: ReadonlySet<string> = new Set([...BUSYBOX_1_28_APPLETS, ...ALPINE_APPLETS.flatMap(([, applets]) => applets)].filter(Boolean));

/** appletlib.c run_applet_and_exit(): "NAME: applet not found" and status 127 (POSIX's not found). */
async function appletNotFound(ctx: ProgramContext, name: string): Promise<number> {
  await ctx.stderr.write(`${name}: applet not found\n`);
  return 127;
}

/** Programs that are not command-line tools: shells and the images' services. */
const PROGRAMS: Readonly<Record<string, ProgramMain>> = {
  node: nodeMain,
  "hello-app": helloAppMain,
  agnhost: agnhostMain,
  coredns: serveForever,
  pause: serveForever,
};

/**
 * Does `APPLET --help` show the applet's usage instead of running it? libbb/appletlib.c
 * run_applet_no_and_exit() (1.26–1.35: argv exactly [applet, "--help"], except test, true and
 * false; echo too from f26e5634b, 1.34.0) and show_usage_if_dash_dash_help() (1.36.0: "--help"
 * may be followed by more words, 5a9d2b6e0; an argv[0] starting with "[" is excluded, dd79e1d4d).
 * Before 1.36 "[ --help" and "[[ --help" print test's NOUSAGE_STR and exit 0.
 */
function showsHelp(version: string, name: string, args: readonly string[]): boolean {
  if (args[1] !== "--help") return false;
  const v136 = versionAtLeast(version, 1, 36);
  if (!v136 && args.length !== 2) return false;
  if (name === "test" || name === "true" || name === "false") return false;
  if (name === "echo" && versionAtLeast(version, 1, 34)) return false;
  return !(v136 && args[0]!.startsWith("["));
}

export function findCommand(name: string): Command | undefined {
  return byName.get(name);
}

/**
 * A command whose output could not be written (a full disk, a closed descriptor) ends with its
 * build's message and status 1, whichever write failed (EPIPE is the kernel's SIGPIPE business).
 */
function withStdoutErrors(main: ProgramMain): ProgramMain {
  return async (ctx) => {
    try {
      return await main(ctx);
    } catch (err) {
      if (err instanceof StdoutError) return stdoutFailed(ctx, err.errno, true);
      if (err instanceof SyscallError && err.syscall === "write" && err.errno !== EPIPE) return stdoutFailed(ctx, err.errno, false);
      throw err;
    }
  };
}

export const programTable: ProgramTable = {
  resolve(exe: ElfProgram, argv: readonly string[]) {
    const base = (s: string) => s.split("/").pop()!.replace(/^-/, "");
    switch (exe.program) {
      case "busybox": {
        let args = argv;
        let name = base(argv[0] ?? "busybox");
        // appletlib.c run_applet_and_exit(): a name starting with "busybox" is busybox_main.
        if (name.startsWith("busybox")) {
          if (argv.length < 2) return undefined;
          // busybox_main(): "busybox --help APPLET" becomes "APPLET --help"; further words are dropped.
          args = argv[1] === "--help" && argv.length > 2 ? [argv[2]!, "--help"] : argv.slice(1);
          name = base(args[0]!);
        }
        if (name === "sh" || name === "ash") {
          const flavour = flavourOf("ash", exe.variant === "musl" ? "musl" : exe.variant === "uclibc" ? "uclibc" : "glibc", exe.version);
          return { main: (ctx) => shellMain(ctx, flavour), argv: args };
        }
        const cmd = byName.get(name);
        if (cmd === undefined) return BUSYBOX_APPLETS.has(name) ? undefined : { main: (ctx) => appletNotFound(ctx, name), argv: args };
        const help = cmd.usage;
        if (help !== undefined && showsHelp(exe.version, name, args)) {
          // xfunc_error_retval = 0; bb_show_usage()
          const main: ProgramMain = (ctx) => {
            const u = typeof help === "function" ? help(ctx) : help;
            return usage(ctx, u.trivial, u.full, 0);
          };
          return { main, argv: args };
        }
        return { main: withStdoutErrors(cmd.main), argv: args };
      }
      case "dash":
      case "bash": {
        const flavour = flavourOf(exe.program, "glibc", exe.version);
        return { main: (ctx) => shellMain(ctx, flavour), argv };
      }
    }
    const program = PROGRAMS[exe.program];
    if (program !== undefined) return { main: program, argv };
    const cmd = byName.get(exe.tool === "" ? exe.program : exe.tool);
    return cmd === undefined ? undefined : { main: withStdoutErrors(cmd.main), argv };
  },
};

