import { errnoOf } from "../../kernel/errno.js";
import { type TestError, evaluateTest } from "../../commands/lib/test-expr.js";
import type { Attrs } from "../../vfs/node.js";
import { type Builtin, type BuiltinContext, fail } from "./types.js";

/** The message each shell prints for a test syntax error. */
export function testErrorText(shell: string, e: TestError): string {
  const arg = "arg" in e ? e.arg : "";
  switch (e.error) {
    case "missing ]": return shell === "bash" ? "missing `]'" : "missing ]";
    case "bad number": return shell === "bash" ? `${arg}: integer expression expected` : shell === "dash" ? `Illegal number: ${arg}` : `${arg}: bad number`;
    case "unknown operand": return shell === "bash" ? `${arg}: unary operator expected` : shell === "dash" ? `${arg}: unexpected operator` : `${arg}: unknown operand`;
    case "argument expected": return shell === "bash" ? `${arg}: unary operator expected` : `${arg}: argument expected`;
    default: return "syntax error";
  }
}

async function run(ctx: BuiltinContext): Promise<number> {
  const sys = ctx.sh.sys;
  const safe = (f: () => Attrs) => {
    try {
      return f();
    } catch (err) {
      if (errnoOf(err) === undefined) throw err;
      return undefined;
    }
  };
  const r = evaluateTest(ctx.argv.slice(1), {
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
  }, ctx.argv[0] === "[");
  if (typeof r === "number") return r;
  // BusyBox reports as the applet ("sh: …" inside ash); dash and bash name the builtin.
  if (ctx.sh.flavour.name === "ash") {
    await ctx.sh.err(ctx.fds, `${ctx.sh.state.arg0}: ${testErrorText("ash", r)}\n`);
    return 2;
  }
  return fail(ctx, testErrorText(ctx.sh.flavour.name, r), 2);
}

export const test: Builtin = { name: "test", run };
export const bracket: Builtin = { name: "[", run };
