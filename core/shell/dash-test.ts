// dash's test/[ builtin (src/bltin/test.c, 0.5.7 and 0.5.12): testcmd()'s POSIX cases by
// argument count, then the NetBSD oexpr/aexpr/nexpr/primary descent over t_lex() tokens. Its
// errors differ from BusyBox's descendant of the same code (commands/lib/test-expr.ts): a word
// left over is named as the last one the expression used ("a: unexpected operator" for
// `test a b`), `test a -a` and `test ( )` are false, numbers are atomax10() ("Illegal number").

import type { TestEnv } from "../commands/lib/test-expr.js";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISUID, S_ISVTX, MAY_EXEC, MAY_READ, MAY_WRITE } from "../kernel/permission.js";

/** An error() test.c raises (status 2), by what dash prints. */
export type DashTestError =
  | { error: "missing ]" }
  | { error: "syntax"; op: string | undefined; msg: "unexpected operator" | "argument expected" | "closing paren expected" }
  | { error: "illegal number"; arg: string };

/** dash's words: syntax(op, msg) is "op: msg", or msg alone when op is NULL or "". */
export function dashTestMessage(e: DashTestError): string {
  switch (e.error) {
    case "missing ]": return "missing ]";
    case "illegal number": return `Illegal number: ${e.arg}`;
    case "syntax": return e.op ? `${e.op}: ${e.msg}` : e.msg;
  }
}

type OpType = "UNOP" | "BINOP" | "BUNOP" | "BBINOP" | "PAREN";

// ops[]: "-h" and "-L" are both FILSYM; "-o" is only the binary or.
const OPS = new Map<string, OpType>([
  ...["-r", "-w", "-x", "-e", "-f", "-d", "-c", "-b", "-p", "-u", "-g", "-k", "-s", "-t", "-z", "-n", "-h", "-O", "-G", "-L", "-S"].map((o) => [o, "UNOP"] as const),
  ...["=", "!=", "<", ">", "-eq", "-ne", "-ge", "-gt", "-le", "-lt", "-nt", "-ot", "-ef"].map((o) => [o, "BINOP"] as const),
  ["!", "BUNOP"], ["-a", "BBINOP"], ["-o", "BBINOP"], ["(", "PAREN"], [")", "PAREN"],
]);

const EOI = "\0EOI";
const OPERAND = "\0OPERAND";

class Raised {
  constructor(readonly e: DashTestError) {}
}

/** atomax10() (mystring.c atomax()): strtoimax base 10 with nothing but white space after it. */
function getn(s: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t\n\v\f\r]*$/.exec(s);
  const v = m === null ? undefined : BigInt(m[1]!);
  if (v === undefined || v < -(2n ** 63n) || v > 2n ** 63n - 1n) throw new Raised({ error: "illegal number", arg: s });
  return v;
}

/**
 * testcmd(): `words` are the arguments (without "test"/"["); `bracket` when called as "[".
 * `version` picks 0.5.7 or 0.5.12 (the "!" case in testcmd(), nexpr(), -nt in nanoseconds).
 */
export function dashTest(words: readonly string[], env: TestEnv, bracket: boolean, v0512: boolean): 0 | 1 | DashTestError {
  let args = [...words];
  if (bracket) {
    // Only the first character of the last word is checked: "]x" closes too.
    if (args.length === 0 || args[args.length - 1]![0] !== "]") return { error: "missing ]" };
    args.pop();
  }
  try {
    return run(args, env, v0512);
  } catch (e) {
    if (e instanceof Raised) return e.e;
    throw e;
  }
}

