// bash's test/[ builtin (bash 5.2 test.c test_command() and builtins/test.def): posixtest()'s
// cases by argument count, then the expr/or/and/term descent. GNU coreutils' test.c descends
// from an older copy, but bash names different words in its errors (`test a b` is "a: unary
// operator expected", a word left over is "too many arguments"), has -v, -o OPTION, -R, and
// takes "-a"/"-o" between two words before "!" in three-argument tests.

import type { TestEnv } from "../commands/lib/test-expr.js";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISUID, S_ISVTX, MAY_EXEC, MAY_READ, MAY_WRITE } from "../kernel/permission.js";

/** What bash's test also asks of the shell. */
export interface BashTestEnv extends TestEnv {
  /** minus_o_option_value(): on/off, or undefined for a name `set -o` does not know. */
  option(name: string): boolean | undefined;
  /** A variable with a value (`-v NAME`). */
  isSet(name: string): boolean;
  /** $# (`-v N`). */
  readonly argCount: number;
}

/** test_syntax_error()'s messages (status 2). */
export type BashTestError =
  | { error: "missing ]" }
  | { error: "argument expected" }
  | { error: "paren expected"; found?: string }
  | { error: "integer expected"; arg: string }
  | { error: "unary operator expected"; arg: string }
  | { error: "binary operator expected"; arg: string }
  | { error: "unexpected"; arg: string }
  | { error: "too many arguments" };

export function bashTestMessage(e: BashTestError): string {
  switch (e.error) {
    case "missing ]": return "missing `]'";
    case "argument expected": return "argument expected";
    case "paren expected": return e.found === undefined ? "`)' expected" : `\`)' expected, found ${e.found}`;
    case "integer expected": return `${e.arg}: integer expression expected`;
    case "unary operator expected": return `${e.arg}: unary operator expected`;
    case "binary operator expected": return `${e.arg}: binary operator expected`;
    case "unexpected": return `syntax error: \`${e.arg}' unexpected`;
    case "too many arguments": return "too many arguments";
  }
}

class Raised {
  constructor(readonly e: BashTestError) {}
}
const raise = (e: BashTestError): never => {
  throw new Raised(e);
};

/** legal_number() (general.c): strtoimax base 10 without overflow, then only blanks. */
export function legalNumber(s: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t]*$/.exec(s);
  if (m === null) return undefined;
  const v = BigInt(m[1]!);
  return v < -(2n ** 63n) || v > 2n ** 63n - 1n ? undefined : v;
}

/** test_unop(): a "-" and one of bash's unary operator letters. */
const isUnop = (op: string): boolean => op.length === 2 && op[0] === "-" && "abcdefghknoprstuvwxzGLOSNR".includes(op[1]!);

/** test_binop() (PATTERN_MATCHING is not defined: no =~ or !~). */
const isBinop = (op: string): boolean =>
  ["=", "<", ">", "==", "!="].includes(op) || ["-nt", "-ot", "-lt", "-gt", "-eq", "-ef", "-ne", "-ge", "-le"].includes(op);

/**
 * test_builtin() and test_command(): `words` are the arguments after "test" or "[". Returns 0
 * (true), 1 (false) or the syntax error.
 */
export function bashTest(words: readonly string[], env: BashTestEnv, bracket: boolean): 0 | 1 | BashTestError {
  // test_builtin(): no arguments at all.
  if (words.length === 0) return bracket ? { error: "missing ]" } : 1;
  // margv: the command name, the words; for "[" the "]" stays in the array past argc.
  const argv: (string | undefined)[] = ["test", ...words];
  let argc = argv.length;
  if (bracket) {
    argc--;
    if (argv[argc] !== "]") return { error: "missing ]" };
    if (argc < 2) return 1;
  }
  try {
    return command(argv, argc, env) ? 0 : 1;
  } catch (e) {
    if (e instanceof Raised) return e.e;
    throw e;
  }
}

