// evaluateTest() against the real tools: each row is `test ARGS` with what BusyBox 1.28.4 (built
// from mirror/busybox tag 1_28_4, defconfig) and GNU coreutils 9.1 (Debian 12, LC_ALL=C) printed
// after "test: " and the exit status. No file operands, so the environment does not matter.

import { describe, expect, it } from "vitest";
import { syntaxMessage } from "../test.js";
import { type TestEnv, evaluateTest } from "./test-expr.js";

const env: TestEnv = {
  stat: () => undefined,
  lstat: () => undefined,
  access: () => false,
  isatty: () => false,
  euid: 1000,
  egid: 1000,
};

type Row = [args: string[], busybox: [string, number], gnu: [string, number]];

const RECORDED: Row[] = [
  [["a", "b"], ["b: unknown operand", 2], ["missing argument after 'b'", 2]],
  [["(", "a"], ["closing paren expected", 2], ["missing argument after 'a'", 2]],
  [["(", "a", "b", ")"], ["closing paren expected", 2], ["missing argument after ')'", 2]],
  [["a", "b", "c"], ["b: unknown operand", 2], ["'b': binary operator expected", 2]],
  [["a", "="], ["=: argument expected", 2], ["missing argument after '='", 2]],
  [["a", "-a"], ["argument expected", 2], ["missing argument after '-a'", 2]],
  [["-a"], ["", 0], ["", 0]],
  [["!", "-a"], ["", 1], ["", 1]],
  [["1", "-eq", "99999999999999999999"], ["99999999999999999999: out of range", 2], ["", 1]],
  [[" 1 ", "-eq", "1"], ["", 0], ["", 0]],
  [["1x", "-eq", "1"], ["1x: bad number", 2], ["invalid integer '1x'", 2]],
  [["", "-eq", "1"], ["bad number", 2], ["invalid integer ''", 2]],
  [["+1", "-eq", "1"], ["", 0], ["", 0]],
  [["a", "=", "b", "c"], ["c: unknown operand", 2], ["extra argument 'c'", 2]],
  [["(", "a", "=", "a", ")", "-a"], ["argument expected", 2], ["missing argument after '-a'", 2]],
  [["!", "a", "=", "a"], ["", 1], ["", 1]],
  [["!", "(", "a", ")"], ["", 1], ["", 1]],
  [["-t", "x"], ["x: bad number", 2], ["invalid integer 'x'", 2]],
  [["(", ")"], ["closing paren expected", 2], ["missing argument after ')'", 2]],
  [["a", "-o"], ["argument expected", 2], ["missing argument after '-o'", 2]],
  [["!", "!", "a", "b"], ["b: unknown operand", 2], ["missing argument after 'b'", 2]],
  [["-n", "-a", "-z", "x"], ["-z: unknown operand", 2], ["extra argument '-z'", 2]],
  [["x", "-a", "(", "y"], ["closing paren expected", 2], ["')' expected", 2]],
  [["1", "-lt", "2", "3"], ["3: unknown operand", 2], ["extra argument '3'", 2]],
  [["-e"], ["", 0], ["", 0]],
  [["(", "!", ")"], ["closing paren expected", 2], ["", 0]],
  [["a", "-a", "-n"], ["", 0], ["missing argument after '-n'", 2]],
  [["!", "=", "a"], ["", 1], ["", 1]],
  [["a", "!", "b"], ["!: unknown operand", 2], ["'!': binary operator expected", 2]],
  [["x", "-eq", "1", "-a", "y"], ["x: bad number", 2], ["invalid integer 'x'", 2]],
  [["(", "a", ")", ")"], ["", 0], ["missing argument after ')'", 2]],
  [["a", "-a", "(", "b", "-o"], ["argument expected", 2], ["missing argument after '-o'", 2]],
  [["1", "-eq"], ["-eq: argument expected", 2], ["missing argument after '-eq'", 2]],
  [["-z", "a", "b"], ["b: unknown operand", 2], ["'a': binary operator expected", 2]],
  [["!", "a", "b", "c"], ["b: unknown operand", 2], ["'b': binary operator expected", 2]],
  [["(", "(", "a", ")", ")"], ["", 0], ["missing argument after ')'", 2]],
  [["-f"], ["", 0], ["", 0]],
  [["a", "-a", "b", "-o", "c", "d"], ["d: unknown operand", 2], ["extra argument 'd'", 2]],
  [["x", "-gt", "y"], ["x: bad number", 2], ["invalid integer 'x'", 2]],
  [["-5", "-lt", "3"], ["", 0], ["", 0]],
  [["0x10", "-eq", "16"], ["0x10: bad number", 2], ["invalid integer '0x10'", 2]],
  [["a", "<", "b"], ["", 0], ["'<': binary operator expected", 2]],
  [["1", "-eq", "1", "-a"], ["argument expected", 2], ["missing argument after '-a'", 2]],
  [["(", "a", "-a", ")"], ["argument expected", 2], ["missing argument after ')'", 2]],
  [["a", ""], [": unknown operand", 2], ["missing argument after ''", 2]],
  [["", "-eq", "1", "-o", "x"], ["bad number", 2], ["invalid integer ''", 2]],
  [["(", "a", "=", "a", ")"], ["", 0], ["", 0]],
  [["!", "(", "a", "=", "b", ")"], ["", 0], ["", 0]],
  [["-z", ""], ["", 0], ["", 0]],
  [["!"], ["", 0], ["", 0]],
  [[], ["", 1], ["", 1]],
  [["(", "-n", "x", ")", "-a", "(", "b", ")"], ["", 0], ["", 0]],
  [["a", "-o", "b", "-a", "c"], ["", 0], ["", 0]],
  [["1", "-eq", "1", "-a", "2", "-lt", "1", "-o", "x"], ["", 0], ["", 0]],
  [["-x"], ["", 0], ["", 0]],
  [["-l", "abc", "-eq", "3"], ["abc: unknown operand", 2], ["", 0]],
  [["(", "a"], ["closing paren expected", 2], ["missing argument after 'a'", 2]],
  [["x", "-a", "(", "y", "z"], ["closing paren expected", 2], ["missing argument after 'z'", 2]],
];

