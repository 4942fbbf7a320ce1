// nc [OPTIONS] HOST PORT / nc -l -p PORT (BusyBox networking/nc_bloaty.c, the netcat 1.10
// compatible build: nc_main(), connect_w_timeout(), dolisten(); netcat-openbsd 1.130 as Alpine
// packages it for agnhost). Connections are connect(2)/bind(2)+listen(2) through the kernel:
// refused by a host with no listener, unanswered outside the cluster, EACCES for a port below
// 1024 without CAP_NET_BIND_SERVICE. The emulated cluster carries no application data, so an
// open connection ends when standard input does.

import { Cancelled } from "../kernel/cancellation.js";
import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, error, isBusybox, isOptionError, libcOf, optionError, parseOptions, perror, usage } from "./lib/cmd.js";
import { parseIPv4, resolveIPv4 } from "./lib/sys-net.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen",
  full: "\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon't do DNS resolution\n\t-u\tUDP mode\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)",
};

/** How long an unanswered SYN takes to give up (net.ipv4.tcp_syn_retries = 6). */
const SYN_TIMEOUT_MS = 127_000;

const SERVICES: Record<number, string> = { 21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 53: "domain", 80: "http", 443: "https", 8080: "http-alt" };

/** connect(2) that takes as long as the kernel would before it fails with ETIMEDOUT. */
async function connectTcp(ctx: ProgramContext, ip: string, port: number, waitSeconds: number): Promise<Errno | undefined> {
  const r = attempt(() => ctx.sys.connect(ip, port));
  if (r.ok) return undefined;
  if (r.errno.name === "ETIMEDOUT") {
    await ctx.sys.system.kernel.baseClock.sleep(waitSeconds > 0 ? waitSeconds * 1000 : SYN_TIMEOUT_MS, ctx.proc.lifetime);
  }
  return r.errno;
}

/** Copies standard input to the (silent) peer until it ends: readwrite() with nothing coming back. */
async function drainStdin(ctx: ProgramContext): Promise<void> {
  for (;;) {
    const chunk = await ctx.stdin.read(65536);
    if (chunk === "") return;
    await ctx.sys.system.sched.checkpoint(ctx.proc);
  }
}

/** Waits for an inbound connection that never comes in an emulated pod: until a signal. */
function waitForever(ctx: ProgramContext): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    ctx.proc.lifetime.onCancel((reason) => reject(new Cancelled(reason)));
  });
}

/** bind(2)+listen(2); the port is released when the program ends (close()). */
async function listenOn(ctx: ProgramContext, port: number, onListening: () => Promise<void>): Promise<Errno | undefined> {
  const r = attempt(() => ctx.sys.listen(port));
  if (!r.ok) return r.errno;
  try {
    await onListening();
    await waitForever(ctx);
  } finally {
    ctx.sys.net().listening.delete(port);
  }
  return undefined;
}

