// A cancellation token (core/ has no AbortSignal): signals end blocked work with Cancelled.

export class Cancelled extends Error {
  constructor(readonly reason: unknown) {
    super("cancelled");
    this.name = "Cancelled";
  }
}

export interface Cancellation {
  readonly cancelled: boolean;
  readonly reason: unknown;
  /** Registers a callback; returns a function that removes it. Fires at most once. */
  onCancel(fn: (reason: unknown) => void): () => void;
}

export class CancellationSource implements Cancellation {
  private listeners = new Set<(reason: unknown) => void>();
  cancelled = false;
  reason: unknown = undefined;

  cancel(reason: unknown): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.reason = reason;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const fn of listeners) fn(reason);
  }

  onCancel(fn: (reason: unknown) => void): () => void {
    if (this.cancelled) {
      fn(this.reason);
      return () => {};
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new Cancelled(this.reason);
  }
}
