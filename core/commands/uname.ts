// uname [-asnrvmpio] (BusyBox coreutils/uname.c uname_main(); GNU coreutils src/uname.c).
// Fields come from uname(2): the node's kernel and the UTS namespace's hostname. Processor and
// platform are "unknown" on Linux: printed when asked for, left out of -a.

import type { ProgramContext } from "../kernel/program.js";
import { applet, isBusybox, isOptionError, libcOf, optionError, out, parseOptions, usage } from "./lib/cmd.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-amnrspvio]",
  full: "Print system information\n\n\t-a\tPrint all\n\t-m\tThe machine (hardware) type\n\t-n\tHostname\n\t-r\tKernel release\n\t-s\tKernel name (default)\n\t-p\tProcessor type\n\t-v\tKernel version\n\t-i\tThe hardware platform\n\t-o\tOS name",
};

const LONG: Record<string, string> = {
  "--all": "a", "--kernel-name": "s", "--nodename": "n", "--kernel-release": "r", "--release": "r",
  "--kernel-version": "v", "--machine": "m", "--processor": "p", "--hardware-platform": "i", "--operating-system": "o",
};

/** CONFIG_UNAME_OSNAME: BusyBox's default "GNU/Linux"; Alpine builds set "Linux". */
const osName = (ctx: ProgramContext) => (isBusybox(ctx) && libcOf(ctx) === "musl" ? "Linux" : "GNU/Linux");

export const uname: Command = {
  name: "uname",
  usage: USAGE,
  main: async (ctx) => {
    const parsed = parseOptions(ctx.argv.slice(1), "snrvmpioa", { long: Object.keys(LONG).map((l) => l.slice(2)), permute: !isBusybox(ctx) });
    if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
    if (parsed.operands.length > 0) {
      if (isBusybox(ctx)) return usage(ctx, USAGE.trivial, USAGE.full);
      await ctx.stderr.write(`${applet(ctx)}: extra operand '${parsed.operands[0]}'\nTry '${applet(ctx)} --help' for more information.\n`);
      return 1;
    }
    const want = new Set([...parsed.flags].map((f) => LONG[f] ?? f));
    const all = want.has("a");
    if (want.size === 0) want.add("s");
    const u = ctx.sys.uname();
    const fields: [string, string][] = [
      ["s", u.sysname], ["n", u.nodename], ["r", u.release], ["v", u.version], ["m", u.machine],
      ["p", all ? "" : "unknown"], ["i", all ? "" : "unknown"], ["o", osName(ctx)],
    ];
    const shown = fields.filter(([k, v]) => (all || want.has(k)) && v !== "").map(([, v]) => v);
    await out(ctx, `${shown.join(" ")}\n`);
    return 0;
  },
};
