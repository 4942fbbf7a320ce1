import { describe, expect, it } from "vitest";
import { wordWrap } from "./explain.js";

describe("explain's wrap (mitchellh/go-wordwrap WrapString)", () => {
  it("breaks at the last space before the limit and keeps inner double spaces", () => {
    expect(wordWrap("May also be set in SecurityContext.  If set in both", 40)).toBe("May also be set in SecurityContext.  If\nset in both");
  });

  it("keeps newlines and indentation-less continuation of list items", () => {
    expect(wordWrap("a\n\n - `\"Always\"` indicates that volume's ownership", 20)).toBe("a\n\n - `\"Always\"`\nindicates that\nvolume's ownership");
  });

  it("lets a word longer than the limit overflow", () => {
    expect(wordWrap("short averyveryverylongword end", 10)).toBe("short\naveryveryverylongword\nend");
  });
});
