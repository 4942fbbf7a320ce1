// mktemp [-dqtu] [-p DIR] [TEMPLATE]: makes a file (0600) or directory (0700) with a new name.
// BusyBox coreutils/mktemp.c (1.28.4): the libc's mkstemp()/mkdtemp(), so TEMPLATE must end in
// XXXXXX; without one "-t tmp.XXXXXX"; -p DIR or -t put it in DIR, else $TMPDIR, else /tmp;
// any failure is bb_perror_nomsg_and_die() ("mktemp: Invalid argument"). GNU coreutils
// src/mktemp.c: "tmp.XXXXXXXXXX" in $TMPDIR or /tmp by default, at least 3 X's, the X's may be
// followed by a suffix, --tmpdir/-p, --suffix, and messages naming the template.

import { EEXIST, EINVAL, type Errno } from "../kernel/errno.js";
import { Random } from "../kernel/kernel.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { getenv, gnuQuote, isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-dt] [-p DIR] [TEMPLATE]",
  full: "Create a temporary file with name based on TEMPLATE and print its name.\nTEMPLATE must end with XXXXXX (e.g. [/dir/]nameXXXXXX).\nWithout TEMPLATE, -t tmp.XXXXXX is assumed.\n\n\t-d\tMake directory, not file\n\t-q\tFail silently on errors\n\t-t\tPrepend base directory name to TEMPLATE\n\t-p DIR\tUse DIR as a base directory (implies -t)\n\t-u\tDo not create anything; print a name\n\nBase directory is: -p DIR, else $TMPDIR, else /tmp",
};

/** gen_tempname() (gnulib tempname.c, uClibc __gen_tempname()): the letters the X's become. */
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** TMP_MAX-like: how many names to try before giving up with EEXIST. */
const ATTEMPTS = 62 * 62 * 62;

/**
 * mkstemp/mkdtemp with `xCount` X's before `suffixLen` trailing characters: tries random names
 * until one can be made (EEXIST: next name). Returns the name, or the errno.
 */
function makeTemp(ctx: ProgramContext, template: string, suffixLen: number, xCount: number, dir: boolean, dryRun: boolean): string | Errno {
  const end = template.length - suffixLen;
  // A seed from the process and the clock, so a replayed session makes the same names.
  const random = new Random((ctx.proc.pid * 2654435761) ^ Math.floor(ctx.sys.now()) ^ template.length);
  for (let i = 0; i < ATTEMPTS; i++) {
    let x = "";
    for (let j = 0; j < xCount; j++) x += LETTERS[Math.floor(random.next() * LETTERS.length)];
    const name = template.slice(0, end - xCount) + x + template.slice(end);
    if (dryRun) {
      // mktemp(3) / __GT_NOCREATE: a name that does not exist yet.
      const st = attempt(() => ctx.sys.lstat(name));
      if (!st.ok && st.errno.name === "ENOENT") return name;
      if (!st.ok) return st.errno;
      continue;
    }
    const r = dir ? attempt(() => ctx.sys.mkdir(name, 0o700)) : attempt(() => ctx.sys.open(name, { read: true, write: true, creat: true, excl: true }, 0o600));
    if (r.ok) return name;
    if (r.errno !== EEXIST) return r.errno;
  }
  return EEXIST;
}

/** The trailing X's of `s` (count_consecutive_X_s()). */
const trailingX = (s: string) => s.length - s.replace(/X+$/, "").length;

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const scanned = scanOptions(ctx.argv.slice(1), "dqtp:u", {}, permutes(ctx));
  if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
  // getopt32 "?1": one operand at most.
  if (scanned.operands.length > 1) return usage(ctx, USAGE.trivial, USAGE.full);
  const has = (o: string) => scanned.options.some((x) => x.opt === o);
  const tmpdir = getenv(ctx, "TMPDIR");
  const dirArg = scanned.options.filter((o) => o.opt === "p").pop()?.value;
  const base = dirArg ?? (tmpdir === undefined || tmpdir === "" ? "/tmp" : tmpdir);
  let template = scanned.operands[0];
  let inDir = has("t") || has("p");
  if (template === undefined) {
    template = "tmp.XXXXXX";
    inDir = true;
  }
  // concat_path_file(): one slash between them.
  if (inDir) template = `${base.replace(/\/+$/, "")}/${template.replace(/^\/+/, "")}`;
  // mkstemp(): exactly six X's at the end, or EINVAL.
  const made = template.endsWith("XXXXXX") ? makeTemp(ctx, template, 0, 6, has("d"), has("u")) : EINVAL;
  if (typeof made !== "string") {
    if (has("q")) return 1;
    await ctx.stderr.write(`mktemp: ${errText(ctx, made)}\n`);
    return 1;
  }
  await ctx.stdout.write(`${made}\n`);
  return 0;
}

