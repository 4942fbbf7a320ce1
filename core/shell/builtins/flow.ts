// break, continue and return: unwinding through loops and functions.

import { BreakSignal, ContinueSignal, ReturnSignal } from "../control.js";
import { type Builtin, type BuiltinContext, isNumber, raise } from "./types.js";

const levels = async (ctx: BuiltinContext): Promise<number> => {
  const arg = ctx.argv[1];
  if (arg === undefined) return 1;
  if (!isNumber(arg) || Number(arg) === 0) return raise(ctx, `Illegal number: ${arg}`);
  return Number(arg);
};

/** breakcmd(): `break n` leaves min(n, loops) loops; outside a loop it does nothing. */
async function unwind(ctx: BuiltinContext, make: (n: number) => BreakSignal | ContinueSignal): Promise<number> {
  const n = Math.min(await levels(ctx), ctx.sh.loopDepth);
  if (n > 0) throw make(n);
  return 0;
}

export const breakBuiltin: Builtin = {
  name: "break",
  special: true,
  run: (ctx) => unwind(ctx, (n) => new BreakSignal(n)),
};

export const continueBuiltin: Builtin = {
  name: "continue",
  special: true,
  run: (ctx) => unwind(ctx, (n) => new ContinueSignal(n)),
};

export const returnBuiltin: Builtin = {
  name: "return",
  special: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (arg !== undefined && !isNumber(arg.replace(/^-/, ""))) return raise(ctx, `Illegal number: ${arg}`);
    // dash keeps the whole number in $? (`return 300` gives 300); ash and bash take it modulo 256.
    const n = arg === undefined ? ctx.sh.state.status : Number(arg);
    throw new ReturnSignal(ctx.sh.flavour.name === "dash" ? n : n & 0xff);
  },
};
