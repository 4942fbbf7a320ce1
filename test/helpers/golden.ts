// Golden files: a header of `#` lines naming the source, then the exact expected bytes.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function readGolden(relative: string): { header: string[]; body: string } {
  const text = readFileSync(fileURLToPath(new URL(`../golden/${relative}`, import.meta.url)), "utf8");
  const lines = text.split("\n");
  const header: string[] = [];
  while (lines.length > 0 && lines[0]!.startsWith("#")) header.push(lines.shift()!);
  return { header, body: lines.join("\n") };
}
