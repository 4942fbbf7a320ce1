// Golden tests for pod validation: each case is a minimal valid pod (after defaults.ts) changed
// in one way, like Pod Security admission's fixtures, and asserts the whole message kubectl
// prints (reference/kubernetes-behaviour.md §2). Messages come from
// pkg/apis/core/validation/validation.go and apimachinery's validators; where the two profiles
// differ (bad-value rendering, feature gates) both are spelled out.

import { describe, expect, test } from "vitest";
import { defaultPod } from "../api/defaults.js";
import type { Pod } from "../api/types.js";
import { invalidMessage } from "../field/errors.js";
import { PROFILES, type ClusterProfile } from "../profiles.js";
import { validatePod, validatePodUpdate } from "./pod.js";

const GO = PROFILES["1.29-docker"];
const JSON_ = PROFILES["1.34-containerd"];

/** kubectl's rendering of an Invalid status, written out independently of errors.ts. */
function invalidText(name: string, causes: readonly string[]): string {
  if (causes.length === 1) return `The Pod "${name}" is invalid: ${causes[0]}`;
  return `The Pod "${name}" is invalid: \n${causes.map((c) => `* ${c}`).join("\n")}`;
}

/** Fake pointer addresses (1.29 %#v) are stable but arbitrary: compare their shape only. */
const shapeAddresses = (s: string) => s.replace(/\(0xc[0-9a-f]{9}\)/g, "(0xc…)");

function basePod(): Pod {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name: "demo", namespace: "default" },
    spec: {
      volumes: [{ name: "data", emptyDir: {} }],
      containers: [{ name: "app", image: "busybox:1.28", command: ["sh", "-c", "sleep 1h"], volumeMounts: [{ name: "data", mountPath: "/data" }] }],
    },
  };
}

function build(mutate: (p: Pod) => void): Pod {
  const p = basePod();
  mutate(p);
  defaultPod(p, "abcde");
  return p;
}

const c0 = (p: Pod) => p.spec.containers![0]!;
const sc = (p: Pod) => (p.spec.securityContext ??= {});

function messageFor(p: Pod, profile: ClusterProfile): string | undefined {
  const errs = validatePod(p, profile);
  return errs.length === 0 ? undefined : shapeAddresses(invalidMessage("Pod", p.metadata.name ?? "", errs));
}

interface Case {
  readonly name: string;
  readonly mutate: (p: Pod) => void;
  /** Cause lines; one list for both profiles, or per profile. Empty = accepted. */
  readonly expect: readonly string[] | { readonly go: readonly string[]; readonly json: readonly string[] };
}

const RANGE = "must be between 0 and 2147483647, inclusive";
const DNS_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ENV_STRICT = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const SYSCTL_RE = "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";
const SC = "spec.containers[0].securityContext";
const PSC = "spec.securityContext";
/** A volume with errors is left out of the volumes mounts may name (ValidateVolumes). */
const NOT_MOUNTABLE = 'spec.containers[0].volumeMounts[0].name: Not found: "data"';

