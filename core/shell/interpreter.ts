// The shell interpreter: evaluates the syntax tree the way ash and dash do (evaltree, evalpipe,
// evalcommand, shellexec), forking emulated processes for external commands, pipelines and
// subshells, and executing builtins in the shell's own process.

import type { AndOr, Command, CompoundCommand, Pipeline, Redir, Script, SimpleCommand, Word } from "./ast.js";
import { type Builtin, findBuiltin } from "./builtins/registry.js";
import type { Var } from "./state.js";
import { BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ReturnSignal } from "./control.js";
import { ExpansionError, Expander } from "./expand.js";
import { type MessageContext, type ShellFlavour, messages } from "./flavour.js";
import { matchPattern } from "./glob.js";
import { ParseError, parse } from "./parser.js";
import type { ShellState } from "./state.js";
import type { ArithError } from "./arith.js";
import { Cancelled } from "../kernel/cancellation.js";
import { EBADF, ENOENT, ENOEXEC, SyscallError, errnoOf, strerror } from "../kernel/errno.js";
import { Collector, Pipe } from "../kernel/io.js";
import { Process } from "../kernel/process.js";
import { type OpenDescription, type Stdio, fileDescription, pipeReader, pipeWriter } from "../kernel/program.js";
import { SIGINT, SIGPIPE, signalName } from "../kernel/signal.js";
import type { System } from "../kernel/system.js";
import { isDir } from "../kernel/permission.js";

/** A file descriptor table: fd number → open description. */
export type Fds = Map<number, OpenDescription>;

export interface ShellOptionsInit {
  interactive: boolean;
}

/** Messages printed when a foreground job dies of a signal (strsignal, as ash prints them). */
const SIGNAL_TEXT: Record<number, string> = {
  1: "Hangup", 3: "Quit", 4: "Illegal instruction", 6: "Aborted", 8: "Floating point exception", 9: "Killed",
  11: "Segmentation fault", 14: "Alarm clock", 15: "Terminated", 10: "User defined signal 1", 12: "User defined signal 2",
};

export class Shell {
  readonly expander: Expander;
  lineNo = 1;
  interactive: boolean;
  /** Set by the SIGINT handler of an interactive shell; checked at every step. */
  interrupted = false;
  /** The shell's own descriptor table (changed by `exec 2>file`). */
  fds: Fds;
  /** $$: the pid of the shell; a subshell keeps its parent's. */
  shellPid: number;
  /** Signals that arrived for `trap` handlers, run at the next step. */
  pendingTraps: number[] = [];

  constructor(
    readonly system: System,
    public proc: Process,
    readonly flavour: ShellFlavour,
    readonly state: ShellState,
    fds: Fds,
    opts: ShellOptionsInit,
  ) {
    this.fds = fds;
    this.interactive = opts.interactive;
    this.shellPid = proc.pid;
    const shell = this;
    this.expander = new Expander({
      state,
      get shellPid() { return shell.shellPid; },
      get flags() { return shell.interactive ? "i" : ""; },
      commandSubst: (body) => this.commandSubst(body),
      homeDir: (user) => this.homeDir(user),
      readdir: (path) => {
        try {
          return this.system.vfs.readdir(this.proc, path).names;
        } catch {
          return undefined;
        }
      },
      isDir: (path) => {
        try {
          return isDir(this.system.vfs.stat(this.proc, path).mode);
        } catch {
          return false;
        }
      },
      unsetMessage: (name, colon, custom) => this.unsetMessage(name, colon, custom),
      arithMessage: (err) => this.arithMessage(err),
    });
  }

  get sys() {
    return this.system.sys(this.proc);
  }

  get msg(): MessageContext {
    return { arg0: this.state.arg0, line: this.lineNo, interactive: this.interactive };
  }

  /** Job control: interactive shells put each job in its own process group (ash `set -m`). */
  get jobControl(): boolean {
    return this.interactive && this.fds.get(0)?.tty !== undefined;
  }

  // ---- output helpers -------------------------------------------------------------------------

