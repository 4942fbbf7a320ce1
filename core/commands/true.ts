// true / false (BusyBox coreutils/true.c, false.c; GNU coreutils true.c): arguments are ignored.

import type { Command } from "./types.js";

export const trueCommand: Command = { name: "true", main: async () => 0 };
export const falseCommand: Command = { name: "false", main: async () => 1 };