const cases: readonly Case[] = [
  // ---- metadata (apimachinery ValidateObjectMeta) ----
  { name: "metadata.name not a DNS subdomain", mutate: (p) => { p.metadata.name = "Demo_Pod"; }, expect: [`metadata.name: Invalid value: "Demo_Pod": ${DNS_SUBDOMAIN}`] },
  { name: "metadata.name missing", mutate: (p) => { p.metadata.name = ""; }, expect: ["metadata.name: Required value: name or generateName is required"] },
  { name: "metadata.name longer than 253", mutate: (p) => { p.metadata.name = "a".repeat(254); }, expect: [`metadata.name: Invalid value: "${"a".repeat(254)}": must be no more than 253 characters`] },
  { name: "label value with a space", mutate: (p) => { p.metadata.labels = { app: "my app" }; }, expect: [`metadata.labels: Invalid value: "my app": ${LABEL_VALUE}`] },
  { name: "label key starting with '-'", mutate: (p) => { p.metadata.labels = { "-app": "x" }; }, expect: [`metadata.labels: Invalid value: "-app": name part ${QUALIFIED}`] },
  { name: "label key with an upper-case prefix", mutate: (p) => { p.metadata.labels = { "Example.com/app": "x" }; }, expect: [`metadata.labels: Invalid value: "Example.com/app": prefix part ${DNS_SUBDOMAIN}`] },
  { name: "annotation key with a space", mutate: (p) => { p.metadata.annotations = { "bad key": "v" }; }, expect: [`metadata.annotations: Invalid value: "bad key": name part ${QUALIFIED}`] },
  { name: "seccomp pod annotation value", mutate: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "bogus" }; }, expect: ['metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "bogus": must be a valid seccomp profile'] },
  {
    name: "seccomp annotation and field disagree",
    mutate: (p) => { p.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" }; sc(p).seccompProfile = { type: "RuntimeDefault" }; },
    expect: [`${PSC}.seccompProfile.type: Forbidden: seccomp type in annotation and field must match`],
  },
  { name: "AppArmor annotation for a missing container", mutate: (p) => { p.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/other": "runtime/default" }; }, expect: ['metadata.annotations[container.apparmor.security.beta.kubernetes.io/other]: Invalid value: "other": container not found'] },
  { name: "AppArmor annotation profile name", mutate: (p) => { p.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "foo" }; }, expect: ['metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: Invalid value: "foo": invalid AppArmor profile name: "foo"'] },

  // ---- containers (validateContainers / validateContainerCommon) ----
  { name: "no containers", mutate: (p) => { p.spec.containers = []; }, expect: ["spec.containers: Required value"] },
  { name: "container name with upper case", mutate: (p) => { c0(p).name = "App"; }, expect: [`spec.containers[0].name: Invalid value: "App": ${DNS_LABEL}`] },
  { name: "container name with a dot", mutate: (p) => { c0(p).name = "app.v1"; }, expect: ['spec.containers[0].name: Invalid value: "app.v1": must not contain dots'] },
  { name: "container name missing", mutate: (p) => { delete c0(p).name; }, expect: ["spec.containers[0].name: Required value"] },
  { name: "duplicate container names", mutate: (p) => { p.spec.containers!.push({ name: "app", image: "busybox:1.28" }); }, expect: ['spec.containers[1].name: Duplicate value: "app"'] },
  { name: "image missing", mutate: (p) => { delete c0(p).image; }, expect: ["spec.containers[0].image: Required value"] },
  { name: "image with a leading space", mutate: (p) => { c0(p).image = " busybox:1.28"; }, expect: ['spec.containers[0].image: Invalid value: " busybox:1.28": must not have leading or trailing whitespace'] },
  { name: "imagePullPolicy", mutate: (p) => { c0(p).imagePullPolicy = "Sometimes"; }, expect: ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'] },
  { name: "terminationMessagePolicy", mutate: (p) => { c0(p).terminationMessagePolicy = "Sometimes"; }, expect: ['spec.containers[0].terminationMessagePolicy: Unsupported value: "Sometimes": supported values: "File", "FallbackToLogsOnError"'] },
  {
    name: "port name, number and protocol",
    mutate: (p) => { c0(p).ports = [{ name: "HTTP", containerPort: 70000, protocol: "tcp" }]; },
    expect: [
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ],
  },
  { name: "containerPort missing", mutate: (p) => { c0(p).ports = [{}]; }, expect: ["spec.containers[0].ports[0].containerPort: Required value"] },
  { name: "duplicate port names", mutate: (p) => { c0(p).ports = [{ name: "http", containerPort: 80 }, { name: "http", containerPort: 81 }]; }, expect: ['spec.containers[0].ports[1].name: Duplicate value: "http"'] },
  {
    name: "host port used twice",
    mutate: (p) => { c0(p).ports = [{ containerPort: 80, hostPort: 8080 }]; p.spec.containers!.push({ name: "b", image: "busybox:1.28", ports: [{ containerPort: 81, hostPort: 8080 }] }); },
    expect: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
  },
  {
    name: "env var names (strict before RelaxedEnvironmentVariableValidation)",
    mutate: (p) => { c0(p).env = [{ name: "A=B", value: "1" }, { name: "MY VAR", value: "2" }]; },
    expect: {
      go: [`spec.containers[0].env[0].name: Invalid value: "A=B": ${ENV_STRICT}`, `spec.containers[0].env[1].name: Invalid value: "MY VAR": ${ENV_STRICT}`],
      json: ['spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\''],
    },
  },
  { name: "env var name missing", mutate: (p) => { c0(p).env = [{ value: "1" }]; }, expect: ["spec.containers[0].env[0].name: Required value"] },
  { name: "env valueFrom without a source", mutate: (p) => { c0(p).env = [{ name: "A", valueFrom: {} }]; }, expect: ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'] },
  {
    name: "env fieldRef to an unknown field",
    mutate: (p) => { c0(p).env = [{ name: "A", valueFrom: { fieldRef: { fieldPath: "spec.host.name" } } }]; },
    expect: ['spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.host.name": error converting fieldPath: field label not supported: spec.host.name'],
  },
  {
    name: "env fieldRef to a field env vars cannot use",
    mutate: (p) => { c0(p).env = [{ name: "A", valueFrom: { fieldRef: { fieldPath: "status.phase" } } }]; },
    expect: ['spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"'],
  },
  { name: "volumeMount of a missing volume", mutate: (p) => { c0(p).volumeMounts = [{ name: "missing", mountPath: "/data" }]; }, expect: ['spec.containers[0].volumeMounts[0].name: Not found: "missing"'] },
  { name: "mountPath used twice", mutate: (p) => { c0(p).volumeMounts!.push({ name: "data", mountPath: "/data" }); }, expect: ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'] },
  { name: "mountPath missing", mutate: (p) => { delete c0(p).volumeMounts![0]!.mountPath; }, expect: ["spec.containers[0].volumeMounts[0].mountPath: Required value"] },
  { name: "relative mountPath is accepted by the apiserver", mutate: (p) => { c0(p).volumeMounts![0]!.mountPath = "data"; }, expect: [] },
  { name: "subPath with '..' (path without the mount's index)", mutate: (p) => { c0(p).volumeMounts![0]!.subPath = "../etc"; }, expect: ['spec.containers[0].volumeMounts.subPath: Invalid value: "../etc": must not contain \'..\''] },
  { name: "absolute subPath", mutate: (p) => { c0(p).volumeMounts![0]!.subPath = "/etc"; }, expect: ['spec.containers[0].volumeMounts.subPath: Invalid value: "/etc": must be a relative path'] },
  { name: "Bidirectional propagation without privileged", mutate: (p) => { (c0(p).volumeMounts![0] as Record<string, unknown>)["mountPropagation"] = "Bidirectional"; }, expect: ["spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"] },
  {
    name: "requests above limits",
    mutate: (p) => { c0(p).resources = { limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "1", memory: "128Mi" } }; },
    expect: ['spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m', 'spec.containers[0].resources.requests: Invalid value: "128Mi": must be less than or equal to memory limit of 64Mi'],
  },
  {
    name: "non-standard resource name (requests defaulted from limits)",
    mutate: (p) => { c0(p).resources = { limits: { gpu: "1" } }; },
    expect: ['spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers', 'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers'],
  },
  { name: "probe without a handler", mutate: (p) => { c0(p).livenessProbe = { initialDelaySeconds: 5 }; }, expect: ["spec.containers[0].livenessProbe: Required value: must specify a handler type"] },
  { name: "liveness successThreshold", mutate: (p) => { c0(p).livenessProbe = { exec: { command: ["true"] }, successThreshold: 2 }; }, expect: ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"] },
  { name: "exec probe without a command", mutate: (p) => { c0(p).livenessProbe = { exec: {} }; }, expect: ["spec.containers[0].livenessProbe.exec.command: Required value"] },
  { name: "httpGet port 0", mutate: (p) => { c0(p).readinessProbe = { httpGet: { port: 0 } }; }, expect: ["spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"] },
  { name: "restartPolicy on a regular container", mutate: (p) => { c0(p)["restartPolicy"] = "Always"; }, expect: ["spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"] },
  { name: "probe on an init container", mutate: (p) => { p.spec.initContainers = [{ name: "init", image: "busybox:1.28", livenessProbe: { exec: { command: ["true"] } } }]; }, expect: ["spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"] },
  { name: "init container named like a container", mutate: (p) => { p.spec.initContainers = [{ name: "app", image: "busybox:1.28" }]; }, expect: ['spec.initContainers[0].name: Duplicate value: "app"'] },
  { name: "init container restartPolicy", mutate: (p) => { p.spec.initContainers = [{ name: "init", image: "busybox:1.28", restartPolicy: "OnFailure" }]; }, expect: ['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'] },

  // ---- volumes (ValidateVolumes) ----
  {
    name: "volume name with upper case: the volume cannot be mounted",
    mutate: (p) => { p.spec.volumes![0]!.name = "Data"; },
    expect: [`spec.volumes[0].name: Invalid value: "Data": ${DNS_LABEL}`, 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  },
  { name: "duplicate volume names", mutate: (p) => { p.spec.volumes!.push({ name: "data", emptyDir: {} }); }, expect: ['spec.volumes[1].name: Duplicate value: "data"'] },
  { name: "two volume sources", mutate: (p) => { p.spec.volumes![0]!.hostPath = { path: "/tmp" }; }, expect: ["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type", NOT_MOUNTABLE] },
  { name: "a volume without a source is an emptyDir", mutate: (p) => { p.spec.volumes = [{ name: "data" }]; }, expect: [] },
  { name: "hostPath without a path", mutate: (p) => { p.spec.volumes = [{ name: "data", hostPath: { path: "" } }]; }, expect: ["spec.volumes[0].hostPath.path: Required value", NOT_MOUNTABLE] },
  { name: "hostPath with '..'", mutate: (p) => { p.spec.volumes = [{ name: "data", hostPath: { path: "/tmp/../etc" } }]; }, expect: ['spec.volumes[0].hostPath.path: Invalid value: "/tmp/../etc": must not contain \'..\'', NOT_MOUNTABLE] },
  {
    name: "hostPath type",
    mutate: (p) => { p.spec.volumes = [{ name: "data", hostPath: { path: "/tmp", type: "Dir" } }]; },
    expect: ['spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"', NOT_MOUNTABLE],
  },
  { name: "secret volume without secretName", mutate: (p) => { p.spec.volumes = [{ name: "data", secret: {} }]; }, expect: ["spec.volumes[0].secret.secretName: Required value", NOT_MOUNTABLE] },
  { name: "configMap defaultMode above 0777", mutate: (p) => { p.spec.volumes = [{ name: "data", configMap: { name: "cm", defaultMode: 1000 } }]; }, expect: ["spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive", NOT_MOUNTABLE] },

  // ---- pod spec ----
  { name: "restartPolicy", mutate: (p) => { p.spec.restartPolicy = "Sometimes"; }, expect: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'] },
  {
    name: "named-string bad values are JSON from 1.34, Go-quoted before",
    mutate: (p) => { p.spec.restartPolicy = "<never>"; },
    expect: {
      go: ['spec.restartPolicy: Unsupported value: "<never>": supported values: "Always", "OnFailure", "Never"'],
      json: ['spec.restartPolicy: Unsupported value: "\\u003cnever\\u003e": supported values: "Always", "OnFailure", "Never"'],
    },
  },
  { name: "dnsPolicy", mutate: (p) => { p.spec.dnsPolicy = "Google"; }, expect: ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'] },
  { name: "dnsPolicy None without dnsConfig", mutate: (p) => { p.spec.dnsPolicy = "None"; }, expect: ["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"] },
  { name: "activeDeadlineSeconds 0", mutate: (p) => { p.spec.activeDeadlineSeconds = 0; }, expect: ["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"] },
  { name: "hostname", mutate: (p) => { p.spec.hostname = "My_Host"; }, expect: [`spec.hostname: Invalid value: "My_Host": ${DNS_LABEL}`] },
  { name: "serviceAccountName", mutate: (p) => { p.spec.serviceAccountName = "Bad_SA"; }, expect: [`spec.serviceAccountName: Invalid value: "Bad_SA": ${DNS_SUBDOMAIN}`] },
  { name: "nodeSelector value", mutate: (p) => { p.spec.nodeSelector = { disk: "fast ssd" }; }, expect: [`spec.nodeSelector: Invalid value: "fast ssd": ${LABEL_VALUE}`] },
  { name: "toleration without key must use Exists", mutate: (p) => { p.spec.tolerations = [{ operator: "Equal", value: "x" }]; }, expect: ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'] },
  { name: "toleration effect", mutate: (p) => { p.spec.tolerations = [{ key: "k", operator: "Exists", effect: "NoRun" }]; }, expect: ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'] },
  { name: "tolerationSeconds needs NoExecute", mutate: (p) => { p.spec.tolerations = [{ key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 5 }]; }, expect: ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'] },
  { name: "hostNetwork: hostPort must equal containerPort", mutate: (p) => { p.spec.hostNetwork = true; c0(p).ports = [{ containerPort: 80, hostPort: 8080 }]; }, expect: ["spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"] },
  { name: "hostNetwork: hostPort defaults to containerPort", mutate: (p) => { p.spec.hostNetwork = true; c0(p).ports = [{ containerPort: 80 }]; }, expect: [] },
  {
    name: "hostUsers false with host namespaces (field dropped while UserNamespacesSupport is off)",
    mutate: (p) => { p.spec.hostUsers = false; p.spec.hostNetwork = true; p.spec.hostPID = true; p.spec.hostIPC = true; },
    expect: { go: [], json: ["spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false", "spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false", "spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false"] },
  },
  { name: "ephemeral containers on create", mutate: (p) => { p.spec.ephemeralContainers = [{ name: "debug", image: "busybox" }]; }, expect: ["spec.ephemeralContainers: Forbidden: cannot be set on create"] },

  // ---- container securityContext: ValidateSecurityContext (§2.2) ----
  { name: "container runAsUser -1", mutate: (p) => { c0(p).securityContext = { runAsUser: -1 }; }, expect: [`${SC}.runAsUser: Invalid value: -1: ${RANGE}`] },
  { name: "container runAsUser 2^31", mutate: (p) => { c0(p).securityContext = { runAsUser: 2147483648 }; }, expect: [`${SC}.runAsUser: Invalid value: 2147483648: ${RANGE}`] },
  { name: "container runAsGroup -1", mutate: (p) => { c0(p).securityContext = { runAsGroup: -1 }; }, expect: [`${SC}.runAsGroup: Invalid value: -1: ${RANGE}`] },
  { name: "privileged is allowed (--allow-privileged)", mutate: (p) => { c0(p).securityContext = { privileged: true }; }, expect: [] },
  {
    name: "allowPrivilegeEscalation false with privileged true",
    mutate: (p) => { c0(p).securityContext = { allowPrivilegeEscalation: false, privileged: true }; },
    expect: {
      go: [`${SC}: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc…), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc…), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil)}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`],
      json: [`${SC}: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`],
    },
  },
  {
    name: "allowPrivilegeEscalation false with CAP_SYS_ADMIN",
    mutate: (p) => { c0(p).securityContext = { allowPrivilegeEscalation: false, runAsUser: 1000, capabilities: { add: ["CAP_SYS_ADMIN"] } }; },
    expect: {
      go: [`${SC}: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(0xc…), Privileged:(*bool)(nil), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(0xc…), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc…), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil)}: cannot set \`allowPrivilegeEscalation\` to false and \`capabilities.Add\` CAP_SYS_ADMIN`],
      json: [`${SC}: Invalid value: {"Capabilities":{"Add":["CAP_SYS_ADMIN"],"Drop":null},"Privileged":null,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":1000,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set \`allowPrivilegeEscalation\` to false and \`capabilities.Add\` CAP_SYS_ADMIN`],
    },
  },
  { name: "SYS_ADMIN without the CAP_ prefix is not checked (kubernetes#119568)", mutate: (p) => { c0(p).securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ["SYS_ADMIN"] } }; }, expect: [] },
  { name: "capability names are not validated", mutate: (p) => { c0(p).securityContext = { capabilities: { add: ["NOT_A_CAP"], drop: ["all"] } }; }, expect: [] },
  {
    name: "procMount value (ProcMountType off in 1.29: reset to Default)",
    mutate: (p) => { c0(p).securityContext = { procMount: "Foo" }; },
    expect: { go: [], json: [`${SC}.procMount: Unsupported value: "Foo": supported values: "Default", "Unmasked"`] },
  },
  { name: "procMount Unmasked needs hostUsers false", mutate: (p) => { c0(p).securityContext = { procMount: "Unmasked" }; }, expect: { go: [], json: [`${SC}.procMount: Invalid value: "Unmasked": \`hostUsers\` must be false to use \`Unmasked\``] } },
  { name: "procMount Unmasked with hostUsers false", mutate: (p) => { p.spec.hostUsers = false; c0(p).securityContext = { procMount: "Unmasked" }; }, expect: [] },
  { name: "seccomp type unknown", mutate: (p) => { c0(p).securityContext = { seccompProfile: { type: "Foo" } }; }, expect: [`${SC}.seccompProfile.type: Unsupported value: "Foo": supported values: "Localhost", "RuntimeDefault", "Unconfined"`] },
  { name: "seccomp type missing", mutate: (p) => { c0(p).securityContext = { seccompProfile: {} }; }, expect: [`${SC}.seccompProfile.type: Required value: type is required when seccompProfile is set`] },
  { name: "seccomp Localhost without a profile", mutate: (p) => { c0(p).securityContext = { seccompProfile: { type: "Localhost" } }; }, expect: [`${SC}.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost`] },
  { name: "seccomp Localhost absolute path", mutate: (p) => { c0(p).securityContext = { seccompProfile: { type: "Localhost", localhostProfile: "/abs.json" } }; }, expect: [`${SC}.seccompProfile.localhostProfile: Invalid value: "/abs.json": must be a relative path`] },
  { name: "seccomp Localhost with '..'", mutate: (p) => { c0(p).securityContext = { seccompProfile: { type: "Localhost", localhostProfile: "../x.json" } }; }, expect: [`${SC}.seccompProfile.localhostProfile: Invalid value: "../x.json": must not contain '..'`] },
  {
    name: "seccomp localhostProfile with RuntimeDefault",
    mutate: (p) => { c0(p).securityContext = { seccompProfile: { type: "RuntimeDefault", localhostProfile: "x.json" } }; },
    expect: {
      go: [`${SC}.seccompProfile.localhostProfile: Invalid value: core.SeccompProfile{Type:"RuntimeDefault", LocalhostProfile:(*string)(0xc…)}: can only be set when seccomp type is Localhost`],
      json: [`${SC}.seccompProfile.localhostProfile: Invalid value: {"Type":"RuntimeDefault","LocalhostProfile":"x.json"}: can only be set when seccomp type is Localhost`],
    },
  },
  { name: "windows runAsUserName empty", mutate: (p) => { c0(p).securityContext = { windowsOptions: { runAsUserName: "" } }; }, expect: [`${SC}.windowsOptions.runAsUserName: Invalid value: "": runAsUserName cannot be an empty string`] },
  { name: "windows runAsUserName with two backslashes", mutate: (p) => { c0(p).securityContext = { windowsOptions: { runAsUserName: "a\\b\\c" } }; }, expect: [`${SC}.windowsOptions.runAsUserName: Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash`] },
  { name: "windows gmsaCredentialSpecName", mutate: (p) => { c0(p).securityContext = { windowsOptions: { gmsaCredentialSpecName: "Bad_Name" } }; }, expect: [`${SC}.windowsOptions.gmsaCredentialSpecName: Invalid value: "Bad_Name": ${DNS_SUBDOMAIN}`] },
  { name: "appArmor Localhost without a profile (field exists from 1.30)", mutate: (p) => { c0(p).securityContext = { appArmorProfile: { type: "Localhost" } }; }, expect: { go: [], json: [`${SC}.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost`] } },
  { name: "appArmor type missing", mutate: (p) => { c0(p).securityContext = { appArmorProfile: {} }; }, expect: { go: [], json: [`${SC}.appArmorProfile.type: Required value: type is required when appArmorProfile is set`] } },
  { name: "appArmor type unknown", mutate: (p) => { c0(p).securityContext = { appArmorProfile: { type: "Foo" } }; }, expect: { go: [], json: [`${SC}.appArmorProfile.type: Unsupported value: "Foo": supported values: "Localhost", "RuntimeDefault", "Unconfined"`] } },
  { name: "appArmor profile with RuntimeDefault", mutate: (p) => { c0(p).securityContext = { appArmorProfile: { type: "RuntimeDefault", localhostProfile: "p" } }; }, expect: { go: [], json: [`${SC}.appArmorProfile.localhostProfile: Invalid value: "p": can only be set when AppArmor type is Localhost`] } },
  { name: "appArmor profile padded", mutate: (p) => { c0(p).securityContext = { appArmorProfile: { type: "Localhost", localhostProfile: " p" } }; }, expect: { go: [], json: [`${SC}.appArmorProfile.localhostProfile: Invalid value: " p": must not be padded with whitespace`] } },

  // ---- pod securityContext: validatePodSpecSecurityContext (§2.3) ----
  {
    name: "pod IDs in validatePodSpecSecurityContext order",
    mutate: (p) => { p.spec.securityContext = { supplementalGroups: [-5], runAsGroup: -1, runAsUser: -1, fsGroup: -1 }; },
    expect: [`${PSC}.fsGroup: Invalid value: -1: ${RANGE}`, `${PSC}.runAsUser: Invalid value: -1: ${RANGE}`, `${PSC}.runAsGroup: Invalid value: -1: ${RANGE}`, `${PSC}.supplementalGroups[0]: Invalid value: -5: ${RANGE}`],
  },
  {
    name: "container errors come before the pod securityContext's (ValidatePodSpec order)",
    mutate: (p) => { p.spec.securityContext = { runAsUser: -1 }; c0(p).securityContext = { runAsUser: -1 }; p.spec.initContainers = [{ name: "init", image: "busybox:1.28", securityContext: { runAsUser: -2 } }]; },
    expect: [`${SC}.runAsUser: Invalid value: -1: ${RANGE}`, `spec.initContainers[0].securityContext.runAsUser: Invalid value: -2: ${RANGE}`, `${PSC}.runAsUser: Invalid value: -1: ${RANGE}`],
  },
  { name: "fsGroupChangePolicy", mutate: (p) => { sc(p).fsGroupChangePolicy = "Foo"; }, expect: [`${PSC}.fsGroupChangePolicy: Unsupported value: "Foo": supported values: "Always", "OnRootMismatch"`] },
  { name: "pod seccomp type unknown", mutate: (p) => { sc(p).seccompProfile = { type: "Foo" }; }, expect: [`${PSC}.seccompProfile.type: Unsupported value: "Foo": supported values: "Localhost", "RuntimeDefault", "Unconfined"`] },
  { name: "shareProcessNamespace with hostPID", mutate: (p) => { p.spec.shareProcessNamespace = true; p.spec.hostPID = true; }, expect: [`${PSC}.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled`] },
  { name: "supplementalGroupsPolicy (field from 1.31)", mutate: (p) => { sc(p).supplementalGroupsPolicy = "Foo"; }, expect: { go: [], json: [`${PSC}.supplementalGroupsPolicy: Unsupported value: "Foo": supported values: "Merge", "Strict"`] } },
  { name: "supplementalGroupsPolicy Strict", mutate: (p) => { sc(p).supplementalGroupsPolicy = "Strict"; }, expect: [] },
  { name: "seLinuxChangePolicy MountOption needs SELinuxMount", mutate: (p) => { sc(p).seLinuxChangePolicy = "MountOption"; }, expect: { go: [], json: [`${PSC}.seLinuxChangePolicy: Unsupported value: "MountOption": supported values: "Recursive"`] } },

  // ---- sysctls (§2.5) ----
  { name: "sysctl name missing", mutate: (p) => { sc(p).sysctls = [{ value: "1" }]; }, expect: [`${PSC}.sysctls[0].name: Required value`] },
  { name: "sysctl name syntax", mutate: (p) => { sc(p).sysctls = [{ name: "Foo", value: "1" }]; }, expect: [`${PSC}.sysctls[0].name: Invalid value: "Foo": ${SYSCTL_RE}`] },
  {
    name: "sysctl duplicate",
    mutate: (p) => { sc(p).sysctls = [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }, { name: "net.ipv4.ip_local_port_range", value: "2048 65535" }]; },
    expect: [`${PSC}.sysctls[1].name: Duplicate value: "net.ipv4.ip_local_port_range"`],
  },
  { name: "net sysctl with hostNetwork", mutate: (p) => { p.spec.hostNetwork = true; sc(p).sysctls = [{ name: "net.x", value: "1" }]; }, expect: [`${PSC}.sysctls[0].name: Invalid value: "net.x": may not be specified when 'hostNetwork' is true`] },
  { name: "slash-separated net sysctl with hostNetwork", mutate: (p) => { p.spec.hostNetwork = true; sc(p).sysctls = [{ name: "net/ipv4/ip_forward", value: "1" }]; }, expect: [`${PSC}.sysctls[0].name: Invalid value: "net/ipv4/ip_forward": may not be specified when 'hostNetwork' is true`] },
  { name: "ipc sysctl with hostIPC", mutate: (p) => { p.spec.hostIPC = true; sc(p).sysctls = [{ name: "kernel.shm_rmid_forced", value: "1" }]; }, expect: [`${PSC}.sysctls[0].name: Invalid value: "kernel.shm_rmid_forced": may not be specified when 'hostIPC' is true`] },

  // ---- OS-specific (§2.6) ----
  { name: "windowsOptions on a pod without spec.os are accepted", mutate: (p) => { sc(p).windowsOptions = { runAsUserName: "user" }; }, expect: [] },
  { name: "windowsOptions on a linux pod", mutate: (p) => { p.spec.os = { name: "linux" }; sc(p).windowsOptions = { runAsUserName: "user" }; c0(p).securityContext = { windowsOptions: { runAsUserName: "user" } }; }, expect: [`${PSC}.windowsOptions: Forbidden: windows options cannot be set for a linux pod`, `${SC}.windowsOptions: Forbidden: windows options cannot be set for a linux pod`] },
  {
    name: "linux fields on a windows pod",
    mutate: (p) => { p.spec.os = { name: "windows" }; p.spec.securityContext = { runAsUser: 1000, fsGroup: 2000 }; c0(p).securityContext = { allowPrivilegeEscalation: false }; },
    expect: [`${PSC}.fsGroup: Forbidden: cannot be set for a windows pod`, `${PSC}.runAsUser: Forbidden: cannot be set for a windows pod`, `${SC}.allowPrivilegeEscalation: Forbidden: cannot be set for a windows pod`],
  },
  { name: "os name unknown", mutate: (p) => { p.spec.os = { name: "mac" }; }, expect: ['spec.os: Unsupported value: "mac": supported values: "linux", "windows"'] },
  { name: "os name missing", mutate: (p) => { p.spec.os = {}; }, expect: ["spec.os.name: Required value: cannot be empty"] },
];

function linesFor(e: Case["expect"], profile: ClusterProfile): readonly string[] {
  if ("go" in e) return profile === GO ? e.go : e.json;
  return e;
}

describe("validatePod: one change to a valid pod", () => {
  for (const c of cases) {
    for (const [label, profile] of [["1.29 (Go %#v values)", GO], ["1.34 (JSON values)", JSON_]] as const) {
      test(`${c.name} — ${label}`, () => {
        const p = build(c.mutate);
        const lines = linesFor(c.expect, profile);
        expect(messageFor(p, profile)).toBe(lines.length === 0 ? undefined : invalidText(p.metadata.name ?? "", lines));
      });
    }
  }

  test("the base pod is valid", () => {
    expect(validatePod(build(() => {}), GO)).toEqual([]);
    expect(validatePod(build(() => {}), JSON_)).toEqual([]);
  });

  test("validation does not modify the pod it is given", () => {
    const p = build((q) => { c0(q).securityContext = { procMount: "Foo" }; q.spec.volumes = [{ name: "data" }]; });
    const before = JSON.stringify(p);
    validatePod(p, GO);
    expect(JSON.stringify(p)).toBe(before);
  });

  test("fake pointer addresses are stable and shaped like Go's", () => {
    const p = build((q) => { c0(q).securityContext = { allowPrivilegeEscalation: false, privileged: true }; });
    const a = invalidMessage("Pod", "demo", validatePod(p, GO));
    expect(invalidMessage("Pod", "demo", validatePod(p, GO))).toBe(a);
    expect(a.match(/\(0xc[0-9a-f]{9}\)/g)).toHaveLength(2);
  });

  test("FieldError values: type, field, JSON-like badValue, detail", () => {
    const [err] = validatePod(build((q) => { c0(q).securityContext = { runAsUser: -1 }; }), JSON_);
    expect(err).toMatchObject({ type: "Invalid value", field: "spec.containers[0].securityContext.runAsUser", badValue: -1, detail: RANGE });
  });
});

// ---- the tutorial's manifests (reference §1.1, §1.2) are valid ----

function manifest(name: string, spec: Pod["spec"]): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec };
}

const tutorial: readonly Pod[] = [
  manifest("security-context-demo", {
    securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] },
    volumes: [{ name: "sec-ctx-vol", emptyDir: {} }],
    containers: [{ name: "sec-ctx-demo", image: "busybox:1.28", command: ["sh", "-c", "sleep 1h"], volumeMounts: [{ name: "sec-ctx-vol", mountPath: "/data/demo" }], securityContext: { allowPrivilegeEscalation: false } }],
  }),
  manifest("security-context-demo", {
    securityContext: { runAsUser: 1000, fsGroup: 2000 },
    volumes: [{ name: "sec-ctx-vol", emptyDir: {} }],
    containers: [{ name: "sec-ctx-demo", image: "gcr.io/google-samples/node-hello:1.0", volumeMounts: [{ name: "sec-ctx-vol", mountPath: "/data/demo" }], securityContext: { allowPrivilegeEscalation: false } }],
  }),
  manifest("security-context-demo-2", { securityContext: { runAsUser: 1000 }, containers: [{ name: "sec-ctx-demo-2", image: "gcr.io/google-samples/hello-app:2.0", securityContext: { runAsUser: 2000, allowPrivilegeEscalation: false } }] }),
  manifest("security-context-demo-3", { containers: [{ name: "sec-ctx-3", image: "gcr.io/google-samples/hello-app:2.0" }] }),
  manifest("security-context-demo-4", { containers: [{ name: "sec-ctx-4", image: "gcr.io/google-samples/hello-app:2.0", securityContext: { capabilities: { add: ["NET_ADMIN", "SYS_TIME"] } } }] }),
  manifest("security-context-demo", {
    securityContext: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000] },
    containers: [{ name: "sec-ctx-demo", image: "registry.k8s.io/e2e-test-images/agnhost:2.45", command: ["sh", "-c", "sleep 1h"], securityContext: { allowPrivilegeEscalation: false } }],
  }),
  manifest("security-context-demo", {
    securityContext: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000], supplementalGroupsPolicy: "Strict" },
    containers: [{ name: "sec-ctx-demo", image: "registry.k8s.io/e2e-test-images/agnhost:2.45", command: ["sh", "-c", "sleep 1h"], securityContext: { allowPrivilegeEscalation: false } }],
  }),
  manifest("audit-pod", {
    securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "profiles/audit.json" } },
    containers: [{ name: "test-container", image: "hashicorp/http-echo:1.0", args: ["-text=just made some syscalls!"], securityContext: { allowPrivilegeEscalation: false } }],
  }),
  manifest("default-pod", { securityContext: { seccompProfile: { type: "RuntimeDefault" } }, containers: [{ name: "test-container", image: "hashicorp/http-echo:1.0", args: ["-text=just made some more syscalls!"], securityContext: { allowPrivilegeEscalation: false } }] }),
  manifest("hello-apparmor-container", {
    securityContext: { appArmorProfile: { type: "Localhost", localhostProfile: "profiles/k8s-apparmor-deny-writes" } },
    containers: [{ name: "hello", image: "busybox:1.28", command: ["sh", "-c", "echo 'Hello AppArmor!' && sleep 1h"] }],
  }),
];

