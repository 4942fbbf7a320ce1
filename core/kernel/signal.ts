// Signal numbers and default actions (x86_64, include/uapi/asm-generic/signal.h, signal(7)).

export const SIGNALS = [
  "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
  "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
  "PROF", "WINCH", "IO", "PWR", "SYS",
] as const;

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGKILL = 9;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGWINCH = 28;

export const NSIG = 64;

/** A signal number from `TERM`, `SIGTERM`, `sigterm` or `15`; undefined if unknown. */
export function parseSignal(name: string): number | undefined {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n >= 0 && n <= NSIG ? n : undefined;
  }
  const upper = name.toUpperCase().replace(/^SIG/, "");
  const n = (SIGNALS as readonly string[]).indexOf(upper);
  return n > 0 ? n : undefined;
}

export const signalName = (sig: number): string => SIGNALS[sig] ?? String(sig);

export type DefaultAction = "term" | "core" | "ign" | "stop" | "cont";

/** signal(7) "Standard signals" default dispositions. */
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: return "ign";
    case SIGCONT: return "cont";
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: return "stop";
    case SIGQUIT: case 4: case 5: case 6: case 7: case 8: case 11: case 24: case 25: case 31: return "core";
    default: return "term";
  }
}

export const sigBit = (sig: number): bigint => 1n << BigInt(sig - 1);

/** /proc/<pid>/status SigIgn etc.: 64 signals as 16 hex digits (fs/proc/array.c render_sigset_t). */
export const formatSigset = (set: bigint): string => set.toString(16).padStart(16, "0");
