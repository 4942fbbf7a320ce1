// The shell as a program: `sh [-c CMD [ARG0 [ARG…]] | SCRIPT [ARG…]]`, interactive when its input
// and error output are a terminal. One implementation, three flavours (BusyBox ash, dash, bash).

import { bashExitWord } from "./builtins/exit.js";
import { CancellationSource, Cancelled } from "../kernel/cancellation.js";
import { errnoOf, strerror } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { SIGCHLD, SIGINT, SIGQUIT, SIGTERM, SIGWINCH, sigBit } from "../kernel/signal.js";
import { RAW, type Pty } from "../kernel/tty.js";
import { BUILTINS } from "./builtins/registry.js";
import { ExitSignal, InterruptSignal, ReturnSignal, ShellError } from "./control.js";
import { type ShellFlavour, dashOpenError, messages, parseOptionsOf } from "./flavour.js";
import { formatJob } from "./jobs.js";
import { type Fds, Shell } from "./interpreter.js";
import { LineEditor } from "./line-editor.js";
import { ParseError, parse, parsePrompt } from "./parser.js";
import { expandPromptEscapes } from "./prompt.js";
import { ShellState } from "./state.js";
import type { Script } from "./ast.js";

export async function shellMain(ctx: ProgramContext, flavour: ShellFlavour): Promise<number> {
  const argv = [...ctx.argv];
  // A login shell is started as "-bash"/"-sh", and $0 and its messages keep the dash.
  const arg0 = argv[0]!;
  let command: string | undefined;
  let script: string | undefined;
  let forceInteractive = false;
  const opts = { errexit: false, xtrace: false, nounset: false };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") { i++; break; }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === "c") command = "";
      else if (f === "i") forceInteractive = true;
      else if (f === "e") opts.errexit = true;
      else if (f === "x") opts.xtrace = true;
      else if (f === "u") opts.nounset = true;
    }
  }
  const rest = argv.slice(i);
  const state = ShellState.fromEnviron(arg0, ctx.proc.environ);
  Object.assign(state.options, opts);
  // procargs(): `sh -c CMD NAME` and `sh SCRIPT` name their messages after $0 (ash commandname).
  let named = false;
  if (command !== undefined) {
    command = rest.shift();
    if (command === undefined) {
      await ctx.stderr.write(flavour.name === "dash" ? `${arg0}: 0: -c requires an argument\n` : `${arg0}: -c requires an argument\n`);
      return 2;
    }
    if (rest.length > 0) {
      state.arg0 = rest.shift()!;
      named = true;
    }
  } else if (rest.length > 0) {
    script = rest.shift()!;
    state.arg0 = script;
    named = true;
  }
  state.positional = rest;
  const fds: Fds = new Map([[0, ctx.stdio.stdin], [1, ctx.stdio.stdout], [2, ctx.stdio.stderr]]);
  const tty = ctx.stdio.stdin.tty;
  const interactive = forceInteractive || (command === undefined && script === undefined && tty !== undefined && ctx.stdio.stderr.tty !== undefined);
  const sh = new Shell(ctx.sys.system, ctx.proc, flavour, state, fds, { interactive });
  if (named && flavour.name === "ash") sh.commandName = state.arg0;
  if (flavour.name === "ash") ashRootSignals(sh, command !== undefined || script !== undefined);
  if (script !== undefined) sh.inFile = true;
  initVariables(sh);
  try {
    let status: number;
    if (command !== undefined) status = await sh.runSource(command, fds, flavour.execLastCommand);
    else if (script !== undefined) status = await runScriptFile(sh, script, arg0);
    else if (interactive && tty !== undefined && ctx.stdio.stdin.read !== undefined) status = await interactiveLoop(sh, ctx);
    else status = await readStdin(sh);
    return await runExitTrap(sh, status);
  } catch (err) {
    // `return` outside a function skips the rest of the input (ash/dash returncmd()): the shell ends.
    if (err instanceof ExitSignal || err instanceof ShellError || err instanceof ReturnSignal) return runExitTrap(sh, err.status);
    if (err instanceof InterruptSignal) return 130;
    throw err;
  }
}

