// xargs [-0prtx] [-a FILE] [-e[STR]] [-E STR] [-I STR] [-n N] [-s N] [-P N] [PROG ARGS]
// (BusyBox findutils/xargs.c; GNU findutils xargs.c). Splits stdin into arguments (blanks, quotes
// and backslashes; NUL with -0; whole lines with -I), and runs PROG (default echo) with as many as
// fit (-n, -s) in a child process: fork + execvp + wait on the emulated kernel. Exit status 123
// when a command failed with 1–125, 124 on 255 (BusyBox loses it: exit 0, as 1.28 does), 125 when
// it was killed, 126/127 when it could not be run ("xargs: P: strerror").

import { ENOENT, errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { errText, isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { spawnAndWait } from "./lib/text-exec.js";
import { Tool, pace } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [PROG ARGS]",
  full: "Run PROG on every item given by stdin\n\n\t-p\tAsk user whether to run each command\n\t-r\tDon't run command if input is empty\n\t-0\tInput is separated by NUL characters\n\t-a FILE\tRead from FILE instead of stdin\n\t-t\tPrint the command on stderr before execution\n\t-e[STR]\tSTR stops input processing\n\t-n N\tPass no more than N args to PROG\n\t-s N\tPass command line of no more than N bytes\n\t-I STR\tReplace STR within PROG ARGS with input line\n\t-P N\tRun up to N PROGs in parallel\n\t-x\tExit if size is exceeded",
};

class XargsError extends Error {}

/** Splits the input into arguments with xargs' quoting rules. */
function splitArgs(data: string, zero: boolean, busybox: boolean, eof: string | undefined): string[] {
  if (zero) {
    const parts = data.split("\0");
    if (parts[parts.length - 1] === "") parts.pop();
    return parts;
  }
  const args: string[] = [];
  let cur = "";
  let inArg = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === "\n" && !busybox) throw new XargsError(`unmatched ${quote === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`);
      else cur += c;
      continue;
    }
    if (c === "\\" && i + 1 < data.length) {
      cur += data[++i];
      inArg = true;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inArg = true;
      continue;
    }
    if (" \t\n\v\f\r".includes(c)) {
      if (inArg) {
        if (eof !== undefined && cur === eof) return args;
        args.push(cur);
      }
      cur = "";
      inArg = false;
      continue;
    }
    cur += c;
    inArg = true;
  }
  if (quote !== undefined) {
    const which = quote === "'" ? "single" : "double";
    throw new XargsError(busybox ? `unmatched ${which} quote` : `unmatched ${which} quote; by default quotes are special to xargs unless you use the -0 option`);
  }
  if (inArg && !(eof !== undefined && cur === eof)) args.push(cur);
  return args;
}

async function readAllStdin(ctx: ProgramContext, file: string | undefined): Promise<string> {
  if (file !== undefined) return ctx.sys.readFile(file);
  let data = "";
  for (;;) {
    const chunk = await ctx.stdin.read(65536);
    if (chunk === "") return data;
    data += chunk;
    await pace(ctx, data.length);
  }
}

