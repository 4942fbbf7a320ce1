// Running a process in a running container (CRI ExecSync/Exec → runc exec): the container's
// process spec (user, groups, capabilities, no_new_privs, seccomp), a new session, the command
// looked up in the container's PATH, and a pseudo-terminal from the container's devpts when asked.

import type { ExitReason } from "../../kernel/process.js";
import type { OpenDescription } from "../../kernel/program.js";
import type { Pty, Winsize } from "../../kernel/tty.js";
import { ttyDescription } from "../../kernel/program.js";
import { type ContainerPts, allocatePts, installPts, releasePts } from "./attach.js";
import { type ContainerRuntime, type PodRuntime, RUNC_HOST_PIDS, shimPipes } from "./pod-runtime.js";

/**
 * runc exec's helper (runc init joining the namespace) takes a pid before the command gets one:
 * with the container start's RUNC_INIT_THREADS, busybox pod 1's exec'd `sh` is PID 6 as in the tutorial.
 */
export const EXEC_HELPER_PIDS = 1;

export interface ExecRequest {
  argv: readonly string[];
  /** A terminal of the given size, or plain streams. */
  tty: Winsize | undefined;
  stdin: OpenDescription | undefined;
  stdout: OpenDescription;
  stderr: OpenDescription;
}

export type ExecStart =
  | { ok: true; pty: Pty | undefined; done: Promise<ExitReason> }
  | { ok: false; notFound: string };

export function execInContainer(pr: PodRuntime, c: ContainerRuntime, req: ExecRequest): ExecStart {
  const node = pr.node;
  const spec = c.processSpec!;
  const pidns = c.pidns!;
  node.pidns.burnPids(RUNC_HOST_PIDS); // `runc exec` and its threads, on the node
  pidns.burnPids(EXEC_HELPER_PIDS);
  const env = [...spec.env.filter((e) => !e.startsWith("TERM=")), ...(req.tty ? ["TERM=xterm"] : [])];
  const pts: ContainerPts | undefined = req.tty === undefined ? undefined : allocatePts(pr, c, req.tty);
  const pty = pts?.pty;
  const proc = pr.spawn(c, { ...spec, env, args: req.argv }, pidns, pty);
  const path = pr.lookPath(proc, req.argv[0] ?? "", env);
  if (path === undefined) {
    proc.terminate({ status: 127 });
    return { ok: false, notFound: req.argv[0] ?? "" };
  }
  if (pts !== undefined) installPts(pr, c, pts, spec.user.uid, pidns);
  // With a terminal every stream is the pts; without, the shim's pipes (as for PID 1).
  const term = pty === undefined ? undefined : ttyDescription(pty);
  const stdio = term !== undefined ? { stdin: term, stdout: term, stderr: term }
    : shimPipes({ stdin: req.stdin ?? { description: "/dev/null", read: async () => "" }, stdout: req.stdout, stderr: req.stderr }, true, req.stdin !== undefined, node.kernel);
  const done = node.system.run(proc, () => node.system.execve(proc, path, req.argv, env, stdio)).finally(() => {
    if (pts !== undefined) releasePts(pr, c, pts);
  });
  return { ok: true, pty, done };
}