/**
 * ash.c setsignal() in a root shell (init(), setinteractive()): SIGQUIT is ignored whether or not
 * the shell is interactive, so a program it execs in place (`sh -c "sleep 1h"`) keeps ignoring it
 * (/proc/1/status SigIgn 0000000000000004) while forked children get it back (forkchild());
 * SIGINT is caught with -c or a script (iflag || minusc || sflag == 0), SIGCHLD always. A signal
 * ignored already when the shell started stays ignored everywhere (S_HARD_IGN). dash ignores
 * SIGQUIT only when interactive (trap.c setsignal()).
 */
function ashRootSignals(sh: Shell, catchInt: boolean): void {
  const proc = sh.proc;
  const own = sigBit(SIGQUIT) & ~proc.sigIgnored;
  proc.sigIgnored |= own;
  sh.ownIgnored |= own;
  const caught = (catchInt ? sigBit(SIGINT) : 0n) | sigBit(SIGCHLD);
  proc.sigCaught |= caught;
  sh.ownCaught |= caught;
}

async function runExitTrap(sh: Shell, status: number): Promise<number> {
  const action = sh.state.traps.get("EXIT");
  if (action === undefined || action === "") return status;
  sh.state.traps.delete("EXIT");
  sh.state.status = status;
  try {
    await sh.runSource(action, sh.fds);
  } catch (err) {
    if (err instanceof ExitSignal) return err.status;
    if (err instanceof ShellError) return status;
    throw err;
  }
  return status;
}

function initVariables(sh: Shell): void {
  const { state } = sh;
  // ash and dash set PWD at start-up when it is missing or does not name the current directory.
  const cwd = sh.sys.getcwd();
  const pwd = state.get("PWD");
  let stale = pwd === undefined;
  if (pwd !== undefined) {
    try {
      const a = sh.sys.stat(pwd);
      const b = sh.sys.stat(".");
      stale = a.ino !== b.ino || a.dev !== b.dev;
    } catch {
      stale = true;
    }
  }
  if (stale) state.set("PWD", cwd, sh.flavour.name !== "dash");
  if (state.get("IFS") === undefined) state.set("IFS", " \t\n");
  if (state.get("PS2") === undefined) state.set("PS2", sh.flavour.defaultPS2);
  if (state.get("OPTIND") === undefined) state.set("OPTIND", "1");
  if (state.get("PPID") === undefined) state.set("PPID", String(sh.proc.ppid));
}

/** procargs(): the script is opened before $0 becomes its name, so a failure names the shell. */
async function runScriptFile(sh: Shell, path: string, shellName: string): Promise<number> {
  let text: string;
  try {
    text = await sh.sys.readFile(path);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    if (sh.flavour.name === "dash") await sh.err(sh.fds, `${shellName}: 0: ${dashOpenError(sh.flavour, path, e)}\n`);
    else if (sh.flavour.name === "bash") await sh.err(sh.fds, `${shellName}: ${path}: ${strerror(e, sh.flavour.libc)}\n`);
    else await sh.err(sh.fds, `${shellName}: can't open '${path}': ${strerror(e, sh.flavour.libc)}\n`);
    return sh.flavour.name === "bash" ? 127 : 2;
  }
  return sh.runSource(text, sh.fds);
}

/**
 * Commands from a non-terminal input (`kubectl exec -i`, `echo … | sh`), each line run as soon as
 * the commands on it are complete; line numbers count from the start of the input.
 */
