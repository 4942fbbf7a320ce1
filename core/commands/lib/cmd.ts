// Shared helpers for commands: message formats (BusyBox bb_error_msg/bb_perror_msg, GNU error()),
// libc getopt wording, BusyBox usage text, and option parsing like getopt32().

import { type Errno, type Libc, errnoOf, strerror } from "../../kernel/errno.js";
import type { ProgramContext } from "../../kernel/program.js";
import type { UsageText } from "../types.js";
import { versionAtLeast } from "./sys-proc.js";

export const applet = (ctx: ProgramContext) => ctx.argv[0]!.split("/").pop()!.replace(/^-/, "");
export const isBusybox = (ctx: ProgramContext) => ctx.exe.program === "busybox";
export const libcOf = (ctx: ProgramContext): Libc => (ctx.exe.variant === "musl" ? "musl" : ctx.exe.variant === "uclibc" ? "uclibc" : "glibc");
export const errText = (ctx: ProgramContext, e: Errno) => strerror(e, libcOf(ctx));

export const out = (ctx: ProgramContext, text: string) => ctx.stdout.write(text);

/** bb_error_msg() / GNU error(): "applet: message". */
export const error = (ctx: ProgramContext, msg: string) => ctx.stderr.write(`${applet(ctx)}: ${msg}\n`);

/** bb_perror_msg(): "applet: what: strerror". */
export const perror = (ctx: ProgramContext, what: string, e: Errno) => ctx.stderr.write(`${applet(ctx)}: ${what}: ${errText(ctx, e)}\n`);

/** Runs a syscall; returns its errno instead of throwing when it fails with one. */
export function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; errno: Errno } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    return { ok: false, errno: e };
  }
}

export async function attemptAsync<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errno: Errno }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    return { ok: false, errno: e };
  }
}

/** The banner BusyBox prints above usage text, per build. */
const BUSYBOX_BUILDS: Record<string, string> = {
  "1.28.4": "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.",
  "1.26.2": "BusyBox v1.26.2 (2017-08-03 10:06:04 GMT) multi-call binary.",
  "1.31.1": "BusyBox v1.31.1 () multi-call binary.",
  "1.37.0": "BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.",
};

export const busyboxBanner = (version: string) => BUSYBOX_BUILDS[version] ?? `BusyBox v${version} multi-call binary.`;

/** NOUSAGE_STR ("\b"): an applet built without help text (egrep, fgrep, test, [, [[). */
export const NO_USAGE: UsageText = { trivial: "\b", full: "" };

/**
 * What bb_show_usage() (libbb/appletlib.c) writes: the banner, then "Usage: APPLET " and the
 * packed usage string (trivial, "\n\n", full). Before 1.30 the space after the name is always
 * written ("Usage: clear \n\nClear screen"); commit 253f555f0 (1.30.0) drops it when the packed
 * string is empty or starts with a newline. NOUSAGE_STR prints "No help available.\n\n", which
 * ff65355b8 (1.31.0) shortened to "No help available\n".
 */
export function usageText(ctx: ProgramContext, trivial: string, full: string): string {
  const version = ctx.exe.version;
  const banner = busyboxBanner(version);
  if (trivial === NO_USAGE.trivial) return `${banner}\n\n${versionAtLeast(version, 1, 31) ? "No help available\n" : "No help available.\n\n"}`;
  const packed = full === "" ? trivial : `${trivial}\n\n${full}`;
  const space = versionAtLeast(version, 1, 30) && (packed === "" || packed.startsWith("\n")) ? "" : " ";
  return `${banner}\n\nUsage: ${applet(ctx)}${space}${packed}\n`;
}

/**
 * bb_show_usage(): the usage text on stderr, then xfunc_die() with xfunc_error_retval: 1, or 0
 * for `APPLET --help`, or what the applet set (grep: 2).
 */
export async function usage(ctx: ProgramContext, trivial: string, full: string, status = 1): Promise<number> {
  await ctx.stderr.write(usageText(ctx, trivial, full));
  return status;
}

const C_ESCAPES: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };

/**
 * gnulib quote() in the C locale (locale_quoting_style), as GNU tools name a word in a message:
 * 'ARG', with \\ and ' escaped by a backslash and control characters as C escapes.
 */
export const localeQuote = (s: string): string =>
  `'${s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === "\\" || c === "'" ? `\\${c}` : C_ESCAPES[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`))}'`;

/** The C library's getopt message for an unknown option. */
export function badOptionText(ctx: ProgramContext, opt: string): string {
  switch (libcOf(ctx)) {
    case "musl": return `${applet(ctx)}: unrecognized option: ${opt}`;
    case "uclibc": return `${applet(ctx)}: invalid option -- ${opt}`;
    default: return `${applet(ctx)}: invalid option -- '${opt}'`;
  }
}