describe("the tutorial's manifests are accepted", () => {
  for (const pod of tutorial) {
    for (const profile of [GO, JSON_]) {
      test(`${pod.metadata.name} (${pod.spec.containers![0]!.image}) on ${profile.id}`, () => {
        const p = JSON.parse(JSON.stringify(pod)) as Pod;
        defaultPod(p, "abcde");
        expect(validatePod(p, profile)).toEqual([]);
      });
    }
  }
});

// ---- updates: ValidatePodUpdate (§2.7) ----

const FORBIDDEN = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/** The stored pod: security-context.yaml, defaulted and scheduled. */
function storedPod(): Pod {
  const p = JSON.parse(JSON.stringify(tutorial[0])) as Pod;
  defaultPod(p, "abcde");
  p.spec.nodeName = "node01";
  p.metadata.uid = "0d9c54b2-6e5a-4a8b-9b55-2f4c3c1a7e01";
  p.metadata.creationTimestamp = "2025-01-01T00:00:00Z";
  return p;
}

/** What `kubectl apply` of an edited manifest sends: defaulted again, nodeName kept (cluster.ts). */
function applied(edit: (p: Pod) => void): Pod {
  const p = JSON.parse(JSON.stringify(tutorial[0])) as Pod;
  edit(p);
  defaultPod(p, "abcde");
  p.spec.nodeName = "node01";
  return p;
}