function run(args: string[], busybox: boolean, version: string): [string, number] {
  const r = evaluateTest(args, env, false, busybox ? "busybox" : { coreutils: version });
  return typeof r === "number" ? ["", r] : [syntaxMessage(r, { busybox, version }, "test"), 2];
}

describe("test: BusyBox 1.28.4 test.c", () => {
  for (const [args, busybox] of RECORDED) {
    it(`test ${JSON.stringify(args)}`, () => expect(run(args, true, "1.28.4")).toEqual(busybox));
  }
  it("[ and [[ need their closing word", () => {
    expect(evaluateTest(["a"], env, true)).toEqual({ error: "missing ]" });
    expect(evaluateTest([], env, true)).toEqual({ error: "missing ]" });
    expect(evaluateTest(["a", "]"], env, true)).toBe(0);
    expect(syntaxMessage({ error: "missing ]" }, { busybox: true, version: "1.28.4" }, "[[")).toBe("missing ]]");
  });
});

describe("test: GNU coreutils test.c", () => {
  for (const [args, , gnu] of RECORDED) {
    it(`test ${JSON.stringify(args)}`, () => expect(run(args, false, "9.1")).toEqual(gnu));
  }
  it("9.6 added < and >; 9.5 allows any white space around integers", () => {
    expect(run(["a", "<", "b"], false, "9.7")).toEqual(["", 0]);
    expect(run(["b", "<", "a"], false, "9.7")).toEqual(["", 1]);
    expect(run(["1\n", "-eq", "1"], false, "9.7")).toEqual(["", 0]);
    expect(run(["1\n", "-eq", "1"], false, "9.1")).toEqual(["invalid integer '1\\n'", 2]);
    expect(run(["a'b\t\\", "-eq", "1"], false, "9.1")).toEqual(["invalid integer 'a\\'b\\t\\\\'", 2]);
  });
  it("8.23 words: unquoted operators, -a FILE is a unary operator", () => {
    expect(run(["a", "b", "c"], false, "8.23")).toEqual(["b: binary operator expected", 2]);
    expect(run(["-q", "x"], false, "8.23")).toEqual(["-q: unary operator expected", 2]);
    expect(run(["-q", "x"], false, "9.1")).toEqual(["'-q': unary operator expected", 2]);
    expect(run(["(", "a", "=", "a", "b"], false, "8.23")).toEqual(["')' expected, found b", 2]);
    expect(run(["(", "a", "=", "a", "b"], false, "9.1")).toEqual(["')' expected, found 'b'", 2]);
    expect(run(["-a", "x"], false, "8.23")).toEqual(["", 1]);
    expect(run(["-a", "x"], false, "9.1")).toEqual(["'-a': unary operator expected", 2]);
  });
});