/** getopt_long's message for an unknown `--name` (BusyBox's getopt32 always passes a long table). */
export function badLongOptionText(ctx: ProgramContext, opt: string): string {
  switch (libcOf(ctx)) {
    case "musl": return `${applet(ctx)}: unrecognized option: ${opt.slice(2)}`;
    case "uclibc": return `${applet(ctx)}: unrecognized option \`${opt}'`;
    default: return `${applet(ctx)}: unrecognized option '${opt}'`;
  }
}

export function missingArgText(ctx: ProgramContext, opt: string): string {
  switch (libcOf(ctx)) {
    case "musl": return `${applet(ctx)}: option requires an argument: ${opt}`;
    case "uclibc": return `${applet(ctx)}: option requires an argument -- ${opt}`;
    default: return `${applet(ctx)}: option requires an argument -- '${opt}'`;
  }
}

export interface ParsedOptions {
  flags: Set<string>;
  /** Options that take an argument: their (last) values; repeated ones collect in `lists`. */
  values: Map<string, string>;
  lists: Map<string, string[]>;
  operands: string[];
}

export type OptionError = { kind: "unknown"; opt: string } | { kind: "missing"; opt: string };

/**
 * getopt()-style parsing: `spec` lists flag letters, a letter followed by ":" takes an argument.
 * Long options (--name or --name=value) are accepted when listed in `long`. Parsing stops at
 * "--" and, unless `permute`, at the first operand.
 */
export function parseOptions(argv: readonly string[], spec: string, opts: { long?: readonly string[]; permute?: boolean } = {}): ParsedOptions | OptionError {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const operands: string[] = [];
  const takesArg = (c: string) => spec.includes(`${c}:`);
  const known = (c: string) => c !== ":" && spec.includes(c);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && opts.long !== undefined) {
      const [name, value] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const match = opts.long.find((l) => l === name || l === `${name}=`);
      if (match === undefined) return { kind: "unknown", opt: a };
      if (match.endsWith("=")) {
        const v = value ?? argv[++i];
        if (v === undefined) return { kind: "missing", opt: name };
        values.set(`--${name}`, v);
      } else flags.add(`--${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (!known(c)) return { kind: "unknown", opt: c };
        if (takesArg(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { kind: "missing", opt: c };
          values.set(c, v);
          lists.set(c, [...(lists.get(c) ?? []), v]);
          break;
        }
        flags.add(c);
      }
      continue;
    }
    operands.push(a);
    if (!opts.permute) {
      operands.push(...argv.slice(i + 1));
      break;
    }
  }
  return { flags, values, lists, operands };
}

export const isOptionError = (p: ParsedOptions | OptionError): p is OptionError => "kind" in p;

/** Reports an option error the way the build does: BusyBox usage, or GNU's "Try --help" line. */
export async function optionError(ctx: ProgramContext, e: OptionError, usageText: { trivial: string; full: string } | undefined): Promise<number> {
  if (isBusybox(ctx)) {
    const text = e.kind !== "unknown" ? missingArgText(ctx, e.opt) : e.opt.startsWith("--") ? badLongOptionText(ctx, e.opt) : badOptionText(ctx, e.opt.replace(/^-/, ""));
    await ctx.stderr.write(`${text}\n`);
    return usageText === undefined ? 1 : usage(ctx, usageText.trivial, usageText.full);
  }
  const name = applet(ctx);
  const text = e.kind === "unknown"
    ? e.opt.startsWith("--") ? `${name}: unrecognized option '${e.opt}'` : `${name}: invalid option -- '${e.opt}'`
    : `${name}: option requires an argument -- '${e.opt}'`;
  await ctx.stderr.write(`${text}\nTry '${name} --help' for more information.\n`);
  return e.kind === "unknown" && (name === "ls" || name === "ps") ? 2 : 1;
}

/** Reads a whole input (a file operand, or standard input for "-"). */
export async function readInput(ctx: ProgramContext, path: string): Promise<string> {
  if (path === "-") {
    let data = "";
    for (;;) {
      const chunk = await ctx.stdin.read(65536);
      if (chunk === "") return data;
      data += chunk;
    }
  }
  return ctx.sys.readFile(path);
}

/** Entries of /etc/passwd or /etc/group through the process's view (BusyBox bb_pwd.c). */
export async function readDb(ctx: ProgramContext, file: "/etc/passwd" | "/etc/group"): Promise<string[][]> {
  try {
    return (await ctx.sys.readFile(file)).split("\n").filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split(":"));
  } catch {
    return [];
  }
}

export async function userName(ctx: ProgramContext, uid: number): Promise<string | undefined> {
  return (await readDb(ctx, "/etc/passwd")).find((f) => Number(f[2]) === uid && f[2] !== "")?.[0];
}

export async function groupName(ctx: ProgramContext, gid: number): Promise<string | undefined> {
  return (await readDb(ctx, "/etc/group")).find((f) => Number(f[2]) === gid && f[2] !== "")?.[0];
}
