// Command-line editing as BusyBox's lineedit.c does it for ash (and readline for bash): the shell
// puts the terminal in non-canonical mode and handles keys itself — cursor movement, history,
// ^A ^E ^K ^U ^W ^L, ^C, ^D, and Tab completion of commands and file names.

export interface EditorIo {
  /** Up to `max` raw bytes from the terminal; "" at end of file. */
  read(max: number): Promise<string>;
  write(s: string): Promise<void>;
  /** Terminal width, for listing completions. */
  cols(): number;
  /**
   * Candidates for a word: command names when it is the first word, else paths or what the
   * command's programmable completion offers; `before` is the line up to the word.
   */
  complete(word: string, firstWord: boolean, before: string): Promise<string[]>;
}

const CSI_KEYS: Record<string, string> = {
  "[A": "up", "[B": "down", "[C": "right", "[D": "left", "[H": "home", "[F": "end", "OH": "home", "OF": "end",
  "[1~": "home", "[4~": "end", "[3~": "delete", "[7~": "home", "[8~": "end", "OA": "up", "OB": "down", "OC": "right", "OD": "left",
};

export class LineEditor {
  private pending = "";
  /** The last readLine() ended with ^C (it returned ""). */
  interrupted = false;

  constructor(
    private readonly io: EditorIo,
    /** Shared with the shell: earlier command lines, oldest first. */
    private readonly history: string[],
  ) {}

  private async nextChunk(): Promise<string | null> {
    if (this.pending !== "") {
      const p = this.pending;
      this.pending = "";
      return p;
    }
    // One byte at a time: what is typed after Enter stays in the terminal for the command that
    // runs next (a `read`, a `cat`), as it would for ash reading its tty.
    const s = await this.io.read(1);
    return s === "" ? null : s;
  }

  /** After ESC: the rest of an escape sequence, read as far as it can still name a key. */
  private async escapeSequence(start: string): Promise<{ key: string | undefined; rest: string }> {
    let seq = start;
    for (;;) {
      const key = Object.keys(CSI_KEYS).find((k) => seq.startsWith(k));
      if (key !== undefined) return { key, rest: seq.slice(key.length) };
      if (seq.length >= 4 || !Object.keys(CSI_KEYS).some((k) => k.startsWith(seq))) return { key: undefined, rest: seq };
      const more = await this.io.read(1);
      if (more === "") return { key: undefined, rest: seq };
      seq += more;
    }
  }

  /** While a line is being edited: redraws it (the prompt, the text, the cursor). */
  private redraw: (() => Promise<void>) | undefined;

  /**
   * The terminal was resized (SIGWINCH) while a line is being edited: BusyBox lineedit.c
   * win_changed() -> cmdedit_setwidth() -> redraw(): CR, prompt, the line, ESC[J, cursor back.
   */
  async windowChanged(): Promise<void> {
    await this.redraw?.();
  }

  /** Reads one line; null at end of input (^D on an empty line). "" after ^C. */
  async readLine(prompt: string): Promise<string | null> {
    try {
      return await this.edit(prompt);
    } finally {
      this.redraw = undefined;
    }
  }

