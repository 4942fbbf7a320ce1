// Byte streams between processes: what a command's stdin/stdout/stderr are. Data are byte
// strings (one char per byte). A read of "" means end of file.

import { Cancelled, type Cancellation } from "./cancellation.js";
import { EPIPE, SyscallError } from "./errno.js";

export interface Readable {
  /** Up to `max` bytes; "" at end of file. Waits while a pipe or terminal has nothing yet. */
  read(max?: number): Promise<string>;
}

export interface Writable {
  /** Writes all bytes, waiting while a pipe is full. Throws EPIPE when no reader is left. */
  write(data: string): Promise<void>;
}

/** What /proc/<pid>/fd/N points to. */
export interface Described {
  readonly description: string;
}

export const PIPE_BUF_SIZE = 65536; // pipe capacity, fs/pipe.c (16 pages)

let nextPipeIno = 4_800_000;

/** pipe(2): a bounded buffer; writers wait when it is full, readers when it is empty. */
export class Pipe {
  private chunks: string[] = [];
  private buffered = 0;
  private writers = 1;
  private readerOpen = true;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  readonly ino = nextPipeIno++;

  get description(): string {
    return `pipe:[${this.ino}]`;
  }

  private wait(set: (wake: () => void) => void, cancel?: Cancellation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const off = cancel?.onCancel((reason) => reject(new Cancelled(reason)));
      set(() => {
        off?.();
        resolve();
      });
    });
  }

  async read(max = PIPE_BUF_SIZE, cancel?: Cancellation): Promise<string> {
    while (this.buffered === 0) {
      if (this.writers === 0) return "";
      await this.wait((wake) => (this.wakeReader = wake), cancel);
    }
    let out = "";
    while (out.length < max && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const take = Math.min(head.length, max - out.length);
      out += head.slice(0, take);
      if (take === head.length) this.chunks.shift();
      else this.chunks[0] = head.slice(take);
    }
    this.buffered -= out.length;
    this.wake("writer");
    return out;
  }

  async write(data: string, cancel?: Cancellation): Promise<void> {
    let rest = data;
    while (rest.length > 0) {
      if (!this.readerOpen) throw new SyscallError(EPIPE, "write");
      const room = PIPE_BUF_SIZE - this.buffered;
      if (room <= 0) {
        await this.wait((wake) => (this.wakeWriter = wake), cancel);
        continue;
      }
      const part = rest.slice(0, room);
      rest = rest.slice(part.length);
      this.chunks.push(part);
      this.buffered += part.length;
      this.wake("reader");
    }
  }

  private wake(who: "reader" | "writer"): void {
    const fn = who === "reader" ? this.wakeReader : this.wakeWriter;
    if (who === "reader") this.wakeReader = undefined;
    else this.wakeWriter = undefined;
    fn?.();
  }

  /** One more holder of the write end (a duplicated descriptor). */
  addWriter(): void {
    this.writers++;
  }

  /** A holder of the write end closed it; readers see end of file after the last one. */
  closeWriter(): void {
    this.writers = Math.max(0, this.writers - 1);
    if (this.writers === 0) this.wake("reader");
  }

  /** The read end closed: writers get EPIPE (and SIGPIPE). */
  closeReader(): void {
    this.readerOpen = false;
    this.chunks = [];
    this.buffered = 0;
    this.wake("writer");
  }
}

/** A source that is always at end of file (</dev/null for background jobs). */
export const EMPTY_SOURCE: Readable = { read: async () => "" };

/** A sink that keeps everything (tests, command substitution). */
export class Collector implements Writable {
  data = "";
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}
  async write(chunk: string): Promise<void> {
    if (this.data.length + chunk.length > this.limit) throw new SyscallError(EPIPE, "write");
    this.data += chunk;
  }
}

/** Reads a whole stream. */
export async function readAll(src: Readable): Promise<string> {
  let out = "";
  for (;;) {
    const chunk = await src.read();
    if (chunk === "") return out;
    out += chunk;
  }
}
