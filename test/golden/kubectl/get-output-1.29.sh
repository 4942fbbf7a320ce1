# kubectl get -o yaml|json|name|jsonpath=…|custom-columns=… for the tutorial pod and an empty list;
# 1.29 profile (no managedFields: OmitManagedFieldsPrinter; no containerStatuses[].user or
# .volumeMounts, which Kubernetes 1.29 does not have).
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.29.15 pkg/cmd/get/get.go printGeneric (empty List with metadata.resourceVersion "" for a list, the object itself for one named object, nothing for -o name), cli-runtime v0.29.15 pkg/printers/{json.go,yaml.go,name.go,jsonpath.go}, pkg/genericclioptions/{json_yaml_flags.go (OmitManagedFieldsPrinter),jsonpath_flags.go ("error parsing jsonpath %s, %v")}.
# source: -o yaml is sigs.k8s.io/yaml (go-yaml v2 emitter, kubernetes-sigs/yaml v1.4.0 goyaml.v2/emitterc.go): sorted keys, "True"/timestamps/numbers double-quoted, multi-line string as a | block, sequences not indented; -o json is json.MarshalIndent with four spaces.
# source: JSONPath from client-go v0.29.15 util/jsonpath/{parser.go,jsonpath.go}: text outside braces printed as is, maps as compact JSON with sorted keys, null as "null", range/end, filters, parse errors "unterminated array"/"unclosed action", the execution error with the %#v object dump (cli-runtime jsonpath.go PrintObj).
# source: custom-columns from kubectl v0.29.15 pkg/cmd/get/{customcolumn.go,customcolumn_flags.go}: RelaxedJSONPathExpression, "<none>" for no value, fmt.Sprint of maps ("map[k:v]"), --no-headers, and their error texts.
# source: the object's content: apiserver defaults (k8s.io/api v0.29.15 types, kube-api-access projected volume, DefaultTolerationSeconds tolerations) and kubectl apply's last-applied-configuration (GetModifiedConfiguration sets annotations {} before encoding); status fields per k8s.io/api v0.29.15 ContainerStatus (no user, no volumeMounts).
kubectl get pods -o yaml
kubectl get pods -o json
kubectl get pods -o name
kubectl get pods -o jsonpath='{.items[*].metadata.name}'
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl get pod security-context-demo -o yaml
kubectl get pod security-context-demo -o json
kubectl get pod/security-context-demo -o name
kubectl get pod security-context-demo -o jsonpath='{.spec.securityContext}'
kubectl get pod security-context-demo -o jsonpath='{.spec.securityContext.runAsUser}{"\n"}'
kubectl get pod security-context-demo -o jsonpath='{.spec.containers[0].securityContext.allowPrivilegeEscalation}{"\n"}'
kubectl get pod security-context-demo -o jsonpath='{.status.containerStatuses[0].user}'
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\t"}{.spec.securityContext.fsGroup}{"\n"}{end}'
kubectl get pod security-context-demo -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}{"\n"}'
kubectl get pod security-context-demo -o jsonpath='{.spec.volumes[*].name}'
kubectl get pod security-context-demo -o jsonpath='{.status.conditions[0].lastProbeTime}{"\n"}'
kubectl get pod security-context-demo -o jsonpath=.metadata.name
kubectl get pod security-context-demo -o jsonpath='{.items[*}'
kubectl get pod security-context-demo -o jsonpath='{.metadata.name'
kubectl get pods -n kube-public -o jsonpath='{.items[0].metadata.name}'
kubectl get pods -o custom-columns=NAME:.metadata.name,USER:.spec.securityContext.runAsUser,GROUPS:.spec.securityContext.supplementalGroups,FSGROUP:.spec.securityContext.fsGroup
kubectl get pods -o custom-columns='POD:metadata.name,IMAGES:{.spec.containers[*].image},SC:.spec.securityContext' --no-headers
kubectl get pods -o custom-columns=NAME
kubectl get pods -o custom-columns=
kubectl get pods -o yaml --show-labels
