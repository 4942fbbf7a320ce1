// ping [OPTIONS] HOST (BusyBox networking/ping.c common_ping_main(), ping(), sendping_tail(),
// unpack_tail(), print_stats_and_exit(); GNU inetutils 1.9.2 ping/ping.c, ping_echo.c, as
// Debian jessie's setuid-root /bin/ping). An ICMP echo needs a raw socket, which the kernel
// grants only with CAP_NET_RAW: "ping: permission denied (are you root?)" (BusyBox) or
// "ping: Lacking privilege for raw socket." (inetutils). Replies come only from addresses the
// namespace owns or the cluster knows; anything else stays silent. One echo a second, on the
// kernel clock; Ctrl-C (SIGINT, caught as the real tools do) ends the run with statistics.

import { Cancelled, CancellationSource } from "../kernel/cancellation.js";
import { Random } from "../kernel/kernel.js";
import type { ProgramContext } from "../kernel/program.js";
import { SIGINT, sigBit } from "../kernel/signal.js";
import { attempt, error, isBusybox, isOptionError, optionError, out, parseOptions, usage } from "./lib/cmd.js";
import { answersPing, resolveIPv4 } from "./lib/sys-net.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] HOST",
  full: "Send ICMP ECHO_REQUEST packets to network hosts\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n\t-q\t\tQuiet, only display output at start\n\t\t\tand when finished\n\t-p HEXBYTE\tPattern to use for payload",
};

/** The waits of one ping run: woken early by SIGINT (a caught signal) or ended by a fatal one. */
class Waiter {
  interrupted = false;
  private wake = new CancellationSource();
  private readonly off: () => void;

  constructor(private readonly ctx: ProgramContext) {
    ctx.proc.handlers.set(SIGINT, () => {
      this.interrupted = true;
      this.wake.cancel("SIGINT");
    });
    ctx.proc.sigCaught |= sigBit(SIGINT);
    this.off = ctx.proc.lifetime.onCancel((r) => this.wake.cancel(r));
  }

  /** Sleeps `ms` of kernel time; false when SIGINT came first. */
  async sleep(ms: number): Promise<boolean> {
    if (this.interrupted) return false;
    try {
      await this.ctx.sys.system.kernel.baseClock.sleep(ms, this.wake);
      await this.ctx.sys.system.sched.checkpoint(this.ctx.proc);
      return true;
    } catch (err) {
      if (this.ctx.proc.lifetime.cancelled) throw new Cancelled(this.ctx.proc.lifetime.reason);
      if (err instanceof Cancelled && this.interrupted) return false;
      throw err;
    }
  }

  done(): void {
    this.off();
  }
}

/**
 * Round-trip time of one echo in microseconds: a local address answers faster than a pod. The
 * jitter is a function of the process, the target and the sequence number, so a replayed
 * session shows the same times.
 */
function tripTime(ctx: ProgramContext, ip: string, seq: number, local: boolean): number {
  let h = (ctx.proc.pid * 2654435761) ^ (seq * 40503);
  for (const ch of ip) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const r = new Random(h).next();
  return (local ? 25 : 60) + Math.floor(r * (local ? 30 : 90));
}

interface Run {
  sent: number;
  received: number;
  times: number[];
}

/**
 * The echo loop both builds share: send, maybe a reply, wait a second. `finishWait` is how long
 * the tool waits for late replies once `count` echoes are out. Resolves when done or on SIGINT.
 */