async function readStdin(sh: Shell): Promise<number> {
  const stdin = sh.fds.get(0);
  let buffer = "";
  let status = 0;
  let base = 1;
  let eof = false;
  for (;;) {
    // A whole line, or what is left at the end of the input.
    let nl = buffer.indexOf("\n");
    while (nl < 0 && !eof) {
      if (sh.interactive) await sh.err(sh.fds, await prompt(sh, buffer === "" ? "PS1" : "PS2"));
      const chunk = stdin?.read === undefined ? "" : await stdin.read(4096, sh.proc);
      if (chunk === "") eof = true;
      buffer += chunk;
      nl = buffer.indexOf("\n");
    }
    if (buffer === "") return status;
    // Grow the text a line at a time until the commands on it are complete (or input ends).
    let end = nl < 0 ? buffer.length : nl + 1;
    let script: Script | undefined;
    for (;;) {
      try {
        const all = eof && end === buffer.length;
        script = parse(buffer.slice(0, end), all ? { ...sh.parseOptions(base), complete: true } : sh.parseOptions(base));
        break;
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        if (err.incomplete && !(eof && end === buffer.length)) {
          const next = buffer.indexOf("\n", end);
          if (next >= 0) {
            end = next + 1;
            continue;
          }
          if (!eof) break;
          end = buffer.length;
          continue;
        }
        sh.lineNo = err.line;
        sh.parseLine = err.line;
        await sh.err(sh.fds, messages.syntax(sh.flavour, sh.msg, err.error));
        sh.state.status = 2;
        throw new ShellError(2);
      }
    }
    if (script === undefined) {
      // Incomplete: read more input.
      const chunk = stdin?.read === undefined ? "" : await stdin.read(4096, sh.proc);
      if (chunk === "") eof = true;
      buffer += chunk;
      continue;
    }
    const text = buffer.slice(0, end);
    buffer = buffer.slice(end);
    base += countLines(text);
    status = await sh.evalScript(script, sh.fds);
  }
}

const countLines = (s: string) => s.split("\n").length - 1;

function promptInfo(sh: Shell) {
  const euid = sh.proc.creds.euid;
  let user: { name: string; home: string } | undefined;
  try {
    const passwd = sh.system.vfs.open(sh.proc, "/etc/passwd", { read: true }).node.read(sh.proc);
    for (const line of passwd.split("\n")) {
      const f = line.split(":");
      if (f.length >= 6 && Number(f[2]) === euid) {
        user = { name: f[0]!, home: f[5]! };
        break;
      }
    }
  } catch {
    /* no passwd entry: numbers */
  }
  return { cwd: sh.state.get("PWD") ?? sh.sys.getcwd(), euid, user, hostname: sh.proc.uts.hostname, shellName: sh.flavour.name, version: "5.2" };
}

async function prompt(sh: Shell, which: "PS1" | "PS2"): Promise<string> {
  const raw = sh.state.get(which) ?? (which === "PS1" ? sh.flavour.defaultPS1(sh.proc.creds.euid) : sh.flavour.defaultPS2);
  let text = raw;
  try {
    text = await sh.expander.string(parsePrompt(raw, parseOptionsOf(sh.flavour)));
  } catch {
    text = raw;
  }
  return sh.flavour.promptEscapes ? expandPromptEscapes(text, promptInfo(sh)) : text;
}

/** Before each new command line: "[1]+  Done  sleep 1" for jobs that finished (cmdloop() showjobs()). */
async function notifyJobs(sh: Shell): Promise<void> {
  for (const job of sh.jobs.list()) {
    if (!job.changed) continue;
    const [current, previous] = sh.jobs.list();
    await sh.err(sh.fds, formatJob(sh.flavour.name, job, current, previous));
    job.changed = false;
    if (job.state === "done") sh.jobs.remove(job);
  }
}

