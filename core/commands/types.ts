// One file per command (DESIGN.md principle 5): a name and a main. The same file serves every
// build of the tool (BusyBox applet, GNU coreutils, procps) and picks its wording from ctx.exe.

import type { ProgramContext, ProgramMain } from "../kernel/program.js";

/**
 * A BusyBox applet's help text, as its `//usage:` lines define it: APPLET_trivial_usage and
 * APPLET_full_usage (without the leading "\n\n"). NOUSAGE_STR applets use `NO_USAGE` (lib/cmd.ts).
 */
export interface UsageText {
  readonly trivial: string;
  readonly full: string;
}

export interface Command {
  /** The applet or tool name: ls, ps, id … */
  readonly name: string;
  readonly main: ProgramMain;
  /**
   * BusyBox usage text, for `APPLET --help` (libbb/appletlib.c run_applet_no_and_exit()); a
   * function when the text depends on the build. Absent: podlab has no help text for the applet,
   * and `--help` goes to main like any argument.
   */
  readonly usage?: UsageText | ((ctx: ProgramContext) => UsageText);
}
