// The three shells podlab emulates and how each words its messages and prompts:
// BusyBox ash (shell/ash.c ash_vmsg), dash (src/error.c), and bash for the workstation.

import { type Errno, type Libc, strerror } from "../kernel/errno.js";
import type { ParseErrorKind, ParseOptions } from "./parser.js";

export type ShellName = "ash" | "dash" | "bash";

export interface ShellFlavour {
  readonly name: ShellName;
  /** The shell's version ("" when it does not matter): dash 0.5.7 and 0.5.12 differ in places. */
  readonly version: string;
  /** ^C at the prompt sets $? to 130 (ash raise_interrupt(); dash onint() from 0.5.10). */
  readonly interruptSetsStatus: boolean;
  /** `$(( 2 ** 3 ))`: ash and bash have it, dash does not. */
  readonly arithPower: boolean;
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
  /**
   * The command the message comes from (ash and dash `commandname`): the running builtin, or a
   * file being sourced, or $0 of a script; its name prefixes the message ("sh: eval: …").
   */
  readonly command?: string | undefined;
  /** Reading commands from a file (a script or `.`), where ash numbers lines even interactively. */
  readonly inFile?: boolean;
}

export function flavourOf(name: ShellName, libc: Libc, version = ""): ShellFlavour {
  const common = { name, version, libc, defaultPS2: "> " };
  switch (name) {
    case "ash":
      return { ...common, bashisms: true, execLastCommand: true, interruptSetsStatus: true, arithPower: true, defaultPS1: () => "\\w \\$ ", promptEscapes: true };
    case "dash": {
      return {
        ...common, bashisms: false, execLastCommand: versionAtLeast(version, [0, 5, 11]), interruptSetsStatus: versionAtLeast(version, [0, 5, 10]),
        arithPower: false, defaultPS1: (euid) => (euid === 0 ? "# " : "$ "), promptEscapes: false,
      };
    }
    case "bash":
      return { ...common, bashisms: true, execLastCommand: true, interruptSetsStatus: true, arithPower: true, defaultPS1: () => "\\s-\\v\\$ ", promptEscapes: true };
  }
}

/** An unknown version ("") counts as the newest. */
export function versionAtLeast(version: string, min: readonly number[]): boolean {
  if (version === "") return true;
  const v = version.split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

/** dash failing to open a script or `.` file: "Can't open X" until 0.5.11, then "cannot open X: No such file". */
export function dashOpenError(f: ShellFlavour, path: string, e: Errno): string {
  if (!versionAtLeast(f.version, [0, 5, 12])) return `Can't open ${path}`;
  const missing = e.name === "ENOENT" || e.name === "ENOTDIR";
  return `cannot open ${path}: ${missing ? "No such file" : strerror(e, f.libc)}`;
}

/** How the parser reads this shell's language (with the shell's aliases, when it expands them). */
export function parseOptionsOf(f: ShellFlavour, firstLine?: number, aliases?: ReadonlyMap<string, string>): ParseOptions {
  const opts: ParseOptions = firstLine === undefined ? { bashisms: f.bashisms, dialect: f.name } : { bashisms: f.bashisms, dialect: f.name, firstLine };
  return aliases === undefined ? opts : { ...opts, aliases };
}

/** The "sh: " / "sh: 1: " / "bash: line 1: " prefix of a shell's error messages. */
function prefix(f: ShellFlavour, m: MessageContext, builtin?: string): string {
  const command = builtin ?? m.command;
  switch (f.name) {
    case "ash": {
      // ash_vmsg(): the command's name unless it is $0, and "line N: " while a command is named
      // and the shell is not interactive or reads a file.
      if (command === undefined) return `${m.arg0}: `;
      const name = command === m.arg0 ? "" : `${command}: `;
      return `${m.arg0}: ${name}${!m.interactive || m.inFile ? `line ${m.line}: ` : ""}`;
    }
    case "dash":
      // exvwarning2(): "%s: %d: " or "%s: %d: %s: " with commandname.
      return `${m.arg0}: ${m.line}: ${command === undefined || command === m.arg0 ? "" : `${command}: `}`;
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

  /**
   * A builtin's output could not be written (stdout closed, a full disk): bash "echo: write
   * error: …" (sh_wrerror), dash 0.5.12 "echo: I/O error" (evalbltin), BusyBox "write error: …".
   */
  writeError(f: ShellFlavour, m: MessageContext, builtin: string, e: Errno): string {
    if (f.name === "bash") return `${prefix(f, m, builtin)}write error: ${strerror(e, f.libc)}\n`;
    // dash sets the status from OUTPUT_ERR; 0.5.12's evalbltin() also says so (0.5.7 is silent).
    if (f.name === "dash") return versionAtLeast(f.version, [0, 5, 12]) ? `${prefix(f, m, builtin)}${builtin}: I/O error\n` : "";
    // BusyBox echo_main()/printf_main() bb_perror_msg(): the applet name, no line number.
    return `${m.arg0.replace(/^-/, "").split("/").pop()}: write error: ${strerror(e, f.libc)}\n`;
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
    // tokname(): "word", "newline" and "end of file" bare, the others quoted.
    const named = (t: string) => (t === "newline" || t === "end of file" || t === "word" ? t : `"${t}"`);
    switch (f.name) {
      case "ash": {
        if (e.kind === "unterminated-quote") return `${prefix(f, m)}syntax error: unterminated quoted string\n`;
        if (e.kind === "bad-substitution") return `${prefix(f, m)}syntax error: bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}syntax error: nesting too deep\n`;
        if (e.kind === "bad-function-name") return `${prefix(f, m)}syntax error: bad function name\n`;
        if (e.kind === "missing") return `${prefix(f, m)}syntax error: missing '${e.text}'\n`;
        if (e.kind === "eof-backquote") return `${prefix(f, m)}syntax error: EOF in backquote substitution\n`;
        const expecting = e.kind === "unexpected" && e.expecting !== undefined ? ` (expecting ${named(e.expecting)})` : "";
        return `${prefix(f, m)}syntax error: unexpected ${named(token)}${expecting}\n`;
      }
      case "dash": {
        if (e.kind === "unterminated-quote") return `${prefix(f, m)}Syntax error: Unterminated quoted string\n`;
        if (e.kind === "bad-substitution") return `${prefix(f, m)}Syntax error: Bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}Syntax error: nesting too deep\n`;
        if (e.kind === "bad-function-name") return `${prefix(f, m)}Syntax error: Bad function name\n`;
        if (e.kind === "missing") return `${prefix(f, m)}Syntax error: Missing '${e.text}'\n`;
        if (e.kind === "eof-backquote") return `${prefix(f, m)}Syntax error: EOF in backquote substitution\n`;
        const expecting = e.kind === "unexpected" && e.expecting !== undefined ? ` (expecting ${named(e.expecting)})` : "";
        return `${prefix(f, m)}Syntax error: ${named(token)} unexpected${expecting}\n`;
      }
      case "bash": {
        if (e.kind === "bad-substitution") return `${prefix(f, m)}\${…}: bad substitution\n`;
        if (e.kind === "too-deep") return `${prefix(f, m)}syntax error: nesting too deep\n`;
        if (e.kind === "bad-function-name") return `${prefix(f, m)}\`${e.name}': not a valid identifier\n`;
        if (e.kind === "unterminated-quote" || e.kind === "missing" || e.kind === "eof-backquote" || token === "end of file") return `${prefix(f, m)}syntax error: unexpected end of file\n`;
        return `${prefix(f, m)}syntax error near unexpected token \`${e.kind === "unexpected" ? e.text ?? token : token}'\n`;
      }
    }
  },
};
