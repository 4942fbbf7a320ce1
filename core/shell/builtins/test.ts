// test EXPR / [ EXPR ]: each shell's own parser, because they find different errors in the same
// words and name different words in them:
// - ash runs BusyBox 1.28.4's test applet (coreutils/test.c test_main(), commands/lib/test-expr.ts)
//   for test, [ and [[, and its messages go through bb_error_msg(): "sh: x: bad number",
//   "sh: argument expected".
// - dash: src/bltin/test.c (../dash-test.ts), error() as "sh: 1: test: a: unexpected operator".
// - bash: test.c test_command() (../bash-test.ts), "bash: test: a: unary operator expected".
// A syntax error is status 2.

import { errnoOf } from "../../kernel/errno.js";
import { type TestEnv, type TestError, evaluateTest } from "../../commands/lib/test-expr.js";
import type { Attrs } from "../../vfs/node.js";
import { bashTest, bashTestMessage } from "../bash-test.js";
import { dashTest, dashTestMessage } from "../dash-test.js";
import { versionAtLeast } from "../flavour.js";
import type { ShellOptions } from "../state.js";
import { type Builtin, type BuiltinContext, appletName, fail } from "./types.js";

/**
 * BusyBox test.c's words: syntax(op, msg) prints "op: msg", or msg alone when op is NULL or ""
 * (`[ 1 -eq "" ]` is "bad number"); test_main() "missing ]"; "%s: unknown operand".
 */
function busyboxTestMessage(e: TestError): string {
  const withOp = (op: string | undefined, msg: string) => (op ? `${op}: ${msg}` : msg);
  switch (e.error) {
    case "missing ]": return "missing ]";
    case "unknown operand": return `${e.arg}: unknown operand`;
    case "argument expected": return withOp(e.arg, "argument expected");
    case "bad number": return withOp(e.arg, "bad number");
    case "out of range": return withOp(e.arg, "out of range");
    case "closing paren expected": return "closing paren expected";
    // GNU's parser only.
    case "unary operator expected": case "binary operator expected": case "no -l": return withOp(e.arg, e.error);
  }
}

// bash's `set -o` names podlab does not track, at their defaults (minus_o_option_value()).
const BASH_ON = new Set(["braceexpand", "hashall", "interactive-comments"]);
const BASH_INTERACTIVE = new Set(["emacs", "histexpand", "history"]);
const BASH_OFF = new Set(["errtrace", "functrace", "ignoreeof", "keyword", "noclobber", "nolog", "notify", "onecmd", "physical", "pipefail", "posix", "privileged", "vi"]);

function testEnv(ctx: BuiltinContext): TestEnv {
  const sys = ctx.sh.sys;
  const safe = (f: () => Attrs) => {
    try {
      return f();
    } catch (err) {
      if (errnoOf(err) === undefined) throw err;
      return undefined;
    }
  };
  return {
    stat: (p) => safe(() => sys.stat(p)),
    lstat: (p) => safe(() => sys.lstat(p)),
    access: (p, mask) => {
      try {
        sys.access(p, mask);
        return true;
      } catch (err) {
        if (errnoOf(err) === undefined) throw err;
        return false;
      }
    },
    isatty: (fd) => ctx.fds.get(fd)?.tty !== undefined,
    euid: ctx.sh.proc.creds.euid,
    egid: ctx.sh.proc.creds.egid,
  };
}

async function run(ctx: BuiltinContext): Promise<number> {
  const { sh } = ctx;
  let words = ctx.argv.slice(1);
  const bracket = ctx.argv[0] === "[" || ctx.argv[0] === "[[";
  const env = testEnv(ctx);
  switch (sh.flavour.name) {
    case "ash": {
      const fail = async (message: string) => {
        await sh.err(ctx.fds, `${appletName(ctx)}: ${message}\n`);
        return 2;
      };
      // test_main(): "[[" must end in "]]" ("missing ]]"), then parses like "[".
      if (ctx.argv[0] === "[[") {
        if (words[words.length - 1] !== "]]") return fail("missing ]]");
        words = [...words.slice(0, -1), "]"];
      }
      const r = evaluateTest(words, env, bracket, "busybox");
      return typeof r === "number" ? r : fail(busyboxTestMessage(r));
    }
    case "dash": {
      const r = dashTest(words, env, bracket, versionAtLeast(sh.flavour.version, [0, 5, 12]));
      return typeof r === "number" ? r : fail(ctx, dashTestMessage(r), 2);
    }
    case "bash": {
      const options = sh.state.options;
      const r = bashTest(words, {
        ...env,
        option: (name) => {
          if (Object.hasOwn(options, name)) return options[name as keyof ShellOptions];
          if (name === "monitor") return sh.jobControl;
          if (BASH_ON.has(name)) return true;
          if (BASH_INTERACTIVE.has(name)) return sh.interactive;
          return BASH_OFF.has(name) ? false : undefined;
        },
        isSet: (name) => sh.state.vars.get(name)?.value !== undefined,
        argCount: sh.state.positional.length,
      }, bracket);
      return typeof r === "number" ? r : fail(ctx, bashTestMessage(r), 2);
    }
  }
}

export const test: Builtin = { name: "test", run };
export const bracket: Builtin = { name: "[", run };
/** ash's "[[" (BASH_TEST2: ASH_BASH_COMPAT and ASH_TEST): test_main() again, not bash's keyword. */
export const doubleBracket: Builtin = { name: "[[", shells: ["ash"], run };
