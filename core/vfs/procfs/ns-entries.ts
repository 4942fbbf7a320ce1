// /proc/<pid>/ns: one link per namespace type, "type:[inode]" (fs/proc/namespaces.c, in the
// order of ns_entries[]). Two processes share a namespace exactly when their links read alike:
// a hostPID container's pid link is the node's, a pod's containers share net, ipc and uts.
// Reading a link needs ptrace read access (proc_ns_get_link: PTRACE_MODE_READ_FSCREDS).

import { atLeast } from "../../kernel/kernel.js";
import { PROC_CGROUP_INIT_INO, PROC_IPC_INIT_INO, PROC_TIME_INIT_INO, PROC_USER_INIT_INO, PROC_UTS_INIT_INO } from "../../kernel/namespaces.js";
import type { Process } from "../../kernel/process.js";
import type { ProcContext, ProcEntry } from "./procfs.js";

interface NsType {
  readonly name: string;
  readonly type: string;
  /** First kernel with the entry. */
  readonly since: [number, number];
  readonly inum: (ctx: ProcContext, p: Process) => number;
}

const NS_TYPES: readonly NsType[] = [
  { name: "net", type: "net", since: [3, 0], inum: (ctx, p) => (p.net ?? ctx.kernel.initNet).inum },
  { name: "uts", type: "uts", since: [3, 0], inum: (_ctx, p) => p.uts.inum ?? PROC_UTS_INIT_INO },
  { name: "ipc", type: "ipc", since: [3, 0], inum: (_ctx, p) => p.ipc?.inum ?? PROC_IPC_INIT_INO },
  { name: "pid", type: "pid", since: [3, 8], inum: (_ctx, p) => p.ns.inum },
  // The namespace the process's children will be born in: its own, as none of these unshare.
  { name: "pid_for_children", type: "pid", since: [4, 12], inum: (_ctx, p) => p.ns.inum },
  { name: "user", type: "user", since: [3, 8], inum: () => PROC_USER_INIT_INO },
  { name: "mnt", type: "mnt", since: [3, 8], inum: (_ctx, p) => p.mnt.inum },
  { name: "cgroup", type: "cgroup", since: [4, 6], inum: (_ctx, p) => p.cgroupNs?.inum ?? PROC_CGROUP_INIT_INO },
  { name: "time", type: "time", since: [5, 6], inum: () => PROC_TIME_INIT_INO },
  { name: "time_for_children", type: "time", since: [5, 6], inum: () => PROC_TIME_INIT_INO },
];

const ENTRIES: readonly (ProcEntry & { since: [number, number] })[] = NS_TYPES.map((t) => ({
  name: t.name, kind: "link" as const, ptrace: true, since: t.since,
  target: (ctx: ProcContext, _caller: unknown, proc: Process | undefined) => `${t.type}:[${t.inum(ctx, proc!)}]`,
}));

export function nsEntries(ctx: ProcContext): ProcEntry[] {
  const release = ctx.kernel.info.kernel.release;
  return ENTRIES.filter((e) => atLeast(release, e.since[0], e.since[1]));
}
