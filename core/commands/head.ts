// head [-n [-]N] [-c [-]N] [-qv] [FILE]… (BusyBox coreutils/head.c with FEATURE_FANCY_HEAD;
// GNU coreutils head.c). BusyBox: "-N" legacy form, k/b/m suffixes, open errors as
// "head: FILE: strerror", and the "\n==> FILE <==" separator counts every operand (even one that
// failed to open); GNU counts only the files it opened and words its errors
// "cannot open 'F' for reading" / "error reading 'F'".

import { EIO, errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { errText as errTextOf, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { KBM_SUFFIXES, type Source, Tool, openSource, pace, parseBusyboxUnsigned, parseGnuSize, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [FILE]...",
  full: "Print first 10 lines of each FILE (or stdin) to stdout.\nWith more than one FILE, precede each with a filename header.\n\n\t-n N[kbm]\tPrint first N lines\n\t-n -N[kbm]\tPrint all except N last lines\n\t-c [-]N[kbm]\tPrint first N bytes\n\t-q\t\tNever print headers\n\t-v\t\tAlways print headers\n\nN may be suffixed by k (x1024), b (x512), or m (x1024^2).",
};

interface Count {
  n: number;
  bytes: boolean;
  /** -n -N / -c -N: everything except the last N. */
  allBut: boolean;
}

/** Copies the first N lines or bytes; stops reading as soon as they are out (yes | head -1). */
async function printFirst(t: Tool, src: Source, c: Count): Promise<void> {
  let left = c.n;
  while (left > 0) {
    const chunk = await src.read(65536);
    if (chunk === "") return;
    if (c.bytes) {
      const part = chunk.slice(0, left);
      left -= part.length;
      await t.print(part);
    } else {
      let at = -1;
      while (left > 0) {
        const nl = chunk.indexOf("\n", at + 1);
        if (nl < 0) break;
        at = nl;
        left--;
      }
      await t.print(left > 0 ? chunk : chunk.slice(0, at + 1));
    }
    await t.checkpoint();
  }
}

async function printAllBut(t: Tool, src: Source, c: Count): Promise<void> {
  let data = "";
  for (;;) {
    const chunk = await src.read(65536);
    if (chunk === "") break;
    data += chunk;
    await pace(t.ctx, data.length);
  }
  if (c.bytes) {
    await t.print(data.slice(0, Math.max(0, data.length - c.n)));
    return;
  }
  const lines = data.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  await t.print(lines.slice(0, Math.max(0, lines.length - c.n)).join(""));
}

function parseCount(t: Tool, arg: string, bytes: boolean): Count | string {
  let s = arg;
  let allBut = false;
  if (s.startsWith("-")) {
    allBut = true;
    s = s.slice(1);
  }
  const n = t.busybox ? parseBusyboxUnsigned(s, KBM_SUFFIXES) : parseGnuSize(s);
  if (n === undefined) return t.busybox ? `invalid number '${arg}'` : `invalid number of ${bytes ? "bytes" : "lines"}: '${arg}'`;
  return { n, bytes, allBut };
}

async function headMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let args = ctx.argv.slice(1);
  let count: Count = { n: 10, bytes: false, allBut: false };
  // Legacy "head -5".
  if (args[0] !== undefined && /^-\d/.test(args[0])) {
    const c = parseCount(t, args[0].slice(1), false);
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
    args = args.slice(1);
  }
  // glibc and uClibc getopt() permute operands and options; musl stops at the first operand.
  const parsed = parseOptions(args, "n:c:qv", t.busybox ? { permute: ctx.exe.variant !== "musl" } : { permute: true, long: ["lines=", "bytes=", "quiet", "silent", "verbose"] });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  // The last -n/-c wins, as getopt delivers them in order.
  const order = optionOrder(args);
  for (const [opt, value] of order) {
    const c = parseCount(t, value, opt === "c");
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
  }
  const lines = parsed.values.get("--lines");
  if (lines !== undefined) {
    const c = parseCount(t, lines, false);
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
  }
  const bytesOpt = parsed.values.get("--bytes");
  if (bytesOpt !== undefined) {
    const c = parseCount(t, bytesOpt, true);
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
  }
  const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  const quiet = parsed.flags.has("q") || parsed.flags.has("--quiet") || parsed.flags.has("--silent");
  const verbose = parsed.flags.has("v") || parsed.flags.has("--verbose");
  const headers = verbose || (!quiet && files.length > 1);
  let status = 0;
  let first = true;
  for (const f of files) {
    const name = f === "-" ? "standard input" : f;
    const opened = await openSource(ctx, f);
    if (!opened.ok) {
      status = 1;
      if (t.busybox) {
        await t.perror(f, opened.errno);
        first = false;
      } else await t.error(`cannot open '${f}' for reading: ${errTextOf(ctx, opened.errno)}`);
      continue;
    }
    if (headers) await t.print(`${first ? "" : "\n"}==> ${name} <==\n`);
    first = false;
    try {
      if (count.allBut) await printAllBut(t, opened.src, count);
      else await printFirst(t, opened.src, count);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
      status = 1;
      // BusyBox reports the stream error at fclose(), which glibc and uClibc give as EIO.
      if (t.busybox) await t.perror(f, EIO);
      else await t.error(`error reading '${f}': ${errTextOf(ctx, e)}`);
    }
  }
  await t.out.flush();
  return status;
}

/** -n/-c values in command-line order (getopt order), including clustered forms like -qn5. */
function optionOrder(args: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-" || a.startsWith("--")) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === "n" || c === "c") {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v !== undefined) out.push([c, v]);
        break;
      }
    }
  }
  return out;
}

export const head: Command = { name: "head", main: headMain, usage: USAGE };
