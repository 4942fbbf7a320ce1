// Every golden transcript under test/golden/{shell,commands,differential}, line for line
// (differential ones are recorded from real Linux by test/differential/record.mjs).

import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTranscript, runTranscript, transcriptFiles } from "./helpers/golden-transcript.js";

for (const dir of ["shell", "commands", "differential"]) {
  describe(`golden transcripts: ${dir}`, () => {
    for (const file of transcriptFiles(dir)) {
      it(basename(file, ".txt"), async () => {
        const t = loadTranscript(file);
        expect(t.header.get("source"), "every golden names its source").toBeDefined();
        // One comparison per file, so that a failure shows every step that differs.
        const results = await runTranscript(t);
        expect(results.map((r) => ({ command: r.command, output: r.actual }))).toEqual(results.map((r) => ({ command: r.command, output: r.expected })));
      });
    }
  });
}
