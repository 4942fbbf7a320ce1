// Fixture pods for Pod Security tests and scenario checks (the idea of PSA test/fixtures.go):
// one minimal pod that passes every check, and tweak() to change one field of a copy of it.

import type { Container, Pod } from "../api/types.js";

/** A container that meets restricted on its own. */
function restrictedContainer(name: string): Container {
  return {
    name,
    image: "registry.k8s.io/pause",
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
  };
}

/**
 * The minimal pod that passes restricted at every version: one init container and one container,
 * runAsNonRoot and a RuntimeDefault seccomp profile at pod level, no privilege escalation and
 * every capability dropped in each container.
 */
export function minimalRestrictedPod(name = "test-pod"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      initContainers: [restrictedContainer("initcontainer1")],
      containers: [restrictedContainer("container1")],
    },
  };
}

/** The minimal pod that passes baseline (and fails restricted): no security settings at all. */
export function minimalBaselinePod(name = "test-pod"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      initContainers: [{ name: "initcontainer1", image: "registry.k8s.io/pause" }],
      containers: [{ name: "container1", image: "registry.k8s.io/pause" }],
    },
  };
}

/** A deep copy of `pod` changed by `change`; the original is left alone. */
export function tweak(pod: Pod, change: (copy: Pod) => void): Pod {
  const copy = JSON.parse(JSON.stringify(pod)) as Pod;
  change(copy);
  return copy;
}

/** The first container and init container of a fixture (they always exist). */
export const container0 = (p: Pod): Container => p.spec.containers![0]!;
export const initContainer0 = (p: Pod): Container => p.spec.initContainers![0]!;
