// uniq [-cdui] [-f N] [-s N] [-w N] [INPUT [OUTPUT]] (BusyBox coreutils/uniq.c; GNU coreutils
// uniq.c): collapses adjacent equal lines, comparing after skipping N blank-separated fields and N
// characters, at most -w characters, -i ignoring case. -c prefixes "%7lu ". OUTPUT is created
// through the kernel. BusyBox opens with xopen(): "can't open 'F': …"; GNU "F: strerror".

import type { ProgramContext } from "../kernel/program.js";
import { errText as errTextOf, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { LineReader, Output, Tool, openInput, openWrite, parseBusyboxUnsigned } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-cdu][-f,s,w N] [INPUT [OUTPUT]]",
  full: "Discard duplicate lines\n\n\t-c\tPrefix lines by the number of occurrences\n\t-d\tOnly print duplicate lines\n\t-u\tOnly print unique lines\n\t-i\tIgnore case\n\t-f N\tSkip first N fields\n\t-s N\tSkip first N chars (after any skipped fields)\n\t-w N\tCompare N characters in line",
};

function compareKey(line: string, fields: number, chars: number, width: number, icase: boolean): string {
  let s = line;
  for (let i = 0; i < fields; i++) s = s.replace(/^[ \t]*[^ \t]*/, "");
  s = s.slice(chars).slice(0, width);
  return icase ? s.toLowerCase() : s;
}

async function uniqMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), "cduf:s:w:iDz", { permute: true, ...(t.busybox ? {} : { long: ["count", "repeated", "unique", "skip-fields=", "skip-chars=", "check-chars=", "ignore-case"] }) });
  if (isOptionError(parsed) || (t.busybox && (parsed.flags.has("D") || parsed.flags.has("z")))) {
    return optionError(ctx, isOptionError(parsed) ? parsed : { kind: "unknown", opt: parsed.flags.has("D") ? "D" : "z" }, USAGE);
  }
  const num = async (short: string, long: string, what: string): Promise<number | undefined | null> => {
    const v = parsed.values.get(short) ?? parsed.values.get(long);
    if (v === undefined) return undefined;
    const n = parseBusyboxUnsigned(v);
    if (n !== undefined) return n;
    await t.error(t.busybox ? `invalid number '${v}'` : `${v}: invalid number of ${what}`);
    return null;
  };
  const fields = await num("f", "--skip-fields", "fields to skip");
  if (fields === null) return 1;
  const chars = await num("s", "--skip-chars", "bytes to skip");
  if (chars === null) return 1;
  const width = await num("w", "--check-chars", "bytes to compare");
  if (width === null) return 1;
  const f = parsed.flags;
  const count = f.has("c") || f.has("--count");
  const onlyDup = f.has("d") || f.has("--repeated");
  const onlyUniq = f.has("u") || f.has("--unique");
  const icase = f.has("i") || f.has("--ignore-case");
  const [input = "-", output, extra] = parsed.operands;
  if (extra !== undefined) {
    if (t.busybox) return t.usage(USAGE);
    await t.tryHelp(`extra operand '${extra}'`);
    return 1;
  }
  const opened = await openInput(ctx, input);
  if (!opened.ok) {
    await t.error(t.busybox ? `can't open '${input}': ${errTextOf(ctx, opened.errno)}` : `${input}: ${errTextOf(ctx, opened.errno)}`);
    return 1;
  }
  let out: Output = t.out;
  if (output !== undefined && output !== "-") {
    const file = openWrite(ctx, output, {});
    if (!file.ok) {
      await t.error(t.busybox ? `can't open '${output}': ${errTextOf(ctx, file.errno)}` : `${output}: ${errTextOf(ctx, file.errno)}`);
      return 1;
    }
    out = new Output({ description: output, readable: false, writable: true, read: async () => "", write: file.write });
  }
  const reader: LineReader = opened.reader;
  const key = (l: string) => compareKey(l, fields ?? 0, chars ?? 0, width ?? Number.MAX_SAFE_INTEGER, icase);
  let prev: string | undefined;
  let prevKey = "";
  let dups = 0;
  const emit = async () => {
    if (prev === undefined) return;
    if (dups > 0 ? onlyUniq : onlyDup) return;
    await out.write(`${count ? `${String(dups + 1).padStart(7)} ` : ""}${prev}\n`);
  };
  for (;;) {
    const line = await reader.next();
    if (line === undefined) break;
    const k = key(line);
    if (prev !== undefined && k === prevKey) dups++;
    else {
      await emit();
      prev = line;
      prevKey = k;
      dups = 0;
    }
    await t.checkpoint();
  }
  await emit();
  await out.flush();
  return 0;
}

export const uniq: Command = { name: "uniq", main: uniqMain, usage: USAGE };
