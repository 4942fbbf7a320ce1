// sort [-nrugMcszbdfih…] [-o FILE] [-k KEYDEF]… [-t C] [FILE]… (BusyBox coreutils/sort.c with
// FEATURE_SORT_BIG; GNU coreutils sort.c). Lines are read whole (every operand; BusyBox and GNU
// stop at the first unreadable one, exit 2), compared key by key, then — unless -s or -u — by the
// whole line with strcmp (C locale). BusyBox has no -h and parses -n with atof(); GNU compares
// numbers textually (-n), with SI suffixes (-h), and fields include their leading blanks.

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { Output, Tool, openWrite, readWhole } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-nrugMcszbdfiokt] [-o FILE] [-k start[.offset][opts][,end[.offset][opts]] [-t CHAR] [FILE]...",
  full: "Sort lines of text\n\n\t-o FILE\tOutput to FILE\n\t-c\tCheck whether input is sorted\n\t-b\tIgnore leading blanks\n\t-f\tIgnore case\n\t-i\tIgnore unprintable characters\n\t-d\tDictionary order (blank or alphanumeric only)\n\t-g\tGeneral numerical sort\n\t-M\tSort month\n\t-n\tSort numbers\n\t-t CHAR\tField separator\n\t-k N[,M] Sort by Nth field\n\t-r\tReverse sort order\n\t-s\tStable (don't sort ties alphabetically)\n\t-u\tSuppress duplicate lines\n\t-z\tLines are terminated by NUL, not newline",
};

/** Ordering options of a key (or the global ones). */
interface Order {
  n: boolean; g: boolean; h: boolean; M: boolean; V: boolean; r: boolean; f: boolean; d: boolean; i: boolean;
  /** Leading blanks skipped at the key's start (b before the comma) and end (b after it). */
  bStart: boolean; bEnd: boolean;
}

interface Key {
  sField: number; sChar: number; eField: number; eChar: number;
  order: Order | undefined;
}

const noOrder = (): Order => ({ n: false, g: false, h: false, M: false, V: false, r: false, f: false, d: false, i: false, bStart: false, bEnd: false });
const isBlank = (c: string | undefined) => c === " " || c === "\t";
const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** C strtod() prefix: the number and whether any was found. */
function strtod(s: string): { v: number; ok: boolean } {
  const m = /^[ \t\n\v\f\r]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf(inity)?|nan))/i.exec(s);
  if (m === null) return { v: 0, ok: false };
  const t = m[1]!.toLowerCase();
  return { v: t.includes("nan") ? Number.NaN : t.includes("inf") ? (t.startsWith("-") ? -Infinity : Infinity) : Number(t), ok: true };
}

// ---- BusyBox ----------------------------------------------------------------------------------

