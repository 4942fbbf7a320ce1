// A container's log (what `kubectl logs` shows): the bytes its PID 1 wrote to stdout and stderr,
// with the time of each line, kept per container instance (--previous shows the last one).

import type { OpenDescription } from "../../kernel/program.js";

export interface LogLine {
  readonly time: number;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

export const MAX_LOG_BYTES = 1024 * 1024;

export class LogBuffer {
  readonly lines: LogLine[] = [];
  private partial = { stdout: "", stderr: "" };
  private bytes = 0;
  private readonly followers = new Set<(line: LogLine) => void>();

  constructor(private readonly now: () => number) {}

  description(stream: "stdout" | "stderr"): OpenDescription {
    return { description: stream === "stdout" ? "pipe:[log]" : "pipe:[log]", write: async (data) => this.append(stream, data) };
  }

  private append(stream: "stdout" | "stderr", data: string): void {
    let text = this.partial[stream] + data;
    for (;;) {
      const nl = text.indexOf("\n");
      if (nl < 0) break;
      this.push({ time: this.now(), stream, text: text.slice(0, nl + 1) });
      text = text.slice(nl + 1);
    }
    this.partial[stream] = text;
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    this.bytes += line.text.length;
    // The runtime rotates logs; keep the newest megabyte.
    while (this.bytes > MAX_LOG_BYTES && this.lines.length > 1) this.bytes -= this.lines.shift()!.text.length;
    for (const f of this.followers) f(line);
  }

  /** Writes out what is left without a trailing newline (the container exited). */
  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream] !== "") this.push({ time: this.now(), stream, text: this.partial[stream] });
      this.partial[stream] = "";
    }
  }

  follow(fn: (line: LogLine) => void): () => void {
    this.followers.add(fn);
    return () => this.followers.delete(fn);
  }
}
