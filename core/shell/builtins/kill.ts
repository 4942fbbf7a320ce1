// kill [-s SIG | -SIG] PID… and kill -l: ash runs the kill applet (messages as "sh: …"),
// dash and bash their own builtins.

import { errnoOf } from "../../kernel/errno.js";
import { SIGNALS, SIGTERM, parseSignal } from "../../kernel/signal.js";
import { type Builtin, errText, fail, out } from "./types.js";

export const kill: Builtin = {
  name: "kill",
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    let sig = SIGTERM;
    if (args[0] === "-l" || args[0] === "-L") {
      if (args[1] !== undefined) {
        const n = Number(args[1]);
        await out(ctx, `${Number.isNaN(n) ? parseSignal(args[1]!) ?? "" : SIGNALS[n > 128 ? n - 128 : n] ?? ""}\n`);
        return 0;
      }
      await out(ctx, sh.flavour.name === "bash"
        ? SIGNALS.slice(1).map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join("\t").replace(/((?:[^\t]*\t){4}[^\t]*)\t/g, "$1\n") + "\n"
        : SIGNALS.slice(1).map((s, i) => (sh.flavour.name === "ash" ? `${String(i + 1).padStart(2)}) ${s}` : s)).join("\n") + "\n");
      return 0;
    }
    if (args[0] === "-s") {
      const s = parseSignal(args[1] ?? "");
      if (s === undefined) return fail(ctx, `invalid signal number or name: ${args[1] ?? ""}`);
      sig = s;
      args.splice(0, 2);
    } else if (args[0] !== undefined && /^-\w+$/.test(args[0]) && args[0] !== "--") {
      const s = parseSignal(args[0].slice(1));
      if (s === undefined) return fail(ctx, `invalid signal number or name: ${args[0].slice(1)}`);
      sig = s;
      args.shift();
    }
    if (args[0] === "--") args.shift();
    if (args.length === 0) return fail(ctx, sh.flavour.name === "bash" ? "usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]" : "usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]", sh.flavour.name === "bash" ? 2 : 2);
    let status = 0;
    for (const a of args) {
      if (!/^-?\d+$/.test(a)) {
        status = await fail(ctx, sh.flavour.name === "bash" ? `${a}: arguments must be process or job IDs` : `Illegal number: ${a}`, sh.flavour.name === "ash" ? 1 : 2);
        continue;
      }
      try {
        sh.sys.kill(Number(a), sig);
      } catch (err) {
        const e = errnoOf(err);
        if (e === undefined) throw err;
        status = 1;
        if (sh.flavour.name === "ash") await sh.err(ctx.fds, `${sh.state.arg0}: can't kill pid ${a}: ${errText(ctx, e)}\n`);
        else if (sh.flavour.name === "dash") await fail(ctx, errText(ctx, e));
        else await fail(ctx, `(${a}) - ${errText(ctx, e)}`);
      }
    }
    return status;
  },
};
