# kubectl logs (output, --tail, --timestamps, --previous and its error, waiting containers, bad
# container, usage) and kubectl wait (condition met, --timeout=0, timeouts, jsonpath, delete,
# NotFound, bad --for, bad duration); 1.34 profile: since kubectl 1.30 (kubernetes#120111) logs wraps the NotFound: "error: error from server (NotFound): pods \"x\" not found in namespace \"default\"".
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.34.2 pkg/cmd/logs/logs.go (Complete: usage error text, the NotFound handling per version), the kubelet's validateContainerLogStatus (kubernetes pkg/kubelet/kubelet_pods.go, found by find_string: "is waiting to start: image can't be pulled" for ErrImagePull, "trying and failing to pull image" for ImagePullBackOff, the reason otherwise; "previous terminated container \"x\" in pod \"y\" not found"; a container waiting to be restarted gives its last run's log), the apiserver's "container x is not valid for pod y" (BadRequest), kubelet --timestamps format RFC3339NanoFixed.
# source: kubectl pkg/polymorphichelpers/logsforobject.go logsForObjectWithClient (the client's own "container X is not valid for pod Y", printed as a plain error; "Defaulted container" over podcmd.AllContainerNames).
# source: kubectl v0.34.2 pkg/cmd/wait/{wait.go,condition.go,delete.go,json.go}: printer "condition met", --timeout default 30s, 0 checks once ("condition not met for pods/x"), timeout "timed out waiting for the condition on pods/x", conditionFuncFor ("unrecognized condition: \"…\""), jsonpath value comparison, --for=delete ignoring NotFound; pflag's "invalid argument … time: invalid duration" for --timeout.
kubectl logs nothere
kubectl run hello --image=busybox:1.28 --restart=Never -- sh -c "echo hello; echo world"
kubectl run nope --image=nosuch/image:1; kubectl logs nope
kubectl logs nope
kubectl run crash --image=busybox:1.28 -- sh -c "echo run; exit 1"
kubectl logs hello
kubectl logs hello --tail=1
kubectl logs hello --timestamps
kubectl logs hello -c other
kubectl logs hello --previous
kubectl logs crash
kubectl logs crash --previous
kubectl logs
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml; kubectl wait --for=condition=Ready pod/security-context-demo
kubectl wait --for=condition=Ready pod/security-context-demo --timeout=0
kubectl wait --for=condition=Ready pod/hello --timeout=5s
kubectl wait --for=condition=Ready pod/hello --timeout=0
kubectl wait --for=jsonpath='{.status.phase}'=Succeeded pod/hello
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/hello --timeout=2s
kubectl wait --for=condition=Ready pod/nothere
kubectl wait --for=delete pod/nothere
kubectl wait pod/hello
kubectl wait --for=ready pod/hello
kubectl wait --for=condition=Ready pod/hello --timeout=abc
kubectl delete pod hello --wait=false; kubectl wait --for=delete pod/hello