async function echoLoop(ctx: ProgramContext, w: Waiter, ip: string, count: number, deadline: number, finishWait: number, onReply: (seq: number, us: number) => Promise<void>): Promise<Run> {
  const run: Run = { sent: 0, received: 0, times: [] };
  const answers = answersPing(ctx, ip);
  const local = ctx.sys.net().isLocal(ip);
  let elapsed = 0;
  for (;;) {
    const seq = run.sent++;
    if (answers) {
      const us = tripTime(ctx, ip, seq, local);
      run.received++;
      run.times.push(us);
      await onReply(seq, us);
      if (count && run.received >= count) return run;
    }
    if (count && run.sent >= count) {
      await w.sleep((run.received ? 1 : finishWait) * 1000);
      return run;
    }
    if (!(await w.sleep(1000))) return run;
    elapsed++;
    if (deadline && elapsed >= deadline) return run;
  }
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, "0")}`;

async function busyboxPing(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "qvc:s:t:w:W:I:np:46", { permute: true });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  if (parsed.operands.length !== 1 || (parsed.flags.has("q") && parsed.flags.has("v"))) return usage(ctx, USAGE.trivial, USAGE.full);
  const num = (k: string, d: number) => (parsed.values.has(k) ? Number(parsed.values.get(k)) : d);
  for (const k of ["c", "s", "t", "w", "W"]) {
    if (parsed.values.has(k) && !/^\d+$/.test(parsed.values.get(k)!)) {
      await error(ctx, `invalid number '${parsed.values.get(k)}'`);
      return 1;
    }
  }
  const count = num("c", 0);
  const datalen = num("s", 56);
  const host = parsed.operands[0]!;
  const ip = await resolveIPv4(ctx, host);
  if (ip === undefined) {
    await error(ctx, `bad address '${host}'`);
    return 1;
  }
  await out(ctx, `PING ${host} (${ip}): ${datalen} data bytes\n`);
  const sock = attempt(() => ctx.sys.socket("raw"));
  if (!sock.ok) {
    await error(ctx, sock.errno.name === "EPERM" ? "permission denied (are you root?)" : `can't create raw socket: ${sock.errno.message}`);
    return 1;
  }
  const quiet = parsed.flags.has("q");
  const w = new Waiter(ctx);
  try {
    const run = await echoLoop(ctx, w, ip, count, num("w", 0), num("W", 10), async (seq, us) => {
      if (!quiet) await out(ctx, `${datalen + 8} bytes from ${ip}: seq=${seq} ttl=64${datalen >= 4 ? ` time=${ms3(us)} ms` : ""}\n`);
    });
    const loss = run.sent ? Math.floor(((run.sent - run.received) * 100) / run.sent) : 0;
    let text = `\n--- ${host} ping statistics ---\n${run.sent} packets transmitted, ${run.received} packets received, ${loss}% packet loss\n`;
    if (run.times.length > 0 && datalen >= 4) {
      const min = Math.min(...run.times);
      const max = Math.max(...run.times);
      const avg = Math.floor(run.times.reduce((a, b) => a + b, 0) / run.times.length);
      text += `round-trip min/avg/max = ${ms3(min)}/${ms3(avg)}/${ms3(max)} ms\n`;
    }
    await out(ctx, text);
    return run.received === 0 || (num("w", 0) > 0 && run.received < count) ? 1 : 0;
  } finally {
    w.done();
  }
}

const INETUTILS_TRY = "Try 'ping --help' or 'ping --usage' for more information.\n";

async function inetutilsPing(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "c:i:w:W:s:t:qnvdfrRT:l:p:", {
    long: ["count=", "interval=", "timeout=", "linger=", "size=", "ttl=", "quiet", "numeric", "verbose", "debug", "help", "usage", "version"], permute: true,
  });
  if (isOptionError(parsed)) {
    await ctx.stderr.write(`${parsed.kind === "unknown" ? parsed.opt.startsWith("--") ? `ping: unrecognized option '${parsed.opt}'` : `ping: invalid option -- '${parsed.opt}'` : `ping: option requires an argument -- '${parsed.opt}'`}\n${INETUTILS_TRY}`);
    return 64;
  }
  // ping_init(): the raw socket comes first, before the host is even looked at.
  const sock = attempt(() => ctx.sys.socket("raw"));
  if (!sock.ok) {
    if (sock.errno.name === "EPERM" || sock.errno.name === "EACCES") await ctx.stderr.write("ping: Lacking privilege for raw socket.\n");
    return 1;
  }
  // setuid(getuid()): give up the root privileges the setuid bit gave.
  attempt(() => ctx.sys.setuid(ctx.proc.creds.ruid));
  if (parsed.operands.length === 0) {
    await ctx.stderr.write(`ping: missing host operand\n${INETUTILS_TRY}`);
    return 64;
  }
  const v = (short: string, long: string) => parsed.values.get(short) ?? parsed.values.get(long);
  const count = Number(v("c", "--count") ?? 0);
  const datalen = Number(v("s", "--size") ?? 56);
  const host = parsed.operands[0]!;
  const ip = await resolveIPv4(ctx, host);
  if (ip === undefined) {
    await ctx.stderr.write("ping: unknown host\n");
    return 1;
  }
  await out(ctx, `PING ${host} (${ip}): ${datalen} data bytes\n`);
  const quiet = parsed.flags.has("q") || parsed.flags.has("--quiet");
  const w = new Waiter(ctx);
  try {
    const run = await echoLoop(ctx, w, ip, count, Number(v("w", "--timeout") ?? 0), Number(v("W", "--linger") ?? 10), async (seq, us) => {
      if (!quiet) await out(ctx, `${datalen + 8} bytes from ${ip}: icmp_seq=${seq} ttl=64${datalen >= 16 ? ` time=${ms3(us)} ms` : ""}\n`);
    });
    const loss = run.sent ? Math.floor(((run.sent - run.received) * 100) / run.sent) : 0;
    let text = `--- ${host} ping statistics ---\n${run.sent} packets transmitted, ${run.received} packets received, ${loss}% packet loss\n`;
    if (run.received && datalen >= 16) {
      const ms = run.times.map((t) => t / 1000);
      const avg = ms.reduce((a, b) => a + b, 0) / ms.length;
      const vari = ms.reduce((a, b) => a + b * b, 0) / ms.length - avg * avg;
      text += `round-trip min/avg/max/stddev = ${Math.min(...ms).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...ms).toFixed(3)}/${Math.sqrt(Math.max(0, vari)).toFixed(3)} ms\n`;
    }
    await out(ctx, text);
    return run.received === 0 ? 1 : 0;
  } finally {
    w.done();
  }
}

export const ping: Command = {
  name: "ping",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxPing(ctx) : inetutilsPing(ctx)),
};
