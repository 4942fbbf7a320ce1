// cut -b LIST | -c LIST | -f LIST [-d C] [-s] [FILE]… (BusyBox coreutils/cut.c; GNU coreutils
// cut.c + set-fields.c). BusyBox keeps its list quirks: "0" means 1, "N-M" with M < N selects only
// N, lists are sorted by start, a field list with "-d '\n'" selects lines, unreadable operands
// (a directory) are silent. GNU prints positions in input order, rejects 0 and decreasing ranges
// with its "Try --help" errors, and supports --output-delimiter.

import { errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { LineReader, Tool, openInput, parseBusyboxUnsigned, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [FILE]...",
  full: "Print selected fields from each input FILE to stdout\n\n\t-b LIST\tOutput only bytes from LIST\n\t-c LIST\tOutput only characters from LIST\n\t-d CHAR\tUse CHAR instead of tab as the field delimiter\n\t-s\tOutput only the lines containing delimiter\n\t-f N\tPrint only these fields\n\t-n\tIgnored",
};

const EOL = Number.MAX_SAFE_INTEGER;
const NON_RANGE = -1;

interface Range {
  start: number;
  end: number;
}

/** BusyBox's list parser: zero-based starts, NON_RANGE for a single position. */
function busyboxLists(list: string): Range[] | string {
  const out: Range[] = [];
  for (const tok of list.split(",")) {
    if (tok === "") continue;
    const dash = tok.indexOf("-");
    const a = dash < 0 ? tok : tok.slice(0, dash);
    let s = 0;
    if (a !== "") {
      const n = parseBusyboxUnsigned(a);
      if (n === undefined || n > 0x7fffffff) return `invalid number '${a}'`;
      s = n === 0 ? 0 : n - 1;
    }
    let e: number;
    if (dash < 0) e = NON_RANGE;
    else if (tok.slice(dash + 1) === "") e = EOL;
    else {
      const b = tok.slice(dash + 1);
      const n = parseBusyboxUnsigned(b);
      if (n === undefined || n > 0x7fffffff) return `invalid number '${b}'`;
      e = (n === 0 ? EOL : n) - 1;
      if (e === s) e = NON_RANGE;
    }
    out.push({ start: s, end: e });
  }
  if (out.length === 0) return "missing list of positions";
  return out.sort((x, y) => x.start - y.start);
}

function busyboxCutLine(line: string, lists: Range[], mode: "chars" | "fields", delim: string, suppress: boolean): string | undefined {
  if (mode === "chars") {
    const printed = new Set<number>();
    let out = "";
    for (const r of lists) {
      for (let p = r.start; p < line.length; ) {
        if (!printed.has(p)) {
          printed.add(p);
          out += line[p];
        }
        p++;
        if (p > r.end) break;
      }
    }
    return out;
  }
  if (!line.includes(delim)) return suppress ? undefined : line;
  const fields = line.split(delim);
  const printed = new Set<number>();
  const shown: string[] = [];
  let consumed = -1;
  for (const r of lists) {
    if (consumed >= fields.length - 1) break;
    let p = r.start;
    do {
      if (p > consumed) consumed = Math.min(p, fields.length - 1);
      if (p < fields.length && !printed.has(p)) {
        printed.add(p);
        shown.push(fields[p]!);
      }
      p++;
    } while (p <= r.end && consumed < fields.length - 1 && r.end !== NON_RANGE);
  }
  return shown.join(delim);
}

interface GnuList {
  ranges: Range[];
}

/** GNU set_fields(): the list grammar and its messages (8.23 wording, or 9.x's). */
function gnuLists(t: Tool, list: string, fields: boolean): GnuList | string {
  const modern = !/^8\./.test(t.ctx.exe.version);
  const fromOne = modern ? (fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1") : "fields and positions are numbered from 1";
  const badRange = modern ? (fields ? "invalid field range" : "invalid byte or character range") : "invalid byte, character or field list";
  const ranges: Range[] = [];
  let initial = 1;
  let value = 0;
  let lhs = false;
  let rhs = false;
  let dash = false;
  for (let i = 0; ; i++) {
    const c = list[i];
    if (c === "-") {
      if (dash) return badRange;
      dash = true;
      if (lhs && value === 0) return fromOne;
      initial = lhs ? value : 1;
      value = 0;
    } else if (c === undefined || c === "," || c === " " || c === "\t") {
      if (dash) {
        dash = false;
        if (!lhs && !rhs) return "invalid range with no endpoint: -";
        if (!rhs) ranges.push({ start: initial, end: EOL });
        else {
          if (value < initial) return "invalid decreasing range";
          ranges.push({ start: initial, end: value });
        }
      } else {
        if (value === 0) return fromOne;
        ranges.push({ start: value, end: value });
      }
      value = 0;
      if (c === undefined) break;
      lhs = false;
      rhs = false;
    } else if (c >= "0" && c <= "9") {
      if (dash) rhs = true;
      else lhs = true;
      value = value * 10 + Number(c);
    } else {
      if (!modern) return "invalid byte, character or field list";
      return `${fields ? "invalid field value" : "invalid byte/character position"} '${list.slice(i)}'`;
    }
  }
  return { ranges };
}

const gnuSelected = (ranges: Range[], pos: number) => ranges.some((r) => pos >= r.start && pos <= r.end);

async function cutMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), "b:c:f:d:sn", { permute: true, ...(t.busybox ? {} : { long: ["bytes=", "characters=", "fields=", "delimiter=", "only-delimited", "output-delimiter=", "complement"] }) });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const v = parsed.values;
  const pick = (short: string, long: string) => v.get(short) ?? v.get(long);
  const lists = [["b", pick("b", "--bytes")], ["c", pick("c", "--characters")], ["f", pick("f", "--fields")]].filter((x) => x[1] !== undefined) as [string, string][];
  const fail = async (msg: string) => {
    if (t.busybox) await t.error(msg);
    else await t.tryHelp(msg);
    return 1;
  };
  if (lists.length > 1) return t.busybox ? t.usage(USAGE) : fail(/^8\./.test(ctx.exe.version) ? "only one type of list may be specified" : "only one list may be specified");
  if (lists.length === 0) return fail(t.busybox ? "expected a list of bytes, characters, or fields" : "you must specify a list of bytes, characters, or fields");
  const [kind, list] = lists[0]!;
  const delimOpt = pick("d", "--delimiter");
  if (delimOpt !== undefined && delimOpt.length > 1) return fail("the delimiter must be a single character");
  // An empty -d is the NUL byte in both builds.
  const delim = delimOpt === undefined ? "\t" : delimOpt === "" ? "\0" : delimOpt;
  const suppress = parsed.flags.has("s") || parsed.flags.has("--only-delimited");
  if (kind !== "f") {
    const delimError = delimOpt !== undefined && (t.busybox ? delim !== "\t" : true);
    if (delimError && !t.busybox) return fail("an input delimiter may be specified only when operating on fields");
    if (suppress) return fail(t.busybox ? "suppressing non-delimited lines makes sense only when operating on fields" : "suppressing non-delimited lines makes sense\n\tonly when operating on fields");
    if (delimError) return fail("a delimiter may be specified only when operating on fields");
  }
  let cutLine: (line: string) => string | undefined;
  if (t.busybox) {
    const ranges = busyboxLists(list);
    if (typeof ranges === "string") return (await t.error(ranges), 1);
    if (kind === "f" && delim === "\n") {
      let lineNo = -1;
      cutLine = (line) => {
        lineNo++;
        return ranges.some((r) => lineNo === r.start || (r.end !== NON_RANGE && lineNo >= r.start && lineNo <= r.end)) ? line : undefined;
      };
    } else cutLine = (line) => busyboxCutLine(line, ranges, kind === "f" ? "fields" : "chars", delim, suppress);
  } else {
    const g = gnuLists(t, list, kind === "f");
    if (typeof g === "string") return fail(g);
    const complement = parsed.flags.has("--complement");
    const outDelim = v.get("--output-delimiter") ?? (kind === "f" ? delim : undefined);
    const want = (p: number) => gnuSelected(g.ranges, p) !== complement;
    cutLine = (line) => {
      if (kind === "f") {
        if (!line.includes(delim)) return suppress ? undefined : line;
        return line.split(delim).filter((_, i) => want(i + 1)).join(outDelim);
      }
      let out = "";
      let prev = false;
      for (let i = 0; i < line.length; i++) {
        if (!want(i + 1)) {
          prev = false;
          continue;
        }
        if (!prev && out !== "" && outDelim !== undefined) out += outDelim;
        out += line[i];
        prev = true;
      }
      return out;
    };
  }
  let status = 0;
  const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  for (const f of files) {
    const opened = await openInput(ctx, f);
    if (!opened.ok) {
      status = 1;
      await t.perror(f, opened.errno);
      continue;
    }
    const reader: LineReader = opened.reader;
    for (;;) {
      let line: string | undefined;
      try {
        line = await reader.next();
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
        if (!t.busybox) {
          status = 1;
          await t.perror(f, e);
        }
        break;
      }
      if (line === undefined) break;
      const shown = cutLine(line);
      if (shown !== undefined) await t.print(`${shown}\n`);
      await t.checkpoint();
    }
  }
  await t.out.flush();
  return status;
}

export const cut: Command = { name: "cut", main: cutMain, usage: USAGE };
