# kubectl --dry-run (client, server, the deprecated bare and boolean forms) and -o (yaml, json,
# name, jsonpath) on run, create namespace, create -f and apply -f; run --overrides (merge and
# strategic); apply/create errors of several documents collected and printed at the end; a URL
# that cannot be fetched; 1.34 profile.
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.34.2 pkg/cmd/util/helpers.go GetDryRunStrategy (klog.Warning lines 731 (bare), 745 (=true); "Invalid dry-run value"), AddDryRunFlag (NoOptDefVal "unchanged", so "--dry-run client" leaves "client" as an argument), PrintFlagsWithDryRunStrategy (" (dry run)", " (server dry run)"); klog/v2 internal/buffer FormatHeader (Lmmdd hh:mm:ss.uuuuuu, pid in 7 columns, file:line]).
# source: kubectl v0.34.2 pkg/cmd/run/run.go Complete (dry-run strategy, then the printer) / Run (the attach check) / createGeneratedObject (a client dry run sends nothing and sets the namespace only when -n enforces it); pkg/generate/versioned/run.go BasicPod.Generate, updatePodContainers, updatePodPorts (the typed corev1.Pod: resources {} and status {} are struct fields); no creationTimestamp: apimachinery v0.34.0 tagged ObjectMeta.CreationTimestamp omitzero (commit 503b9897 "Omit null metadata.creationTimestamp") and kubectl v0.34.2 is built with go 1.24 (go.mod), whose encoding/json honours it. Cross-checked byte for byte against a real kubectl v1.32.4 client (same run.go, generator and printers) for the client-side outputs, with the 1.29 and 1.34 differences taken from the sources above.
# source: kubectl v0.34.2 pkg/cmd/util/override_options.go (default --override-type=merge) and helpers.go Merge/StrategicMerge (evanphx/json-patch v4.12.0 merge.go: a list replaces the generated containers, so the image is gone; "Invalid JSON Patch"), runtime.Decode into the typed Pod (encoding/json type error wording).
# source: cli-runtime v0.34.2 pkg/genericclioptions/print_flags.go (NoCompatiblePrinterError, formats sorted), json_yaml_flags.go, name_flags.go; pkg/printers/json.go (typed objects in Go field order: kind, apiVersion first), yaml.go (sorted keys), name.go.
# source: kubectl v0.34.2 pkg/cmd/create/create_namespace.go (NameFromCommandArgs "exactly one NAME is required, got N", UsageErrorf naming "kubectl create namespace"; createNamespace: a Namespace with only its name); create.go RunCreate (visits and creates in order, ContinueOnError); apply.go Run (GetObjects, then applyOneObject per object, errors returned after the loop; "configured (dry run)" for an existing object without a patch; server dry run "unchanged" when the patch is empty), printObjects.
# source: kubectl v0.34.2 pkg/cmd/util/helpers.go checkErr (an aggregate of one is its error; an Invalid status alone is "The Pod ... is invalid: ..."), MultipleErrors/messageForError/StandardErrorMessage ("Error from server (Invalid): error when creating ..."; a *url.Error is "Unable to connect to the server: ..."), AddSourceToErr; apimachinery NewInvalid (status message "Pod \"x\" is invalid: ..."); cli-runtime v0.34.2 pkg/resource/visitor.go EagerVisitorList (read errors after the others, as an aggregate whose Error() is the url.Error's "Get ...") / ContinueOnErrorVisitor / readHttpWithRetries (only non-200 answers are "unable to read URL"), result.go Infos (FilterOut keeps the aggregate), builder.go Path ("the path ... does not exist" stops everything).
# source: apiserver registry/generic/registry/dryrun.go DryRunnableStorage.Create (a server dry run stores nothing; AlreadyExists still checked). The lookup wording ("dial tcp: lookup HOST: no such host") is podlab's one model of a host that does not resolve.
kubectl run t --image=busybox:1.28 --dry-run=client -o yaml
kubectl run t --image=busybox:1.28 --dry-run=client -o json
kubectl run t --image=busybox:1.28 --dry-run=client -o name
kubectl run t --image=busybox:1.28 --dry-run=client
kubectl run t --image=busybox:1.28 --restart=Never --env=GREETING=hi --port=8080 --dry-run=client -o yaml -n default -- sleep 3600
kubectl run t --image=busybox:1.28 --dry-run -o jsonpath='{.spec.containers[0].image}{"\n"}'
kubectl run t --image=busybox:1.28 --dry-run client -o jsonpath='{.spec.containers[0].args}{"\n"}'
kubectl run t --image=busybox:1.28 --dry-run=true
kubectl run t --image=busybox:1.28 --dry-run=maybe
kubectl run t --image=busybox:1.28 --dry-run=client -o wide
kubectl run t --image=busybox:1.28 -it --dry-run=client
kubectl run t --image=busybox:1.28 --dry-run=server
kubectl get pods
kubectl run v --image=busybox:1.28 --overrides='{"apiVersion":"v1","spec":{"securityContext":{"runAsUser":1000,"runAsGroup":3000}}}' --dry-run=client -o yaml
kubectl run v --image=busybox:1.28 --overrides='{"spec":{"containers":[{"name":"v","securityContext":{"allowPrivilegeEscalation":false}}]}}' --dry-run=client -o yaml
kubectl run v --image=busybox:1.28 --overrides='{"spec":{"containers":[{"name":"v","securityContext":{"allowPrivilegeEscalation":false}}]}}'
kubectl run v --image=busybox:1.28 --overrides='{"spec":{"containers":[{"name":"v","securityContext":{"allowPrivilegeEscalation":false}}]}}' --override-type=strategic --dry-run=client -o yaml
kubectl run v --image=busybox:1.28 --overrides='{"spec":{"securityContext":{"runAsUser":"1000"}}}'
kubectl run v --image=busybox:1.28 --overrides='{"spec":'
kubectl run v --image=busybox:1.28 --overrides='{"spec":{"securityContext":{"runAsUser":1000}}}' -- sleep 3600
kubectl get pod v -o jsonpath='{.spec.securityContext}{"\n"}'
kubectl create namespace lab --dry-run=client -o yaml
kubectl create ns lab --dry-run=client -o json
kubectl create ns lab --dry-run=server
kubectl get ns lab
kubectl create ns lab -o name
kubectl create ns
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=client -o yaml
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=server
kubectl get pods
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml -o name
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=client
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=server
kubectl create -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=client -o name
kubectl create -f https://k8s.io/examples/pods/security/security-context.yaml --dry-run=server
cat > pods.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: a1
spec:
  containers:
  - name: c
---
apiVersion: v1
kind: Pod
metadata:
  name: a2
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: a3
spec:
  containers:
  - name: c
    image: busybox:1.28
    securityContext:
      runAsUser: -1
EOF
head -7 pods.yaml | kubectl apply -f -
kubectl apply -f - < pods.yaml
kubectl apply -f pods.yaml --dry-run=server
kubectl create -f pods.yaml
kubectl apply -f https://example.com/pod.yaml
kubectl apply -f https://k8s.io/examples/pods/security/nothere.yaml
kubectl apply -f https://example.com/pod.yaml -f pods.yaml
kubectl create -f https://example.com/pod.yaml -f pods.yaml
kubectl apply -f nothere.yaml -f pods.yaml
