// The shell interpreter: evaluates the syntax tree the way ash and dash do (evaltree, evalpipe,
// evalcommand, shellexec), forking emulated processes for external commands, pipelines and
// subshells, and executing builtins in the shell's own process.

import type { AndOr, Command, CompoundCommand, ListItem, Pipeline, Redir, Script, SimpleCommand } from "./ast.js";
import { type Builtin, findBuiltin } from "./builtins/registry.js";
import type { Var } from "./state.js";
import { BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ReturnSignal, ShellError } from "./control.js";
import { ExpansionError, Expander } from "./expand.js";
import { type MessageContext, type ShellFlavour, messages, parseOptionsOf } from "./flavour.js";
import { matchPattern } from "./glob.js";
import { type Job, JobTable, andOrText, commandText, strsignal } from "./jobs.js";
import { ParseError, Parser } from "./parser.js";
import type { ShellState } from "./state.js";
import type { ArithError } from "./arith.js";
import { type Cancellation, CancellationSource, Cancelled } from "../kernel/cancellation.js";
import { EBADF, EIO, ENOENT, ENOEXEC, ENOSPC, EPIPE, type Errno, SyscallError, errnoOf, strerror } from "../kernel/errno.js";
import { Collector, Pipe } from "../kernel/io.js";
import { Process } from "../kernel/process.js";
import { type OpenDescription, type Stdio, fileDescription, pipeReader, pipeWriter } from "../kernel/program.js";
import { SIGINT, SIGPIPE, SIGQUIT, sigBit, signalName } from "../kernel/signal.js";

const SIGSEGV = 11;
import type { System } from "../kernel/system.js";
import { isDir } from "../kernel/permission.js";

/** A file descriptor table: fd number → open description. */
export type Fds = Map<number, OpenDescription>;

export interface ShellOptionsInit {
  interactive: boolean;
}

/** About where an 8 MiB C stack runs out in ash's recursive evaltree(). */
const MAX_FUNCTION_DEPTH = 10_000;

const DEV_NULL: OpenDescription = { description: "/dev/null", read: async () => "" };

export class Shell {
  readonly expander: Expander;
  /** The line of the command running now (dash errlinno, $LINENO). */
  lineNo = 1;
  /** The line where the parser last read a token (ash startlinno, in "line N:" messages). */
  parseLine = 1;
  interactive: boolean;
  /**
   * bash's interactive_shell: stays set in the subshells an interactive shell forks (where
   * `interactive` is off), so their messages carry no "line N:" either (error.c error_prolog()).
   */
  interactiveShell = false;
  /** Set by the SIGINT handler of an interactive shell; checked at every step. */
  interrupted = false;
  /** The shell's own descriptor table (changed by `exec 2>file`). */
  fds: Fds;
  /** $$: the pid of the shell; a subshell keeps its parent's. */
  shellPid: number;
  /** Signals that arrived for `trap` handlers, run at the next step. */
  pendingTraps: number[] = [];
  /** The builtin or sourced file running now: messages name it (ash and dash `commandname`). */
  commandName: string | undefined;
  /** Commands come from a file (a script, `.`): ash numbers its messages' lines even interactively. */
  inFile = false;
  /** Background jobs this shell started. */
  jobs = new JobTable();
  /**
   * Inside an if/while/until condition, after `!`, or left of && and ||: `set -e` does not apply
   * there (ash and dash EV_TESTED), nor in functions called from there.
   */
  tested = 0;
  /** Functions being run (nested calls). */
  private functionDepth = 0;
  /** Loops being run (ash/dash loopnest): `break` outside any loop does nothing. */
  loopDepth = 0;
  /** Signals this shell ignores for itself only (ash: SIGQUIT; an interactive shell: SIGTERM too). */
  ownIgnored = 0n;
  /** Signals this shell catches without a handler of its own (ash `sh -c`: SIGINT, SIGCHLD). */
  ownCaught = 0n;
  /** The shell's own signal handlers (an interactive shell catches SIGINT), restored by `trap - SIG`. */
  readonly ownHandlers = new Map<number, (sig: number) => void>();
  /** Waits that a signal interrupts (`wait`, `read`): cancelled with the signal's number. */
  private readonly signalWaits = new Set<CancellationSource>();
  /** This shell is a forked subshell (ash `shlvl`/`rootshell`): no job control, no prompts. */
  readonly isSubshell: boolean;

