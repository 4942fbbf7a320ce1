// One machine (a cluster node or the learner's workstation): its kernel, filesystems, devices,
// programs and scheduler, and the process primitives built on them: fork, execve, and running a
// process's work until it exits or a signal ends it.

import { type ElfProgram, identify } from "./binfmt.js";
import { Cancelled } from "./cancellation.js";
import { EACCES, EBADF, ENOEXEC, ELOOP, EPIPE, type Errno, SyscallError, errnoOf } from "./errno.js";
import { computeCredsForExec } from "./exec.js";
import type { Kernel } from "./kernel.js";
import { MAY_EXEC, S_IFMT, S_IFREG, inodePermission } from "./permission.js";
import { type ExitReason, Process, SignalledError } from "./process.js";
import { type OpenDescription, type ProgramContext, type ProgramMain, type ProgramTable, type Stdio, bindFd } from "./program.js";
import type { Scheduler } from "./sched.js";
import { Sys } from "./syscalls.js";
import type { Devices } from "../vfs/devices.js";
import { pathFromRoot, resolve } from "../vfs/path.js";
import type { Vfs } from "../vfs/vfs.js";

export interface ForkOptions {
  /** setpgid(): the child's process group (job control); default: the parent's. */
  pgid?: number;
  /** setsid(): a new session (the child's pid). */
  newSession?: boolean;
}

/** binfmt_script allows this many nested interpreters (BINPRM_MAX_RECURSION). */
const MAX_INTERPRETERS = 4;

export class System {
  constructor(
    readonly kernel: Kernel,
    readonly vfs: Vfs,
    readonly devices: Devices,
    readonly sched: Scheduler,
    readonly programs: ProgramTable,
  ) {}

  sys(proc: Process): Sys {
    return new Sys(this, proc);
  }

  /** fork(2): a copy of the parent process (same credentials, cwd, environment, terminal). */
  fork(parent: Process, opts: ForkOptions = {}): Process | Errno {
    const child = parent.ns.spawn({
      creds: parent.creds, comm: parent.comm, argv: parent.argv, exe: parent.exe, environ: parent.environ,
      cwd: parent.cwd, root: parent.root, mnt: parent.mnt, uts: parent.uts, umask: parent.umask,
      ppid: parent.pid, parent, pgid: opts.pgid ?? parent.pgid, sid: parent.sid, tty: parent.tty, startTime: this.kernel.now(),
      memory: parent.memory, threads: 1, sigIgnored: parent.sigIgnored, nice: parent.nice,
      // copy_process(): the namespaces and the cgroup are the parent's.
      net: parent.net, ipc: parent.ipc, cgroupNs: parent.cgroupNs, cgroup: parent.cgroup,
    });
    if (!(child instanceof Process)) return child;
    if (opts.newSession) {
      child.sid = child.pid;
      child.pgid = child.pid;
      child.tty = undefined;
    }
    if (opts.pgid === 0) child.pgid = child.pid;
    child.memoryFor = parent.memoryFor;
    for (const [fd, file] of parent.fds) child.fds.set(fd, file);
    return child;
  }

  /**
   * Runs `work` as the process: the process exits with the status it returns, or is already gone
   * when a signal ended it. Never throws for the program's own failures.
   */
  async run(proc: Process, work: () => Promise<number>): Promise<ExitReason> {
    try {
      const status = await work();
      proc.terminate({ status: status & 0xff });
    } catch (err) {
      if (err instanceof Cancelled) {
        const sig = err.reason instanceof SignalledError ? err.reason.signal : undefined;
        if (sig !== undefined) proc.terminate({ signal: sig });
        else proc.terminate({ status: 1 });
      } else {
        proc.terminate({ status: 1 });
        throw err;
      }
    }
    return proc.exit!;
  }

