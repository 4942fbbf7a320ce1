// /proc/sys: the sysctl tree (kernel/sysctl.c). Values a container can see; the runtime mounts
// the whole tree read-only, so writes end in EROFS unless the container is privileged.

import { CAP_LAST_CAP } from "../../kernel/capability.js";
import { Process, type Uts } from "../../kernel/process.js";
import type { Caller } from "../node.js";
import type { ProcContext, ProcEntry } from "./procfs.js";

interface Sysctl {
  get(ctx: ProcContext, caller: Caller): string;
  set?(ctx: ProcContext, value: string, caller: Uts | undefined): void;
}
type SysctlTree = { [name: string]: SysctlTree | Sysctl };

const value = (v: string | number): Sysctl => ({ get: () => String(v) });
/** The reader's UTS namespace (proc_do_uts_string: current->nsproxy->uts_ns). */
const utsOf = (ctx: ProcContext, caller: Caller): Uts | undefined => (caller instanceof Process ? caller.uts : ctx.pidns.peek(caller.pid)?.uts);

const TREE: SysctlTree = {
  fs: {
    "file-max": value("9223372036854775807"),
    protected_hardlinks: value(1),
    protected_symlinks: value(1),
  },
  kernel: {
    cap_last_cap: value(CAP_LAST_CAP),
    domainname: { get: (ctx, c) => utsOf(ctx, c)?.domainname ?? "(none)", set: (_ctx, v, uts) => { if (uts) uts.domainname = v; } },
    hostname: { get: (ctx, c) => utsOf(ctx, c)?.hostname ?? ctx.kernel.info.nodeName, set: (_ctx, v, uts) => { if (uts) uts.hostname = v; } },
    ngroups_max: value(65536),
    osrelease: { get: (ctx) => ctx.kernel.info.kernel.release },
    ostype: value("Linux"),
    pid_max: { get: (ctx) => String(ctx.kernel.info.pidMax) },
    shm_rmid_forced: value(0),
    threads_max: { get: (ctx) => String(Math.floor(ctx.kernel.info.memTotalKb / 128)) },
    version: { get: (ctx) => ctx.kernel.info.kernel.version },
  },
  net: {
    core: { somaxconn: value(4096) },
    ipv4: {
      ip_forward: value(1),
      ip_local_port_range: value("32768\t60999"),
      ip_unprivileged_port_start: value(1024),
      ping_group_range: value("1\t0"),
      tcp_syncookies: value(1),
    },
  },
  vm: {
    max_map_count: value(1048576),
    overcommit_memory: value(1),
    swappiness: value(60),
  },
};

const isLeaf = (node: SysctlTree | Sysctl): node is Sysctl => typeof (node as Sysctl).get === "function";

function entriesOf(tree: SysctlTree): ProcEntry[] {
  return Object.keys(tree).sort().map((name): ProcEntry => {
    const node = tree[name]!;
    if (!isLeaf(node)) return { name, kind: "dir", mode: 0o555, entries: () => entriesOf(node) };
    return {
      name, kind: "file", mode: node.set ? 0o644 : 0o444,
      generate: (ctx, caller) => `${node.get(ctx, caller)}\n`,
      ...(node.set ? { write: (ctx: ProcContext, data: string, proc) => node.set!(ctx, data.replace(/\n$/, ""), proc?.uts) } : {}),
    };
  });
}

export const sysctlEntries = (): ProcEntry[] => entriesOf(TREE);
