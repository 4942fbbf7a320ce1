// kubectl's side of a remote terminal session (k8s.io/kubectl/pkg/util/term TTY.Safe with
// Raw, remotecommand's stdin copy and TerminalSizeQueue): the local terminal goes raw, what the
// learner types is sent as is, local resizes follow, until the remote stream ends; then the
// terminal's settings come back. Shared by `kubectl exec -t` and `kubectl attach -t`.

import { CancellationSource, Cancelled } from "../kernel/cancellation.js";
import type { Pty, Winsize } from "../kernel/tty.js";
import { RAW } from "../kernel/tty.js";
import type { KubectlCall } from "./types.js";

export interface RemoteTerminal {
  /** The terminal at the other end (the learner's keys now go there). */
  readonly tty: Pty;
  input(data: string): void;
  resize(w: Winsize): void;
}

/**
 * Bridges the local terminal (made raw) and the remote one until `done` settles. `flush` waits
 * for the remote output already on its way to the screen.
 */
export async function rawSession<T>(call: KubectlCall, local: Pty, remote: RemoteTerminal, done: Promise<T>, flush: () => Promise<void>): Promise<T> {
  const saved = { ...local.termios };
  local.termios = { ...RAW };
  const disconnect = call.cluster.kubelet.terminals.connect(remote.tty);
  const stop = new CancellationSource();
  const offResize = local.onResize((w) => remote.resize(w));
  const pump = (async () => {
    try {
      for (;;) {
        const data = await local.read(4096, call.ctx.proc, stop);
        if (data === "") break;
        remote.input(data);
      }
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
    }
  })();
  try {
    return await done;
  } finally {
    stop.cancel("exited");
    await pump;
    await flush();
    offResize();
    disconnect();
    local.termios = saved;
  }
}

/** A chain of writes to a stream, in order; `flush` resolves when all written so far are out. */
export function orderedWriter(write: (data: string) => Promise<void>): { write(data: string): Promise<void>; flush(): Promise<void> } {
  let last = Promise.resolve();
  return {
    write(data) {
      last = last.then(() => write(data)).catch(() => {});
      return last;
    },
    flush: () => last,
  };
}
