// touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE… — BusyBox coreutils/touch.c: utimes() first, and
// only on ENOENT create with open(O_RDWR|O_CREAT, 0666); errors as "touch: FILE: strerror".
// GNU coreutils touch.c touch(): open(O_WRONLY|O_CREAT) first, then utimensat(); when the times
// cannot be set, the open's errno is reported: "touch: cannot touch 'FILE': strerror".

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import {
  gnuQuote, isBusybox, isScanError, parseBusyboxDate, parseGnuDate, parsePosixTime, permutes, scanError, scanOptions,
} from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-c] [-d DATE] [-t DATE] [-r FILE] FILE...",
  full: "Update the last-modified date on the given FILE[s]\n\n\t-c\tDon't create files\n\t-h\tDon't follow links\n\t-d DT\tDate/time to use\n\t-t DT\tDate/time to use\n\t-r FILE\tUse FILE's date/time",
};

interface TouchOptions {
  noCreate: boolean;
  times: { atime: number; mtime: number } | undefined;
}

async function resolveTimes(ctx: ProgramContext, ref: string | undefined, date: string | undefined, stamp: string | undefined): Promise<{ atime: number; mtime: number } | number | undefined> {
  const busybox = isBusybox(ctx);
  const now = ctx.sys.now();
  let t: number | undefined;
  if (ref !== undefined) {
    const r = attempt(() => ctx.sys.stat(ref));
    if (!r.ok) {
      await ctx.stderr.write(busybox ? `touch: can't stat '${ref}': ${errText(ctx, r.errno)}\n` : `touch: failed to get attributes of ${gnuQuote(ref)}: ${errText(ctx, r.errno)}\n`);
      return 1;
    }
    if (date === undefined && stamp === undefined) return { atime: Math.floor(r.value.atime / 1000) * 1000, mtime: Math.floor(r.value.mtime / 1000) * 1000 };
    t = r.value.mtime;
  }
  const text = stamp ?? date;
  if (text !== undefined) {
    t = busybox ? parseBusyboxDate(text, now) : stamp !== undefined ? parsePosixTime(text, now) : parseGnuDate(text, now);
    if (t === undefined) {
      await ctx.stderr.write(busybox ? `touch: invalid date '${text}'\n` : `touch: invalid date format ${gnuQuote(text)}\n`);
      return 1;
    }
  }
  return t === undefined ? undefined : { atime: t, mtime: t };
}

async function touchBusybox(ctx: ProgramContext, file: string, o: TouchOptions): Promise<boolean> {
  const r = attempt(() => ctx.sys.utimes(file, o.times));
  if (r.ok) return true;
  let errno = r.errno;
  if (errno.name === "ENOENT") {
    if (o.noCreate) return true;
    const created = attempt(() => ctx.sys.open(file, { read: true, write: true, creat: true }, 0o666));
    if (created.ok) {
      if (o.times !== undefined) attempt(() => ctx.sys.utimes(file, o.times));
      return true;
    }
    errno = created.errno;
  }
  await ctx.stderr.write(`touch: ${file}: ${errText(ctx, errno)}\n`);
  return false;
}

async function touchGnu(ctx: ProgramContext, file: string, o: TouchOptions): Promise<boolean> {
  let openErrno;
  if (!o.noCreate) {
    const opened = attempt(() => ctx.sys.open(file, { write: true, creat: true }, 0o666));
    if (!opened.ok) openErrno = opened.errno;
  }
  const r = attempt(() => ctx.sys.utimes(file, o.times));
  if (r.ok) return true;
  if (openErrno !== undefined) {
    await ctx.stderr.write(`touch: cannot touch ${gnuQuote(file)}: ${errText(ctx, openErrno)}\n`);
    return false;
  }
  if (o.noCreate && r.errno.name === "ENOENT") return true;
  await ctx.stderr.write(`touch: setting times of ${gnuQuote(file)}: ${errText(ctx, r.errno)}\n`);
  return false;
}

export const touch: Command = {
  name: "touch",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const long: Record<string, "none" | "required"> = { "no-create": "none", reference: "required", date: "required", "no-dereference": "none" };
    if (!busybox) long["time"] = "required";
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "cr:d:t:hfma" : "acd:fhmr:t:", long, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let noCreate = false;
    let ref: string | undefined;
    let date: string | undefined;
    let stamp: string | undefined;
    for (const { opt, value } of scanned.options) {
      if (opt === "c" || opt === "--no-create") noCreate = true;
      else if (opt === "r" || opt === "--reference") ref = value;
      else if (opt === "d" || opt === "--date") date = value;
      else if (opt === "t") {
        if (busybox) date = value;
        else stamp = value;
      }
    }
    if (scanned.operands.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("touch: missing file operand\nTry 'touch --help' for more information.\n");
      return 1;
    }
    const times = await resolveTimes(ctx, ref, date, stamp);
    if (typeof times === "number") return times;
    let status = 0;
    for (const file of scanned.operands) {
      const ok = busybox ? await touchBusybox(ctx, file, { noCreate, times }) : await touchGnu(ctx, file, { noCreate, times });
      if (!ok) status = 1;
    }
    return status;
  },
};