async function xargsMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const busybox = t.busybox;
  // "+": options stop at the command.
  const parsed = parseOptions(ctx.argv.slice(1), busybox ? "prtx0a:e:E:I:i:n:s:P:" : "0a:d:E:e:I:i:L:l:n:oprs:txP:", busybox ? {} : { long: ["null", "arg-file=", "delimiter=", "eof=", "replace=", "max-lines=", "max-args=", "interactive", "no-run-if-empty", "max-chars=", "verbose", "exit", "max-procs="] });
  if (isOptionError(parsed)) {
    if (busybox) return optionError(ctx, parsed, USAGE);
    await optionError(ctx, parsed, undefined);
    return 1;
  }
  const f = parsed.flags;
  const v = parsed.values;
  const num = async (key: string, long: string): Promise<number | undefined | null> => {
    const s = v.get(key) ?? v.get(long);
    if (s === undefined) return undefined;
    if (/^\d+$/.test(s) && Number(s) >= 1) return Number(s);
    if (busybox) await t.error(/^\d+$/.test(s) ? `number ${s} is not in 1..2147483647 range` : `invalid number '${s}'`);
    else await t.tryHelp(`invalid number "${s}" for -${key} option`);
    return null;
  };
  const maxArgs = await num("n", "--max-args");
  if (maxArgs === null) return 1;
  const maxChars = await num("s", "--max-chars");
  if (maxChars === null) return 1;
  const replace = v.get("I") ?? v.get("--replace") ?? (v.has("i") ? v.get("i") || "{}" : undefined);
  const zero = f.has("0") || f.has("--null");
  const verbose = f.has("t") || f.has("--verbose");
  let noEmpty = f.has("r") || f.has("--no-run-if-empty") || replace !== undefined;
  const eofStr = v.get("E") ?? v.get("e") ?? v.get("--eof");
  const command = parsed.operands.length === 0 ? ["echo"] : parsed.operands;
  let input: string;
  const file = v.get("a") ?? v.get("--arg-file");
  try {
    input = await readAllStdin(ctx, file);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    await t.error(busybox ? `can't open '${file}': ${errText(ctx, e)}` : `${file}: ${errText(ctx, e)}`);
    return 1;
  }
  let batches: string[][];
  try {
    if (replace !== undefined) {
      const lines = input.split(zero ? "\0" : "\n").filter((l, i, a) => !(i === a.length - 1 && l === ""));
      batches = lines.map((l) => (busybox ? l : l.replace(/^[ \t]+/, ""))).filter((l) => l !== "").map((l) => command.map((a) => a.split(replace).join(l)));
    } else {
      const args = splitArgs(input, zero, busybox, eofStr === "" ? undefined : eofStr);
      const fixed = command.reduce((n, a) => n + a.length + 1, 0);
      const limit = (maxChars ?? (busybox ? 32 * 1024 - 2048 : 131072)) - (busybox ? fixed : 0);
      if (busybox && limit <= 0) throw new XargsError("can't fit single argument within argument list size limit");
      batches = [];
      let cur: string[] = [];
      let size = busybox ? 0 : fixed;
      for (const a of args) {
        const need = a.length + 1;
        if ((busybox ? need > limit : fixed + need > limit)) throw new XargsError(busybox ? "argument line too long" : "argument line too long");
        if (cur.length > 0 && ((maxArgs !== undefined && cur.length >= maxArgs) || size + need > limit)) {
          batches.push(cur);
          cur = [];
          size = busybox ? 0 : fixed;
        }
        cur.push(a);
        size += need;
      }
      if (cur.length > 0 || !noEmpty) batches.push(cur);
      batches = batches.map((b) => [...command, ...b]);
    }
  } catch (err) {
    if (!(err instanceof XargsError)) throw err;
    await t.error(err.message);
    return 1;
  }
  noEmpty = true;
  let status = 0;
  for (const argv of batches) {
    if (verbose) await t.stderr(`${argv.join(" ")}\n`);
    await t.out.flush();
    const r = await spawnAndWait(ctx, argv[0]!, argv, ctx.stdio);
    if ("forkFailed" in r) {
      await t.perror("fork", r.forkFailed);
      return 1;
    }
    if ("errno" in r) {
      await t.perror(argv[0]!, r.errno);
      return r.errno === ENOENT ? 127 : 126;
    }
    if ("signal" in r) {
      await t.error(busybox ? `'${argv[0]}' terminated by signal ${r.signal}` : `${argv[0]}: terminated by signal ${r.signal}`);
      return 125;
    }
    if (r.status === 255) {
      await t.error(`${argv[0]}: exited with status 255; aborting`);
      return busybox ? status : 124;
    }
    if (r.status !== 0) status = 123;
    await t.checkpoint();
  }
  return status;
}

export const xargs: Command = { name: "xargs", main: xargsMain, usage: USAGE };
