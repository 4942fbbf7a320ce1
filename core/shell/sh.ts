// The shell as a program: `sh [-c CMD [ARG0 [ARG…]] | SCRIPT [ARG…]]`, interactive when its input
// and error output are a terminal. One implementation, three flavours (BusyBox ash, dash, bash).

import { CancellationSource, Cancelled } from "../kernel/cancellation.js";
import { errnoOf, strerror } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { SIGCHLD, SIGINT, SIGQUIT, SIGTERM, SIGWINCH, sigBit } from "../kernel/signal.js";
import { RAW, type Pty } from "../kernel/tty.js";
import { BUILTINS } from "./builtins/registry.js";
import { ExitSignal, InterruptSignal } from "./control.js";
import { type ShellFlavour, messages } from "./flavour.js";
import { type Fds, Shell } from "./interpreter.js";
import { LineEditor } from "./line-editor.js";
import { ParseError, parse, parsePrompt } from "./parser.js";
import { expandPromptEscapes } from "./prompt.js";
import { ShellState } from "./state.js";
import type { Script } from "./ast.js";

export async function shellMain(ctx: ProgramContext, flavour: ShellFlavour): Promise<number> {
  const argv = [...ctx.argv];
  const arg0 = argv[0]!.replace(/^-/, "");
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
  if (command !== undefined) {
    command = rest.shift();
    if (command === undefined) {
      await ctx.stderr.write(`${arg0}: -c requires an argument\n`);
      return 2;
    }
    if (rest.length > 0) state.arg0 = rest.shift()!;
  } else if (rest.length > 0) {
    script = rest.shift()!;
    state.arg0 = script;
  }
  state.positional = rest;
  const fds: Fds = new Map([[0, ctx.stdio.stdin], [1, ctx.stdio.stdout], [2, ctx.stdio.stderr]]);
  const tty = ctx.stdio.stdin.tty;
  const interactive = forceInteractive || (command === undefined && script === undefined && tty !== undefined && ctx.stdio.stderr.tty !== undefined);
  const sh = new Shell(ctx.sys.system, ctx.proc, flavour, state, fds, { interactive });
  initVariables(sh);
  try {
    let status: number;
    if (command !== undefined) status = await sh.runSource(command, fds, flavour.execLastCommand);
    else if (script !== undefined) status = await runScriptFile(sh, script);
    else if (interactive) status = await interactiveLoop(sh, ctx);
    else status = await readStdin(sh);
    return await runExitTrap(sh, status);
  } catch (err) {
    if (err instanceof ExitSignal) return runExitTrap(sh, err.status);
    if (err instanceof InterruptSignal) return 130;
    throw err;
  }
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

async function runScriptFile(sh: Shell, path: string): Promise<number> {
  let text: string;
  try {
    text = await sh.sys.readFile(path);
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    if (sh.flavour.name === "dash") await sh.err(sh.fds, `${sh.state.arg0}: 0: Can't open ${path}\n`);
    else if (sh.flavour.name === "bash") await sh.err(sh.fds, `${sh.state.arg0}: ${path}: ${strerror(e, sh.flavour.libc)}\n`);
    else await sh.err(sh.fds, `${sh.state.arg0}: can't open '${path}': ${strerror(e, sh.flavour.libc)}\n`);
    return sh.flavour.name === "bash" ? 127 : 2;
  }
  return sh.runSource(text, sh.fds);
}

/** Commands from a non-terminal input, run as each one is complete (like `kubectl exec -i`). */
async function readStdin(sh: Shell): Promise<number> {
  const stdin = sh.fds.get(0);
  let buffer = "";
  let status = 0;
  for (;;) {
    const chunk = stdin?.read === undefined ? "" : await stdin.read(4096, sh.proc);
    if (chunk === "") break;
    buffer += chunk;
    for (;;) {
      const nl = buffer.indexOf("\n");
      if (nl < 0) break;
      const script = tryParse(sh, buffer.slice(0, nl + 1));
      if (script === "incomplete") {
        if (buffer.indexOf("\n", nl + 1) < 0) break;
        // Grow the text one line at a time until it parses.
        let end = nl + 1;
        let parsed: Script | "incomplete" | "error" = "incomplete";
        while (parsed === "incomplete") {
          const next = buffer.indexOf("\n", end);
          if (next < 0) break;
          end = next + 1;
          parsed = tryParse(sh, buffer.slice(0, end));
        }
        if (parsed === "incomplete") break;
        buffer = buffer.slice(end);
        if (parsed !== "error") status = await sh.evalScript(parsed, sh.fds);
        continue;
      }
      buffer = buffer.slice(nl + 1);
      if (script === "error") return 2;
      status = await sh.evalScript(script, sh.fds);
    }
  }
  if (buffer.trim() !== "") status = await sh.runSource(buffer, sh.fds);
  return status;
}

function tryParse(sh: Shell, text: string): Script | "incomplete" | "error" {
  try {
    return parse(text, { bashisms: sh.flavour.bashisms });
  } catch (err) {
    if (err instanceof ParseError && err.incomplete) return "incomplete";
    throw err;
  }
}

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
    text = await sh.expander.string(parsePrompt(raw, { bashisms: sh.flavour.bashisms }));
  } catch {
    text = raw;
  }
  return sh.flavour.promptEscapes ? expandPromptEscapes(text, promptInfo(sh)) : text;
}

