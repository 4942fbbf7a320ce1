// Terminal facts a program asks with ioctl(TIOCGWINSZ) and isatty() (libbb/xfuncs.c
// get_terminal_width(), procps ps/global.c set_screen_size()).

import type { Fd, ProgramContext } from "../../kernel/program.js";

/** TIOCGWINSZ on a descriptor: the window size when it is a terminal that has one. */
export function winsize(fd: Fd): { cols: number; rows: number } | undefined {
  const tty = fd.tty as unknown as { winsize?: { cols: number; rows: number } } | undefined;
  const ws = tty?.winsize;
  return ws !== undefined && ws.cols > 0 && ws.rows > 0 ? { cols: ws.cols, rows: ws.rows } : undefined;
}

export const isatty = (fd: Fd): boolean => fd.tty !== undefined;

/** An environment variable of the process (getenv). */
export function getenv(ctx: ProgramContext, name: string): string | undefined {
  const prefix = `${name}=`;
  for (let i = ctx.proc.environ.length - 1; i >= 0; i--) {
    const e = ctx.proc.environ[i]!;
    if (e.startsWith(prefix)) return e.slice(prefix.length);
  }
  return undefined;
}

/**
 * BusyBox get_terminal_width(fd): TIOCGWINSZ, overridden by $COLUMNS when set (atoi); values
 * outside 2..29999 become 80 (libbb/xfuncs.c get_terminal_width_height(), wh_helper()).
 */
export function busyboxTerminalWidth(ctx: ProgramContext, fd: Fd): number {
  let value = winsize(fd)?.cols ?? 0;
  const env = getenv(ctx, "COLUMNS");
  if (env !== undefined) value = Number.parseInt(env, 10) || 0;
  return value <= 1 || value >= 30000 ? 80 : value;
}

/**
 * Reads one line from standard input with echo turned off (tcsetattr(~ECHO), as getpass() and
 * PAM's misc_conv do), then restores the terminal. Returns undefined at end of input.
 */
export async function readNoEcho(ctx: ProgramContext): Promise<string | undefined> {
  const tty = ctx.stdin.tty as unknown as { termios?: { echo: boolean } } | undefined;
  const termios = tty?.termios;
  const saved = termios?.echo;
  if (termios !== undefined) termios.echo = false;
  try {
    let line = "";
    for (;;) {
      const chunk = await ctx.stdin.read(1);
      if (chunk === "") return line === "" ? undefined : line;
      if (chunk === "\n") return line;
      line += chunk;
    }
  } finally {
    if (termios !== undefined && saved !== undefined) termios.echo = saved;
  }
}
