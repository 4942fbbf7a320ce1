// The three shells podlab emulates and how each words its messages and prompts:
// BusyBox ash (shell/ash.c ash_vmsg), dash (src/error.c), and bash for the workstation.

import { type Errno, type Libc, strerror } from "../kernel/errno.js";
import type { ParseErrorKind } from "./parser.js";

export type ShellName = "ash" | "dash" | "bash";

export interface ShellFlavour {
  readonly name: ShellName;
  /** The parser accepts &>, $'…', `function`, ${v:o:l}. */
  readonly bashisms: boolean;
  readonly libc: Libc;
  /** `sh -c 'a; b'` execs the last simple command in place (ash, bash, dash ≥ 0.5.11). */
  readonly execLastCommand: boolean;
  readonly defaultPS1: (euid: number) => string;
  readonly defaultPS2: string;
  /** Backslash escapes (\w, \u, \h, \$) in PS1 (ash FEATURE_EDITING_FANCY_PROMPT, bash). */
  readonly promptEscapes: boolean;
}

export interface MessageContext {
  readonly arg0: string;
  readonly line: number;
  readonly interactive: boolean;
}

export function flavourOf(name: ShellName, libc: Libc, version = ""): ShellFlavour {
  switch (name) {
    case "ash":
      return { name, bashisms: true, libc, execLastCommand: true, defaultPS1: () => "\\w \\$ ", defaultPS2: "> ", promptEscapes: true };
    case "dash": {
      const [maj, min, patch] = version.split(".").map(Number);
      const modern = (maj ?? 0) > 0 || (min ?? 0) > 5 || ((min ?? 0) === 5 && (patch ?? 0) >= 11);
      return { name, bashisms: false, libc, execLastCommand: modern, defaultPS1: (euid) => (euid === 0 ? "# " : "$ "), defaultPS2: "> ", promptEscapes: false };
    }
    case "bash":
      return { name, bashisms: true, libc, execLastCommand: true, defaultPS1: () => "\\s-\\v\\$ ", defaultPS2: "> ", promptEscapes: true };
  }
}

/** The "sh: " / "sh: 1: " / "bash: line 1: " prefix of a shell's error messages. */
function prefix(f: ShellFlavour, m: MessageContext, builtin?: string): string {
  switch (f.name) {
    case "ash":
      // ash_vmsg(): the builtin's name, and "line N: " for non-interactive shells, only inside builtins.
      if (builtin === undefined) return `${m.arg0}: `;
      return `${m.arg0}: ${builtin}: ${m.interactive ? "" : `line ${m.line}: `}`;
    case "dash":
      return `${m.arg0}: ${m.line}: ${builtin === undefined ? "" : `${builtin}: `}`;
    case "bash":
      return `${m.arg0}: ${m.interactive ? "" : `line ${m.line}: `}${builtin === undefined ? "" : `${builtin}: `}`;
  }
}

export const messages = {
  /** A builtin's error, e.g. "sh: cd: can't cd to /nope: No such file or directory". */
  builtin(f: ShellFlavour, m: MessageContext, builtin: string, text: string): string {
    return `${prefix(f, m, builtin)}${text}\n`;
  },

  /** A shell error outside builtins, e.g. "sh: syntax error: …". */
  shell(f: ShellFlavour, m: MessageContext, text: string): string {
    return `${prefix(f, m)}${text}\n`;
  },

  notFound(f: ShellFlavour, m: MessageContext, cmd: string): string {
    if (f.name === "bash") return `${prefix(f, m)}${cmd}: command not found\n`;
    return `${prefix(f, m)}${cmd}: not found\n`;
  },

  /** An exec that failed for another reason (EACCES: status 126). */
  execFailed(f: ShellFlavour, m: MessageContext, cmd: string, e: Errno): string {
    return `${prefix(f, m)}${cmd}: ${strerror(e, f.libc)}\n`;
  },

  /** Redirection failures: ash "can't create /x: …"/"can't open /x: no such file", dash "cannot …". */
  redirect(f: ShellFlavour, m: MessageContext, mode: "open" | "create", path: string, e: Errno): string {
    if (f.name === "bash") return `${prefix(f, m)}${path}: ${strerror(e, f.libc)}\n`;
    const missing = e.name === "ENOENT" || e.name === "ENOTDIR";
    if (f.name === "ash") {
      const reason = missing ? (mode === "create" ? "nonexistent directory" : "no such file") : strerror(e, f.libc);
      return `${prefix(f, m)}can't ${mode} ${path}: ${reason}\n`;
    }
    const reason = missing ? (mode === "create" ? "Directory nonexistent" : "No such file") : strerror(e, f.libc);
    return `${prefix(f, m)}cannot ${mode} ${path}: ${reason}\n`;
  },

  syntax(f: ShellFlavour, m: MessageContext, e: ParseErrorKind): string {
    const token = e.kind === "unexpected" ? e.token : "";
    switch (f.name) {
      case "ash": {
        if (e.kind === "unterminated-quote") return `${prefix(f, m)}syntax error: unterminated quoted string\n`;
        if (e.kind === "bad-substitution") return `${prefix(f, m)}syntax error: bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}syntax error: nesting too deep\n`;
        const shown = token === "newline" || token === "end of file" ? token : `"${token}"`;
        const expecting = e.kind === "unexpected" && e.expecting !== undefined ? ` (expecting "${e.expecting}")` : "";
        return `${prefix(f, m)}syntax error: unexpected ${shown}${expecting}\n`;
      }
      case "dash": {
        if (e.kind === "unterminated-quote") return `${prefix(f, m)}Syntax error: Unterminated quoted string\n`;
        if (e.kind === "bad-substitution") return `${prefix(f, m)}Syntax error: Bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}Syntax error: nesting too deep\n`;
        const shown = token === "newline" || token === "end of file" ? token : `"${token}"`;
        const expecting = e.kind === "unexpected" && e.expecting !== undefined ? ` (expecting "${e.expecting}")` : "";
        return `${prefix(f, m)}Syntax error: ${shown} unexpected${expecting}\n`;
      }
      case "bash": {
        if (e.kind === "bad-substitution") return `${prefix(f, m)}\${…}: bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}syntax error: nesting too deep\n`;
        if (e.kind === "unterminated-quote" || token === "end of file") return `${prefix(f, m)}syntax error: unexpected end of file\n`;
        return `${prefix(f, m)}syntax error near unexpected token \`${token}'\n`;
      }
    }
  },
};
