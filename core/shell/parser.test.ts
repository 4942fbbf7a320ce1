// The shell grammar (XCU 2.10) as ash and dash parse it, and hostile input: whatever the text,
// parse() returns a tree or throws a ParseError, promptly.

import { describe, expect, it } from "vitest";
import type { Command, Pipeline, Redir, Script, SimpleCommand, Word, WordPart } from "./ast.js";
import { MAX_DEPTH, ParseError, type ParseOptions, Parser, parse } from "./parser.js";

const ASH: ParseOptions = { bashisms: true, dialect: "ash" };
const DASH: ParseOptions = { bashisms: false, dialect: "dash" };

// ---- a compact rendering of the tree, so each test asserts the whole structure ----------------

function part(p: WordPart): string {
  switch (p.kind) {
    case "lit": return p.text;
    case "sq": return `'${p.text}'`;
    case "dq": return `"${p.parts.map(part).join("")}"`;
    case "tilde": return `~${p.user}`;
    case "param": return `\${${p.length ? "#" : ""}${p.name}${p.op ?? ""}${p.arg === undefined ? "" : word(p.arg)}${p.arg2 === undefined ? "" : `|${word(p.arg2)}`}}`;
    case "cmdsub": return `$(${script(p.body)})`;
    case "arith": return `$((${word(p.expr)}))`;
    case "badsubst": return `<bad ${p.text}>`;
  }
}

const word = (w: Word) => w.parts.map(part).join("");

function redir(r: Redir): string {
  const body = r.heredoc === undefined ? "" : `[${r.heredoc.quoted ? "q:" : ""}${word(r.heredoc.body)}]`;
  return `${r.fd ?? ""}${r.op}${word(r.target)}${body}`;
}

function command(c: Command): string {
  switch (c.kind) {
    case "simple":
      return `(${[...c.assigns.map((a) => `${a.name}=${word(a.value)}`), ...c.words.map(word), ...c.redirs.map(redir)].join(" ")})`;
    case "function":
      return `(fn ${c.name} ${command(c.body)})`;
    case "compound": {
      const b = c.body;
      const r = c.redirs.length === 0 ? "" : ` ${c.redirs.map(redir).join(" ")}`;
      switch (b.kind) {
        case "brace": return `{${script(b.body)}}${r}`;
        case "subshell": return `(sub ${script(b.body)})${r}`;
        case "if": return `(if ${b.clauses.map((cl) => `[${script(cl.cond)}] [${script(cl.body)}]`).join(" elif ")}${b.elseBody === undefined ? "" : ` else [${script(b.elseBody)}]`})${r}`;
        case "while": case "until": return `(${b.kind} [${script(b.cond)}] [${script(b.body)}])${r}`;
        case "for": return `(for ${b.name}${b.words === undefined ? "" : ` in ${b.words.map(word).join(" ")}`} [${script(b.body)}])${r}`;
        case "case": return `(case ${word(b.word)} ${b.arms.map((a) => `${a.patterns.map(word).join("|")}) [${script(a.body)}]`).join(" ")})${r}`;
      }
    }
  }
}

const pipeline = (p: Pipeline) => (p.bang ? "! " : "") + p.commands.map(command).join(" | ");

function script(s: Script): string {
  return s.items.map((i) => [pipeline(i.command.first), ...i.command.rest.map((r) => `${r.op} ${pipeline(r.pipeline)}`)].join(" ") + (i.background ? " &" : "")).join("; ");
}

const tree = (src: string, opts = ASH) => script(parse(src, opts));

/** The error a source gives: kind, token, whether more input could complete it. */
function error(src: string, opts = ASH): { kind: string; token?: string; expecting?: string; incomplete: boolean; line: number } {
  try {
    parse(src, opts);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const { kind } = e.error;
    const out: { kind: string; token?: string; expecting?: string; incomplete: boolean; line: number } = { kind, incomplete: e.incomplete, line: e.line };
    if (e.error.kind === "unexpected") {
      out.token = e.error.token;
      if (e.error.expecting !== undefined) out.expecting = e.error.expecting;
    }
    return out;
  }
  throw new Error(`no error for ${JSON.stringify(src)}`);
}

