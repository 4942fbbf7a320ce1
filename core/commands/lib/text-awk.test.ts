// The awk engine (lib/text-awk.ts) with an in-memory host: value semantics (strnums,
// comparisons, number output), fields, arrays, functions, builtins and printf, and the parts where
// BusyBox 1.28.4 and mawk differ. Expected outputs recorded with both on this machine.

import { describe, expect, it } from "vitest";
import { type AwkFlavour, type AwkHost, AwkInterpreter, AwkSyntaxError, parseAwk } from "./text-awk.js";

const BB: AwkFlavour = { busybox: true, dialect: "uclibc" };
const MAWK: AwkFlavour = { busybox: false, dialect: "gnulib" };

async function awk(program: string, input = "", f: AwkFlavour = BB, assigns: Record<string, string> = {}): Promise<string> {
  let out = "";
  const records = input === "" ? [] : input.replace(/\n$/, "").split("\n");
  let first = true;
  const host: AwkHost = {
    environ: ["HOME=/root"],
    async readRecord() {
      const text = records.shift();
      if (text === undefined) return undefined;
      const newFile = first;
      first = false;
      return { text, filename: "-", newFile };
    },
    readFrom: async () => undefined,
    write: async (_k, _n, text) => {
      out += text;
      return undefined;
    },
    close: async () => 0,
    flush: async () => {},
    system: async () => 0,
    random: () => 0.5,
    checkpoint: async () => {},
  };
  const it = new AwkInterpreter(parseAwk(program, f.busybox), f, host, ["awk"]);
  for (const [k, v] of Object.entries(assigns)) it.assignVar(k, v);
  await it.run();
  return out;
}

describe("values", () => {
  it("arithmetic, concatenation and number output", async () => {
    expect(await awk('BEGIN {print 1+2, "a" "b", 7/2, 2^10, 10%3}')).toBe("3 ab 3.5 1024 1\n");
    expect(await awk("BEGIN {print 0.1+0.2, 1e6, 123456789, 0.000001, 100000000000000000000}")).toBe("0.3 1000000 123456789 1e-06 1e+20\n");
    expect(await awk('BEGIN { print 10 " " -1 }')).toBe("10-1\n");
  });
  it("integers: BusyBox prints every integral value as one, mawk only up to INT_MAX", async () => {
    expect(await awk("BEGIN {print 2^31, -2^31}", "", BB)).toBe("2147483648 -2147483648\n");
    expect(await awk("BEGIN {print 2^31, -2^31}", "", MAWK)).toBe("2.14748e+09 -2.14748e+09\n");
  });
  it("string constants compare as strings, fields that look numeric as numbers", async () => {
    expect(await awk('BEGIN {x="10"; y=9; print (x>y), ("10">"9"), 2 < 10}')).toBe("0 0 1\n");
    expect(await awk("{ print ($1 < $2) }", "2 10\n")).toBe("1\n");
  });
  it("CONVFMT for conversions, OFMT for output", async () => {
    expect(await awk('BEGIN { CONVFMT="%.2g"; x = 3.14159; y = x ""; print y; print x }')).toBe("3.1\n3.14159\n");
    expect(await awk('BEGIN { OFMT="%.2f"; print 3.14159, 3.14159 "" }')).toBe("3.14 3.14159\n");
  });
});

describe("fields and records", () => {
  it("$n assignment rebuilds $0 with OFS and extends NF", async () => {
    expect(await awk('{$2="X"; print; print NF}', "a b c\n")).toBe("a X c\n3\n");
    expect(await awk('{$5="e"; print; print NF}', "a b c\n")).toBe("a b c  e\n5\n");
  });
  it("FS: default blanks, one character, regex; -v assignments", async () => {
    expect(await awk("{print $2}", "  a   b  \n")).toBe("b\n");
    expect(await awk('BEGIN{FS=":"} {print $NF}', "a:b:c\n")).toBe("c\n");
    expect(await awk('BEGIN{FS="[0-9]+"} {print $2}', "a12b3c\n")).toBe("b\n");
    expect(await awk("BEGIN {print x*2}", "", BB, { x: "5" })).toBe("10\n");
  });
  it("NR, range patterns, END sees the last record", async () => {
    expect(await awk("NR==2, NR==3 {print NR}", "a\nb\nc\nd\n")).toBe("2\n3\n");
    expect(await awk("END { print $0, NR }", "a\nb\n")).toBe("b 2\n");
  });
});

