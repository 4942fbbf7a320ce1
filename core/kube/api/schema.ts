// The core/v1 types podlab accepts, as a schema: Go type names and JSON field names in Go struct
// order. It drives strict decoding (unknown fields, type errors worded like encoding/json),
// `kubectl explain`, and the printers.

export type Schema =
  | { readonly t: "string" | "int64" | "int32" | "bool" | "time" | "any" | "intOrString" | "quantity" }
  | { readonly t: "object"; readonly go: string; readonly fields: readonly Field[]; readonly doc?: string }
  | { readonly t: "array"; readonly of: Schema }
  | { readonly t: "map"; readonly of: Schema };

export interface Field {
  readonly name: string;
  readonly schema: Schema;
  readonly doc?: string;
  readonly required?: boolean;
  /** The Kubernetes minor that added the field: older apiservers reject it as an unknown field. */
  readonly since?: number;
  /** Descriptions that replaced `doc` from a Kubernetes minor on (newest last). */
  readonly docs?: readonly { readonly minor: number; readonly doc: string }[];
  /** The OpenAPI `enum` of a +enum string type (explain prints it from kubectl 1.30). */
  readonly enum?: readonly string[];
}

const str = { t: "string" } as const;
const int64 = { t: "int64" } as const;
const int32 = { t: "int32" } as const;
const bool = { t: "bool" } as const;
const time = { t: "time" } as const;
const any = { t: "any" } as const;
const intOrString = { t: "intOrString" } as const;
const quantity = { t: "quantity" } as const;
const array = (of: Schema): Schema => ({ t: "array", of });
const map = (of: Schema): Schema => ({ t: "map", of });
const f = (name: string, schema: Schema, doc?: string, required?: boolean): Field => ({ name, schema, ...(doc ? { doc } : {}), ...(required ? { required } : {}) });
/** A field added in Kubernetes 1.<minor>. */
const since = (minor: number, field: Field): Field => ({ ...field, since: minor });
/** A field whose OpenAPI description is `doc` from Kubernetes 1.<minor> on. */
const docFrom = (minor: number, doc: string, field: Field): Field => ({ ...field, docs: [...(field.docs ?? []), { minor, doc }] });
/** A +enum field: the allowed values, sorted as kube-openapi lists them. */
const enumOf = (values: readonly string[], field: Field): Field => ({ ...field, enum: values });

/**
 * A field's OpenAPI description as an apiserver of Kubernetes 1.<minor> serves it. Descriptions
 * are kube-openapi's generateDescription() of the Go comments in k8s.io/api core/v1/types.go (so
 * "Possible enum values:" paragraphs for +enum types are part of them).
 */
export function docAt(field: Field, minor: number): string | undefined {
  let doc = field.doc;
  for (const d of field.docs ?? []) if (d.minor <= minor) doc = d.doc;
  return doc;
}
const obj = (go: string, fields: Field[], doc?: string): Schema => ({ t: "object", go, fields, ...(doc ? { doc } : {}) });

