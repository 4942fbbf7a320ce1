// The process spec of a container (what containerd/cri-dockerd hand to runc): user, capability
// sets, no_new_privs, seccomp, LSM label, read-only rootfs, masked paths, argv, env, cwd.
// Failures carry the kubelet's waiting reason and the message it records.

import { type CapabilitySet, EMPTY_SET } from "../../kernel/capability.js";
import type { SeccompMode } from "../../kernel/credentials.js";
import type { Image } from "../../images/image.js";
import { isWhiteout, type Inode } from "../../vfs/inode.js";
import type { Container, Pod } from "../api/types.js";
import type { ClusterProfile } from "../profiles.js";
import { containerCapabilities } from "./capabilities.js";
import { addNoNewPrivileges, effectiveAppArmor, effectiveSecurityContext, effectiveSeccomp } from "./effective.js";
import { type ResolvedUser, UserError, resolveUser } from "./user.js";

export interface ProcessSpec {
  readonly user: ResolvedUser;
  readonly bounding: CapabilitySet;
  readonly permitted: CapabilitySet;
  readonly effective: CapabilitySet;
  readonly inheritable: CapabilitySet;
  readonly noNewPrivileges: boolean;
  readonly seccomp: SeccompMode;
  readonly seccompFilters: number;
  readonly label: string | undefined;
  readonly readonlyRootfs: boolean;
  readonly privileged: boolean;
  readonly unmaskedProc: boolean;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  /** Capability names runc will ignore (a warning in its log). */
  readonly ignoredCapabilities: readonly string[];
}

export type SpecResult =
  | { ok: true; spec: ProcessSpec }
  | { ok: false; reason: "CreateContainerConfigError" | "CreateContainerError"; message: string };

/** Reads a file of an image's frozen rootfs ("" when missing). */
export function imageFile(image: Image, path: string): string {
  let node: Inode | undefined = image.rootfs();
  for (const part of path.split("/").filter(Boolean)) {
    const next: Inode | { whiteout: true } | undefined = node?.entries?.get(part);
    node = next === undefined || isWhiteout(next) ? undefined : next;
  }
  return node?.data ?? "";
}

/** The kubelet's format.Pod(): name_namespace(uid). */
export const formatPod = (pod: Pod) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;

/** The uid the image will run as, as the kubelet sees it (image USER, numeric or a name). */
function imageUid(image: Image): { uid?: number; name?: string } {
  const user = image.config.user.split(":")[0] ?? "";
  if (user === "") return { uid: 0 };
  return /^\d+$/.test(user) ? { uid: Number(user) } : { name: user };
}

export interface SpecInput {
  pod: Pod;
  container: Container;
  image: Image;
  profile: ClusterProfile;
  /** Files in the kubelet's seccomp profile root, relative paths. */
  seccompProfiles: ReadonlySet<string>;
  /** AppArmor profiles loaded on the node. */
  appArmorProfiles: ReadonlySet<string>;
  /** Environment the kubelet adds (HOSTNAME, service links, container env). */
  env: readonly string[];
  tty: boolean;
}

