// Linux capabilities as bigint sets: 41 bits (0..40) do not fit JavaScript's 32-bit bitwise
// operators. Numbers and names from include/uapi/linux/capability.h.

export type CapabilitySet = bigint;

export const CAPABILITY_NAMES = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
  "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
  "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
  "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
  "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
] as const;

export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/** CAP_LAST_CAP of the emulated kernel (CAP_CHECKPOINT_RESTORE, Linux 5.9+). */
export const CAP_LAST_CAP = CAPABILITY_NAMES.length - 1;

export const Cap = Object.freeze(
  Object.fromEntries(CAPABILITY_NAMES.map((name, bit) => [name.slice(4), bit])) as Record<
    CapabilityName extends `CAP_${infer N}` ? N : never,
    number
  >,
);

export const EMPTY_SET: CapabilitySet = 0n;
/** Every capability the kernel knows: 000001ffffffffff. */
export const FULL_SET: CapabilitySet = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;

export const capBit = (cap: number): CapabilitySet => 1n << BigInt(cap);
export const hasCap = (set: CapabilitySet, cap: number): boolean => (set & capBit(cap)) !== 0n;

export function capabilitySetOf(...caps: number[]): CapabilitySet {
  return caps.reduce((set, cap) => set | capBit(cap), EMPTY_SET);
}

/** `%016x`, as /proc/<pid>/status prints CapInh..CapAmb (fs/proc/array.c render_cap_t). */
export function formatCapabilitySet(set: CapabilitySet): string {
  return set.toString(16).padStart(16, "0");
}

/**
 * A capability number from a name as users write it: `NET_ADMIN`, `CAP_NET_ADMIN`, `cap_net_admin`.
 * Undefined for names the kernel does not know.
 */
export function parseCapability(name: string): number | undefined {
  const upper = name.toUpperCase();
  const full = upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
  const bit = (CAPABILITY_NAMES as readonly string[]).indexOf(full);
  return bit < 0 ? undefined : bit;
}

/** The capabilities in a set, lowest bit first. */
export function capabilitiesIn(set: CapabilitySet): number[] {
  const out: number[] = [];
  for (let bit = 0; bit <= CAP_LAST_CAP; bit++) if (hasCap(set, bit)) out.push(bit);
  return out;
}

/** libcap's `capsh --decode=HEX` line: `0x%016llx=` and the lower-case names, comma-separated. */
export function decodeCapabilitySet(set: CapabilitySet): string {
  const names = capabilitiesIn(set).map((bit) => CAPABILITY_NAMES[bit]!.toLowerCase());
  let unknown = set >> BigInt(CAP_LAST_CAP + 1);
  for (let bit = CAP_LAST_CAP + 1; unknown !== 0n; bit++, unknown >>= 1n) {
    if (unknown & 1n) names.push(String(bit));
  }
  return `0x${formatCapabilitySet(set)}=${names.join(",")}`;
}
