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
      const lines = [...sh.state.traps].map(([cond, action]) => `trap -- '${action.replace(/'/g, "'\\''")}' ${cond}\n`);
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
        status = await fail(ctx, `${c}: bad trap`);
        continue;
      }
      const name = SIGNALS[sig]!;
      const proc = sh.proc;
      proc.handlers.delete(sig);
      proc.sigCaught &= ~sigBit(sig);
      proc.sigIgnored &= ~sigBit(sig);
      if (action === undefined) sh.state.traps.delete(name);
      else if (action === "") {
        sh.state.traps.set(name, "");
        proc.sigIgnored |= sigBit(sig);
      } else {
        sh.state.traps.set(name, action);
        proc.sigCaught |= sigBit(sig);
        proc.handlers.set(sig, (s) => sh.pendingTraps.push(s));
      }
    }
    return status;
  },
};
