// kill [-l] [-SIG | -s SIG] PID… as a program (BusyBox procps/kill.c kill_main(),
// libbb/u_signal_names.c; procps-ng 3.3.9 skill.c kill_main(), proc/sig.c). Every signal goes
// through kill(2): the kernel decides permission (EPERM) and existence (ESRCH). procps 3.3.9
// reports nothing when kill(2) fails, it only exits 1.

import { ESRCH, type Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { SIGNALS, SIGTERM } from "../kernel/signal.js";
import { applet, attempt, error, isBusybox, libcOf, out, perror } from "./lib/cmd.js";
import { listPids, readStat } from "./lib/sys-proc.js";
import type { Command } from "./types.js";

/** BusyBox's table: SIGIO is listed as POLL. */
const bbName = (n: number) => (n === 29 ? "POLL" : SIGNALS[n] ?? "");

/** libbb get_signum(): a number below NSIG, a name with or without SIG, IO/IOT. */
function bbSignum(name: string): number | undefined {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n < 65 ? n : undefined;
  }
  const upper = name.toUpperCase().replace(/^SIG/, "");
  for (let i = 1; i < 32; i++) if (bbName(i) === upper) return i;
  if (upper === "IO") return 29;
  if (upper === "IOT") return 6;
  if (upper === "RTMIN") return 34;
  if (upper === "RTMAX") return 64;
  return undefined;
}

/**
 * kill(2) for every pid form: a pid, 0 (our process group), -PGID, or -1 (every process we may
 * signal but init). Process groups are found through /proc; each delivery is the kernel's call.
 */
function killTarget(ctx: ProgramContext, pid: number, sig: number): Errno | undefined {
  if (pid > 0) {
    const r = attempt(() => ctx.sys.kill(pid, sig));
    return r.ok ? undefined : r.errno;
  }
  return undefined;
}

async function killGroup(ctx: ProgramContext, pid: number, sig: number): Promise<Errno | undefined> {
  if (pid > 0) return killTarget(ctx, pid, sig);
  const own = await readStat(ctx, ctx.proc.pid);
  const pgrp = pid === 0 ? own?.pgrp ?? ctx.proc.pid : -pid;
  let sent = false;
  let last: Errno | undefined;
  for (const p of listPids(ctx)) {
    if (pid === -1) {
      if (p === 1 || p === ctx.proc.pid) continue;
    } else if ((await readStat(ctx, p))?.pgrp !== pgrp) continue;
    const e = killTarget(ctx, p, sig);
    if (e === undefined) sent = true;
    else last = e;
  }
  if (pid === -1 && sig !== 0) {
    // kill(-1) signals the caller too (kernel/signal.c kill_something_info()).
    if (killTarget(ctx, ctx.proc.pid, sig) === undefined) sent = true;
  }
  return sent ? undefined : last ?? ESRCH;
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  let args = ctx.argv.slice(1);
  let sig = SIGTERM;
  const first = args[0];
  if (first !== undefined && first.startsWith("-")) {
    if (first === "-l") {
      if (args.length === 1) {
        let text = "";
        for (let i = 1; i < 32; i++) text += `${String(i).padStart(2)}) ${bbName(i)}\n`;
        // FEATURE_RTMINMAX: libcs that define __SIGRTMAX (uClibc, glibc) add it to the list.
        if (libcOf(ctx) !== "musl") text += "64) RTMAX\n";
        await out(ctx, text);
        return 0;
      }
      for (const a of args.slice(1)) {
        if (/^\d/.test(a)) {
          if (!/^\d+$/.test(a)) {
            await error(ctx, `unknown signal '${a}'`);
            return 1;
          }
          const n = Number(a) & 0x7f;
          await out(ctx, `${n > 0 && n < 32 ? bbName(n) : n}\n`);
        } else {
          const n = bbSignum(a);
          if (n === undefined) {
            await error(ctx, `unknown signal '${a}'`);
            return 1;
          }
          await out(ctx, `${n}\n`);
        }
      }
      return 0;
    }
    if (first === "--") args = args.slice(1);
    else {
      let name = first.slice(1);
      if (name === "s" && args[1] !== undefined) {
        name = args[1];
        args = args.slice(1);
      }
      const n = bbSignum(name);
      if (n === undefined) {
        await error(ctx, `bad signal name '${name}'`);
        return 1;
      }
      sig = n;
      args = args.slice(1);
    }
  }
  if (args.length === 0) {
    await error(ctx, "you need to specify whom to kill");
    return 1;
  }
  let errors = 0;
  for (const a of args) {
    if (!/^[-+]?\d+$/.test(a)) {
      await error(ctx, `invalid number '${a}'`);
      errors++;
      continue;
    }
    const pid = Number(a);
    const e = await killGroup(ctx, pid, sig);
    if (e !== undefined) {
      await perror(ctx, `can't kill pid ${pid}`, e);
      errors++;
    }
  }
  return errors;
}