/** The interactive read-eval loop, with line editing (ash, bash) or the terminal's own (dash). */
async function interactiveLoop(sh: Shell, ctx: ProgramContext): Promise<number> {
  const proc = ctx.proc;
  const pty = ctx.stdio.stdin.tty as Pty;
  // An interactive shell leads its own process group, owns the terminal, catches SIGINT and
  // ignores SIGQUIT and SIGTERM (ash.c setsignal()).
  proc.pgid = proc.pid;
  pty.foregroundPgid = proc.pgid;
  proc.sigIgnored |= sigBit(SIGQUIT) | sigBit(SIGTERM);
  proc.sigCaught |= sigBit(SIGINT) | sigBit(SIGCHLD) | sigBit(SIGWINCH);
  let reading: CancellationSource | undefined;
  proc.handlers.set(SIGINT, () => {
    sh.interrupted = true;
    reading?.cancel("SIGINT");
  });
  proc.handlers.set(SIGCHLD, () => {});
  proc.handlers.set(SIGWINCH, () => {});
  const editing = sh.flavour.name !== "dash";
  const editor = new LineEditor({
    read: () => pty.read(4096, proc, reading),
    write: (s) => pty.write(s, proc),
    cols: () => pty.winsize.cols,
    complete: (word, first) => complete(sh, word, first),
  }, sh.state.history);
  let status = 0;
  for (;;) {
    let buffer = "";
    let which: "PS1" | "PS2" = "PS1";
    let script: Script | undefined;
    for (;;) {
      reading = new CancellationSource();
      sh.interrupted = false;
      let line: string | null;
      const ps = await prompt(sh, which);
      try {
        if (editing) {
          const saved = { ...pty.termios };
          pty.termios = { ...RAW, onlcr: true };
          try {
            line = await editor.readLine(ps);
          } finally {
            pty.termios = saved;
          }
        } else {
          await pty.write(ps, proc);
          const got = await readCanonicalLine(pty, sh, reading);
          line = got;
        }
      } catch (err) {
        if (err instanceof Cancelled && sh.interrupted) {
          await pty.write("\n", proc);
          buffer = "";
          which = "PS1";
          sh.state.status = 130;
          continue;
        }
        throw err;
      }
      if (line === null) {
        if (buffer !== "") {
          await sh.err(sh.fds, messages.syntax(sh.flavour, sh.msg, { kind: "unexpected", token: "end of file" }));
        }
        if (sh.flavour.name === "bash") await sh.err(sh.fds, "exit\n");
        return sh.state.status;
      }
      if (line === "" && buffer === "") break;
      buffer += `${line}\n`;
      try {
        script = parse(buffer, { bashisms: sh.flavour.bashisms });
        break;
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        if (err.incomplete) {
          which = "PS2";
          continue;
        }
        sh.lineNo = err.line;
        await sh.err(sh.fds, messages.syntax(sh.flavour, sh.msg, err.error));
        sh.state.status = 2;
        script = undefined;
        break;
      }
    }
    if (buffer.trim() !== "") sh.state.history.push(buffer.replace(/\n$/, ""));
    if (script === undefined) continue;
    try {
      status = await sh.evalScript(script, sh.fds);
    } catch (err) {
      if (err instanceof InterruptSignal) {
        sh.state.status = 130;
        continue;
      }
      throw err;
    } finally {
      if (proc.alive) pty.foregroundPgid = proc.pgid;
    }
    void status;
  }
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

/** Tab completion: builtins, functions and PATH commands for the first word, else file names. */
function complete(sh: Shell, word: string, firstWord: boolean): string[] {
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
  const slash = word.lastIndexOf("/");
  const dir = slash < 0 ? "" : word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  return list(dir === "" ? "." : dir)
    .filter((n) => n.startsWith(base) && (base.startsWith(".") || !n.startsWith(".")))
    .map((n) => `${dir}${n}${isDir(`${dir === "" ? "" : dir}${n}`) ? "/" : ""}`);
}
