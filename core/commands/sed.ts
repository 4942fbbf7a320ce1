// sed [-nrEs] [-i[SFX]] [-e SCRIPT]… [-f FILE]… [SCRIPT] [FILE]… (BusyBox editors/sed.c 1.28;
// GNU sed 4.2.2 / 4.9). The language lives in lib/text-sed.ts; this file handles options, inputs
// (all files form one stream unless -i/-s), w files, and -i: the output goes to a temporary file
// beside the original (BusyBox "FILEXXXXXX", GNU "DIR/sedXXXXXX", the X's from the kernel's
// deterministic Random), which then gets the original's mode and replaces it by rename(2). On a
// read-only filesystem BusyBox says "can't create temp file 'FILEXXXXXX': Read-only file system".

import { type Errno, errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, badOptionText, errText, missingArgText } from "./lib/cmd.js";
import { regexDialect } from "./lib/text-regex.js";
import { SedError, type SedFlavour, type SedIo, type SedLine, SedParser, SedRunner, type SedSink } from "./lib/text-sed.js";
import { LineReader, Tool, openInput, openWrite, StdoutError } from "./lib/text-io.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...",
  full: "\t-e CMD\tAdd CMD to sed commands to be executed\n\t-f FILE\tAdd FILE contents to sed commands to be executed\n\t-i[SFX]\tEdit files in-place (otherwise sends to stdout)\n\t\tOptionally back files up, appending SFX\n\t-n\tSuppress automatic printing of pattern space\n\t-r,-E\tUse extended regex syntax\n\nIf no -e or -f, the first non-option argument is the sed command string.\nRemaining arguments are input files (stdin if none).",
};

/** GNU sed 4.x --help (4.9's text; 4.2.2 words a few lines differently). */
const GNU_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

interface SedOptions {
  quiet: boolean;
  ere: boolean;
  separate: boolean;
  inPlace: string | undefined;
  scripts: { kind: "e" | "f"; text: string }[];
  operands: string[];
}

type OptError = { kind: "unknown" | "missing"; opt: string };

/** getopt for "i::rEne:*f:*" (BusyBox) / "nrsEe:f:i::l:uz" (GNU), with -i's optional suffix. */
function parseSedOptions(argv: readonly string[], busybox: boolean): SedOptions | OptError {
  const o: SedOptions = { quiet: false, ere: false, separate: false, inPlace: undefined, scripts: [], operands: [] };
  const flags = busybox ? "rEn" : "rEnsuz";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      o.operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") ) {
      const [name, value] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const takes = (n: string) => {
        const v = value ?? argv[++i];
        if (v === undefined) return { kind: "missing" as const, opt: n };
        return v;
      };
      if (name === "in-place") o.inPlace = value ?? "";
      else if (name === "regexp-extended") o.ere = true;
      else if (name === "quiet" || name === "silent") o.quiet = true;
      else if (name === "separate" && !busybox) o.separate = true;
      else if (name === "expression" || name === "file") {
        const v = takes(name);
        if (typeof v !== "string") return v;
        o.scripts.push({ kind: name === "file" ? "f" : "e", text: v });
      } else if (!busybox && (name === "posix" || name === "debug" || name === "sandbox" || name === "follow-symlinks" || name === "unbuffered" || name === "null-data")) continue;
      else return { kind: "unknown", opt: a };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === "i") {
          o.inPlace = a.slice(j + 1);
          if (!busybox) o.separate = true;
          break;
        }
        if (c === "e" || c === "f" || (c === "l" && !busybox)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { kind: "missing", opt: c };
          if (c !== "l") o.scripts.push({ kind: c, text: v });
          break;
        }
        if (!flags.includes(c)) return { kind: "unknown", opt: c };
        if (c === "n") o.quiet = true;
        else if (c === "r" || c === "E") o.ere = true;
        else if (c === "s") o.separate = true;
      }
      continue;
    }
    o.operands.push(a);
  }
  return o;
}

/** The output of sed: stdout, a w file or the -i temporary file. */
class Sink implements SedSink {
  lastChar = "\n";
  constructor(readonly write: (text: string) => Promise<void>) {}
}

const TEMP_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

