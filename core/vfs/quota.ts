// Per-sandbox storage budget (DESIGN.md §3): bytes and inodes across every writable layer and
// volume of one learner. Past it, writes fail with ENOSPC, never with a crash.

import { ENOSPC, SyscallError } from "../kernel/errno.js";

export const DEFAULT_QUOTA_BYTES = 64 * 1024 * 1024;
export const DEFAULT_QUOTA_INODES = 16384;

export class Quota {
  bytesUsed = 0;
  inodesUsed = 0;

  constructor(
    readonly bytesLimit = DEFAULT_QUOTA_BYTES,
    readonly inodesLimit = DEFAULT_QUOTA_INODES,
  ) {}

  /** Accounts a change in stored bytes; growth past the limit throws ENOSPC and changes nothing. */
  chargeBytes(delta: number, syscall = "write"): void {
    if (delta > 0 && this.bytesUsed + delta > this.bytesLimit) throw new SyscallError(ENOSPC, syscall);
    this.bytesUsed = Math.max(0, this.bytesUsed + delta);
  }

  chargeInode(syscall = "open"): void {
    if (this.inodesUsed + 1 > this.inodesLimit) throw new SyscallError(ENOSPC, syscall);
    this.inodesUsed++;
  }

  releaseInode(bytes: number): void {
    this.inodesUsed = Math.max(0, this.inodesUsed - 1);
    this.bytesUsed = Math.max(0, this.bytesUsed - bytes);
  }

  /** Bytes still free, for df. */
  get bytesFree(): number {
    return Math.max(0, this.bytesLimit - this.bytesUsed);
  }
}
