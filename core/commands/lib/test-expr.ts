// test / [ (XCU test; BusyBox coreutils/test.c): file, string and integer tests, with ! -a -o
// and parentheses. Returns 0 (true), 1 (false), or an error message (status 2).

import { MAY_EXEC, MAY_READ, MAY_WRITE, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISUID, S_ISVTX } from "../../kernel/permission.js";
import type { Attrs } from "../../vfs/node.js";

export interface TestEnv {
  stat(path: string): Attrs | undefined;
  lstat(path: string): Attrs | undefined;
  access(path: string, mask: number): boolean;
  isatty(fd: number): boolean;
  euid: number;
  egid: number;
}

export type TestError = { error: "missing ]" } | { error: "unknown operand"; arg: string } | { error: "bad number"; arg: string } | { error: "syntax" ; arg?: string } | { error: "argument expected"; arg: string };

const UNARY = new Set(["-b", "-c", "-d", "-e", "-f", "-g", "-G", "-h", "-k", "-L", "-n", "-O", "-p", "-r", "-s", "-S", "-t", "-u", "-w", "-x", "-z"]);
const BINARY = new Set(["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<", ">"]);

export function evaluateTest(argv: readonly string[], env: TestEnv, bracket: boolean): 0 | 1 | TestError {
  let args = [...argv];
  if (bracket) {
    if (args[args.length - 1] !== "]") return { error: "missing ]" };
    args = args.slice(0, -1);
  }
  let pos = 0;
  const peek = () => args[pos];
  const fail = (e: TestError): never => {
    throw e;
  };
  const int = (s: string): bigint => {
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) fail({ error: "bad number", arg: s });
    return BigInt(t);
  };

  const unary = (op: string, arg: string): boolean => {
    switch (op) {
      case "-n": return arg !== "";
      case "-z": return arg === "";
      case "-t": return env.isatty(Number(int(arg)));
    }
    const st = op === "-h" || op === "-L" ? env.lstat(arg) : env.stat(arg);
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
      case "-r": return env.access(arg, MAY_READ);
      case "-w": return env.access(arg, MAY_WRITE);
      case "-x": return env.access(arg, MAY_EXEC);
    }
    return false;
  };

  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case "=": case "==": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case ">": return a > b;
      case "-eq": return int(a) === int(b);
      case "-ne": return int(a) !== int(b);
      case "-lt": return int(a) < int(b);
      case "-le": return int(a) <= int(b);
      case "-gt": return int(a) > int(b);
      case "-ge": return int(a) >= int(b);
    }
    const sa = env.stat(a);
    const sb = env.stat(b);
    switch (op) {
      case "-nt": return sa !== undefined && (sb === undefined || sa.mtime > sb.mtime);
      case "-ot": return sb !== undefined && (sa === undefined || sa.mtime < sb.mtime);
      case "-ef": return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
    }
    return false;
  };

  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) fail({ error: "argument expected", arg: args[pos - 1] ?? "" });
    if (a === "!") {
      pos++;
      return !primary();
    }
    if (a === "(" && args.length - pos > 1) {
      pos++;
      const v = or();
      if (args[pos] !== ")") fail({ error: "syntax" });
      pos++;
      return v;
    }
    const op = args[pos + 1];
    if (op !== undefined && BINARY.has(op) && pos + 2 < args.length) {
      pos += 3;
      return binary(a!, op, args[pos - 1]!);
    }
    if (UNARY.has(a!) && pos + 1 < args.length) {
      pos += 2;
      return unary(a!, args[pos - 1]!);
    }
    pos++;
    return a !== "";
  };

  const and = (): boolean => {
    let v = primary();
    while (peek() === "-a") {
      pos++;
      const r = primary();
      v = v && r;
    }
    return v;
  };

  const or = (): boolean => {
    let v = and();
    while (peek() === "-o") {
      pos++;
      const r = and();
      v = v || r;
    }
    return v;
  };

  try {
    if (args.length === 0) return 1;
    // POSIX: with 1–4 arguments the result is defined by their count, before any operator parsing.
    if (args.length === 1) return args[0] !== "" ? 0 : 1;
    if (args.length === 2) {
      if (args[0] === "!") return args[1] === "" ? 0 : 1;
      if (UNARY.has(args[0]!)) return unary(args[0]!, args[1]!) ? 0 : 1;
      return { error: "unknown operand", arg: args[0]! };
    }
    if (args.length === 3 && BINARY.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!) ? 0 : 1;
    const v = or();
    if (pos < args.length) return { error: "unknown operand", arg: args[pos]! };
    return v ? 0 : 1;
  } catch (e) {
    if (typeof e === "object" && e !== null && "error" in e) return e as TestError;
    throw e;
  }
}
