// Shell builtins run inside the shell's process (no fork): one file each, one registry line.

import type { Errno } from "../../kernel/errno.js";
import { strerror } from "../../kernel/errno.js";
import type { Fds, Shell } from "../interpreter.js";
import { messages, type ShellName } from "../flavour.js";
import { ShellError } from "../control.js";

export interface BuiltinContext {
  readonly sh: Shell;
  readonly argv: readonly string[];
  readonly fds: Fds;
}

export interface Builtin {
  readonly name: string;
  /** POSIX special builtins: assignments before them persist, and they come before functions. */
  readonly special?: boolean;
  /** Shells that have it (default: all). */
  readonly shells?: readonly ShellName[];
  run(ctx: BuiltinContext): Promise<number>;
}

export const out = (ctx: BuiltinContext, text: string) => ctx.sh.write(ctx.fds, 1, text);

/** A builtin's error in its shell's words ("sh: cd: …", "sh: 1: cd: …", "bash: cd: …"). */
export const fail = async (ctx: BuiltinContext, text: string, status = 1): Promise<number> => {
  await ctx.sh.err(ctx.fds, messages.builtin(ctx.sh.flavour, ctx.sh.msg, ctx.argv[0]!, text));
  return status;
};

/**
 * The name BusyBox applets run by ash (printf, test) put before their messages
 * (bb_verror_msg() writes applet_name): the shell's own argv[0] as lbb_main() set it, without a
 * login shell's "-" and its directory — not $0, which `sh -c CMD NAME` or a script changes.
 */
export function appletName(ctx: BuiltinContext): string {
  const argv = ctx.sh.proc.argv;
  const name = (argv[0] ?? "sh").replace(/^-/, "").replace(/^.*\//, "");
  // "busybox sh …": busybox_main() runs argv[1] as the applet.
  return name === "busybox" && argv[1] !== undefined ? argv[1] : name;
}

export const errText = (ctx: BuiltinContext, e: Errno) => strerror(e, ctx.sh.flavour.libc);

/** Is `s` a valid unsigned decimal number? */
export const isNumber = (s: string) => /^\d+$/.test(s);

/**
 * A builtin's error that aborts (ash ash_msg_and_raise_error(), dash sh_error()): the message,
 * then ShellError. A special builtin's error abandons the command line (ends a script); for a
 * regular builtin the shell only takes `status` (Shell.runBuiltin).
 */
export const raise = async (ctx: BuiltinContext, text: string, status = 2): Promise<never> => {
  await ctx.sh.err(ctx.fds, messages.builtin(ctx.sh.flavour, ctx.sh.msg, ctx.argv[0]!, text));
  ctx.sh.state.status = status;
  throw new ShellError(status);
};

/**
 * nextopt(optstring) (ash.c, dash options.c): the leading "-abc" words (a lone "-" is an
 * operand, "--" ends them); a letter not in `letters` raises "illegal option -x" (ash) or
 * "Illegal option -x" (dash). Returns the letters in order and the operands.
 */
export async function nextopt(ctx: BuiltinContext, letters: string): Promise<{ opts: string[]; args: string[] }> {
  const args = ctx.argv.slice(1);
  const opts: string[] = [];
  while (args[0] !== undefined && args[0].startsWith("-") && args[0].length > 1) {
    const word = args.shift()!;
    if (word === "--") break;
    for (const c of word.slice(1)) {
      if (!letters.includes(c)) await raise(ctx, `${ctx.sh.flavour.name === "dash" ? "I" : "i"}llegal option -${c}`);
      opts.push(c);
    }
  }
  return { opts, args };
}