  async write(fds: Fds, fd: number, text: string): Promise<void> {
    const d = fds.get(fd);
    if (d?.write === undefined) throw new SyscallError(EBADF, "write");
    await d.write(text, this.proc);
  }

  /** Writes to stderr, ignoring failures (a closed stderr must not stop the shell). */
  async err(fds: Fds, text: string): Promise<void> {
    try {
      await this.write(fds, 2, text);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
    }
  }

  // ---- messages -------------------------------------------------------------------------------

  private unsetMessage(name: string, colon: boolean, custom: string | undefined): string {
    const f = this.flavour;
    if (f.name === "bash") {
      const text = custom ?? (colon ? "parameter null or not set" : "parameter null or not set");
      return messages.shell(f, this.msg, `${name}: ${custom === undefined && !colon && this.state.options.nounset ? "unbound variable" : text}`);
    }
    const text = custom ?? `parameter not set${colon ? " or null" : ""}`;
    return messages.shell(f, this.msg, `${name}: ${text}`);
  }

  private arithMessage(err: ArithError): string {
    const f = this.flavour;
    if (f.name === "ash") return messages.shell(f, this.msg, err.reason === "divide by zero" ? "divide by zero" : "arithmetic syntax error");
    if (f.name === "dash") return messages.shell(f, this.msg, `arithmetic expression: ${err.reason === "divide by zero" ? "division by zero" : "expecting primary"}: "${err.text}"`);
    return messages.shell(f, this.msg, `${err.text}: ${err.reason === "divide by zero" ? "division by 0" : "syntax error: operand expected"}`);
  }

  private homeDir(user: string): string | undefined {
    if (user === "") {
      const home = this.state.get("HOME");
      if (home !== undefined) return home;
    }
    try {
      const passwd = this.system.vfs.open(this.proc, "/etc/passwd", { read: true }).node.read(this.proc);
      for (const line of passwd.split("\n")) {
        const f = line.split(":");
        if (user === "" ? Number(f[2]) === this.proc.creds.euid : f[0] === user) return f[5];
      }
    } catch {
      /* no passwd: ~ stays as typed */
    }
    return undefined;
  }

  // ---- entry points ---------------------------------------------------------------------------

  /** Parses and runs source text; syntax errors are reported and give status 2. */
  async runSource(src: string, fds: Fds = this.fds, exitAfter = false): Promise<number> {
    let script: Script;
    try {
      script = parse(src, { bashisms: this.flavour.bashisms });
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.lineNo = err.line;
      await this.err(fds, messages.syntax(this.flavour, this.msg, err.error));
      this.state.status = 2;
      if (!this.interactive) throw new ExitSignal(2);
      return 2;
    }
    return this.evalScript(script, fds, exitAfter);
  }

  async checkpoint(): Promise<void> {
    await this.system.sched.checkpoint(this.proc);
    while (this.pendingTraps.length > 0) {
      const sig = this.pendingTraps.shift()!;
      const action = this.state.traps.get(signalName(sig));
      if (action !== undefined && action !== "") {
        const status = this.state.status;
        await this.runSource(action, this.fds);
        this.state.status = status;
      }
    }
    if (this.interrupted) {
      this.interrupted = false;
      throw new InterruptSignal();
    }
  }

  // ---- evaluation -----------------------------------------------------------------------------

