// The sed engine (lib/text-sed.ts) on in-memory input: addresses and ranges, s/// flags,
// hold space, branches, a/i/c, and the parse errors of each build. Expected outputs recorded with
// BusyBox 1.28.4 and GNU sed 4.9 on this machine.

import { describe, expect, it } from "vitest";
import { SedError, type SedFlavour, SedParser, SedRunner } from "./text-sed.js";

const BB: SedFlavour = { busybox: true, dialect: "uclibc", ere: false };
const GNU: SedFlavour = { busybox: false, dialect: "gnulib", ere: false };

async function sed(script: string, input: string, f: SedFlavour = BB, quiet = false): Promise<string> {
  const p = new SedParser(f);
  p.parse(script);
  p.finish();
  const lines = input.split("\n");
  const last = lines.pop()!;
  const recs = lines.map((text) => ({ text, end: "\n" }));
  if (last !== "") recs.push({ text: last, end: "" });
  let out = "";
  const sink = { lastChar: "\n", write: async (t: string) => { out += t; } };
  await new SedRunner(p.cmds, f, quiet || p.quietFromScript).run({
    out: sink, wfile: () => sink, readFile: async () => undefined, checkpoint: async () => {},
    nextLine: async () => recs.shift(),
  });
  return out;
}

const parseError = (script: string, f: SedFlavour) => {
  try {
    const p = new SedParser(f);
    p.parse(script);
    p.finish();
    return "ok";
  } catch (err) {
    return (err as SedError).msg;
  }
};

const ABC = "a\nb\nc\nd\ne\n";

describe("addresses", () => {
  it("line numbers, $, regex ranges and !", async () => {
    expect(await sed("2,$d", ABC)).toBe("a\n");
    expect(await sed("/b/,/d/p", ABC, BB, true)).toBe("b\nc\nd\n");
    expect(await sed("$p", ABC, BB, true)).toBe("e\n");
    expect(await sed("2,4!d", ABC)).toBe("b\nc\nd\n");
  });
  it("N,M with M < N selects one line; a regex end is checked from the next line", async () => {
    expect(await sed("3,1p", ABC, BB, true)).toBe("c\n");
    expect(await sed("/a/,/a/p", "a\nb\na\nc\n", BB, true)).toBe("a\nb\na\n");
  });
  it("BusyBox computes addr,+N once; GNU for every range", async () => {
    const input = "a\nx\nx\na\nx\nx\n";
    expect(await sed("/a/,+1p", input, BB, true)).toBe("a\nx\na\n");
    expect(await sed("/a/,+1p", input, GNU, true)).toBe("a\nx\na\nx\n");
  });
  it("GNU first~step and 0,/re/", async () => {
    expect(await sed("1~2p", ABC, GNU, true)).toBe("a\nc\ne\n");
    expect(await sed("0,/a/p", ABC, GNU, true)).toBe("a\n");
  });
});

describe("s///", () => {
  it("empty matches after a match are skipped (cccd → RdR)", async () => {
    expect(await sed("s/c*/R/g", "cccd\n")).toBe("RdR\n");
    expect(await sed("s/b*/x/g", "abc\n")).toBe("xaxcx\n");
  });
  it("N and Ng: BusyBox lets g win, GNU replaces from the Nth on", async () => {
    expect(await sed("s/l/L/2g", "hello\n", BB)).toBe("heLLo\n");
    expect(await sed("s/l/L/2g", "hello\n", GNU)).toBe("helLo\n");
  });
  it("& and \\1, and GNU case conversion", async () => {
    expect(await sed("s/\\(a\\) \\(b\\)/\\2 \\1 &/", "a b\n")).toBe("b a a b\n");
    expect(await sed("s/\\(.\\)/\\u\\1/", "hello\n", GNU)).toBe("Hello\n");
  });
  it("a last line without newline stays without one", async () => {
    expect(await sed("s/a/A/", "a\nb")).toBe("A\nb");
    expect(await sed("p", "a")).toBe("a\na");
  });
});

describe("commands", () => {
  it("hold space, N/P/D, branches", async () => {
    expect(await sed("1{h;d};2{G;p}", ABC, BB, true)).toBe("b\na\n");
    expect(await sed(":a;N;$!ba;s/\\n/,/g", ABC)).toBe("a,b,c,d,e\n");
    expect(await sed("$!N;P;D", "a\nb\nc\n")).toBe("a\nb\nc\n");
  });
  it("a, i, c, =, q, y", async () => {
    expect(await sed("1a hello", "x\ny\n")).toBe("x\nhello\ny\n");
    expect(await sed("1i\\\nhello", "x\n")).toBe("hello\nx\n");
    expect(await sed("2,3c\\\nnew", ABC)).toBe("a\nnew\nd\ne\n");
    expect(await sed("=", "x\n")).toBe("1\nx\n");
    expect(await sed("2q", ABC)).toBe("a\nb\n");
    expect(await sed("y/abc/xyz/", "cab\n")).toBe("zxy\n");
  });
});

describe("parse errors", () => {
  it("BusyBox wording", () => {
    expect(parseError("s/x/y", BB)).toBe("unmatched '/'");
    expect(parseError("k", BB)).toBe("unsupported command k");
    expect(parseError("/x/", BB)).toBe("missing command");
    expect(parseError("{p", BB)).toBe("unterminated {");
    expect(parseError("b foo", BB)).toBe("can't find label for jump to 'foo'");
  });
  it("GNU wording (the caller adds -e expression #N, char M)", () => {
    expect(parseError("s/x/y", GNU)).toBe("unterminated `s' command");
    expect(parseError("k", GNU)).toBe("unknown command: `k'");
    expect(parseError("s/a/b/q", GNU)).toBe("unknown option to `s'");
    expect(parseError("y/ab/c/", GNU)).toBe("strings for `y' command are different lengths");
  });
});