async function gnuMain(ctx: ProgramContext): Promise<number> {
  const scanned = scanOptions(ctx.argv.slice(1), "dp:qtuV", { directory: "none", quiet: "none", "dry-run": "none", suffix: "required", tmpdir: "optional" });
  if (isScanError(scanned)) return scanError(ctx, scanned, undefined);
  const fail = async (text: string) => {
    await ctx.stderr.write(`mktemp: ${text}\n`);
    return 1;
  };
  let useDestDir = false;
  let deprecatedT = false;
  let destDirArg: string | undefined;
  let suffixArg: string | undefined;
  let makeDir = false;
  let quiet = false;
  let dryRun = false;
  for (const o of scanned.options) {
    if (o.opt === "d" || o.opt === "--directory") makeDir = true;
    else if (o.opt === "p" || o.opt === "--tmpdir") {
      destDirArg = o.value;
      useDestDir = true;
    } else if (o.opt === "q" || o.opt === "--quiet") quiet = true;
    else if (o.opt === "t") {
      useDestDir = true;
      deprecatedT = true;
    } else if (o.opt === "u" || o.opt === "--dry-run") dryRun = true;
    else if (o.opt === "--suffix") suffixArg = o.value;
  }
  if (scanned.operands.length >= 2) {
    await ctx.stderr.write("mktemp: too many templates\nTry 'mktemp --help' for more information.\n");
    return 1;
  }
  let template = scanned.operands[0];
  if (template === undefined) {
    useDestDir = true;
    template = "tmp.XXXXXXXXXX";
  }
  let suffixLen: number;
  if (suffixArg !== undefined) {
    if (!template.endsWith("X")) return fail(`with --suffix, template ${gnuQuote(template)} must end in X`);
    template += suffixArg;
    suffixLen = suffixArg.length;
  } else {
    const lastX = template.lastIndexOf("X");
    suffixLen = lastX < 0 ? 0 : template.length - lastX - 1;
  }
  const suffix = template.slice(template.length - suffixLen);
  if (suffix.includes("/")) return fail(`invalid suffix ${gnuQuote(suffix)}, contains directory separator`);
  const xCount = trailingX(template.slice(0, template.length - suffixLen));
  if (xCount < 3) return fail(`too few X's in template ${gnuQuote(template)}`);
  if (useDestDir) {
    const env = getenv(ctx, "TMPDIR");
    let destDir: string;
    if (deprecatedT) {
      destDir = env !== undefined && env !== "" ? env : destDirArg !== undefined && destDirArg !== "" ? destDirArg : "/tmp";
      if (template.includes("/")) return fail(`invalid template, ${gnuQuote(template)}, contains directory separator`);
    } else {
      destDir = destDirArg !== undefined && destDirArg !== "" ? destDirArg : env !== undefined && env !== "" ? env : "/tmp";
      if (template.startsWith("/")) return fail(`invalid template, ${gnuQuote(template)}; with --tmpdir, it may not be absolute`);
    }
    // file_name_concat(): one slash between them.
    template = `${destDir.replace(/\/+$/, "")}/${template}`;
  }
  const made = makeTemp(ctx, template, suffixLen, xCount, makeDir, dryRun);
  if (typeof made !== "string") {
    if (!quiet) await fail(`failed to create ${makeDir ? "directory" : "file"} via template ${gnuQuote(template)}: ${errText(ctx, made)}`);
    return 1;
  }
  await ctx.stdout.write(`${made}\n`);
  return 0;
}

export const mktemp: Command = {
  name: "mktemp",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : gnuMain(ctx)),
};