function run(initial: string[], env: TestEnv, v0512: boolean): 0 | 1 {
  let w: (string | undefined)[] = initial;
  let wp = 0;
  let wpOp: { text: string; type: OpType } | undefined;
  const syntax = (op: string | undefined, msg: "unexpected operator" | "argument expected" | "closing paren expected"): never => {
    throw new Raised({ error: "syntax", op, msg });
  };

  const isoperand = (i: number): boolean => {
    if (w[i + 1] === undefined) return true;
    if (w[i + 2] === undefined) return false;
    return OPS.get(w[i + 1]!) === "BINOP";
  };

  const tLex = (i: number): string => {
    const s = w[i];
    if (s === undefined) {
      wpOp = undefined;
      return EOI;
    }
    const type = OPS.get(s);
    if (type !== undefined && !(type === "UNOP" && isoperand(i)) && !(s === "(" && w[i + 1] === undefined)) {
      wpOp = { text: s, type };
      return s;
    }
    wpOp = undefined;
    return OPERAND;
  };

  const filstat = (path: string, op: string): boolean => {
    const st = op === "-h" || op === "-L" ? env.lstat(path) : env.stat(path);
    if (st === undefined) return false;
    const type = st.mode & S_IFMT;
    switch (op) {
      case "-f": return type === S_IFREG;
      case "-d": return type === S_IFDIR;
      case "-c": return type === S_IFCHR;
      case "-b": return type === S_IFBLK;
      case "-p": return type === S_IFIFO;
      case "-S": return type === S_IFSOCK;
      case "-h": case "-L": return type === S_IFLNK;
      case "-u": return (st.mode & S_ISUID) !== 0;
      case "-g": return (st.mode & S_ISGID) !== 0;
      case "-k": return (st.mode & S_ISVTX) !== 0;
      case "-s": return st.size !== 0;
      case "-O": return st.uid === env.euid;
      case "-G": return st.gid === env.egid;
      default: return true; // -e
    }
  };

  // newerf()/olderf(): both files must exist; 0.5.12 compares st_mtim, 0.5.7 st_mtime seconds.
  const mtime = (ms: number) => (v0512 ? ms : Math.floor(ms / 1000));

  const binop = (): boolean => {
    const a = w[wp]!;
    tLex(++wp);
    const op = wpOp!.text;
    const b = w[++wp];
    if (b === undefined) return syntax(op, "argument expected");
    switch (op) {
      case "=": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case ">": return a > b;
      case "-eq": return getn(a) === getn(b);
      case "-ne": return getn(a) !== getn(b);
      case "-ge": return getn(a) >= getn(b);
      case "-gt": return getn(a) > getn(b);
      case "-le": return getn(a) <= getn(b);
      case "-lt": return getn(a) < getn(b);
    }
    const sa = env.stat(a);
    const sb = env.stat(b);
    if (sa === undefined || sb === undefined) return false;
    if (op === "-nt") return mtime(sa.mtime) > mtime(sb.mtime);
    if (op === "-ot") return mtime(sa.mtime) < mtime(sb.mtime);
    return sa.dev === sb.dev && sa.ino === sb.ino; // -ef: equalf()
  };

  const primary = (n: string): boolean => {
    if (n === EOI) return false; // missing expression
    if (n === "(") {
      const nn = tLex(++wp);
      if (nn === ")") return false; // missing expression
      const res = oexpr(nn);
      if (tLex(++wp) !== ")") syntax(undefined, "closing paren expected");
      return res;
    }
    if (wpOp !== undefined && wpOp.type === "UNOP") {
      const op = wpOp.text;
      const arg = w[++wp];
      if (arg === undefined) return syntax(op, "argument expected");
      switch (op) {
        case "-z": return arg === "";
        case "-n": return arg !== "";
        case "-t": {
          const fd = getn(arg);
          return fd >= 0n && fd <= 2147483647n && env.isatty(Number(fd));
        }
        // HAVE_FACCESSAT: test_file_access(), faccessat(AT_EACCESS).
        case "-r": return env.access(arg, MAY_READ);
        case "-w": return env.access(arg, MAY_WRITE);
        case "-x": return env.access(arg, MAY_EXEC);
      }
      return filstat(arg, op);
    }
    tLex(wp + 1);
    if (wpOp !== undefined && wpOp.type === "BINOP") return binop();
    return w[wp]!.length > 0;
  };

  const nexpr = (n: string): boolean => {
    if (n !== "!") return primary(n);
    if (!v0512) return !nexpr(tLex(++wp));
    // 0.5.12: a "!" with nothing after it stays the current word.
    const next = tLex(wp + 1);
    if (next !== EOI) wp++;
    return !nexpr(next);
  };

  const aexpr = (first: string): boolean => {
    let n = first;
    let res = true;
    for (;;) {
      if (!nexpr(n)) res = false;
      n = tLex(wp + 1);
      if (n !== "-a") return res;
      wp += 2;
      n = tLex(wp);
    }
  };

  function oexpr(first: string): boolean {
    let n = first;
    let res = false;
    for (;;) {
      if (aexpr(n)) res = true;
      n = tLex(wp + 1);
      if (n !== "-o") return res;
      wp += 2;
      n = tLex(wp);
    }
  }

  // testcmd()
  let res = 1;
  wpOp = undefined;
  for (;;) {
    const argc = w.length;
    if (argc < 1) return res as 0 | 1;
    let n: string | undefined;
    if (argc === 3 && OPS.get(w[1]!) === "BINOP") n = OPERAND;
    else if (argc === 3 || argc === 4) {
      if (w[0] === "(" && w[argc - 1] === ")") w = w.slice(1, argc - 1);
      else if (v0512 && w[0] === "!") {
        res = 0;
        w = w.slice(1);
        continue;
      }
    }
    n ??= tLex(0);
    wp = 0;
    const v = oexpr(n) ? 1 : 0;
    res = v0512 ? res ^ v : v ^ 1;
    if (w[wp] !== undefined && w[wp + 1] !== undefined) syntax(w[wp], "unexpected operator");
    return res as 0 | 1;
  }
}