export function buildSpec(input: SpecInput): SpecResult {
  const { pod, container, image, profile } = input;
  const sc = effectiveSecurityContext(pod, container);
  const psc = pod.spec.securityContext ?? {};
  const name = container.name ?? "";

  // kubelet verifyRunAsNonRoot() (security_context_others.go).
  if (sc.runAsNonRoot === true) {
    if (sc.runAsUser !== undefined) {
      if (sc.runAsUser === 0) return { ok: false, reason: "CreateContainerConfigError", message: `container's runAsUser breaks non-root policy (pod: "${formatPod(pod)}", container: ${name})` };
    } else {
      const iu = imageUid(image);
      if (iu.uid === undefined) return { ok: false, reason: "CreateContainerConfigError", message: `container has runAsNonRoot and image has non-numeric user (${iu.name}), cannot verify user is non-root (pod: "${formatPod(pod)}", container: ${name})` };
      if (iu.uid === 0) return { ok: false, reason: "CreateContainerConfigError", message: `container has runAsNonRoot and image will run as root (pod: "${formatPod(pod)}", container: ${name})` };
    }
  }

  let user: ResolvedUser;
  try {
    user = resolveUser({
      runAsUser: sc.runAsUser, runAsGroup: sc.runAsGroup,
      supplementalGroups: [...(psc.fsGroup === undefined ? [] : [psc.fsGroup]), ...(psc.supplementalGroups ?? [])],
      policy: psc.supplementalGroupsPolicy === "Strict" ? "Strict" : "Merge",
      imageUser: image.config.user,
    }, imageFile(image, "/etc/passwd"), imageFile(image, "/etc/group"), profile);
  } catch (err) {
    if (err instanceof UserError) return { ok: false, reason: "CreateContainerError", message: runtimeError(profile, err.message) };
    throw err;
  }

  const privileged = sc.privileged === true;
  const caps = containerCapabilities(sc, profile.runtime);
  if (profile.runtime === "docker" && caps.unknown.length > 0) {
    return { ok: false, reason: "CreateContainerError", message: `Error response from daemon: invalid CapAdd: unknown capability: "${caps.unknown[0]}"` };
  }

  // Seccomp: privileged containers never get a filter (GenerateSeccompSpecOpts).
  const seccomp = effectiveSeccomp(pod, container);
  let mode: SeccompMode = 0;
  if (!privileged && seccomp.type === "RuntimeDefault") mode = 2;
  if (!privileged && seccomp.type === "Localhost") {
    const file = `/var/lib/kubelet/seccomp/${seccomp.localhostProfile ?? ""}`;
    if (!input.seccompProfiles.has(seccomp.localhostProfile ?? "")) {
      const detail = `cannot load seccomp profile "${file}": open ${file}: no such file or directory`;
      return {
        ok: false, reason: "CreateContainerError",
        message: profile.runtime === "docker"
          ? `failed to generate security options for container "${name}": failed to generate seccomp security options for container: ${detail}`
          : `failed to create containerd container: ${detail}`,
      };
    }
    mode = 2;
  }

  // AppArmor on an Ubuntu node: the runtime's default profile unless privileged or Unconfined.
  const aa = effectiveAppArmor(pod, container);
  let label: string | undefined = privileged ? "unconfined" : profile.appArmorDefault;
  if (aa?.type === "Unconfined") label = "unconfined";
  if (aa?.type === "Localhost") {
    const p = aa.localhostProfile ?? "";
    if (!input.appArmorProfiles.has(p)) return { ok: false, reason: "CreateContainerError", message: runtimeError(profile, `apparmor profile not found ${p}`) };
    label = `${p} (enforce)`;
  }

  const entrypoint = container.command ?? (container.args !== undefined ? [...image.config.entrypoint] : [...image.config.entrypoint, ...image.config.cmd]);
  const args = container.command !== undefined ? [...container.command, ...(container.args ?? [])] : [...entrypoint, ...(container.args ?? [])];
  const env = [...input.env];
  if (input.tty) env.push("TERM=xterm");
  if (!env.some((e) => e.startsWith("HOME="))) env.push(`HOME=${user.home}`);

  const set = caps.set;
  return {
    ok: true,
    spec: {
      user, bounding: set,
      // Docker clears the permitted and effective sets of non-root users up front; containerd
      // leaves them to the uid switch and execve, with the same result.
      permitted: profile.runtime === "docker" && user.uid !== 0 ? EMPTY_SET : set,
      effective: profile.runtime === "docker" && user.uid !== 0 ? EMPTY_SET : set,
      inheritable: profile.inheritableDefaultCaps ? set : EMPTY_SET,
      noNewPrivileges: addNoNewPrivileges(sc) && !privileged,
      seccomp: mode, seccompFilters: mode === 2 ? 1 : 0, label,
      readonlyRootfs: sc.readOnlyRootFilesystem === true, privileged, unmaskedProc: sc.procMount === "Unmasked",
      args, env, cwd: container.workingDir ?? (image.config.workingDir || "/"), ignoredCapabilities: caps.unknown,
    },
  };
}

function runtimeError(profile: ClusterProfile, detail: string): string {
  return profile.runtime === "docker" ? `Error response from daemon: ${detail}` : `failed to create containerd container: ${detail}`;
}
