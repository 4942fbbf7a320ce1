// podlab serve [--port 8080] [--host 127.0.0.1]: the web app, until SIGINT or SIGTERM.

import { createApp } from "../app.js";
import type { CliIo } from "../cli.js";
import { ConfigError, loadConfig } from "../config.js";
import { defaultWebRoot } from "../http/static.js";
import { CliUsageError, parseCliOptions } from "./options.js";

const USAGE = "Usage: podlab serve [--port 8080] [--host 127.0.0.1]\n";

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  let config;
  try {
    const opts = parseCliOptions(args, { port: "string", host: "string", help: "bool" });
    if (opts.has("help")) {
      io.stdout(USAGE + "Environment: PODLAB_PORT, PODLAB_SESSIONS_PER_ADDRESS, PODLAB_IDLE_TIMEOUT, PODLAB_INSTRUCTOR_TOKEN (see README).\n");
      return 0;
    }
    const flags: { port?: string; host?: string } = {};
    if (opts.has("port")) flags.port = String(opts.get("port"));
    if (opts.has("host")) flags.host = String(opts.get("host"));
    config = loadConfig(process.env, flags);
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof ConfigError) {
      io.stderr(`podlab serve: ${err.message}\n${err instanceof CliUsageError ? USAGE : ""}`);
      return 2;
    }
    throw err;
  }
  const webRoot = defaultWebRoot();
  const podlab = createApp({ config, webRoot, log: (line) => io.stderr(`${line}\n`) });
  let address;
  try {
    address = await podlab.listen(config.port, config.host);
  } catch (err) {
    io.stderr(`podlab serve: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`);
    await podlab.close();
    return 1;
  }
  // A bug in one learner's emulation must not take the others down: log it and keep serving.
  const internalError = (err: unknown) => io.stderr(`podlab: internal error (still serving): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.on("unhandledRejection", internalError);
  process.on("uncaughtException", internalError);
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  io.stdout(`podlab listening on http://${host}:${address.port}/\n`);
  if (webRoot === undefined) io.stdout("The web page is not built: run `npm run build` to serve it.\n");
  if (config.instructorTokenGenerated) io.stdout(`Instructor token (PODLAB_INSTRUCTOR_TOKEN was unset): ${config.instructorToken}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  io.stdout("podlab: shutting down\n");
  await podlab.close();
  process.off("unhandledRejection", internalError);
  process.off("uncaughtException", internalError);
  return 0;
}