  constructor(
    readonly system: System,
    public proc: Process,
    readonly flavour: ShellFlavour,
    readonly state: ShellState,
    fds: Fds,
    opts: ShellOptionsInit & { subshell?: boolean },
  ) {
    this.fds = fds;
    this.interactive = opts.interactive;
    this.isSubshell = opts.subshell ?? false;
    this.shellPid = proc.pid;
    const shell = this;
    this.expander = new Expander({
      state,
      get shellPid() { return shell.shellPid; },
      get flags() { return shell.flags; },
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
      readonlyMessage: (name) => messages.shell(this.flavour, this.msg, `${name}: is read only`),
      badSubstitutionMessage: (text) => messages.shell(this.flavour, this.msg, this.flavour.name === "bash" ? `${text}: bad substitution` : "Bad substitution"),
      arithPower: this.flavour.arithPower,
    });
  }

  get sys() {
    return this.system.sys(this.proc);
  }

  get msg(): MessageContext {
    return {
      arg0: this.state.arg0, line: this.flavour.name === "ash" ? this.parseLine : this.lineNo,
      interactive: this.flavour.name === "bash" ? this.interactive || this.interactiveShell : this.interactive,
      command: this.commandName, inFile: this.inFile,
    };
  }

  /** $-: the option letters. */
  get flags(): string {
    const o = this.state.options;
    let f = "";
    if (o.errexit) f += "e";
    if (o.noglob) f += "f";
    if (this.interactive) f += "i";
    if (this.jobControl) f += "m";
    if (o.noexec) f += "n";
    if (o.nounset) f += "u";
    if (o.verbose) f += "v";
    if (o.xtrace) f += "x";
    return f;
  }

  /** Job control: interactive shells put each job in its own process group (ash `set -m`). */
  get jobControl(): boolean {
    return this.interactive && !this.isSubshell && this.fds.get(0)?.tty !== undefined;
  }

  // ---- output helpers -------------------------------------------------------------------------

