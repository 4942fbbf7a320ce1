// The internal (unversioned) core types the apiserver validates, field by field in Go
// declaration order (pkg/apis/core/types.go), and the conversion from podlab's v1 JSON. Field
// order and names matter: json.Marshal and %#v print them, go-cmp counts "N identical fields".
// Fields added after 1.29 carry `since`; types podlab does not model are opaque.

import {
  field as f, fieldsAt, tBool, tInt32, tInt64, tMap, tOpaque, tPtr, tSlice, tString, tStruct,
  type GoField, type GoScalar, type GoStruct, type GoType, type GoValue, type ScalarType, type StructType,
} from "./gotypes.js";
import { quantityType, quantityValue } from "./quantity.js";

const str = tString();
const i32 = tInt32();
const pStr = tPtr(str);
const pBool = tPtr(tBool);
const pI32 = tPtr(i32);
const pI64 = tPtr(tInt64);
const strs = tSlice(str);
const opaquePtr = (name: string) => tPtr(tOpaque(name));

export const intOrStringType: StructType = tStruct("intstr.IntOrString", [
  f("Type", "", { kind: "int", name: "intstr.Type" }), f("IntVal", "", i32), f("StrVal", "", str),
], {
  marshalJSON: (v) => ((v.fields[0] as GoScalar).v === 1 ? JSON.stringify((v.fields[2] as GoScalar).v) : String((v.fields[1] as GoScalar).v)),
});

const resourceName: ScalarType = tString("core.ResourceName", true);
const resourceList = tMap(resourceName, quantityType, "core.ResourceList");

const localObjectReference = tStruct("core.LocalObjectReference", [f("Name", "name", str)]);
const embeddedRef = f("LocalObjectReference", "", localObjectReference, { embedded: true });
const keyToPath = tStruct("core.KeyToPath", [f("Key", "key", str), f("Path", "path", str), f("Mode", "mode", pI32)]);
const objectFieldSelector = tStruct("core.ObjectFieldSelector", [f("APIVersion", "apiVersion", str), f("FieldPath", "fieldPath", str)]);
const resourceFieldSelector = tStruct("core.ResourceFieldSelector", [f("ContainerName", "containerName", str), f("Resource", "resource", str), f("Divisor", "divisor", quantityType)]);
const downwardAPIVolumeFile = tStruct("core.DownwardAPIVolumeFile", [
  f("Path", "path", str), f("FieldRef", "fieldRef", tPtr(objectFieldSelector)), f("ResourceFieldRef", "resourceFieldRef", tPtr(resourceFieldSelector)), f("Mode", "mode", pI32),
]);

const volumeProjection = tStruct("core.VolumeProjection", [
  f("Secret", "secret", tPtr(tStruct("core.SecretProjection", [embeddedRef, f("Items", "items", tSlice(keyToPath)), f("Optional", "optional", pBool)]))),
  f("DownwardAPI", "downwardAPI", tPtr(tStruct("core.DownwardAPIProjection", [f("Items", "items", tSlice(downwardAPIVolumeFile))]))),
  f("ConfigMap", "configMap", tPtr(tStruct("core.ConfigMapProjection", [embeddedRef, f("Items", "items", tSlice(keyToPath)), f("Optional", "optional", pBool)]))),
  f("ServiceAccountToken", "serviceAccountToken", tPtr(tStruct("core.ServiceAccountTokenProjection", [f("Audience", "audience", str), f("ExpirationSeconds", "expirationSeconds", tInt64), f("Path", "path", str)]))),
  f("ClusterTrustBundle", "clusterTrustBundle", opaquePtr("core.ClusterTrustBundleProjection"), { since: 29 }),
  f("PodCertificate", "podCertificate", opaquePtr("core.PodCertificateProjection"), { since: 34 }),
]);

