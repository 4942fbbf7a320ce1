import headless from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { RESET, Screen } from "./screen.js";

const { Terminal } = headless;

/** What a fresh terminal shows after writing `data`. */
async function render(data: string, cols = 40, rows = 6): Promise<string[]> {
  const t = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  await new Promise<void>((r) => t.write(data, r));
  const b = t.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)!.translateToString(true));
  t.dispose();
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

describe("Screen", () => {
  it("snapshots exactly the output written before it, in order with resizes", async () => {
    const s = new Screen(40, 6);
    s.write("one\r\n\x1b[1mtwo\x1b[0m\r\n");
    const first = s.snapshot();
    s.write("three\r\n");
    s.resize(20, 6);
    const second = s.snapshot();
    expect((await first).startsWith(RESET)).toBe(true);
    expect(await render(await first)).toEqual(["one", "two"]);
    expect(await render(await second, 20)).toEqual(["one", "two", "three"]);
    s.dispose();
  });

  it("parses a flood a small chunk per host turn, not all at once", async () => {
    const s = new Screen(80, 24);
    const flood = "y\r\n".repeat(100_000);
    s.write(flood);
    expect(s.backlog).toBe(flood.length);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      seen.push(s.backlog);
    }
    // A few turns parsed a few chunks (4 KiB each), not the whole 300 KB.
    expect(seen.at(-1)!).toBeGreaterThan(flood.length - 12 * 4096);
    expect(seen.at(-1)!).toBeLessThan(flood.length);
    const snap = await s.snapshot();
    expect(s.backlog).toBe(0);
    expect((await render(snap, 80, 24)).slice(-2)).toEqual(["y", "y"]);
    s.dispose();
  });
});
