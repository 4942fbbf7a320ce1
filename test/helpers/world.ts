// A terminal session into an emulated container, for behaviour tests: type lines, read the screen.

import { System } from "../../core/kernel/system.js";
import { Scheduler } from "../../core/kernel/sched.js";
import { Pty } from "../../core/kernel/tty.js";
import { Process, deliver } from "../../core/kernel/process.js";
import { ttyDescription } from "../../core/kernel/program.js";
import { programTable } from "../../core/commands/registry.js";
import type { Image } from "../../core/images/image.js";
import { makedev } from "../../core/vfs/inode.js";
import { type CredSpec, type ContainerSpec, creds, makeContainer, makeNode } from "./kernel.js";

export const hostScheduler = {
  yield: () => new Promise<void>((r) => setImmediate(r)),
  monotonic: () => performance.now(),
};

export interface SessionOptions extends ContainerSpec {
  as?: CredSpec;
  image?: Image;
  /** The clock's start (default: test/helpers/kernel.ts START). */
  start?: number;
  /** The container's PID 1 (argv), run before the session starts. */
  init?: string[];
  cols?: number;
  env?: string[];
}

export async function startSession(opts: SessionOptions = {}) {
  const node = makeNode(opts.start);
  const c = makeContainer(node, opts);
  const sched = new Scheduler(hostScheduler);
  const system = new System(node.kernel, node.vfs, node.devices, sched, programTable);
  const image = opts.image;
  const memoryFor = (program: string) => image?.memory[program];
  const env = opts.env ?? ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=demo", "HOME=/"];
  const init = c.spawn(creds(opts.as), opts.init ?? ["sleep", "1h"]);
  init.environ = env;
  init.memoryFor = memoryFor;
  const nullFd = { description: "/dev/null", read: async () => "", write: async () => {} };
  void system.run(init, () => system.execve(init, opts.init?.[0]?.startsWith("/") ? opts.init[0] : `/bin/${(opts.init ?? ["sleep"])[0]}`, opts.init ?? ["sleep", "1h"], env, { stdin: nullFd, stdout: nullFd, stderr: nullFd }));
  c.pidns.burnPids(4); // runc's helper processes for the exec
  const pty = new Pty("pts/0", makedev(136, 0), { cols: opts.cols ?? 80, rows: 24 });
  node.devices.attachPts(c.fs.mnt, 0, pty);
  pty.signalGroup = (pgid, sig) => {
    for (const p of c.pidns.list()) if (p.pgid === pgid) deliver(p, sig, false);
  };
  let screen = "";
  pty.setOutput((bytes) => {
    screen += bytes;
    pty.drained(bytes.length);
  });
  const spawned = c.pidns.spawn({
    creds: creds(opts.as), comm: "sh", argv: ["sh"], exe: "/bin/sh", environ: [...env, "TERM=xterm"], cwd: init.cwd, root: init.root,
    mnt: c.fs.mnt, uts: c.uts, umask: 0o022, ppid: 0, tty: pty, startTime: node.kernel.now(),
  });
  if (!(spawned instanceof Process)) throw new Error("spawn failed");
  const sh: Process = spawned;
  sh.memoryFor = memoryFor;
  const tty = ttyDescription(pty);
  const done = system.run(sh, () => system.execve(sh, "/bin/sh", ["sh"], [...env, "TERM=xterm"], { stdin: tty, stdout: tty, stderr: tty }));

  /**
   * Lets the emulation run until the shell waits for input; the virtual clock moves to the next
   * timer only when nothing ran for a few host turns (everything waits for time).
   */
  async function settle(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 100_000; i++) {
      for (let k = 0; k < 3; k++) await new Promise<void>((r) => setImmediate(r));
      if (pty.waitingReaders > 0 || !sh.alive) return;
      const activity = sched.steps + screen.length;
      if (activity !== last) {
        last = activity;
        continue;
      }
      node.clock.advanceToNextTimer();
    }
    throw new Error("session never became idle");
  }

  await settle();
  return {
    node, container: c, system, pty, shell: sh, init, done,
    /** Everything the screen showed so far, with CR LF as LF. */
    get screen() {
      return screen.replace(/\r\n/g, "\n");
    },
    clear() {
      screen = "";
    },
    settle,
    /** Types a line (as a person would, then Enter) and returns what appeared on the screen. */
    async type(line: string): Promise<string> {
      const start = screen.length;
      pty.input(`${line}\r`);
      await settle();
      return screen.slice(start).replace(/\r\n/g, "\n");
    },
    async keys(bytes: string): Promise<string> {
      const start = screen.length;
      pty.input(bytes);
      await settle();
      return screen.slice(start).replace(/\r\n/g, "\n");
    },
  };
}
