// test / [ (XCU test): file, string and integer tests with ! -a -o and parentheses. Returns 0
// (true), 1 (false) or a syntax error (status 2) as a value; each caller words it for its build.
// Two parsers, because the builds find different errors in the same words:
// - "busybox": BusyBox 1.28.4 coreutils/test.c test_main() and its oexpr/aexpr/nexpr/primary
//   descent (the NetBSD test that dash shares). The test/[/[[ applets and ash's builtins.
// - { coreutils: VERSION }: GNU coreutils src/test.c posixtest() (8.23 … 9.7).

import { MAY_EXEC, MAY_READ, MAY_WRITE, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISUID, S_ISVTX } from "../../kernel/permission.js";
import type { Attrs } from "../../vfs/node.js";
import { versionAtLeast } from "./sys-proc.js";

export interface TestEnv {
  stat(path: string): Attrs | undefined;
  lstat(path: string): Attrs | undefined;
  access(path: string, mask: number): boolean;
  isatty(fd: number): boolean;
  euid: number;
  egid: number;
}

/** Which test.c parses the words. */
export type TestDialect = "busybox" | { readonly coreutils: string };

/**
 * A syntax error, named by what is wrong (render it in the build's words):
 * - "missing ]": `[` (or `[[`) without its closing word.
 * - "unknown operand": a word left after a whole expression (BusyBox "%s: unknown operand",
 *   dash "%s: unexpected operator", GNU "extra argument %s").
 * - "argument expected": an operator without its operand. BusyBox names the binary operator
 *   ("=: argument expected") or nothing when the words ran out; GNU names the last word
 *   ("missing argument after %s").
 * - "bad number" / "out of range": an integer operand (BusyBox getn(); GNU "invalid integer %s").
 *   An empty `arg` is printed without its "ARG: " prefix by BusyBox.
 * - "closing paren expected": BusyBox "closing paren expected"; GNU "')' expected" or, when
 *   another word stands there, "')' expected, found %s".
 * - "unary operator expected" / "binary operator expected" / "no -l": GNU only.
 */
export type TestError =
  | { error: "missing ]" }
  | { error: "unknown operand"; arg: string }
  | { error: "argument expected"; arg?: string }
  | { error: "bad number"; arg: string }
  | { error: "out of range"; arg: string }
  | { error: "closing paren expected"; found?: string }
  | { error: "unary operator expected"; arg: string }
  | { error: "binary operator expected"; arg: string }
  | { error: "no -l"; arg: string };

class Syntax {
  constructor(readonly e: TestError) {}
}
const fail = (e: TestError): never => {
  throw new Syntax(e);
};

const UNARY = new Set(["-r", "-w", "-x", "-e", "-f", "-d", "-c", "-b", "-p", "-u", "-g", "-k", "-s", "-t", "-z", "-n", "-h", "-O", "-G", "-L", "-S"]);
const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-ge", "-gt", "-le", "-lt", "-nt", "-ot", "-ef"]);
const INT_OPS = new Set(["-eq", "-ne", "-ge", "-gt", "-le", "-lt"]);

const compare = (op: string, a: bigint, b: bigint): boolean => {
  switch (op) {
    case "-eq": return a === b;
    case "-ne": return a !== b;
    case "-ge": return a >= b;
    case "-gt": return a > b;
    case "-le": return a <= b;
    default: return a < b;
  }
};