function bbKeyText(line: string, key: Key, o: Order, bbTrailing: boolean, sep: string | undefined): string {
  const len = line.length;
  let start = 0;
  let end = len;
  for (let j = 0; j < 2; j++) {
    const field = j === 0 ? key.sField : key.eField;
    let pos: number;
    let ch = "";
    if (field === 0) pos = len;
    else {
      pos = 0;
      for (let i = 1; i < field + j; i++) {
        if (sep !== undefined) {
          while (pos < len) {
            ch = line[pos++]!;
            if (ch === sep) break;
            ch = "";
          }
        } else {
          while (isSpace(line[pos])) pos++;
          while (pos < len && !isSpace(line[pos])) pos++;
        }
      }
      if (j === 1 && ch !== "") pos--;
    }
    if (j === 0) start = pos;
    else end = pos;
  }
  if (o.bStart) while (isSpace(line[start])) start++;
  if (bbTrailing) while (end > start && isSpace(line[end - 1])) end--;
  if (key.eChar) end = Math.min(key.eChar, len);
  if (key.sChar) start = Math.min(start + key.sChar - 1, len);
  if (end < start) end = start;
  let s = line.slice(start, end);
  if (o.d) s = [...s].filter((c) => isSpace(c) || /[0-9A-Za-z]/.test(c)).join("");
  if (o.i) s = [...s].filter((c) => c >= " " && c <= "~").join("");
  if (o.f) s = s.toUpperCase();
  return s;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function bbCompare(a: string, b: string, keys: Key[], global: Order, globalBB: boolean, stable: boolean, sep: string | undefined): number {
  let ret = 0;
  let flags = global;
  for (const key of keys) {
    if (ret !== 0) break;
    flags = key.order ?? global;
    const trailing = key.order === undefined ? globalBB : key.order.bEnd;
    const x = bbKeyText(a, key, flags, trailing, sep);
    const y = bbKeyText(b, key, flags, trailing, sep);
    if (flags.n) {
      const dx = strtod(x).v;
      const dy = strtod(y).v;
      ret = dx > dy ? 1 : dx < dy ? -1 : 0;
    } else if (flags.g) ret = compareGeneral(x, y);
    else if (flags.M) ret = compareMonth(x, y);
    else ret = cmpStr(x, y);
  }
  if (ret === 0 && !stable) {
    flags = global;
    ret = cmpStr(a, b);
  }
  return flags.r ? -ret : ret;
}

function compareGeneral(x: string, y: string): number {
  const a = strtod(x);
  const b = strtod(y);
  if (!a.ok) return b.ok ? -1 : 0;
  if (!b.ok) return 1;
  if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : -1;
  if (Number.isNaN(b.v)) return 1;
  return a.v > b.v ? 1 : a.v < b.v ? -1 : 0;
}

function compareMonth(x: string, y: string): number {
  const m = (s: string) => MONTHS.indexOf(s.trimStart().slice(0, 3).toUpperCase());
  const a = m(x);
  const b = m(y);
  return a === b ? 0 : a < b ? -1 : 1;
}

// ---- GNU --------------------------------------------------------------------------------------

/** GNU begfield()/limfield(): the key's [start, end) in the line. */
function gnuKeyRange(line: string, key: Key, o: Order, tab: string | undefined): [number, number] {
  const len = line.length;
  const skipFields = (n: number): number => {
    let p = 0;
    for (let k = 0; k < n && p < len; k++) {
      if (tab !== undefined) {
        while (p < len && line[p] !== tab) p++;
        if (p < len) p++;
      } else {
        while (p < len && isBlank(line[p])) p++;
        while (p < len && !isBlank(line[p])) p++;
      }
    }
    return p;
  };
  let start = skipFields(key.sField - 1);
  if (o.bStart) while (start < len && isBlank(line[start])) start++;
  start = Math.min(len, start + Math.max(0, key.sChar - 1));
  let end = len;
  if (key.eField > 0) {
    if (key.eChar === 0) {
      end = skipFields(key.eField - 1);
      if (tab !== undefined) while (end < len && line[end] !== tab) end++;
      else {
        while (end < len && isBlank(line[end])) end++;
        while (end < len && !isBlank(line[end])) end++;
      }
    } else {
      end = skipFields(key.eField - 1);
      if (o.bEnd) while (end < len && isBlank(line[end])) end++;
      end = Math.min(len, end + key.eChar);
    }
  }
  return [start, Math.max(start, end)];
}

/** GNU numcompare(): textual comparison of decimal numbers (no thousands separator in C locale). */
function gnuNumber(s: string): { neg: boolean; int: string; frac: string } {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  const int = m[2]!.replace(/^0+/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const zero = int === "" && frac === "";
  return { neg: m[1] === "-" && !zero, int, frac };
}

function compareNumeric(x: string, y: string): number {
  const a = gnuNumber(x);
  const b = gnuNumber(y);
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  let r = a.int.length !== b.int.length ? (a.int.length < b.int.length ? -1 : 1) : cmpStr(a.int, b.int) || cmpStr(a.frac, b.frac);
  if (a.neg) r = -r;
  return r;
}

function compareHuman(x: string, y: string): number {
  const order = "KMGTPEZYRQ";
  const suffix = (s: string) => {
    const m = /^[ \t]*-?\d*(?:\.\d*)?([kKMGTPEZYRQ])?/.exec(s)!;
    return m[1] === undefined ? 0 : order.indexOf(m[1].toUpperCase()) + 1;
  };
  const sx = suffix(x) * (gnuNumber(x).neg ? -1 : 1);
  const sy = suffix(y) * (gnuNumber(y).neg ? -1 : 1);
  return sx !== sy ? (sx < sy ? -1 : 1) : compareNumeric(x, y);
}

function compareVersion(x: string, y: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const a = parts(x);
  const b = parts(y);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i] ?? "";
    const q = b[i] ?? "";
    const r = /^\d/.test(p) && /^\d/.test(q) ? Number(p) - Number(q) : cmpStr(p, q);
    if (r !== 0) return r < 0 ? -1 : 1;
  }
  return 0;
}

