# kubectl get pods in the states a learner meets (ContainerCreating, Running, Completed, Error,
# CrashLoopBackOff with "N (Xs ago)" restarts, ImagePullBackOff, Terminating), -o wide,
# --show-labels, -A, --no-headers, -o name, several types, and get's errors; 1.34 profile.
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: reference/kubernetes-behaviour.md §6.2 (tabwriter minwidth 6/padding 3, STATUS reason rules, "No resources found in default namespace.", NotFound text), §6.3 (delete wording per version).
# source: columns, cells and STATUS/RESTARTS/Terminating logic read in kubernetes pkg/printers/internalversion/printers.go (AddHandlers podColumnDefinitions, printPod, printNamespace, printService; copy at yongruilin/kubernetes 144a798); the terminal-phase exception for deleted pods is kubernetes#122038 (1.31), so a deleted Completed pod reads Terminating on 1.29 and Completed on 1.34.
# source: kubectl v0.34.2 pkg/cmd/get/get.go Run (one table per resource type, blank line between, kind/name when several kinds, "No resources found" only when nothing was written, NotFound after the table), Complete (usage error text), cli-runtime v0.34.2 pkg/printers/tableprinter.go printTable/decorateTable (no header for an empty table, NAMESPACE first, LABELS last), get_flags.go AllowedFormats + NoCompatiblePrinterError (sorted formats, plain error), kubectl templater.go FlagErrorFunc (unknown flag), apimachinery duration.HumanDuration (AGE).
# source: the containers' states and restart times are podlab's kubelet (CrashLoopBackOff back-off 10s, 20s, …); the printer output for them was checked by hand against printPod.
kubectl get pods
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml; kubectl get pods
kubectl get pods
kubectl run done --image=busybox:1.28 --restart=Never -- sh -c "echo hi"
kubectl run fails --image=busybox:1.28 --restart=Never -- sh -c "exit 3"
kubectl run crash --image=busybox:1.28 -- sh -c "echo oops; exit 1"
kubectl run nope --image=nosuch/image:1
kubectl get pods
sleep 30
kubectl get pods
kubectl get pods -o wide
kubectl get pods --show-labels
kubectl get pods -A
kubectl get pods --no-headers
kubectl get pods -o name
kubectl get pod security-context-demo nothere
kubectl get pod nothere
kubectl delete pod done --wait=false; kubectl get pod done
kubectl delete pod security-context-demo --wait=false; kubectl get pod security-context-demo
kubectl get pods -n kube-public
kubectl get pods,ns
kubectl get all
kubectl get foo
kubectl get pods --foo
kubectl get pods -o foo
kubectl get
