// podlab shell [--scenario ID]: the sandbox in this terminal (raw mode), on the wall clock.

import { WallClock } from "../../core/kernel/clock.js";
import { Sandbox } from "../../core/sandbox.js";
import type { CliIo } from "../cli.js";
import { nodeHost, nodeTimers } from "../host.js";
import { DEFAULT_SCENARIO, ScenarioError, loadScenario } from "../scenarios.js";
import { CliUsageError, parseCliOptions } from "./options.js";

export async function shellCommand(args: string[], io: CliIo): Promise<number> {
  let scenario;
  try {
    const opts = parseCliOptions(args, { scenario: "string" });
    scenario = loadScenario(String(opts.get("scenario") ?? DEFAULT_SCENARIO));
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof ScenarioError) {
      io.stderr(`podlab shell: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  const sandbox = new Sandbox({
    profile: scenario.profile, clock: new WallClock(nodeTimers), host: nodeHost, manifests: scenario.manifests,
    cols: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24,
  });
  sandbox.onOutput((text) => process.stdout.write(text));
  if (tty) stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  const onData = (data: string) => sandbox.input(tty ? data : data.replace(/\n/g, "\r"));
  stdin.on("data", onData);
  const onResize = () => sandbox.resize(process.stdout.columns ?? 80, process.stdout.rows ?? 24);
  process.stdout.on("resize", onResize);
  sandbox.start();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (sandbox.ended) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    stdin.on("end", () => {
      if (!tty) sandbox.input("\x04");
    });
  });
  stdin.off("data", onData);
  process.stdout.off("resize", onResize);
  if (tty) stdin.setRawMode(false);
  stdin.pause();
  return 0;
}
