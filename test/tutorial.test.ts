// The tutorial end to end: each test/golden/tutorial/NAME.sh is typed line by line into a fresh
// sandbox (podlab run's replay, virtual clock) and the whole screen must equal NAME.txt.
// The .sh header names the scenario, clock start, think time and terminal width; each
// `# tutorial: LINE` is a line the tutorial page itself prints (with the real column spacing the
// page compresses, and this clock's dates), which the screen must contain
// (so a regenerated golden cannot drift from the page).

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replay } from "../server/cli/run.js";

const DIR = fileURLToPath(new URL("./golden/tutorial/", import.meta.url));

function loadScript(file: string) {
  const header = new Map<string, string>();
  const tutorial: string[] = [];
  const lines: string[] = [];
  for (const line of readFileSync(DIR + file, "utf8").split("\n")) {
    const m = /^# ([\w-]+): (.*)$/.exec(line);
    if (lines.length === 0 && line.startsWith("#")) {
      if (m?.[1] === "tutorial") tutorial.push(m[2]!);
      else if (m) header.set(m[1]!, m[2]!);
    } else if (line !== "") lines.push(line);
  }
  return { header, tutorial, lines };
}

describe("tutorial transcripts", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".sh")).sort()) {
    it(file.replace(/\.sh$/, ""), async () => {
      const { header, tutorial, lines } = loadScript(file);
      const { transcript } = await replay({
        scenario: header.get("scenario")!, lines, thinkSeconds: Number(header.get("think") ?? 3),
        cols: Number(header.get("cols") ?? 80), start: Date.parse(header.get("start")!),
      });
      const expected = readFileSync(DIR + file.replace(/\.sh$/, ".txt"), "utf8");
      const screen = transcript.split("\n");
      expect(tutorial.filter((line) => !screen.includes(line)), "lines the tutorial shows").toEqual([]);
      expect(screen).toEqual(expected.split("\n"));
    }, 60_000);
  }
});
