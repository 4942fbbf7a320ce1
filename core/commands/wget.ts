// wget [-cq] [-O FILE] [-T SEC] URL… (BusyBox networking/wget.c parse_url(),
// download_one_url(), libbb/xconnect.c xhost2sockaddr()/xconnect()). Names resolve through
// /etc/hosts and cluster DNS only: anything outside the cluster is "bad address". The TCP
// connect is the kernel's; the emulated peers carry no HTTP, so a server that accepts the
// connection closes it without a response line, which wget reports as it would for a real one.

import type { ProgramContext } from "../kernel/program.js";
import { attempt, error, isOptionError, optionError, parseOptions, perror, usage } from "./lib/cmd.js";
import { parseIPv4, resolveIPv4 } from "./lib/sys-net.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE]\n\t[--header 'header: value'] [-Y|--proxy on/off] [-P DIR]\n\t[-S|--server-response] [-U|--user-agent AGENT] [-T SEC] URL...",
  full: "Retrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy",
};

const SYN_TIMEOUT_MS = 127_000;

interface Url { protocol: "http" | "https" | "ftp"; host: string; port: number; path: string }

/** parse_url(): scheme (http when missing), host[:port], path. */
function parseUrl(src: string): Url | { bad: string } {
  let rest = src;
  let protocol: Url["protocol"] = "http";
  const sep = src.indexOf("://");
  if (sep >= 0) {
    const scheme = src.slice(0, sep);
    if (scheme !== "http" && scheme !== "https" && scheme !== "ftp") return { bad: src };
    protocol = scheme;
    rest = src.slice(sep + 3);
  }
  const cut = rest.search(/[/?#]/);
  const hostport = cut < 0 ? rest : rest.slice(0, cut);
  const path = cut < 0 ? "" : rest.slice(cut).replace(/^\//, "");
  const colon = hostport.lastIndexOf(":");
  const defaultPort = protocol === "https" ? 443 : protocol === "ftp" ? 21 : 80;
  const port = colon >= 0 && !hostport.startsWith("[") ? Number(hostport.slice(colon + 1)) : defaultPort;
  const host = colon >= 0 && !hostport.startsWith("[") ? hostport.slice(0, colon) : hostport;
  return { protocol, host, port, path };
}

async function download(ctx: ProgramContext, url: string, quiet: boolean): Promise<number> {
  const u = parseUrl(url);
  if ("bad" in u) {
    await error(ctx, `not an http or ftp url: ${u.bad}`);
    return 1;
  }
  const ip = parseIPv4(u.host) ?? (await resolveIPv4(ctx, u.host));
  if (ip === undefined) {
    await error(ctx, `bad address '${u.host}'`);
    return 1;
  }
  if (!quiet) await ctx.stderr.write(`Connecting to ${u.host} (${ip}:${u.port})\n`);
  const c = attempt(() => ctx.sys.connect(ip, u.port));
  if (!c.ok) {
    if (c.errno.name === "ETIMEDOUT") await ctx.sys.system.kernel.baseClock.sleep(SYN_TIMEOUT_MS, ctx.proc.lifetime);
    await perror(ctx, `can't connect to remote host (${ip})`, c.errno);
    return 1;
  }
  // The peer closes without a status line: fgets() sees end of file.
  await error(ctx, "error getting response");
  return 1;
}

export const wget: Command = {
  name: "wget",
  usage: USAGE,
  main: async (ctx) => {
    const parsed = parseOptions(ctx.argv.slice(1), "cqO:o:P:SU:T:Y:t:n:", {
      long: ["continue", "quiet", "output-document=", "header=", "proxy=", "server-response", "user-agent=", "spider", "no-check-certificate", "post-data=", "timeout="],
      permute: true,
    });
    if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
    if (parsed.operands.length === 0) {
      return usage(ctx, USAGE.trivial, USAGE.full);
    }
    const quiet = parsed.flags.has("q") || parsed.flags.has("--quiet");
    let status = 0;
    for (const url of parsed.operands) {
      status = await download(ctx, url, quiet);
      if (status !== 0) return status;
    }
    return status;
  },
};
