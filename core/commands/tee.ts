// tee [-ai] [FILE]… (BusyBox coreutils/tee.c; GNU coreutils tee.c): copies stdin to stdout and
// to every FILE opened through the kernel (O_CREAT|O_TRUNC, or O_APPEND with -a). Files that
// cannot be opened are reported ("tee: F: strerror") and skipped, exit 1. BusyBox ignores SIGPIPE
// (signal(SIGPIPE, SIG_IGN)) and keeps feeding the files after stdout's reader went away; GNU tee
// dies of SIGPIPE. -i ignores SIGINT. BusyBox "-" is stdout again; GNU opens a file named "-".

import { EPIPE, type Errno, errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { SIGINT, SIGPIPE, sigBit } from "../kernel/signal.js";
import { isOptionError, optionError, parseOptions } from "./lib/cmd.js";
import { Tool, openWrite } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-ai] [FILE]...",
  full: "Copy stdin to each FILE, and also to stdout\n\n\t-a\tAppend to the given FILEs, don't overwrite\n\t-i\tIgnore interrupt signals (SIGINT)",
};

interface Sink {
  name: string;
  write(data: string): Promise<void>;
  failed?: Errno;
}

async function teeMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const parsed = parseOptions(ctx.argv.slice(1), "ia", { permute: true, ...(t.busybox ? {} : { long: ["append", "ignore-interrupts"] }) });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const append = parsed.flags.has("a") || parsed.flags.has("--append");
  if (parsed.flags.has("i") || parsed.flags.has("--ignore-interrupts")) ctx.proc.sigIgnored |= sigBit(SIGINT);
  if (t.busybox) ctx.proc.sigIgnored |= sigBit(SIGPIPE);
  let status = 0;
  const stdout: Sink = { name: "standard output", write: (d) => ctx.stdout.write(d) };
  const sinks: Sink[] = [stdout];
  for (const name of parsed.operands) {
    if (name === "-" && t.busybox) {
      sinks.push({ name, write: (d) => ctx.stdout.write(d) });
      continue;
    }
    const opened = openWrite(ctx, name, { append });
    if (!opened.ok) {
      status = 1;
      await t.perror(name, opened.errno);
      continue;
    }
    sinks.push({ name, write: opened.write });
  }
  for (;;) {
    const chunk = await ctx.stdin.read(65536);
    if (chunk === "") break;
    for (const s of sinks) {
      if (s.failed !== undefined) continue;
      try {
        await s.write(chunk);
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined) throw err;
        if (e === EPIPE && !t.busybox) throw err;
        s.failed = e;
        status = 1;
        if (!t.busybox && s !== stdout) await t.perror(s.name, e);
      }
    }
    await t.checkpoint();
  }
  // BusyBox checks ferror() of each file at the end (libbb die_if_ferror()); its stdout is unbuffered.
  if (t.busybox) {
    for (const s of sinks) if (s.failed !== undefined && s !== stdout && s.name !== "-") return (await t.error(`${s.name}: I/O error`), 1);
  }
  return status;
}

export const tee: Command = { name: "tee", main: teeMain, usage: USAGE };
