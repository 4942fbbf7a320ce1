// The effective security context of a container: pod-level settings with the container's own
// overriding them (pkg/securitycontext/util.go DetermineEffectiveSecurityContext), and the kubelet
// helpers derived from it.

import type { Container, Pod, SecurityContext } from "../api/types.js";

export function effectiveSecurityContext(pod: Pod, container: Container): SecurityContext {
  const psc = pod.spec.securityContext ?? {};
  const csc = container.securityContext ?? {};
  const sc: SecurityContext = {};
  // Pod-level fields that containers inherit.
  if (psc.seLinuxOptions !== undefined) sc.seLinuxOptions = { ...psc.seLinuxOptions };
  if (psc.windowsOptions !== undefined) sc.windowsOptions = { ...psc.windowsOptions };
  if (psc.runAsUser !== undefined) sc.runAsUser = psc.runAsUser;
  if (psc.runAsGroup !== undefined) sc.runAsGroup = psc.runAsGroup;
  if (psc.runAsNonRoot !== undefined) sc.runAsNonRoot = psc.runAsNonRoot;
  // Container-level fields win.
  if (csc.seLinuxOptions !== undefined) sc.seLinuxOptions = { ...(sc.seLinuxOptions ?? {}), ...csc.seLinuxOptions };
  if (csc.windowsOptions !== undefined) sc.windowsOptions = { ...(sc.windowsOptions ?? {}), ...csc.windowsOptions };
  for (const k of ["capabilities", "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount"] as const) {
    if (csc[k] !== undefined) (sc as Record<string, unknown>)[k] = csc[k];
  }
  return sc;
}

/** AddNoNewPrivileges(): no_new_privs only when allowPrivilegeEscalation is explicitly false. */
export const addNoNewPrivileges = (sc: SecurityContext): boolean => sc.allowPrivilegeEscalation === false;

/**
 * kubelet fieldSeccompProfile(): container field, then pod field; unset is Unconfined (the kubelet's
 * seccompDefault is off).
 */
export function effectiveSeccomp(pod: Pod, container: Container): { type: string; localhostProfile?: string } {
  const p = container.securityContext?.seccompProfile ?? pod.spec.securityContext?.seccompProfile;
  if (p?.type === undefined) return { type: "Unconfined" };
  return p.localhostProfile === undefined ? { type: p.type } : { type: p.type, localhostProfile: p.localhostProfile };
}

export function effectiveAppArmor(pod: Pod, container: Container): { type: string; localhostProfile?: string } | undefined {
  const p = container.securityContext?.appArmorProfile ?? pod.spec.securityContext?.appArmorProfile;
  if (p?.type === undefined) return undefined;
  return p.localhostProfile === undefined ? { type: p.type } : { type: p.type, localhostProfile: p.localhostProfile };
}