// ---- procps-ng ---------------------------------------------------------------------------------

/** proc/sig.c signal_name_to_number(). */
function procpsSignum(name: string): number | undefined {
  const n = name.replace(/^sig/i, "").toUpperCase();
  if (n === "CLD") return 17;
  if (n === "IO") return 29;
  if (n === "IOT") return 6;
  for (let i = 1; i < 32; i++) if (bbName(i) === n) return i;
  if (n === "RTMIN") return 34;
  if (n === "EXIT" || n === "NULL") return 0;
  let offset = 0;
  let rest = n;
  if (rest.startsWith("RTMIN+")) {
    rest = rest.slice(6);
    offset = 34;
  }
  if (!/^[-+]?\d+$/.test(rest)) return undefined;
  const v = Number(rest);
  return v + 34 > 127 ? undefined : v + offset;
}

const PROCPS_USAGE = "\nUsage:\n %s [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n";

/** unix_print_signals(): names separated by spaces, a new line once past column 73. */
function unixSignalList(): string {
  let text = "";
  let pos = 0;
  for (let i = 1; i < 32; i++) {
    if (i > 1) {
      if (pos > 73) {
        text += "\n";
        pos = 0;
      } else {
        text += " ";
        pos++;
      }
    }
    text += bbName(i);
    pos += bbName(i).length;
  }
  return `${text}\n`;
}

/** pretty_print_signals(): seven per line, "%2d %s" padded to 11 columns. */
function signalTable(): string {
  let text = "";
  for (let i = 1; i < 32; i++) {
    const cell = `${String(i).padStart(2)} ${bbName(i)}`;
    text += i % 7 ? cell.padEnd(11) : `${cell}\n`;
  }
  return (31 % 7 ? `${text}\n` : text);
}

async function procpsMain(ctx: ProgramContext): Promise<number> {
  const name = applet(ctx);
  const usageText = PROCPS_USAGE.replace("%s", name);
  let args = ctx.argv.slice(1);
  if (args.length === 0) {
    await ctx.stderr.write(usageText);
    return 1;
  }
  // skill_sig_option(): the first -NAME/-NUMBER that is a signal, anywhere on the line.
  let sig = SIGTERM;
  const at = args.findIndex((a) => a.startsWith("-") && procpsSignum(a.slice(1)) !== undefined);
  if (at >= 0) {
    sig = procpsSignum(args[at]!.slice(1))!;
    args = [...args.slice(0, at), ...args.slice(at + 1)];
  }
  const pids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      pids.push(...args.slice(i + 1));
      break;
    }
    if (a === "-l" || a === "--list" || a.startsWith("--list=") || (a.startsWith("-l") && a.length > 2)) {
      const val = a.startsWith("--list=") ? a.slice(7) : a.startsWith("-l") && a.length > 2 ? a.slice(2) : undefined;
      if (val === undefined) {
        await out(ctx, unixSignalList());
        return 0;
      }
      const upper = val.toUpperCase().replace(/^SIG/, "");
      let conv: string | undefined;
      if (/^\d/.test(upper)) conv = /^\d+$/.test(val) && Number(val) > 0 && Number(val) < 32 ? bbName(Number(val)) : undefined;
      else for (let s = 1; s < 32; s++) if (bbName(s) === upper) conv = String(s);
      if (conv === undefined) await ctx.stderr.write(`${name}: unknown signal name ${val}\n`);
      else await out(ctx, `${conv}\n`);
      return 0;
    }
    if (a === "-L" || a === "--table") {
      await out(ctx, signalTable());
      return 0;
    }
    if (a === "-h" || a === "--help") {
      await out(ctx, usageText);
      return 0;
    }
    if (a === "-V" || a === "--version") {
      await out(ctx, `${name} from procps-ng ${ctx.exe.version}\n`);
      return 0;
    }
    if (a === "-s" || a === "--signal") {
      const s = procpsSignum(args[++i] ?? "");
      sig = s ?? -1;
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d/.test(a)) {
      await ctx.stderr.write(`${name}: invalid argument ${a[1]}\n${usageText}`);
      return 1;
    }
    pids.push(a);
  }
  let status = 0;
  for (const p of pids) {
    if (!/^\s*[-+]?\d+$/.test(p)) {
      await ctx.stderr.write(`${name}: failed to parse argument: '${p}'\n`);
      return 1;
    }
    if (sig < 0 || (await killGroup(ctx, Number(p), sig)) !== undefined) status = 1;
  }
  return status;
}

export const kill: Command = {
  name: "kill",
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : procpsMain(ctx)),
};
