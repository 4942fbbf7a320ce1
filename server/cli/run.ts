// podlab run [--scenario ID] [--script FILE] [--think SECONDS] [--cols N] [--start ISO8601]:
// types each line of the script into a fresh sandbox on a virtual clock and prints the transcript.

import { readFileSync } from "node:fs";
import { VirtualClock } from "../../core/kernel/clock.js";
import { advanceClock, settle } from "../../core/replay.js";
import { Sandbox } from "../../core/sandbox.js";
import type { CliIo } from "../cli.js";
import { nodeHost } from "../host.js";
import { DEFAULT_SCENARIO, ScenarioError, loadScenario } from "../scenarios.js";
import { Transcript } from "../transcript.js";
import { CliUsageError, parseCliOptions } from "./options.js";

/** How long one typed line may keep the sandbox busy (host time) before a person presses ^C. */
export const LINE_BUDGET_MS = 10_000;

export interface ReplayOptions {
  scenario: string;
  lines: readonly string[];
  thinkSeconds: number;
  cols: number;
  start: number;
  /** Called after every typed line has settled (grading evaluates checks here). */
  afterLine?: (sandbox: Sandbox, line: string, index: number) => void | Promise<void>;
}

export async function replay(opts: ReplayOptions): Promise<{ transcript: string; sandbox: Sandbox }> {
  const scenario = loadScenario(opts.scenario);
  const clock = new VirtualClock(opts.start);
  const sandbox = new Sandbox({ profile: scenario.profile, clock, host: nodeHost, manifests: scenario.manifests, cols: opts.cols });
  const screen = new Transcript(opts.cols);
  sandbox.onOutput((text) => screen.write(text));
  sandbox.start();
  const run = { clock, budgetMs: LINE_BUDGET_MS };
  await settle(sandbox, nodeHost, run);
  for (const [i, line] of opts.lines.entries()) {
    if (sandbox.ended) break;
    await advanceClock(clock, opts.thinkSeconds * 1000, nodeHost);
    sandbox.input(`${line}\r`);
    let state = await settle(sandbox, nodeHost, run);
    if (state === "busy") {
      sandbox.input("\x03");
      state = await settle(sandbox, nodeHost, run);
    }
    await opts.afterLine?.(sandbox, line, i);
  }
  const transcript = await screen.text();
  screen.dispose();
  return { transcript, sandbox };
}

export function readScript(path: string | undefined): string[] {
  const text = readFileSync(path ?? 0, "utf8");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  let opts;
  try {
    opts = parseCliOptions(args, { scenario: "string", script: "string", think: "string", cols: "string", start: "string" });
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr(`podlab run: ${err.message}\nUsage: podlab run [--scenario ID] [--script FILE] [--think SECONDS] [--cols N] [--start ISO8601]\n`);
      return 2;
    }
    throw err;
  }
  const think = Number(opts.get("think") ?? "3");
  const cols = Number(opts.get("cols") ?? "80");
  const start = opts.has("start") ? Date.parse(String(opts.get("start"))) : Math.floor(Date.now() / 1000) * 1000;
  if (!Number.isFinite(think) || think < 0 || !Number.isInteger(cols) || cols < 20 || cols > 1000 || Number.isNaN(start)) {
    io.stderr("podlab run: --think must be a number of seconds, --cols an integer from 20 to 1000, --start an ISO 8601 time\n");
    return 2;
  }
  try {
    const lines = readScript(opts.get("script") as string | undefined);
    const { transcript } = await replay({ scenario: String(opts.get("scenario") ?? DEFAULT_SCENARIO), lines, thinkSeconds: think, cols, start });
    io.stdout(transcript);
    return 0;
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.stderr(`podlab run: ${err.message}\n`);
      return 2;
    }
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      io.stderr(`podlab run: cannot read script: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}