describe("statements, arrays, functions", () => {
  it("control flow", async () => {
    expect(await awk('BEGIN { for (i=0;i<3;i++) printf "%d ", i; print "" }')).toBe("0 1 2 \n");
    expect(await awk("BEGIN { do { i++ } while (i < 5); print i }")).toBe("5\n");
    expect(await awk("BEGIN { for (;;) { if (++i > 3) break }; print i }")).toBe("4\n");
    expect(await awk('BEGIN { if (1 > 2) print "a"; else print "b" }')).toBe("b\n");
  });
  it("arrays: in, delete, split, SUBSEP", async () => {
    expect(await awk('BEGIN {a["x"]=1; a["y"]=2; for (k in a) n++; print n; delete a["x"]; print ("x" in a), ("y" in a)}')).toBe("2\n0 1\n");
    expect(await awk('BEGIN {n=split("a:b:c",arr,":"); print n, arr[1], arr[3]}')).toBe("3 a c\n");
    expect(await awk('BEGIN {a[1,2]=3; for (k in a) {split(k, p, SUBSEP); print p[1], p[2]}}')).toBe("1 2\n");
  });
  it("functions: scalars by value, arrays by reference", async () => {
    expect(await awk("function f(a,b) {return a+b} BEGIN {print f(2,3)}")).toBe("5\n");
    expect(await awk('function fill(arr) { arr["k"] = 1 } BEGIN { fill(x); print length(x) }')).toBe("1\n");
    expect(await awk("function g(v) { v = 5 } BEGIN { y = 1; g(y); print y }")).toBe("1\n");
  });
});

describe("builtins", () => {
  it("string functions", async () => {
    expect(await awk('BEGIN {print substr("hello",2,3), index("hello","l"), toupper("ab"), tolower("CD"), length("abc")}')).toBe("ell 3 AB cd 3\n");
    expect(await awk('BEGIN {s="hello"; gsub(/l/,"L",s); print s; sub(/h/,"H",s); print s}')).toBe("heLLo\nHeLLo\n");
    expect(await awk('BEGIN {print match("foobar", /ob/), RSTART, RLENGTH}')).toBe("3 3 2\n");
    expect(await awk('BEGIN {s="aaa"; gsub(/x*/, "-", s); print s}')).toBe("-a-a-a-\n");
  });
  it("substr and index edge cases differ between BusyBox and mawk", async () => {
    expect(await awk('BEGIN {print substr("hello",-1,3), index("abc","")}', "", BB)).toBe("hel 0\n");
    expect(await awk('BEGIN {print substr("hello",-1,3), index("abc","")}', "", MAWK)).toBe("hell 1\n");
  });
  it("printf conversions", async () => {
    expect(await awk('BEGIN {printf "%5s|%-5d|%.2f|%c%c|%x|%e\\n", "x", 42, 3.14159, 65, "BC", 255, 255}')).toBe("    x|42   |3.14|AB|ff|2.550000e+02\n");
    expect(await awk('BEGIN {printf "%d %d\\n", 2^31, -2^31}', "", BB)).toBe("-2147483648 -2147483648\n");
    expect(await awk('BEGIN {printf "%d %d\\n", 2^31, -2^31}', "", MAWK)).toBe("2147483647 -2147483647\n");
  });
});

describe("syntax", () => {
  const err = (p: string, busybox = true) => {
    try {
      parseAwk(p, busybox);
      return "ok";
    } catch (e) {
      return (e as AwkSyntaxError).msg;
    }
  };
  it("regex versus division, print > file, getline forms parse", () => {
    expect(err('{ print $1/2, /x/ ? "y" : "n" }')).toBe("ok");
    expect(err('{ print $1, $2 > "/tmp/f" }')).toBe("ok");
    expect(err('BEGIN { while ((getline line < "f") > 0) n++; "date" | getline d }')).toBe("ok");
    expect(err("function f(a) { return a } BEGIN { print f(1) } END { print 2 }")).toBe("ok");
  });
  it("errors", () => {
    expect(err("{")).toBe("Unexpected end of string");
    expect(err("BEGIN { print length 5 }")).toBe("Unexpected token");
    expect(err("BEGIN { print length 5 }", false)).toBe("ok");
    expect(err("BEGIN { print 2**3 }", false)).toBe("Unexpected token");
  });
});