  async evalScript(script: Script, fds: Fds, exitAfter = false): Promise<number> {
    let status = this.state.status;
    const items = script.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      await this.checkpoint();
      if (item.background) {
        status = await this.background(item.command, fds);
      } else {
        status = await this.evalAndOr(item.command, fds, exitAfter && i === items.length - 1);
      }
      this.state.status = status;
    }
    return status;
  }

  private async background(command: AndOr, fds: Fds): Promise<number> {
    const bgFds = new Map(fds);
    // A background job of a non-interactive shell reads /dev/null (XCU 2.9.3).
    if (!this.jobControl) bgFds.set(0, { description: "/dev/null", read: async () => "" });
    const child = await this.forkShell(async (sh) => sh.evalAndOr(command, bgFds, true), { pgid: this.jobControl ? 0 : undefined });
    if (typeof child === "number") return child;
    this.state.lastBackgroundPid = child.pid;
    return 0;
  }

  async evalAndOr(ao: AndOr, fds: Fds, exitAfter: boolean): Promise<number> {
    let status = await this.evalPipeline(ao.first, fds, exitAfter && ao.rest.length === 0);
    for (let i = 0; i < ao.rest.length; i++) {
      const { op, pipeline } = ao.rest[i]!;
      this.state.status = status;
      if ((op === "&&" && status !== 0) || (op === "||" && status === 0)) continue;
      status = await this.evalPipeline(pipeline, fds, exitAfter && i === ao.rest.length - 1);
    }
    return status;
  }

  async evalPipeline(p: Pipeline, fds: Fds, exitAfter: boolean): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = await this.evalCommand(p.commands[0]!, fds, exitAfter && !p.bang);
    else status = await this.runPipeline(p.commands, fds);
    if (p.bang) status = status === 0 ? 1 : 0;
    if (this.state.options.errexit && status !== 0 && !p.bang) throw new ExitSignal(status);
    return status;
  }

  /** evalpipe(): every stage in its own process, connected by pipes; the status is the last one's. */
  private async runPipeline(commands: readonly Command[], fds: Fds): Promise<number> {
    const n = commands.length;
    const pipes = Array.from({ length: n - 1 }, () => new Pipe());
    const children: Process[] = [];
    const done: Promise<unknown>[] = [];
    let pgid: number | undefined = this.jobControl ? 0 : undefined;
    for (let i = 0; i < n; i++) {
      const stageFds = new Map(fds);
      if (i > 0) stageFds.set(0, pipeReader(pipes[i - 1]!));
      if (i < n - 1) stageFds.set(1, pipeWriter(pipes[i]!));
      const child = this.system.fork(this.proc, pgid === undefined ? {} : { pgid });
      if (!(child instanceof Process)) {
        await this.err(fds, messages.shell(this.flavour, this.msg, `can't fork: ${strerror(child, this.flavour.libc)}`));
        for (const p of pipes) { p.closeWriter(); p.closeReader(); }
        break;
      }
      if (pgid === 0) pgid = child.pid;
      children.push(child);
      const sub = this.subshell(child, stageFds);
      const cmd = commands[i]!;
      done.push(
        this.system.run(child, async () => {
          try {
            return await sub.evalCommand(cmd, stageFds, true);
          } catch (err) {
            return sub.statusOf(err);
          }
        }).finally(() => {
          if (i < n - 1) pipes[i]!.closeWriter();
          if (i > 0) pipes[i - 1]!.closeReader();
        }),
      );
    }
    if (children.length === 0) return 2;
    return this.waitForeground(children, pgid, fds);
  }

  /** Waits for a foreground job, giving it the terminal; returns the last process's status. */
  private async waitForeground(children: Process[], pgid: number | undefined, fds: Fds): Promise<number> {
    const tty = this.fds.get(0)?.tty;
    const ownPgid = this.proc.pgid;
    if (tty !== undefined && pgid !== undefined && pgid > 0) tty.foregroundPgid = pgid;
    const reasons = [];
    try {
      for (const c of children) reasons.push(await c.wait());
    } finally {
      if (tty !== undefined && pgid !== undefined && pgid > 0 && this.proc.alive) tty.foregroundPgid = ownPgid;
    }
    const last = reasons[reasons.length - 1]!;
    if ("signal" in last) {
      const text = SIGNAL_TEXT[last.signal];
      if (last.signal === SIGINT && this.jobControl) {
        await this.err(fds, "\n");
        throw new InterruptSignal();
      }
      if (text !== undefined && last.signal !== SIGPIPE && this.interactive) await this.err(fds, `${text}\n`);
      return 128 + last.signal;
    }
    return last.status;
  }

  /** A copy of this shell running in another process (a subshell after fork). */
  subshell(proc: Process, fds: Fds): Shell {
    const sh = new Shell(this.system, proc, this.flavour, this.state.clone(), fds, { interactive: false });
    sh.lineNo = this.lineNo;
    sh.shellPid = this.shellPid;
    return sh;
  }

  /** The exit status for an error that escaped a subshell's evaluation. */
  statusOf(err: unknown): number {
    if (err instanceof ExitSignal) return err.status;
    if (err instanceof ReturnSignal) return err.status;
    if (err instanceof BreakSignal || err instanceof ContinueSignal) return 0;
    if (err instanceof InterruptSignal) return 130;
    throw err;
  }

  /** forkshell(): runs `body` as a subshell in a new process; returns it, or a status if fork failed. */
  async forkShell(body: (sh: Shell) => Promise<number>, opts: { pgid?: number | undefined }): Promise<Process | number> {
    const child = this.system.fork(this.proc, opts.pgid === undefined ? {} : { pgid: opts.pgid });
    if (!(child instanceof Process)) {
      await this.err(this.fds, messages.shell(this.flavour, this.msg, `can't fork: ${strerror(child, this.flavour.libc)}`));
      return 2;
    }
    const sub = this.subshell(child, this.fds);
    void this.system.run(child, async () => {
      try {
        return await body(sub);
      } catch (err) {
        return sub.statusOf(err);
      }
    });
    return child;
  }

  async evalCommand(cmd: Command, fds: Fds, exitAfter: boolean): Promise<number> {
    switch (cmd.kind) {
      case "simple":
        return this.evalSimple(cmd, fds, exitAfter);
      case "function":
        this.state.functions.set(cmd.name, cmd.body);
        return 0;
      case "compound":
        return this.evalCompound(cmd, fds, exitAfter);
    }
  }

  private async evalCompound(cmd: CompoundCommand, outer: Fds, exitAfter: boolean): Promise<number> {
    const fds = await this.redirect(cmd.redirs, outer);
    if (fds === undefined) return 1;
    const c = cmd.body;
    switch (c.kind) {
      case "brace":
        return this.evalScript(c.body, fds, exitAfter);
      case "subshell": {
        if (exitAfter) return this.evalScript(c.body, fds, true);
        const child = this.system.fork(this.proc);
        if (!(child instanceof Process)) {
          await this.err(fds, messages.shell(this.flavour, this.msg, `can't fork: ${strerror(child, this.flavour.libc)}`));
          return 2;
        }
        const sub = this.subshell(child, fds);
        void this.system.run(child, async () => {
          try {
            return await sub.evalScript(c.body, fds, true);
          } catch (err) {
            return sub.statusOf(err);
          }
        });
        return this.waitForeground([child], undefined, fds);
      }
      case "if": {
        for (const clause of c.clauses) {
          if ((await this.evalCondition(clause.cond, fds)) === 0) return this.evalScript(clause.body, fds, exitAfter);
        }
        return c.elseBody === undefined ? 0 : this.evalScript(c.elseBody, fds, exitAfter);
      }
      case "while":
      case "until": {
        let status = 0;
        for (;;) {
          await this.checkpoint();
          const cond = await this.evalCondition(c.cond, fds);
          if ((cond === 0) !== (c.kind === "while")) break;
          const r = await this.loopBody(c.body, fds);
          if (r === "break") break;
          status = r;
        }
        return status;
      }
      case "for": {
        const words = c.words === undefined ? [...this.state.positional] : await this.expandOrFail(c.words, fds);
        if (words === undefined) return 1;
        let status = 0;
        for (const w of words) {
          await this.checkpoint();
          if (!this.state.set(c.name, w)) {
            await this.err(fds, messages.shell(this.flavour, this.msg, `${c.name}: is read only`));
            return 2;
          }
          const r = await this.loopBody(c.body, fds);
          if (r === "break") break;
          status = r;
        }
        return status;
      }
      case "case": {
        const word = await this.expander.string(c.word);
        for (const arm of c.arms) {
          for (const p of arm.patterns) {
            if (matchPattern(await this.expander.pattern(p), word)) return arm.body.items.length === 0 ? 0 : this.evalScript(arm.body, fds, exitAfter);
          }
        }
        return 0;
      }
    }
  }

  /** Conditions of if/while: `set -e` does not apply inside them. */
  private async evalCondition(cond: Script, fds: Fds): Promise<number> {
    const errexit = this.state.options.errexit;
    this.state.options.errexit = false;
    try {
      return await this.evalScript(cond, fds);
    } finally {
      this.state.options.errexit = errexit;
    }
  }

  private async loopBody(body: Script, fds: Fds): Promise<number | "break"> {
    try {
      return await this.evalScript(body, fds);
    } catch (err) {
      if (err instanceof BreakSignal) {
        if (--err.levels > 0) throw err;
        return "break";
      }
      if (err instanceof ContinueSignal) {
        if (--err.levels > 0) throw err;
        return this.state.status;
      }
      throw err;
    }
  }

  private async expandOrFail(words: readonly Word[], fds: Fds): Promise<string[] | undefined> {
    try {
      return await this.expander.fields(words);
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      await this.err(fds, err.text);
      if (!this.interactive) throw new ExitSignal(2);
      return undefined;
    }
  }

  /** evalcommand(): expansion, assignments, redirections, then a builtin, function or program. */
  private async evalSimple(cmd: SimpleCommand, outer: Fds, exitAfter: boolean): Promise<number> {
    this.lineNo = cmd.line;
    await this.checkpoint();
    const argv = await this.expandOrFail(cmd.words, outer);
    if (argv === undefined) return 2;
    const assigns = new Map<string, string>();
    for (const a of cmd.assigns) {
      try {
        assigns.set(a.name, await this.expander.string(a.value));
      } catch (err) {
        if (!(err instanceof ExpansionError)) throw err;
        await this.err(outer, err.text);
        return 2;
      }
    }
    if (this.state.options.xtrace) {
      const trace = [...[...assigns].map(([k, v]) => `${k}=${v}`), ...argv].join(" ");
      await this.err(outer, `+ ${trace}\n`);
    }
    if (argv.length === 0) {
      const statusBefore = this.state.status;
      for (const [name, value] of assigns) {
        if (!this.state.set(name, value)) {
          await this.err(outer, messages.shell(this.flavour, this.msg, `${name}: is read only`));
          return 2;
        }
      }
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) return 1;
      // The status of an assignment-only command is that of its last command substitution.
      return cmd.assigns.some((a) => a.value.parts.some((p) => p.kind === "cmdsub")) ? this.state.status : statusBefore === this.state.status ? 0 : this.state.status;
    }
    const name = argv[0]!;
    const builtin = findBuiltin(this.flavour.name, name);
    const fn = this.state.functions.get(name);
    if (builtin?.special || (builtin && fn === undefined)) {
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) return 1;
      return this.runBuiltin(builtin, argv, assigns, fds);
    }
    if (fn !== undefined) {
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) return 1;
      return this.callFunction(fn, argv, assigns, fds);
    }
    return this.runExternal(argv, assigns, cmd.redirs, outer, exitAfter);
  }

  private async runBuiltin(builtin: Builtin, argv: string[], assigns: Map<string, string>, fds: Fds): Promise<number> {
    // Assignments before special builtins stay; before regular builtins they last for the command.
    const saved = new Map<string, string | undefined>();
    for (const [k, v] of assigns) {
      if (!builtin.special) saved.set(k, this.state.get(k));
      this.state.set(k, v);
    }
    try {
      return await builtin.run({ sh: this, argv, fds });
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) this.state.unset(k);
        else this.state.set(k, v);
      }
    }
  }

  async callFunction(fn: CompoundCommand, argv: string[], assigns: Map<string, string>, fds: Fds): Promise<number> {
    const savedPositional = this.state.positional;
    this.state.positional = argv.slice(1);
    const locals = new Map<string, Var | undefined>();
    this.state.locals.push(locals);
    for (const [k, v] of assigns) {
      locals.set(k, this.state.vars.get(k) === undefined ? undefined : { ...this.state.vars.get(k)! });
      this.state.set(k, v, true);
    }
    try {
      return await this.evalCompound(fn, fds, false);
    } catch (err) {
      if (err instanceof ReturnSignal) return err.status;
      throw err;
    } finally {
      this.state.positional = savedPositional;
      this.state.locals.pop();
      for (const [k, v] of locals) {
        if (v === undefined) this.state.vars.delete(k);
        else this.state.vars.set(k, v);
      }
    }
  }

  /** The path a command name runs, searching PATH (ash find_command); undefined when not found. */
  findCommand(name: string): string | undefined {
    if (name.includes("/")) return name;
    const path = this.state.get("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (const dir of path.split(":")) {
      const candidate = `${dir === "" ? "." : dir}/${name}`;
      try {
        const attrs = this.system.vfs.stat(this.proc, candidate);
        if ((attrs.mode & 0o170000) === 0o100000) return candidate;
      } catch {
        /* not in this directory */
      }
    }
    return undefined;
  }

  /** shellexec() in a child (or in this process when nothing follows): exec, or report why not. */
  private async runExternal(argv: string[], assigns: Map<string, string>, redirs: readonly Redir[], outer: Fds, exitAfter: boolean): Promise<number> {
    const execHere = async (sh: Shell): Promise<number> => {
      const fds = await sh.redirect(redirs, outer);
      if (fds === undefined) return 1;
      return sh.execCommand(argv, sh.state.environ(assigns), fds);
    };
    if (exitAfter) return execHere(this);
    const child = this.system.fork(this.proc, this.jobControl ? { pgid: 0 } : {});
    if (!(child instanceof Process)) {
      await this.err(outer, messages.shell(this.flavour, this.msg, `can't fork: ${strerror(child, this.flavour.libc)}`));
      return 2;
    }
    const sub = this.subshell(child, outer);
    void this.system.run(child, async () => {
      try {
        return await execHere(sub);
      } catch (err) {
        return sub.statusOf(err);
      }
    });
    return this.waitForeground([child], this.jobControl ? child.pid : undefined, outer);
  }

  /** Replaces this process's program with argv[0] (the exec part of shellexec). */
  async execCommand(argv: string[], environ: string[], fds: Fds): Promise<number> {
    const name = argv[0]!;
    const path = this.findCommand(name);
    if (path === undefined) {
      await this.err(fds, messages.notFound(this.flavour, this.msg, name));
      return 127;
    }
    const stdio: Stdio = { stdin: fds.get(0) ?? closedFd, stdout: fds.get(1) ?? closedFd, stderr: fds.get(2) ?? closedFd };
    for (const [fd, d] of fds) this.proc.fds.set(fd, d);
    try {
      return await this.system.execve(this.proc, path, argv, environ, stdio);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined) throw err;
      if (e === ENOEXEC) return this.runAsScript(path, argv, fds);
      if (e === ENOENT) {
        await this.err(fds, messages.notFound(this.flavour, this.msg, name));
        return 127;
      }
      await this.err(fds, messages.execFailed(this.flavour, this.msg, name, e));
      return 126;
    }
  }

  /** A file without #! and not a binary is run by the shell itself (ash/dash shellexec ENOEXEC). */
  private async runAsScript(path: string, argv: string[], fds: Fds): Promise<number> {
    let text: string;
    try {
      text = await this.system.vfs.readFile(this.proc, path);
    } catch (err) {
      const e = errnoOf(err) ?? EBADF;
      await this.err(fds, messages.execFailed(this.flavour, this.msg, argv[0]!, e));
      return 126;
    }
    const sh = new Shell(this.system, this.proc, this.flavour, this.state.clone(), fds, { interactive: false });
    sh.state.arg0 = path;
    sh.state.positional = argv.slice(1);
    try {
      return await sh.runSource(text, fds);
    } catch (err) {
      return sh.statusOf(err);
    }
  }

  /** Runs a script and collects its output: $( … ). */
  private async commandSubst(body: Script): Promise<string> {
    const out = new Collector(16 * 1024 * 1024);
    const fds = new Map(this.fds);
    const pipe = new Pipe();
    fds.set(1, pipeWriter(pipe));
    const child = this.system.fork(this.proc);
    if (!(child instanceof Process)) {
      await this.err(this.fds, messages.shell(this.flavour, this.msg, `can't fork: ${strerror(child, this.flavour.libc)}`));
      this.state.status = 2;
      return "";
    }
    const sub = this.subshell(child, fds);
    const running = this.system.run(child, async () => {
      try {
        return await sub.evalScript(body, fds, true);
      } catch (err) {
        return sub.statusOf(err);
      }
    }).finally(() => pipe.closeWriter());
    for (;;) {
      const chunk = await pipe.read(65536, this.proc.lifetime);
      if (chunk === "") break;
      try {
        await out.write(chunk);
      } catch {
        pipe.closeReader();
        break;
      }
    }
    const reason = await running;
    this.state.status = "status" in reason ? reason.status : 128 + reason.signal;
    return out.data;
  }

  // ---- redirections ---------------------------------------------------------------------------

  /** Applies redirections to a copy of the table; undefined (after a message) when one fails. */
  async redirect(redirs: readonly Redir[], outer: Fds): Promise<Fds | undefined> {
    if (redirs.length === 0) return outer;
    const fds = new Map(outer);
    for (const r of redirs) {
      const fd = r.fd ?? (r.op.startsWith("<") ? 0 : 1);
      try {
        if (r.op === "<<" || r.op === "<<-") {
          const text = r.heredoc === undefined ? "" : r.heredoc.quoted ? r.heredoc.body.parts.map((p) => (p.kind === "sq" ? p.text : "")).join("") : await this.expander.string(r.heredoc.body);
          fds.set(fd, heredocDescription(text));
          continue;
        }
        const target = await this.expander.string(r.target);
        if (r.op === ">&" || r.op === "<&") {
          if (target === "-") {
            fds.delete(fd);
            continue;
          }
          if (/^\d+$/.test(target)) {
            const src = fds.get(Number(target));
            if (src === undefined) {
              await this.err(outer, messages.shell(this.flavour, this.msg, `${target}: ${strerror(EBADF, this.flavour.libc)}`));
              return undefined;
            }
            fds.set(fd, src);
            continue;
          }
          if (r.op === "<&") {
            await this.err(outer, messages.shell(this.flavour, this.msg, `${target}: bad file descriptor`));
            return undefined;
          }
          // >&word with a file name: like &> (ash, bash).
        }
        const mode = r.op === "<" ? "open" : r.op === "<>" ? "open" : "create";
        const flags = r.op === "<" ? { read: true } : r.op === "<>" ? { read: true, write: true, creat: true } : r.op === ">>" ? { write: true, creat: true, append: true } : { write: true, creat: true, trunc: true };
        let file;
        try {
          file = this.system.vfs.open(this.proc, target, flags);
        } catch (err) {
          const e = errnoOf(err);
          if (e === undefined) throw err;
          await this.err(outer, messages.redirect(this.flavour, this.msg, mode, target, e));
          return undefined;
        }
        const desc = fileDescription(file);
        if (r.op === "&>" || ((r.op === ">&") && !/^\d+$/.test(target))) {
          fds.set(1, desc);
          fds.set(2, desc);
        } else fds.set(fd, desc);
      } catch (err) {
        if (err instanceof ExpansionError) {
          await this.err(outer, err.text);
          return undefined;
        }
        throw err;
      }
    }
    return fds;
  }
}

const closedFd: OpenDescription = { description: "" };

/** A here-document: ash feeds it through a pipe; reading it is all the command needs. */
function heredocDescription(text: string): OpenDescription {
  let pos = 0;
  return {
    description: "pipe:[heredoc]",
    read: async (max) => {
      const out = text.slice(pos, pos + max);
      pos += out.length;
      return out;
    },
  };
}
