// tr [-cds] STRING1 [STRING2] (BusyBox coreutils/tr.c; GNU coreutils tr.c). Sets are expanded
// to byte lists: escapes (\n, \NNN, BusyBox also \xHH), ranges a-z, [:classes:], [=c=]; GNU also
// [c*n] repeats and checks (reversed ranges, missing/extra operands). STRING2 shorter than STRING1
// repeats its last byte. -d deletes STRING1's bytes, -s squeezes runs of bytes in the last set,
// -c complements STRING1. Input streams from stdin, so it works interactively and in pipes.

import type { ProgramContext } from "../kernel/program.js";
import { isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { Tool } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-cds] STRING1 [STRING2]",
  full: "Translate, squeeze, or delete characters from stdin, writing to stdout\n\n\t-c\tTake complement of STRING1\n\t-d\tDelete input characters coded STRING1\n\t-s\tSqueeze multiple output characters of STRING2 into one character",
};

const range = (a: number, b: number): string => {
  let s = "";
  for (let i = a; i <= b; i++) s += String.fromCharCode(i);
  return s;
};

const isPunct = (c: number) => c > 0x20 && c < 0x7f && !/[0-9A-Za-z]/.test(String.fromCharCode(c));

const CLASSES: Record<string, () => string> = {
  alpha: () => range(65, 90) + range(97, 122),
  alnum: () => range(48, 57) + range(65, 90) + range(97, 122),
  digit: () => range(48, 57),
  lower: () => range(97, 122),
  upper: () => range(65, 90),
  space: () => "\t\n\v\f\r ",
  blank: () => "\t ",
  punct: () => [...range(0, 255)].filter((c) => isPunct(c.charCodeAt(0))).join(""),
  cntrl: () => range(0, 31) + "\x7f",
  xdigit: () => range(48, 57) + "ABCDEF" + "abcdef",
  print: () => range(32, 126),
  graph: () => range(33, 126),
};

/** libbb bb_process_escape_sequence(): \NNN octal, \xHH (BusyBox), one-letter escapes; else "\". */
function escape(s: string, i: number, hex: boolean): { ch: string; next: number } {
  const oct = /^[0-7]{1,3}/.exec(s.slice(i));
  if (oct !== null) {
    let digits = oct[0];
    while (digits.length > 1 && parseInt(digits, 8) > 255) digits = digits.slice(0, -1);
    return { ch: String.fromCharCode(parseInt(digits, 8)), next: i + digits.length };
  }
  if (hex && s[i] === "x") {
    const h = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
    if (h !== null) return { ch: String.fromCharCode(parseInt(h[0], 16)), next: i + 1 + h[0].length };
  }
  const map: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
  const c = s[i];
  if (c !== undefined && map[c] !== undefined && (c !== "e" || hex)) return { ch: map[c]!, next: i + 1 };
  if (!hex && c !== undefined) return { ch: c, next: i + 1 }; // GNU: \c is c
  return { ch: "\\", next: i };
}

/** BusyBox expand(). */
function busyboxExpand(arg: string): string {
  let out = "";
  let i = 0;
  while (i < arg.length) {
    let ch = arg[i]!;
    let next = i + 1;
    if (ch === "\\") {
      const e = escape(arg, i + 1, true);
      ch = e.ch;
      next = e.next;
    }
    if (arg[next] === "-" && next + 1 < arg.length) {
      let end = arg[next + 1]!;
      let after = next + 2;
      if (end === "\\") {
        const e = escape(arg, next + 2, true);
        end = e.ch;
        after = e.next;
      }
      out += range(ch.charCodeAt(0), end.charCodeAt(0));
      i = after;
      continue;
    }
    if (ch === "[" && arg[i] === "[") {
      const cls = /^\[:(alpha|alnum|digit|lower|upper|space|blank|punct|cntrl|xdigit):\]/.exec(arg.slice(i));
      if (cls !== null) {
        // BusyBox's own order: digits, then upper, then lower.
        out += cls[1] === "xdigit" ? "0123456789ABCDEFabcdef" : CLASSES[cls[1]!]!();
        i += cls[0].length;
        continue;
      }
      const eq = /^\[=(.)=\]/s.exec(arg.slice(i));
      if (eq !== null) {
        out += eq[1];
        i += eq[0].length;
        continue;
      }
    }
    out += ch;
    i = next;
  }
  return out;
}

