// tail [-fFqv] [-n [+]N] [-c [+]N] [-s SEC] [FILE]… (BusyBox coreutils/tail.c with
// FEATURE_FANCY_TAIL; GNU coreutils tail.c). BusyBox drops operands it cannot open before
// deciding on headers ("can't open 'F': …"), reports read errors as "read error: …"; GNU keeps
// them in the count and says "cannot open 'F' for reading" / "error reading 'F'".
// -f polls every second (BusyBox sleep(1); GNU's inotify is modelled as the same poll) on the
// kernel clock until a signal (Ctrl-C) ends it; a pipe on stdin is not followed.

import { errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { errText, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { KBM_SUFFIXES, type Source, Tool, openSource, pace, parseBusyboxUnsigned, parseGnuSize, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [FILE]...",
  full: "Print last 10 lines of each FILE (or stdin) to stdout.\nWith more than one FILE, precede each with a filename header.\n\n\t-f\t\tPrint data as file grows\n\t-c [+]N[kbm]\tPrint last N bytes\n\t-n N[kbm]\tPrint last N lines\n\t-n +N[kbm]\tStart on Nth line and print the rest\n\t-q\t\tNever print headers\n\t-s SECONDS\tWait SECONDS between reads with -f\n\t-v\t\tAlways print headers\n\t-F\t\tSame as -f, but keep retrying\n\nN may be suffixed by k (x1024), b (x512), or m (x1024^2).",
};

interface Count {
  n: number;
  bytes: boolean;
  fromTop: boolean;
}

function parseCount(t: Tool, arg: string, bytes: boolean): Count | string {
  let s = arg;
  let fromTop = false;
  if (s.startsWith("+")) {
    fromTop = true;
    s = s.slice(1);
  } else if (s.startsWith("-")) s = s.slice(1);
  const n = t.busybox ? parseBusyboxUnsigned(s, KBM_SUFFIXES) : parseGnuSize(s);
  if (n === undefined) return t.busybox ? `invalid number '${arg}'` : `invalid number of ${bytes ? "bytes" : "lines"}: '${arg}'`;
  return { n, bytes, fromTop };
}

/** The part of `data` tail prints. */
export function tailOf(data: string, c: Count): string {
  if (c.fromTop) {
    if (c.bytes) return data.slice(Math.max(0, c.n - 1));
    let at = 0;
    for (let seen = 1; seen < c.n; seen++) {
      const nl = data.indexOf("\n", at);
      if (nl < 0) return "";
      at = nl + 1;
    }
    return data.slice(at);
  }
  if (c.n === 0) return "";
  if (c.bytes) return data.slice(Math.max(0, data.length - c.n));
  // The last N lines; a final line without a newline counts as one.
  let end = data.length;
  if (data.endsWith("\n")) end--;
  let at = end;
  for (let k = 0; k < c.n; k++) {
    const nl = data.lastIndexOf("\n", at - 1);
    if (nl < 0) return data;
    at = nl;
  }
  return data.slice(at + 1);
}

async function readAllOf(t: Tool, src: Source): Promise<string> {
  let data = "";
  for (;;) {
    const chunk = await src.read(65536);
    if (chunk === "") return data;
    data += chunk;
    await pace(t.ctx, data.length);
  }
}

interface Followed {
  path: string;
  name: string;
  size: number;
}

async function follow(t: Tool, ctx: ProgramContext, files: Followed[], headers: boolean, seconds: number): Promise<never> {
  let last = files[files.length - 1];
  for (;;) {
    ctx.proc.state = "S";
    await ctx.sys.system.kernel.baseClock.sleep(seconds * 1000, ctx.proc.lifetime);
    for (const f of files) {
      let data: string;
      try {
        data = await ctx.sys.readFile(f.path);
      } catch (err) {
        if (errnoOf(err) === undefined) throw err;
        continue;
      }
      if (data.length < f.size) {
        if (!t.busybox) await t.error(`${f.name}: file truncated`);
        f.size = 0;
      }
      if (data.length === f.size) continue;
      if (headers && last !== f) await t.print(`\n==> ${f.name} <==\n`);
      last = f;
      await t.print(data.slice(f.size));
      f.size = data.length;
      await t.out.flush();
    }
  }
}

async function tailMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  let args = ctx.argv.slice(1);
  let count: Count = { n: 10, bytes: false, fromTop: false };
  if (args[0] !== undefined && /^[+-]\d/.test(args[0])) {
    const c = parseCount(t, args[0], false);
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
    args = args.slice(1);
  }
  const parsed = parseOptions(args, "fc:n:qs:vF", t.busybox ? { permute: true } : { permute: true, long: ["lines=", "bytes=", "quiet", "silent", "verbose", "follow", "retry", "sleep-interval="] });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  for (const [opt, value] of optionOrder(args)) {
    const c = parseCount(t, value, opt === "c");
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
  }
  for (const [opt, bytes] of [["--lines", false], ["--bytes", true]] as const) {
    const v = parsed.values.get(opt);
    if (v === undefined) continue;
    const c = parseCount(t, v, bytes);
    if (typeof c === "string") return (await t.error(c), 1);
    count = c;
  }
  const f = parsed.flags;
  let followMode = f.has("f") || f.has("F") || f.has("--follow");
  const sleepArg = parsed.values.get("s") ?? parsed.values.get("--sleep-interval") ?? "1";
  const seconds = Number(sleepArg);
  if (!Number.isFinite(seconds) || seconds < 0) {
    await t.error(t.busybox ? `invalid number '${sleepArg}'` : `invalid number of seconds: '${sleepArg}'`);
    return 1;
  }
  const operands = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  if (operands.length === 1 && operands[0] === "-" && ctx.stdin.tty === undefined) followMode = false;
  const quiet = f.has("q") || f.has("--quiet") || f.has("--silent");
  const verbose = f.has("v") || f.has("--verbose");
  let status = 0;
  // Open everything first (BusyBox drops the operands that fail).
  const opened: { path: string; name: string; src: Source }[] = [];
  for (const path of operands) {
    const o = await openSource(ctx, path);
    if (!o.ok) {
      status = 1;
      if (t.busybox) await t.error(`can't open '${path}': ${errText(ctx, o.errno)}`);
      else await t.error(`cannot open '${path}' for reading: ${errText(ctx, o.errno)}`);
      continue;
    }
    opened.push({ path, name: path === "-" ? "standard input" : path, src: o.src });
  }
  if (opened.length === 0 && t.busybox) {
    await t.error("no files");
    return 1;
  }
  const headers = verbose || (!quiet && (t.busybox ? opened.length : operands.length) > 1);
  const followed: Followed[] = [];
  let first = true;
  for (const o of opened) {
    if (headers) await t.print(`${first ? "" : "\n"}==> ${o.name} <==\n`);
    first = false;
    let data: string;
    try {
      data = await readAllOf(t, o.src);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
      status = 1;
      await t.error(t.busybox ? `read error: ${errText(ctx, e)}` : `error reading '${o.path}': ${errText(ctx, e)}`);
      continue;
    }
    await t.print(tailOf(data, count));
    if (o.path !== "-") followed.push({ path: o.path, name: o.name, size: data.length });
  }
  await t.out.flush();
  if (followMode && followed.length > 0) await follow(t, ctx, followed, headers, seconds);
  // GNU tail_forever(): nothing left to follow (every file failed to open) ends -f at once.
  if (followMode && !t.busybox && !f.has("F") && !f.has("--retry") && opened.length === 0) {
    await t.error("no files remaining");
    return 1;
  }
  return status;
}

/** -n/-c values in command-line order. */
function optionOrder(args: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-" || a.startsWith("--")) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === "s") {
        if (j + 1 === a.length) i++;
        break;
      }
      if (c === "n" || c === "c") {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v !== undefined) out.push([c, v]);
        break;
      }
    }
  }
  return out;
}

export const tail: Command = { name: "tail", main: tailMain, usage: USAGE };