/** File type and mode tests both builds share (BusyBox filstat(), GNU unary_operator()). */
function fileTest(env: TestEnv, op: string, path: string): boolean {
  const st = op === "-h" || op === "-L" ? env.lstat(path) : env.stat(path);
  if (st === undefined) return false;
  const type = st.mode & S_IFMT;
  switch (op) {
    case "-e": return true;
    case "-f": return type === S_IFREG;
    case "-d": return type === S_IFDIR;
    case "-b": return type === S_IFBLK;
    case "-c": return type === S_IFCHR;
    case "-p": return type === S_IFIFO;
    case "-S": return type === S_IFSOCK;
    case "-h": case "-L": return type === S_IFLNK;
    case "-s": return st.size > 0;
    case "-g": return (st.mode & S_ISGID) !== 0;
    case "-u": return (st.mode & S_ISUID) !== 0;
    case "-k": return (st.mode & S_ISVTX) !== 0;
    case "-O": return st.uid === env.euid;
    case "-G": return st.gid === env.egid;
    case "-r": return env.access(path, MAY_READ);
    case "-w": return env.access(path, MAY_WRITE);
    case "-x": return env.access(path, MAY_EXEC);
    case "-N": return st.mtime > st.atime;
  }
  return false;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** BusyBox getn(): strtoll(s, &p, 10) (FEATURE_TEST_64), then only whitespace may follow. */
function bbNumber(s: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (m !== null) {
    const v = BigInt(m[1]!);
    if (v < INT64_MIN || v > INT64_MAX) fail({ error: "out of range", arg: s });
  }
  if (m === null || !/^[ \t\n\v\f\r]*$/.test(s.slice(m[0].length))) fail({ error: "bad number", arg: s });
  return BigInt(m![1]!);
}

/** BusyBox 1.28.4 test_main(): the POSIX special cases by argument count, then oexpr(). */
function busyboxTest(argv: readonly string[], env: TestEnv): 0 | 1 {
  // The word list is argv[] with its NULL end; the special cases may cut it (argv[3] = NULL).
  const w: (string | undefined)[] = [...argv];
  let i = 0;

  // binop(): w[i] OP w[i+2]; i ends on the second operand.
  const binop = (): boolean => {
    const a = w[i]!;
    const op = w[++i]!;
    const b = w[++i];
    if (b === undefined) fail({ error: "argument expected", arg: op });
    if (INT_OPS.has(op)) {
      const x = bbNumber(a);
      return compare(op, x, bbNumber(b!));
    }
    switch (op) {
      case "=": case "==": return a === b;
      case "!=": return a !== b;
      case "<": return a < b!;
      case ">": return a > b!;
    }
    const sa = env.stat(a);
    const sb = env.stat(b!);
    if (sa === undefined || sb === undefined) return false;
    // st_mtime: whole seconds.
    if (op === "-nt") return Math.floor(sa.mtime / 1000) > Math.floor(sb.mtime / 1000);
    if (op === "-ot") return Math.floor(sa.mtime / 1000) < Math.floor(sb.mtime / 1000);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  };

  const primary = (): boolean => {
    const a0 = w[i];
    if (a0 === undefined) return fail({ error: "argument expected" });
    if (a0 === "(") {
      i++;
      const v = oexpr();
      if (w[++i] !== ")") fail({ error: "closing paren expected" });
      return v;
    }
    // "Is args[1] a binary operator with args[2] present?" first, as coreutils 6.9 did.
    const a1 = w[i + 1];
    if (a1 !== undefined && w[i + 2] !== undefined && BINARY.has(a1)) return binop();
    if (UNARY.has(a0)) {
      if (a1 === undefined) return a0 !== "";
      const arg = w[++i]!;
      if (a0 === "-z") return arg === "";
      if (a0 === "-n") return arg !== "";
      if (a0 === "-t") return env.isatty(Number(bbNumber(arg)));
      return fileTest(env, a0, arg);
    }
    if (a1 !== undefined && BINARY.has(a1)) return binop();
    return a0 !== "";
  };

  const nexpr = (): boolean => {
    if (w[i] === "!") {
      if (w[++i] === undefined) {
        // "[ ! ]", "[ a -a ! ]": a "!" without its operand is true.
        i--;
        return true;
      }
      return !nexpr();
    }
    return primary();
  };

  const aexpr = (): boolean => {
    const v = nexpr();
    if (w[++i] === "-a") {
      i++;
      return aexpr() && v;
    }
    i--;
    return v;
  };

  function oexpr(): boolean {
    const v = aexpr();
    if (w[++i] === "-o") {
      i++;
      return oexpr() || v;
    }
    i--;
    return v;
  }

  let base = 0;
  let negate = 0;
  for (;;) {
    if (w[base] === undefined) return (1 ^ negate) as 0 | 1;
    if (w[base + 1] === undefined) return ((w[base] === "" ? 1 : 0) ^ negate) as 0 | 1;
    if (w[base + 2] !== undefined) {
      if (w[base + 3] === undefined) {
        if (BINARY.has(w[base + 1]!)) {
          i = base;
          return ((binop() ? 0 : 1) ^ negate) as 0 | 1;
        }
      } else if (w[base + 4] === undefined && w[base] === "(" && w[base + 3] === ")") {
        // "test [!] ( x y )": drop the ")" (for the general parser too) and look at "x y".
        w.length = base + 3;
        base++;
      }
    }
    if (w[base] !== "!") break;
    base++;
    negate ^= 1;
  }
  // The general parser starts again from the first word, "!"s included.
  i = 0;
  const r = oexpr() ? 0 : 1;
  if (w[i] !== undefined && w[++i] !== undefined) fail({ error: "unknown operand", arg: w[i]! });
  return r;
}

/** GNU coreutils test.c posixtest() and its expr/or/and/term descent. */
function coreutilsTest(argv: readonly string[], env: TestEnv, version: string): 0 | 1 {
  const w = argv;
  const argc = w.length;
  let pos = 0;
  // "-a FILE" was a unary operator before 8.31 (88c32fa68), as were "-o" and "-N" for test_unop().
  const oldUnary = !versionAtLeast(version, 8, 31);

  const beyond = (): never => fail({ error: "argument expected", arg: w[argc - 1]! });
  const advance = (f: boolean) => {
    pos++;
    if (f && pos >= argc) beyond();
  };
  /** find_int(): blanks (8.23) or white space (9.5+), a sign, digits, blanks. */
  const findInt = (s: string): bigint => {
    const sp = versionAtLeast(version, 9, 5) ? "[ \\t\\n\\v\\f\\r]" : "[ \\t]";
    const m = new RegExp(`^${sp}*(?:\\+(\\d+)|(-?\\d+))${sp}*$`).exec(s);
    if (m === null) fail({ error: "bad number", arg: s });
    return BigInt(m![1] ?? m![2]!);
  };
  const isBinop = (s: string | undefined) =>
    s !== undefined && (["=", "!=", "==", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"].includes(s) || (versionAtLeast(version, 9, 6) && (s === "<" || s === ">")));

  const oneArgument = (): boolean => w[pos++] !== "";

  const unaryOperator = (): boolean => {
    const op = w[pos]!;
    const known = (oldUnary ? "aebcdfghkLnprsStuwxzGO" : "ebcdfghkLnprsStuwxzGNO").includes(op[1]!);
    if (!known) {
      // Before 8.31 test_unop() also let "-o" and "-N" through to unary_operator(), which has
      // no case for them: false, and the word stays (then "extra argument").
      if (oldUnary && (op[1] === "o" || op[1] === "N")) return false;
      return fail({ error: "unary operator expected", arg: op });
    }
    advance(true);
    const arg = w[pos++]!;
    switch (op[1]) {
      case "n": return arg !== "";
      case "z": return arg === "";
      case "t": {
        const fd = findInt(arg);
        return fd >= 0n && fd <= 2147483647n && env.isatty(Number(fd));
      }
      case "a": return fileTest(env, "-e", arg);
    }
    return fileTest(env, op, arg);
  };

  const binaryOperator = (lIsL: boolean): boolean => {
    if (lIsL) advance(false);
    const op = pos + 1;
    let rIsL = false;
    if (op < argc - 2 && w[op + 1] === "-l") {
      rIsL = true;
      advance(false);
    }
    const o = w[op]!;
    if (INT_OPS.has(o)) {
      const l = lIsL ? BigInt(w[op - 1]!.length) : findInt(w[op - 1]!);
      const r = rIsL ? BigInt(w[op + 2]!.length) : findInt(w[op + 1]!);
      pos += 3;
      return compare(o, l, r);
    }
    if (o === "-nt" || o === "-ot" || o === "-ef") {
      pos += 3;
      if (lIsL || rIsL) fail({ error: "no -l", arg: o });
      const a = env.stat(w[op - 1]!);
      const b = env.stat(w[op + 1]!);
      if (o === "-ef") return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
      if (o === "-nt") return a !== undefined && (b === undefined || a.mtime > b.mtime);
      return b !== undefined && (a === undefined || a.mtime < b.mtime);
    }
    const l = w[pos]!;
    const r = w[pos + 2]!;
    pos += 3;
    switch (o) {
      case "=": case "==": return l === r;
      case "!=": return l !== r;
      case ">": return l > r;
      default: return l < r;
    }
  };

  const term = (): boolean => {
    let negated = false;
    while (pos < argc && w[pos] === "!") {
      advance(true);
      negated = !negated;
    }
    if (pos >= argc) beyond();
    let value: boolean;
    const a = w[pos]!;
    if (a === "(") {
      advance(true);
      let nargs = 1;
      for (; pos + nargs < argc && w[pos + nargs] !== ")"; nargs++) {
        if (nargs === 4) {
          nargs = argc - pos;
          break;
        }
      }
      value = posixtest(nargs);
      const close = w[pos];
      if (close === undefined) fail({ error: "closing paren expected" });
      else if (close !== ")") fail({ error: "closing paren expected", found: close });
      advance(false);
    } else if (argc - pos >= 4 && a === "-l" && isBinop(w[pos + 2])) value = binaryOperator(true);
    else if (argc - pos >= 3 && isBinop(w[pos + 1])) value = binaryOperator(false);
    else if (a.length === 2 && a[0] === "-") value = unaryOperator();
    else {
      value = a !== "";
      advance(false);
    }
    return negated !== value;
  };

  const and = (): boolean => {
    let value = true;
    for (;;) {
      value = term() && value;
      if (!(pos < argc && w[pos] === "-a")) return value;
      advance(false);
    }
  };

  const or = (): boolean => {
    let value = false;
    for (;;) {
      value = and() || value;
      if (!(pos < argc && w[pos] === "-o")) return value;
      advance(false);
    }
  };

  const expr = (): boolean => {
    if (pos >= argc) beyond();
    return or();
  };

  const twoArguments = (): boolean => {
    const a = w[pos]!;
    if (a === "!") {
      advance(false);
      return !oneArgument();
    }
    if (a.length === 2 && a[0] === "-") return unaryOperator();
    return beyond();
  };

  const threeArguments = (): boolean => {
    if (isBinop(w[pos + 1])) return binaryOperator(false);
    if (w[pos] === "!") {
      advance(true);
      return !twoArguments();
    }
    if (w[pos] === "(" && w[pos + 2] === ")") {
      advance(false);
      const v = oneArgument();
      advance(false);
      return v;
    }
    const op = w[pos + 1]!;
    if (op === "-a" || op === "-o" || (versionAtLeast(version, 9, 6) && (op === "<" || op === ">"))) return expr();
    return fail({ error: "binary operator expected", arg: op });
  };

  function posixtest(nargs: number): boolean {
    switch (nargs) {
      case 1: return oneArgument();
      case 2: return twoArguments();
      case 3: return threeArguments();
      case 4:
        if (w[pos] === "!") {
          advance(true);
          return !threeArguments();
        }
        if (w[pos] === "(" && w[pos + 3] === ")") {
          advance(false);
          const v = twoArguments();
          advance(false);
          return v;
        }
    }
    return expr();
  }

  if (argc === 0) return 1;
  const value = posixtest(argc);
  if (pos !== argc) fail({ error: "unknown operand", arg: w[pos]! });
  return value ? 0 : 1;
}

/**
 * Evaluates `test ARGS` (or `[ ARGS ]` when `bracket`: the last word must be "]"). The dialect
 * defaults to BusyBox's parser.
 */
export function evaluateTest(argv: readonly string[], env: TestEnv, bracket: boolean, dialect: TestDialect = "busybox"): 0 | 1 | TestError {
  let args = argv;
  if (bracket) {
    if (args.length === 0 || args[args.length - 1] !== "]") return { error: "missing ]" };
    args = args.slice(0, -1);
  }
  try {
    return dialect === "busybox" ? busyboxTest(args, env) : coreutilsTest(args, env, dialect.coreutils);
  } catch (e) {
    if (e instanceof Syntax) return e.e;
    throw e;
  }
}
