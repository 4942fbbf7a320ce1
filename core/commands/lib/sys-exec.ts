// execvp(3) for programs that run another program in their own process (nice, chroot, su):
// search $PATH of the process's environment, then execve (core/kernel/system.ts), as glibc's,
// uClibc's and musl's execvp do (remember EACCES, keep looking on ENOENT/ENOTDIR).

import { EACCES, ENOENT, ENOEXEC, ENOTDIR, type Errno, errnoOf } from "../../kernel/errno.js";
import type { ProgramContext } from "../../kernel/program.js";
import { getenv } from "./sys-tty.js";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export type ExecResult = { ok: true; status: number } | { ok: false; errno: Errno };

/** Can `path` be executed (the checks execve makes before it replaces the program)? */
function probe(ctx: ProgramContext, path: string): Errno | undefined {
  try {
    ctx.sys.system.loadExecutable(ctx.proc, path);
    return undefined;
  } catch (err) {
    const e = errnoOf(err);
    if (e === undefined) throw err;
    return e;
  }
}

/** The path execvp would run for `name`, or the errno it would fail with. */
export function findExecutable(ctx: ProgramContext, name: string, path = getenv(ctx, "PATH") ?? DEFAULT_PATH): { path: string } | { errno: Errno } {
  if (name === "") return { errno: ENOENT };
  if (name.includes("/")) {
    const e = probe(ctx, name);
    return e === undefined || e === ENOEXEC ? { path: name } : { errno: e };
  }
  let sawEacces = false;
  for (const dir of path.split(":")) {
    const candidate = `${dir === "" ? "." : dir}/${name}`;
    const e = probe(ctx, candidate);
    if (e === undefined || e === ENOEXEC) return { path: candidate };
    if (e === EACCES) sawEacces = true;
    else if (e !== ENOENT && e !== ENOTDIR) return { errno: e };
  }
  return { errno: sawEacces ? EACCES : ENOENT };
}

/**
 * Replaces the running program with `argv` (execvp): resolves to the new program's exit status,
 * or to the errno when the exec itself fails (the caller prints its message and exits).
 */
export async function execvp(ctx: ProgramContext, argv: readonly string[], environ: readonly string[] = ctx.proc.environ): Promise<ExecResult> {
  const found = findExecutable(ctx, argv[0] ?? "");
  if ("errno" in found) return { ok: false, errno: found.errno };
  const e = probe(ctx, found.path);
  // A file without #! that is not a binary: execvp runs it with /bin/sh (glibc __execvpe).
  const finalArgv = e === ENOEXEC ? ["/bin/sh", found.path, ...argv.slice(1)] : argv;
  const path = e === ENOEXEC ? "/bin/sh" : found.path;
  const status = await ctx.sys.system.execve(ctx.proc, path, finalArgv, environ, ctx.stdio);
  return { ok: true, status };
}
