# Regular init containers: Init:0/1 while the init container runs, PodInitializing until the app
# container starts, then Running; the app container reads what the init container wrote in a shared
# emptyDir; logs, exec and describe of the init container; a failing init container under
# restartPolicy Never (Init:Error, pod Failed) and OnFailure (Init:CrashLoopBackOff, init restarts
# counted while the pod initializes); 1.34 profile.
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubernetes pkg/printers/internalversion/printers.go printPod as of the sidecar change (1.28+, the same in 1.29 and 1.34; read in a copy found by find_string "restarts = restartableInitContainerRestarts"): the first init container not terminated with exit 0 gives Init:<terminated reason> / Init:Signal:N / Init:ExitCode:N / Init:<waiting reason other than PodInitializing> / Init:i/N; RESTARTS sums init restarts only while initializing; READY counts app containers (and started sidecars).
# source: kubernetes pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (default waiting reason PodInitializing for init and app containers when the pod has init containers), getPhase (failed initialization under restartPolicy Never is Failed, otherwise Pending); pkg/kubelet/prober/prober_manager.go UpdatePodStatus (found by find_string: a regular init container is ready once terminated with exit code 0, started only while running); pkg/kubelet/status/generate.go GeneratePodInitializedCondition (ContainersNotInitialized, "containers with incomplete status: [..]").
# source: kubectl v0.29.0 / v0.34.0 pkg/describe/describe.go describePod (describeContainers("Init Containers", ...) before "Containers", same per-container layout); pkg/cmd/util/podcmd/podcmd.go FindOrDefaultContainerByName (-c may name an init container; "Defaulted container" when there are several containers or any init container, over AllContainerNames "x (init)"); kubelet GetExec finds only running containers (runtime GetPods(all=false)): "container not found (\"setup\")", printed by kubectl as "error: unable to upgrade connection: ..." (reference §3.7).
cat > ini.yaml <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: ini
spec:
  volumes:
  - name: work
    emptyDir: {}
  initContainers:
  - name: setup
    image: busybox:1.28
    command: [sh, -c, "echo init > /work/x; sleep 3"]
    volumeMounts:
    - name: work
      mountPath: /work
  containers:
  - name: app
    image: busybox:1.28
    command: [sh, -c, "cat /work/x; sleep 1h"]
    volumeMounts:
    - name: work
      mountPath: /work
EOF2
kubectl apply -f ini.yaml; kubectl get pods; sleep 2; kubectl get pods; kubectl logs ini; sleep 2.3; kubectl get pods
kubectl get pods
kubectl logs ini
kubectl logs ini -c setup
kubectl exec ini -c setup -- true
kubectl exec ini -- cat /work/x
kubectl get pod ini -o jsonpath='{.status.initContainerStatuses[0].ready} {.status.initContainerStatuses[0].started} {.status.initContainerStatuses[0].state.terminated.reason}{"\n"}'
kubectl describe pod ini
cat > fail.yaml <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: fail
spec:
  restartPolicy: Never
  initContainers:
  - name: one
    image: busybox:1.28
    command: [sh, -c, "exit 0"]
  - name: two
    image: busybox:1.28
    command: [sh, -c, "echo no; exit 2"]
  containers:
  - name: app
    image: busybox:1.28
    command: [sleep, "3600"]
EOF2
kubectl apply -f fail.yaml; kubectl get pod fail; sleep 2; kubectl get pod fail
kubectl get pod fail -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Initialized")].message}{"\n"}'
kubectl logs fail -c two
kubectl delete pod fail
sed -i 's/Never/OnFailure/' fail.yaml; kubectl apply -f fail.yaml; sleep 5; kubectl get pod fail
sleep 30; kubectl get pod fail
kubectl logs fail