const volumeSource = tStruct("core.VolumeSource", [
  f("HostPath", "hostPath", tPtr(tStruct("core.HostPathVolumeSource", [f("Path", "path", str), f("Type", "type", tPtr(tString("core.HostPathType")))]))),
  f("EmptyDir", "emptyDir", tPtr(tStruct("core.EmptyDirVolumeSource", [f("Medium", "medium", tString("core.StorageMedium")), f("SizeLimit", "sizeLimit", tPtr(quantityType))]))),
  f("GCEPersistentDisk", "gcePersistentDisk", opaquePtr("core.GCEPersistentDiskVolumeSource")),
  f("AWSElasticBlockStore", "awsElasticBlockStore", opaquePtr("core.AWSElasticBlockStoreVolumeSource")),
  f("GitRepo", "gitRepo", opaquePtr("core.GitRepoVolumeSource")),
  f("Secret", "secret", tPtr(tStruct("core.SecretVolumeSource", [f("SecretName", "secretName", str), f("Items", "items", tSlice(keyToPath)), f("DefaultMode", "defaultMode", pI32), f("Optional", "optional", pBool)]))),
  f("NFS", "nfs", opaquePtr("core.NFSVolumeSource")),
  f("ISCSI", "iscsi", opaquePtr("core.ISCSIVolumeSource")),
  f("Glusterfs", "glusterfs", opaquePtr("core.GlusterfsVolumeSource")),
  f("PersistentVolumeClaim", "persistentVolumeClaim", tPtr(tStruct("core.PersistentVolumeClaimVolumeSource", [f("ClaimName", "claimName", str), f("ReadOnly", "readOnly", tBool)]))),
  f("RBD", "rbd", opaquePtr("core.RBDVolumeSource")),
  f("Quobyte", "quobyte", opaquePtr("core.QuobyteVolumeSource")),
  f("FlexVolume", "flexVolume", opaquePtr("core.FlexVolumeSource")),
  f("Cinder", "cinder", opaquePtr("core.CinderVolumeSource")),
  f("CephFS", "cephfs", opaquePtr("core.CephFSVolumeSource")),
  f("Flocker", "flocker", opaquePtr("core.FlockerVolumeSource")),
  f("DownwardAPI", "downwardAPI", tPtr(tStruct("core.DownwardAPIVolumeSource", [f("Items", "items", tSlice(downwardAPIVolumeFile)), f("DefaultMode", "defaultMode", pI32)]))),
  f("FC", "fc", opaquePtr("core.FCVolumeSource")),
  f("AzureFile", "azureFile", opaquePtr("core.AzureFileVolumeSource")),
  f("ConfigMap", "configMap", tPtr(tStruct("core.ConfigMapVolumeSource", [embeddedRef, f("Items", "items", tSlice(keyToPath)), f("DefaultMode", "defaultMode", pI32), f("Optional", "optional", pBool)]))),
  f("VsphereVolume", "vsphereVolume", opaquePtr("core.VsphereVirtualDiskVolumeSource")),
  f("AzureDisk", "azureDisk", opaquePtr("core.AzureDiskVolumeSource")),
  f("PhotonPersistentDisk", "photonPersistentDisk", opaquePtr("core.PhotonPersistentDiskVolumeSource")),
  f("Projected", "projected", tPtr(tStruct("core.ProjectedVolumeSource", [f("Sources", "sources", tSlice(volumeProjection)), f("DefaultMode", "defaultMode", pI32)]))),
  f("PortworxVolume", "portworxVolume", opaquePtr("core.PortworxVolumeSource")),
  f("ScaleIO", "scaleIO", opaquePtr("core.ScaleIOVolumeSource")),
  f("StorageOS", "storageos", opaquePtr("core.StorageOSVolumeSource")),
  f("CSI", "csi", opaquePtr("core.CSIVolumeSource")),
  f("Ephemeral", "ephemeral", opaquePtr("core.EphemeralVolumeSource")),
  f("Image", "image", opaquePtr("core.ImageVolumeSource"), { since: 31 }),
]);

/** The JSON keys of every volume source, in internal declaration order. */
export const volumeSourceKeys: readonly { key: string; since?: number }[] = volumeSource.fields.map((x) => ({ key: x.json, ...(x.since === undefined ? {} : { since: x.since }) }));

const volume = tStruct("core.Volume", [f("Name", "name", str), f("VolumeSource", "", volumeSource, { embedded: true })]);