describe("parser: lists and pipelines", () => {
  it("simple commands, assignments and words", () => {
    expect(tree("echo hello world")).toBe("(echo hello world)");
    expect(tree("A=1 B=2 env")).toBe("(A=1 B=2 env)");
    expect(tree("x=1")).toBe("(x=1)");
    expect(tree("echo a=b")).toBe("(echo a=b)");
  });

  it("pipelines, ! and and-or lists", () => {
    expect(tree("a | b | c")).toBe("(a) | (b) | (c)");
    expect(tree("a && b || c")).toBe("(a) && (b) || (c)");
    expect(tree("! a | b")).toBe("! (a) | (b)");
    expect(tree("a &&\n\nb")).toBe("(a) && (b)");
    expect(tree("a |\n b")).toBe("(a) | (b)");
  });

  it("separators: ; & and newlines", () => {
    expect(tree("a; b & c\nd")).toBe("(a); (b) &; (c); (d)");
    expect(tree("\n\n a ;\n")).toBe("(a)");
    expect(tree("sleep 1 &")).toBe("(sleep 1) &");
  });

  it("comments and line continuation", () => {
    expect(tree("echo a # comment ; not a command\necho b")).toBe("(echo a); (echo b)");
    expect(tree("echo a#b")).toBe("(echo a#b)");
    expect(tree("ec\\\nho a \\\n b")).toBe("(echo a b)");
  });
});

describe("parser: compound commands and functions", () => {
  it("brace groups and subshells", () => {
    expect(tree("{ a; b; }")).toBe("{(a); (b)}");
    expect(tree("(a; b) > out")).toBe("(sub (a); (b)) >out");
    expect(tree("( (a) )")).toBe("(sub (sub (a)))");
    expect(tree("{ a\n}")).toBe("{(a)}");
  });

  it("if, elif, else", () => {
    expect(tree("if a; then b; elif c; then d; else e; fi")).toBe("(if [(a)] [(b)] elif [(c)] [(d)] else [(e)])");
    expect(tree("if a\nthen\n b\nfi")).toBe("(if [(a)] [(b)])");
  });

  it("while, until, for", () => {
    expect(tree("while a; do b; done")).toBe("(while [(a)] [(b)])");
    expect(tree("until a; do b; done")).toBe("(until [(a)] [(b)])");
    expect(tree("for i in 1 2 3; do echo $i; done")).toBe("(for i in 1 2 3 [(echo ${i})])");
    expect(tree("for i; do :; done")).toBe("(for i [(:)])");
    expect(tree("for i\ndo :\ndone")).toBe("(for i [(:)])");
    expect(tree("for i in; do :; done")).toBe("(for i in  [(:)])");
  });

  it("case with patterns, alternatives and empty arms", () => {
    expect(tree("case $x in a|b) echo ab;; (c*) echo c;; *) ;; esac")).toBe("(case ${x} a|b) [(echo ab)] c*) [(echo c)] *) [])");
    expect(tree("case x in\n x)\n echo x\n ;;\nesac")).toBe("(case x x) [(echo x)])");
    expect(tree("case x in x) echo last\nesac")).toBe("(case x x) [(echo last)])");
  });

  it("reserved words only where a command starts", () => {
    expect(tree("echo if then fi")).toBe("(echo if then fi)");
    expect(tree("'if' x")).toBe("('if' x)");
  });

  it("function definitions", () => {
    expect(tree("f() { echo hi; }")).toBe("(fn f {(echo hi)})");
    expect(tree("f ()\n{\n echo hi\n}")).toBe("(fn f {(echo hi)})");
    expect(tree("f() ( echo sub )")).toBe("(fn f (sub (echo sub)))");
    // ash and dash: any command can be the body (parse_command()).
    expect(tree("f() echo hi", DASH)).toBe("(fn f {(echo hi)})");
    expect(tree("function g { :; }")).toBe("(fn g {(:)})");
  });

  it("bad function names (ash/dash simplecmd())", () => {
    expect(error(":(){ :|:& };:")).toEqual({ kind: "bad-function-name", incomplete: false, line: 1 });
    expect(error("exit() { :; }", DASH).kind).toBe("bad-function-name");
    expect(error("a-b() { :; }").kind).toBe("bad-function-name");
    expect(error("f(x) { :; }")).toEqual({ kind: "unexpected", token: "word", expecting: ")", incomplete: false, line: 1 });
    expect(error("f() fi")).toEqual({ kind: "unexpected", token: "fi", incomplete: false, line: 1 });
  });
});

