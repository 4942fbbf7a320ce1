// bashTest() against the real shell: each row is a command line with what bash 5.2.15 (Debian 12,
// `bash -c`) printed after "bash: line 1: test: " and its exit status. No file exists, no
// descriptor is a terminal.

import { describe, expect, it } from "vitest";
import { type BashTestEnv, bashTest, bashTestMessage } from "./bash-test.js";

const env: BashTestEnv = {
  stat: () => undefined, lstat: () => undefined, access: () => false, isatty: () => false, euid: 1000, egid: 1000,
  option: (name) => (name === "hashall" ? true : name === "errexit" ? false : undefined),
  isSet: (name) => name === "PATH",
  argCount: 2,
};

type Row = [argv: string[], status: number, message?: string];

const RECORDED: Row[] = [
    [["test"], 1],
    [["test","a","b"], 2, "a: unary operator expected"],
    [["test","a","=","b","c"], 2, "too many arguments"],
    [["test","-f","x","y"], 2, "x: binary operator expected"],
    [["test","1","-eq","x"], 2, "x: integer expression expected"],
    [["test","1","-eq",""], 2, ": integer expression expected"],
    [["test","1","-lt","99999999999999999999"], 2, "99999999999999999999: integer expression expected"],
    [["test"," 12 ","-eq","12"], 0],
    [["test","(","a"], 2, "(: unary operator expected"],
    [["test","(","a","-a","b"], 2, "`)' expected"],
    [["test","1","-eq"], 2, "1: unary operator expected"],
    [["test","a","-a"], 2, "a: unary operator expected"],
    [["test","a","-o"], 2, "a: unary operator expected"],
    [["test","(",")"], 2, "(: unary operator expected"],
    [["test","!"], 0],
    [["test","!","!"], 1],
    [["test","!","a","=","a"], 1],
    [["test","!","-z"], 1],
    [["test","-z","-a","x"], 0],
    [["test","(","=",")"], 1],
    [["test","","",""], 2, ": binary operator expected"],
    [["test","",""], 2, ": unary operator expected"],
    [["test","-t","x"], 1],
    [["test","-t"], 0],
    [["test","x","!"], 2, "x: unary operator expected"],
    [["test","=","="], 2, "=: unary operator expected"],
    [["test","a","-a","b","-x"], 2, "syntax error: `-x' unexpected"],
    [["test","a","-a","b","c"], 2, "too many arguments"],
    [["test","(","a",")","b"], 2, "too many arguments"],
    [["test","!","(","a",")"], 1],
    [["test","-n","-x",")","-t"], 2, "too many arguments"],
    [["[","a"], 2, "missing `]'"],
    [["[","a","]x"], 2, "missing `]'"],
    [["[","(","a","-a","b","]"], 2, "`)' expected, found ]"],
    [["[","]"], 1],
    [["[","-eq","]"], 0],
    [["[","1","-eq","",")","]"], 2, ": integer expression expected"],
    [["test","-e","/nonexistent","-o","a"], 0],
    [["test","a","<","b"], 0],
    [["test","b",">","a","-a","x"], 0],
    [["test","-x","]","]"], 2, "]: binary operator expected"],
];

function run(argv: string[]): [number, string?] {
  const r = bashTest(argv.slice(1), env, argv[0] === "[");
  return typeof r === "number" ? [r] : [2, bashTestMessage(r)];
}

describe("bash test builtin", () => {
  it.each(RECORDED)("%j", (argv, status, message) => {
    expect(run(argv)).toEqual(message === undefined ? [status] : [status, message]);
  });

  it("-v asks the shell's variables and positional parameters, -o its options", () => {
    expect(run(["test", "-v", "PATH"])).toEqual([0]);
    expect(run(["test", "-v", "NOPE"])).toEqual([1]);
    expect(run(["test", "-v", "2"])).toEqual([0]);
    expect(run(["test", "-v", "3"])).toEqual([1]);
    expect(run(["test", "-o", "hashall", "-a", "!", "-o", "errexit"])).toEqual([0]);
    expect(run(["test", "-o", "nosuch"])).toEqual([1]);
  });

  it("\"[\" alone is a missing \"]\"; test alone is false", () => {
    expect(run(["["])).toEqual([2, "missing `]'"]);
    expect(run(["test"])).toEqual([1]);
  });
});
