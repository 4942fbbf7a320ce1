// Property tests: random command lines built from the shell's own pieces (words, quotes,
// operators, redirections, $-expansions, reserved words). parse() either returns a tree or throws
// a ParseError; running the lines in an interactive session never crashes the emulator.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { busybox128 } from "../core/images/busybox.js";
import { nodeHello } from "../core/images/node-hello.js";
import { ParseError, type ParseOptions, parse } from "../core/shell/parser.js";
import { startSession } from "./helpers/world.js";

const WORDS = ["echo", "x", "a b", "true", "false", ":", "cat", "ls", "-l", "/tmp", "f", "i", "*", "?", "[a-z]", "~", "~root", "=", "x=1", "y=", "A=b", "1", "0", "-", "--", "#", "%"];
const KEYWORDS = ["if", "then", "else", "elif", "fi", "for", "in", "do", "done", "case", "esac", "while", "until", "{", "}", "!", "function"];
const OPERATORS = [";", "&", "|", "&&", "||", "(", ")", ";;", "\n", "()", "&>"];
const REDIRECTIONS = [">", "<", ">>", "2>&1", ">&2", "<&-", "2>", "<>", ">|", "<<EOF", "<<'EOF'", "<<-EOF", "3<"];
const EXPANSIONS = ["$x", "${x}", "${x:-d}", "${x#*/}", "${x%%.*}", "${#x}", "${x:?m}", "${x=v}", "$?", "$#", "$@", "\"$@\"", "$*", "$$", "$!", "$(echo a)", "$( (b) )", "`echo c`", "$((1+2))", "$((x*2))", "$((1/0))", "${", "$(", "$((", "\\$"];
const QUOTES = ["'q'", "\"d $x\"", "'", "\"", "\\", "\\\n", "$'e\\t'", "\"a'b\"", "''", "\"\""];
const OTHER = ["EOF", "\t", " ", "\\\\", "\0", "é", "\x7f", "#c", "$", "`"];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...OPERATORS) },
  { weight: 2, arbitrary: fc.constantFrom(...REDIRECTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...EXPANSIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...QUOTES) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const commandLine = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 14 }), fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }))
  .map(([pieces, spaces]) => pieces.map((p, i) => (spaces[i] ? `${p} ` : p)).join(""));

const DIALECTS: ParseOptions[] = [{ bashisms: true, dialect: "ash" }, { bashisms: false, dialect: "dash" }, { bashisms: true, dialect: "bash" }];

describe("property: parse()", () => {
  it("10,000 random command lines: a tree or a ParseError, nothing else", () => {
    let errors = 0;
    let trees = 0;
    fc.assert(
      fc.property(commandLine, fc.constantFrom(...DIALECTS), (line, opts) => {
        try {
          parse(line, opts);
          trees++;
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
          errors++;
        }
      }),
      { numRuns: 10_000, seed: 20_240_601 },
    );
    // Both outcomes are exercised.
    expect(trees).toBeGreaterThan(500);
    expect(errors).toBeGreaterThan(500);
  });
});

/** Lines that finish quickly: no loops that could run forever, no function definitions. */
const runnable = (line: string) => {
  if (/\b(while|until|function|cat|yes)\b|\(\)/.test(line)) return false;
  try {
    parse(line, { bashisms: true, dialect: "ash" });
    return true;
  } catch {
    return false;
  }
};

describe("property: running random command lines", () => {
  for (const [name, image] of [["ash", busybox128], ["dash", nodeHello]] as const) {
    it(`${name}: 150 random lines in a session never crash the emulator`, async () => {
      const lines = fc.sample(commandLine.filter(runnable), { numRuns: 150, seed: name === "ash" ? 7 : 11 });
      let session = await startSession({ image, as: { uid: 1000, gid: 3000, groups: [2000] } });
      const failures: unknown[] = [];
      const watch = (s: typeof session) => void s.done.catch((e: unknown) => failures.push(e));
      watch(session);
      for (const line of lines) {
        if (!session.shell.alive) {
          session = await startSession({ image, as: { uid: 1000, gid: 3000, groups: [2000] } });
          watch(session);
        }
        session.pty.input(`${line.replace(/\n/g, "\r")}\r`);
        // Wait (host time) until the shell reads again; ^C anything still running after 300 ms.
        const started = performance.now();
        let interrupted = false;
        for (;;) {
          await new Promise<void>((r) => setImmediate(r));
          if (session.pty.waitingReaders > 0 || !session.shell.alive) break;
          session.node.clock.advanceToNextTimer();
          if (!interrupted && performance.now() - started > 300) {
            session.pty.input("\x03");
            interrupted = true;
          }
          if (performance.now() - started > 2_000) throw new Error(`stuck on ${JSON.stringify(line)}`);
        }
        // Leave any open quote or here-document before the next line.
        if (session.shell.alive) session.pty.input("\x03");
      }
      await new Promise<void>((r) => setTimeout(r, 10));
      expect(failures).toEqual([]);
    }, 20_000);
  }
});
