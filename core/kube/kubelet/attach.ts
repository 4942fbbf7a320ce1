// A container's standard streams as the runtime's shim holds them (containerd-shim's
// pkg/process/io.go, Docker's container/stream): PID 1 gets a console (`tty: true`, a
// pseudo-terminal from the container's devpts, as runc's console socket hands the shim the
// master), a stdin pipe (`stdin: true`), or /dev/null. The shim copies what the process writes to
// the container log (with a terminal, the log holds the terminal's output: echo, prompts, line
// ends as CR LF) and to every attached client. CRI Attach (`kubectl attach`, `kubectl run -i`)
// connects a client to these streams; `stdinOnce` closes the container's stdin when the first
// client that had stdin goes away.
//
// And the kubelet's streaming server as the learner's sandbox sees it: the terminals a client's
// raw terminal is bridged to right now (`kubectl exec -it`, `kubectl attach -it`), innermost last.

import { S_IFCHR } from "../../kernel/permission.js";
import { Pipe } from "../../kernel/io.js";
import { type PidNamespace, type Process, deliver } from "../../kernel/process.js";
import { type OpenDescription, type Stdio, pipeReader, ttyDescription } from "../../kernel/program.js";
import { Pty, type Winsize } from "../../kernel/tty.js";
import { Inode, makedev } from "../../vfs/inode.js";
import type { LogBuffer } from "./logs.js";
import type { ContainerRuntime, PodRuntime } from "./pod-runtime.js";

/** A pseudo-terminal of the container's devpts instance: /dev/pts/N while it is open. */
export interface ContainerPts {
  readonly pty: Pty;
  readonly index: number;
}

/** posix_openpt() in the container: the lowest free index of its devpts. */
export function allocatePts(pr: PodRuntime, c: ContainerRuntime, winsize: Winsize): ContainerPts {
  const index = pr.node.devices.freePtsIndex(c.fs!.mnt);
  return { pty: new Pty(`pts/${index}`, makedev(136, index), winsize), index };
}

/**
 * The slave appears as /dev/pts/N, owned by the container's user, group tty, mode 0620 (devpts
 * mounted gid=5,mode=620; runc's fixStdioPermissions chowns it to the process user), and the
 * terminal's foreground group is named in the pid namespace of the session on it.
 */
export function installPts(pr: PodRuntime, c: ContainerRuntime, pts: ContainerPts, uid: number, pidns: PidNamespace): void {
  const node = pr.node;
  node.devices.attachPts(c.fs!.mnt, pts.index, pts.pty);
  c.fs!.devpts.rootInode.addEntry(String(pts.index), Object.assign(new Inode({ ino: node.kernel.nextIno(), mode: S_IFCHR | 0o620, uid, gid: 5, time: node.kernel.now() }), { rdev: pts.pty.rdev }));
  pts.pty.signalGroup = (pgid, sig) => {
    for (const p of pidns.list()) if (p.pgidIn(pidns) === pgid) deliver(p, sig, false);
  };
}

/** The master closes: /dev/pts/N goes away and readers of the slave see end of file. */
export function releasePts(pr: PodRuntime, c: ContainerRuntime, pts: ContainerPts): void {
  pr.node.devices.detachPts(c.fs!.mnt, pts.index);
  c.fs!.devpts.rootInode.removeEntry(String(pts.index));
  pts.pty.hangup();
}

/** Where an attached client receives the container's output. */
export interface AttachClient {
  stdout(data: string): Promise<void>;
  stderr(data: string): Promise<void>;
}

/** One client's connection to a container's streams (a CRI Attach stream). */
export interface AttachSession {
  /** The stream is a terminal (the container has a console): stdout only, raw bytes. */
  readonly tty: boolean;
  /** Bytes from the client's stdin (dropped when the container has no stdin or it was closed). */
  input(data: string): void;
  /** The client's stdin ended. */
  closeStdin(): void;
  /** The client's terminal size (TIOCSWINSZ on the console). */
  resize(w: Winsize): void;
  /** Resolves when the container's output ends: its process exited. */
  readonly done: Promise<void>;
  /** The client goes away. */
  detach(): void;
}

export interface ContainerStreamsOptions {
  readonly stdin: boolean;
  readonly stdinOnce: boolean;
  readonly console: Pty | undefined;
  readonly logs: LogBuffer;
  /** The shim: the process that copies the streams (the writer of the log). */
  readonly shim: Process;
  /**
   * containerd's shim shuts the console down when its stdin closes (copyConsole); Docker only
   * closes a container's stdin without a terminal (container/stream/attach.go).
   */
  readonly hangupConsoleOnStdinClose: boolean;
}