  /** The executable `path` would run, and the credentials it would run with; throws like execve. */
  loadExecutable(proc: Process, path: string, depth = 0): { exe: ElfProgram; path: string; prefix: string[] } {
    if (depth > MAX_INTERPRETERS) throw new SyscallError(ELOOP, "execve", path);
    const loc = resolve(proc, path, { follow: true, syscall: "execve" });
    const attrs = loc.node.attrs();
    // fs/exec.c do_open_execat(): regular files only, not on noexec mounts, with exec permission.
    if ((attrs.mode & S_IFMT) !== S_IFREG || loc.mount.noexec) throw new SyscallError(EACCES, "execve", path);
    const denied = inodePermission(proc.creds, attrs, MAY_EXEC, loc.mount);
    if (denied) throw new SyscallError(denied, "execve", path);
    const head = loc.node.read(proc).slice(0, 256);
    const bin = identify(head);
    if (bin.kind === "script") {
      const inner = this.loadExecutable(proc, bin.interpreter, depth + 1);
      return { exe: inner.exe, path: inner.path, prefix: [bin.interpreter, ...(bin.arg === undefined ? [] : [bin.arg]), path, ...inner.prefix.slice(1)] };
    }
    if (bin.kind !== "elf") throw new SyscallError(ENOEXEC, "execve", path);
    return { exe: bin, path: pathFromRoot(proc, loc), prefix: [] };
  }

  /**
   * execve(2) followed by running the program in this process: new credentials (setuid bits,
   * file capabilities, no_new_privs), argv, comm and exe, then the program's main until it returns.
   * Resolves to the exit status; throws SyscallError when the exec itself fails.
   */
  async execve(proc: Process, path: string, argv: readonly string[], envp: readonly string[], stdio: Stdio): Promise<number> {
    const loaded = this.loadExecutable(proc, path);
    const finalArgv = loaded.prefix.length > 0 ? [...loaded.prefix, ...argv.slice(1)] : argv;
    const loc = resolve(proc, loaded.path, { follow: true, syscall: "execve" });
    const attrs = loc.node.attrs();
    const resolved = this.programs.resolve(loaded.exe, finalArgv);
    proc.creds = computeCredsForExec(proc.creds, { mode: attrs.mode, uid: attrs.uid, gid: attrs.gid, fileCaps: loc.node.fileCaps(), nosuid: loc.mount.nosuid });
    proc.argv = finalArgv;
    proc.environ = envp;
    // The command name is the executed file's name, a script's own and not its interpreter's
    // (fs/exec.c begin_new_exec: __set_task_comm(me, kbasename(bprm->filename))).
    proc.comm = path.split("/").pop()!.slice(0, 15);
    proc.exe = loaded.path;
    proc.sigCaught = 0n;
    proc.handlers.clear();
    proc.memory = proc.memoryFor?.(loaded.exe.program) ?? proc.memory;
    setStdio(proc, stdio);
    if (resolved === undefined) {
      await writeAll(proc, stdio.stderr, `${finalArgv[0]}: this program is not emulated by podlab\n`);
      return 126;
    }
    try {
      return await resolved.main(this.context(proc, resolved.argv, loaded.exe, stdio));
    } catch (err) {
      // A write to a pipe nobody reads: SIGPIPE already ended the program (pipeWriter) unless it
      // ignores the signal, and then the failed write ends it with status 1.
      if (errnoOf(err) === EPIPE) return 1;
      throw err;
    }
  }

  context(proc: Process, argv: readonly string[], exe: ElfProgram, stdio: Stdio): ProgramContext {
    return {
      proc, sys: this.sys(proc), argv, exe, stdio,
      stdin: bindFd(stdio.stdin, proc), stdout: bindFd(stdio.stdout, proc), stderr: bindFd(stdio.stderr, proc),
    };
  }

  /** A program started directly by the runtime (a container's PID 1, a kubectl exec). */
  async spawnProgram(proc: Process, main: ProgramMain, argv: readonly string[], exe: ElfProgram, stdio: Stdio): Promise<ExitReason> {
    setStdio(proc, stdio);
    return this.run(proc, () => main(this.context(proc, argv, exe, stdio)));
  }
}

export function setStdio(proc: Process, stdio: Stdio): void {
  proc.fds.set(0, stdio.stdin);
  proc.fds.set(1, stdio.stdout);
  proc.fds.set(2, stdio.stderr);
}

export async function writeAll(proc: Process, fd: OpenDescription, data: string): Promise<void> {
  if (fd.write === undefined) throw new SyscallError(EBADF, "write");
  await fd.write(data, proc);
}
