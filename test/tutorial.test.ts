// Golden transcripts typed into a fresh sandbox: each test/golden/<suite>/NAME.sh is typed line by
// line (podlab run's replay, virtual clock) and the whole screen must equal NAME.txt.
//
// The .sh header (the leading `#` lines) names the scenario, clock start, think time and terminal
// width (`# scenario:`, `# start:`, `# think:`, `# cols:`). Suites:
// - tutorial/: each `# tutorial: LINE` is a line the tutorial page itself prints (with the real
//   column spacing the page compresses, and this clock's dates), which the screen must contain (so a
//   regenerated golden cannot drift from the page).
// - kubectl/: printer goldens; each needs `# source:` lines naming the reference section or the
//   upstream file every expectation was verified against, and how.

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replay } from "../server/cli/run.js";

interface Suite {
  readonly name: string;
  /** Header keys that may repeat, collected in order (every other key is single-valued). */
  readonly lists: readonly string[];
  /** A header key each script must have at least once. */
  readonly required?: string;
}

const SUITES: readonly Suite[] = [
  { name: "tutorial", lists: ["tutorial"] },
  { name: "kubectl", lists: ["source"], required: "source" },
];

function loadScript(dir: string, file: string, suite: Suite) {
  const header = new Map<string, string>();
  const lists = new Map<string, string[]>(suite.lists.map((k) => [k, []]));
  const lines: string[] = [];
  for (const line of readFileSync(dir + file, "utf8").split("\n")) {
    const m = /^# ([\w-]+): (.*)$/.exec(line);
    if (lines.length === 0 && line.startsWith("#")) {
      if (m && lists.has(m[1]!)) lists.get(m[1]!)!.push(m[2]!);
      else if (m) header.set(m[1]!, m[2]!);
    } else if (line !== "") lines.push(line);
  }
  return { header, lists, lines };
}

for (const suite of SUITES) {
  const dir = fileURLToPath(new URL(`./golden/${suite.name}/`, import.meta.url));
  describe(`${suite.name} transcripts`, () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sh")).sort()) {
      it(file.replace(/\.sh$/, ""), async () => {
        const { header, lists, lines } = loadScript(dir, file, suite);
        expect(header.get("scenario"), "# scenario: header").toBeDefined();
        expect(Number.isNaN(Date.parse(header.get("start") ?? "")), "# start: header").toBe(false);
        if (suite.required !== undefined) expect(lists.get(suite.required)!.length, `# ${suite.required}: lines`).toBeGreaterThan(0);
        const { transcript } = await replay({
          scenario: header.get("scenario")!, lines, thinkSeconds: Number(header.get("think") ?? 3),
          cols: Number(header.get("cols") ?? 80), start: Date.parse(header.get("start")!),
        });
        const expected = readFileSync(dir + file.replace(/\.sh$/, ".txt"), "utf8");
        const screen = transcript.split("\n");
        const shown = lists.get("tutorial") ?? [];
        expect(shown.filter((line) => !screen.includes(line)), "lines the tutorial shows").toEqual([]);
        expect(screen).toEqual(expected.split("\n"));
      }, 60_000);
    }
  });
}