describe("parser: redirections and here-documents", () => {
  it("operators with and without fd numbers", () => {
    expect(tree("cmd < in > out 2>> log 2>&1 3<&- 4<> rw 5>| f")).toBe("(cmd <in >out 2>>log 2>&1 3<&- 4<>rw 5>|f)");
    expect(tree("cmd 2>/dev/null >&2")).toBe("(cmd 2>/dev/null >&2)");
    expect(tree("echo 2 > x")).toBe("(echo 2 >x)");
    expect(tree("> file")).toBe("(>file)");
    expect(tree("cmd &> both")).toBe("(cmd &>both)");
  });

  it("here-documents: expanded, quoted, tab-stripped", () => {
    expect(tree("cat <<EOF\nhi $USER `x`\nEOF")).toBe("(cat <<EOF['hi '${USER}' '$((x))'\n'])");
    expect(tree("cat <<'EOF'\nhi $USER\nEOF")).toBe("(cat <<'EOF'[q:'hi $USER\n'])");
    expect(tree("cat <<\\EOF\n$x\nEOF")).toBe("(cat <<'E'OF[q:'$x\n'])");
    expect(tree("cat <<-EOF\n\t\tindented\n\tEOF")).toBe("(cat <<-EOF['indented\n'])");
    expect(tree("cat <<A; cat <<B\na\nA\nb\nB\necho after")).toBe("(cat <<A['a\n']); (cat <<B['b\n']); (echo after)");
    expect(tree("cat <<EOF | wc -l\nx\nEOF")).toBe("(cat <<EOF['x\n']) | (wc -l)");
  });

  it("here-document escapes: \\$ \\` \\\\ and line continuation", () => {
    expect(tree("cat <<E\n\\$x \\\\ \\a\\\ny\nE")).toBe("(cat <<E['$x \\ \\ay\n'])");
  });
});

describe("parser: quoting and expansions", () => {
  it("single, double and backslash quoting", () => {
    expect(tree(`echo 'a b' "c $d" \\e`)).toBe(`(echo 'a b' "'c '\${d}" 'e')`);
    expect(tree(`echo "a\\"b\\$c\\\\d\\e"`)).toBe(`(echo "'a"b$c\\d\\e'")`);
    expect(tree("echo ''")).toBe("(echo '')");
    expect(tree(`echo "it's"`)).toBe(`(echo "'it's'")`);
  });

  it("$'…' in ash and bash", () => {
    expect(tree("echo $'a\\tb'")).toBe("(echo 'a\tb')");
    expect(tree("echo $'a'", DASH)).toBe("(echo $'a')");
  });

  it("parameters and ${…} operators", () => {
    expect(tree("echo $x ${x} $1 $# $? $$ $! $@ $* $- $0")).toBe("(echo ${x} ${x} ${1} ${#} ${?} ${$} ${!} ${@} ${*} ${-} ${0})");
    expect(tree("echo ${x:-a b} ${x-d} ${x:=y} ${x=y} ${x:?msg} ${x?} ${x:+alt} ${x+alt}")).toBe("(echo ${x:-a b} ${x-d} ${x:=y} ${x=y} ${x:?msg} ${x?} ${x:+alt} ${x+alt})");
    expect(tree("echo ${#x} ${x#*/} ${x##*/} ${x%.*} ${x%%.*} ${#}")).toBe("(echo ${#x} ${x#*/} ${x##*/} ${x%.*} ${x%%.*} ${#})");
    expect(tree("echo ${x:-${y:-z}}")).toBe("(echo ${x:-${y:-z}})");
    expect(tree("echo $ a$")).toBe("(echo $ a$)");
  });

  it("tilde prefixes", () => {
    expect(tree("echo ~ ~/x ~root a~ x=~/y")).toBe("(echo ~ ~/x ~root a~ x=~/y)");
  });

  it("command substitution: nested, with case and parentheses", () => {
    expect(tree("echo $(echo a $(echo b))")).toBe("(echo $((echo a $((echo b)))))");
    expect(tree("x=$(case y in y) echo yes;; esac)")).toBe("(x=$((case y y) [(echo yes)])))");
    expect(tree("echo $( (echo sub) )")).toBe("(echo $((sub (echo sub))))");
    expect(tree(`echo "$(echo "in $(echo deep)")"`)).toBe(`(echo "$((echo "'in '$((echo deep))"))")`);
    expect(tree("echo $(echo ')')")).toBe("(echo $((echo ')')))");
    expect(tree("echo $(\necho a\n)")).toBe("(echo $((echo a)))");
  });

  it("backquotes", () => {
    expect(tree("echo `echo a`")).toBe("(echo $((echo a)))");
    expect(tree("echo `echo \\`echo nested\\``")).toBe("(echo $((echo $((echo nested)))))");
    expect(tree('echo "`echo "x"`"')).toBe(`(echo "$((echo "'x'"))")`);
  });

  it("arithmetic expansion", () => {
    expect(tree("echo $((1 + 2 * (3 - x)))")).toBe("(echo $((1 + 2 * (3 - x))))");
    expect(tree("echo $(( $x + ${y:-1} ))")).toBe("(echo $(( ${x} + ${y:-1} )))");
    expect(tree("echo $((a)) $( (b) )")).toBe("(echo $((a)) $((sub (b))))");
  });
});

