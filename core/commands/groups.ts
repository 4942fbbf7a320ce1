import { idMain } from "./id.js";
import type { Command } from "./types.js";

/** groups [USER]: `id -Gn` under its own name. */
export const groups: Command = { name: "groups", main: (ctx) => idMain(ctx, "groups") };
