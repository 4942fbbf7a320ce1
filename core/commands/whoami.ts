import { idMain } from "./id.js";
import type { Command } from "./types.js";

/** whoami: the effective user's name (BusyBox: "unknown uid N"; GNU: "cannot find name …"). */
export const whoami: Command = { name: "whoami", main: (ctx) => idMain(ctx, "whoami") };