const VOLUMES = '  \tVolumes:        {{Name: "sec-ctx-vol", VolumeSource: {EmptyDir: &{}}}, {Name: "kube-api-access-abcde", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{LocalObjectReference: {Name: "kube-root-ca.crt"}, Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: &{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},';

/** The expected diff lines joined as go-cmp prints them (two-column prefix, tabs, final newline). */
const diff = (...lines: string[]) => `${lines.join("\n")}\n`;

function updateMessage(edit: (p: Pod) => void, profile: ClusterProfile): string | undefined {
  const errs = validatePodUpdate(applied(edit), storedPod(), profile);
  return errs.length === 0 ? undefined : invalidMessage("Pod", "security-context-demo", errs);
}

describe("validatePodUpdate", () => {
  test("re-applying the same manifest is not an error", () => {
    expect(updateMessage(() => {}, GO)).toBeUndefined();
    expect(updateMessage(() => {}, JSON_)).toBeUndefined();
  });

  test("changing only the image is allowed", () => {
    expect(updateMessage((p) => { c0(p).image = "busybox:1.36"; }, JSON_)).toBeUndefined();
  });

  test("changing labels is allowed", () => {
    expect(updateMessage((p) => { p.metadata.labels = { app: "demo" }; }, JSON_)).toBeUndefined();
  });

  for (const [profile, psc, spec] of [[GO, 5, 18], [JSON_, 8, 20]] as const) {
    test(`pod securityContext.runAsUser changed (${profile.id})`, () => {
      expect(updateMessage((p) => { sc(p).runAsUser = 2000; }, profile)).toBe(invalidText("security-context-demo", [FORBIDDEN + "\n" + diff(
        "  core.PodSpec{",
        "  \t... // 10 identical fields",
        "  \tAutomountServiceAccountToken: nil,",
        '  \tNodeName:                     "node01",',
        "  \tSecurityContext: &core.PodSecurityContext{",
        "  \t\t... // 5 identical fields",
        "  \t\tSELinuxOptions: nil,",
        "  \t\tWindowsOptions: nil,",
        "- \t\tRunAsUser:      &1000,",
        "+ \t\tRunAsUser:      &2000,",
        "  \t\tRunAsGroup:     &3000,",
        "  \t\tRunAsNonRoot:   nil,",
        `  \t\t... // ${psc} identical fields`,
        "  \t},",
        "  \tImagePullSecrets: nil,",
        '  \tHostname:         "",',
        `  \t... // ${spec} identical fields`,
        "  }",
      )]));
    });
  }

  for (const [profile, before, after, ellipsis] of [[GO, ["  \t\tFSGroup:             &2000,", "  \t\tFSGroupChangePolicy: nil,"], 2, 18], [JSON_, ["  \t\tSupplementalGroupsPolicy: nil,", "  \t\tFSGroup:                  &2000,"], 5, 20]] as const) {
    test(`supplementalGroups element changed: go-cmp's slice diff (${profile.id})`, () => {
      expect(updateMessage((p) => { sc(p).supplementalGroups = [5000]; }, profile)).toBe(invalidText("security-context-demo", [FORBIDDEN + "\n" + diff(
        "  core.PodSpec{",
        "  \t... // 10 identical fields",
        "  \tAutomountServiceAccountToken: nil,",
        '  \tNodeName:                     "node01",',
        "  \tSecurityContext: &core.PodSecurityContext{",
        "  \t\t... // 8 identical fields",
        "  \t\tRunAsGroup:   &3000,",
        "  \t\tRunAsNonRoot: nil,",
        "  \t\tSupplementalGroups: []int64{",
        "- \t\t\t4000,",
        "+ \t\t\t5000,",
        "  \t\t},",
        ...before,
        `  \t\t... // ${after} identical fields`,
        "  \t},",
        "  \tImagePullSecrets: nil,",
        '  \tHostname:         "",',
        `  \t... // ${ellipsis} identical fields`,
        "  }",
      )]));
    });
  }

  for (const [profile, midFields, scTail, specTail] of [[GO, 8, 4, 28], [JSON_, 9, 5, 30]] as const) {
    test(`command, env and container securityContext changed (${profile.id})`, () => {
      const edit = (p: Pod) => {
        c0(p).command = ["sh", "-c", "sleep 2h"];
        c0(p).env = [{ name: "A", value: "1" }];
        c0(p).securityContext = { allowPrivilegeEscalation: false, runAsUser: 2000 };
      };
      expect(updateMessage(edit, profile)).toBe(invalidText("security-context-demo", [FORBIDDEN + "\n" + diff(
        "  core.PodSpec{",
        VOLUMES,
        "  \tInitContainers: nil,",
        "  \tContainers: []core.Container{",
        "  \t\t{",
        '  \t\t\tName:  "sec-ctx-demo",',
        '  \t\t\tImage: "busybox:1.28",',
        "  \t\t\tCommand: []string{",
        '  \t\t\t\t"sh",',
        '  \t\t\t\t"-c",',
        '- \t\t\t\t"sleep 1h",',
        '+ \t\t\t\t"sleep 2h",',
        "  \t\t\t},",
        "  \t\t\tArgs:         nil,",
        '  \t\t\tWorkingDir:   "",',
        "  \t\t\tPorts:        nil,",
        "  \t\t\tEnvFrom:      nil,",
        "- \t\t\tEnv:          nil,",
        '+ \t\t\tEnv:          []core.EnvVar{{Name: "A", Value: "1"}},',
        "  \t\t\tResources:    {},",
        "  \t\t\tResizePolicy: nil,",
        `  \t\t\t... // ${midFields} identical fields`,
        '  \t\t\tTerminationMessagePolicy: "File",',
        '  \t\t\tImagePullPolicy:          "IfNotPresent",',
        "  \t\t\tSecurityContext: &core.SecurityContext{",
        "  \t\t\t\t... // 2 identical fields",
        "  \t\t\t\tSELinuxOptions: nil,",
        "  \t\t\t\tWindowsOptions: nil,",
        "- \t\t\t\tRunAsUser:      nil,",
        "+ \t\t\t\tRunAsUser:      &2000,",
        "  \t\t\t\tRunAsGroup:     nil,",
        "  \t\t\t\tRunAsNonRoot:   nil,",
        `  \t\t\t\t... // ${scTail} identical fields`,
        "  \t\t\t},",
        "  \t\t\tStdin:     false,",
        "  \t\t\tStdinOnce: false,",
        "  \t\t\tTTY:       false,",
        "  \t\t},",
        "  \t},",
        "  \tEphemeralContainers: nil,",
        '  \tRestartPolicy:       "Always",',
        `  \t... // ${specTail} identical fields`,
        "  }",
      )]));
    });
  }

  test("an env var added to a list: only the new element is marked (1.34)", () => {
    const stored = storedPod();
    c0(stored).env = [{ name: "A", value: "1" }];
    const next = applied((p) => { c0(p).env = [{ name: "A", value: "1" }, { name: "B", value: "2" }]; });
    const text = invalidMessage("Pod", "security-context-demo", validatePodUpdate(next, stored, JSON_));
    expect(text).toBe(invalidText("security-context-demo", [FORBIDDEN + "\n" + diff(
      "  core.PodSpec{",
      VOLUMES,
      "  \tInitContainers: nil,",
      "  \tContainers: []core.Container{",
      "  \t\t{",
      "  \t\t\t... // 5 identical fields",
      "  \t\t\tPorts:   nil,",
      "  \t\t\tEnvFrom: nil,",
      "  \t\t\tEnv: []core.EnvVar{",
      '  \t\t\t\t{Name: "A", Value: "1"},',
      '+ \t\t\t\t{Name: "B", Value: "2"},',
      "  \t\t\t},",
      "  \t\t\tResources:    {},",
      "  \t\t\tResizePolicy: nil,",
      "  \t\t\t... // 15 identical fields",
      "  \t\t},",
      "  \t},",
      "  \tEphemeralContainers: nil,",
      '  \tRestartPolicy:       "Always",',
      "  \t... // 30 identical fields",
      "  }",
    )]));
  });

  test("a container securityContext set where there was none (1.29)", () => {
    const stored = storedPod();
    delete c0(stored).securityContext;
    const next = applied((p) => { c0(p).securityContext = { readOnlyRootFilesystem: true }; });
    expect(invalidMessage("Pod", "security-context-demo", validatePodUpdate(next, stored, GO))).toBe(invalidText("security-context-demo", [FORBIDDEN + "\n" + diff(
      "  core.PodSpec{",
      VOLUMES,
      "  \tInitContainers: nil,",
      "  \tContainers: []core.Container{",
      "  \t\t{",
      "  \t\t\t... // 18 identical fields",
      '  \t\t\tTerminationMessagePolicy: "File",',
      '  \t\t\tImagePullPolicy:          "IfNotPresent",',
      "- \t\t\tSecurityContext:          nil,",
      "+ \t\t\tSecurityContext:          &core.SecurityContext{ReadOnlyRootFilesystem: &true},",
      "  \t\t\tStdin:                    false,",
      "  \t\t\tStdinOnce:                false,",
      "  \t\t\tTTY:                      false,",
      "  \t\t},",
      "  \t},",
      "  \tEphemeralContainers: nil,",
      '  \tRestartPolicy:       "Always",',
      "  \t... // 28 identical fields",
      "  }",
    )]));
  });

  test("an invalid change: the field error first, then the Forbidden diff (multi-cause form)", () => {
    const text = updateMessage((p) => { sc(p).fsGroup = -1; }, JSON_)!;
    expect(text.split("\n").slice(0, 3)).toEqual([
      'The Pod "security-context-demo" is invalid: ',
      `* ${PSC}.fsGroup: Invalid value: -1: ${RANGE}`,
      `* ${FORBIDDEN}`,
    ]);
  });

  test("adding a container", () => {
    expect(updateMessage((p) => { p.spec.containers!.push({ name: "b", image: "busybox:1.28" }); }, JSON_)).toBe(invalidText("security-context-demo", ["spec.containers: Forbidden: pod updates may not add or remove containers"]));
  });

  test("tolerations: additions and tolerationSeconds are allowed, other edits are not", () => {
    const add = (p: Pod) => {
      p.spec.tolerations = [
        { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
        { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
        { key: "dedicated", operator: "Equal", value: "lab", effect: "NoSchedule" },
      ];
    };
    expect(updateMessage(add, JSON_)).toBeUndefined();
    const seconds = (p: Pod) => {
      p.spec.tolerations = [
        { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 60 },
        { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
      ];
    };
    expect(updateMessage(seconds, JSON_)).toBeUndefined();
    // (Changing the effect would not do: DefaultTolerationSeconds, which also runs on updates,
    // adds the NoExecute toleration back.)
    const edit = (p: Pod) => {
      p.spec.tolerations = [
        { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Equal", value: "x", tolerationSeconds: 300 },
        { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
      ];
    };
    expect(updateMessage(edit, JSON_)).toBe(invalidText("security-context-demo", ["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"]));
  });

  test("activeDeadlineSeconds may be set and lowered, not raised or removed", () => {
    expect(updateMessage((p) => { p.spec.activeDeadlineSeconds = 30; }, JSON_)).toBeUndefined();
    const stored = storedPod();
    stored.spec.activeDeadlineSeconds = 30;
    const raise = applied((p) => { p.spec.activeDeadlineSeconds = 60; });
    expect(invalidMessage("Pod", "x", validatePodUpdate(raise, stored, JSON_))).toBe(invalidText("x", ["spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value"]));
    const remove = applied(() => {});
    expect(invalidMessage("Pod", "x", validatePodUpdate(remove, stored, JSON_))).toBe(invalidText("x", ["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"]));
    expect(invalidMessage("Pod", "x", validatePodUpdate(remove, stored, GO))).toBe(invalidText("x", ['spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value']));
  });
});

describe("hostile input", () => {
  test("null list elements are zero structs, as Go decodes them", () => {
    const p = build(() => {});
    (p.spec.containers as unknown[]).push(null);
    (p.spec.volumes as unknown[]).push(null);
    expect(messageFor(p, JSON_)).toBe(invalidText("demo", [
      "spec.volumes[2].name: Required value",
      "spec.containers[1].name: Required value",
      "spec.containers[1].image: Required value",
    ]));
  });

  test("\"__proto__\" is just a label key", () => {
    const p = build((q) => { q.metadata.labels = JSON.parse('{"__proto__": "bad value"}') as Record<string, string>; });
    expect(messageFor(p, GO)).toBe(invalidText("demo", [`metadata.labels: Invalid value: "__proto__": name part ${QUALIFIED}`, `metadata.labels: Invalid value: "bad value": ${LABEL_VALUE}`]));
  });

  test("control characters are quoted the Go way (%q), named types the JSON way", () => {
    const p = build((q) => { c0(q).name = "a\u0007b"; q.spec.dnsPolicy = "a\u0007b"; });
    expect(messageFor(p, JSON_)).toBe(invalidText("demo", [
      `spec.containers[0].name: Invalid value: "a\\ab": ${DNS_LABEL}`,
      'spec.dnsPolicy: Unsupported value: "a\\u0007b": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]));
  });
});