type GnuSet = { chars: string; classes: string[]; repeatAt?: number } | { error: string };

/** GNU tr's set parser (build_spec_list + expand): ranges, classes, [=c=], [c*n], [c*]. */
function gnuExpand(arg: string, second: boolean): GnuSet {
  let chars = "";
  const classes: string[] = [];
  let repeatAt: number | undefined;
  let i = 0;
  const readChar = (): string => {
    const c = arg[i]!;
    if (c === "\\" && i + 1 < arg.length) {
      const e = escape(arg, i + 1, false);
      i = e.next;
      return e.ch;
    }
    i++;
    return c;
  };
  while (i < arg.length) {
    if (arg[i] === "[") {
      const cls = /^\[:([a-z]+):\]/.exec(arg.slice(i));
      if (cls !== null) {
        const f = CLASSES[cls[1]!];
        if (f === undefined) return { error: `invalid character class '${cls[1]}'` };
        classes.push(cls[1]!);
        chars += f();
        i += cls[0].length;
        continue;
      }
      const eq = /^\[=(.)=\]/s.exec(arg.slice(i));
      if (eq !== null) {
        chars += eq[1];
        i += eq[0].length;
        continue;
      }
      const rep = /^\[((?:\\[0-7]{1,3}|\\.|[^\\]))\*(\d*)\]/s.exec(arg.slice(i));
      if (rep !== null && second) {
        const save = i;
        i++;
        const c = readChar();
        i = save + rep[0].length;
        const count = rep[2] === "" ? 0 : rep[2]!.startsWith("0") ? parseInt(rep[2]!, 8) : Number(rep[2]);
        if (count === 0) repeatAt = chars.length;
        chars += c.repeat(count === 0 ? 1 : count);
        continue;
      }
    }
    const c = readChar();
    if (arg[i] === "-" && i + 1 < arg.length) {
      i++;
      const end = readChar();
      if (end.charCodeAt(0) < c.charCodeAt(0)) return { error: `range-endpoints of '${c}-${end}' are in reverse collating sequence order` };
      chars += range(c.charCodeAt(0), end.charCodeAt(0));
      continue;
    }
    chars += c;
  }
  return repeatAt === undefined ? { chars, classes } : { chars, classes, repeatAt };
}

const complementOf = (set: string): string => [...range(0, 255)].filter((c) => !set.includes(c)).join("");

interface Plan {
  map: string[] | undefined;
  deleteSet: Set<string>;
  squeezeSet: Set<string>;
}

async function run(t: Tool, plan: Plan, del: boolean, squeeze: boolean): Promise<void> {
  let last: string | undefined;
  for (;;) {
    const chunk = await t.ctx.stdin.read(65536);
    if (chunk === "") break;
    let out = "";
    for (const c of chunk) {
      if (del && plan.deleteSet.has(c)) continue;
      const coded = plan.map === undefined ? c : plan.map[c.charCodeAt(0)] ?? c;
      if (squeeze && last === coded && plan.squeezeSet.has(coded)) continue;
      out += coded;
      last = coded;
    }
    await t.print(out);
    await t.out.flush();
    await t.checkpoint();
  }
}

function mapping(from: string, to: string): string[] {
  const map: string[] = [];
  let last = "0";
  for (let i = 0; i < from.length; i++) {
    if (i < to.length) last = to[i]!;
    map[from.charCodeAt(i)] = last;
  }
  return map;
}

