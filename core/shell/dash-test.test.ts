// dashTest() against the real shell: each row is a command line with what dash 0.5.12 (Debian
// 0.5.12-2, `dash -c`) printed after "dash: 1: test: " and its exit status. No file exists, no
// descriptor is a terminal.

import { describe, expect, it } from "vitest";
import type { TestEnv } from "../commands/lib/test-expr.js";
import { dashTest, dashTestMessage } from "./dash-test.js";

const env: TestEnv = { stat: () => undefined, lstat: () => undefined, access: () => false, isatty: () => false, euid: 1000, egid: 1000 };

type Row = [argv: string[], status: number, message?: string];

const RECORDED: Row[] = [
    [["test"], 1],
    [["test","a","b"], 2, "a: unexpected operator"],
    [["test","a","=","b","c"], 2, "b: unexpected operator"],
    [["test","-f","x","y"], 2, "x: unexpected operator"],
    [["test","1","-eq","x"], 2, "Illegal number: x"],
    [["test","1","-eq",""], 2, "Illegal number: "],
    [["test","1","-lt","99999999999999999999"], 2, "Illegal number: 99999999999999999999"],
    [["test"," 12 ","-eq","12"], 0],
    [["test","(","a"], 2, "closing paren expected"],
    [["test","(","a","-a","b"], 2, "closing paren expected"],
    [["test","1","-eq"], 2, "-eq: argument expected"],
    [["test","a","-a"], 1],
    [["test","a","-o"], 0],
    [["test","(",")"], 1],
    [["test","!"], 0],
    [["test","!","!"], 1],
    [["test","!","a","=","a"], 1],
    [["test","!","-z"], 1],
    [["test","-z","-a","x"], 2, "-a: unexpected operator"],
    [["test","(","=",")"], 1],
    [["test","","",""], 2, "unexpected operator"],
    [["test","",""], 2, "unexpected operator"],
    [["test","-t","x"], 2, "Illegal number: x"],
    [["test","-t"], 0],
    [["test","x","!"], 2, "x: unexpected operator"],
    [["test","=","="], 2, "=: argument expected"],
    [["test","a","-a","b","-x"], 2, "b: unexpected operator"],
    [["test","a","-a","b","c"], 2, "b: unexpected operator"],
    [["test","(","a",")","b"], 2, "): unexpected operator"],
    [["test","!","(","a",")"], 1],
    [["test","-n","-x",")","-t"], 2, "-x: unexpected operator"],
    [["[","a"], 2, "missing ]"],
    [["[","a","]x"], 0],
    [["[","(","a","-a","b","]"], 2, "closing paren expected"],
    [["[","]"], 1],
    [["[","-eq","]"], 0],
    [["[","1","-eq","",")","]"], 2, "Illegal number: "],
    [["test","-e","/nonexistent","-o","a"], 0],
    [["test","a","<","b"], 0],
    [["test","b",">","a","-a","x"], 0],
    [["test","-x","]","]"], 2, "]: unexpected operator"],
];

function run(argv: string[], v0512: boolean): [number, string?] {
  const r = dashTest(argv.slice(1), env, argv[0] === "[", v0512);
  return typeof r === "number" ? [r] : [2, dashTestMessage(r)];
}

describe("dash test builtin", () => {
  it.each(RECORDED)("%j", (argv, status, message) => {
    expect(run(argv, true)).toEqual(message === undefined ? [status] : [status, message]);
  });

  it("0.5.7 parses these words the same way", () => {
    for (const [argv, status, message] of RECORDED) expect(run(argv, false)).toEqual(message === undefined ? [status] : [status, message]);
  });

  it("0.5.12 negates a whole four-word test after \"!\" (testcmd() recheck); 0.5.7's \"!\" binds to the next primary", () => {
    // dash 0.5.12: `test ! a -o b` 1, `test ! a -a ""` 0 (recorded).
    expect(run(["test", "!", "a", "-o", "b"], true)).toEqual([1]);
    expect(run(["test", "!", "a", "-a", ""], true)).toEqual([0]);
    expect(run(["test", "!", "a", "-o", "b"], false)).toEqual([0]);
    expect(run(["test", "!", "a", "-a", ""], false)).toEqual([1]);
  });

  it("0.5.12 compares -nt to the nanosecond, 0.5.7 in whole seconds", () => {
    const files: TestEnv = { ...env, stat: (p) => ({ dev: 1, ino: p === "a" ? 1 : 2, mode: 0o100644, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blocks: 0, blksize: 4096, atime: 0, ctime: 0, mtime: p === "a" ? 1500 : 1000 }) };
    expect(dashTest(["a", "-nt", "b"], files, false, true)).toBe(0);
    expect(dashTest(["a", "-nt", "b"], files, false, false)).toBe(1);
  });
});