export const capabilitiesType = tStruct("core.Capabilities", [f("Add", "add", tSlice(tString("core.Capability"))), f("Drop", "drop", tSlice(tString("core.Capability")))]);
const seLinuxOptions = tStruct("core.SELinuxOptions", [f("User", "user", str), f("Role", "role", str), f("Type", "type", str), f("Level", "level", str)]);
const windowsOptions = tStruct("core.WindowsSecurityContextOptions", [
  f("GMSACredentialSpecName", "gmsaCredentialSpecName", pStr), f("GMSACredentialSpec", "gmsaCredentialSpec", pStr), f("RunAsUserName", "runAsUserName", pStr), f("HostProcess", "hostProcess", pBool),
]);
export const seccompProfileType = tStruct("core.SeccompProfile", [f("Type", "type", tString("core.SeccompProfileType")), f("LocalhostProfile", "localhostProfile", pStr)]);
export const appArmorProfileType = tStruct("core.AppArmorProfile", [f("Type", "type", tString("core.AppArmorProfileType")), f("LocalhostProfile", "localhostProfile", pStr)]);

export const securityContextType = tStruct("core.SecurityContext", [
  f("Capabilities", "capabilities", tPtr(capabilitiesType)),
  f("Privileged", "privileged", pBool),
  f("SELinuxOptions", "seLinuxOptions", tPtr(seLinuxOptions)),
  f("WindowsOptions", "windowsOptions", tPtr(windowsOptions)),
  f("RunAsUser", "runAsUser", pI64),
  f("RunAsGroup", "runAsGroup", pI64),
  f("RunAsNonRoot", "runAsNonRoot", pBool),
  f("ReadOnlyRootFilesystem", "readOnlyRootFilesystem", pBool),
  f("AllowPrivilegeEscalation", "allowPrivilegeEscalation", pBool),
  f("ProcMount", "procMount", tPtr(tString("core.ProcMountType"))),
  f("SeccompProfile", "seccompProfile", tPtr(seccompProfileType)),
  f("AppArmorProfile", "appArmorProfile", tPtr(appArmorProfileType), { since: 30 }),
]);

const podSecurityContext = tStruct("core.PodSecurityContext", [
  f("HostNetwork", "hostNetwork", tBool),
  f("HostPID", "hostPID", tBool),
  f("HostIPC", "hostIPC", tBool),
  f("ShareProcessNamespace", "shareProcessNamespace", pBool),
  f("HostUsers", "hostUsers", pBool),
  f("SELinuxOptions", "seLinuxOptions", tPtr(seLinuxOptions)),
  f("WindowsOptions", "windowsOptions", tPtr(windowsOptions)),
  f("RunAsUser", "runAsUser", pI64),
  f("RunAsGroup", "runAsGroup", pI64),
  f("RunAsNonRoot", "runAsNonRoot", pBool),
  f("SupplementalGroups", "supplementalGroups", tSlice(tInt64)),
  f("SupplementalGroupsPolicy", "supplementalGroupsPolicy", tPtr(tString("core.SupplementalGroupsPolicy")), { since: 31 }),
  f("FSGroup", "fsGroup", pI64),
  f("FSGroupChangePolicy", "fsGroupChangePolicy", tPtr(tString("core.PodFSGroupChangePolicy"))),
  f("Sysctls", "sysctls", tSlice(tStruct("core.Sysctl", [f("Name", "name", str), f("Value", "value", str)]))),
  f("SeccompProfile", "seccompProfile", tPtr(seccompProfileType)),
  f("AppArmorProfile", "appArmorProfile", tPtr(appArmorProfileType), { since: 30 }),
  f("SELinuxChangePolicy", "seLinuxChangePolicy", tPtr(tString("core.PodSELinuxChangePolicy")), { since: 32 }),
]);