  async write(fds: Fds, fd: number, text: string): Promise<void> {
    // A process that a signal ended writes nothing more.
    this.proc.lifetime.throwIfCancelled();
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

  /** Prints a shell error and raises it (ash ash_msg_and_raise_error(), dash sh_error()). */
  async raise(fds: Fds, text: string, status = 2): Promise<never> {
    await this.err(fds, messages.shell(this.flavour, this.msg, text));
    this.state.status = status;
    throw new ShellError(status);
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
    // ash math.c arith_apply() strings; dash arith_yacc.c yyerror("…") with the expression.
    if (f.name === "ash") {
      const text = err.reason === "divide by zero" || err.reason === "exponent less than 0" ? err.reason : err.reason === "malformed ?:" ? "malformed ?: operator" : "arithmetic syntax error";
      return messages.shell(f, this.msg, text);
    }
    if (f.name === "dash") return messages.shell(f, this.msg, `arithmetic expression: ${err.reason === "divide by zero" ? "division by zero" : `expecting ${err.expecting}`}: "${err.text}"`);
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

  /**
   * Parses and runs source text one line of commands at a time (ash/dash evalstring(), cmdloop()),
   * so what comes before a syntax error runs. A syntax error is reported and raised (status 2).
   */
  async runSource(src: string, fds: Fds = this.fds, exitAfter = false): Promise<number> {
    const parser = new Parser(src, { ...this.parseOptions(), complete: true });
    let status = 0;
    for (;;) {
      let items: ListItem[] | null;
      let last = false;
      try {
        items = parser.nextCommandLine();
        if (items !== null) last = parser.atEnd();
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        this.lineNo = err.line;
        this.parseLine = err.line;
        await this.err(fds, messages.syntax(this.flavour, this.msg, err.error));
        this.state.status = 2;
        throw new ShellError(2);
      }
      if (items === null) return status;
      status = await this.evalScript({ items }, fds, exitAfter && last);
    }
  }

  /**
   * The parser's options: ash and dash expand aliases everywhere, bash only when interactive
   * (expand_aliases).
   */
  parseOptions(firstLine?: number) {
    const expand = this.flavour.name !== "bash" || this.interactive;
    return parseOptionsOf(this.flavour, firstLine, expand ? this.state.aliases : undefined);
  }

  /** SIGINT reached an interactive shell (its own handler): stop what it is doing. */
  interrupt(): void {
    this.interrupted = true;
    for (const c of this.signalWaits) c.cancel(SIGINT);
  }

  /** A trapped signal arrived: its action runs at the next step; `wait` returns early (waitcmd()). */
  signalArrived(sig: number): void {
    this.pendingTraps.push(sig);
    for (const c of this.signalWaits) c.cancel(sig);
  }

  /**
   * Runs a blocking operation that signals interrupt: rejects with Cancelled whose reason is the
   * signal number; SIGINT of an interactive shell becomes InterruptSignal.
   */
  async interruptible<T>(fn: (cancel: Cancellation) => Promise<T>): Promise<T | { signal: number }> {
    const c = new CancellationSource();
    this.signalWaits.add(c);
    try {
      return await fn(c);
    } catch (err) {
      if (!(err instanceof Cancelled) || !c.cancelled) throw err;
      const sig = c.reason as number;
      if (sig === SIGINT && this.interrupted) {
        this.interrupted = false;
        throw new InterruptSignal();
      }
      return { signal: sig };
    } finally {
      this.signalWaits.delete(c);
    }
  }

  /** Waits until a job is done; a status 128+N when signal N interrupted the wait. */
  async waitForJob(job: Job): Promise<number | undefined> {
    const done = Promise.all(job.procs.map((p) => p.proc.wait()));
    const r = await this.interruptible((cancel) => new Promise<"done">((resolve, reject) => {
      const off = cancel.onCancel((reason) => reject(new Cancelled(reason)));
      void done.then(() => {
        off();
        resolve("done");
      });
    }));
    // Let the job table see the ends it was waiting for.
    await Promise.resolve();
    return r === "done" ? undefined : 128 + r.signal;
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
      if (item.line !== undefined) this.parseLine = item.line;
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

  /** Runs a command with `set -e` suspended (a condition, the left of && and ||, after `!`). */
  private async whileTested<T>(fn: () => Promise<T>): Promise<T> {
    this.tested++;
    try {
      return await fn();
    } finally {
      this.tested--;
    }
  }

  /** `cmd &`: a job in its own process group under job control, else reading /dev/null. */
  private async background(command: AndOr, fds: Fds): Promise<number> {
    const bgFds = new Map(fds);
    const jobControl = this.jobControl;
    // forkchild(): without job control a background job reads /dev/null and ignores ^C and ^\.
    if (!jobControl) bgFds.set(0, DEV_NULL);
    const ignore = jobControl ? 0n : sigBit(SIGINT) | sigBit(SIGQUIT);
    const only = command.rest.length === 0 ? command.first : undefined;
    if (only !== undefined && only.commands.length > 1 && !only.bang) {
      // A background pipeline: every stage is a process of the job (ash list(): pipe_backgnd).
      const children = await this.startPipeline(only.commands, bgFds, jobControl ? 0 : undefined, ignore);
      const last = children[children.length - 1]!;
      this.jobs.add(children, only.commands.map(commandText), jobControl);
      this.state.lastBackgroundPid = last.pid;
      await this.yieldAfterFork();
      return 0;
    }
    const child = await this.forkShell(async (sh) => sh.evalAndOr(command, bgFds, true), { pgid: jobControl ? 0 : undefined, ignore });
    this.jobs.add([child], [andOrText(command)], jobControl);
    this.state.lastBackgroundPid = child.pid;
    await this.yieldAfterFork();
    return 0;
  }

  /** A background job was started: let the host run between forks, as a scheduler would. */
  private async yieldAfterFork(): Promise<void> {
    if (!this.isSubshell) return;
    await this.system.sched.host.yield();
    this.proc.lifetime.throwIfCancelled();
  }

  async evalAndOr(ao: AndOr, fds: Fds, exitAfter: boolean): Promise<number> {
    const n = ao.rest.length;
    let status = n === 0 ? await this.evalPipeline(ao.first, fds, exitAfter) : await this.whileTested(() => this.evalPipeline(ao.first, fds, false));
    for (let i = 0; i < n; i++) {
      const { op, pipeline } = ao.rest[i]!;
      this.state.status = status;
      if ((op === "&&" && status !== 0) || (op === "||" && status === 0)) continue;
      const final = i === n - 1;
      status = final ? await this.evalPipeline(pipeline, fds, exitAfter) : await this.whileTested(() => this.evalPipeline(pipeline, fds, false));
    }
    return status;
  }

  async evalPipeline(p: Pipeline, fds: Fds, exitAfter: boolean): Promise<number> {
    let status: number;
    const run = () => (p.commands.length === 1 ? this.evalCommand(p.commands[0]!, fds, exitAfter && !p.bang) : this.runPipeline(p.commands, fds));
    if (p.bang) status = (await this.whileTested(run)) === 0 ? 1 : 0;
    else status = await run();
    // evaltree(): "set -e" exits on a failure that nothing tests.
    if (this.state.options.errexit && status !== 0 && !p.bang && this.tested === 0) throw new ExitSignal(status);
    return status;
  }

  /** forks the stages of a pipeline, connected by pipes (evalpipe()); raises when fork fails. */
  private async startPipeline(commands: readonly Command[], fds: Fds, pgid0: number | undefined, ignore = 0n): Promise<Process[]> {
    const n = commands.length;
    const pipes = Array.from({ length: n - 1 }, () => new Pipe());
    const children: Process[] = [];
    let pgid = pgid0;
    for (let i = 0; i < n; i++) {
      const stageFds = new Map(fds);
      if (i > 0) stageFds.set(0, pipeReader(pipes[i - 1]!));
      if (i < n - 1) stageFds.set(1, pipeWriter(pipes[i]!));
      const child = this.fork(pgid);
      if (!(child instanceof Process)) {
        for (let j = i; j < n - 1; j++) {
          pipes[j]!.closeWriter();
          pipes[j]!.closeReader();
        }
        if (i > 0) pipes[i - 1]!.closeReader();
        return await this.forkFailed(fds, child);
      }
      child.sigIgnored |= ignore;
      if (pgid === 0) pgid = child.pid;
      children.push(child);
      const sub = this.subshell(child, stageFds);
      const cmd = commands[i]!;
      void this.system.run(child, async () => {
        try {
          return await sub.evalCommand(cmd, stageFds, true);
        } catch (err) {
          return sub.statusOf(err);
        }
      }).finally(() => {
        if (i < n - 1) pipes[i]!.closeWriter();
        if (i > 0) pipes[i - 1]!.closeReader();
      });
    }
    return children;
  }

  /** evalpipe(): every stage in its own process; the status is the last one's. */
  private async runPipeline(commands: readonly Command[], fds: Fds): Promise<number> {
    const children = await this.startPipeline(commands, fds, this.jobControl ? 0 : undefined);
    return this.waitForeground(children, this.jobControl ? children[0]!.pgid : undefined, fds);
  }

  /** fork() failed: ash "can't fork: <strerror>", dash "Cannot fork"; both raise. */
  private async forkFailed(fds: Fds, e: Errno): Promise<never> {
    // A process that cannot fork gives way (a fork bomb at the pids limit must not starve the host).
    await this.system.sched.host.yield();
    this.proc.lifetime.throwIfCancelled();
    const f = this.flavour;
    const text = f.name === "ash" ? `can't fork: ${strerror(e, f.libc)}` : f.name === "dash" ? "Cannot fork" : `fork: ${strerror(e, f.libc)}`;
    return this.raise(fds, text, 2);
  }

  /**
   * waitforjob(): gives a foreground job the terminal and waits for it; returns the last process's
   * status. A job killed by a signal other than SIGINT/SIGPIPE prints its name (dowait()); ^C
   * that killed it interrupts the interactive shell too.
   */
  async waitForeground(children: Process[], pgid: number | undefined, fds: Fds): Promise<number> {
    const tty = this.fds.get(0)?.tty;
    const ownPgid = this.proc.pgid;
    const giveTerminal = tty !== undefined && pgid !== undefined && pgid > 0;
    if (giveTerminal) tty.foregroundPgid = pgid;
    const reasons = [];
    try {
      for (const c of children) reasons.push(await c.wait());
    } finally {
      if (giveTerminal && this.proc.alive) tty.foregroundPgid = ownPgid;
    }
    const last = reasons[reasons.length - 1]!;
    if (!("signal" in last)) return last.status;
    const status = 128 + last.signal;
    if (last.signal !== SIGINT && last.signal !== SIGPIPE) await this.err(fds, `${strsignal(last.signal)}\n`);
    if (last.signal === SIGINT && this.jobControl) {
      this.state.status = status;
      throw new InterruptSignal();
    }
    return status;
  }

  /** A copy of this shell running in another process (a subshell after fork). */
  subshell(proc: Process, fds: Fds): Shell {
    const sh = new Shell(this.system, proc, this.flavour, this.state.clone(), fds, { interactive: false, subshell: true });
    sh.lineNo = this.lineNo;
    sh.parseLine = this.parseLine;
    sh.interactiveShell = this.interactive || this.interactiveShell;
    sh.shellPid = this.shellPid;
    sh.commandName = this.commandName;
    sh.inFile = this.inFile;
    sh.tested = this.tested;
    sh.loopDepth = this.loopDepth;
    return sh;
  }

  /** The exit status for an error that escaped a subshell's evaluation. */
  statusOf(err: unknown): number {
    if (err instanceof ExitSignal) return err.status;
    if (err instanceof ShellError) return err.status;
    if (err instanceof ReturnSignal) return err.status;
    if (err instanceof BreakSignal || err instanceof ContinueSignal) return 0;
    if (err instanceof InterruptSignal) return 130;
    throw err;
  }

  /**
   * fork() for the shell: the child does not keep the signals the interactive shell ignores for
   * itself (ash forkchild() setsignal(SIGINT/SIGQUIT/SIGTERM) when the parent was the root shell).
   */
  private fork(pgid: number | undefined): Process | Errno {
    const child = this.system.fork(this.proc, pgid === undefined ? {} : { pgid });
    if (child instanceof Process) child.sigIgnored &= ~this.ownIgnored;
    return child;
  }

  /** forkshell(): runs `body` as a subshell in a new process; raises when fork fails. */
  async forkShell(body: (sh: Shell) => Promise<number>, opts: { pgid?: number | undefined; ignore?: bigint }): Promise<Process> {
    const child = this.fork(opts.pgid);
    if (!(child instanceof Process)) return this.forkFailed(this.fds, child);
    child.sigIgnored |= opts.ignore ?? 0n;
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
    if (cmd.line !== undefined) this.lineNo = cmd.line;
    const fds = await this.redirect(cmd.redirs, outer);
    if (fds === undefined) return this.redirectFailedStatus;
    const c = cmd.body;
    switch (c.kind) {
      case "brace":
        return this.evalScript(c.body, fds, exitAfter);
      case "subshell": {
        if (exitAfter) return this.evalScript(c.body, fds, true);
        const jobControl = this.jobControl;
        const child = await this.forkShell((sh) => sh.evalScript(c.body, fds, true), { pgid: jobControl ? 0 : undefined });
        return this.waitForeground([child], jobControl ? child.pid : undefined, fds);
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
        const words = c.words === undefined ? [...this.state.positional] : await this.expand(fds, () => this.expander.fields(c.words!));
        let status = 0;
        for (const w of words) {
          await this.checkpoint();
          if (!this.state.set(c.name, w)) await this.raise(fds, `${c.name}: is read only`);
          const r = await this.loopBody(c.body, fds);
          if (r === "break") break;
          status = r;
        }
        return status;
      }
      case "case": {
        const word = await this.expand(fds, () => this.expander.string(c.word));
        for (const arm of c.arms) {
          for (const p of arm.patterns) {
            const pattern = await this.expand(fds, () => this.expander.pattern(p));
            if (matchPattern(pattern, word)) return arm.body.items.length === 0 ? 0 : this.evalScript(arm.body, fds, exitAfter);
          }
        }
        return 0;
      }
    }
  }

  /** Conditions of if/while/until: `set -e` does not apply inside them. */
  private evalCondition(cond: Script, fds: Fds): Promise<number> {
    return this.whileTested(() => this.evalScript(cond, fds));
  }

  private async loopBody(body: Script, fds: Fds): Promise<number | "break"> {
    this.loopDepth++;
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
    } finally {
      this.loopDepth--;
    }
  }

  /** Runs an expansion; a failure is reported and raised (ash/dash expand errors are EXERROR). */
  async expand<T>(fds: Fds, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      await this.err(fds, err.text);
      this.state.status = 2;
      throw new ShellError(2);
    }
  }

  /** evalcommand(): expansion, assignments, redirections, then a builtin, function or program. */
  private async evalSimple(cmd: SimpleCommand, outer: Fds, exitAfter: boolean): Promise<number> {
    this.lineNo = cmd.line;
    await this.checkpoint();
    const argv = await this.expand(outer, () => this.expander.fields(cmd.words));
    const assigns = new Map<string, string>();
    for (const a of cmd.assigns) assigns.set(a.name, await this.expand(outer, () => this.expander.string(a.value)));
    if (this.state.options.xtrace) {
      const trace = [...[...assigns].map(([k, v]) => `${k}=${v}`), ...argv].join(" ");
      await this.err(outer, `+ ${trace}\n`);
    }
    if (argv.length === 0) {
      const statusBefore = this.state.status;
      for (const [name, value] of assigns) if (!this.state.set(name, value)) await this.raise(outer, `${name}: is read only`);
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) return this.redirectFailedStatus;
      // The status of an assignment-only command is that of its last command substitution.
      return cmd.assigns.some((a) => a.value.parts.some((p) => p.kind === "cmdsub")) ? this.state.status : statusBefore === this.state.status ? 0 : this.state.status;
    }
    // Assignments before a command must not name read-only variables (ash/dash setvar()).
    for (const name of assigns.keys()) if (this.state.vars.get(name)?.readonly) await this.raise(outer, `${name}: is read only`);
    const name = argv[0]!;
    const builtin = findBuiltin(this.flavour.name, name);
    const fn = this.state.functions.get(name);
    if (builtin?.special || (builtin && fn === undefined)) {
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) {
        // A special builtin's redirection error is fatal like its other errors.
        if (builtin.special && this.flavour.name !== "bash") throw new ShellError(this.redirectFailedStatus);
        return this.redirectFailedStatus;
      }
      return this.runBuiltin(builtin, argv, assigns, fds);
    }
    if (fn !== undefined) {
      const fds = await this.redirect(cmd.redirs, outer);
      if (fds === undefined) return this.redirectFailedStatus;
      return this.callFunction(fn, argv, assigns, fds);
    }
    // find_command() in the shell itself remembers where the program was found (dash `hash`).
    if (!name.includes("/")) {
      const path = this.findCommand(name);
      if (path !== undefined) this.state.hashCommand(name, path);
    }
    return this.runExternal(argv, assigns, cmd.redirs, outer, exitAfter);
  }

  /** The status of a command whose redirection failed: ash 1, dash and bash 2. */
  get redirectFailedStatus(): number {
    return this.flavour.name === "ash" ? 1 : 2;
  }

  /** Runs a builtin with its name as the message context; a regular builtin's raised error is its status. */
  async runBuiltin(builtin: Builtin, argv: string[], assigns: Map<string, string>, fds: Fds): Promise<number> {
    // Assignments before special builtins stay; before regular builtins they last for the command.
    const saved = new Map<string, string | undefined>();
    for (const [k, v] of assigns) {
      if (!builtin.special) saved.set(k, this.state.get(k));
      this.state.set(k, v);
    }
    const savedName = this.commandName;
    this.commandName = argv[0];
    try {
      return await builtin.run({ sh: this, argv, fds });
    } catch (err) {
      if (err instanceof ShellError && (!builtin.special || this.flavour.name === "bash")) return err.status;
      // A write that failed (stdout closed, disk full) is the builtin's error, not the shell's end.
      const e = errnoOf(err);
      if (e === EBADF || e === ENOSPC || e === EPIPE || e === EIO) {
        const text = messages.writeError(this.flavour, this.msg, argv[0]!, e);
        if (text !== "") await this.err(fds, text).catch(() => {});
        return 1;
      }
      throw err;
    } finally {
      this.commandName = savedName;
      for (const [k, v] of saved) {
        if (v === undefined) this.state.unset(k);
        else this.state.set(k, v);
      }
    }
  }

  async callFunction(fn: CompoundCommand, argv: string[], assigns: Map<string, string>, fds: Fds): Promise<number> {
    // Endless recursion: ash and dash have no limit of their own and die of a stack overflow.
    if (++this.functionDepth > MAX_FUNCTION_DEPTH) {
      this.proc.terminate({ signal: SIGSEGV });
      throw new Cancelled(this.proc.lifetime.reason);
    }
    const savedPositional = this.state.positional;
    const savedLoops = this.loopDepth;
    this.loopDepth = 0;
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
      this.functionDepth--;
      this.loopDepth = savedLoops;
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
      if (fds === undefined) return sh.redirectFailedStatus;
      return sh.execCommand(argv, sh.state.environ(assigns), fds);
    };
    if (exitAfter) return execHere(this);
    const jobControl = this.jobControl;
    const child = await this.forkShell(execHere, { pgid: jobControl ? 0 : undefined });
    return this.waitForeground([child], jobControl ? child.pid : undefined, outer);
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
    const sh = new Shell(this.system, this.proc, this.flavour, this.state.clone(), fds, { interactive: false, subshell: true });
    sh.state.arg0 = path;
    sh.state.positional = argv.slice(1);
    sh.state.functions.clear();
    sh.commandName = this.flavour.name === "ash" ? path : undefined;
    sh.inFile = true;
    try {
      return await sh.runSource(text, fds);
    } catch (err) {
      return sh.statusOf(err);
    }
  }

  /**
   * Runs a command with its output captured and its errors discarded, leaving $? alone
   * (programmable completion runs helpers this way).
   */
  async capture(argv: readonly string[]): Promise<string> {
    const status = this.state.status;
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const items = new Parser(`${quoted} 2>/dev/null`, parseOptionsOf(this.flavour)).nextCommandLine() ?? [];
    try {
      return await this.commandSubst({ items });
    } finally {
      this.state.status = status;
    }
  }

  /** Runs a script and collects its output: $( … ). */
  private async commandSubst(body: Script): Promise<string> {
    const out = new Collector(16 * 1024 * 1024);
    const fds = new Map(this.fds);
    const pipe = new Pipe();
    fds.set(1, pipeWriter(pipe));
    const child = this.fork(undefined);
    if (!(child instanceof Process)) {
      pipe.closeWriter();
      return this.forkFailed(this.fds, child);
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
      if (r.op === "<<" || r.op === "<<-") {
        const text = r.heredoc === undefined ? "" : r.heredoc.quoted ? r.heredoc.body.parts.map((p) => (p.kind === "sq" ? p.text : "")).join("") : await this.expand(outer, () => this.expander.string(r.heredoc!.body));
        fds.set(fd, heredocDescription(text));
        continue;
      }
      const target = await this.expand(outer, () => this.expander.string(r.target));
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
        if (r.op === "<&" || this.flavour.name === "dash") {
          await this.err(outer, messages.shell(this.flavour, this.msg, this.flavour.name === "dash" ? `Syntax error: Bad fd number` : `${target}: bad file descriptor`));
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
