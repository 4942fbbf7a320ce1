// procfs: every file is generated when it is read, from the process table and the kernel
// (DESIGN.md principle 2; gVisor fsimpl/proc). A proc mount belongs to one pid namespace.

import type { Credentials } from "../../kernel/credentials.js";
import { Cap } from "../../kernel/capability.js";
import { capable } from "../../kernel/credentials.js";
import { EACCES, EINVAL, ENOENT, EPERM, SyscallError } from "../../kernel/errno.js";
import type { FileCapabilities } from "../../kernel/exec.js";
import type { Kernel } from "../../kernel/kernel.js";
import { S_IFDIR, S_IFLNK, S_IFREG } from "../../kernel/permission.js";
import { type PidNamespace, Process } from "../../kernel/process.js";
import type { Attrs, Caller, FileSystem, NewNode, SetAttrs, StatFs, VNode } from "../node.js";
import { pidEntries } from "./pid-entries.js";
import { rootEntries } from "./root-entries.js";

export interface ProcContext {
  readonly kernel: Kernel;
  readonly pidns: PidNamespace;
  /** When the proc mount was made: the times of its static entries. */
  readonly mountTime: number;
}

/** One entry in a procfs directory table. */
export type ProcEntry =
  | { name: string; kind: "file"; mode: number; generate: (ctx: ProcContext, caller: Caller, proc: Process | undefined) => string; ptrace?: boolean; write?: (ctx: ProcContext, data: string, proc: Process | undefined) => void }
  | { name: string; kind: "link"; target: (ctx: ProcContext, caller: Caller, proc: Process | undefined) => string; ptrace?: boolean; mode?: number; size?: number }
  | { name: string; kind: "dir"; mode: number; entries: (ctx: ProcContext, caller: Caller, proc: Process | undefined) => ProcEntry[]; ptrace?: boolean };

/**
 * kernel/ptrace.c __ptrace_may_access() in PTRACE_MODE_READ_FSCREDS: the reader's fsuid must
 * match the target's real, effective and saved uids (likewise gids), or CAP_SYS_PTRACE; then
 * security/commoncap.c cap_ptrace_access_check(): the target's permitted capabilities must be a
 * subset of the reader's effective ones, or CAP_SYS_PTRACE (so root in a container with the
 * default set cannot look into the node's systemd, which has them all).
 */
export function ptraceMayRead(reader: Credentials, target: Credentials): boolean {
  if (capable(reader, Cap.SYS_PTRACE)) return true;
  const uidOk = reader.fsuid === target.ruid && reader.fsuid === target.euid && reader.fsuid === target.suid;
  const gidOk = reader.fsgid === target.rgid && reader.fsgid === target.egid && reader.fsgid === target.sgid;
  return uidOk && gidOk && (target.capPermitted & ~reader.capEffective) === 0n;
}

/** ptrace_may_access() from a reader to a process: always for itself (same_thread_group). */
export function mayAccess(caller: Caller, proc: Process): boolean {
  return (caller as unknown) === proc || ptraceMayRead(caller.creds, proc.creds);
}

/** The reader's pid in the proc mount's namespace (task_tgid_nr_ns(current, ns)); 0: not there. */
export function callerPid(ctx: ProcContext, caller: Caller): number {
  return caller instanceof Process ? caller.pidIn(ctx.pidns) : caller.pid;
}

/** nr_processes(): every process of the machine, or the figure the kernel was given. */
export function machineTasks(ctx: ProcContext): number {
  return ctx.pidns.machineTasks ?? ctx.kernel.info.hostProcesses + ctx.pidns.size;
}

const denied = (syscall: string): never => {
  throw new SyscallError(EACCES, syscall);
};

export class ProcFs implements FileSystem {
  readonly type = "proc";
  readonly readOnly = false;

  constructor(
    readonly dev: number,
    readonly ctx: ProcContext,
  ) {}

  root(): VNode {
    return new ProcNode(this, { name: "", kind: "dir", mode: 0o555, entries: rootEntries }, undefined, 1, "/");
  }

  statfs(): StatFs {
    return { type: "proc", blockSize: 4096, blocks: 0, blocksFree: 0, files: 0, filesFree: 0 };
  }

  /**
   * The directory of one process, as /proc/<pid> with its pid in this mount's namespace.
   * fs/proc/base.c proc_pid_instantiate(): nlink is pid_entry_nlink(tgid_base_stuff), 2 plus its
   * 7 directories (task, fd, map_files, fdinfo, ns, net, attr), whichever of them podlab lists.
   */
  pidDir(proc: Process): ProcNode {
    const pid = proc.pidIn(this.ctx.pidns);
    return new ProcNode(this, { name: String(pid), kind: "dir", mode: 0o555, entries: pidEntries }, proc, TGID_BASE_DIRS, `/${pid}`);
  }
}

/** The directories among tgid_base_stuff[] (fs/proc/base.c), the same on 5.15 and 6.x. */
const TGID_BASE_DIRS = 7;

/** fs/proc/fd.c proc_fd_getattr() (Linux 6.2+): /proc/<pid>/fd reports its open fds as its size. */
function fdDirSize(ctx: ProcContext, proc: Process): number {
  const [major = 0, minor = 0] = ctx.kernel.info.kernel.release.split(/[.-]/).map(Number);
  return major > 6 || (major === 6 && minor >= 2) ? proc.fds.size : 0;
}