function command(argv: (string | undefined)[], argc: number, env: BashTestEnv): boolean {
  let pos = 1;
  const at = (i: number): string => argv[i]!;
  const beyond = (): never => raise({ error: "argument expected" });
  const advance = (f: boolean) => {
    pos++;
    if (f && pos >= argc) beyond();
  };

  const arithcomp = (s: string, t: string, op: string): boolean => {
    const l = legalNumber(s);
    if (l === undefined) return raise({ error: "integer expected", arg: s });
    const r = legalNumber(t);
    if (r === undefined) return raise({ error: "integer expected", arg: t });
    switch (op) {
      case "-eq": return l === r;
      case "-ne": return l !== r;
      case "-lt": return l < r;
      case "-gt": return l > r;
      case "-le": return l <= r;
      default: return l >= r;
    }
  };

  /** filecomp(): a missing file is older than any other; -ef needs both. */
  const filecomp = (s: string, t: string, op: string): boolean => {
    const a = env.stat(s);
    const b = env.stat(t);
    if (op === "-ef") return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
    if (op === "-ot") return (a === undefined && b !== undefined) || (a !== undefined && b !== undefined && a.mtime < b.mtime);
    return (a !== undefined && b === undefined) || (a !== undefined && b !== undefined && a.mtime > b.mtime);
  };

  /** binary_test() with no flags: strcmp(), not the locale's collation. */
  const binaryTest = (op: string, a: string, b: string): boolean => {
    switch (op) {
      case "=": case "==": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case ">": return a > b;
      case "-nt": case "-ot": case "-ef": return filecomp(a, b, op);
    }
    return arithcomp(a, b, op);
  };

  const binaryOperator = (): boolean => {
    const w = at(pos + 1);
    if (["=", "==", "<", ">", "!="].includes(w)) {
      const v = binaryTest(w, at(pos), at(pos + 2));
      pos += 3;
      return v;
    }
    if (w[0] !== "-" || w.length !== 3 || !isBinop(w)) return raise({ error: "binary operator expected", arg: w });
    const v = binaryTest(w, at(pos), at(pos + 2));
    pos += 3;
    return v;
  };

  const unaryTest = (op: string, arg: string): boolean => {
    const st = () => env.stat(arg);
    const type = (t: number) => {
      const s = st();
      return s !== undefined && (s.mode & S_IFMT) === t;
    };
    const mode = (bit: number) => {
      const s = st();
      return s !== undefined && (s.mode & bit) !== 0;
    };
    switch (op[1]) {
      case "a": case "e": return st() !== undefined;
      // sh_eaccess(): faccessat(AT_EACCESS).
      case "r": return env.access(arg, MAY_READ);
      case "w": return env.access(arg, MAY_WRITE);
      case "x": return env.access(arg, MAY_EXEC);
      case "O": return st()?.uid === env.euid;
      case "G": return st()?.gid === env.egid;
      case "N": {
        const s = st();
        return s !== undefined && s.mtime > s.atime;
      }
      case "f": return type(S_IFREG) || type(0);
      case "d": return type(S_IFDIR);
      case "s": return (st()?.size ?? 0) > 0;
      case "S": return type(S_IFSOCK);
      case "c": return type(S_IFCHR);
      case "b": return type(S_IFBLK);
      case "p": return type(S_IFIFO);
      case "L": case "h": {
        if (arg === "") return false;
        const s = env.lstat(arg);
        return s !== undefined && (s.mode & S_IFMT) === S_IFLNK;
      }
      case "u": return mode(S_ISUID);
      case "g": return mode(S_ISGID);
      case "k": return mode(S_ISVTX);
      case "t": {
        const r = legalNumber(arg);
        return r !== undefined && r >= -2147483648n && r <= 2147483647n && env.isatty(Number(r));
      }
      case "n": return arg !== "";
      case "z": return arg === "";
      case "o": return env.option(arg) === true;
      case "v": {
        // Arrays are not emulated; "-v N" asks whether positional parameter N is set.
        const r = legalNumber(arg);
        if (r !== undefined) return r >= 0n && r <= BigInt(env.argCount);
        return env.isSet(arg);
      }
      default: return false; // -R: no namerefs
    }
  };

  const unaryOperator = (): boolean => {
    const op = at(pos);
    if (!isUnop(op)) return false;
    // -t takes its argument only when it is a number.
    if (op[1] === "t") {
      advance(false);
      if (pos < argc) {
        if (legalNumber(at(pos)) !== undefined) {
          advance(false);
          return unaryTest(op, at(pos - 1));
        }
        return false;
      }
      return unaryTest(op, "1");
    }
    advance(true);
    pos++;
    return unaryTest(op, at(pos - 1));
  };

  const term = (): boolean => {
    if (pos >= argc) beyond();
    if (argv[pos] === "!") {
      let value = false;
      while (pos < argc && argv[pos] === "!") {
        advance(true);
        value = !value;
      }
      return value ? !term() : term();
    }
    if (argv[pos] === "(") {
      advance(true);
      const value = expr();
      // argv[pos] past argc is "]" for "[" (only test's argv ends in NULL there).
      const close = argv[pos];
      if (close === undefined) raise({ error: "paren expected" });
      else if (close !== ")") raise({ error: "paren expected", found: close });
      advance(false);
      return value;
    }
    if (pos + 3 <= argc && isBinop(at(pos + 1))) return binaryOperator();
    if (pos + 2 <= argc && isUnop(at(pos))) return unaryOperator();
    const value = at(pos) !== "";
    advance(false);
    return value;
  };

  const and = (): boolean => {
    const value = term();
    if (pos < argc && argv[pos] === "-a") {
      advance(false);
      const v2 = and();
      return value && v2;
    }
    return value;
  };

  const or = (): boolean => {
    const value = and();
    if (pos < argc && argv[pos] === "-o") {
      advance(false);
      const v2 = or();
      return value || v2;
    }
    return value;
  };

  function expr(): boolean {
    if (pos >= argc) beyond();
    return or();
  }

  const twoArguments = (): boolean => {
    const a = at(pos);
    if (a === "!") return at(pos + 1) === "";
    if (a.length === 2 && a[0] === "-" && isUnop(a)) return unaryOperator();
    return raise({ error: "unary operator expected", arg: a });
  };

  const threeArguments = (): boolean => {
    let value: boolean;
    const op = at(pos + 1);
    if (isBinop(op)) value = binaryOperator();
    else if (op === "-a") value = at(pos) !== "" && at(pos + 2) !== "";
    else if (op === "-o") value = at(pos) !== "" || at(pos + 2) !== "";
    else if (at(pos) === "!") {
      advance(true);
      value = !twoArguments();
    } else if (at(pos)[0] === "(" && at(pos + 2)[0] === ")") value = at(pos + 1) !== "";
    else return raise({ error: "binary operator expected", arg: op });
    pos = argc;
    return value;
  };

  const posixtest = (): boolean => {
    switch (argc - 1) {
      case 0:
        pos = argc;
        return false;
      case 1:
        pos = argc;
        return at(1) !== "";
      case 2: {
        const v = twoArguments();
        pos = argc;
        return v;
      }
      case 3: return threeArguments();
      case 4:
        if (at(pos) === "!") {
          advance(true);
          return !threeArguments();
        }
        if (at(pos) === "(" && at(argc - 1) === ")") {
          advance(true);
          const v = twoArguments();
          pos = argc;
          return v;
        }
    }
    return expr();
  };

  const value = posixtest();
  if (pos !== argc) {
    const word = argv[pos];
    if (pos < argc && word![0] === "-") raise({ error: "unexpected", arg: word! });
    raise({ error: "too many arguments" });
  }
  return value;
}