export const ObjectMeta = obj("ObjectMeta", [
  f("name", str, "Name must be unique within a namespace."), f("generateName", str), f("namespace", str, "Namespace defines the space within which each name must be unique."),
  f("selfLink", str), f("uid", str), f("resourceVersion", str), f("generation", int64), f("creationTimestamp", time),
  f("deletionTimestamp", time), f("deletionGracePeriodSeconds", int64), f("labels", map(str), "Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
  f("annotations", map(str), "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata."),
  f("ownerReferences", array(any)), f("finalizers", array(str)), f("managedFields", array(any)),
], "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.");

export const Capabilities = obj("Capabilities", [
  f("add", array(str), "Added capabilities"),
  f("drop", array(str), "Removed capabilities"),
], "Adds and removes POSIX capabilities from running containers.");

export const SELinuxOptions = obj("SELinuxOptions", [
  f("user", str, "User is a SELinux user label that applies to the container."),
  f("role", str, "Role is a SELinux role label that applies to the container."),
  f("type", str, "Type is a SELinux type label that applies to the container."),
  f("level", str, "Level is SELinux level label that applies to the container."),
], "SELinuxOptions are the labels to be applied to the container");

export const WindowsSecurityContextOptions = obj("WindowsSecurityContextOptions", [
  f("gmsaCredentialSpecName", str, "GMSACredentialSpecName is the name of the GMSA credential spec to use."),
  f("gmsaCredentialSpec", str, "GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field."),
  f("runAsUserName", str, "The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."),
  f("hostProcess", bool, "HostProcess determines if a container should be run as a 'Host Process' container. All of a Pod's containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true."),
], "WindowsSecurityContextOptions contain Windows-specific options and credentials.");

export const SeccompProfile = obj("SeccompProfile", [
  enumOf(["Localhost", "RuntimeDefault", "Unconfined"], f("type", str, "type indicates which kind of seccomp profile will be applied. Valid options are:\n\nLocalhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied.\n\nPossible enum values:\n - `\"Localhost\"` indicates a profile defined in a file on the node should be used. The file's location relative to <kubelet-root-dir>/seccomp.\n - `\"RuntimeDefault\"` represents the default container runtime seccomp profile.\n - `\"Unconfined\"` indicates no seccomp profile is applied (A.K.A. unconfined).", true)),
  f("localhostProfile", str, "localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet's configured seccomp profile location. Must be set if type is \"Localhost\". Must NOT be set for any other type."),
], "SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.");

export const AppArmorProfile = obj("AppArmorProfile", [
  enumOf(["Localhost", "RuntimeDefault", "Unconfined"], f("type", str, "type indicates which kind of AppArmor profile will be applied. Valid options are:\n  Localhost - a profile pre-loaded on the node.\n  RuntimeDefault - the container runtime's default profile.\n  Unconfined - no AppArmor enforcement.\n\nPossible enum values:\n - `\"Localhost\"` indicates that a profile pre-loaded on the node should be used.\n - `\"RuntimeDefault\"` indicates that the container runtime's default AppArmor profile should be used.\n - `\"Unconfined\"` indicates that no AppArmor profile should be enforced.", true)),
  f("localhostProfile", str, "localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is \"Localhost\"."),
], "AppArmorProfile defines a pod or container's AppArmor settings.");

export const Sysctl = obj("Sysctl", [
  f("name", str, "Name of a property to set", true),
  f("value", str, "Value of a property to set", true),
], "Sysctl defines a kernel parameter to be set");

export const SecurityContext = obj("SecurityContext", [
  f("capabilities", Capabilities, "The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows."),
  f("privileged", bool, "Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows."),
  f("seLinuxOptions", SELinuxOptions, "The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows."),
  f("windowsOptions", WindowsSecurityContextOptions, "The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux."),
  f("runAsUser", int64, "The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows."),
  f("runAsGroup", int64, "The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows."),
  f("runAsNonRoot", bool, "Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."),
  f("readOnlyRootFilesystem", bool, "Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows."),
  f("allowPrivilegeEscalation", bool, "AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows."),
  f("procMount", str, "procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. This requires the ProcMountType feature flag to be enabled. Note that this field cannot be set when spec.os.name is windows."),
  f("seccompProfile", SeccompProfile, "The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows."),
  since(30, f("appArmorProfile", AppArmorProfile, "appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows.")),
], "SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.");

export const PodSecurityContext = obj("PodSecurityContext", [
  f("seLinuxOptions", SELinuxOptions, "The SELinux context to be applied to all containers. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows."),
  f("windowsOptions", WindowsSecurityContextOptions, "The Windows specific settings applied to all containers. If unspecified, the options within a container's SecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux."),
  f("runAsUser", int64, "The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows."),
  f("runAsGroup", int64, "The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows."),
  f("runAsNonRoot", bool, "Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."),
  docFrom(34, "A list of groups applied to the first process run in each container, in addition to the container's primary GID and fsGroup (if specified).  If the SupplementalGroupsPolicy feature is enabled, the supplementalGroupsPolicy field determines whether these are in addition to or instead of any group memberships defined in the container image. If unspecified, no additional groups are added, though group memberships defined in the container image may still be used, depending on the supplementalGroupsPolicy field. Note that this field cannot be set when spec.os.name is windows.", f("supplementalGroups", array(int64), "A list of groups applied to the first process run in each container, in addition to the container's primary GID, the fsGroup (if specified), and group memberships defined in the container image for the uid of the container process. If unspecified, no additional groups are added to any container. Note that group memberships defined in the container image for the uid of the container process are still effective, even if they are not included in this list. Note that this field cannot be set when spec.os.name is windows.")),
  since(31, enumOf(["Merge", "Strict"], f("supplementalGroupsPolicy", str, "Defines how supplemental groups of the first container processes are calculated. Valid values are \"Merge\" and \"Strict\". If not specified, \"Merge\" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows.\n\nPossible enum values:\n - `\"Merge\"` means that the container's provided SupplementalGroups and FsGroup (specified in SecurityContext) will be merged with the primary user's groups as defined in the container image (in /etc/group).\n - `\"Strict\"` means that the container's provided SupplementalGroups and FsGroup (specified in SecurityContext) will be used instead of any groups defined in the container image."))),
  f("fsGroup", int64, "A special supplemental group that applies to all containers in a pod. Some volume types allow the Kubelet to change the ownership of that volume to be owned by the pod:\n\n1. The owning GID will be the FSGroup 2. The setgid bit is set (new files created in the volume will be owned by FSGroup) 3. The permission bits are OR'd with rw-rw----\n\nIf unset, the Kubelet will not modify the ownership and permissions of any volume. Note that this field cannot be set when spec.os.name is windows."),
  f("sysctls", array(Sysctl), "Sysctls hold a list of namespaced sysctls used for the pod. Pods with unsupported sysctls (by the container runtime) might fail to launch. Note that this field cannot be set when spec.os.name is windows."),
  enumOf(["Always", "OnRootMismatch"], f("fsGroupChangePolicy", str, "fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod. This field will only apply to volume types which support fsGroup based ownership(and permissions). It will have no effect on ephemeral volume types such as: secret, configmaps and emptydir. Valid values are \"OnRootMismatch\" and \"Always\". If not specified, \"Always\" is used. Note that this field cannot be set when spec.os.name is windows.\n\nPossible enum values:\n - `\"Always\"` indicates that volume's ownership and permissions should always be changed whenever volume is mounted inside a Pod. This the default behavior.\n - `\"OnRootMismatch\"` indicates that volume's ownership and permissions will be changed only when permission and ownership of root directory does not match with expected permissions on the volume. This can help shorten the time it takes to change ownership and permissions of a volume.")),
  f("seccompProfile", SeccompProfile, "The seccomp options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows."),
  since(30, f("appArmorProfile", AppArmorProfile, "appArmorProfile is the AppArmor options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.")),
  since(32, f("seLinuxChangePolicy", str, "seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are \"MountOption\" and \"Recursive\".\n\n\"Recursive\" means relabeling of all files on all Pod volumes by the container runtime. This may be slow for large volumes, but allows mixing privileged and unprivileged Pods sharing the same volume on the same node.\n\n\"MountOption\" mounts all eligible Pod volumes with `-o context` mount option. This requires all Pods that share the same volume to use the same SELinux label. It is not possible to share the same volume among privileged and unprivileged Pods. Eligible volumes are in-tree FibreChannel and iSCSI volumes, and all CSI volumes whose CSI driver announces SELinux support by setting spec.seLinuxMount: true in their CSIDriver instance. Other volumes are always re-labelled recursively. \"MountOption\" value is allowed only when SELinuxMount feature gate is enabled.\n\nIf not specified and SELinuxMount feature gate is enabled, \"MountOption\" is used. If not specified and SELinuxMount feature gate is disabled, \"MountOption\" is used for ReadWriteOncePod volumes and \"Recursive\" for all other volumes.\n\nThis field affects only Pods that have SELinux label set, either in PodSecurityContext or in SecurityContext of all containers.\n\nAll Pods that use the same volume should use the same seLinuxChangePolicy, otherwise some pods can get stuck in ContainerCreating state. Note that this field cannot be set when spec.os.name is windows.")),
], "PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext.");

const ExecAction = obj("ExecAction", [f("command", array(str))]);
const HTTPGetAction = obj("HTTPGetAction", [f("path", str), f("port", intOrString), f("host", str), f("scheme", str), f("httpHeaders", array(any))]);
const TCPSocketAction = obj("TCPSocketAction", [f("port", intOrString), f("host", str)]);
const Probe = obj("Probe", [
  f("exec", ExecAction), f("httpGet", HTTPGetAction), f("tcpSocket", TCPSocketAction), f("grpc", any), f("initialDelaySeconds", int32),
  f("timeoutSeconds", int32), f("periodSeconds", int32), f("successThreshold", int32), f("failureThreshold", int32), f("terminationGracePeriodSeconds", int64),
]);
const LifecycleHandler = obj("LifecycleHandler", [f("exec", ExecAction), f("httpGet", HTTPGetAction), f("tcpSocket", TCPSocketAction), f("sleep", any)]);
const Lifecycle = obj("Lifecycle", [f("postStart", LifecycleHandler), f("preStop", LifecycleHandler), since(33, f("stopSignal", str))]);
const ContainerPort = obj("ContainerPort", [f("name", str), f("hostPort", int32), f("containerPort", int32, undefined, true), f("protocol", str), f("hostIP", str)]);
const EnvVar = obj("EnvVar", [f("name", str, undefined, true), f("value", str), f("valueFrom", any)]);
const VolumeMount = obj("VolumeMount", [
  f("name", str, undefined, true), f("readOnly", bool), since(30, f("recursiveReadOnly", str)), f("mountPath", str, undefined, true), f("subPath", str), f("mountPropagation", str), f("subPathExpr", str),
]);
const ResourceRequirements = obj("ResourceRequirements", [f("limits", map(quantity)), f("requests", map(quantity)), f("claims", array(any))]);

export const Container = obj("Container", [
  f("name", str, "Name of the container specified as a DNS_LABEL.", true), f("image", str, "Container image name."),
  f("command", array(str), "Entrypoint array. Not executed within a shell."), f("args", array(str), "Arguments to the entrypoint."),
  f("workingDir", str), f("ports", array(ContainerPort)), f("envFrom", array(any)), f("env", array(EnvVar)),
  f("resources", ResourceRequirements), f("resizePolicy", array(any)), f("restartPolicy", str), since(34, f("restartPolicyRules", array(any))), f("volumeMounts", array(VolumeMount)),
  f("volumeDevices", array(any)), f("livenessProbe", Probe), f("readinessProbe", Probe), f("startupProbe", Probe), f("lifecycle", Lifecycle),
  f("terminationMessagePath", str), f("terminationMessagePolicy", str), f("imagePullPolicy", str),
  f("securityContext", SecurityContext, "SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext."),
  f("stdin", bool), f("stdinOnce", bool), f("tty", bool),
], "A single application container that you want to run within a pod.");

const EmptyDirVolumeSource = obj("EmptyDirVolumeSource", [f("medium", str), f("sizeLimit", quantity)]);
const HostPathVolumeSource = obj("HostPathVolumeSource", [f("path", str, undefined, true), f("type", str)]);
export const Volume = obj("Volume", [
  f("name", str, undefined, true), f("hostPath", HostPathVolumeSource), f("emptyDir", EmptyDirVolumeSource), f("gcePersistentDisk", any), f("awsElasticBlockStore", any),
  f("gitRepo", any), f("secret", any), f("nfs", any), f("iscsi", any), f("glusterfs", any), f("persistentVolumeClaim", any), f("rbd", any), f("flexVolume", any),
  f("cinder", any), f("cephfs", any), f("flocker", any), f("downwardAPI", any), f("fc", any), f("azureFile", any), f("configMap", any), f("vsphereVolume", any),
  f("quobyte", any), f("azureDisk", any), f("photonPersistentDisk", any), f("projected", any), f("portworxVolume", any), f("scaleIO", any), f("storageos", any),
  f("csi", any), f("ephemeral", any), since(31, f("image", any)),
]);

export const PodSpec = obj("PodSpec", [
  f("volumes", array(Volume)), f("initContainers", array(Container)), f("containers", array(Container), undefined, true), f("ephemeralContainers", array(any)),
  f("restartPolicy", str), f("terminationGracePeriodSeconds", int64), f("activeDeadlineSeconds", int64), f("dnsPolicy", str), f("nodeSelector", map(str)),
  f("serviceAccountName", str), f("serviceAccount", str), f("automountServiceAccountToken", bool), f("nodeName", str), f("hostNetwork", bool), f("hostPID", bool),
  f("hostIPC", bool), f("shareProcessNamespace", bool), f("securityContext", PodSecurityContext, "SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field."),
  f("imagePullSecrets", array(any)), f("hostname", str), f("subdomain", str), f("affinity", any), f("schedulerName", str), f("tolerations", array(any)),
  f("hostAliases", array(any)), f("priorityClassName", str), f("priority", int32), f("dnsConfig", any), f("readinessGates", array(any)), f("runtimeClassName", str),
  f("enableServiceLinks", bool), f("preemptionPolicy", str), f("overhead", map(quantity)), f("topologySpreadConstraints", array(any)), f("setHostnameAsFQDN", bool),
  f("os", obj("PodOS", [f("name", str, undefined, true)])), f("hostUsers", bool), f("schedulingGates", array(any)), f("resourceClaims", array(any)), since(32, f("resources", any)),
  since(34, f("hostnameOverride", str)),
], "PodSpec is a description of a pod.");

export const PodStatus = obj("PodStatus", [
  f("observedGeneration", int64), f("phase", str), f("conditions", array(any)), f("message", str), f("reason", str), f("nominatedNodeName", str), f("hostIP", str), f("hostIPs", array(any)),
  f("podIP", str), f("podIPs", array(any)), f("startTime", time), f("initContainerStatuses", array(any)), f("containerStatuses", array(any)), f("qosClass", str),
  f("ephemeralContainerStatuses", array(any)), f("resize", str), f("resourceClaimStatuses", array(any)),
]);

export const Pod = obj("Pod", [
  f("apiVersion", str, "APIVersion defines the versioned schema of this representation of an object."), f("kind", str, "Kind is a string value representing the REST resource this object represents."),
  f("metadata", ObjectMeta, "Standard object's metadata."), f("spec", PodSpec, "Specification of the desired behavior of the pod."), f("status", PodStatus, "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only."),
], "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.");

export const Namespace = obj("Namespace", [
  f("apiVersion", str), f("kind", str), f("metadata", ObjectMeta), f("spec", obj("NamespaceSpec", [f("finalizers", array(str))])), f("status", obj("NamespaceStatus", [f("phase", str), f("conditions", array(any))])),
], "Namespace provides a scope for Names. Use of multiple namespaces is optional.");

/** The schema of a field path inside a kind (for explain): undefined when there is no such field. */
/** The fields an apiserver of Kubernetes 1.<minor> knows. */
export function fieldsAt(fields: readonly Field[], minor: number): readonly Field[] {
  return fields.filter((f) => (f.since ?? 0) <= minor);
}

export function fieldSchema(root: Schema, path: readonly string[], minor = Number.POSITIVE_INFINITY): { schema: Schema; field: Field | undefined } | undefined {
  let schema = root;
  let field: Field | undefined;
  for (const name of path) {
    while (schema.t === "array" || schema.t === "map") schema = schema.of;
    if (schema.t !== "object") return undefined;
    field = fieldsAt(schema.fields, minor).find((x) => x.name === name);
    if (field === undefined) return undefined;
    schema = field.schema;
  }
  return { schema, field };
}
