// awk [-F SEP] [-v VAR=VAL]… [-f FILE | PROGRAM] [FILE | VAR=VAL]… (BusyBox editors/awk.c 1.28;
// mawk 1.3.3 in Debian jessie and later). The language is lib/text-awk.ts; this file wires it to
// the emulated system: input files and stdin record by record, getline from files and commands,
// print to files (">", ">>"), to commands ("|") and system() through `sh -c` child processes.
// Messages: BusyBox "awk: cmd. line:N: MSG" (exit 1); mawk "awk: line N: syntax error at or
// near X" and "awk: run time error: …" (exit 2), wording from mawk 1.3.4 where 1.3.3 is not known.

import { errnoOf } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, attemptAsync, badOptionText, errText, missingArgText } from "./lib/cmd.js";
import { AwkInterpreter, AwkRuntimeError, AwkSyntaxError, type AwkHost, parseAwk } from "./lib/text-awk.js";
import { type Popen, popen, spawnAndWait } from "./lib/text-exec.js";
import { type Source, Tool, openSource, pace } from "./lib/text-io.js";
import { regexDialect } from "./lib/text-regex.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [AWK_PROGRAM] [FILE]...",
  full: "\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM",
};

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

interface AwkArgs {
  fs: string | undefined;
  assigns: string[];
  progFiles: string[];
  progTexts: string[];
  operands: string[];
}

/** getopt "F:v:f:e:W:" (BusyBox) / mawk's own parser; options stop at the program text. */
function parseArgs(argv: readonly string[], busybox: boolean): AwkArgs | { kind: "unknown" | "missing"; opt: string } {
  const r: AwkArgs = { fs: undefined, assigns: [], progFiles: [], progTexts: [], operands: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const c = a[1]!;
    if (!"Fvfe W".includes(c) || c === " " || (c === "e" && !busybox)) return { kind: "unknown", opt: c };
    const v = a.length > 2 ? a.slice(2) : argv[++i];
    if (v === undefined) return { kind: "missing", opt: c };
    if (c === "F") r.fs = v;
    else if (c === "v") r.assigns.push(v);
    else if (c === "f") r.progFiles.push(v);
    else if (c === "e") r.progTexts.push(v);
  }
  r.operands = argv.slice(i);
  return r;
}

/** Reads records separated by RS from a byte source. */
class RecordReader {
  private buf = "";
  private eof = false;
  constructor(private readonly src: Source, private readonly ctx: ProgramContext) {}

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = await this.src.read(65536);
    if (chunk === "") {
      this.eof = true;
      return false;
    }
    this.buf += chunk;
    await pace(this.ctx, this.buf.length);
    return true;
  }

  async next(rs: string, host: { regexSplit(rs: string, s: string): [number, number] | undefined }): Promise<string | undefined> {
    for (;;) {
      if (rs === "") {
        // Paragraph mode: records separated by blank lines; leading newlines skipped.
        this.buf = this.buf.replace(/^\n+/, "");
        const m = /\n\n+/.exec(this.buf);
        if (m !== null && (m.index + m[0].length < this.buf.length || this.eof)) {
          const rec = this.buf.slice(0, m.index);
          this.buf = this.buf.slice(m.index + m[0].length);
          return rec;
        }
      } else if (rs.length === 1) {
        const at = this.buf.indexOf(rs);
        if (at >= 0) {
          const rec = this.buf.slice(0, at);
          this.buf = this.buf.slice(at + 1);
          return rec;
        }
      } else {
        const m = host.regexSplit(rs, this.buf);
        if (m !== undefined && (m[1] < this.buf.length || this.eof)) {
          const rec = this.buf.slice(0, m[0]);
          this.buf = this.buf.slice(m[1]);
          return rec;
        }
      }
      if (!(await this.fill())) {
        if (this.buf === "") return undefined;
        const rec = rs === "" ? this.buf.replace(/\n+$/, "") : this.buf;
        this.buf = "";
        return rec;
      }
    }
  }
}

class AwkFatal extends Error {
  constructor(readonly text: string, readonly status: number) {
    super(text);
  }
}

