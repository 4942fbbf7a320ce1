// uptime (BusyBox procps/uptime.c uptime_main(); procps-ng uptime.c and proc/whattime.c
// sprint_uptime()). The time of day is the node's clock; the uptime is the node's, read like the
// tools do (BusyBox sysinfo(2), procps /proc/uptime); no utmp in a container, so 0 users.

import type { ProgramContext } from "../kernel/program.js";
import { applet, isBusybox, isOptionError, optionError, out, parseOptions } from "./lib/cmd.js";
import { readLoadavg, readUptime, sysinfo, versionAtLeast } from "./lib/sys-proc.js";
import { strftime } from "./lib/sys-time.js";
import type { Command } from "./types.js";

const USAGE = { trivial: "", full: "Display the time since the last boot" };
const USAGE_S = { trivial: "[-s]", full: "Display the time since the last boot\n\n\t-s\tSince when the system is up" };
const usageFor = (ctx: ProgramContext) => (versionAtLeast(ctx.exe.version, 1, 30) ? USAGE_S : USAGE);

/** The "up …" part shared by both: days, then hours:minutes or minutes. */
function upText(seconds: number, comma: boolean): string {
  const days = Math.floor(seconds / 86400);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60) % 24;
  const mins = minutes % 60;
  const d = days > 0 ? `${days} day${days !== 1 ? "s" : ""}, ` : "";
  const hm = hours > 0 ? `${String(hours).padStart(2)}:${String(mins).padStart(2, "0")}` : `${mins} min`;
  return `up ${d}${hm}${comma ? ", " : ""}`;
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const hasS = versionAtLeast(ctx.exe.version, 1, 30);
  const parsed = parseOptions(ctx.argv.slice(1), hasS ? "s" : "");
  if (isOptionError(parsed)) return optionError(ctx, parsed, usageFor(ctx));
  const now = ctx.sys.now();
  const info = await sysinfo(ctx);
  if (parsed.flags.has("s")) {
    await out(ctx, `${strftime("%Y-%m-%d %H:%M:%S", now - info.uptime * 1000)}\n`);
    return 0;
  }
  const [l1, l5, l15] = info.loads;
  await out(ctx, ` ${strftime("%H:%M:%S", now)} ${upText(info.uptime, false)},  0 users,  load average: ${l1}, ${l5}, ${l15}\n`);
  return 0;
}

const PROCPS_USAGE = "\nUsage:\n %s [options]\n\nOptions:\n -p, --pretty   show uptime in pretty format\n -h, --help     display this help and exit\n -s, --since    system up since\n -V, --version  output version information and exit\n\nFor more details see uptime(1).\n";

/** whattime.c: "up 1 week, 2 days, 3 hours, 4 minutes". */
function pretty(seconds: number): string {
  const s = Math.floor(seconds);
  const parts: [number, string][] = [
    [Math.floor(s / (86400 * 3650)), "decade"], [Math.floor(s / (86400 * 365)) % 10, "year"], [Math.floor(s / (86400 * 7)) % 52, "week"],
    [Math.floor(s / 86400) % 7, "day"], [Math.floor(s / 3600) % 24, "hour"], [Math.floor(s / 60) % 60, "minute"],
  ];
  return `up ${parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}${n > 1 ? "s" : ""}`).join(", ")}`;
}

async function procpsMain(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "phsV", { long: ["pretty", "help", "since", "version"], permute: true });
  if (isOptionError(parsed)) {
    await ctx.stderr.write(parsed.opt.startsWith("--") ? `${applet(ctx)}: unrecognized option '${parsed.opt}'\n` : `${applet(ctx)}: invalid option -- '${parsed.opt}'\n`);
    await ctx.stderr.write(PROCPS_USAGE.replace("%s", applet(ctx)));
    return 1;
  }
  const f = parsed.flags;
  if (f.has("h") || f.has("--help")) {
    await out(ctx, PROCPS_USAGE.replace("%s", applet(ctx)));
    return 0;
  }
  if (f.has("V") || f.has("--version")) {
    await out(ctx, `${applet(ctx)} from procps-ng ${ctx.exe.version}\n`);
    return 0;
  }
  const now = ctx.sys.now();
  const up = await readUptime(ctx);
  if (f.has("s") || f.has("--since")) {
    await out(ctx, `${strftime("%Y-%m-%d %H:%M:%S", Math.floor((now / 1000 - up) + 0.5) * 1000)}\n`);
    return 0;
  }
  if (f.has("p") || f.has("--pretty")) {
    await out(ctx, `${pretty(up)}\n`);
    return 0;
  }
  const [l1, l5, l15] = (await readLoadavg(ctx)).map((v) => Number(v).toFixed(2));
  await out(ctx, ` ${strftime("%H:%M:%S", now)} ${upText(up, true)} 0 users,  load average: ${l1}, ${l5}, ${l15}\n`);
  return 0;
}

export const uptime: Command = {
  name: "uptime",
  usage: usageFor,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : procpsMain(ctx)),
};
