// What the screen showed, as text: the terminal output rendered by a headless xterm.js, read back
// as logical lines (soft-wrapped rows joined), trailing blanks trimmed.

import headless from "@xterm/headless";

const { Terminal } = headless;

export class Transcript {
  private readonly term: InstanceType<typeof Terminal>;
  private pending: Promise<void> = Promise.resolve();

  constructor(cols: number, rows = 24) {
    this.term = new Terminal({ cols, rows, scrollback: 1_000_000, allowProposedApi: true, convertEol: false });
  }

  write(text: string): void {
    this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(text, resolve)));
  }

  async text(): Promise<string> {
    await this.pending;
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i)!;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines.map((l) => `${l.replace(/\s+$/, "")}\n`).join("");
  }

  dispose(): void {
    this.term.dispose();
  }
}
