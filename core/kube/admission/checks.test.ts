// Every Pod Security check against generated fixtures (the method of PSA test/fixtures_*.go): the
// minimal restricted pod tweaked one field at a time. A pass fixture must pass the check and the
// whole level; a fail fixture must fail the check with exactly the reason and detail given, and
// be the only failure at the check's level unless `allReasons` lists them all.
// Expected texts follow policy/check_*.go and their _test.go cases (reference §7.2).

import { describe, expect, it } from "vitest";
import type { Pod, SecurityContext, Volume } from "../api/types.js";
import { aggregateCheckResults, type Check } from "./check.js";
import { implementationAt, newEvaluator } from "./evaluator.js";
import { container0, initContainer0, minimalRestrictedPod, tweak } from "./fixtures.js";
import { LATEST, majorMinor, versionString, type Version } from "./level-version.js";
import { DEFAULT_CHECKS } from "./registry.js";

interface PassFixture {
  name: string;
  change: (p: Pod) => void;
  /** Policy version to evaluate at (default latest). */
  at?: Version;
}

interface FailFixture extends PassFixture {
  reason: string;
  detail: string;
  /** When other checks fail too at the check's level: every reason, in evaluation order. */
  allReasons?: string[];
}

interface CheckFixtures {
  pass: PassFixture[];
  fail: FailFixture[];
}

