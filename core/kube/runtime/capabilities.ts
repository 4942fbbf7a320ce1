// The capability sets a container starts with: the runtime's 14 defaults, then the security
// context's add/drop ("ALL" first, then single names), or every capability when privileged
// (containerd internal/cri/opts WithCapabilities; moby oci/caps TweakCapabilities).

import { CAPABILITY_NAMES, type CapabilitySet, FULL_SET, capabilitySetOf, parseCapability } from "../../kernel/capability.js";
import type { SecurityContext } from "../api/types.js";

/** containerd pkg/oci/spec.go defaultUnixCaps(), the same list as Docker's: 0xa80425fb. */
export const DEFAULT_CAPABILITIES = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"];

export const DEFAULT_SET: CapabilitySet = capabilitySetOf(...DEFAULT_CAPABILITIES.map((c) => parseCapability(c)!));

export interface CapabilityResult {
  set: CapabilitySet;
  /** Names the runtime does not know: runc ignores them with a warning; Docker refuses them. */
  unknown: string[];
}

export function containerCapabilities(sc: SecurityContext, runtime: "containerd" | "docker"): CapabilityResult {
  if (sc.privileged) return { set: FULL_SET, unknown: [] };
  const add = sc.capabilities?.add ?? [];
  const drop = sc.capabilities?.drop ?? [];
  const unknown: string[] = [];
  // containerd prefixes "CAP_" unconditionally; Docker accepts names with or without it.
  const bit = (name: string) => {
    const full = runtime === "docker" && name.toUpperCase().startsWith("CAP_") ? name.toUpperCase() : `CAP_${name.toUpperCase()}`;
    const n = (CAPABILITY_NAMES as readonly string[]).indexOf(full);
    if (n < 0) unknown.push(full);
    return n;
  };
  let set = DEFAULT_SET;
  if (add.some((c) => c.toUpperCase() === "ALL")) set = FULL_SET;
  if (drop.some((c) => c.toUpperCase() === "ALL")) set = 0n;
  for (const c of add) if (c.toUpperCase() !== "ALL") { const b = bit(c); if (b >= 0) set |= 1n << BigInt(b); }
  for (const c of drop) if (c.toUpperCase() !== "ALL") { const b = bit(c); if (b >= 0) set &= ~(1n << BigInt(b)); }
  return { set, unknown };
}
