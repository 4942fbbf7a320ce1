// Long-running programs of the tutorial's images (node server.js, hello-app, agnhost pause):
// they serve until a signal ends them. Their logs are what they print at start-up.

import { Cancelled } from "../kernel/cancellation.js";
import type { ProgramContext } from "../kernel/program.js";

/** CPU node v4 spends loading itself and server.js (about 50 ms): ps shows a small %CPU. */
const NODE_STARTUP_TICKS = 5;

/** Waits until the process is killed. */
export function serveForever(ctx: ProgramContext): Promise<number> {
  return new Promise<number>((_resolve, reject) => {
    ctx.proc.lifetime.onCancel((reason) => reject(new Cancelled(reason)));
  });
}

/** `node server.js` from node-hello: logs nothing (images.md §1.3). */
export async function nodeMain(ctx: ProgramContext): Promise<number> {
  ctx.proc.spawnThreads(6);
  ctx.proc.charge(NODE_STARTUP_TICKS);
  const script = ctx.argv[1];
  if (script === undefined) {
    await ctx.stderr.write("> ");
    return serveForever(ctx);
  }
  const found = await ctx.sys.readFile(script).then(() => true, () => false);
  if (!found) {
    await ctx.stderr.write(`module.js:327\n    throw err;\n    ^\n\nError: Cannot find module '${ctx.sys.getcwd() === "/" ? "" : ctx.sys.getcwd()}/${script}'\n`);
    return 1;
  }
  return serveForever(ctx);
}

/** hello-app (images.md §2.1): Go's log package to stderr, then serves. */
export async function helloAppMain(ctx: ProgramContext): Promise<number> {
  ctx.proc.spawnThreads(5);
  const port = ctx.proc.environ.find((e) => e.startsWith("PORT="))?.slice(5) || "8080";
  const d = new Date(ctx.sys.now());
  const p2 = (n: number) => String(n).padStart(2, "0");
  const stamp = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  await ctx.stderr.write(`${stamp} Server listening on port ${port}\n`);
  return serveForever(ctx);
}

/** agnhost: `pause` (its default) waits; other subcommands are not emulated. */
export async function agnhostMain(ctx: ProgramContext): Promise<number> {
  ctx.proc.spawnThreads(7);
  const sub = ctx.argv[1];
  if (sub === undefined || sub === "pause") {
    await ctx.stdout.write("Paused\n");
    return serveForever(ctx);
  }
  await ctx.stderr.write(`Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
  return 1;
}
