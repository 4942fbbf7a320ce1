import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown.js";

describe("parseMarkdown", () => {
  it("parses headings, paragraphs, lists, quotes, rules and code", () => {
    const md = "# Title\n\nSome *em* and **strong** text\ncontinued.\n\n- one\n- two `x`\n\n1. first\n2. second\n\n> quoted\n\n---\n\n```yaml\na: 1\n```\n";
    expect(parseMarkdown(md)).toEqual([
      { t: "heading", level: 1, c: [{ t: "text", v: "Title" }] },
      { t: "para", c: [{ t: "text", v: "Some " }, { t: "em", c: [{ t: "text", v: "em" }] }, { t: "text", v: " and " }, { t: "strong", c: [{ t: "text", v: "strong" }] }, { t: "text", v: " text continued." }] },
      { t: "list", ordered: false, start: 1, items: [[{ t: "para", c: [{ t: "text", v: "one" }] }], [{ t: "para", c: [{ t: "text", v: "two " }, { t: "code", v: "x" }] }]] },
      { t: "list", ordered: true, start: 1, items: [[{ t: "para", c: [{ t: "text", v: "first" }] }], [{ t: "para", c: [{ t: "text", v: "second" }] }]] },
      { t: "quote", c: [{ t: "para", c: [{ t: "text", v: "quoted" }] }] },
      { t: "rule" },
      { t: "code", v: "a: 1", lang: "yaml" },
    ]);
  });

  it("turns {{exec}}, {{exec interrupt}} and {{copy}} into actions", () => {
    expect(parseInline("Run `id`{{exec}} or `top`{{exec interrupt}}, copy `x`{{copy}}, plain `y`")).toEqual([
      { t: "text", v: "Run " }, { t: "code", v: "id", action: "exec" }, { t: "text", v: " or " }, { t: "code", v: "top", action: "interrupt" },
      { t: "text", v: ", copy " }, { t: "code", v: "x", action: "copy" }, { t: "text", v: ", plain " }, { t: "code", v: "y" },
    ]);
    expect(parseMarkdown("```\nkubectl get pods\nkubectl get nodes\n```{{exec}}\n\n```\ncat f\n```{{copy}}")).toEqual([
      { t: "code", v: "kubectl get pods\nkubectl get nodes", lang: "", action: "exec" },
      { t: "code", v: "cat f", lang: "", action: "copy" },
    ]);
  });

  it("keeps raw HTML as text", () => {
    expect(parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')).toEqual([
      { t: "para", c: [{ t: "text", v: "<script>alert(1)</script>" }] },
      { t: "para", c: [{ t: "text", v: '<img src=x onerror="alert(1)">' }] },
    ]);
  });

  it("leaves snake_case and unmatched markers alone", () => {
    expect(parseInline("run_as_user and 2 * 3 and `unclosed")).toEqual([{ t: "text", v: "run_as_user and 2 * 3 and `unclosed" }]);
  });

  it("parses links; safeHref keeps only http(s), mailto and relative ones", () => {
    expect(parseInline("see [the docs](https://kubernetes.io/docs/ \"t\")")).toEqual([{ t: "text", v: "see " }, { t: "link", href: "https://kubernetes.io/docs/", c: [{ t: "text", v: "the docs" }] }]);
    const base = "http://127.0.0.1:8080/scenarios/x";
    expect(safeHref("https://kubernetes.io/", base)).toBe("https://kubernetes.io/");
    expect(safeHref("/scenarios/y", base)).toBe("http://127.0.0.1:8080/scenarios/y");
    expect(safeHref("mailto:a@b.c", base)).toBe("mailto:a@b.c");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"]) expect(safeHref(bad, base)).toBeUndefined();
  });

  it("never throws on arbitrary input", () => {
    for (const s of ["", "```", "`", "**", "[", "[a](", "> ", "- ", "1.", "\\", "#", "***a**b*", "~~~\nx", "[a][b](c"]) expect(() => parseMarkdown(s)).not.toThrow();
  });
});
