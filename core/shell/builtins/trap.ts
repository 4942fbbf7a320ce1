// trap [ACTION] [CONDITION…]: runs ACTION when a signal arrives (at the next step of the shell),
// or at EXIT. `trap - SIG` restores the default, `trap '' SIG` ignores it.

import { SIGNALS, parseSignal, sigBit } from "../../kernel/signal.js";
import { type Builtin, fail, out } from "./types.js";

export const trap: Builtin = {
  name: "trap",
  special: true,
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      // By signal number, EXIT (0) first; the action single-quoted (trapcmd() single_quote()).
      const number = (cond: string) => (cond === "EXIT" ? 0 : parseSignal(cond) ?? 99);
      const lines = [...sh.state.traps].sort(([a], [b]) => number(a) - number(b)).map(([cond, action]) => `trap -- ${singleQuote(action)} ${cond}\n`);
      await out(ctx, lines.join(""));
      return 0;
    }
    if (args[0] === "-l") {
      await out(ctx, SIGNALS.slice(1).map((s, i) => `${i + 1}) SIG${s}`).join(" ") + "\n");
      return 0;
    }
    const reset = args.length === 1 || args[0] === "-" || /^\d+$/.test(args[0]!);
    const action = reset ? undefined : args[0]!;
    const conds = args.length === 1 || /^\d+$/.test(args[0]!) ? args : args.slice(1);
    let status = 0;
    for (const c of conds) {
      if (c === "EXIT" || c === "0") {
        if (action === undefined) sh.state.traps.delete("EXIT");
        else sh.state.traps.set("EXIT", action);
        continue;
      }
      const sig = parseSignal(c);
      if (sig === undefined || sig === 0) {
        // ash: ash_msg("%s: invalid signal specification"); dash: outfmt(out2, "trap: %s: bad trap").
        if (sh.flavour.name === "dash") await sh.err(ctx.fds, `trap: ${c}: bad trap\n`);
        else status = await fail(ctx, sh.flavour.name === "ash" ? `${c}: invalid signal specification` : `${c}: invalid signal specification`);
        status = 1;
        continue;
      }
      const name = SIGNALS[sig]!;
      const proc = sh.proc;
      proc.handlers.delete(sig);
      proc.sigCaught &= ~sigBit(sig);
      proc.sigIgnored &= ~sigBit(sig);
      const own = sh.ownHandlers.get(sig);
      if (action === undefined) {
        sh.state.traps.delete(name);
        // setsignal(): the shell's own handling comes back (an interactive shell catches SIGINT,
        // an ash root shell ignores SIGQUIT).
        if (own !== undefined) {
          proc.handlers.set(sig, own);
          proc.sigCaught |= sigBit(sig);
        }
        if ((sh.ownCaught & sigBit(sig)) !== 0n) proc.sigCaught |= sigBit(sig);
        if ((sh.ownIgnored & sigBit(sig)) !== 0n) proc.sigIgnored |= sigBit(sig);
      }
      else if (action === "") {
        sh.state.traps.set(name, "");
        proc.sigIgnored |= sigBit(sig);
      } else {
        sh.state.traps.set(name, action);
        proc.sigCaught |= sigBit(sig);
        proc.handlers.set(sig, (s) => sh.signalArrived(s));
      }
    }
    return status;
  },
};

/**
 * single_quote() (ash, dash): runs of ' in "…", everything else in '…'; the text always starts
 * with a '…' part, empty when the string starts with a quote (''"'"'x').
 */
export function singleQuote(s: string): string {
  const quoted = s.replace(/'+|[^']+/g, (run) => (run.startsWith("'") ? `"${run}"` : `'${run}'`));
  return s.startsWith("'") || s === "" ? `''${quoted}` : quoted;
}
