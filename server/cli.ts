// The podlab command line (DESIGN.md §5): one table of subcommands, each in server/cli/<name>.ts.

import { runCommand } from "./cli/run.js";
import { serveCommand } from "./cli/serve.js";
import { shellCommand } from "./cli/shell.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Subcommand {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  /** Runs the subcommand; resolves to the process exit status. Absent: not built yet. */
  readonly run?: (args: string[], io: CliIo) => Promise<number>;
}

export const subcommands: readonly Subcommand[] = [
  { name: "serve", synopsis: "serve [--port 8080] [--host 127.0.0.1]", summary: "start the web app", run: serveCommand },
  { name: "shell", synopsis: "shell [--scenario ID]", summary: "open a sandbox in this terminal", run: shellCommand },
  { name: "run", synopsis: "run [--scenario ID] [--script FILE] [--think SECONDS]", summary: "type a script into a fresh sandbox and print the transcript", run: runCommand },
  { name: "grade", synopsis: "grade --scenario ID [--script FILE] [--format text|json|junit]", summary: "replay a script and grade it against the scenario's checks" },
  { name: "scenarios", synopsis: "scenarios list | scenarios validate [DIR]", summary: "list or validate scenarios" },
];

export function usage(): string {
  const width = Math.max(...subcommands.map((c) => c.synopsis.length));
  const lines = subcommands.map((c) => `  podlab ${c.synopsis.padEnd(width)}  ${c.summary}`);
  return ["Usage: podlab <command> [options]", "", "Commands:", ...lines, "", "Run 'podlab <command> --help' for a command's options.", ""].join("\n");
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = subcommands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`podlab: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (command.run === undefined) {
    io.stderr(`podlab: '${name}' is not available yet in this version of podlab\n`);
    return 2;
  }
  return command.run(args, io);
}