async function awkMain(ctx: ProgramContext): Promise<number> {
  const t = new Tool(ctx);
  const busybox = t.busybox;
  const parsed = parseArgs(ctx.argv.slice(1), busybox);
  if ("kind" in parsed) {
    if (busybox) {
      await t.stderr(`${parsed.kind === "unknown" ? badOptionText(ctx, parsed.opt) : missingArgText(ctx, parsed.opt)}\n`);
      return t.usage(USAGE);
    }
    await t.error(parsed.kind === "unknown" ? `not an option: -${parsed.opt}` : `option requires an argument -- ${parsed.opt}`);
    return 2;
  }
  let program: string;
  let operands = parsed.operands;
  let progName = "cmd. line";
  if (parsed.progFiles.length > 0) {
    const texts: string[] = [];
    for (const f of parsed.progFiles) {
      const r = await attemptAsync(() => (f === "-" ? readStdin(ctx) : ctx.sys.readFile(f)));
      if (!r.ok) {
        await t.error(busybox ? `${f}: ${errText(ctx, r.errno)}` : `cannot open ${f} (${errText(ctx, r.errno)})`);
        return busybox ? 1 : 2;
      }
      texts.push(r.value);
    }
    program = texts.join("\n");
    progName = parsed.progFiles[0]!;
  } else if (parsed.progTexts.length > 0) program = parsed.progTexts.join("\n");
  else {
    if (operands.length === 0) {
      if (busybox) return t.usage(USAGE);
      await t.stderr(MAWK_USAGE);
      return 0;
    }
    program = operands[0]!;
    operands = operands.slice(1);
  }
  let prog;
  try {
    prog = parseAwk(program, busybox);
  } catch (err) {
    if (!(err instanceof AwkSyntaxError)) throw err;
    if (busybox) await t.error(`${progName}:${err.line}: ${err.msg}`);
    else if (err.near === "end of file" && (program.match(/{/g) ?? []).length > (program.match(/}/g) ?? []).length) await t.error(`line ${err.line + 1}: missing } near end of file`);
    else await t.error(`line ${err.line}: syntax error at or near ${err.near}`);
    return busybox ? 1 : 2;
  }

  // ---- the host: inputs, outputs, commands ----
  const outputs = new Map<string, { write(d: string): Promise<void>; close(): Promise<number> }>();
  const inputs = new Map<string, { reader: RecordReader; close(): Promise<number> }>();
  let mainReader: RecordReader | undefined;
  let argIndex = 1;
  let usedFile = false;
  let interp: AwkInterpreter;
  const regexSplit = (rs: string, s: string): [number, number] | undefined => {
    const re = interp.regex(rs);
    const m = re.re.exec(s);
    re.re.lastIndex = 0;
    return m === null || m[0] === "" ? undefined : [m.index, m.index + m[0].length];
  };
  const argv = ["awk", ...operands];
  const special = (name: string): "stdout" | "stderr" | undefined => (name === "/dev/stdout" || name === "-" ? "stdout" : name === "/dev/stderr" ? "stderr" : undefined);

  const host: AwkHost = {
    environ: ctx.proc.environ,
    random: () => ctx.sys.system.kernel.random.next(),
    checkpoint: () => t.checkpoint(),
    flush: () => t.out.flush(),
    async readRecord(rs) {
      for (;;) {
        if (mainReader !== undefined) {
          const rec = await mainReader.next(rs, { regexSplit });
          if (rec !== undefined) return { text: rec, filename: currentName, newFile: consumeNew() };
          mainReader = undefined;
        }
        // The next ARGV operand: an assignment, a file, or (when none was given) stdin.
        const argc = Math.trunc(interp.num(interp.value("ARGC")));
        let opened = false;
        while (argIndex < argc) {
          const arg = interp.argvAt(argIndex++);
          if (arg === "") continue;
          const asg = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
          if (asg !== null) {
            interp.assignVar(asg[1]!, asg[2]!);
            continue;
          }
          usedFile = true;
          const src = await openSource(ctx, arg);
          if (!src.ok) {
            throw new AwkFatal(busybox ? `${arg}: ${errText(ctx, src.errno)}` : `cannot open ${arg} (${errText(ctx, src.errno)})`, busybox ? 1 : 2);
          }
          mainReader = new RecordReader(src.src, ctx);
          currentName = arg;
          isNew = true;
          opened = true;
          break;
        }
        if (opened) continue;
        if (!usedFile) {
          usedFile = true;
          mainReader = new RecordReader(ctx.stdin, ctx);
          currentName = "-";
          isNew = true;
          continue;
        }
        return undefined;
      }
    },
    async readFrom(kind, name, rs) {
      let input = inputs.get(name);
      if (input === undefined) {
        if (kind === "file") {
          if (name === "-" || name === "/dev/stdin") input = { reader: new RecordReader(ctx.stdin, ctx), close: async () => 0 };
          else {
            const src = await openSource(ctx, name);
            if (!src.ok) return { error: errText(ctx, src.errno) };
            input = { reader: new RecordReader(src.src, ctx), close: async () => 0 };
          }
        } else {
          await t.out.flush();
          const p = popen(ctx, name, "r");
          if (!("read" in p)) return { error: errText(ctx, p) };
          input = { reader: new RecordReader(p, ctx), close: () => p.close() };
        }
        inputs.set(name, input);
      }
      try {
        return await input.reader.next(rs, { regexSplit });
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined) throw err;
        return { error: errText(ctx, e) };
      }
    },
    async write(kind, name, text) {
      if (kind === "stdout") {
        await t.print(text);
        return undefined;
      }
      const sp = special(name);
      if (sp !== undefined) {
        if (sp === "stdout") await t.print(text);
        else await t.stderr(text);
        return undefined;
      }
      let out = outputs.get(name);
      if (out === undefined) {
        if (kind === "cmd") {
          await t.out.flush();
          const p: Popen | ReturnType<typeof popen> = popen(ctx, name, "w");
          if (!("write" in p)) return busybox ? `popen: ${errText(ctx, p)}` : `cannot open "${name}" for output`;
          out = { write: (d) => p.write(d), close: () => p.close() };
        } else {
          const f = attempt(() => ctx.sys.open(name, kind === "append" ? { write: true, creat: true, append: true } : { write: true, creat: true, trunc: true }));
          if (!f.ok) {
            throw new AwkFatal(busybox ? `can't open '${name}': ${errText(ctx, f.errno)}` : `cannot open "${name}" for output (${errText(ctx, f.errno)})`, busybox ? 1 : 2);
          }
          out = { write: (d) => f.value.write(d), close: async () => 0 };
        }
        outputs.set(name, out);
      }
      await out.write(text);
      return undefined;
    },
    async close(name) {
      const out = outputs.get(name);
      if (out !== undefined) {
        outputs.delete(name);
        return out.close();
      }
      const input = inputs.get(name);
      if (input !== undefined) {
        inputs.delete(name);
        return input.close();
      }
      return -1;
    },
    async system(cmd) {
      const r = await spawnAndWait(ctx, "/bin/sh", ["sh", "-c", cmd], ctx.stdio);
      if ("status" in r) return r.status;
      if ("signal" in r) return 256 + r.signal;
      return 127;
    },
  };
  let currentName = "";
  let isNew = false;
  const consumeNew = () => {
    const n = isNew;
    isNew = false;
    return n;
  };
  interp = new AwkInterpreter(prog, { busybox, dialect: regexDialect(ctx.exe) }, host, argv);
  if (parsed.fs !== undefined) interp.assignVar("FS", parsed.fs === "t" && busybox ? "\t" : parsed.fs);
  for (const a of parsed.assigns) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (m === null) {
      if (busybox) return t.usage(USAGE);
      await t.error(`improper assignment: -v ${a}`);
      return 2;
    }
    interp.assignVar(m[1]!, m[2]!);
  }
  let status: number;
  try {
    status = await interp.run();
  } catch (err) {
    if (err instanceof AwkFatal) {
      await t.error(err.text);
      status = err.status;
    } else if (err instanceof AwkRuntimeError) {
      if (busybox) await t.error(`${progName}:1: ${err.msg}`);
      else await t.error(`run time error: ${err.msg}\n\tFILENAME="${currentName}" FNR=${interp.str(interp.value("FNR"))} NR=${interp.str(interp.value("NR"))}`);
      status = busybox ? 1 : 2;
    } else throw err;
  }
  await t.out.flush();
  for (const [, out] of outputs) await out.close();
  for (const [, input] of inputs) await input.close();
  return status;
}

async function readStdin(ctx: ProgramContext): Promise<string> {
  let data = "";
  for (;;) {
    const chunk = await ctx.stdin.read(65536);
    if (chunk === "") return data;
    data += chunk;
  }
}

export const awk: Command = { name: "awk", main: awkMain, usage: USAGE };
