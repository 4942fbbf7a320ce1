// Shared plumbing for the text filters (grep, sed, awk, sort, …): stdio-like buffered output,
// line-at-a-time input from files and pipes, per-operand open errors, BusyBox number parsing.
// (SIGPIPE comes from the kernel's pipe writes.) Mirrors what libc stdio gives the real tools: stdout is line-buffered on a
// terminal and block-buffered (BUFSIZ 4096) otherwise, and it is flushed before any message goes
// to stderr (BusyBox libbb/verror_msg.c fflush_all(), GNU error()).

import { ENOMEM, EPIPE, type Errno, SyscallError, errnoOf } from "../../kernel/errno.js";
import type { Fd, ProgramContext } from "../../kernel/program.js";
import { applet, attempt, attemptAsync, errText, isBusybox, usage } from "./cmd.js";

const BUFSIZ = 4096;

/** A FILE* for stdout (or any output fd). */
export class Output {
  private buf = "";
  private readonly lineBuffered: boolean;

  constructor(private readonly fd: Fd) {
    this.lineBuffered = fd.tty !== undefined;
  }

  async write(text: string): Promise<void> {
    this.buf += text;
    if (this.buf.length >= BUFSIZ || (this.lineBuffered && text.includes("\n"))) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buf === "") return;
    const data = this.buf;
    this.buf = "";
    try {
      await this.fd.write(data);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined || e === EPIPE) throw err;
      throw new StdoutError(e);
    }
  }
}

/**
 * Writing standard output failed (a full disk, a closed descriptor): the program ends with the
 * build's message (stdoutFailed), whichever operand it was working on.
 */
export class StdoutError extends SyscallError {
  constructor(e: Errno) {
    super(e, "write");
  }
}

/**
 * The message for a failed write of standard output, status 1: BusyBox's stdio tools end in
 * fflush_stdout_and_exit() ("standard output: …"), its raw writers in full_write() checks
 * ("write error: …", libbb copyfd.c); GNU close_stdout() says "write error: …".
 */
export async function stdoutFailed(ctx: ProgramContext, e: Errno, stdio: boolean): Promise<number> {
  const what = isBusybox(ctx) && stdio ? "standard output" : "write error";
  await ctx.stderr.write(`${isBusybox(ctx) ? applet(ctx) : ctx.argv[0]}: ${what}: ${errText(ctx, e)}\n`).catch(() => {});
  return 1;
}

/** What a tool prints, with stdout flushed before each stderr message. */
export class Tool {
  readonly out: Output;
  readonly busybox: boolean;
  /** The name messages start with: BusyBox's applet name, GNU's argv[0]. */
  readonly name: string;

  constructor(readonly ctx: ProgramContext) {
    this.out = new Output(ctx.stdout);
    this.busybox = isBusybox(ctx);
    this.name = this.busybox ? applet(ctx) : ctx.argv[0]!;
  }

  async print(text: string): Promise<void> {
    await this.out.write(text);
  }

  /** bb_error_msg() / error(0, 0, …): "name: msg". */
  async error(msg: string): Promise<void> {
    await this.out.flush();
    await this.ctx.stderr.write(`${this.name}: ${msg}\n`);
  }

  /** Raw text to stderr, after flushing stdout. */
  async stderr(text: string): Promise<void> {
    await this.out.flush();
    await this.ctx.stderr.write(text);
  }

  /** bb_perror_msg(what) / error(0, errno, "%s", what). */
  async perror(what: string, e: Errno): Promise<void> {
    await this.error(`${what}: ${errText(this.ctx, e)}`);
  }

  /** GNU's "Try 'X --help' for more information." after a message. */
  async tryHelp(msg?: string): Promise<void> {
    await this.stderr(`${msg === undefined ? "" : `${this.name}: ${msg}\n`}Try '${this.name} --help' for more information.\n`);
  }

  async usage(text: { trivial: string; full: string }): Promise<number> {
    await this.out.flush();
    return usage(this.ctx, text.trivial, text.full);
  }

  checkpoint(): Promise<void> {
    return this.ctx.sys.system.sched.checkpoint(this.ctx.proc);
  }
}

/**
 * The most a tool holds of one line or one input (64 MiB): past it, a read fails with ENOMEM the
 * way malloc would, so `grep x /dev/zero` ends instead of exhausting the host.
 */
export const MAX_BUFFERED = 64 * 1024 * 1024;

/** Yields to the scheduler between chunks, and refuses to buffer without bound. */
export async function pace(ctx: ProgramContext | undefined, buffered: number): Promise<void> {
  if (ctx !== undefined) await ctx.sys.system.sched.checkpoint(ctx.proc);
  if (buffered > MAX_BUFFERED) throw new SyscallError(ENOMEM, "read");
}

/**
 * An input stream read line by line (getline), from a file or a descriptor. A long line is kept
 * as a list of chunks and only new chunks are scanned, so a line of many megabytes (/dev/zero)
 * costs linear time.
 */
export class LineReader {
  /** Text after the last delimiter seen, in chunks that hold no delimiter. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** Text after the delimiter that ended the last line (may hold more delimiters). */
  private buf = "";
  private eof = false;
  /** Whether the last line returned ended with a newline. */
  lastHadNewline = true;

  constructor(private readonly src: { read(max?: number): Promise<string> }, private readonly delim = "\n", private readonly ctx?: ProgramContext) {}

