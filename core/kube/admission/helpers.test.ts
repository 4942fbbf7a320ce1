// The Go formatting the messages depend on.

import { describe, expect, it } from "vitest";
import { compareGoStrings, goQuote, joinQuote, pluralize, sortedSet } from "./helpers.js";

describe("joinQuote and pluralize", () => {
  it("quotes without escaping", () => {
    expect(joinQuote([])).toBe("");
    expect(joinQuote(["a"])).toBe(`"a"`);
    expect(joinQuote(["a", `b"c`])).toBe(`"a", "b"c"`);
  });
  it("uses the singular only for exactly one", () => {
    expect(pluralize("container", "containers", 1)).toBe("container");
    expect(pluralize("container", "containers", 0)).toBe("containers");
    expect(pluralize("container", "containers", 2)).toBe("containers");
  });
});

describe("Go sorting", () => {
  it("sorts sets by bytes, upper case first, deduplicated", () => {
    expect(sortedSet(["b", "B", "a", "b", "443", "80"])).toEqual(["443", "80", "B", "a", "b"]);
  });
  it("compares by code point, not by UTF-16 unit", () => {
    // U+FF61 is above the surrogates in UTF-16 but below U+1F600 in UTF-8.
    expect(["\u{1F600}", "\uFF61"].sort(compareGoStrings)).toEqual(["\uFF61", "\u{1F600}"]);
    expect(compareGoStrings("ab", "abc")).toBeLessThan(0);
    expect(compareGoStrings("abc", "abc")).toBe(0);
  });
});

describe("goQuote (%q)", () => {
  it.each([
    ["unconfined", `"unconfined"`],
    [`a"b\\c`, `"a\\"b\\\\c"`],
    ["tab\tnl\n", `"tab\\tnl\\n"`],
    ["\x00\x1b\x7f", `"\\x00\\x1b\\x7f"`],
    ["héllo 世界", `"héllo 世界"`],
    ["\u00a0\u200b", `"\\u00a0\\u200b"`],
    ["\u{1F600}", `"\u{1F600}"`],
    ["\ud800", `"\ufffd"`],
  ])("%j -> %s", (input, want) => {
    expect(goQuote(input)).toBe(want);
  });
});