async function sedMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const busybox = t.busybox;
  const args = ctx.argv.slice(1);
  if (busybox && args[0] === "--version") {
    await t.print("This is not GNU sed version 4.0\n");
    await t.out.flush();
    return 0;
  }
  const parsed = parseSedOptions(args, busybox);
  if ("kind" in parsed) {
    const text = busybox
      ? parsed.kind === "unknown" ? badOptionText(ctx, parsed.opt.replace(/^--?/, "")) : missingArgText(ctx, parsed.opt)
      : parsed.kind === "unknown" ? (parsed.opt.startsWith("--") ? `${t.name}: unrecognized option '${parsed.opt}'` : `${t.name}: invalid option -- '${parsed.opt}'`) : `${t.name}: option requires an argument -- '${parsed.opt}'`;
    await t.stderr(`${text}\n`);
    if (busybox) return t.usage(USAGE);
    await t.stderr(GNU_USAGE);
    return 1;
  }
  const flavour: SedFlavour = { busybox, dialect: regexDialect(ctx.exe), ere: parsed.ere };
  const parser = new SedParser(flavour);
  let operands = parsed.operands;
  const scripts = [...parsed.scripts];
  if (scripts.length === 0) {
    if (operands.length === 0) {
      if (busybox) return t.usage(USAGE);
      await t.stderr(GNU_USAGE);
      return 1;
    }
    scripts.push({ kind: "e", text: operands[0]! });
    operands = operands.slice(1);
  }
  // A chunk ending in an unescaped backslash continues in the next one (sed -e 'a\' -e 'text').
  for (let k = 0; k + 1 < scripts.length; k++) {
    const cur = scripts[k]!;
    if (cur.kind === "e" && scripts[k + 1]!.kind === "e" && /(^|[^\\])(\\\\)*\\$/.test(cur.text)) {
      scripts.splice(k, 2, { kind: "e", text: `${cur.text.slice(0, busybox ? -1 : cur.text.length)}\n${scripts[k + 1]!.text}` });
      k--;
    }
  }
  let exprNo = 0;
  try {
    for (const s of scripts) {
      let text = s.text;
      let where = `-e expression #${++exprNo}`;
      if (s.kind === "f") {
        const r = attempt(() => ctx.sys.readFile(s.text));
        const data = r.ok ? await r.value.catch((err: unknown) => err) : undefined;
        if (!r.ok || typeof data !== "string") {
          const e = r.ok ? errnoOf(data) : r.errno;
          if (e === undefined) throw data;
          await t.error(busybox ? `${s.text}: ${errText(ctx, e)}` : `couldn't open file ${s.text}: ${errText(ctx, e)}`);
          return 1;
        }
        text = data.endsWith("\n") ? data.slice(0, -1) : data;
        where = `file ${s.text} line 1`;
        exprNo--;
      }
      try {
        parser.parse(text);
      } catch (err) {
        if (err instanceof SedError && !busybox && !err.plain) throw new SedError(`${where}, char ${err.char}: ${err.msg}`, err.char, true);
        throw err;
      }
    }
    try {
      parser.finish();
    } catch (err) {
      if (err instanceof SedError && !busybox && !err.plain) throw new SedError(`-e expression #${exprNo}, char ${err.char}: ${err.msg}`, err.char, true);
      throw err;
    }
  } catch (err) {
    if (!(err instanceof SedError)) throw err;
    await t.error(err.msg);
    // GNU: compile errors exit 1 (EXIT_BAD_USAGE), a missing label is a panic (4).
    return !busybox && err.msg.startsWith("can't find label") ? 4 : 1;
  }
  const quiet = parsed.quiet || parser.quietFromScript;
  if (parsed.inPlace !== undefined && operands.length === 0) {
    await t.error(busybox ? "-i requires an argument" : "no input files");
    return busybox ? 1 : 4;
  }
  // w files are created (truncated) before any input is read.
  const wsinks = new Map<string, Sink>();
  const stdoutSink = new Sink((text) => t.print(text));
  for (const name of parser.wfiles) {
    // GNU sed writes /dev/stdout through its own stdout stream (so output stays in order).
    if (!busybox && name === "/dev/stdout") {
      wsinks.set(name, stdoutSink);
      continue;
    }
    const opened = openWrite(ctx, name, {});
    if (!opened.ok) {
      await t.error(busybox ? `can't open '${name}': ${errText(ctx, opened.errno)}` : `couldn't open file ${name}: ${errText(ctx, opened.errno)}`);
      return busybox ? 1 : 4;
    }
    wsinks.set(name, new Sink(opened.write));
  }
  let status = 0;
  const ioFor = (files: string[], out: Sink): SedIo => {
    let idx = 0;
    let reader: LineReader | undefined;
    return {
      out,
      wfile: (name) => wsinks.get(name) ?? out,
      readFile: async (name) => {
        try {
          return await ctx.sys.readFile(name);
        } catch (err) {
          if (errnoOf(err) === undefined) throw err;
          return undefined;
        }
      },
      checkpoint: () => t.checkpoint(),
      nextLine: async (): Promise<SedLine | undefined> => {
        for (;;) {
          if (reader === undefined) {
            if (idx >= files.length) return undefined;
            const name = files[idx++]!;
            const opened = await openInput(ctx, name);
            if (!opened.ok) {
              if (busybox) {
                status = 1;
                await t.perror(name, opened.errno);
              } else {
                status = 2;
                await t.error(`can't read ${name}: ${errText(ctx, opened.errno)}`);
              }
              continue;
            }
            reader = opened.reader;
          }
          let line: string | undefined;
          try {
            line = await reader.next();
          } catch (err) {
            const e = errnoOf(err);
            if (e === undefined || e.name === "EPIPE" || err instanceof StdoutError) throw err;
            // BusyBox gets EOF from a directory; GNU reports the read error.
            // (GNU panics: exit 4.)
            if (!busybox) throw new SedError(`read error on ${files[idx - 1]}: ${errText(ctx, e)}`, 0, true);
            line = undefined;
          }
          if (line === undefined) {
            reader = undefined;
            continue;
          }
          return { text: line, end: reader.lastHadNewline ? "\n" : "" };
        }
      },
    };
  };
  const files = operands.length === 0 ? ["-"] : operands;
  try {
    if (parsed.inPlace !== undefined) {
      for (const file of files) {
        const r = await inPlace(ctx, t, parser, flavour, quiet, file, parsed.inPlace, ioFor);
        if (r === "fatal") return busybox ? 1 : 4;
        if (r !== 0) status = r;
      }
    } else if (parsed.separate) {
      for (const file of files) {
        const q = await new SedRunner(parser.cmds, flavour, quiet).run(ioFor([file], stdoutSink));
        if (q !== undefined) {
          status = q;
          break;
        }
      }
    } else {
      const q = await new SedRunner(parser.cmds, flavour, quiet).run(ioFor(files, stdoutSink));
      if (q !== undefined && q !== 0) status = q;
    }
  } catch (err) {
    if (!(err instanceof SedError)) throw err;
    await t.error(err.msg);
    return busybox ? 1 : 4;
  }
  await t.out.flush();
  return status;
}

