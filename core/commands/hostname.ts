// hostname [-dfisF FILE] [NAME] (BusyBox networking/hostname.c hostname_main(); Debian's
// hostname package, hostname.c). Reading uses uname(2) and, for -f/-d/-i, the resolver
// (/etc/hosts, then cluster DNS); setting calls sethostname(2), which needs CAP_SYS_ADMIN.

import { EINVAL, EPERM, type Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, attemptAsync, errText, isBusybox, isOptionError, libcOf, optionError, out, parseOptions, perror } from "./lib/cmd.js";
import { gethostbyname } from "./lib/sys-net.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] [HOSTNAME | -F FILE]",
  full: "Get or set hostname or DNS domain name\n\n\t-s\tShort\n\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n\t-f\tFully qualified domain name\n\t-F FILE\tUse FILE's content as hostname",
};

/** The names a hostname file gives: first word of each line, comments skipped (config_read). */
async function namesFromFile(ctx: ProgramContext, file: string): Promise<{ ok: true; value: string[] } | { ok: false; errno: Errno }> {
  const r = await attemptAsync(() => ctx.sys.readFile(file));
  if (!r.ok) return r;
  return { ok: true, value: r.value.split("\n").map((l) => l.replace(/#.*/, "").trim().split(/[ \t]+/)[0] ?? "").filter((w) => w !== "") };
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "dfisF:v", { long: ["domain", "fqdn", "file="] });
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const f = new Set([...parsed.flags].map((x) => (x === "--domain" ? "d" : x === "--fqdn" ? "f" : x)));
  const file = parsed.values.get("F") ?? parsed.values.get("--file");
  const name = ctx.sys.uname().nodename;
  if (f.has("d") || f.has("f") || f.has("i")) {
    const hp = await gethostbyname(ctx, name);
    if (hp === undefined) {
      // bb_herror_msg(): hstrerror(HOST_NOT_FOUND) in the build's C library.
      await ctx.stderr.write(`${applet(ctx)}: ${name}: ${libcOf(ctx) === "musl" ? "Host not found" : "Unknown host"}\n`);
      return 1;
    }
    const dot = hp.canonical.indexOf(".");
    if (f.has("f")) await out(ctx, `${hp.canonical}\n`);
    else if (f.has("s")) await out(ctx, `${dot < 0 ? hp.canonical : hp.canonical.slice(0, dot)}\n`);
    else if (f.has("d")) {
      if (dot >= 0) await out(ctx, `${hp.canonical.slice(dot + 1)}\n`);
    } else await out(ctx, `${hp.addresses.join(" ")}\n`);
    return 0;
  }
  if (f.has("s")) {
    await out(ctx, `${name.split(".")[0]}\n`);
    return 0;
  }
  let toSet = parsed.operands.length > 0 ? [parsed.operands[0]!] : undefined;
  if (file !== undefined) {
    const names = await namesFromFile(ctx, file);
    if (!names.ok) {
      await perror(ctx, `can't open '${file}'`, names.errno);
      return 1;
    }
    toSet = names.value;
  }
  if (toSet === undefined) {
    await out(ctx, `${name}\n`);
    return 0;
  }
  for (const n of toSet) {
    const r = attempt(() => ctx.sys.sethostname(n));
    if (!r.ok) {
      await perror(ctx, "sethostname", r.errno);
      return 1;
    }
  }
  return 0;
}

const GNU_USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

const GNU_LONG: Record<string, string> = {
  "--alias": "a", "--all-fqdns": "A", "--boot": "b", "--domain": "d", "--fqdn": "f", "--long": "f", "--file": "F",
  "--ip-address": "i", "--all-ip-addresses": "I", "--short": "s", "--yp": "y", "--nis": "y", "--help": "h", "--version": "V",
};

/** Debian hostname: usage on stdout and exit 255 (usage() → exit(-1)). */
async function gnuUsage(ctx: ProgramContext): Promise<number> {
  await out(ctx, GNU_USAGE);
  return 255;
}

async function gnuMain(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "aAbdfF:iIsyhV", { long: Object.keys(GNU_LONG).map((l) => (l === "--file" ? "file=" : l.slice(2))), permute: true });
  if (isOptionError(parsed)) {
    await ctx.stderr.write(parsed.kind === "unknown"
      ? parsed.opt.startsWith("--") ? `${applet(ctx)}: unrecognized option '${parsed.opt}'\n` : `${applet(ctx)}: invalid option -- '${parsed.opt}'\n`
      : `${applet(ctx)}: option requires an argument -- '${parsed.opt}'\n`);
    return gnuUsage(ctx);
  }
  const f = new Set([...parsed.flags].map((x) => GNU_LONG[x] ?? x));
  if (f.has("h")) {
    await out(ctx, GNU_USAGE);
    return 0;
  }
  if (parsed.operands.length > 1) return gnuUsage(ctx);
  const name = ctx.sys.uname().nodename;
  const file = parsed.values.get("F") ?? parsed.values.get("--file");
  let setTo = parsed.operands[0];
  if (file !== undefined) {
    const names = await namesFromFile(ctx, file);
    if (!names.ok) {
      await ctx.stderr.write(`${applet(ctx)}: ${file}: ${errText(ctx, names.errno)}\n`);
      return 1;
    }
    setTo = names.value[0];
  }
  if (setTo !== undefined) {
    const r = attempt(() => ctx.sys.sethostname(setTo));
    if (r.ok) return 0;
    await ctx.stderr.write(`${applet(ctx)}: ${r.errno === EPERM ? "you must be root to change the host name" : r.errno === EINVAL ? "name too long" : errText(ctx, r.errno)}\n`);
    return 1;
  }
  if (f.has("I")) {
    const addrs = ctx.sys.net().interfaces.filter((i) => i.kind !== "loopback" && i.up).flatMap((i) => i.addresses.filter((a) => a.family === "inet").map((a) => a.address));
    await out(ctx, `${addrs.map((a) => `${a} `).join("")}\n`);
    return 0;
  }
  if (f.has("s") && !f.has("d") && !f.has("f") && !f.has("i")) {
    await out(ctx, `${name.split(".")[0]}\n`);
    return 0;
  }
  if (f.has("d") || f.has("f") || f.has("i") || f.has("A") || f.has("a")) {
    const hp = await gethostbyname(ctx, name);
    if (hp === undefined) {
      await ctx.stderr.write(`${applet(ctx)}: Name or service not known\n`);
      return 1;
    }
    const dot = hp.canonical.indexOf(".");
    if (f.has("i")) await out(ctx, `${hp.addresses.join(" ")}\n`);
    else if (f.has("f")) await out(ctx, `${hp.canonical}\n`);
    else if (f.has("d")) await out(ctx, `${dot < 0 ? "" : hp.canonical.slice(dot + 1)}\n`);
    else if (f.has("a")) await out(ctx, `${hp.aliases.join(" ")}\n`);
    else await out(ctx, `${dot < 0 ? "" : `${hp.canonical} `}\n`);
    return 0;
  }
  await out(ctx, `${name}\n`);
  return 0;
}

export const hostname: Command = {
  name: "hostname",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : gnuMain(ctx)),
};