  /** The next line without its delimiter, or undefined at end of input. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const at = this.buf.indexOf(this.delim);
      if (at >= 0) {
        const line = this.take(this.buf.slice(0, at));
        this.buf = this.buf.slice(at + 1);
        this.lastHadNewline = true;
        return line;
      }
      if (this.buf !== "") {
        this.pending.push(this.buf);
        this.pendingLength += this.buf.length;
        this.buf = "";
      }
      if (this.eof) {
        if (this.pendingLength === 0) return undefined;
        this.lastHadNewline = false;
        return this.take("");
      }
      const chunk = await this.src.read(65536);
      if (chunk === "") this.eof = true;
      else {
        this.buf = chunk;
        await pace(this.ctx, this.pendingLength + chunk.length);
      }
    }
  }

  private take(tail: string): string {
    if (this.pending.length === 0) return tail;
    const line = this.pending.join("") + tail;
    this.pending = [];
    this.pendingLength = 0;
    return line;
  }

  /** Everything that is left. */
  async rest(): Promise<string> {
    const parts = [...this.pending, this.buf];
    let size = this.pendingLength + this.buf.length;
    this.pending = [];
    this.pendingLength = 0;
    this.buf = "";
    while (!this.eof) {
      const chunk = await this.src.read(65536);
      if (chunk === "") this.eof = true;
      else {
        parts.push(chunk);
        size += chunk.length;
        await pace(this.ctx, size);
      }
    }
    return parts.join("");
  }
}

export interface Source {
  read(max?: number): Promise<string>;
}

/** Opens an operand as a byte stream: "-" is standard input. */
export async function openSource(ctx: ProgramContext, path: string): Promise<{ ok: true; src: Source } | { ok: false; errno: Errno }> {
  if (path === "-") return { ok: true, src: ctx.stdin };
  const opened = await attemptAsync(async () => ctx.sys.open(path, { read: true }));
  return opened.ok ? { ok: true, src: opened.value } : opened;
}

/** Opens an operand for reading line by line: "-" is standard input. */
export async function openInput(ctx: ProgramContext, path: string): Promise<{ ok: true; reader: LineReader } | { ok: false; errno: Errno }> {
  if (path === "-") return { ok: true, reader: new LineReader(ctx.stdin, "\n", ctx) };
  const opened = await attemptAsync(async () => ctx.sys.open(path, { read: true }));
  if (!opened.ok) return opened;
  return { ok: true, reader: new LineReader(opened.value, "\n", ctx) };
}

/** Reads a whole operand; read errors (EISDIR …) come back like open errors. */
export async function readWhole(ctx: ProgramContext, path: string): Promise<{ ok: true; data: string } | { ok: false; errno: Errno }> {
  const opened = await openInput(ctx, path);
  if (!opened.ok) return opened;
  const r = await attemptAsync(() => opened.reader.rest());
  return r.ok ? { ok: true, data: r.value } : r;
}

/** Splits text into lines; a final line without a newline is still a line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** BusyBox xatou_sfx()/xatoi_positive() number suffixes (libbb/xatonum.c, head/tail "kbm"). */
export const KBM_SUFFIXES: Record<string, number> = { b: 512, k: 1024, m: 1024 * 1024 };

/**
 * BusyBox xatou()-style strict parse: decimal digits only (optionally a suffix from `sfx`).
 * Returns undefined for anything else, as libbb dies with "invalid number 'X'".
 */
export function parseBusyboxUnsigned(s: string, sfx: Record<string, number> = {}): number | undefined {
  // libbb/xatonum_template.c: no sign, no leading space, digits, then exactly a listed suffix.
  const m = /^(\d+)(.*)$/s.exec(s);
  if (m === null) return undefined;
  const mult = m[2] === "" ? 1 : sfx[m[2]!];
  if (mult === undefined) return undefined;
  return Number(m[1]) * mult;
}

/** GNU xstrtoumax() suffixes as head/tail accept them (b, kB, K, KiB, MB, M, …). */
export function parseGnuSize(s: string): number | undefined {
  const m = /^(\d+)(b|[kKMGTPEZY](?:B|iB)?)?$/.exec(s);
  if (m === null) return undefined;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix === undefined) return n;
  if (suffix === "b") return n * 512;
  const power = "KMGTPEZY".indexOf(suffix[0]!.toUpperCase()) + 1;
  const base = suffix.endsWith("B") && !suffix.endsWith("iB") ? 1000 : 1024;
  return n * base ** power;
}

/**
 * open(2) for writing, for output operands (tee FILE, sed w FILE, sort -o FILE). /dev/stdout,
 * /dev/stderr and /dev/fd/1|2 name the process's own descriptors; when the VFS cannot open them
 * (their /proc/self/fd links do not resolve for writing yet) the descriptor itself is used.
 */
export function openWrite(ctx: ProgramContext, path: string, flags: { append?: boolean }): { ok: true; write(data: string): Promise<void> } | { ok: false; errno: Errno } {
  const opened = attempt(() => ctx.sys.open(path, flags.append ? { write: true, creat: true, append: true } : { write: true, creat: true, trunc: true }));
  if (opened.ok) return { ok: true, write: (d) => opened.value.write(d) };
  const std = /^(?:\/dev\/(?:std(out|err)|fd\/([12]))|\/proc\/self\/fd\/([12]))$/.exec(path);
  if (std !== null) {
    const fd = std[1] === "out" || std[2] === "1" || std[3] === "1" ? ctx.stdout : ctx.stderr;
    return { ok: true, write: (d) => fd.write(d) };
  }
  return opened;
}