/** The interactive read-eval loop, with line editing (ash, bash) or the terminal's own (dash). */
async function interactiveLoop(sh: Shell, ctx: ProgramContext): Promise<number> {
  const proc = ctx.proc;
  const pty = ctx.stdio.stdin.tty as Pty;
  // An interactive shell leads its own process group, owns the terminal, catches SIGINT and
  // ignores SIGQUIT and SIGTERM (ash.c setsignal()).
  proc.pgid = proc.pid;
  pty.foregroundPgid = proc.pgid;
  const own = (sigBit(SIGQUIT) | sigBit(SIGTERM)) & ~proc.sigIgnored;
  proc.sigIgnored |= own;
  sh.ownIgnored |= own;
  proc.sigCaught |= sigBit(SIGINT) | sigBit(SIGCHLD) | sigBit(SIGWINCH);
  let reading: CancellationSource | undefined;
  const onInterrupt = () => {
    sh.interrupt();
    reading?.cancel("SIGINT");
  };
  proc.handlers.set(SIGINT, onInterrupt);
  sh.ownHandlers.set(SIGINT, onInterrupt);
  proc.handlers.set(SIGCHLD, () => {});
  const editing = sh.flavour.name !== "dash";
  const editor = new LineEditor({
    read: (max) => pty.read(max, proc, reading),
    write: (s) => pty.write(s, proc),
    cols: () => pty.winsize.cols,
    complete: (word, first, before) => complete(sh, word, first, before),
  }, sh.state.history);
  // ash redraws the line being edited when the window changes (lineedit.c win_changed()).
  proc.handlers.set(SIGWINCH, () => {
    if (sh.flavour.name === "ash") void editor.windowChanged();
  });
  /** dash counts the lines it reads for its messages (plinno). */
  let base = 1;
  for (;;) {
    let buffer = "";
    let which: "PS1" | "PS2" = "PS1";
    let script: Script | undefined;
    if (sh.jobControl) await notifyJobs(sh);
    for (;;) {
      reading = new CancellationSource();
      sh.interrupted = false;
      let line: string | null;
      const ps = await prompt(sh, which);
      try {
        if (editing) {
          const saved = { ...pty.termios };
          // lineedit's get_termios_and_make_raw(TERMIOS_CLEAR_ISIG): no ICANON, ECHO or ISIG,
          // but ICRNL and ONLCR stay, so a pasted CR reaches the next reader as a newline.
          pty.termios = { ...RAW, icrnl: true, onlcr: true };
          try {
            line = await editor.readLine(ps);
          } finally {
            pty.termios = saved;
          }
        } else {
          await pty.write(ps, proc);
          line = await readCanonicalLine(pty, sh, reading);
        }
      } catch (err) {
        if (!(err instanceof Cancelled && sh.interrupted)) throw err;
        // dash: SIGINT while reading (onint()): a new line, the command so far is dropped.
        await pty.write("\n", proc);
        buffer = "";
        which = "PS1";
        if (sh.flavour.interruptSetsStatus) sh.state.status = 130;
        continue;
      }
      if (editing && editor.interrupted) {
        // ^C in the line editor: ash 1.28 preadfd() sets $? and reads again with the same
        // prompt (a PS2 continuation stays open); bash's readline drops the whole command.
        sh.state.status = 130;
        if (sh.flavour.name === "bash") {
          buffer = "";
          which = "PS1";
        }
        continue;
      }
      if (line === null) {
        if (buffer === "") {
          if (sh.flavour.name === "bash") await sh.err(sh.fds, `${bashExitWord(sh.state.arg0)}\n`);
          return sh.state.status;
        }
        // End of input inside a command: an open here-document ends there and the command runs
        // (checkend() at PEOF); anything else is the parser's error, then a new prompt.
        try {
          script = parse(buffer, { ...sh.parseOptions(base), complete: true });
          base += countLines(buffer);
          break;
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
          sh.lineNo = err.line;
          await sh.err(sh.fds, messages.syntax(sh.flavour, sh.msg, err.error));
          base = err.line;
        }
        sh.state.status = 2;
        script = undefined;
        break;
      }
      // ash: lineedit's remember_in_history() keeps every line typed, once (no repeats, 255 at most).
      if (line !== null && sh.flavour.name === "ash") rememberLine(sh.state.history, line);
      if (line === "" && buffer === "") {
        base++;
        break;
      }
      buffer += `${line}\n`;
      try {
        script = parse(buffer, sh.parseOptions(base));
        base += countLines(buffer);
        break;
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        if (err.incomplete) {
          which = "PS2";
          continue;
        }
        sh.lineNo = err.line;
        await sh.err(sh.fds, messages.syntax(sh.flavour, sh.msg, err.error));
        // The rest of the line is dropped unread (dash plinno stays on the error's line).
        base = err.line;
        sh.state.status = 2;
        script = undefined;
        break;
      }
    }
    if (buffer.trim() !== "" && sh.flavour.name !== "ash") sh.state.history.push(buffer.replace(/\n$/, ""));
    if (script === undefined) continue;
    try {
      await sh.evalScript(script, sh.fds);
    } catch (err) {
      if (err instanceof InterruptSignal) {
        // ash/dash main(): EXINT prints a newline; ash (and dash ≥ 0.5.10) set $? to 130.
        await sh.err(sh.fds, "\n");
        if (sh.flavour.interruptSetsStatus) sh.state.status = 130;
        continue;
      }
      // An error already reported (EXERROR): the rest of the line is abandoned.
      if (err instanceof ShellError) {
        sh.state.status = err.status;
        continue;
      }
      throw err;
    } finally {
      if (proc.alive) pty.foregroundPgid = proc.pgid;
    }
  }
}

