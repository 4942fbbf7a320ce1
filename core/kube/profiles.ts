// Cluster profiles (DESIGN.md §4): what differs between the tutorial as written (Kubernetes 1.29
// on Docker Engine 20.10.17 through cri-dockerd) and today's docs (Kubernetes 1.34 on containerd).

import type { NodeInfo } from "../kernel/kernel.js";
import { hostTable } from "./kubelet/host-processes.js";

export type ProfileId = "1.29-docker" | "1.34-containerd";

export interface ClusterProfile {
  readonly id: ProfileId;
  readonly serverVersion: { major: string; minor: string; gitVersion: string; gitCommit: string; buildDate: string; goVersion: string };
  readonly kubectlVersion: { gitVersion: string; kustomize: string };
  readonly runtime: "docker" | "containerd";
  readonly runtimeVersion: string;
  readonly osImage: string;
  readonly node: NodeInfo;
  readonly nodeIP: string;
  readonly podCIDR: string;
  /** containerd ensureAdditionalGids(); Docker only from 20.10.18 (images.md §4.2). */
  readonly addsPrimaryGid: boolean;
  /** containerd merges image /etc/group memberships even with runAsGroup; Docker does not. */
  readonly mergesImageGroupsWithRunAsGroup: boolean;
  /** Docker < 20.10.14 put the default set into CapInh too (images.md §4.5); 20.10.17 does not. */
  readonly inheritableDefaultCaps: boolean;
  /** Bad values in validation errors: apimachinery ≥1.34 JSON, older Go %#v. */
  readonly valueFormat: "json" | "go";
  /** `pod "x" deleted from default namespace` (kubectl ≥1.34) or `pod "x" deleted`. */
  readonly deleteWording: "namespace" | "legacy";
  /** `kubectl exec POD cmd` without `--`: deprecated warning (≤1.30) or an error (≥1.31). */
  readonly execWithoutDash: "warn" | "error";
  /** The AppArmor label the runtime gives confined containers. */
  readonly appArmorDefault: string;
  /** Image pull event wording: with "Image size: N bytes." from kubelet 1.30. */
  readonly pulledWithSize: boolean;
  /** "Created container: x" (kubelet ≥1.33) vs "Created container x". */
  readonly eventColon: boolean;
  /** containerd 2.x refuses Docker schema 1 manifests (node-hello:1.0). */
  readonly refusesSchema1: boolean;
  /** runtime exec "executable file not found" wording. */
  readonly execNotFound: (cmd: string, execId: string) => string;
}

// hostProcesses: the node's own processes as its root pid namespace lists them before any pod of
// the learner's (kubelet/host-processes.ts).
const ubuntuNode = (id: ProfileId, release: string, version: string, compiler: string, pidMax: number): Omit<NodeInfo, "nodeName"> => ({
  kernel: { release, version, compiler }, cpus: 2, memTotalKb: 4005292, pidMax, hostProcesses: hostTable(id).tasks.length, uptimeAtStart: 3 * 86_400_000 + 5_217_000,
});

export const PROFILES: Readonly<Record<ProfileId, ClusterProfile>> = {
  "1.29-docker": {
    id: "1.29-docker",
    serverVersion: { major: "1", minor: "29", gitVersion: "v1.29.15", gitCommit: "0d0f172cdf9fd42d6feee3467374b58d3e168df0", buildDate: "2025-03-11T17:39:07Z", goVersion: "go1.23.6" },
    kubectlVersion: { gitVersion: "v1.29.15", kustomize: "v5.0.4-0.20230601165947-6ce0bf390ce3" },
    runtime: "docker", runtimeVersion: "docker://20.10.17", osImage: "Ubuntu 22.04.4 LTS",
    node: { nodeName: "node01", ...ubuntuNode("1.29-docker", "5.15.0-105-generic", "#115-Ubuntu SMP Mon Apr 15 09:52:04 UTC 2024", "buildd@lcy02-amd64-026) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38", 32768) },
    nodeIP: "172.30.1.2", podCIDR: "192.168.1.0/24",
    addsPrimaryGid: false, mergesImageGroupsWithRunAsGroup: false, inheritableDefaultCaps: false,
    valueFormat: "go", deleteWording: "legacy", execWithoutDash: "warn",
    appArmorDefault: "docker-default (enforce)", pulledWithSize: false, eventColon: false, refusesSchema1: false,
    execNotFound: (cmd) => `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
  },
  "1.34-containerd": {
    id: "1.34-containerd",
    serverVersion: { major: "1", minor: "34", gitVersion: "v1.34.2", gitCommit: "8cc511e399b929453cd98ae65b419c3cc227ec79", buildDate: "2025-11-11T19:10:04Z", goVersion: "go1.24.9" },
    kubectlVersion: { gitVersion: "v1.34.2", kustomize: "v5.7.1" },
    runtime: "containerd", runtimeVersion: "containerd://2.1.4", osImage: "Ubuntu 24.04.3 LTS",
    node: { nodeName: "node01", ...ubuntuNode("1.34-containerd", "6.8.0-87-generic", "#88-Ubuntu SMP PREEMPT_DYNAMIC Sat Oct 11 09:28:41 UTC 2025", "buildd@lcy02-amd64-056) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42", 4194304) },
    nodeIP: "172.30.1.2", podCIDR: "192.168.1.0/24",
    addsPrimaryGid: true, mergesImageGroupsWithRunAsGroup: true, inheritableDefaultCaps: false,
    valueFormat: "json", deleteWording: "namespace", execWithoutDash: "error",
    appArmorDefault: "cri-containerd.apparmor.d (enforce)", pulledWithSize: true, eventColon: true, refusesSchema1: true,
    execNotFound: (cmd, id) => `Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
  },
};
