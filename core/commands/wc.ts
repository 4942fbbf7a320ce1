// wc [-clwLm] [FILE]… (BusyBox coreutils/wc.c; GNU coreutils wc.c). BusyBox prints every count
// as "%9llu" separated by spaces, or a bare number for one count of one input; GNU sizes the
// columns from the inputs' st_size (digits of the total of regular files, at least 7 when one is a
// pipe or a device; width 1 for one count of one file). Both count a word as a run of printable
// non-space bytes, -L expands tabs to 8 columns, and "total" follows when there are several operands.

import { errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { errText, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { Tool, openSource, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-cmlwL] [FILE]...",
  full: "Count lines, words, and bytes for each FILE (or stdin)\n\n\t-c\tCount bytes\n\t-m\tCount characters\n\t-l\tCount newlines\n\t-w\tCount words\n\t-L\tPrint longest line length",
};

/** Column order: lines, words, chars, bytes, max line length (both tools). */
type Counts = [number, number, number, number, number];
const KEYS = ["l", "w", "m", "c", "L"] as const;

/** Counts one buffer, carrying word/column state across chunks. */
class Counter {
  counts: Counts = [0, 0, 0, 0, 0];
  private inWord = false;
  private col = 0;

  add(chunk: string): void {
    const c = this.counts;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      c[3]++;
      c[2]++;
      if (code >= 0x20 && code < 0x7f) {
        this.col++;
        if (code !== 0x20) {
          this.inWord = true;
          continue;
        }
      } else if (code >= 9 && code <= 13) {
        if (code === 9) this.col = (this.col | 7) + 1;
        else this.endLine(code);
      } else continue;
      if (this.inWord) c[1]++;
      this.inWord = false;
    }
  }

  private endLine(code: number): void {
    if (this.col > this.counts[4]) this.counts[4] = this.col;
    if (code === 10) this.counts[0]++;
    if (code !== 11) this.col = 0;
  }

  finish(): Counts {
    this.endLine(-1);
    if (this.inWord) this.counts[1]++;
    this.inWord = false;
    return this.counts;
  }
}

/** GNU compute_number_width(). */
function gnuWidth(ctx: ProgramContext, files: readonly string[], oneCount: boolean): number {
  if (files.length === 1 && oneCount) return 1;
  let total = 0;
  let minimum = 1;
  for (const f of files) {
    try {
      const st = f === "-" ? (ctx.stdin.description.startsWith("/") ? ctx.sys.stat(ctx.stdin.description) : undefined) : ctx.sys.stat(f);
      if (st === undefined || (st.mode & 0o170000) !== 0o100000) minimum = 7;
      else total += st.size;
    } catch {
      /* a failed stat() does not count */
    }
  }
  return Math.max(String(total).length, minimum);
}

async function wcMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), "lwmcL", { permute: true, ...(t.busybox ? {} : { long: ["lines", "words", "chars", "bytes", "max-line-length"] }) });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const long: Record<string, string> = { "--lines": "l", "--words": "w", "--chars": "m", "--bytes": "c", "--max-line-length": "L" };
  const selected = new Set([...parsed.flags].map((f) => long[f] ?? f));
  if (selected.size === 0) for (const k of ["l", "w", "c"]) selected.add(k);
  const named = parsed.operands.length > 0;
  const files = named ? parsed.operands : ["-"];
  const oneCount = selected.size === 1;
  const width = t.busybox ? 9 : gnuWidth(ctx, files, oneCount);
  const format = (counts: Counts, name: string | undefined): string => {
    const cols = KEYS.map((k, i) => (selected.has(k) ? String(counts[i]) : undefined)).filter((v): v is string => v !== undefined);
    const bare = t.busybox && oneCount && files.length === 1;
    const body = cols.map((v) => (bare ? v : v.padStart(width))).join(" ");
    return `${body}${name === undefined ? "" : ` ${name}`}\n`;
  };
  const totals: Counts = [0, 0, 0, 0, 0];
  let status = 0;
  for (const f of files) {
    const opened = await openSource(ctx, f);
    if (!opened.ok) {
      status = 1;
      await t.perror(f, opened.errno);
      continue;
    }
    const counter = new Counter();
    try {
      for (;;) {
        const chunk = await opened.src.read(65536);
        if (chunk === "") break;
        counter.add(chunk);
        await t.checkpoint();
      }
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
      status = 1;
      await t.error(`${f}: ${errText(ctx, e)}`);
    }
    const counts = counter.finish();
    for (let i = 0; i < 4; i++) totals[i]! += counts[i]!;
    totals[4] = Math.max(totals[4], counts[4]);
    await t.print(format(counts, named ? f : undefined));
  }
  if (files.length > 1) await t.print(format(totals, "total"));
  await t.out.flush();
  return status;
}

export const wc: Command = { name: "wc", main: wcMain, usage: USAGE };