const v = majorMinor;
const evaluator = newEvaluator(DEFAULT_CHECKS);
const checkById = (id: string): Check => {
  const c = DEFAULT_CHECKS.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no check ${id}`);
  return c;
};

const sc = (p: Pod, which: "init" | "main") => {
  const c = which === "init" ? initContainer0(p) : container0(p);
  c.securityContext ??= {};
  return c.securityContext;
};
const podSC = (p: Pod) => (p.spec.securityContext ??= {});
const addContainer = (p: Pod, name: string, securityContext: SecurityContext) => {
  p.spec.containers!.push({ name, image: "registry.k8s.io/pause", securityContext });
};
const restrictedSC = (): SecurityContext => ({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
const volume = (name: string, source: string, value: unknown = {}): Volume => ({ name, [source]: value });

const DEFAULT_CAPS = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

const FIXTURES: Record<string, CheckFixtures> = {
  allowPrivilegeEscalation: {
    pass: [
      { name: "windows pod leaves it unset (1.25+)", at: v(1, 25), change: (p) => { p.spec.os = { name: "windows" }; delete sc(p, "main").allowPrivilegeEscalation; } },
    ],
    fail: [
      { name: "explicit true", change: (p) => { sc(p, "main").allowPrivilegeEscalation = true; }, reason: "allowPrivilegeEscalation != false", detail: `container "container1" must set securityContext.allowPrivilegeEscalation=false` },
      { name: "init container checked", change: (p) => { sc(p, "init").allowPrivilegeEscalation = true; }, reason: "allowPrivilegeEscalation != false", detail: `container "initcontainer1" must set securityContext.allowPrivilegeEscalation=false` },
      { name: "unset", change: (p) => { delete sc(p, "main").allowPrivilegeEscalation; }, reason: "allowPrivilegeEscalation != false", detail: `container "container1" must set securityContext.allowPrivilegeEscalation=false` },
      {
        name: "no security context", change: (p) => { delete container0(p).securityContext; },
        reason: "allowPrivilegeEscalation != false", detail: `container "container1" must set securityContext.allowPrivilegeEscalation=false`, allReasons: ["allowPrivilegeEscalation != false", "unrestricted capabilities"],
      },
      {
        name: "several containers, visit order init, regular, ephemeral",
        change: (p) => {
          p.spec.ephemeralContainers = [{ name: "debugger", image: "busybox", securityContext: { capabilities: { drop: ["ALL"] } } }];
          sc(p, "main").allowPrivilegeEscalation = true;
          sc(p, "init").allowPrivilegeEscalation = true;
        },
        reason: "allowPrivilegeEscalation != false", detail: `containers "initcontainer1", "container1", "debugger" must set securityContext.allowPrivilegeEscalation=false`,
      },
      { name: "windows pod before 1.25", at: v(1, 24), change: (p) => { p.spec.os = { name: "windows" }; delete sc(p, "main").allowPrivilegeEscalation; }, reason: "allowPrivilegeEscalation != false", detail: `container "container1" must set securityContext.allowPrivilegeEscalation=false` },
    ],
  },

  appArmorProfile: {
    pass: [
      { name: "pod RuntimeDefault, container Localhost", change: (p) => { podSC(p).appArmorProfile = { type: "RuntimeDefault" }; sc(p, "main").appArmorProfile = { type: "Localhost", localhostProfile: "k8s-apparmor-example-deny-write" }; } },
      { name: "allowed annotations", change: (p) => { p.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/container1": "runtime/default", "container.apparmor.security.beta.kubernetes.io/initcontainer1": "localhost/foo", "container.apparmor.security.beta.kubernetes.io/x": "" }; } },
    ],
    fail: [
      { name: "pod Unconfined", change: (p) => { podSC(p).appArmorProfile = { type: "Unconfined" }; }, reason: "forbidden AppArmor profile", detail: `pod must not set AppArmor profile type to "Unconfined"` },
      { name: "container Unconfined", change: (p) => { sc(p, "main").appArmorProfile = { type: "Unconfined" }; }, reason: "forbidden AppArmor profile", detail: `container "container1" must not set AppArmor profile type to "Unconfined"` },
      { name: "init container Unconfined", change: (p) => { sc(p, "init").appArmorProfile = { type: "Unconfined" }; }, reason: "forbidden AppArmor profile", detail: `container "initcontainer1" must not set AppArmor profile type to "Unconfined"` },
      { name: "annotation unconfined", change: (p) => { p.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/container1": "unconfined" }; }, reason: "forbidden AppArmor profile", detail: `annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/container1="unconfined""` },
      {
        name: "pod, container and annotation together",
        change: (p) => {
          podSC(p).appArmorProfile = { type: "Unconfined" };
          sc(p, "main").appArmorProfile = { type: "Unconfined" };
          p.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/container1": "unconfined" };
        },
        reason: "forbidden AppArmor profiles",
        detail: `pod and container "container1" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/container1="unconfined""`,
      },
      {
        name: "several annotations, sorted",
        change: (p) => {
          p.metadata.annotations = {
            "container.apparmor.security.beta.kubernetes.io/f": "unknown",
            "container.apparmor.security.beta.kubernetes.io/": "bogus",
            "container.apparmor.security.beta.kubernetes.io/a": "",
            "container.apparmor.security.beta.kubernetes.io/b": "runtime/default",
            "container.apparmor.security.beta.kubernetes.io/c": "localhost/",
            "container.apparmor.security.beta.kubernetes.io/d": "localhost/foo",
            "container.apparmor.security.beta.kubernetes.io/e": "unconfined",
          };
        },
        reason: "forbidden AppArmor profiles",
        detail: `annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/e="unconfined"", "container.apparmor.security.beta.kubernetes.io/f="unknown""`,
      },
    ],
  },

  capabilities_baseline: {
    pass: [
      { name: "all default capabilities", change: (p) => { sc(p, "main").capabilities = { add: DEFAULT_CAPS }; sc(p, "init").capabilities = { add: DEFAULT_CAPS }; } },
    ],
    fail: [
      { name: "NET_RAW", change: (p) => { sc(p, "main").capabilities = { add: ["NET_RAW"] }; }, reason: "non-default capabilities", detail: `container "container1" must not include "NET_RAW" in securityContext.capabilities.add` },
      { name: "init container", change: (p) => { sc(p, "init").capabilities = { add: ["NET_RAW"] }; }, reason: "non-default capabilities", detail: `container "initcontainer1" must not include "NET_RAW" in securityContext.capabilities.add` },
      { name: "lower case", change: (p) => { sc(p, "main").capabilities = { add: ["chown"] }; }, reason: "non-default capabilities", detail: `container "container1" must not include "chown" in securityContext.capabilities.add` },
      { name: "CAP_ prefix", change: (p) => { sc(p, "main").capabilities = { add: ["CAP_CHOWN"] }; }, reason: "non-default capabilities", detail: `container "container1" must not include "CAP_CHOWN" in securityContext.capabilities.add` },
      {
        name: "several containers, capabilities sorted and deduplicated",
        change: (p) => { sc(p, "main").capabilities = { add: ["SYS_TIME", "CHOWN", "NET_ADMIN"] }; sc(p, "init").capabilities = { add: ["NET_ADMIN", "BPF"] }; },
        reason: "non-default capabilities", detail: `containers "initcontainer1", "container1" must not include "BPF", "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add`,
      },
    ],
  },

  capabilities_restricted: {
    pass: [
      { name: "drop ALL, add NET_BIND_SERVICE", change: (p) => { sc(p, "main").capabilities = { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }; sc(p, "init").capabilities = { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }; } },
      { name: "windows pod without capabilities (1.25+)", at: v(1, 25), change: (p) => { p.spec.os = { name: "windows" }; delete sc(p, "main").capabilities; } },
    ],
    fail: [
      { name: "empty drop", change: (p) => { sc(p, "main").capabilities = { drop: [] }; }, reason: "unrestricted capabilities", detail: `container "container1" must set securityContext.capabilities.drop=["ALL"]` },
      { name: "init container", change: (p) => { sc(p, "init").capabilities = { drop: [] }; }, reason: "unrestricted capabilities", detail: `container "initcontainer1" must set securityContext.capabilities.drop=["ALL"]` },
      {
        name: "dropping every capability by name is not ALL",
        change: (p) => { const all = ["SYS_ADMIN", "NET_RAW", "CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID", "KILL"]; sc(p, "main").capabilities = { drop: all }; sc(p, "init").capabilities = { drop: all }; },
        reason: "unrestricted capabilities", detail: `containers "initcontainer1", "container1" must set securityContext.capabilities.drop=["ALL"]`,
      },
      {
        name: "adding back the default set",
        change: (p) => { sc(p, "main").capabilities = { drop: ["ALL"], add: DEFAULT_CAPS }; sc(p, "init").capabilities = { drop: ["ALL"], add: DEFAULT_CAPS }; },
        reason: "unrestricted capabilities",
        detail: `containers "initcontainer1", "container1" must not include "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT" in securityContext.capabilities.add`,
      },
      {
        name: "both parts joined by a semicolon",
        change: (p) => { sc(p, "main").capabilities = { add: ["SYS_TIME", "NET_ADMIN"] }; },
        reason: "unrestricted capabilities",
        detail: `container "container1" must set securityContext.capabilities.drop=["ALL"]; container "container1" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add`,
      },
      { name: "windows pod before 1.25", at: v(1, 24), change: (p) => { p.spec.os = { name: "windows" }; delete sc(p, "main").capabilities; }, reason: "unrestricted capabilities", detail: `container "container1" must set securityContext.capabilities.drop=["ALL"]` },
      { name: "first version 1.22", at: v(1, 22), change: (p) => { delete sc(p, "main").capabilities; }, reason: "unrestricted capabilities", detail: `container "container1" must set securityContext.capabilities.drop=["ALL"]` },
    ],
  },

  hostNamespaces: {
    pass: [{ name: "all false", change: (p) => { p.spec.hostNetwork = false; p.spec.hostPID = false; p.spec.hostIPC = false; } }],
    fail: [
      { name: "hostIPC", change: (p) => { p.spec.hostIPC = true; }, reason: "host namespaces", detail: "hostIPC=true" },
      { name: "hostNetwork", change: (p) => { p.spec.hostNetwork = true; }, reason: "host namespaces", detail: "hostNetwork=true" },
      { name: "hostPID", change: (p) => { p.spec.hostPID = true; }, reason: "host namespaces", detail: "hostPID=true" },
      { name: "all three, fixed order", change: (p) => { p.spec.hostIPC = true; p.spec.hostPID = true; p.spec.hostNetwork = true; }, reason: "host namespaces", detail: "hostNetwork=true, hostPID=true, hostIPC=true" },
    ],
  },

  hostPathVolumes: {
    pass: [{ name: "emptyDir", change: (p) => { p.spec.volumes = [volume("volume-emptydir", "emptyDir")]; } }],
    fail: [
      { name: "hostPath among others", change: (p) => { p.spec.volumes = [volume("volume-emptydir", "emptyDir"), volume("volume-hostpath", "hostPath", { path: "/a" })]; }, reason: "hostPath volumes", detail: `volume "volume-hostpath"` },
      { name: "two hostPath volumes", change: (p) => { p.spec.volumes = [volume("b", "hostPath", { path: "/b" }), volume("a", "hostPath", { path: "/a" })]; }, reason: "hostPath volumes", detail: `volumes "b", "a"` },
    ],
  },

  hostPorts: {
    pass: [{ name: "container ports only", change: (p) => { container0(p).ports = [{ containerPort: 12345 }]; initContainer0(p).ports = [{ containerPort: 12346, hostPort: 0 }]; } }],
    fail: [
      { name: "container", change: (p) => { container0(p).ports = [{ containerPort: 12345, hostPort: 12345 }]; }, reason: "hostPort", detail: `container "container1" uses hostPort 12345` },
      { name: "init container", change: (p) => { initContainer0(p).ports = [{ containerPort: 12346, hostPort: 12346 }]; }, reason: "hostPort", detail: `container "initcontainer1" uses hostPort 12346` },
      {
        name: "several containers, ports sorted as text",
        change: (p) => { container0(p).ports = [{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443 }]; initContainer0(p).ports = [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 81, hostPort: 80 }]; },
        reason: "hostPort", detail: `containers "initcontainer1", "container1" use hostPorts 443, 80, 8080`,
      },
    ],
  },

  hostProbesAndHostLifecycle: {
    pass: [
      { name: "probes without host", change: (p) => { container0(p).livenessProbe = { httpGet: { port: 8080, path: "/healthz" } }; container0(p).readinessProbe = { tcpSocket: { port: 8080, host: "" } }; } },
      { name: "before 1.34 the host is not checked", at: v(1, 33), change: (p) => { container0(p).livenessProbe = { httpGet: { port: 8080, host: "example.com" } }; } },
    ],
    fail: [
      { name: "liveness httpGet", change: (p) => { container0(p).livenessProbe = { httpGet: { port: 8080, host: "example.com" } }; }, reason: "probe or lifecycle host", detail: `container "container1" uses probe or lifecycle host "example.com"` },
      { name: "init readiness tcpSocket", change: (p) => { initContainer0(p).readinessProbe = { tcpSocket: { port: 8080, host: "8.8.8.8" } }; }, reason: "probe or lifecycle host", detail: `container "initcontainer1" uses probe or lifecycle host "8.8.8.8"` },
      { name: "postStart httpGet", change: (p) => { container0(p).lifecycle = { postStart: { httpGet: { port: 80, host: "2001:4860:4860::8888" } } }; }, reason: "probe or lifecycle host", detail: `container "container1" uses probe or lifecycle host "2001:4860:4860::8888"` },
      { name: "preStop tcpSocket", change: (p) => { container0(p).lifecycle = { preStop: { tcpSocket: { port: 80, host: "localhost" } } }; }, reason: "probe or lifecycle host", detail: `container "container1" uses probe or lifecycle host "localhost"` },
      {
        name: "containers and hosts are sorted sets",
        change: (p) => {
          container0(p).livenessProbe = { httpGet: { port: 80, host: "b.com" } };
          container0(p).startupProbe = { tcpSocket: { port: 80, host: "a.com" } };
          initContainer0(p).readinessProbe = { httpGet: { port: 80, host: "a.com" } };
        },
        reason: "probe or lifecycle host", detail: `containers "container1", "initcontainer1" use probe or lifecycle hosts "a.com", "b.com"`,
      },
    ],
  },

  privileged: {
    pass: [{ name: "explicit false", change: (p) => { sc(p, "main").privileged = false; sc(p, "init").privileged = false; } }],
    fail: [
      { name: "container", change: (p) => { sc(p, "main").privileged = true; delete sc(p, "main").allowPrivilegeEscalation; }, reason: "privileged", detail: `container "container1" must not set securityContext.privileged=true` },
      { name: "init container", change: (p) => { sc(p, "init").privileged = true; delete sc(p, "init").allowPrivilegeEscalation; }, reason: "privileged", detail: `container "initcontainer1" must not set securityContext.privileged=true` },
      {
        name: "several containers",
        change: (p) => { sc(p, "main").privileged = true; sc(p, "init").privileged = true; },
        reason: "privileged", detail: `containers "initcontainer1", "container1" must not set securityContext.privileged=true`,
      },
    ],
  },

  procMount: {
    pass: [
      { name: "Default", change: (p) => { sc(p, "main").procMount = "Default"; sc(p, "init").procMount = "Default"; p.spec.hostUsers = false; } },
      { name: "Unmasked in a user namespace (1.35+)", at: v(1, 35), change: (p) => { sc(p, "main").procMount = "Unmasked"; sc(p, "init").procMount = "Unmasked"; p.spec.hostUsers = false; } },
    ],
    fail: [
      { name: "Unmasked in a user namespace before 1.35", at: v(1, 34), change: (p) => { sc(p, "main").procMount = "Unmasked"; p.spec.hostUsers = false; }, reason: "procMount", detail: `container "container1" must not set securityContext.procMount to "Unmasked"` },
      { name: "Unmasked with host users", change: (p) => { sc(p, "main").procMount = "Unmasked"; p.spec.hostUsers = true; }, reason: "procMount", detail: `container "container1" must not set securityContext.procMount to "Unmasked"` },
      { name: "init container", change: (p) => { sc(p, "init").procMount = "Unmasked"; }, reason: "procMount", detail: `container "initcontainer1" must not set securityContext.procMount to "Unmasked"` },
      {
        name: "several values, sorted",
        change: (p) => { sc(p, "main").procMount = "other"; sc(p, "init").procMount = "Unmasked"; addContainer(p, "c", { ...restrictedSC(), procMount: "Unmasked" }); },
        reason: "procMount", detail: `containers "initcontainer1", "container1", "c" must not set securityContext.procMount to "Unmasked", "other"`,
      },
    ],
  },

  procMount_restricted: {
    pass: [{ name: "Default in a user namespace", change: (p) => { sc(p, "main").procMount = "Default"; sc(p, "init").procMount = "Default"; p.spec.hostUsers = false; } }],
    fail: [
      { name: "Unmasked in a user namespace", change: (p) => { sc(p, "main").procMount = "Unmasked"; p.spec.hostUsers = false; }, reason: "procMount", detail: `container "container1" must not set securityContext.procMount to "Unmasked"` },
      { name: "init container", change: (p) => { sc(p, "init").procMount = "Unmasked"; p.spec.hostUsers = false; }, reason: "procMount", detail: `container "initcontainer1" must not set securityContext.procMount to "Unmasked"` },
    ],
  },

  restrictedVolumes: {
    pass: [
      {
        name: "every allowed source",
        change: (p) => {
          p.spec.volumes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"]
            .map((source, i) => volume(`volume${i}`, source));
        },
      },
    ],
    fail: [
      ...["hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos"]
        .map((source): FailFixture => ({
          name: source,
          change: (p) => { p.spec.volumes = [volume("volume1", source, { path: "/x" })]; },
          reason: "restricted volume types",
          detail: `volume "volume1" uses restricted volume type "${source}"`,
        })),
      { name: "no known source", change: (p) => { p.spec.volumes = [{ name: "volume1" }]; }, reason: "restricted volume types", detail: `volume "volume1" uses restricted volume type "unknown"` },
      {
        name: "several volumes, types sorted",
        change: (p) => { p.spec.volumes = [volume("a", "nfs"), volume("ok", "emptyDir"), volume("b", "hostPath", { path: "/" }), volume("c", "nfs")]; },
        reason: "restricted volume types", detail: `volumes "a", "b", "c" use restricted volume types "hostPath", "nfs"`,
      },
    ],
  },

  runAsNonRoot: {
    pass: [
      { name: "container level true, pod unset", change: (p) => { delete podSC(p).runAsNonRoot; sc(p, "main").runAsNonRoot = true; sc(p, "init").runAsNonRoot = true; } },
      { name: "user namespace (1.35+)", at: v(1, 35), change: (p) => { delete podSC(p).runAsNonRoot; p.spec.hostUsers = false; } },
    ],
    fail: [
      { name: "pod false", change: (p) => { podSC(p).runAsNonRoot = false; }, reason: "runAsNonRoot != true", detail: "pod must not set securityContext.runAsNonRoot=false" },
      { name: "container false", change: (p) => { sc(p, "main").runAsNonRoot = false; }, reason: "runAsNonRoot != true", detail: `container "container1" must not set securityContext.runAsNonRoot=false` },
      { name: "pod and container false", change: (p) => { podSC(p).runAsNonRoot = false; sc(p, "main").runAsNonRoot = false; sc(p, "init").runAsNonRoot = true; }, reason: "runAsNonRoot != true", detail: `pod and container "container1" must not set securityContext.runAsNonRoot=false` },
      { name: "unset everywhere", change: (p) => { delete podSC(p).runAsNonRoot; }, reason: "runAsNonRoot != true", detail: `pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true` },
      { name: "unset in one container", change: (p) => { delete podSC(p).runAsNonRoot; sc(p, "init").runAsNonRoot = true; }, reason: "runAsNonRoot != true", detail: `pod or container "container1" must set securityContext.runAsNonRoot=true` },
      { name: "runAsUser 1000 is not enough", change: (p) => { delete podSC(p).runAsNonRoot; podSC(p).runAsUser = 1000; }, reason: "runAsNonRoot != true", detail: `pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true` },
      { name: "user namespace before 1.35", at: v(1, 34), change: (p) => { delete podSC(p).runAsNonRoot; p.spec.hostUsers = false; }, reason: "runAsNonRoot != true", detail: `pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true` },
    ],
  },

  runAsUser: {
    pass: [
      { name: "non-zero", change: (p) => { podSC(p).runAsUser = 1000; sc(p, "main").runAsUser = 2000; } },
      { name: "uid 0 in a user namespace (1.35+)", at: v(1, 35), change: (p) => { podSC(p).runAsUser = 0; p.spec.hostUsers = false; } },
    ],
    fail: [
      { name: "pod 0", change: (p) => { podSC(p).runAsUser = 0; }, reason: "runAsUser=0", detail: "pod must not set runAsUser=0" },
      { name: "container 0", change: (p) => { sc(p, "main").runAsUser = 0; }, reason: "runAsUser=0", detail: `container "container1" must not set runAsUser=0` },
      { name: "pod and containers 0", change: (p) => { podSC(p).runAsUser = 0; sc(p, "main").runAsUser = 0; sc(p, "init").runAsUser = 0; }, reason: "runAsUser=0", detail: `pod and containers "initcontainer1", "container1" must not set runAsUser=0` },
      { name: "user namespace before 1.35", at: v(1, 34), change: (p) => { podSC(p).runAsUser = 0; p.spec.hostUsers = false; }, reason: "runAsUser=0", detail: "pod must not set runAsUser=0" },
    ],
  },

  seLinuxOptions: {
    pass: [
      { name: "container types and a level", change: (p) => { podSC(p).seLinuxOptions = { type: "container_t", level: "s0:c123,c456" }; sc(p, "main").seLinuxOptions = { type: "container_init_t" }; sc(p, "init").seLinuxOptions = { type: "container_kvm_t" }; } },
      { name: "container_engine_t (1.31+)", at: v(1, 31), change: (p) => { sc(p, "main").seLinuxOptions = { type: "container_engine_t" }; } },
    ],
    fail: [
      { name: "bad type", change: (p) => { podSC(p).seLinuxOptions = { type: "bad" }; }, reason: "seLinuxOptions", detail: `pod set forbidden securityContext.seLinuxOptions: type "bad"` },
      { name: "user", change: (p) => { sc(p, "main").seLinuxOptions = { user: "system_u" }; }, reason: "seLinuxOptions", detail: `container "container1" set forbidden securityContext.seLinuxOptions: user may not be set` },
      { name: "role", change: (p) => { sc(p, "init").seLinuxOptions = { role: "system_r" }; }, reason: "seLinuxOptions", detail: `container "initcontainer1" set forbidden securityContext.seLinuxOptions: role may not be set` },
      { name: "container_engine_t before 1.31", at: v(1, 30), change: (p) => { sc(p, "main").seLinuxOptions = { type: "container_engine_t" }; }, reason: "seLinuxOptions", detail: `container "container1" set forbidden securityContext.seLinuxOptions: type "container_engine_t"` },
      {
        name: "pod and containers, everything wrong",
        change: (p) => {
          podSC(p).seLinuxOptions = { type: "foo", user: "u", role: "r" };
          sc(p, "init").seLinuxOptions = { type: "bar" };
          sc(p, "main").seLinuxOptions = { type: "foo", role: "r" };
        },
        reason: "seLinuxOptions", detail: `pod and containers "initcontainer1", "container1" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set`,
      },
    ],
  },

  seccompProfile_baseline: {
    pass: [
      { name: "unset at pod level", change: (p) => { delete podSC(p).seccompProfile; } },
      { name: "Localhost in a container", change: (p) => { sc(p, "main").seccompProfile = { type: "Localhost", localhostProfile: "profiles/audit.json" }; } },
      { name: "allowed annotations (1.0-1.18)", at: v(1, 18), change: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "runtime/default", "container.seccomp.security.alpha.kubernetes.io/container1": "docker/default", "container.seccomp.security.alpha.kubernetes.io/initcontainer1": "localhost/foo" }; } },
      { name: "fields are not read before 1.19", at: v(1, 18), change: (p) => { podSC(p).seccompProfile = { type: "Unconfined" }; } },
      { name: "annotations are not read from 1.19", at: v(1, 19), change: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" }; } },
    ],
    fail: [
      { name: "pod Unconfined", change: (p) => { podSC(p).seccompProfile = { type: "Unconfined" }; }, reason: "seccompProfile", detail: `pod must not set securityContext.seccompProfile.type to "Unconfined"` },
      { name: "container Unconfined", change: (p) => { sc(p, "main").seccompProfile = { type: "Unconfined" }; }, reason: "seccompProfile", detail: `container "container1" must not set securityContext.seccompProfile.type to "Unconfined"` },
      {
        name: "pod and containers",
        change: (p) => { podSC(p).seccompProfile = { type: "Unconfined" }; sc(p, "init").seccompProfile = { type: "Unconfined" }; sc(p, "main").seccompProfile = { type: "Unconfined" }; },
        reason: "seccompProfile", detail: `pod and containers "initcontainer1", "container1" must not set securityContext.seccompProfile.type to "Unconfined"`,
      },
      { name: "pod annotation (1.0-1.18)", at: v(1, 18), change: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" }; }, reason: "seccompProfile", detail: `forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"` },
      {
        name: "pod and container annotations, sorted (1.0-1.18)", at: v(1, 0),
        change: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined", "container.seccomp.security.alpha.kubernetes.io/container1": "unknown", "container.seccomp.security.alpha.kubernetes.io/initcontainer1": "unconfined" }; },
        reason: "seccompProfile",
        detail: `forbidden annotations container.seccomp.security.alpha.kubernetes.io/container1="unknown", container.seccomp.security.alpha.kubernetes.io/initcontainer1="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined"`,
      },
    ],
  },

  seccompProfile_restricted: {
    pass: [
      { name: "pod unset, every container Localhost", change: (p) => { delete podSC(p).seccompProfile; sc(p, "main").seccompProfile = { type: "Localhost", localhostProfile: "p.json" }; sc(p, "init").seccompProfile = { type: "RuntimeDefault" }; } },
      { name: "windows pod unset (1.25+)", at: v(1, 25), change: (p) => { p.spec.os = { name: "windows" }; delete podSC(p).seccompProfile; } },
    ],
    fail: [
      { name: "unset", change: (p) => { delete podSC(p).seccompProfile; }, reason: "seccompProfile", detail: `pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` },
      { name: "unset in one container", change: (p) => { delete podSC(p).seccompProfile; sc(p, "init").seccompProfile = { type: "RuntimeDefault" }; }, reason: "seccompProfile", detail: `pod or container "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` },
      { name: "pod Unconfined", change: (p) => { podSC(p).seccompProfile = { type: "Unconfined" }; }, reason: "seccompProfile", detail: `pod must not set securityContext.seccompProfile.type to "Unconfined"` },
      { name: "container Unconfined", change: (p) => { sc(p, "main").seccompProfile = { type: "Unconfined" }; }, reason: "seccompProfile", detail: `container "container1" must not set securityContext.seccompProfile.type to "Unconfined"` },
      { name: "windows pod before 1.25", at: v(1, 24), change: (p) => { p.spec.os = { name: "windows" }; delete podSC(p).seccompProfile; }, reason: "seccompProfile", detail: `pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` },
    ],
  },

  sysctls: {
    pass: [
      {
        name: "every allowed sysctl (latest)",
        change: (p) => {
          podSC(p).sysctls = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]
            .map((name) => ({ name, value: "0" }));
        },
      },
      { name: "ip_local_reserved_ports (1.27+)", at: v(1, 27), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.ip_local_reserved_ports", value: "1024-4999" }]; } },
      { name: "tcp_keepalive_time (1.29+)", at: v(1, 29), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_keepalive_time", value: "7200" }]; } },
      { name: "tcp_rmem (1.32+)", at: v(1, 32), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_rmem", value: "4096 87380 16777216" }]; } },
      { name: "tcp_notsent_lowat (1.37+)", at: v(1, 37), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_notsent_lowat", value: "16384" }]; } },
    ],
    fail: [
      { name: "unsafe sysctls in spec order", change: (p) => { podSC(p).sysctls = [{ name: "kernel.msgmax", value: "1" }, { name: "net.ipv4.tcp_syncookies", value: "1" }, { name: "a", value: "1" }]; }, reason: "forbidden sysctls", detail: "kernel.msgmax, a" },
      { name: "ip_local_reserved_ports before 1.27", at: v(1, 26), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.ip_local_reserved_ports", value: "1024-4999" }]; }, reason: "forbidden sysctls", detail: "net.ipv4.ip_local_reserved_ports" },
      { name: "tcp_fin_timeout before 1.29", at: v(1, 28), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_fin_timeout", value: "60" }]; }, reason: "forbidden sysctls", detail: "net.ipv4.tcp_fin_timeout" },
      { name: "tcp_wmem before 1.32", at: v(1, 31), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_wmem", value: "4096 87380 16777216" }]; }, reason: "forbidden sysctls", detail: "net.ipv4.tcp_wmem" },
      { name: "tcp_slow_start_after_idle before 1.37", at: v(1, 36), change: (p) => { podSC(p).sysctls = [{ name: "net.ipv4.tcp_slow_start_after_idle", value: "0" }]; }, reason: "forbidden sysctls", detail: "net.ipv4.tcp_slow_start_after_idle" },
    ],
  },

  windowsHostProcess: {
    pass: [{ name: "explicit false", change: (p) => { podSC(p).windowsOptions = { hostProcess: false }; sc(p, "main").windowsOptions = { hostProcess: false }; } }],
    fail: [
      { name: "pod", change: (p) => { podSC(p).windowsOptions = { hostProcess: true }; }, reason: "hostProcess", detail: "pod must not set securityContext.windowsOptions.hostProcess=true" },
      { name: "container", change: (p) => { sc(p, "main").windowsOptions = { hostProcess: true }; }, reason: "hostProcess", detail: `container "container1" must not set securityContext.windowsOptions.hostProcess=true` },
      {
        name: "pod and containers",
        change: (p) => { podSC(p).windowsOptions = { hostProcess: true }; addContainer(p, "e", { ...restrictedSC(), windowsOptions: { hostProcess: true } }); addContainer(p, "f", { ...restrictedSC(), windowsOptions: { hostProcess: true } }); },
        reason: "hostProcess", detail: `pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true`,
      },
    ],
  },
};

const base = minimalRestrictedPod("fixture");

describe("the minimal restricted pod", () => {
  it("passes every level at every version", () => {
    for (let minor = 0; minor <= 38; minor++) {
      for (const level of ["baseline", "restricted"] as const) {
        expect(aggregateCheckResults(evaluator.evaluatePod({ level, version: v(1, minor) }, base.metadata, base.spec)).forbiddenReasons).toEqual([]);
      }
    }
  });
});

describe("fixtures cover every registered check", () => {
  it("has pass and fail fixtures for each check", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(DEFAULT_CHECKS.map((c) => c.id).sort());
    for (const [id, f] of Object.entries(FIXTURES)) {
      expect(f.pass.length, id).toBeGreaterThan(0);
      expect(f.fail.length, id).toBeGreaterThan(0);
    }
  });
  it("exercises every versioned implementation with a failing fixture", () => {
    for (const check of DEFAULT_CHECKS) {
      const versions = FIXTURES[check.id]!.fail.map((f) => implementationAt(check, f.at ?? LATEST));
      for (const impl of check.versions) expect(versions, `${check.id} ${versionString(impl.minimumVersion)}`).toContain(impl);
    }
  });
});

for (const [id, fixtures] of Object.entries(FIXTURES)) {
  const check = checkById(id);
  describe(`${id} (${check.level})`, () => {
    for (const f of fixtures.pass) {
      it(`passes: ${f.name}`, () => {
        const pod = tweak(base, f.change);
        const at = f.at ?? LATEST;
        const impl = implementationAt(check, at);
        if (impl !== undefined) expect(impl.checkPod(pod.metadata, pod.spec)).toEqual({ allowed: true });
        const whole = aggregateCheckResults(evaluator.evaluatePod({ level: check.level, version: at }, pod.metadata, pod.spec));
        expect(whole.forbiddenReasons).toEqual([]);
      });
    }
    for (const f of fixtures.fail) {
      it(`fails: ${f.name}`, () => {
        const pod = tweak(base, f.change);
        const at = f.at ?? LATEST;
        const impl = implementationAt(check, at);
        expect(impl, `no ${id} implementation at ${versionString(at)}`).toBeDefined();
        expect(impl!.checkPod(pod.metadata, pod.spec)).toEqual({ allowed: false, forbiddenReason: f.reason, forbiddenDetail: f.detail });
        const whole = aggregateCheckResults(evaluator.evaluatePod({ level: check.level, version: at }, pod.metadata, pod.spec));
        expect(whole.forbiddenReasons).toEqual(f.allReasons ?? [f.reason]);
        expect(whole.forbiddenDetails).toContain(f.detail);
      });
    }
  });
}
