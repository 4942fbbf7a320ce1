// Prometheus text exposition (format 0.0.4) for `GET /metrics`: a few counters, gauges and one
// histogram, kept in memory. No client library: the format is small and stable.

type Labels = Record<string, string>;

const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  if (keys.length === 0) return "";
  return `{${keys.map((k) => `${k}="${labels[k]!.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`).join(",")}}`;
};

interface Metric {
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();

  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [key, v] of this.values) lines.push(`${this.name}${key} ${v}`);
    return lines;
  }
}

export class Gauge implements Metric {
  constructor(readonly name: string, readonly help: string, private readonly read: () => number) {}

  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`];
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]!++;
  }

  get observations(): number {
    return this.count;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines;
  }
}

export class Metrics {
  readonly sessionsCreated = new Counter("podlab_sessions_created_total", "Sessions created.");
  readonly sessionsEnded = new Counter("podlab_sessions_ended_total", "Sessions ended, by reason (idle, exited, deleted, shutdown).");
  readonly commands = new Counter("podlab_commands_total", "Command lines entered in terminals (Enter pressed).");
  readonly commandSeconds = new Histogram("podlab_command_duration_seconds", "From Enter until the terminal waits for input again.",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);
  readonly framesRejected = new Counter("podlab_ws_frames_rejected_total", "Client WebSocket frames rejected, by error code.");
  readonly outputPauses = new Counter("podlab_output_pauses_total", "Times a session's output was paused because its client or screen fell behind.");
  private readonly gauges: Gauge[] = [];

  constructor(read: { sessions: () => number; wsClients: () => number }) {
    this.gauges.push(
      new Gauge("podlab_sessions", "Sessions alive.", read.sessions),
      new Gauge("podlab_ws_clients", "Open terminal WebSocket connections.", read.wsClients),
      new Gauge("podlab_process_heap_bytes", "V8 heap in use.", () => process.memoryUsage().heapUsed),
    );
  }

  render(): string {
    const all: Metric[] = [...this.gauges, this.sessionsCreated, this.sessionsEnded, this.commands, this.commandSeconds, this.framesRejected, this.outputPauses];
    return `${all.flatMap((m) => m.render()).join("\n")}\n`;
  }
}
