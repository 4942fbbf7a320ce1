// Credentials after execve(2): fs/exec.c bprm_fill_uid() and security/commoncap.c
// cap_bprm_creds_from_file(), with the transformation rules of capabilities(7):
//   P'(ambient)     = (file is privileged) ? 0 : P(ambient)
//   P'(permitted)   = (P(inheritable) & F(inheritable)) | (F(permitted) & P(bounding)) | P'(ambient)
//   P'(effective)   = F(effective) ? P'(permitted) : P'(ambient)
//   P'(inheritable) = P(inheritable);  P'(bounding) = P(bounding)
// For root (real or effective uid 0) the file sets are treated as all ones (handle_privileged_root).

import { type CapabilitySet, EMPTY_SET } from "./capability.js";
import { type Credentials, withCredentials } from "./credentials.js";
import { S_ISGID, S_ISUID, S_IXGRP } from "./permission.js";

/** File capabilities from the `security.capability` extended attribute. */
export interface FileCapabilities {
  readonly permitted: CapabilitySet;
  readonly inheritable: CapabilitySet;
  readonly effective: boolean;
}

/** What execve needs from the executable and its mount. */
export interface ExecFile {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly fileCaps?: FileCapabilities;
  /** MNT_NOSUID: setuid bits and file capabilities are ignored. */
  readonly nosuid?: boolean;
}

export function computeCredsForExec(old: Credentials, file: ExecFile): Credentials {
  // bprm_fill_uid(): set-user-ID and set-group-ID, unless nosuid or no_new_privs.
  let euid = old.euid;
  let egid = old.egid;
  const mayUseSetid = !file.nosuid && !old.noNewPrivs;
  if (mayUseSetid && (file.mode & S_ISUID)) euid = file.uid;
  if (mayUseSetid && (file.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) egid = file.gid;

  // get_file_caps(): ignored on nosuid mounts.
  const fcaps = file.nosuid ? undefined : file.fileCaps;
  const hasFcap = fcaps !== undefined;
  let fPermitted = fcaps?.permitted ?? EMPTY_SET;
  let fInheritable = fcaps?.inheritable ?? EMPTY_SET;
  let fEffective = fcaps?.effective ?? false;

  // handle_privileged_root(): a setuid-root file with file capabilities keeps its file caps.
  const setuidRootWithFcap = hasFcap && euid === 0 && old.ruid !== 0;
  if (!setuidRootWithFcap) {
    if (euid === 0 || old.ruid === 0) {
      fPermitted = ~0n;
      fInheritable = ~0n;
    }
    if (euid === 0) fEffective = true;
  }

  const isSetid = euid !== old.ruid || egid !== old.rgid;
  const ambient = hasFcap || isSetid ? EMPTY_SET : old.capAmbient;
  let permitted = (old.capInheritable & fInheritable) | (fPermitted & old.capBounding) | ambient;
  let effective = fEffective ? permitted : ambient;

  // cap_bprm_creds_from_file(): under no_new_privs, nothing may grow beyond what the caller had.
  const grew = (permitted & ~(old.capPermitted | old.capAmbient)) !== EMPTY_SET;
  if (old.noNewPrivs && (isSetid || grew)) {
    euid = old.ruid;
    egid = old.rgid;
    permitted &= old.capPermitted;
    effective &= permitted;
  }

  return withCredentials(old, {
    euid, suid: euid, fsuid: euid,
    egid, sgid: egid, fsgid: egid,
    capPermitted: permitted,
    capEffective: effective,
    capAmbient: ambient,
    keepCaps: false,
  });
}

/**
 * kernel/sys.c setuid() + security/commoncap.c cap_emulate_setxuid(): what a root process keeps
 * when it switches to another uid (su, runc's setupUser). With keepCaps the permitted set
 * survives; the effective set is always cleared when the effective uid leaves 0, and ambient is
 * cleared when all of real, effective and saved uids leave 0.
 */
export function setResUid(old: Credentials, uid: number): Credentials {
  const leftRoot = (old.ruid === 0 || old.euid === 0 || old.suid === 0) && uid !== 0;
  let { capPermitted, capEffective, capAmbient } = old;
  if (leftRoot) {
    if (!old.keepCaps) capPermitted = EMPTY_SET;
    capEffective = EMPTY_SET;
    capAmbient = EMPTY_SET;
  }
  if (old.euid !== 0 && uid === 0) capEffective = capPermitted;
  return withCredentials(old, { ruid: uid, euid: uid, suid: uid, fsuid: uid, capPermitted, capEffective, capAmbient });
}
