// An emulated container image: its config (user, env, workdir, entrypoint/cmd), its rootfs as a
// frozen inode tree built on first use, and facts the registry and kubelet report.

import type { MemoryProfile } from "../kernel/process.js";
import type { Inode } from "../vfs/inode.js";

export interface ImageConfig {
  /** The Dockerfile USER ("" = root). */
  readonly user: string;
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

export interface Image {
  /** Fully qualified reference, e.g. "docker.io/library/busybox:1.28". */
  readonly ref: string;
  /** What `kubectl describe` shows in "Image ID": the repo digest. */
  readonly digest: string;
  readonly config: ImageConfig;
  /** Compressed size in bytes, as the kubelet's "Successfully pulled image" event reports it. */
  readonly size: number;
  /**
   * Docker image manifest v2 schema 1: containerd 2.x refuses to pull it
   * (kubernetes/website#45961), Docker 20.10 still does.
   */
  readonly schema1?: boolean;
  /** Memory figures per program, for /proc/<pid>/status and ps. */
  readonly memory: Readonly<Record<string, MemoryProfile>>;
  rootfs(): Inode;
}

/** Builds a rootfs once, on first use. */
export function lazyRootfs(build: () => Inode): () => Inode {
  let root: Inode | undefined;
  return () => (root ??= build());
}

/** A memory profile from the figures /proc/<pid>/status reports, in kB. */
export const memory = (vmSize: number, vmRSS: number, vmExe: number, extra: Partial<MemoryProfile> = {}): MemoryProfile => ({
  vmPeak: vmSize, vmSize, vmHWM: vmRSS, vmRSS, rssAnon: Math.max(4, Math.floor(vmRSS / 13)), rssFile: vmRSS - Math.max(4, Math.floor(vmRSS / 13)),
  vmData: 48, vmStk: 132, vmExe, vmLib: 8, vmPTE: 40, ...extra,
});

export const utc = (iso: string) => Date.parse(iso);
