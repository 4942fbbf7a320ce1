// Immutable task credentials (include/linux/cred.h, gVisor kernel/auth/credentials.go). To change
// identity, build a new value: every function here returns a fresh frozen object.

import { type CapabilitySet, EMPTY_SET, hasCap } from "./capability.js";

export type SeccompMode = 0 | 1 | 2; // SECCOMP_MODE_DISABLED, _STRICT, _FILTER

export interface Credentials {
  readonly ruid: number;
  readonly euid: number;
  readonly suid: number;
  readonly fsuid: number;
  readonly rgid: number;
  readonly egid: number;
  readonly sgid: number;
  readonly fsgid: number;
  /** Supplementary groups, sorted ascending as setgroups(2) leaves them (kernel/groups.c groups_sort). */
  readonly groups: readonly number[];
  readonly capInheritable: CapabilitySet;
  readonly capPermitted: CapabilitySet;
  readonly capEffective: CapabilitySet;
  readonly capBounding: CapabilitySet;
  readonly capAmbient: CapabilitySet;
  /** prctl(PR_SET_KEEPCAPS): keep permitted capabilities across a setuid away from 0. */
  readonly keepCaps: boolean;
  /** prctl(PR_SET_NO_NEW_PRIVS); inherited across fork and execve, never cleared. */
  readonly noNewPrivs: boolean;
  readonly seccomp: SeccompMode;
  readonly seccompFilters: number;
  /** The LSM label shown in /proc/<pid>/attr/current, e.g. an SELinux context or AppArmor profile. */
  readonly securityLabel: string | undefined;
}

export interface CredentialsInit {
  uid: number;
  gid: number;
  groups?: readonly number[];
  capInheritable?: CapabilitySet;
  capPermitted?: CapabilitySet;
  capEffective?: CapabilitySet;
  capBounding?: CapabilitySet;
  capAmbient?: CapabilitySet;
  noNewPrivs?: boolean;
  seccomp?: SeccompMode;
  seccompFilters?: number;
  securityLabel?: string;
}

/** Sorted copy, as setgroups(2) stores the list. The kernel does not remove duplicates. */
export const sortGroups = (groups: readonly number[]): readonly number[] =>
  Object.freeze([...groups].sort((a, b) => a - b));

export function makeCredentials(init: CredentialsInit): Credentials {
  return Object.freeze({
    ruid: init.uid, euid: init.uid, suid: init.uid, fsuid: init.uid,
    rgid: init.gid, egid: init.gid, sgid: init.gid, fsgid: init.gid,
    groups: sortGroups(init.groups ?? []),
    capInheritable: init.capInheritable ?? EMPTY_SET,
    capPermitted: init.capPermitted ?? EMPTY_SET,
    capEffective: init.capEffective ?? EMPTY_SET,
    capBounding: init.capBounding ?? EMPTY_SET,
    capAmbient: init.capAmbient ?? EMPTY_SET,
    keepCaps: false,
    noNewPrivs: init.noNewPrivs ?? false,
    seccomp: init.seccomp ?? 0,
    seccompFilters: init.seccompFilters ?? 0,
    securityLabel: init.securityLabel,
  });
}

export function withCredentials(creds: Credentials, change: Partial<Credentials>): Credentials {
  const next = { ...creds, ...change };
  if (change.groups !== undefined) next.groups = sortGroups(change.groups);
  return Object.freeze(next);
}

/** kernel/groups.c in_group_p(): the fs gid or a supplementary group. */
export function inGroup(creds: Credentials, gid: number): boolean {
  return creds.fsgid === gid || creds.groups.includes(gid);
}

/** kernel/capability.c capable()/ns_capable(): is the capability in the effective set? */
export function capable(creds: Credentials, cap: number): boolean {
  return hasCap(creds.capEffective, cap);
}
