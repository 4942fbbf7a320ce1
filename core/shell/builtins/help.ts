// help (ash.c helpcmd(), ASH_HELP): the builtin table, lines broken past column 60. podlab's
// BusyBox builds have no FEATURE_SH_STANDALONE, so no applet names follow.

import { type Builtin, out } from "./types.js";

/** builtintab[] of BusyBox 1.26–1.35 as configured by defconfig, in its (bsearch) order. */
const ASH_BUILTINS = [
  ".", ":", "[", "[[", "alias", "bg", "break", "cd", "chdir", "command", "continue", "echo", "eval", "exec", "exit",
  "export", "false", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local", "printf", "pwd",
  "read", "readonly", "return", "set", "shift", "source", "test", "times", "trap", "true", "type", "ulimit", "umask",
  "unalias", "unset", "wait",
];

export const help: Builtin = {
  name: "help",
  shells: ["ash"],
  async run(ctx) {
    let text = "Built-in commands:\n------------------\n";
    let col = 0;
    for (const name of ASH_BUILTINS) {
      const item = `${col === 0 ? "\t" : " "}${name}`;
      text += item;
      col += item.length;
      if (col > 60) {
        text += "\n";
        col = 0;
      }
    }
    await out(ctx, `${text}\n`);
    return 0;
  },
};