function gnuKeyCompare(a: string, b: string, key: Key, o: Order, tab: string | undefined): number {
  const [s1, e1] = gnuKeyRange(a, key, o, tab);
  const [s2, e2] = gnuKeyRange(b, key, o, tab);
  let x = a.slice(s1, e1);
  let y = b.slice(s2, e2);
  let r: number;
  if (o.n) r = compareNumeric(x, y);
  else if (o.h) r = compareHuman(x, y);
  else if (o.g) r = compareGeneral(x, y);
  else if (o.M) r = compareMonth(x, y);
  else if (o.V) r = compareVersion(x, y);
  else {
    const keep = (c: string) => (!o.d || isBlank(c) || /[0-9A-Za-z]/.test(c)) && (!o.i || (c >= " " && c <= "~"));
    if (o.d || o.i) {
      x = [...x].filter(keep).join("");
      y = [...y].filter(keep).join("");
    }
    if (o.f) {
      x = x.toUpperCase();
      y = y.toUpperCase();
    }
    r = cmpStr(x, y);
  }
  return o.r ? -r : r;
}

function gnuCompare(a: string, b: string, keys: Key[], global: Order, lastResort: boolean, tab: string | undefined): number {
  for (const key of keys) {
    const r = gnuKeyCompare(a, b, key, key.order ?? global, tab);
    if (r !== 0) return r;
  }
  if (!lastResort) return 0;
  const r = cmpStr(a, b);
  return global.r ? -r : r;
}

// ---- options ----------------------------------------------------------------------------------

function parseKey(spec: string, busybox: boolean): Key | string {
  const m = /^(\d*)(?:\.(\d*))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d*))?([a-zA-Z]*))?$/.exec(spec);
  const badBB = "bad field specification";
  if (m === null || m[1] === "") return busybox ? (/^\d/.test(spec) ? "unknown key option" : badBB) : `invalid number at field start: invalid count at start of '${spec}'`;
  const sField = Number(m[1]);
  if (sField === 0) return busybox ? badBB : `field number is zero: invalid field specification '${spec}'`;
  const sChar = m[2] === undefined ? 0 : Number(m[2]);
  if (m[2] !== undefined && sChar === 0) return busybox ? badBB : `character offset is zero: invalid field specification '${spec}'`;
  const eField = m[4] === undefined ? 0 : Number(m[4] || 0);
  if (m[4] !== undefined && eField === 0) return busybox ? badBB : `field number is zero: invalid field specification '${spec}'`;
  const eChar = m[5] === undefined ? 0 : Number(m[5] || 0);
  let order: Order | undefined;
  for (const [letters, end] of [[m[3] ?? "", false], [m[6] ?? "", true]] as const) {
    for (const c of letters) {
      if (!"bdfgiMhnRrV".includes(c) || (busybox && "hRV".includes(c))) return busybox ? "unknown key option" : `invalid option -- '${c}'`;
      order ??= noOrder();
      if (c === "b") {
        if (end) order.bEnd = true;
        else order.bStart = true;
      } else (order as unknown as Record<string, boolean>)[c] = true;
    }
  }
  return { sField, sChar, eField, eChar, order };
}