const keySelector = (name: string) => tStruct(name, [embeddedRef, f("Key", "key", str), f("Optional", "optional", pBool)]);
const envVar = tStruct("core.EnvVar", [
  f("Name", "name", str), f("Value", "value", str),
  f("ValueFrom", "valueFrom", tPtr(tStruct("core.EnvVarSource", [
    f("FieldRef", "fieldRef", tPtr(objectFieldSelector)), f("ResourceFieldRef", "resourceFieldRef", tPtr(resourceFieldSelector)),
    f("ConfigMapKeyRef", "configMapKeyRef", tPtr(keySelector("core.ConfigMapKeySelector"))), f("SecretKeyRef", "secretKeyRef", tPtr(keySelector("core.SecretKeySelector"))),
    f("FileKeyRef", "fileKeyRef", opaquePtr("core.FileKeySelector"), { since: 34 }),
  ]))),
]);
const envSource = (name: string) => tPtr(tStruct(name, [embeddedRef, f("Optional", "optional", pBool)]));
const envFromSource = tStruct("core.EnvFromSource", [f("Prefix", "prefix", str), f("ConfigMapRef", "configMapRef", envSource("core.ConfigMapEnvSource")), f("SecretRef", "secretRef", envSource("core.SecretEnvSource"))]);

const resourceRequirements = tStruct("core.ResourceRequirements", [
  f("Limits", "limits", resourceList), f("Requests", "requests", resourceList),
  f("Claims", "claims", tSlice(tStruct("core.ResourceClaim", [f("Name", "name", str), f("Request", "request", str, { since: 31 })]))),
]);

const httpGetAction = tStruct("core.HTTPGetAction", [
  f("Path", "path", str), f("Port", "port", intOrStringType), f("Host", "host", str), f("Scheme", "scheme", tString("core.URIScheme")),
  f("HTTPHeaders", "httpHeaders", tSlice(tStruct("core.HTTPHeader", [f("Name", "name", str), f("Value", "value", str)]))),
]);
const execAction = tPtr(tStruct("core.ExecAction", [f("Command", "command", strs)]));
const tcpSocketAction = tPtr(tStruct("core.TCPSocketAction", [f("Port", "port", intOrStringType), f("Host", "host", str)]));
const probeHandler = tStruct("core.ProbeHandler", [
  f("Exec", "exec", execAction), f("HTTPGet", "httpGet", tPtr(httpGetAction)), f("TCPSocket", "tcpSocket", tcpSocketAction),
  f("GRPC", "grpc", tPtr(tStruct("core.GRPCAction", [f("Port", "port", i32), f("Service", "service", pStr)]))),
]);
const probe = tPtr(tStruct("core.Probe", [
  f("ProbeHandler", "", probeHandler, { embedded: true }),
  f("InitialDelaySeconds", "initialDelaySeconds", i32), f("TimeoutSeconds", "timeoutSeconds", i32), f("PeriodSeconds", "periodSeconds", i32),
  f("SuccessThreshold", "successThreshold", i32), f("FailureThreshold", "failureThreshold", i32), f("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", pI64),
]));
const lifecycleHandler = tPtr(tStruct("core.LifecycleHandler", [
  f("Exec", "exec", execAction), f("HTTPGet", "httpGet", tPtr(httpGetAction)), f("TCPSocket", "tcpSocket", tcpSocketAction),
  f("Sleep", "sleep", tPtr(tStruct("core.SleepAction", [f("Seconds", "seconds", tInt64)])), { since: 29 }),
]));

