// execvp(3) and fork+exec+wait for the commands that run other programs (env, xargs), on the
// emulated kernel's primitives (core/kernel/system.ts fork/execve/run), as the shell does in
// core/shell/interpreter.ts execCommand. execvp semantics follow glibc posix/execvpe.c: search
// PATH (default "/bin:/usr/bin" when unset), skip ENOENT/ENOTDIR, remember EACCES, and run a file
// that is not an executable format with /bin/sh.

import { Cancelled } from "../../kernel/cancellation.js";
import { EACCES, ENOENT, ENOEXEC, ENOTDIR, type Errno, errnoOf } from "../../kernel/errno.js";
import { Pipe } from "../../kernel/io.js";
import { Process } from "../../kernel/process.js";
import { type ProgramContext, type Stdio, pipeReader, pipeWriter } from "../../kernel/program.js";

/** The value of NAME in an environment list. */
export function getenv(environ: readonly string[], name: string): string | undefined {
  const prefix = `${name}=`;
  return environ.find((e) => e.startsWith(prefix))?.slice(prefix.length);
}

/** The default search path when PATH is unset, per C library (confstr _CS_PATH / execvp). */
function defaultPath(ctx: ProgramContext): string {
  return ctx.exe.variant === "musl" ? "/usr/local/bin:/bin:/usr/bin" : "/bin:/usr/bin";
}

/**
 * Replaces the calling process's program (execvp): resolves to the new program's exit status,
 * or returns the errno when no candidate could be executed.
 */
export async function execvp(ctx: ProgramContext, proc: Process, file: string, argv: readonly string[], envp: readonly string[], stdio: Stdio): Promise<{ status: number } | { errno: Errno }> {
  const system = ctx.sys.system;
  const tryExec = async (path: string): Promise<{ status: number } | { errno: Errno }> => {
    try {
      return { status: await system.execve(proc, path, argv, envp, stdio) };
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined) throw err;
      if (e === ENOEXEC) {
        try {
          return { status: await system.execve(proc, "/bin/sh", ["sh", path, ...argv.slice(1)], envp, stdio) };
        } catch (err2) {
          const e2 = errnoOf(err2);
          if (e2 === undefined) throw err2;
          return { errno: e };
        }
      }
      return { errno: e };
    }
  };
  if (file.includes("/")) return tryExec(file);
  const path = getenv(envp, "PATH") ?? defaultPath(ctx);
  let sawEacces = false;
  let last: Errno = ENOENT;
  for (const dir of path.split(":")) {
    const r = await tryExec(`${dir === "" ? "." : dir}/${file}`);
    if ("status" in r) return r;
    if (r.errno === EACCES) sawEacces = true;
    else if (r.errno !== ENOENT && r.errno !== ENOTDIR) return r;
    last = r.errno;
  }
  return { errno: sawEacces ? EACCES : last === ENOTDIR ? ENOENT : last };
}

export type ChildResult = { status: number } | { signal: number } | { errno: Errno } | { forkFailed: Errno };

/**
 * fork() + execvp() in the child + waitpid(): how xargs runs each command. When the exec fails
 * the child exits 127 and the caller gets the errno to report (BusyBox's vfork shares it; GNU
 * sends it back through a pipe).
 */
export async function spawnAndWait(ctx: ProgramContext, file: string, argv: readonly string[], stdio: Stdio): Promise<ChildResult> {
  const system = ctx.sys.system;
  const child = system.fork(ctx.proc);
  if (!(child instanceof Process)) return { forkFailed: child };
  let execErrno: Errno | undefined;
  void system.run(child, async () => {
    const r = await execvp(ctx, child, file, argv, ctx.proc.environ, stdio);
    if ("status" in r) return r.status;
    execErrno = r.errno;
    return 127;
  });
  const reason = await waitFor(ctx, child);
  if (execErrno !== undefined && "status" in reason) return { errno: execErrno };
  return reason;
}
/** waitpid(): ends early (rethrowing Cancelled) when the waiting process is killed. */
async function waitFor(ctx: ProgramContext, child: Process) {
  const lifetime = ctx.proc.lifetime;
  return new Promise<{ status: number } | { signal: number }>((resolve, reject) => {
    const off = lifetime.onCancel((reason) => reject(new Cancelled(reason)));
    void child.wait().then((r) => {
      off();
      resolve(r);
    });
  });
}

/** A command started with popen(3): "w" feeds its stdin, "r" reads its stdout. */
export interface Popen {
  write(data: string): Promise<void>;
  read(max?: number): Promise<string>;
  /** pclose(): closes our end and waits; the exit status as wait() reports it. */
  close(): Promise<number>;
}

/** popen(cmd, mode): `sh -c cmd` in a child process connected by a kernel pipe. */
export function popen(ctx: ProgramContext, cmd: string, mode: "r" | "w"): Popen | Errno {
  const system = ctx.sys.system;
  const pipe = new Pipe();
  const child = system.fork(ctx.proc);
  if (!(child instanceof Process)) return child;
  const stdio: Stdio = mode === "w"
    ? { stdin: pipeReader(pipe), stdout: ctx.stdio.stdout, stderr: ctx.stdio.stderr }
    : { stdin: ctx.stdio.stdin, stdout: pipeWriter(pipe), stderr: ctx.stdio.stderr };
  const done = system.run(child, async () => {
    const r = await execvp(ctx, child, "/bin/sh", ["sh", "-c", cmd], ctx.proc.environ, stdio);
    return "status" in r ? r.status : 127;
  }).finally(() => {
    if (mode === "w") pipe.closeReader();
    else pipe.closeWriter();
  });
  let closed = false;
  return {
    write: (data) => pipe.write(data, ctx.proc.lifetime),
    read: (max = 65536) => pipe.read(max, ctx.proc.lifetime),
    close: async () => {
      if (!closed) {
        closed = true;
        if (mode === "w") pipe.closeWriter();
        else pipe.closeReader();
      }
      const reason = await done;
      return "status" in reason ? reason.status : 128 + reason.signal;
    },
  };
}
