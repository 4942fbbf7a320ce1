// The server's copy of a session's screen: a headless xterm.js fed the same output as the learner's
// terminal, so a reconnecting page gets the screen back (serialized with @xterm/addon-serialize).
//
// Output is fed in small chunks, one per host turn, so parsing a flood of output never holds the
// event loop for long (xterm's own write buffer would parse for up to 12 ms at a time). Resizes and
// snapshots are queued in order with the output, so a snapshot shows exactly the output before it.

import headless from "@xterm/headless";
import serializeAddon from "@xterm/addon-serialize";

// The default-import form: named imports of these CommonJS packages fail in plain Node ESM
// (reference/dependencies.md §2).
const { Terminal } = headless;
const { SerializeAddon } = serializeAddon;

/** Characters parsed per host turn. */
const CHUNK = 4 * 1024;
/** Rows of scrollback kept and replayed on reconnect. */
export const SCREEN_SCROLLBACK = 500;
/** Full reset (RIS): a snapshot starts with it, so writing it into a used terminal replaces the screen. */
export const RESET = "\x1bc";

type Op =
  | { kind: "text"; text: string }
  | { kind: "resize"; cols: number; rows: number }
  | { kind: "snapshot"; resolve: (snapshot: string) => void };

export class Screen {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer = new SerializeAddon();
  private readonly queue: Op[] = [];
  private writing = false;
  private disposed = false;
  /** Characters queued but not parsed yet. */
  backlog = 0;
  /** Called whenever the backlog shrinks. */
  onProgress: (() => void) | undefined;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: SCREEN_SCROLLBACK, allowProposedApi: true });
    this.term.loadAddon(this.serializer as unknown as Parameters<typeof this.term.loadAddon>[0]);
  }

  write(text: string): void {
    if (this.disposed || text === "") return;
    const last = this.queue[this.queue.length - 1];
    if (last?.kind === "text" && last.text.length < CHUNK) last.text += text;
    else this.queue.push({ kind: "text", text });
    this.backlog += text.length;
    this.pump();
  }

  resize(cols: number, rows: number): void {
    this.queue.push({ kind: "resize", cols, rows });
    this.pump();
  }

  /** The screen as it is once all output written so far is parsed: RIS + serialized buffer. */
  snapshot(): Promise<string> {
    return new Promise((resolve) => {
      this.queue.push({ kind: "snapshot", resolve });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const op of this.queue) if (op.kind === "snapshot") op.resolve(RESET);
    this.queue.length = 0;
    this.term.dispose();
  }

  private pump(): void {
    while (!this.writing && !this.disposed) {
      const op = this.queue[0];
      if (op === undefined) return;
      if (op.kind === "resize") {
        this.queue.shift();
        this.term.resize(op.cols, op.rows);
      } else if (op.kind === "snapshot") {
        this.queue.shift();
        op.resolve(RESET + this.serializer.serialize({ scrollback: SCREEN_SCROLLBACK }));
      } else {
        const chunk = op.text.length > CHUNK ? op.text.slice(0, CHUNK) : op.text;
        if (chunk.length === op.text.length) this.queue.shift();
        else op.text = op.text.slice(CHUNK);
        this.writing = true;
        this.term.write(chunk, () => {
          // Continue on a later turn: xterm would otherwise parse everything queued in one go.
          setImmediate(() => {
            this.writing = false;
            this.backlog -= chunk.length;
            this.onProgress?.();
            this.pump();
          });
        });
      }
    }
  }
}
