// break, continue and return: unwinding through loops and functions.

import { BreakSignal, ContinueSignal, ReturnSignal } from "../control.js";
import { type Builtin, fail, isNumber } from "./types.js";

const levels = async (ctx: Parameters<Builtin["run"]>[0]): Promise<number | undefined> => {
  const arg = ctx.argv[1];
  if (arg === undefined) return 1;
  if (!isNumber(arg) || Number(arg) === 0) {
    await fail(ctx, `Illegal number: ${arg}`, 2);
    return undefined;
  }
  return Number(arg);
};

export const breakBuiltin: Builtin = {
  name: "break",
  special: true,
  async run(ctx) {
    const n = await levels(ctx);
    if (n === undefined) return 2;
    throw new BreakSignal(n);
  },
};

export const continueBuiltin: Builtin = {
  name: "continue",
  special: true,
  async run(ctx) {
    const n = await levels(ctx);
    if (n === undefined) return 2;
    throw new ContinueSignal(n);
  },
};

export const returnBuiltin: Builtin = {
  name: "return",
  special: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (arg !== undefined && !isNumber(arg.replace(/^-/, ""))) return fail(ctx, `Illegal number: ${arg}`, 2);
    throw new ReturnSignal(arg === undefined ? ctx.sh.state.status : Number(arg) & 0xff);
  },
};
