// The process spec for a container: capabilities, no_new_privs, seccomp, runAsNonRoot refusals.

import { describe, expect, it } from "vitest";
import { formatCapabilitySet } from "../../kernel/capability.js";
import { busybox128 } from "../../images/busybox.js";
import type { Container, Pod } from "../api/types.js";
import { PROFILES } from "../profiles.js";
import { buildSpec } from "./spec.js";

function pod(container: Partial<Container>, podSc: Pod["spec"]["securityContext"] = {}): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", uid: "u-1" }, spec: { securityContext: podSc, containers: [{ name: "c", image: "busybox:1.28", ...container }] } };
}

const spec = (p: Pod, profile: keyof typeof PROFILES = "1.34-containerd", seccomp: string[] = []) =>
  buildSpec({ pod: p, container: p.spec.containers![0]!, image: busybox128, profile: PROFILES[profile], seccompProfiles: new Set(seccomp), appArmorProfiles: new Set(), env: ["PATH=/bin"], tty: false });

const ok = (r: ReturnType<typeof spec>) => {
  if (!r.ok) throw new Error(r.message);
  return r.spec;
};

describe("buildSpec", () => {
  it.each([
    ["no capabilities field: the 14 defaults", {}, "00000000a80425fb"],
    ["add NET_ADMIN and SYS_TIME", { capabilities: { add: ["NET_ADMIN", "SYS_TIME"] } }, "00000000aa0435fb"],
    ["drop ALL", { capabilities: { drop: ["ALL"] } }, "0000000000000000"],
    ["drop ALL then add NET_BIND_SERVICE", { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }, "0000000000000400"],
    ["add ALL", { capabilities: { add: ["ALL"] } }, "000001ffffffffff"],
    ["drop CHOWN and NET_RAW", { capabilities: { drop: ["CHOWN", "NET_RAW"] } }, "00000000a80405fa"],
    ["privileged: every capability", { privileged: true }, "000001ffffffffff"],
  ])("%s", (_name, sc, hex) => {
    expect(formatCapabilitySet(ok(spec(pod({ securityContext: sc }))).bounding)).toBe(hex);
  });

  it("containerd ignores an unknown or CAP_-prefixed name (runc warns); Docker refuses it", () => {
    const p = pod({ securityContext: { capabilities: { add: ["CAP_SYS_ADMIN"] } } });
    expect(ok(spec(p)).ignoredCapabilities).toEqual(["CAP_CAP_SYS_ADMIN"]);
    const docker = spec(pod({ securityContext: { capabilities: { add: ["NOT_A_CAP"] } } }), "1.29-docker");
    expect(docker).toEqual({ ok: false, reason: "CreateContainerError", message: 'Error response from daemon: invalid CapAdd: unknown capability: "CAP_NOT_A_CAP"' });
  });

  it("sets no_new_privs only for allowPrivilegeEscalation: false", () => {
    expect(ok(spec(pod({ securityContext: { allowPrivilegeEscalation: false } }))).noNewPrivileges).toBe(true);
    expect(ok(spec(pod({ securityContext: { allowPrivilegeEscalation: true } }))).noNewPrivileges).toBe(false);
    expect(ok(spec(pod({}))).noNewPrivileges).toBe(false);
  });

  it("seccomp: unset is unconfined (0); RuntimeDefault is a filter (2); privileged never filters", () => {
    expect(ok(spec(pod({}))).seccomp).toBe(0);
    expect(ok(spec(pod({ securityContext: { seccompProfile: { type: "RuntimeDefault" } } }))).seccomp).toBe(2);
    expect(ok(spec(pod({}, { seccompProfile: { type: "RuntimeDefault" } }))).seccompFilters).toBe(1);
    expect(ok(spec(pod({ securityContext: { privileged: true, seccompProfile: { type: "RuntimeDefault" } } }))).seccomp).toBe(0);
  });

  it("a missing Localhost seccomp profile fails container creation in the runtime's words", () => {
    const p = pod({ securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "profiles/audit.json" } } });
    expect(spec(p)).toEqual({ ok: false, reason: "CreateContainerError", message: 'failed to create containerd container: cannot load seccomp profile "/var/lib/kubelet/seccomp/profiles/audit.json": open /var/lib/kubelet/seccomp/profiles/audit.json: no such file or directory' });
    expect(spec(p, "1.29-docker")).toEqual({ ok: false, reason: "CreateContainerError", message: 'failed to generate security options for container "c": failed to generate seccomp security options for container: cannot load seccomp profile "/var/lib/kubelet/seccomp/profiles/audit.json": open /var/lib/kubelet/seccomp/profiles/audit.json: no such file or directory' });
    expect(ok(spec(p, "1.34-containerd", ["profiles/audit.json"])).seccomp).toBe(2);
  });

  it.each([
    ["runAsNonRoot with a root image", {}, { runAsNonRoot: true }, 'container has runAsNonRoot and image will run as root (pod: "p_default(u-1)", container: c)'],
    ["runAsNonRoot with runAsUser 0", { securityContext: { runAsUser: 0 } }, { runAsNonRoot: true }, `container's runAsUser breaks non-root policy (pod: "p_default(u-1)", container: c)`],
  ])("%s is a CreateContainerConfigError", (_name, c, psc, message) => {
    expect(spec(pod(c, psc))).toEqual({ ok: false, reason: "CreateContainerConfigError", message });
  });

  it("runAsNonRoot with a non-zero runAsUser passes", () => {
    expect(ok(spec(pod({}, { runAsNonRoot: true, runAsUser: 1000 }))).user.uid).toBe(1000);
  });

  it("container settings override the pod's (security-context-2: 2000 over 1000)", () => {
    expect(ok(spec(pod({ securityContext: { runAsUser: 2000 } }, { runAsUser: 1000 }))).user.uid).toBe(2000);
  });

  it("builds argv from command/args over the image's entrypoint and cmd", () => {
    expect(ok(spec(pod({ command: ["sh", "-c", "sleep 1h"] }))).args).toEqual(["sh", "-c", "sleep 1h"]);
    expect(ok(spec(pod({}))).args).toEqual(["sh"]);
    expect(ok(spec(pod({ args: ["echo", "hi"] }))).args).toEqual(["echo", "hi"]);
  });
});