  private async edit(prompt: string): Promise<string | null> {
    const io = this.io;
    this.interrupted = false;
    await io.write(prompt);
    let line = "";
    let cursor = 0;
    let histIndex = this.history.length;
    let saved = "";
    let lastWasTab = false;

    const moveLeft = (n: number) => (n > 0 ? "\b".repeat(n) : "");
    this.redraw = () => io.write(`\r${prompt}${line}\x1b[J${moveLeft(line.length - cursor)}`);
    const redrawFrom = async (from: number, oldLength: number) => {
      // Rewrite from `from` to the end, blank what is left of a longer old line, return the cursor.
      const tail = line.slice(from);
      const blank = Math.max(0, oldLength - line.length);
      await io.write(tail + " ".repeat(blank) + moveLeft(tail.length + blank - (cursor - from)));
    };
    const replaceLine = async (text: string) => {
      const old = line.length;
      await io.write(moveLeft(cursor));
      line = text;
      cursor = 0;
      cursor = line.length;
      await io.write(line + " ".repeat(Math.max(0, old - line.length)) + moveLeft(Math.max(0, old - line.length)));
    };

    for (;;) {
      const chunk = await this.nextChunk();
      if (chunk === null) {
        if (line === "") return null;
        await io.write("\n");
        return line;
      }
      for (let i = 0; i < chunk.length; i++) {
        const ch = chunk[i]!;
        const isTab = ch === "\t";
        if (ch === "\r" || ch === "\n") {
          this.pending = chunk.slice(i + 1 + (ch === "\r" && chunk[i + 1] === "\n" ? 1 : 0));
          await io.write(`${line.slice(cursor)}\n`);
          return line;
        }
        if (ch === "\x1b") {
          const seq = await this.escapeSequence(chunk.slice(i + 1));
          this.pending = seq.rest + this.pending;
          i = chunk.length;
          if (seq.key === undefined) continue;
          const action = CSI_KEYS[seq.key]!;
          if (action === "left" && cursor > 0) { cursor--; await io.write("\b"); }
          else if (action === "right" && cursor < line.length) { await io.write(line[cursor]!); cursor++; }
          else if (action === "home") { await io.write(moveLeft(cursor)); cursor = 0; }
          else if (action === "end") { await io.write(line.slice(cursor)); cursor = line.length; }
          else if (action === "delete" && cursor < line.length) {
            const old = line.length;
            line = line.slice(0, cursor) + line.slice(cursor + 1);
            await redrawFrom(cursor, old);
          } else if (action === "up" && histIndex > 0) {
            if (histIndex === this.history.length) saved = line;
            histIndex--;
            await replaceLine(this.history[histIndex]!);
          } else if (action === "down" && histIndex < this.history.length) {
            histIndex++;
            await replaceLine(histIndex === this.history.length ? saved : this.history[histIndex]!);
          }
          lastWasTab = false;
          continue;
        }
        switch (ch) {
          case "\x03": // ^C: abandon the line; ash preadfd() writes "^C" where the cursor is
            this.pending = "";
            this.interrupted = true;
            await io.write("^C\n");
            return "";
          case "\x04": // ^D: end of file on an empty line, else delete under the cursor
            if (line === "") return null;
            if (cursor < line.length) {
              const old = line.length;
              line = line.slice(0, cursor) + line.slice(cursor + 1);
              await redrawFrom(cursor, old);
            }
            break;
          case "\x7f":
          case "\b":
            if (cursor > 0) {
              const old = line.length;
              line = line.slice(0, cursor - 1) + line.slice(cursor);
              cursor--;
              await io.write("\b");
              await redrawFrom(cursor, old);
            }
            break;
          case "\x01": await io.write(moveLeft(cursor)); cursor = 0; break;
          case "\x05": await io.write(line.slice(cursor)); cursor = line.length; break;
          case "\x02": if (cursor > 0) { cursor--; await io.write("\b"); } break;
          case "\x06": if (cursor < line.length) { await io.write(line[cursor]!); cursor++; } break;
          case "\x0b": { // ^K
            const old = line.length;
            line = line.slice(0, cursor);
            await redrawFrom(cursor, old);
            break;
          }
          case "\x15": { // ^U
            const old = line.length;
            await io.write(moveLeft(cursor));
            line = line.slice(cursor);
            cursor = 0;
            await redrawFrom(0, old);
            break;
          }
          case "\x17": { // ^W
            const before = line.slice(0, cursor).replace(/\S*\s*$/, "");
            const old = line.length;
            await io.write(moveLeft(cursor - before.length));
            line = before + line.slice(cursor);
            cursor = before.length;
            await redrawFrom(cursor, old);
            break;
          }
          case "\x0c": // ^L: clear the screen and redraw
            await io.write(`\x1b[H\x1b[J${prompt}${line}${moveLeft(line.length - cursor)}`);
            break;
          case "\x10": // ^P
            this.pending = `\x1b[A${chunk.slice(i + 1)}`;
            i = chunk.length;
            break;
          case "\x0e": // ^N
            this.pending = `\x1b[B${chunk.slice(i + 1)}`;
            i = chunk.length;
            break;
          case "\t": {
            const start = line.slice(0, cursor).search(/\S*$/);
            const word = line.slice(start, cursor);
            const firstWord = line.slice(0, start).trim() === "" || /[;&|]\s*$/.test(line.slice(0, start));
            const matches = [...new Set(await this.io.complete(word, firstWord, line.slice(0, start)))].sort();
            if (matches.length === 0) break;
            let insert = "";
            if (matches.length === 1) {
              const m = matches[0]!;
              insert = m.slice(word.length) + (m.endsWith("/") ? "" : " ");
            } else {
              // Several matches: a beep, the common part, and a list on the second Tab.
              if (!lastWasTab) await io.write("\x07");
              const prefix = commonPrefix(matches);
              if (prefix.length > word.length) insert = prefix.slice(word.length);
              else if (lastWasTab) {
                await io.write(`${line.slice(cursor)}\n${columns(matches.map((m) => m.replace(/\/$/, "").split("/").pop()! + (m.endsWith("/") ? "/" : "")), io.cols())}${prompt}${line}${moveLeft(line.length - cursor)}`);
              }
            }
            if (insert !== "") {
              const old = line.length;
              line = line.slice(0, cursor) + insert + line.slice(cursor);
              cursor += insert.length;
              await io.write(insert);
              if (cursor < line.length) await redrawFrom(cursor, old + insert.length);
            }
            break;
          }
          default:
            if (ch < " ") break;
            if (cursor === line.length) {
              line += ch;
              cursor++;
              await io.write(ch);
            } else {
              line = line.slice(0, cursor) + ch + line.slice(cursor);
              cursor++;
              await io.write(ch);
              await redrawFrom(cursor, line.length);
            }
        }
        lastWasTab = isTab;
      }
    }
  }
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? "";
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Names in columns, filled down then across (BusyBox showfiles()). */
export function columns(names: string[], cols: number): string {
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const ncols = Math.max(1, Math.floor(cols / width));
  const nrows = Math.ceil(names.length / ncols);
  let out = "";
  for (let r = 0; r < nrows; r++) {
    let row = "";
    for (let c = 0; c < ncols; c++) {
      const n = names[c * nrows + r];
      if (n === undefined) continue;
      row += c * nrows + r + nrows < names.length ? n.padEnd(width) : n;
    }
    out += `${row}\n`;
  }
  return out;
}