/** sed -i on one file: temp file beside it, then rename over it. */
async function inPlace(ctx: ProgramContext, t: Tool, parser: SedParser, flavour: SedFlavour, quiet: boolean, file: string, suffix: string, ioFor: (files: string[], out: Sink) => SedIo): Promise<number | "fatal"> {
  const busybox = flavour.busybox;
  const st = attempt(() => ctx.sys.stat(file));
  if (!st.ok) {
    await t.error(busybox ? `${file}: ${errText(ctx, st.errno)}` : `can't read ${file}: ${errText(ctx, st.errno)}`);
    return busybox ? 1 : 2;
  }
  if (!busybox && (st.value.mode & 0o170000) !== 0o100000) {
    await t.error(`couldn't edit ${file}: not a regular file`);
    return 4;
  }
  const random = ctx.sys.system.kernel.random;
  const x6 = () => Array.from({ length: 6 }, () => TEMP_CHARS[Math.floor(random.next() * TEMP_CHARS.length)]).join("");
  const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
  const temp = busybox ? `${file}${x6()}` : `${dir === "" ? "./" : dir}sed${x6()}`;
  const opened = attempt(() => ctx.sys.open(temp, { write: true, creat: true, excl: true }, 0o600));
  if (!opened.ok) {
    await t.error(busybox ? `can't create temp file '${temp}': ${errText(ctx, opened.errno)}` : `couldn't open temporary file ${temp}: ${errText(ctx, opened.errno)}`);
    return "fatal";
  }
  let data = "";
  const sink = new Sink(async (text) => {
    data += text;
  });
  try {
    await new SedRunner(parser.cmds, flavour, quiet).run(ioFor([file], sink));
    await opened.value.write(data);
  } catch (err) {
    attempt(() => ctx.sys.unlink(temp));
    throw err;
  }
  // fchmod/fchown to the original's mode and owner (fchown fails quietly without CAP_CHOWN).
  attempt(() => ctx.sys.chmod(temp, st.value.mode & 0o7777));
  attempt(() => ctx.sys.chown(temp, st.value.uid, st.value.gid));
  const fail = async (from: string, to: string, e: Errno) => {
    await t.error(busybox ? `can't move '${from}' to '${to}': ${errText(ctx, e)}` : `cannot rename ${from}: ${errText(ctx, e)}`);
    attempt(() => ctx.sys.unlink(temp));
    return "fatal" as const;
  };
  if (suffix !== "") {
    const backup = suffix.includes("*") ? suffix.replace(/\*/g, file.slice(dir.length)) : `${file}${suffix}`;
    const b = attempt(() => ctx.sys.rename(file, backup));
    if (!b.ok) return fail(file, backup, b.errno);
  }
  const r = attempt(() => ctx.sys.rename(temp, file));
  if (!r.ok) return fail(temp, file, r.errno);
  return 0;
}

export const sed: Command = { name: "sed", main: sedMain, usage: USAGE };
