// A pseudo-terminal (drivers/tty/n_tty.c, pty.c). The master side is the learner's screen and
// keyboard (or kubectl's stream); the slave side is what processes read and write. Canonical mode
// gives processes whole lines and turns ^C, ^\ and ^Z into signals for the foreground process
// group; shells switch to non-canonical mode while they edit a command line themselves.

import { Cancelled, type Cancellation } from "./cancellation.js";
import type { Task } from "../vfs/path.js";
import { SIGINT, SIGQUIT, SIGTSTP, SIGWINCH } from "./signal.js";
import type { Tty } from "./process.js";

export interface Termios {
  /** ICANON: line editing by the kernel, reads return whole lines. */
  icanon: boolean;
  echo: boolean;
  /** ISIG: ^C ^\ ^Z generate signals. */
  isig: boolean;
  /** ICRNL: a typed carriage return becomes a newline. */
  icrnl: boolean;
  /** OPOST|ONLCR: output newlines become CR LF. */
  onlcr: boolean;
  /** ECHOCTL: control characters echo as ^X. */
  echoctl: boolean;
}

export const SANE: Readonly<Termios> = Object.freeze({ icanon: true, echo: true, isig: true, icrnl: true, onlcr: true, echoctl: true });
/** cfmakeraw(): what `kubectl exec -t` does to the local terminal. */
export const RAW: Readonly<Termios> = Object.freeze({ icanon: false, echo: false, isig: false, icrnl: false, onlcr: false, echoctl: false });

export interface Winsize {
  cols: number;
  rows: number;
}

/** How much output may wait for the screen before writers block (flow control). */
export const OUTPUT_HIGH_WATER = 64 * 1024;

const INTR = "\x03";
const QUIT = "\x1c";
const SUSP = "\x1a";
const EOF_CHAR = "\x04";
const ERASE = "\x7f";
const KILL = "\x15";
const WERASE = "\x17";

export class Pty implements Tty {
  termios: Termios = { ...SANE };
  winsize: Winsize;
  foregroundPgid = 0;
  /** Bytes ready for readers (completed lines in canonical mode). */
  private ready = "";
  /** The line being typed in canonical mode. */
  private line = "";
  private eofPending = false;
  private readers: (() => void)[] = [];
  /** Readers blocked for input right now: the terminal's owner is waiting for the user. */
  waitingReaders = 0;
  private hungUp = false;
  /** Output not yet taken by the screen; writers wait while it is over the high-water mark. */
  private pendingOutput = 0;
  private drainWaiters: (() => void)[] = [];
  private outputListener: ((bytes: string) => void) | undefined;
  private resizeListeners = new Set<(w: Winsize) => void>();
  /** Delivers a signal to a process group (set by whoever owns the processes). */
  signalGroup: (pgid: number, sig: number) => void = () => {};

  constructor(
    readonly name: string,
    readonly rdev: number,
    winsize: Winsize = { cols: 80, rows: 24 },
  ) {
    this.winsize = { ...winsize };
  }

  // ---- master side ----------------------------------------------------------------------------

  /** Where output goes. `autoDrain` false means the listener calls drained() itself. */
  setOutput(listener: (bytes: string) => void): void {
    this.outputListener = listener;
  }

