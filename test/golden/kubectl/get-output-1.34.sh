# kubectl get -o yaml|json|name|jsonpath=…|custom-columns=… on the 1.34 profile. The printers are
# the same as 1.29's; the pod's status now has containerStatuses[].user (SupplementalGroupsPolicy,
# beta and on by default since 1.33, reported by containerd 2.x), metadata.generation (KEP-5067,
# set by the apiserver from 1.33), status.observedGeneration and the conditions' observedGeneration
# (PodObservedGenerationTracking, beta and on from 1.34) and containerStatuses[].resources of a
# running container (InPlacePodVerticalScaling, beta and on from 1.33).
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.34.2 pkg/cmd/get/get.go printGeneric, cli-runtime v0.34.2 pkg/printers/{json.go,yaml.go,name.go,jsonpath.go} and pkg/genericclioptions/{json_yaml_flags.go,jsonpath_flags.go} (kyaml only with KUBECTL_KYAML=true, so not in the allowed formats), client-go v0.34.2 util/jsonpath (unchanged since v0.29 but for doc.go), kubectl v0.34.2 pkg/cmd/get/{customcolumn.go,customcolumn_flags.go}.
# source: containerStatuses[].user from k8s.io/api v0.34.2 ContainerStatus.User (LinuxContainerUser uid/gid/supplementalGroups) and the kubelet's convertContainerStatusUser; the groups are podlab's containerd model (reference/kubernetes-behaviour.md §3.6: primary gid added, sorted).
# source: the Namespace object is the apiserver's (kubernetes.io/metadata.name label, kubernetes finalizer, phase Active).
# source: kubernetes v1.34.2 pkg/registry/core/pod/strategy.go PrepareForCreate/PrepareForUpdate (generation), staging apiserver registry/rest/delete.go BeforeDelete (bump on graceful deletion), pkg/kubelet/kubelet_pods.go generateAPIPodStatus + pkg/api/v1/pod/util.go CalculatePodConditionObservedGeneration (observedGeneration), convertToAPIContainerStatuses/convertContainerStatusResources (resources of running containers; allocatedResources stays behind the off InPlacePodVerticalScalingAllocatedStatus gate); feature stages from kubernetes/website feature-gates/PodObservedGenerationTracking.md.
kubectl get pods -o yaml
kubectl get pods -o json
kubectl get pods -o name
kubectl get ns default -o yaml
kubectl get ns default -o json
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl get pod/security-context-demo -o name
kubectl get pod security-context-demo -o yaml
kubectl get pod security-context-demo -o jsonpath='{.spec.securityContext}'
kubectl get pod security-context-demo -o jsonpath='{.status.containerStatuses[0].user}{"\n"}'
kubectl get pod security-context-demo -o jsonpath='{.status.containerStatuses[0].user.linux.supplementalGroups}{"\n"}'
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\t"}{.spec.securityContext.fsGroup}{"\n"}{end}'
kubectl get pod security-context-demo -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}{"\n"}'
kubectl get pod security-context-demo -o jsonpath=.metadata.name
kubectl get pod security-context-demo -o jsonpath='{.items[*}'
kubectl get pods -n kube-public -o jsonpath='{.items[0].metadata.name}'
kubectl get pods -o custom-columns=NAME:.metadata.name,USER:.spec.securityContext.runAsUser,GROUPS:.spec.securityContext.supplementalGroups,FSGROUP:.spec.securityContext.fsGroup
kubectl get pods -o custom-columns='POD:metadata.name,IMAGES:{.spec.containers[*].image},SC:.spec.securityContext' --no-headers
kubectl get pods -o custom-columns=NAME
kubectl get pods -o foo