async function busyboxTr(t: Tool, args: readonly string[]): Promise<number> {
  const parsed = parseOptions(args, "Ccds");
  if (isOptionError(parsed)) return optionError(t.ctx, parsed, USAGE);
  if (parsed.operands.length === 0) return t.usage(USAGE);
  const f = parsed.flags;
  let set1 = busyboxExpand(parsed.operands[0]!);
  if (f.has("c") || f.has("C")) set1 = complementOf(set1);
  const s2 = parsed.operands[1];
  if (s2 === "") return (await t.error("STRING2 cannot be empty"), 1);
  const set2 = s2 === undefined ? "" : busyboxExpand(s2);
  // BusyBox squeezes a byte that is in STRING1 (as input) or STRING2 (as output).
  const plan: Plan = { map: s2 === undefined ? undefined : mapping(set1, set2), deleteSet: new Set(set1), squeezeSet: new Set([...set2]) };
  const squeezeInput = new Set(set1);
  const wrapped: Plan = { ...plan, squeezeSet: new Set([...plan.squeezeSet, ...[...squeezeInput].map((c) => (plan.map?.[c.charCodeAt(0)] ?? c))]) };
  await run(t, wrapped, f.has("d"), f.has("s"));
  return 0;
}

async function gnuTr(t: Tool, args: readonly string[]): Promise<number> {
  const parsed = parseOptions(args, "cCdst", { long: ["complement", "delete", "squeeze-repeats", "truncate-set1"] });
  if (isOptionError(parsed)) return optionError(t.ctx, parsed, undefined);
  const f = parsed.flags;
  const del = f.has("d") || f.has("--delete");
  const squeeze = f.has("s") || f.has("--squeeze-repeats");
  const comp = f.has("c") || f.has("C") || f.has("--complement");
  const ops = parsed.operands;
  const translating = !del && ops.length === 2;
  const need = del === squeeze ? 2 : 1;
  if (ops.length === 0) return (await t.tryHelp("missing operand"), 1);
  if (ops.length < need && !(squeeze && !del && ops.length === 1)) {
    await t.tryHelp(`missing operand after '${ops[ops.length - 1]}'\n${del ? "Two strings must be given when both deleting and squeezing repeats." : "Two strings must be given when translating."}`);
    return 1;
  }
  if (ops.length > (del && !squeeze ? 1 : 2)) {
    const extra = ops[del && !squeeze ? 1 : 2]!;
    await t.tryHelp(`extra operand '${extra}'${del && !squeeze && ops.length === 2 ? "\nOnly one string may be given when deleting without squeezing repeated characters." : ""}`);
    return 1;
  }
  const s1 = gnuExpand(ops[0]!, false);
  if ("error" in s1) return (await t.error(s1.error), 1);
  const s2 = ops[1] === undefined ? undefined : gnuExpand(ops[1], true);
  if (s2 !== undefined && "error" in s2) return (await t.error(s2.error), 1);
  let set1 = s1.chars;
  if (comp) set1 = complementOf(set1);
  let set2 = s2?.chars ?? "";
  if (translating && s2 !== undefined) {
    if (s2.classes.some((c) => c !== "upper" && c !== "lower")) {
      await t.error("when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'");
      return 1;
    }
    if (set2 === "" && set1 !== "") {
      await t.error("when not truncating set1, string2 must be non-empty");
      return 1;
    }
    if (s2.repeatAt !== undefined && set1.length > set2.length) {
      const fill = set2[s2.repeatAt]!.repeat(set1.length - set2.length + 1);
      set2 = set2.slice(0, s2.repeatAt) + fill + set2.slice(s2.repeatAt + 1);
    }
    if (f.has("t") || f.has("--truncate-set1")) set1 = set1.slice(0, set2.length);
  }
  const plan: Plan = {
    map: translating ? mapping(set1, set2) : undefined,
    deleteSet: new Set(set1),
    squeezeSet: new Set([...(ops.length === 2 ? set2 : set1)]),
  };
  await run(t, plan, del, squeeze);
  return 0;
}

async function trMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const status = t.busybox ? await busyboxTr(t, ctx.argv.slice(1)) : await gnuTr(t, ctx.argv.slice(1));
  await t.out.flush();
  return status;
}

export const tr: Command = { name: "tr", main: trMain, usage: USAGE };