describe("parser: syntax errors", () => {
  it("unexpected tokens, with what was expected", () => {
    expect(error("fi")).toEqual({ kind: "unexpected", token: "fi", incomplete: false, line: 1 });
    expect(error("if true; fi")).toEqual({ kind: "unexpected", token: "fi", expecting: "then", incomplete: false, line: 1 });
    expect(error("echo a; ;")).toEqual({ kind: "unexpected", token: ";", incomplete: false, line: 1 });
    expect(error("| a")).toEqual({ kind: "unexpected", token: "|", incomplete: false, line: 1 });
    expect(error("a && && b")).toEqual({ kind: "unexpected", token: "&&", incomplete: false, line: 1 });
    expect(error("echo >")).toEqual({ kind: "unexpected", token: "end of file", incomplete: true, line: 1 });
    expect(error("echo > ;")).toEqual({ kind: "unexpected", token: ";", incomplete: false, line: 1 });
    expect(error("(echo a")).toEqual({ kind: "unexpected", token: "end of file", expecting: ")", incomplete: true, line: 1 });
    expect(error("echo )")).toEqual({ kind: "unexpected", token: ")", incomplete: false, line: 1 });
    expect(error("{ }")).toEqual({ kind: "unexpected", token: "}", incomplete: false, line: 1 });
    expect(error("a\nb\ndone")).toEqual({ kind: "unexpected", token: "done", incomplete: false, line: 3 });
    // Recorded with BusyBox 1.35 ash and dash 0.5.12: a list ends at any closing word.
    expect(error("while true; done")).toEqual({ kind: "unexpected", token: "done", expecting: "do", incomplete: false, line: 1 });
    expect(error("{ echo; fi")).toEqual({ kind: "unexpected", token: "fi", expecting: "}", incomplete: false, line: 1 });
    expect(error("case x in x) echo; fi")).toEqual({ kind: "unexpected", token: "fi", expecting: ";;", incomplete: false, line: 1 });
    expect(error("if then fi")).toEqual({ kind: "unexpected", token: "then", incomplete: false, line: 1 });
    expect(error("( echo; }")).toEqual({ kind: "unexpected", token: "}", expecting: ")", incomplete: false, line: 1 });
    // A plain word is named "word".
    expect(error("for i in a; echo; done")).toEqual({ kind: "unexpected", token: "word", expecting: "do", incomplete: false, line: 1 });
    expect(error("(a) b")).toEqual({ kind: "unexpected", token: "word", incomplete: false, line: 1 });
  });

  it("input that more lines could complete is marked incomplete (PS2)", () => {
    for (const src of ["echo 'a", 'echo "a', "echo `a", "if true; then", "while :; do", "case x in", "a |", "a &&", "f() {", "cat <<EOF", "cat <<EOF\nline", "echo $(", "echo ${x", "echo \\", "for i in 1; do"]) {
      expect(error(src).incomplete, src).toBe(true);
    }
    expect(error("echo 'a").kind).toBe("unterminated-quote");
    expect(error("cat <<EOF\nx")).toEqual({ kind: "unexpected", token: "end of file", expecting: "EOF", incomplete: true, line: 3 });
  });

  it("bad substitutions: ash and bash when parsing, dash when expanding", () => {
    expect(error("echo ${x!}").kind).toBe("bad-substitution");
    expect(error("echo ${}").kind).toBe("bad-substitution");
    expect(error("echo ${#x:-y}").kind).toBe("bad-substitution");
    expect(tree("echo ${x!} ${x:1}", DASH)).toBe("(echo <bad ${x!}> <bad ${x:1}>)");
  });

  it("ash and bash: ${x:offset:length} and ${x/pattern/replacement}", () => {
    expect(tree("echo ${x:1:2} ${x: -1} ${x:n}")).toBe("(echo ${x:1|2} ${x: -1} ${x:n})");
    expect(tree("echo ${x/a/b} ${x//a/} ${x/a}")).toBe("(echo ${x/a|b} ${x//a|} ${x/a})");
    // ash has no anchored forms: "#a" is the pattern; bash anchors it.
    const opOf = (opts: ParseOptions) => {
      const cmd = parse("echo ${x/#a/b}", opts).items[0]!.command.first.commands[0] as SimpleCommand;
      const p = cmd.words[1]!.parts[0]!;
      return p.kind === "param" ? [p.op, word(p.arg!)] : [];
    };
    expect(opOf(ASH)).toEqual(["/", "#a"]);
    expect(opOf({ bashisms: true, dialect: "bash" })).toEqual(["/#", "a"]);
  });
});

