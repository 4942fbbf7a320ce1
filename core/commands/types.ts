// One file per command (DESIGN.md principle 5): a name and a main. The same file serves every
// build of the tool (BusyBox applet, GNU coreutils, procps) and picks its wording from ctx.exe.

import type { ProgramMain } from "../kernel/program.js";

export interface Command {
  /** The applet or tool name: ls, ps, id … */
  readonly name: string;
  readonly main: ProgramMain;
}
