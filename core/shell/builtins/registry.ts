// Every shell builtin: one line each.

import type { ShellName } from "../flavour.js";
import { alias, unalias } from "./alias.js";
import { cd, chdir } from "./cd.js";
import { colon, falseBuiltin, trueBuiltin } from "./colon.js";
import { dot, source } from "./dot.js";
import { echo } from "./echo.js";
import { evalBuiltin } from "./eval.js";
import { exec } from "./exec.js";
import { exit } from "./exit.js";
import { exportBuiltin, readonlyBuiltin } from "./export.js";
import { bg, fg } from "./fg.js";
import { breakBuiltin, continueBuiltin, returnBuiltin } from "./flow.js";
import { getopts } from "./getopts.js";
import { hash } from "./hash.js";
import { help } from "./help.js";
import { history } from "./history.js";
import { jobs } from "./jobs.js";
import { kill } from "./kill.js";
import { letBuiltin } from "./let.js";
import { local } from "./local.js";
import { printf } from "./printf.js";
import { pwd } from "./pwd.js";
import { read } from "./read.js";
import { set } from "./set.js";
import { shift } from "./shift.js";
import { bracket, doubleBracket, test } from "./test.js";
import { times } from "./times.js";
import { trap } from "./trap.js";
import { command, type } from "./type.js";
import type { Builtin } from "./types.js";
import { ulimit } from "./ulimit.js";
import { umask } from "./umask.js";
import { unset } from "./unset.js";
import { wait } from "./wait.js";

export type { Builtin };

export const BUILTINS: readonly Builtin[] = [
  colon, dot, bracket, doubleBracket, alias, bg, breakBuiltin, cd, chdir, command, continueBuiltin, echo, evalBuiltin, exec, exit,
  exportBuiltin, falseBuiltin, fg, getopts, hash, help, history, jobs, kill, letBuiltin, local, printf, pwd, read, readonlyBuiltin,
  returnBuiltin, set, shift, source, test, times, trap, trueBuiltin, type, ulimit, umask, unalias, unset, wait,
];

const byName = new Map(BUILTINS.map((b) => [b.name, b]));

export function findBuiltin(shell: ShellName, name: string): Builtin | undefined {
  const b = byName.get(name);
  return b !== undefined && (b.shells === undefined || b.shells.includes(shell)) ? b : undefined;
}