export const containerType = tStruct("core.Container", [
  f("Name", "name", str),
  f("Image", "image", str),
  f("Command", "command", strs),
  f("Args", "args", strs),
  f("WorkingDir", "workingDir", str),
  f("Ports", "ports", tSlice(tStruct("core.ContainerPort", [f("Name", "name", str), f("HostPort", "hostPort", i32), f("ContainerPort", "containerPort", i32), f("Protocol", "protocol", tString("core.Protocol")), f("HostIP", "hostIP", str)]))),
  f("EnvFrom", "envFrom", tSlice(envFromSource)),
  f("Env", "env", tSlice(envVar)),
  f("Resources", "resources", resourceRequirements),
  f("ResizePolicy", "resizePolicy", tSlice(tStruct("core.ContainerResizePolicy", [f("ResourceName", "resourceName", resourceName), f("RestartPolicy", "restartPolicy", tString("core.ResourceResizeRestartPolicy"))]))),
  f("RestartPolicy", "restartPolicy", tPtr(tString("core.ContainerRestartPolicy")), { since: 28 }),
  f("RestartPolicyRules", "restartPolicyRules", tSlice(tOpaque("core.ContainerRestartRule")), { since: 34 }),
  f("VolumeMounts", "volumeMounts", tSlice(tStruct("core.VolumeMount", [
    f("Name", "name", str), f("ReadOnly", "readOnly", tBool), f("RecursiveReadOnly", "recursiveReadOnly", tPtr(tString("core.RecursiveReadOnlyMode")), { since: 30 }),
    f("MountPath", "mountPath", str), f("SubPath", "subPath", str), f("MountPropagation", "mountPropagation", tPtr(tString("core.MountPropagationMode"))), f("SubPathExpr", "subPathExpr", str),
  ]))),
  f("VolumeDevices", "volumeDevices", tSlice(tStruct("core.VolumeDevice", [f("Name", "name", str), f("DevicePath", "devicePath", str)]))),
  f("LivenessProbe", "livenessProbe", probe),
  f("ReadinessProbe", "readinessProbe", probe),
  f("StartupProbe", "startupProbe", probe),
  f("Lifecycle", "lifecycle", tPtr(tStruct("core.Lifecycle", [f("PostStart", "postStart", lifecycleHandler), f("PreStop", "preStop", lifecycleHandler), f("StopSignal", "stopSignal", tPtr(tString("core.Signal")), { since: 33 })]))),
  f("TerminationMessagePath", "terminationMessagePath", str),
  f("TerminationMessagePolicy", "terminationMessagePolicy", tString("core.TerminationMessagePolicy")),
  f("ImagePullPolicy", "imagePullPolicy", tString("core.PullPolicy")),
  f("SecurityContext", "securityContext", tPtr(securityContextType)),
  f("Stdin", "stdin", tBool),
  f("StdinOnce", "stdinOnce", tBool),
  f("TTY", "tty", tBool),
]);

export const tolerationType = tStruct("core.Toleration", [
  f("Key", "key", str), f("Operator", "operator", tString("core.TolerationOperator")), f("Value", "value", str), f("Effect", "effect", tString("core.TaintEffect")), f("TolerationSeconds", "tolerationSeconds", pI64),
]);

export const podSpecType = tStruct("core.PodSpec", [
  f("Volumes", "volumes", tSlice(volume)),
  f("InitContainers", "initContainers", tSlice(containerType)),
  f("Containers", "containers", tSlice(containerType)),
  f("EphemeralContainers", "ephemeralContainers", tSlice(tOpaque("core.EphemeralContainer"))),
  f("RestartPolicy", "restartPolicy", tString("core.RestartPolicy")),
  f("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", pI64),
  f("ActiveDeadlineSeconds", "activeDeadlineSeconds", pI64),
  f("DNSPolicy", "dnsPolicy", tString("core.DNSPolicy")),
  f("NodeSelector", "nodeSelector", tMap(str, str)),
  f("ServiceAccountName", "serviceAccountName", str),
  f("AutomountServiceAccountToken", "automountServiceAccountToken", pBool),
  f("NodeName", "nodeName", str),
  f("SecurityContext", "securityContext", tPtr(podSecurityContext)),
  f("ImagePullSecrets", "imagePullSecrets", tSlice(localObjectReference)),
  f("Hostname", "hostname", str),
  f("Subdomain", "subdomain", str),
  f("SetHostnameAsFQDN", "setHostnameAsFQDN", pBool),
  f("Affinity", "affinity", opaquePtr("core.Affinity")),
  f("SchedulerName", "schedulerName", str),
  f("Tolerations", "tolerations", tSlice(tolerationType)),
  f("HostAliases", "hostAliases", tSlice(tStruct("core.HostAlias", [f("IP", "ip", str), f("Hostnames", "hostnames", strs)]))),
  f("PriorityClassName", "priorityClassName", str),
  f("Priority", "priority", pI32),
  f("PreemptionPolicy", "preemptionPolicy", tPtr(tString("core.PreemptionPolicy"))),
  f("DNSConfig", "dnsConfig", tPtr(tStruct("core.PodDNSConfig", [f("Nameservers", "nameservers", strs), f("Searches", "searches", strs), f("Options", "options", tSlice(tStruct("core.PodDNSConfigOption", [f("Name", "name", str), f("Value", "value", pStr)])))]))),
  f("ReadinessGates", "readinessGates", tSlice(tStruct("core.PodReadinessGate", [f("ConditionType", "conditionType", tString("core.PodConditionType"))]))),
  f("RuntimeClassName", "runtimeClassName", pStr),
  f("Overhead", "overhead", resourceList),
  f("EnableServiceLinks", "enableServiceLinks", pBool),
  f("TopologySpreadConstraints", "topologySpreadConstraints", tSlice(tOpaque("core.TopologySpreadConstraint"))),
  f("OS", "os", tPtr(tStruct("core.PodOS", [f("Name", "name", tString("core.OSName"))]))),
  f("SchedulingGates", "schedulingGates", tSlice(tStruct("core.PodSchedulingGate", [f("Name", "name", str)]))),
  f("ResourceClaims", "resourceClaims", tSlice(tOpaque("core.PodResourceClaim"))),
  f("Resources", "resources", tPtr(resourceRequirements), { since: 32 }),
  f("HostnameOverride", "hostnameOverride", pStr, { since: 34 }),
]);

