// sysctls (baseline) — policy/check_sysctls.go
//
// Sysctls can switch off security mechanisms or change every pod on the node; only the "safe"
// ones (namespaced per pod and isolated from other pods) are allowed.
//
// Restricted fields: spec.securityContext.sysctls[*].name
// Allowed values, by policy version:
//   1.0   kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
//         net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start
//   1.27  + net.ipv4.ip_local_reserved_ports
//   1.29  + net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl,
//           net.ipv4.tcp_keepalive_probes
//   1.32  + net.ipv4.tcp_rmem, net.ipv4.tcp_wmem
//   1.37  + net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat
//
// Detail: the forbidden names in spec order, repeats kept, joined by ", ".

import { ALLOWED, forbid, type Check, type CheckPodFn } from "./check.js";
import { majorMinor } from "./level-version.js";

const ALLOWED_1_0 = [
  "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
];
const ALLOWED_1_27 = [...ALLOWED_1_0, "net.ipv4.ip_local_reserved_ports"];
const ALLOWED_1_29 = [
  ...ALLOWED_1_27, "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
];
const ALLOWED_1_32 = [...ALLOWED_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];
const ALLOWED_1_37 = [...ALLOWED_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"];

/** The check for one allow-list. */
function sysctls(allowedNames: readonly string[]): CheckPodFn {
  const allowed: ReadonlySet<string> = new Set(allowedNames);
  return (_meta, podSpec) => {
    const names = (podSpec.securityContext?.sysctls ?? []).map((s) => s.name ?? "");
    const forbidden = names.filter((n) => !allowed.has(n));
    return forbidden.length === 0 ? ALLOWED : forbid("forbidden sysctls", forbidden.join(", "));
  };
}

export const sysctls_1_0 = sysctls(ALLOWED_1_0);
export const sysctls_1_27 = sysctls(ALLOWED_1_27);
export const sysctls_1_29 = sysctls(ALLOWED_1_29);
export const sysctls_1_32 = sysctls(ALLOWED_1_32);
export const sysctls_1_37 = sysctls(ALLOWED_1_37);

export const checkSysctls: Check = {
  id: "sysctls",
  level: "baseline",
  versions: [
    { minimumVersion: majorMinor(1, 0), checkPod: sysctls_1_0 },
    { minimumVersion: majorMinor(1, 27), checkPod: sysctls_1_27 },
    { minimumVersion: majorMinor(1, 29), checkPod: sysctls_1_29 },
    { minimumVersion: majorMinor(1, 32), checkPod: sysctls_1_32 },
    { minimumVersion: majorMinor(1, 37), checkPod: sysctls_1_37 },
  ],
};