/** A stable inode number per (process, path): procfs numbers are arbitrary but must not change. */
function procIno(pid: number, path: string): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
  return 10000 + pid * 4096 + ((h >>> 0) % 4096);
}

export class ProcNode implements VNode {
  constructor(
    readonly fs: ProcFs,
    readonly entry: ProcEntry,
    readonly proc: Process | undefined,
    private readonly extraLinks: number,
    private readonly path: string,
  ) {}

  get identity(): object {
    return this;
  }

  private owner(): { uid: number; gid: number } {
    // fs/proc/base.c task_dump_owner(): a process's files belong to its effective ids.
    return this.proc === undefined ? { uid: 0, gid: 0 } : { uid: this.proc.creds.euid, gid: this.proc.creds.egid };
  }

  private children(caller: Caller): ProcEntry[] {
    if (this.entry.kind !== "dir") throw new SyscallError(EINVAL, "getdents");
    return this.entry.entries(this.fs.ctx, caller, this.proc);
  }

  attrs(): Attrs {
    const { uid, gid } = this.owner();
    const time = this.proc?.startTime ?? this.fs.ctx.mountTime;
    const base = { dev: this.fs.dev, ino: procIno(this.proc?.pidIn(this.fs.ctx.pidns) ?? 0, this.path), uid, gid, rdev: 0, size: 0, blocks: 0, blksize: 1024, atime: time, mtime: time, ctime: time };
    const e = this.entry;
    if (e.kind === "link") return { ...base, mode: S_IFLNK | (e.mode ?? 0o777), size: e.size ?? 0, nlink: 1 };
    if (e.kind === "file") return { ...base, mode: S_IFREG | e.mode, nlink: 1 };
    // proc_root_getattr(): the static entries' links plus nr_processes(), the whole machine's.
    const subdirs = this.path === "/" ? machineTasks(this.fs.ctx) : 0;
    const size = this.proc !== undefined && this.path.endsWith("/fd") && this.path.split("/").length === 3 ? fdDirSize(this.fs.ctx, this.proc) : 0;
    return { ...base, size, mode: S_IFDIR | e.mode, nlink: 2 + this.extraLinks + subdirs };
  }

  lookup(name: string, caller: Caller): VNode | undefined {
    if (this.entry.kind !== "dir") return undefined;
    if (this.path === "/" && /^[1-9]\d*$/.test(name)) {
      const proc = this.fs.ctx.pidns.get(Number(name));
      return proc === undefined ? undefined : this.fs.pidDir(proc);
    }
    const child = this.children(caller).find((c) => c.name === name);
    if (child === undefined) return undefined;
    return new ProcNode(this.fs, child, this.proc, 0, this.path === "/" ? `/${name}` : `${this.path}/${name}`);
  }

  readdir(caller: Caller): string[] {
    if (this.entry.ptrace && this.proc && !mayAccess(caller, this.proc)) denied("open");
    const names = this.children(caller).map((c) => c.name);
    const ns = this.fs.ctx.pidns;
    if (this.path === "/") return [...names, ...ns.list().map((p) => String(p.pidIn(ns)))];
    return names;
  }

  /** proc_mem_open() and friends: a ptrace-guarded file refuses the open itself (EACCES). */
  open(caller: Caller): void {
    if (this.entry.kind === "file" && this.entry.ptrace && this.proc && !mayAccess(caller, this.proc)) denied("open");
  }

  read(caller: Caller): string {
    const e = this.entry;
    if (e.kind !== "file") throw new SyscallError(EINVAL, "read");
    if (e.ptrace && this.proc && !mayAccess(caller, this.proc)) denied("open");
    if (this.proc !== undefined && !this.proc.alive) throw new SyscallError(ENOENT, "read");
    return e.generate(this.fs.ctx, caller, this.proc);
  }

  readlink(caller: Caller): string {
    const e = this.entry;
    if (e.kind !== "link") throw new SyscallError(EINVAL, "readlink");
    if (e.ptrace && this.proc && !mayAccess(caller, this.proc)) denied("readlink");
    return e.target(this.fs.ctx, caller, this.proc);
  }

  fileCaps(): FileCapabilities | undefined {
    return undefined;
  }

  write(data: string, _offset: number | "append"): void {
    const e = this.entry;
    if (e.kind !== "file" || e.write === undefined) throw new SyscallError(EINVAL, "write");
    e.write(this.fs.ctx, data, this.proc);
  }

  truncate(_size: number): void {
    // Opening a proc file with O_TRUNC is accepted and does nothing.
  }

  setattr(_change: SetAttrs): void {
    throw new SyscallError(EPERM, "setattr");
  }

  create(_name: string, _init: NewNode): VNode {
    throw new SyscallError(EACCES, "open"); // proc directories have no ->create
  }

  link(): void {
    throw new SyscallError(EPERM, "link");
  }

  remove(): void {
    throw new SyscallError(EACCES, "unlink");
  }

  rename(): void {
    throw new SyscallError(EACCES, "rename");
  }
}
