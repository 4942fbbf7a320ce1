// Every golden transcript under test/golden/commands and test/golden/shell, line for line.

import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTranscript, runTranscript, transcriptFiles } from "./helpers/golden-transcript.js";

for (const dir of ["shell", "commands"]) {
  describe(`golden transcripts: ${dir}`, () => {
    for (const file of transcriptFiles(dir)) {
      it(basename(file, ".txt"), async () => {
        const t = loadTranscript(file);
        expect(t.header.get("source"), "every golden names its source").toBeDefined();
        for (const r of await runTranscript(t)) {
          expect({ command: r.command, output: r.actual }).toEqual({ command: r.command, output: r.expected });
        }
      });
    }
  });
}