  /** The screen has consumed `n` bytes of output. */
  drained(n: number): void {
    this.pendingOutput = Math.max(0, this.pendingOutput - n);
    if (this.pendingOutput <= OUTPUT_HIGH_WATER) for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Bytes the screen has not consumed yet. */
  get outputBacklog(): number {
    return this.pendingOutput;
  }

  /** Keyboard input (or a remote stream) arriving at the terminal. */
  input(bytes: string): void {
    for (const ch of bytes) this.inputChar(ch);
    this.wakeReaders();
  }

  resize(w: Winsize): void {
    this.winsize = { ...w };
    for (const l of this.resizeListeners) l(this.winsize);
    if (this.foregroundPgid > 0) this.signalGroup(this.foregroundPgid, SIGWINCH);
  }

  onResize(l: (w: Winsize) => void): () => void {
    this.resizeListeners.add(l);
    return () => this.resizeListeners.delete(l);
  }

  /** The master closed: readers see end of file. */
  hangup(): void {
    this.hungUp = true;
    this.wakeReaders();
  }

  private inputChar(ch: string): void {
    const t = this.termios;
    if (t.icrnl && ch === "\r") ch = "\n";
    if (t.isig && (ch === INTR || ch === QUIT || ch === SUSP)) {
      const sig = ch === INTR ? SIGINT : ch === QUIT ? SIGQUIT : SIGTSTP;
      this.line = "";
      this.ready = "";
      if (t.echo) this.echo(ch);
      if (this.foregroundPgid > 0) this.signalGroup(this.foregroundPgid, sig);
      return;
    }
    if (!t.icanon) {
      this.ready += ch;
      if (t.echo) this.echo(ch);
      return;
    }
    switch (ch) {
      case "\n":
        this.ready += `${this.line}\n`;
        this.line = "";
        if (t.echo) this.emit("\n");
        return;
      case EOF_CHAR:
        if (this.line === "") this.eofPending = true;
        else {
          this.ready += this.line;
          this.line = "";
        }
        return;
      case ERASE:
      case "\b":
        if (this.line !== "") {
          const last = this.line.at(-1)!;
          this.line = this.line.slice(0, -1);
          if (t.echo) this.emit(last < " " && t.echoctl ? "\b \b\b \b" : "\b \b");
        }
        return;
      case KILL:
        if (t.echo) this.emit("\b \b".repeat(this.displayWidth(this.line)));
        this.line = "";
        return;
      case WERASE: {
        const cut = this.line.replace(/\S*\s*$/, "");
        if (t.echo) this.emit("\b \b".repeat(this.displayWidth(this.line) - this.displayWidth(cut)));
        this.line = cut;
        return;
      }
      default:
        this.line += ch;
        if (t.echo) this.echo(ch);
    }
  }

  private displayWidth(s: string): number {
    let n = 0;
    for (const c of s) n += c < " " && this.termios.echoctl ? 2 : 1;
    return n;
  }

  private echo(ch: string): void {
    if (ch < " " && ch !== "\n" && ch !== "\t" && this.termios.echoctl) this.emit(`^${String.fromCharCode(ch.charCodeAt(0) + 64)}`);
    else if (ch === "\x7f" && this.termios.echoctl) this.emit("^?");
    else this.emit(ch);
  }

  private emit(bytes: string): void {
    const out = this.termios.onlcr ? bytes.replace(/\n/g, "\r\n") : bytes;
    this.pendingOutput += out.length;
    this.outputListener?.(out);
  }

  private wakeReaders(): void {
    if (this.ready === "" && !this.eofPending && !this.hungUp) return;
    for (const r of this.readers.splice(0)) r();
  }

  // ---- slave side -----------------------------------------------------------------------------

  async read(max: number, task: Task, cancel?: Cancellation): Promise<string> {
    for (;;) {
      if (this.ready !== "") {
        // Canonical reads return at most one line.
        const nl = this.termios.icanon ? this.ready.indexOf("\n") : -1;
        const end = Math.min(max, nl >= 0 ? nl + 1 : this.ready.length);
        const out = this.ready.slice(0, end);
        this.ready = this.ready.slice(end);
        return out;
      }
      if (this.eofPending) {
        this.eofPending = false;
        return "";
      }
      if (this.hungUp) return "";
      this.waitingReaders++;
      await new Promise<void>((resolve, reject) => {
        const lifetime = (task as { lifetime?: Cancellation }).lifetime;
        const offs: (() => void)[] = [];
        const wake = () => {
          for (const off of offs) off();
          resolve();
        };
        for (const c of [lifetime, cancel]) if (c !== undefined) offs.push(c.onCancel((r) => {
          this.readers = this.readers.filter((x) => x !== wake);
          reject(new Cancelled(r));
        }));
        this.readers.push(wake);
      }).finally(() => this.waitingReaders--);
    }
  }

  async write(data: string, task?: Task): Promise<void> {
    if (this.pendingOutput > OUTPUT_HIGH_WATER) {
      await new Promise<void>((resolve, reject) => {
        const lifetime = (task as { lifetime?: Cancellation } | undefined)?.lifetime;
        const off = lifetime?.onCancel((r) => reject(new Cancelled(r)));
        this.drainWaiters.push(() => {
          off?.();
          resolve();
        });
      });
    }
    this.emit(data);
  }

  /** Input waiting to be read (type-ahead), for tests and the line editor. */
  get pendingInput(): number {
    return this.ready.length + this.line.length;
  }
}
