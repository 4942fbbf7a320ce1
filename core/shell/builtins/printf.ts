// printf FORMAT [ARG…]: ash runs BusyBox's printf applet; dash and bash have their own builtins.
// The format engine (commands/lib/printf.ts printfEvents()) reports output and errors in the
// order they happen; each shell words the errors and decides when its output reaches fd 1:
// - ash: printf_main() (BusyBox 1.28.4 coreutils/printf.c) writes through stdio, and
//   bb_verror_msg() flushes stdout before each message, so a message shows where it happened.
// - dash: printfcmd() (src/bltin/printf.c) writes to out1, a buffer flushed when the builtin
//   returns (evalbltin() flushall()) or after an error's message (exverror()): messages first.
// - bash: printf_builtin() (builtins/printf.def) writes to stdio stdout, which bash makes
//   line-buffered (shell_initialize() sh_setlinebuf()): finished lines before each message, the
//   rest at PRETURN's fflush().

import { type PrintfError, type PrintfRun, busyboxPrintfMessage, printfEvents } from "../../commands/lib/printf.js";
import { ShellError } from "../control.js";
import { messages, versionAtLeast } from "../flavour.js";
import { type Builtin, type BuiltinContext, appletName, fail, out } from "./types.js";

// The engine runs GNU's parser for dash and bash (both take strtoimax()/strtod() numbers, keep
// the converted prefix, and treat "" as 0 silently). A version before 9.6 keeps "" quiet; dash's
// has no %q (before 8.25), bash's has %q and any \u (9.2).
const DASH_ENGINE = { coreutils: "8.23" };
const BASH_ENGINE = { coreutils: "9.5" };

/** The engine's errors that end its run (GNU's fatal ones). */
const FATAL = new Set<PrintfError["kind"]>(["invalid directive", "invalid width", "invalid precision", "missing hex digits", "invalid character name"]);

// ---------------------------------------------------------------------------------------------
// ash

async function ashPrintf(ctx: BuiltinContext): Promise<number> {
  const name = appletName(ctx);
  // printf_main(): fcntl(1, F_GETFL) == -1 (stdout closed) returns 1 without a word.
  if (ctx.fds.get(1)?.write === undefined) return 1;
  let args = ctx.argv.slice(1);
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    // ENABLE_ASH_PRINTF and applet_name[0] != 'p': bb_error_msg(), "return 2; /* bash compat */"
    // instead of bb_show_usage().
    await ctx.sh.err(ctx.fds, `${name}: usage: printf FORMAT [ARGUMENT...]\n`);
    return 2;
  }
  const run = printfEvents(args[0]!, args.slice(1), "busybox");
  for (const ev of run.events) {
    if ("text" in ev) await out(ctx, ev.text);
    else await ctx.sh.err(ctx.fds, `${name}: ${busyboxPrintfMessage(ev.error)}\n`);
  }
  return run.status;
}

// ---------------------------------------------------------------------------------------------
// dash

/**
 * The directive dash names: printfcmd() skips SKIP1 "#-+ 0", a "*" or SKIP2 "*0123456789" digits,
 * then "." and a "*" or digits (0.5.7 skips SKIP2 after a "*" too), and the next character is
 * the conversion, with no length modifiers. `directive` is GNU's (from "%", maybe longer).
 */
function dashDirective(directive: string, v0512: boolean): { conv: string; text: string } | undefined {
  let i = 1;
  const span = (set: string) => {
    while (i < directive.length && set.includes(directive[i]!)) i++;
  };
  span("#-+ 0");
  if (v0512 && directive[i] === "*") i++;
  else span("*0123456789");
  if (directive[i] === ".") {
    i++;
    if (v0512 && directive[i] === "*") i++;
    else span("*0123456789");
  }
  const conv = directive[i];
  return conv === undefined ? undefined : { conv, text: directive.slice(0, i + 1) };
}

