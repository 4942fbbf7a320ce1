# kubectl get events (plain, -o wide, -A, --field-selector), kubectl events (--for, --types, -A,
# its errors) and kubectl describe pod for the
# tutorial pod, an image that cannot be pulled, a crash-looping pod and a pod being deleted;
# 1.29 profile. get events has no "(xN over …)": only describe (and kubectl events) aggregate that way.
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 230
# source: get events columns from kubernetes pkg/printers/internalversion/printers.go (eventColumnDefinitions: SUBOBJECT and SOURCE are wide columns before MESSAGE, FIRST SEEN/COUNT/NAME after; printEvent: LAST SEEN = lastTimestamp, else firstTimestamp, else eventTime; COUNT 1 for an events.k8s.io singleton; formatEventSource "component, host" or reportingController/Instance); rows in the apiserver's list order (etcd key namespace/name, names "<pod>.<hex UnixNano>", client-go tools/record makeEvent and tools/events makeEvent).
# source: the scheduler's Scheduled event is an events.k8s.io/v1 event (client-go v0.29.15 tools/events NewRecorder: reportingInstance "default-scheduler-<hostname>", no source, eventTime, no first/last timestamp); kubelet events aggregate on the EventCorrelator key (tools/record events_cache.go getEventKey).
# source: kubectl v0.29.15 pkg/describe/describe.go describePod, describeContainers, describeStatus (Waiting + Reason; Terminated with Exit Code, Started, Finished), printAnnotationsMultiline (last-applied skipped), printTolerationsMultiline, describeVolumes (EmptyDir SizeLimit <unset>), the 1.29 projected-volume line "ConfigMapOptional:  <nil>" (printProjectedVolumeSource prints the *bool) and "Terminating (lasts <invalid>)"; DescribeEvents (sorted by lastTimestamp, events without one first, Age "last (xN over first)", From = source component or reportingController); tabwriter 0/8/2.
# source: kubectl v0.29.15 pkg/cmd/describe/describe.go (NotFound for TYPE NAME, "No resources found in default namespace.", the no-argument error).
# source: event reasons and messages are podlab's kubelet (kubelet ≥1.33 "Created container: x", ≥1.30 "Image size: N bytes." per reference/kubernetes-behaviour.md and core/kube/profiles.ts); their timing is podlab's virtual clock.
# source: kubectl pkg/cmd/events/events.go (ToOptions --for via decodeResourceTypeName and its errors, Validate "valid --types are Normal or Warning", Run: "No events found in NS namespace." on stderr, SortableEvents by last time) and event_printer.go (LAST SEEN/TYPE/REASON/OBJECT/MESSAGE, Kind/Name, getInterval "(xN over …)"), printers.GetNewTabWriter.
kubectl get events
kubectl events
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl run nope --image=nosuch/image:1
kubectl run crash --image=busybox:1.28 -- sh -c "echo oops; exit 1"
sleep 20
kubectl get events
kubectl get events -o wide
kubectl get events -A
kubectl get events --field-selector involvedObject.name=nope
kubectl events
kubectl events --for pod/crash --types=Warning
kubectl events -A --types normal --no-headers
kubectl events --for crash
kubectl events --for foo/crash
kubectl events --types=Info
kubectl events -n kube-system
kubectl describe pod security-context-demo
kubectl describe pod nope
kubectl describe pod crash
kubectl describe pod nothere
kubectl describe pods no
kubectl describe
kubectl delete pod security-context-demo --wait=false; kubectl describe pod security-context-demo
