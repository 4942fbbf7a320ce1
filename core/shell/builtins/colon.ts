import type { Builtin } from "./types.js";

/** `:` and `true` do nothing successfully; `false` fails. */
export const colon: Builtin = { name: ":", special: true, run: async () => 0 };
export const trueBuiltin: Builtin = { name: "true", run: async () => 0 };
export const falseBuiltin: Builtin = { name: "false", run: async () => 1 };
