// The table of /proc/<pid> entries (gVisor fsimpl/proc/task.go): one line per file.

import { EINVAL, ENOENT, SyscallError } from "../../kernel/errno.js";
import type { Process } from "../../kernel/process.js";
import type { OpenDescription } from "../../kernel/program.js";
import { pathFromRoot } from "../path.js";
import { generateMountinfo, generateMounts } from "./mounts.js";
import { nsEntries } from "./ns-entries.js";
import type { ProcEntry } from "./procfs.js";
import { generateStat, generateStatm } from "./stat.js";
import { generateStatus } from "./status.js";

const noEntry = (): never => {
  throw new SyscallError(ENOENT, "readlink");
};

const nulJoin = (items: readonly string[]) => (items.length === 0 ? "" : `${items.join("\0")}\0`);

/** /proc/<pid>/attr/current: the LSM label; EINVAL when the node runs no LSM that labels tasks. */
function securityLabel(proc: Process): string {
  const label = proc.creds.securityLabel;
  if (label === undefined) throw new SyscallError(EINVAL, "read");
  return label;
}

/**
 * fs/proc/fd.c proc_fd_instantiate(): each fd is a symlink of size 64 whose mode follows how the
 * file is open (tid_fd_update_inode(): r-x for reading, -wx for writing, rwx for both).
 */
const fdEntries = (proc: Process): ProcEntry[] =>
  [...proc.fds.entries()].sort(([a], [b]) => a - b).map(([fd, file]) => {
    const open = file as OpenDescription;
    const mode = (open.read !== undefined ? 0o500 : 0) | (open.write !== undefined ? 0o300 : 0);
    return { name: String(fd), kind: "link" as const, ptrace: true, mode, size: 64, target: () => file.description };
  });

export function pidEntries(_ctx: unknown, _caller: unknown, proc: Process | undefined): ProcEntry[] {
  const p = proc!;
  return [
    { name: "attr", kind: "dir", mode: 0o555, entries: () => [
      { name: "current", kind: "file", mode: 0o666, generate: () => securityLabel(p) },
    ] },
    { name: "cgroup", kind: "file", mode: 0o444, generate: () => "0::/\n" },
    { name: "cmdline", kind: "file", mode: 0o444, generate: () => nulJoin(p.argv) },
    { name: "comm", kind: "file", mode: 0o644, generate: () => `${p.comm}\n` },
    { name: "cwd", kind: "link", ptrace: true, target: () => pathFromRoot(p, p.cwd) },
    // environ_open() -> mm_access(): a kernel thread has no mm, so nothing to check and nothing to read.
    { name: "environ", kind: "file", mode: 0o400, ptrace: !p.kthread, generate: () => nulJoin(p.environ) },
    // proc_exe_link(): a kernel thread has no mm, so no executable.
    { name: "exe", kind: "link", ptrace: true, target: () => (p.kthread ? noEntry() : p.exe) },
    { name: "fd", kind: "dir", mode: 0o500, ptrace: true, entries: () => fdEntries(p) },
    { name: "mountinfo", kind: "file", mode: 0o444, generate: () => generateMountinfo(p) },
    { name: "mounts", kind: "file", mode: 0o444, generate: () => generateMounts(p) },
    { name: "ns", kind: "dir", mode: 0o511, entries: nsEntries },
    { name: "root", kind: "link", ptrace: true, target: () => "/" },
    { name: "stat", kind: "file", mode: 0o444, generate: (ctx, caller) => generateStat(ctx, caller, p) },
    { name: "statm", kind: "file", mode: 0o444, generate: (ctx, caller) => generateStatm(ctx, caller, p) },
    { name: "status", kind: "file", mode: 0o444, generate: (ctx, caller) => generateStatus(ctx, caller, p) },
  ];
}
