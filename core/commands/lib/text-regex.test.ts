// POSIX BRE/ERE → JavaScript translation (lib/text-regex.ts): syntax per dialect, regcomp error
// codes and texts, and POSIX leftmost-longest matching. Expected behaviour recorded with BusyBox
// 1.28.4 (glibc regcomp) and GNU grep 3.8 on this machine.

import { describe, expect, it } from "vitest";
import { type RegexOptions, RegexError, compileRegex, matchAt, regexDialect, regexErrorText, translateRegex } from "./text-regex.js";

const bre: RegexOptions = { syntax: "bre", dialect: "glibc" };
const ere: RegexOptions = { syntax: "ere", dialect: "glibc" };
const gnuEre: RegexOptions = { syntax: "ere", dialect: "gnulib" };

const first = (p: string, s: string, o: RegexOptions) => {
  const m = matchAt(compileRegex(p, o), s, 0);
  return m === null ? null : s.slice(m.index, m.end);
};
const code = (p: string, o: RegexOptions) => {
  try {
    translateRegex(p, o);
    return "ok";
  } catch (err) {
    return (err as RegexError).code;
  }
};

describe("BRE", () => {
  it("groups, intervals and back-references use backslashes", () => {
    expect(first("\\(ab\\)\\1", "xababy", bre)).toBe("abab");
    expect(first("a\\{2,\\}", "caaab", bre)).toBe("aaa");
    expect(first("(a)", "x(a)", bre)).toBe("(a)");
    expect(first("a{1", "a{1", bre)).toBe("a{1");
  });
  it("* is literal at the start, after \\( and after ^", () => {
    expect(first("*a", "x*a", bre)).toBe("*a");
    expect(first("\\(*a\\)", "*a", bre)).toBe("*a");
    expect(first("^*a", "*a", bre)).toBe("*a");
  });
  it("^ and $ anchor only at the ends; elsewhere they are literal", () => {
    expect(first("a^b", "a^b", bre)).toBe("a^b");
    expect(first("a$b", "a$b", bre)).toBe("a$b");
    expect(first("^ab$", "ab", bre)).toBe("ab");
    expect(first("^ab$", "xab", bre)).toBeNull();
  });
  it("GNU extensions \\+ \\? \\| \\< \\> \\w", () => {
    expect(first("a\\+", "caab", bre)).toBe("aa");
    expect(first("b\\|c", "xc", bre)).toBe("c");
    expect(first("\\<b..\\>", "foo bar", bre)).toBe("bar");
    expect(first("\\w*", "foo bar", bre)).toBe("foo");
  });
  it("brackets: ] first, classes, ranges, negation; backslash is literal inside", () => {
    expect(first("[]x]*", "x]y", bre)).toBe("x]");
    expect(first("[[:digit:]]\\+", "ab123c", bre)).toBe("123");
    expect(first("[^a-c]", "abcd", bre)).toBe("d");
    expect(first("[\\]", "a\\b", bre)).toBe("\\");
  });
});

describe("ERE", () => {
  it("alternation is leftmost-longest, as POSIX requires", () => {
    expect(first("ab|abcd", "abcd", ere)).toBe("abcd");
    expect(first("(a|ab)(c|bcd)", "abcd", ere)).toBe("abcd");
  });
  it("{,n} means {0,n}; a** repeats", () => {
    expect(first("a{,2}", "aaa", ere)).toBe("aa");
    expect(code("a**", gnuEre)).toBe("ok");
    expect(code("a**", bre)).toBe("BADRPT");
  });
  it("a leading * is an error for regcomp and ignored by gnulib", () => {
    expect(code("*a", ere)).toBe("BADRPT");
    expect(first("*a", "xa", gnuEre)).toBe("a");
  });
  it("an unmatched ) is literal; { without a valid interval is an error for regcomp only", () => {
    expect(first("a)", "a)", ere)).toBe("a)");
    expect(code("a{1", ere)).toBe("EBRACE");
    expect(first("a{1", "a{1", gnuEre)).toBe("a{1");
  });
});

describe("errors", () => {
  it("codes", () => {
    expect(code("a\\(", bre)).toBe("EPAREN");
    expect(code("a\\)", bre)).toBe("EPAREN");
    expect(code("a\\)", { syntax: "bre", dialect: "gnulib" })).toBe("ERPAREN");
    expect(code("[a", bre)).toBe("EBRACK");
    expect(code("[[:foo:]]", bre)).toBe("ECTYPE");
    expect(code("[z-a]", bre)).toBe("ERANGE");
    expect(code("a\\", bre)).toBe("EESCAPE");
    expect(code("\\2", bre)).toBe("ESUBREG");
    expect(code("a{2,1}", ere)).toBe("BADBR");
  });
  it("texts per C library", () => {
    expect(regexErrorText("EBRACK", "glibc")).toBe("Unmatched [, [^, [:, [., or [=");
    expect(regexErrorText("EBRACK", "uclibc")).toBe("Unmatched [ or [^");
    expect(regexErrorText("EBRACK", "musl")).toBe("Missing ']'");
    expect(regexErrorText("EPAREN", "glibc")).toBe("Unmatched ( or \\(");
    expect(regexErrorText("BADRPT", "musl")).toBe("Repetition not preceded by valid expression");
  });
  it("dialect of a build", () => {
    expect(regexDialect({ program: "busybox", version: "1.28.4", variant: "uclibc" })).toBe("uclibc");
    expect(regexDialect({ program: "busybox", version: "1.37.0", variant: "musl" })).toBe("musl");
    expect(regexDialect({ program: "grep", version: "2.20", variant: "glibc" })).toBe("gnulib-old");
    expect(regexDialect({ program: "grep", version: "3.11", variant: "glibc" })).toBe("gnulib");
  });
});

describe("sed escapes and case", () => {
  it("\\n and \\t inside sed regexes; -i folds case", () => {
    expect(first("a\\nb", "a\nb", { ...bre, sedEscapes: true })).toBe("a\nb");
    expect(first("ROOT", "root", { ...bre, icase: true })).toBe("root");
  });
});