describe("parser: line numbers", () => {
  it("numbers each simple command by its first line, from firstLine", () => {
    const s = parse("a\n\nb \\\n c\nd", { ...DASH, firstLine: 10 });
    const lines = s.items.map((i) => (i.command.first.commands[0] as { line: number }).line);
    expect(lines).toEqual([10, 12, 14]);
  });

  it("nextCommandLine() yields one line of commands at a time", () => {
    const p = new Parser("a; b\n\nif x\nthen y; fi\nfi\nc", ASH);
    expect(script({ items: p.nextCommandLine()! })).toBe("(a); (b)");
    const second = p.nextCommandLine()!;
    expect(script({ items: second })).toBe("(if [(x)] [(y)])");
    expect(second[0]!.line).toBe(4);
    expect(() => p.nextCommandLine()).toThrow(ParseError);
  });
});

describe("parser: hostile input ends in a ParseError, quickly", () => {
  /** Parses, returning "ok" or the error kind; anything else thrown fails the test. */
  const outcome = (src: string, opts = ASH): string => {
    try {
      parse(src, opts);
      return "ok";
    } catch (e) {
      if (e instanceof ParseError) return e.error.kind;
      throw e;
    }
  };
  const timed = (src: string) => {
    const t = performance.now();
    const r = outcome(src);
    return { r, ms: performance.now() - t };
  };

  it("10,000-deep $( nesting, open and closed", () => {
    expect(timed("echo " + "$(".repeat(10_000)).r).toBe("too-deep");
    expect(timed("echo " + "$(echo ".repeat(10_000) + ")".repeat(10_000)).r).toBe("too-deep");
  });

  it("10,000-deep ( and { … } nesting", () => {
    expect(outcome("(".repeat(10_000))).toBe("too-deep");
    expect(outcome("(".repeat(10_000) + "true" + ")".repeat(10_000))).toBe("too-deep");
    expect(outcome("{ ".repeat(10_000))).toBe("too-deep");
    expect(outcome("{ ".repeat(10_000) + "true; " + "}; ".repeat(10_000))).toBe("too-deep");
  });

  it("deep ${ and $(( and backquote and if/case nesting", () => {
    expect(outcome("echo " + "${x:-".repeat(10_000) + "}".repeat(10_000))).toBe("too-deep");
    expect(outcome("echo " + "$((".repeat(5_000) + "1" + "))".repeat(5_000))).toBe("too-deep");
    expect(outcome("if true; then ".repeat(10_000))).toBe("too-deep");
    expect(outcome("case x in x) ".repeat(10_000))).toBe("too-deep");
    expect(["too-deep", "unterminated-quote", "unexpected", "eof-backquote"]).toContain(outcome("`echo \\`".repeat(2_000)));
  });

  it("nesting just under the limit still parses", () => {
    const n = Math.floor(MAX_DEPTH / 2) - 5;
    expect(outcome("(".repeat(n) + "true" + ")".repeat(n))).toBe("ok");
    expect(outcome("echo " + "$(echo ".repeat(n) + ")".repeat(n))).toBe("ok");
  });

  it("a 1 MiB line", () => {
    const { r, ms } = timed("echo " + "a".repeat(1 << 20));
    expect(r).toBe("ok");
    expect(ms).toBeLessThan(5_000);
    expect(timed("echo '" + "a".repeat(1 << 20)).r).toBe("unterminated-quote");
    expect(timed("true;".repeat(1 << 17)).r).toBe("ok");
  });

  it("NUL bytes and control characters are ordinary characters", () => {
    expect(tree("echo a\0b")).toBe("(echo a\0b)");
    expect(tree("echo \x01\x7f")).toBe("(echo \x01\x7f)");
  });

  it("unterminated quotes of every kind", () => {
    expect(outcome("echo 'abc")).toBe("unterminated-quote");
    expect(outcome('echo "abc')).toBe("unterminated-quote");
    // ash/dash parsebackq(): "EOF in backquote substitution".
    expect(outcome("echo `abc")).toBe("eof-backquote");
    expect(outcome('echo "$(echo \'a)"')).not.toBe("ok");
    expect(outcome("echo $'abc")).toBe("unterminated-quote");
  });

  it("random punctuation", () => {
    for (const src of ["!@#$%^&*()_+-=[]{}|;':\",./<>?`~", ";;", "&&", "||", "|", "&", ")", "}", "<<", ">&", "$((", "${", "$(", "`", "'", '"', "\\", "((((", "))))", "<<<>>>", "!!", "!", "a=(", "${#}", "${##}", "$((1+", "case", "esac", "in"]) {
      expect(["ok", "unexpected", "unterminated-quote", "bad-substitution", "too-deep", "bad-function-name", "missing", "eof-backquote"], src).toContain(outcome(src));
    }
  });
});