async function busyboxNc(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "np:s:uvw:lki:o:ze:", { permute: true });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const f = parsed.flags;
  const verbose = ctx.argv.slice(1).filter((a) => /^-[a-z]*v/.test(a)).reduce((n, a) => n + (a.match(/v/g)?.length ?? 0), 0);
  if (parsed.operands.length > 2) return usage(ctx, USAGE.trivial, USAGE.full);
  const w = parsed.values.get("w");
  if (w !== undefined && !/^\d+$/.test(w)) {
    await error(ctx, `invalid number '${w}'`);
    return 1;
  }
  const wait = Number(w ?? 0);
  const lport = parsed.values.get("p");
  if (lport !== undefined && !/^\d+$/.test(lport)) {
    await error(ctx, `bad local port '${lport}'`);
    return 1;
  }
  const [host, port] = parsed.operands;
  let ip: string | undefined;
  if (host !== undefined) {
    ip = f.has("n") ? parseIPv4(host) : await resolveIPv4(ctx, host);
    if (ip === undefined) {
      await error(ctx, `bad address '${host}'`);
      return 1;
    }
  }
  if (f.has("l")) {
    const p = Number(lport ?? 0);
    const e = await listenOn(ctx, p, async () => {
      if (verbose) await ctx.stderr.write(`listening on [::]:${p} ...\n`);
    });
    if (e !== undefined) {
      await perror(ctx, "bind", e);
      return 1;
    }
    return 0;
  }
  if (ip === undefined) return usage(ctx, USAGE.trivial, USAGE.full);
  // bb_lookup_port(): a number, else a service name (no /etc/services: 0); a missing PORT is 0.
  const portNumber = port !== undefined && /^\d+$/.test(port) ? Number(port) : 0;
  const dotted = `${ip}:${portNumber}`;
  const e = await connectTcp(ctx, ip, portNumber, wait);
  if (e !== undefined) {
    if (verbose > 1 || (verbose && e.name !== "ECONNREFUSED")) await perror(ctx, `${host} (${dotted})`, e);
    if (verbose > 1) await ctx.stderr.write(" sent 0, rcvd 0\n");
    return 1;
  }
  if (verbose) await ctx.stderr.write(`${host} (${dotted}) open\n`);
  if (!f.has("z")) await drainStdin(ctx);
  if (verbose > 1) await ctx.stderr.write(" sent 0, rcvd 0\n");
  return 0;
}

/** netcat-openbsd: "nc [-46DdhklnrStUuvz] … [destination] [port]". */
async function openbsdNc(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "46bCDdFhI:i:klNnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz", { permute: true });
  const prog = "nc";
  const usageLine = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s source] [-T keyword] [-V rtable] [-W recvlimit] [-w timeout]\n\t  [-X proxy_protocol] [-x proxy_address[:port]] \t  [destination] [port]\n`;
  if (isOptionError(parsed)) {
    await ctx.stderr.write(`${parsed.kind === "unknown" ? `${prog}: unrecognized option: ${parsed.opt}` : `${prog}: option requires an argument: ${parsed.opt}`}\n${usageLine}`);
    return 1;
  }
  const f = parsed.flags;
  const verbose = f.has("v");
  const gaiError = libcOf(ctx) === "musl" ? "Name does not resolve" : "Name or service not known";
  if (f.has("l")) {
    const port = Number(parsed.values.get("p") ?? parsed.operands.at(-1) ?? 0);
    const e = await listenOn(ctx, port, async () => {
      if (verbose) await ctx.stderr.write(`Listening on 0.0.0.0 ${port}\n`);
    });
    if (e !== undefined) {
      await ctx.stderr.write(`${prog}: ${errText(ctx, e)}\n`);
      return 1;
    }
    return 0;
  }
  const [host, port] = parsed.operands;
  if (host === undefined || port === undefined) {
    await ctx.stderr.write(usageLine);
    return 1;
  }
  const ip = f.has("n") ? parseIPv4(host) : await resolveIPv4(ctx, host);
  if (ip === undefined) {
    await ctx.stderr.write(`${prog}: getaddrinfo for host "${host}" port ${port}: ${gaiError}\n`);
    return 1;
  }
  const service = SERVICES[Number(port)] ?? "*";
  const e = await connectTcp(ctx, ip, Number(port), Number(parsed.values.get("w") ?? 0));
  if (e !== undefined) {
    if (verbose) await ctx.stderr.write(`${prog}: connect to ${host} (${ip}) port ${port} (tcp) failed: ${errText(ctx, e)}\n`);
    return 1;
  }
  if (verbose) await ctx.stderr.write(`Connection to ${host} (${ip}) ${port} port [tcp/${service}] succeeded!\n`);
  if (!f.has("z")) await drainStdin(ctx);
  return 0;
}

export const nc: Command = {
  name: "nc",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxNc(ctx) : openbsdNc(ctx)),
};