async function sortMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), t.busybox ? "nrugMcszbdfimo:k:t:S:T:" : "nrugMcCszbdfihVo:k:t:S:T:R", {
    permute: true,
    ...(t.busybox ? {} : { long: ["numeric-sort", "reverse", "unique", "human-numeric-sort", "general-numeric-sort", "month-sort", "ignore-case", "ignore-leading-blanks", "stable", "key=", "field-separator=", "output=", "check", "version-sort", "dictionary-order", "zero-terminated"] }),
  });
  // Both exit 2 on usage errors (BusyBox sets xfunc_error_retval = 2 before getopt32()).
  if (isOptionError(parsed)) return (await optionError(ctx, parsed, t.busybox ? USAGE : undefined), 2);
  const f = parsed.flags;
  const has = (c: string, long?: string) => f.has(c) || (long !== undefined && f.has(`--${long}`));
  const global: Order = {
    n: has("n", "numeric-sort"), g: has("g", "general-numeric-sort"), h: has("h", "human-numeric-sort"), M: has("M", "month-sort"), V: has("V", "version-sort"),
    r: has("r", "reverse"), f: has("f", "ignore-case"), d: has("d", "dictionary-order"), i: has("i"), bStart: has("b", "ignore-leading-blanks"), bEnd: has("b", "ignore-leading-blanks"),
  };
  const fail = async (msg: string) => {
    await t.error(msg);
    return 2;
  };
  const tabArg = parsed.values.get("t") ?? parsed.values.get("--field-separator");
  if (tabArg !== undefined && tabArg.length !== 1 && !(tabArg === "\\0" && !t.busybox)) {
    if (t.busybox) return fail("bad -t parameter");
    return fail(tabArg === "" ? "empty tab" : `multi-character tab '${tabArg}'`);
  }
  const tab = tabArg === "\\0" ? "\0" : tabArg;
  const keys: Key[] = [];
  for (const spec of [...(parsed.lists.get("k") ?? []), ...(parsed.values.has("--key") ? [parsed.values.get("--key")!] : [])]) {
    const k = parseKey(spec, t.busybox);
    if (typeof k === "string") {
      if (t.busybox || !k.startsWith("invalid option")) return fail(k);
      await t.tryHelp(`${k}`);
      return 2;
    }
    keys.push(k);
  }
  if (keys.length === 0) keys.push({ sField: 1, sChar: 0, eField: 0, eChar: 0, order: undefined });
  const zero = has("z", "zero-terminated");
  const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  let lines: string[] = [];
  for (const file of files) {
    const r = await readWhole(ctx, file);
    if (!r.ok) {
      // BusyBox: xfopen_stdin() dies on open errors; a read error (a directory) just ends the input.
      if (t.busybox) {
        if (!attempt(() => ctx.sys.stat(file)).ok || file === "-") return (await t.perror(file, r.errno), 2);
        continue;
      }
      const opened = file === "-" || attempt(() => ctx.sys.stat(file)).ok;
      const modern = !/^8\./.test(ctx.exe.version);
      return fail(`${opened ? "read failed" : modern ? "cannot read" : "open failed"}: ${file}: ${errText(ctx, r.errno)}`);
    }
    const sep = zero ? "\0" : "\n";
    const parts = r.data.split(sep);
    if (parts[parts.length - 1] === "") parts.pop();
    lines = lines.concat(parts);
    await t.checkpoint();
  }
  const stable = has("s", "stable");
  const unique = has("u", "unique");
  const cmp = t.busybox
    ? (a: string, b: string, noFallback = false) => bbCompare(a, b, keys, global, global.bStart, stable || noFallback, tab)
    : (a: string, b: string, noFallback = false) => gnuCompare(a, b, keys, global, !(stable || unique || noFallback), tab);
  if (has("c", "check") || has("C")) {
    for (let i = 1; i < lines.length; i++) {
      const r = cmp(lines[i - 1]!, lines[i]!, unique);
      if (r > 0 || (unique && r === 0)) {
        if (t.busybox) await t.stderr(`Check line ${i}\n`);
        else if (!has("C")) await t.stderr(`${t.name}: ${files[0] === "-" ? "-" : files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  // Array.prototype.sort is stable (glibc qsort is a merge sort too); checkpoint between phases.
  lines.sort((a, b) => cmp(a, b));
  await t.checkpoint();
  if (unique) {
    const kept: string[] = [];
    for (const l of lines) if (kept.length === 0 || cmp(kept[kept.length - 1]!, l, true) !== 0) kept.push(l);
    lines = kept;
  }
  let out: Output = t.out;
  const outFile = parsed.values.get("o") ?? parsed.values.get("--output");
  if (outFile !== undefined) {
    const opened = openWrite(ctx, outFile, {});
    if (!opened.ok) return t.busybox ? (await t.error(`can't open '${outFile}': ${errText(ctx, opened.errno)}`), 2) : fail(`open failed: ${outFile}: ${errText(ctx, opened.errno)}`);
    out = new Output({ description: outFile, readable: false, writable: true, read: async () => "", write: opened.write });
  }
  const end = zero ? "\0" : "\n";
  for (let i = 0; i < lines.length; i++) {
    await out.write(`${lines[i]}${end}`);
    if ((i & 1023) === 0) await t.checkpoint();
  }
  await out.flush();
  return 0;
}

export const sort: Command = { name: "sort", main: sortMain, usage: USAGE };
