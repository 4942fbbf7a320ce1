// test EXPR / [ EXPR ] / [[ EXPR ]] as programs (BusyBox coreutils/test.c, where "[[" needs
// "]]"; GNU coreutils test.c has test and "["), on the shared evaluator (lib/test-expr.ts), which
// parses the words the way the build does and names the syntax error; the wording is here.
// Errors exit 2: BusyBox "test: x: bad number", "[: missing ]", "test: b: unknown operand"; GNU
// "test: invalid integer 'x'", "[: missing ']'", "test: extra argument 'c'". File tests ask the
// kernel through ctx.sys.

import { errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Attrs } from "../vfs/node.js";
import { NO_USAGE, localeQuote as quote } from "./lib/cmd.js";
import { versionAtLeast } from "./lib/sys-proc.js";
import { type TestError, evaluateTest } from "./lib/test-expr.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

/**
 * The build's words for a syntax error (BusyBox test.c syntax(); GNU test.c
 * test_syntax_error()); `name` is the applet ("test", "[", "[["), `version` the package's.
 */
export function syntaxMessage(e: TestError, build: { busybox: boolean; version: string }, name: string): string {
  if (build.busybox) {
    // syntax(op, msg): "op: msg", or just msg when op is NULL or "".
    const withOp = (op: string | undefined, msg: string) => (op ? `${op}: ${msg}` : msg);
    switch (e.error) {
      case "missing ]": return name === "[[" ? "missing ]]" : "missing ]";
      case "unknown operand": return `${e.arg}: unknown operand`;
      case "argument expected": return withOp(e.arg, "argument expected");
      case "bad number": return withOp(e.arg, "bad number");
      case "out of range": return withOp(e.arg, "out of range");
      case "closing paren expected": return "closing paren expected";
      default: return withOp("arg" in e ? e.arg : undefined, e.error);
    }
  }
  // 8.25 (6796698c9) quoted the words in the operator messages.
  const q = versionAtLeast(build.version, 8, 25) ? quote : (s: string) => s;
  switch (e.error) {
    case "missing ]": return "missing ']'";
    case "unknown operand": return `extra argument ${quote(e.arg)}`;
    case "argument expected": return `missing argument after ${quote(e.arg ?? "")}`;
    case "bad number": case "out of range": return `invalid integer ${quote(e.arg)}`;
    case "closing paren expected": return e.found === undefined ? "')' expected" : `')' expected, found ${q(e.found)}`;
    case "unary operator expected": return `${q(e.arg)}: unary operator expected`;
    case "binary operator expected": return `${q(e.arg)}: binary operator expected`;
    case "no -l": return `${e.arg} does not accept -l`;
  }
}

const safe = (f: () => Attrs): Attrs | undefined => {
  try {
    return f();
  } catch (err) {
    if (errnoOf(err) === undefined) throw err;
    return undefined;
  }
};

async function testMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const name = t.busybox ? t.name : ctx.argv[0]!.split("/").pop()!;
  let args = ctx.argv.slice(1);
  const bracket = name === "[" || name === "[[";
  if (name === "[[") {
    if (args[args.length - 1] !== "]]") {
      await t.error(syntaxMessage({ error: "missing ]" }, { busybox: true, version: ctx.exe.version }, "[["));
      return 2;
    }
    args = [...args.slice(0, -1), "]"];
  }
  // GNU: "[ --help" and "[ --version" alone are options; BusyBox has none.
  const r = evaluateTest(args, {
    stat: (p) => safe(() => ctx.sys.stat(p)),
    lstat: (p) => safe(() => ctx.sys.lstat(p)),
    access: (p, mask) => {
      try {
        ctx.sys.access(p, mask);
        return true;
      } catch (err) {
        if (errnoOf(err) === undefined) throw err;
        return false;
      }
    },
    isatty: (fd) => (fd === 0 ? ctx.stdin : fd === 1 ? ctx.stdout : fd === 2 ? ctx.stderr : undefined)?.tty !== undefined,
    euid: ctx.proc.creds.euid,
    egid: ctx.proc.creds.egid,
  }, bracket, t.busybox ? "busybox" : { coreutils: ctx.exe.version });
  if (typeof r === "number") return r;
  await t.error(syntaxMessage(r, { busybox: t.busybox, version: ctx.exe.version }, name));
  return 2;
}

const main = testMain;
// NOUSAGE_STR: "[ --help" prints "No help available" before 1.36; "test --help" never shows usage.
export const test: Command = { name: "test", main, usage: NO_USAGE };
export const bracket: Command = { name: "[", main, usage: NO_USAGE };
export const doubleBracket: Command = { name: "[[", main, usage: NO_USAGE };