/** dash's words for an engine error, or undefined when dash says nothing (its printf has no warnings). */
function dashMessage(e: PrintfError, v0512: boolean): string | undefined {
  switch (e.kind) {
    // check_conversion()
    case "not a number": return `${e.arg}: expected numeric value`;
    case "partial number": return `${e.arg}: not completely converted`;
    case "out of range": return `${e.arg}: Numerical result out of range`;
    case "invalid directive": {
      const d = dashDirective(e.directive, v0512);
      return d === undefined ? "missing format character" : `${d.text}: invalid directive`;
    }
    // A "*" width or precision is getintmax() (0.5.7) or getuintmax(1) (0.5.12), a number like
    // any other (its own "out of range" came before), cast to int without a word. conv_escape()
    // has no \x, \u or \U, and dash's printf never warns.
    default: return undefined;
  }
}

async function dashPrintf(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const v0512 = versionAtLeast(sh.flavour.version, [0, 5, 12]);
  let args = ctx.argv.slice(1);
  // nextopt(nullstr): "--" ends the options, any other "-X" is sh_error("Illegal option -X").
  if (args[0] === "--") args = args.slice(1);
  else if (args[0] !== undefined && args[0].length > 1 && args[0][0] === "-") return dashRaise(ctx, `Illegal option -${args[0][1]}`, "");
  // 0.5.7 warnx() and return 1; 0.5.12 error(), status 2.
  if (args.length === 0) return v0512 ? dashRaise(ctx, "usage: printf format [arg ...]", "") : fail(ctx, "usage: printf format [arg ...]", 1);
  const run = printfEvents(args[0]!, args.slice(1), DASH_ENGINE);
  let buffered = "";
  let rval = 0;
  for (const ev of run.events) {
    if ("text" in ev) {
      buffered += ev.text;
      continue;
    }
    const text = dashMessage(ev.error, v0512);
    if (text === undefined) continue;
    if (ev.error.kind === "invalid directive") {
      // "missing format character" / "%z: invalid directive" end the run: 0.5.7 warnx() and
      // "goto err" (status 1, whatever rval was); 0.5.12 error(): the message, flushall(), 2.
      if (v0512) return dashRaise(ctx, text, buffered);
      await fail(ctx, text);
      if (buffered !== "") await out(ctx, buffered);
      return 1;
    }
    await fail(ctx, text);
    rval = 1;
  }
  if (buffered !== "") await out(ctx, buffered);
  // \c in %b: "goto out", return rval — conversion errors before it still count.
  return rval;
}

/** dash sh_error() inside a builtin: the message, out1 flushed (exverror()), status 2. */
async function dashRaise(ctx: BuiltinContext, text: string, buffered: string): Promise<never> {
  await ctx.sh.err(ctx.fds, messages.builtin(ctx.sh.flavour, ctx.sh.msg, ctx.argv[0]!, text));
  if (buffered !== "") await out(ctx, buffered);
  ctx.sh.state.status = 2;
  throw new ShellError(2);
}

// ---------------------------------------------------------------------------------------------
// bash

const BASH_USAGE = "printf [-v var] format [arguments]";

/**
 * printf_builtin()'s scan of a conversion: SKIP1 "#'-+ 0" flags, a "*" or digits, "." and a "*"
 * or an optional "-" and digits, LENMODS "hjlLtz"; at the end of the format "`%…': missing format
 * character", else the character found is "`c': invalid format character".
 */
function bashDirectiveMessage(directive: string): string {
  let i = 1;
  const digits = () => {
    while (/[0-9]/.test(directive[i] ?? "")) i++;
  };
  while (i < directive.length && "#'-+ 0".includes(directive[i]!)) i++;
  if (directive[i] === "*") i++;
  else digits();
  if (directive[i] === ".") {
    i++;
    if (directive[i] === "*") i++;
    else {
      if (directive[i] === "-") i++;
      digits();
    }
  }
  while (i < directive.length && "hjlLtz".includes(directive[i]!)) i++;
  const conv = directive[i];
  return conv === undefined ? `\`${directive}': missing format character` : `\`${conv}': invalid format character`;
}