export class ContainerStreams {
  readonly console: Pty | undefined;
  readonly stdin: boolean;
  private readonly stdinPipe: Pipe | undefined;
  private stdinClosed = false;
  private readonly clients = new Set<AttachClient>();
  private exited = false;
  private readonly exitWaiters: (() => void)[] = [];
  private readonly logOut: OpenDescription;
  private readonly logErr: OpenDescription;

  constructor(private readonly opts: ContainerStreamsOptions) {
    this.console = opts.console;
    this.stdin = opts.stdin;
    this.stdinPipe = opts.stdin && opts.console === undefined ? new Pipe() : undefined;
    this.logOut = opts.logs.description("stdout");
    this.logErr = opts.logs.description("stderr");
    const console = opts.console;
    if (console !== undefined) {
      // The shim reads the master: into the log (as stdout), and out to every attached client;
      // the terminal's output buffer drains as they take it.
      console.setOutput((bytes) => {
        void this.logOut.write!(bytes, opts.shim);
        const writes = [...this.clients].map((c) => c.stdout(bytes).catch(() => {}));
        if (writes.length === 0) console.drained(bytes.length);
        else void Promise.all(writes).then(() => console.drained(bytes.length));
      });
    }
  }

  /** PID 1's stdin, stdout and stderr. */
  stdio(): Stdio {
    if (this.console !== undefined) {
      const term = ttyDescription(this.console);
      return { stdin: term, stdout: term, stderr: term };
    }
    const out = (log: OpenDescription, stream: "stdout" | "stderr"): OpenDescription => ({
      description: log.description,
      write: async (data, who) => {
        await log.write!(data, who);
        if (this.clients.size > 0) await Promise.all([...this.clients].map((c) => c[stream](data).catch(() => {})));
      },
    });
    return {
      stdin: this.stdinPipe === undefined ? DEV_NULL : pipeReader(this.stdinPipe),
      stdout: out(this.logOut, "stdout"),
      stderr: out(this.logErr, "stderr"),
    };
  }

  /** The process exited: the shim's copies end, and with them every attached client's stream. */
  end(): void {
    if (this.exited) return;
    this.exited = true;
    this.clients.clear();
    for (const w of this.exitWaiters.splice(0)) w();
  }

  get ended(): boolean {
    return this.exited;
  }

  /** Closes the container's stdin (stdinOnce, or CloseIO). */
  private closeStdin(): void {
    if (this.stdinClosed) return;
    this.stdinClosed = true;
    this.stdinPipe?.closeWriter();
    if (this.console !== undefined && this.opts.hangupConsoleOnStdinClose) this.console.hangup();
  }

  /** CRI Attach: a client joins the container's streams. */
  attach(client: AttachClient, withStdin: boolean): AttachSession {
    const streams = this;
    const done = new Promise<void>((resolve) => {
      if (this.exited) resolve();
      else this.exitWaiters.push(resolve);
    });
    if (!this.exited) this.clients.add(client);
    const stdinOpen = () => withStdin && this.stdin && !this.stdinClosed && !this.exited;
    let writes = Promise.resolve();
    let stdinEnded = false;
    const endStdin = () => {
      if (stdinEnded || !withStdin) return;
      stdinEnded = true;
      if (streams.opts.stdinOnce && !streams.exited) streams.closeStdin();
    };
    return {
      tty: this.console !== undefined,
      done,
      input(data) {
        if (!stdinOpen()) return;
        if (streams.console !== undefined) streams.console.input(data);
        else writes = writes.then(() => streams.stdinPipe!.write(data)).catch(() => {});
      },
      closeStdin: endStdin,
      resize(w) {
        if (!streams.exited) streams.console?.resize(w);
      },
      detach() {
        streams.clients.delete(client);
        endStdin();
      },
    };
  }
}

const DEV_NULL: OpenDescription = { description: "/dev/null", read: async () => "", write: async () => {} };

/**
 * The terminals streaming clients are bridged to right now, in the order they connected: the
 * last one is where the learner's keys go (the sandbox watches it to know who reads input).
 */
export class StreamingTerminals {
  private readonly listeners = new Set<(tty: Pty, connected: boolean) => void>();

  /** A client's raw terminal now talks to `tty`; returns the disconnect. */
  connect(tty: Pty): () => void {
    for (const l of [...this.listeners]) l(tty, true);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      for (const l of [...this.listeners]) l(tty, false);
    };
  }

  subscribe(fn: (tty: Pty, connected: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
