// realpath FILE… — BusyBox coreutils/realpath.c (libc realpath(): every component must exist;
// "realpath: FILE: strerror") and GNU coreutils realpath.c (by default the last component may be
// missing, -e requires all, -m none; "realpath: FILE: strerror").

import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { dirName, isBusybox, isScanError, joinPath, lastComponent, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "FILE...", full: "Return the absolute pathnames of given FILE" };

/** canonicalize_filename_mode(): resolves what exists, appends what may be missing. */
export function canonicalize(ctx: ProgramContext, path: string, mode: "existing" | "all-but-last" | "missing"): { ok: true; value: string } | { ok: false; errno: Parameters<typeof errText>[1] } {
  const whole = attempt(() => ctx.sys.realpath(path));
  if (whole.ok || mode === "existing") return whole;
  if (whole.errno.name !== "ENOENT" && mode === "all-but-last") return whole;
  const stripped = path.replace(/\/+$/, "");
  if (stripped === "" || lastComponent(path) === "." || lastComponent(path) === "..") return whole;
  const parent = stripped.includes("/") ? dirName(stripped) : ".";
  const head = mode === "missing" ? canonicalize(ctx, parent, "missing") : attempt(() => ctx.sys.realpath(parent));
  if (!head.ok) return head;
  return { ok: true, value: joinPath(head.value, lastComponent(stripped)) };
}

export const realpath: Command = {
  name: "realpath",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = busybox ? scanOptions(ctx.argv.slice(1), "") : scanOptions(ctx.argv.slice(1), "emqsz", { "canonicalize-existing": "none", "canonicalize-missing": "none", quiet: "none", strip: "none", "no-symlinks": "none", zero: "none" });
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let mode: "existing" | "all-but-last" | "missing" = busybox ? "existing" : "all-but-last";
    let quiet = false;
    for (const { opt } of scanned.options) {
      if (opt === "e" || opt === "--canonicalize-existing") mode = "existing";
      else if (opt === "m" || opt === "--canonicalize-missing") mode = "missing";
      else if (opt === "q" || opt === "--quiet") quiet = true;
    }
    if (scanned.operands.length === 0) {
      if (busybox) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write("realpath: missing operand\nTry 'realpath --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const p of scanned.operands) {
      const r = canonicalize(ctx, p, mode);
      if (r.ok) await ctx.stdout.write(`${r.value}\n`);
      else {
        status = 1;
        if (!quiet) await ctx.stderr.write(`realpath: ${p}: ${errText(ctx, r.errno)}\n`);
      }
    }
    return status;
  },
};