/** bash's words for an engine error, or undefined when bash says nothing. */
function bashMessage(e: PrintfError): string | undefined {
  switch (e.kind) {
    case "not a number": case "partial number": {
      // sh_invalidnum() (builtins/common.c)
      const a = e.arg;
      const what = a[0] === "0" && /[0-9]/.test(a[1] ?? "") ? "invalid octal number" : a[0] === "0" && a[1] === "x" ? "invalid hex number" : "invalid number";
      return `${a}: ${what}`;
    }
    // printf_erange(): a warning, the status stays 0. (getint()'s own check of a "*" value
    // beyond int names the argument after it, which the engine's "invalid width" does not say.)
    case "out of range": return `warning: ${e.arg}: Numerical result out of range`;
    case "invalid directive": return bashDirectiveMessage(e.directive);
    // tescape()
    case "missing hex digits": return "missing hex digit for \\x";
    // asciicode() ignores what follows the character; nothing warns about unused arguments.
    default: return undefined;
  }
}

async function bashPrintf(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  const args = ctx.argv.slice(1);
  const usage = async () => {
    // builtin_usage(): "printf: usage: …" without the shell's prefix.
    await sh.err(ctx.fds, `${ctx.argv[0]}: usage: ${BASH_USAGE}\n`);
    return 2;
  };
  // internal_getopt(list, "v:"): "--" ends the options; "-" is an operand.
  let vname: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a[0] !== "-" || a === "-") break;
    if (a === "--") {
      i++;
      break;
    }
    for (let j = 1; j < a.length; j++) {
      if (a[j] !== "v") {
        await fail(ctx, `-${a[j]}: invalid option`, 2);
        return usage();
      }
      let name = a.slice(j + 1);
      if (name === "") {
        if (i + 1 >= args.length) {
          await fail(ctx, "-v: option requires an argument", 2);
          return usage();
        }
        name = args[++i]!;
      }
      // legal_identifier() (arrays are not emulated): sh_invalidid(), EX_USAGE.
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail(ctx, `\`${name}': not a valid identifier`, 2);
      vname = name;
      break;
    }
  }
  const rest = args.slice(i);
  if (rest.length === 0) return usage();
  const format = rest[0]!;

  if (format !== "") {
    let status = 0;
    const run: PrintfRun = printfEvents(format, rest.slice(1), BASH_ENGINE);
    let pending = "";
    let value = "";
    for (const ev of run.events) {
      if ("text" in ev) {
        if (vname !== undefined) value += ev.text;
        else pending += ev.text;
        continue;
      }
      const text = bashMessage(ev.error);
      if (text === undefined) continue;
      // Line-buffered stdout: what ends in a newline has been written already.
      const nl = pending.lastIndexOf("\n") + 1;
      if (nl > 0) {
        await out(ctx, pending.slice(0, nl));
        pending = pending.slice(nl);
      }
      await fail(ctx, text);
      // conversion_error: an invalid number; a bad format character ends the run
      // (PRETURN (EXECUTION_FAILURE)).
      if (ev.error.kind === "not a number" || ev.error.kind === "partial number" || ev.error.kind === "invalid directive") status = 1;
    }
    // \c in %b returns PRETURN (retval): conversion errors before it do not count.
    const last = run.events[run.events.length - 1];
    const fatal = last !== undefined && "error" in last && FATAL.has(last.error.kind);
    if (run.stopped && !fatal) status = 0;
    if (vname !== undefined) return bindVariable(ctx, vname, value, status);
    if (pending !== "") await out(ctx, pending);
    return status;
  }
  // An empty format returns EXECUTION_SUCCESS before anything else ("printf -v var ''" sets var).
  return vname === undefined ? 0 : bindVariable(ctx, vname, "", 0);
}

/** PRETURN with -v: builtin_bind_variable(); a read-only variable fails (err_readonly()). */
async function bindVariable(ctx: BuiltinContext, name: string, value: string, status: number): Promise<number> {
  if (ctx.sh.state.set(name, value)) return status;
  await ctx.sh.err(ctx.fds, messages.shell(ctx.sh.flavour, ctx.sh.msg, `${name}: readonly variable`));
  return 1;
}

export const printf: Builtin = {
  name: "printf",
  run(ctx) {
    switch (ctx.sh.flavour.name) {
      case "ash": return ashPrintf(ctx);
      case "dash": return dashPrintf(ctx);
      case "bash": return bashPrintf(ctx);
    }
  },
};