describe("parser: aliases (ash/dash readtoken() CHKALIAS, pushstring(), popstring())", () => {
  const aliases = new Map([["ll", "ls -ld"], ["e", "echo "], ["a", "b"], ["b", "a"], ["s", "echo $(ll) "], ["kw", "if"]]);
  const opts: ParseOptions = { ...ASH, aliases };
  const t = (src: string) => script(parse(src, opts));

  it("replaces a command name, not an argument", () => {
    expect(t("ll /tmp ll")).toBe("(ls -ld /tmp ll)");
    expect(t("X=1 ll; echo ll | ll")).toBe("(X=1 ls -ld); (echo ll) | (ls -ld)");
    expect(t("'ll' x")).toBe("('ll' x)");
  });

  it("a value ending in a blank makes the next word a candidate too", () => {
    expect(t("e ll")).toBe("(echo ls -ld)");
    expect(t("e e x")).toBe("(echo echo x)");
    expect(t("e s")).toBe("(echo echo $((ls -ld)))");
  });

  it("an alias does not expand inside its own text", () => {
    expect(t("a")).toBe("(a)");
  });

  it("a reserved word is never an alias, but an alias may give one", () => {
    expect(t("kw true; then :; fi")).toBe(script(parse("if true; then :; fi", ASH)));
  });
});

describe("parser: the end of all input", () => {
  it("ends an open here-document there (checkend() at PEOF)", () => {
    const complete: ParseOptions = { ...ASH, complete: true };
    expect(script(parse("cat <<EOF\nno end", complete))).toBe("(cat <<EOF['no end'])");
    expect(script(parse("cat <<EOF\nno end\n", complete))).toBe("(cat <<EOF['no end\n'])");
    expect(script(parse("cat <<EOF", complete))).toBe("(cat <<EOF[])");
    expect(() => parse("cat <<EOF\nno end\n", ASH)).toThrow(ParseError);
  });

  it("names what is missing as ash and dash do", () => {
    const kind = (src: string, opts = ASH) => {
      try {
        parse(src, opts);
        return "ok";
      } catch (e) {
        return e instanceof ParseError ? JSON.stringify(e.error) : "thrown";
      }
    };
    expect(kind("case x in")).toBe(JSON.stringify({ kind: "unexpected", token: "end of file", text: "end of file", expecting: ")" }));
    expect(kind("case x in a) echo hi")).toBe(JSON.stringify({ kind: "unexpected", token: "end of file", text: "end of file", expecting: ";;" }));
    expect(kind("case x in ;; esac", DASH)).toBe(JSON.stringify({ kind: "unexpected", token: "word", text: "esac", expecting: ")" }));
    expect(kind("case")).toBe(JSON.stringify({ kind: "unexpected", token: "end of file", text: "end of file", expecting: "word" }));
    expect(kind("echo $((1+2)")).toBe(JSON.stringify({ kind: "missing", text: "))" }));
    expect(kind("echo ${x:-a")).toBe(JSON.stringify({ kind: "missing", text: "}" }));
    expect(kind('echo "${x')).toBe(JSON.stringify({ kind: "unterminated-quote" }));
  });
});
