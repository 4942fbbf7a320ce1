# kubectl label / annotate messages and errors, -l selection, and kubectl delete wording
# (pod "x" deleted from default namespace), NotFound, -f, --ignore-not-found and "No resources found"; 1.34 profile.
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.34.2 pkg/cmd/label/label.go (parseLabels errors, Validate errors, validateNoOverwrites, "label \"x\" not found." on stdout, updateDataChangeMsg: labeled / unlabeled when the JSON shrinks without --overwrite / not labeled), pkg/cmd/annotate/annotate.go (always "annotated", "--overwrite is false but found the following declared annotation(s): …", "at least one annotation update is required"), pkg/cmd/util/helpers.go GetResourcesAndPairs and ParsePairs; apimachinery IsValidLabelValue message.
# source: kubectl v0.34.2 pkg/cmd/delete/delete.go (PrintObj wording per version: reference/kubernetes-behaviour.md §6.3; NotFound errors after the deletions with ContinueOnError and then no wait; "No resources found" on stdout when nothing matched; --ignore-not-found counts a named object as found), cli-runtime builder.go ("resource(s) were provided, but no name was specified"), cmdutil.AddSourceToErr ("error when deleting \"FILE\"").
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl label pod security-context-demo tier=lab
kubectl label pod security-context-demo tier=lab
kubectl label pod security-context-demo tier=web
kubectl label pod security-context-demo tier=web --overwrite
kubectl label pods security-context-demo app=demo owner=learner
kubectl get pods --show-labels
kubectl get pods -l tier=web
kubectl get pods -l tier=db
kubectl label pod security-context-demo owner-
kubectl label pod security-context-demo owner-
kubectl label pod security-context-demo tier- --overwrite
kubectl label pod security-context-demo app- tier-
kubectl label pod security-context-demo bad=a=b
kubectl label pod security-context-demo 'bad=no spaces'
kubectl label pod security-context-demo
kubectl label tier=x
kubectl label pod nothere a=b
kubectl label pod security-context-demo a=b pod
kubectl annotate pod security-context-demo note=hello
kubectl annotate pod security-context-demo note=again
kubectl annotate pod security-context-demo note=again --overwrite
kubectl annotate pod security-context-demo note-
kubectl annotate pod security-context-demo note-
kubectl annotate pod security-context-demo
kubectl get pod security-context-demo -o jsonpath='{.metadata.labels}{"\n"}'
kubectl delete pod nothere
kubectl delete pod
kubectl delete pods --all -n kube-public
kubectl delete pod security-context-demo nothere
kubectl delete pod security-context-demo
kubectl delete -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl delete pod security-context-demo --ignore-not-found
