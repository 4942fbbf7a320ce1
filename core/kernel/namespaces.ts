// Namespace identities: what /proc/<pid>/ns/<type> links name. Every namespace has an inode
// number in the nsfs; two processes share a namespace exactly when their links read the same
// (fs/proc/namespaces.c proc_ns_readlink: "<type>:[<inum>]").

/**
 * The inode numbers of the initial namespaces, fixed at compile time (include/linux/proc_ns.h).
 * init_net and the initial mount namespace have none reserved: they take the first two numbers
 * of the dynamic range at boot (fs/proc/generic.c proc_alloc_inum from PROC_DYNAMIC_FIRST).
 */
export const PROC_IPC_INIT_INO = 0xefffffff;
export const PROC_UTS_INIT_INO = 0xeffffffe;
export const PROC_USER_INIT_INO = 0xeffffffd;
export const PROC_PID_INIT_INO = 0xeffffffc;
export const PROC_CGROUP_INIT_INO = 0xeffffffb;
export const PROC_TIME_INIT_INO = 0xeffffffa;
export const PROC_DYNAMIC_FIRST = 0xf0000000;
export const INIT_NET_INO = PROC_DYNAMIC_FIRST;
export const INIT_MNT_INO = PROC_DYNAMIC_FIRST + 1;

/** A namespace as nsfs knows it: its inode number. */
export interface NsCommon {
  readonly inum: number;
}

/** An IPC namespace (ipc/namespace.c): System V IPC and POSIX message queues; here its identity. */
export type IpcNamespace = NsCommon;

/** A cgroup namespace (kernel/cgroup/namespace.c): here its identity. */
export type CgroupNamespace = NsCommon;

export const INIT_IPC_NS: IpcNamespace = Object.freeze({ inum: PROC_IPC_INIT_INO });
export const INIT_CGROUP_NS: CgroupNamespace = Object.freeze({ inum: PROC_CGROUP_INIT_INO });