/** libbb/lineedit.c remember_in_history(): not empty, not the last one again, MAX_HISTORY (255) kept. */
function rememberLine(history: string[], line: string): void {
  if (line === "" || history[history.length - 1] === line) return;
  history.push(line);
  if (history.length > 255) history.shift();
}

async function readCanonicalLine(pty: Pty, sh: Shell, cancel: CancellationSource): Promise<string | null> {
  let line = "";
  for (;;) {
    const chunk = await pty.read(4096, sh.proc, cancel);
    if (chunk === "") return line === "" ? null : line;
    line += chunk;
    if (line.endsWith("\n")) return line.slice(0, -1);
  }
}

/**
 * Tab completion: builtins, functions and PATH commands for the first word, else file names;
 * bash first asks a command's programmable completion (completeCommandArgs).
 */
async function complete(sh: Shell, word: string, firstWord: boolean, before: string): Promise<string[]> {
  const list = (dir: string) => {
    try {
      return sh.system.vfs.readdir(sh.proc, dir === "" ? "." : dir).names;
    } catch {
      return [];
    }
  };
  const isDir = (p: string) => {
    try {
      return (sh.system.vfs.stat(sh.proc, p).mode & 0o170000) === 0o040000;
    } catch {
      return false;
    }
  };
  if (firstWord && !word.includes("/")) {
    const names = new Set<string>();
    for (const b of BUILTINS) names.add(b.name);
    for (const f of sh.state.functions.keys()) names.add(f);
    for (const dir of (sh.state.get("PATH") ?? "").split(":")) for (const n of list(dir)) names.add(n);
    return [...names].filter((n) => n.startsWith(word));
  }
  if (!firstWord && sh.flavour.name === "bash") {
    const offered = await completeCommandArgs(sh, before.slice(before.search(/[^;&|]*$/)).trim().split(/\s+/), word);
    if (offered !== undefined) return offered;
  }
  const slash = word.lastIndexOf("/");
  const dir = slash < 0 ? "" : word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  return list(dir === "" ? "." : dir)
    .filter((n) => n.startsWith(base) && (base.startsWith(".") || !n.startsWith(".")))
    .map((n) => `${dir}${n}${isDir(`${dir === "" ? "" : dir}${n}`) ? "/" : ""}`);
}

/** Where bash-completion finds a command's completion script (loaded on first use). */
const COMPLETIONS_DIR = "/usr/share/bash-completion/completions";

/**
 * Programmable completion for commands whose bash-completion script speaks cobra's protocol
 * (`kubectl completion bash`): run `CMD __complete WORDS… PARTIAL`, read the candidates and the
 * final `:directive` line. Undefined: no such completion, or it asks for file names.
 */
async function completeCommandArgs(sh: Shell, words: string[], partial: string): Promise<string[] | undefined> {
  const command = words[0];
  if (command === undefined || command.includes("/")) return undefined;
  const script = await sh.system.vfs.readFile(sh.proc, `${COMPLETIONS_DIR}/${command}`).catch(() => "");
  if (!script.includes("__complete")) return undefined;
  const lines = (await sh.capture([command, "__complete", ...words.slice(1), partial])).split("\n").filter((l) => l !== "");
  const directive = Number(lines.pop()?.replace(/^:/, "") ?? "1");
  if (Number.isNaN(directive) || (directive & 1) !== 0) return [];
  const candidates = lines.map((l) => l.split("\t")[0]!);
  // ShellCompDirectiveNoFileComp (4): only these; otherwise an empty answer means file names.
  return candidates.length > 0 || (directive & 4) !== 0 ? candidates : undefined;
}