// ---- conversion from v1 JSON ----

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function scalarOf(t: ScalarType, raw: unknown): GoScalar {
  if (raw === undefined || raw === null) return { t, v: t.kind === "bool" ? false : t.kind === "string" ? "" : 0 };
  if (t.kind === "bool") return { t, v: raw === true };
  if (t.kind === "string") return { t, v: typeof raw === "string" ? raw : String(raw) };
  return { t, v: typeof raw === "number" ? raw : Number(raw) || 0 };
}

function structOf(t: StructType, raw: unknown, minor: number): GoStruct {
  if (t === quantityType) return quantityValue(raw);
  if (t === intOrStringType) {
    const isStr = typeof raw === "string";
    const [tt, iv, sv] = t.fields.map((x) => x.type as ScalarType) as [ScalarType, ScalarType, ScalarType];
    return { t, defs: t.fields, fields: [{ t: tt, v: isStr ? 1 : 0 }, { t: iv, v: isStr ? 0 : Number(raw ?? 0) }, { t: sv, v: isStr ? raw : "" }] };
  }
  const obj = isObject(raw) ? raw : {};
  const defs = fieldsAt(t, minor);
  return { t, defs, fields: defs.map((d: GoField) => toGo(d.type, d.embedded ? obj : obj[d.json], minor)) };
}

/** A Go value of type `t` from v1 JSON (absent = zero value: nil pointer, nil slice, ""…). */
export function toGo(t: GoType, raw: unknown, minor: number): GoValue {
  switch (t.kind) {
    case "bool": case "string": case "int": case "int32": case "int64": return scalarOf(t, raw);
    case "ptr": return { t, elem: raw === undefined || raw === null ? null : toGo(t.elem, raw, minor) };
    case "slice": return { t, items: Array.isArray(raw) ? raw.map((x) => toGo(t.elem, x, minor)) : null };
    case "map": {
      if (!isObject(raw)) return { t, entries: null };
      const keys = Object.keys(raw).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { t, entries: keys.map((k) => [scalarOf(t.key, k), toGo(t.elem, raw[k], minor)] as const) };
    }
    case "opaque": return { t, json: raw };
    case "struct": return structOf(t, raw, minor);
  }
}

/** The internal PodSpec: host namespace flags live in the internal PodSecurityContext. */
export function podSpecToGo(spec: Record<string, unknown>, minor: number): GoStruct {
  const sc = isObject(spec["securityContext"]) ? spec["securityContext"] : {};
  const moved = {
    ...sc,
    hostNetwork: spec["hostNetwork"], hostPID: spec["hostPID"], hostIPC: spec["hostIPC"],
    shareProcessNamespace: spec["shareProcessNamespace"], hostUsers: spec["hostUsers"],
  };
  return structOf(podSpecType, { ...spec, securityContext: moved }, minor);
}
