// Rate limits: new sessions per client address per hour (a sliding window), and token buckets
// for a socket's input.

const HOUR = 3600_000;

export class AddressWindow {
  private readonly starts = new Map<string, number[]>();

  constructor(
    /** Sessions per address per window; 0 = no limit. */
    readonly limit: number,
    readonly windowMs = HOUR,
  ) {}

  /** Records a new session for `address`, or returns the ms until one is allowed again. */
  take(address: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    if (this.limit === 0) return { ok: true };
    const recent = (this.starts.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.starts.set(address, recent);
      return { ok: false, retryAfterMs: recent[0]! + this.windowMs - now };
    }
    recent.push(now);
    this.starts.set(address, recent);
    return { ok: true };
  }

  /** Forgets addresses with nothing in the window. */
  prune(now: number): void {
    for (const [addr, times] of this.starts) if (times.every((t) => now - t >= this.windowMs)) this.starts.delete(addr);
  }
}

/** A token bucket: `capacity` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly capacity: number, readonly perSecond: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }

  take(cost: number, now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
