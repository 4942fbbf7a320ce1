# The kube-system pods of a kubeadm node, which were running before the lab started: get, describe
# (mirror pod, DaemonSet and ReplicaSet pods), exec into distroless images, logs, deleting a mirror
# pod (the kubelet recreates it) and what the lab does not emulate; 1.29 profile.
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubeadm cmd/kubeadm/app/util/staticpod/utils.go ComponentPod/ComponentProbe, phases/controlplane/manifests.go + volumes.go, phases/etcd/local.go, phases/addons/proxy/manifests.go, phases/addons/dns/manifests.go (tag v1.29); the probe paths and named ports per minor as core/kube/kube-system.ts cites (kubernetes#124465, #126945, #132776, #131587).
# source: kubelet pkg/kubelet/pod/mirror_client.go (config.mirror annotation, Node owner reference) and pkg/kubelet/config/common.go (config.hash/seen/source, ":NoExecute op=Exists"); NamespaceLifecycle admission (immortal namespaces: "this namespace may not be deleted").
# source: kubectl pkg/describe/describe.go describePod (Controlled By, Port/Host Port with names, describeContainerProbe "http-get … delay= timeout= period= #success= #failure=", describeContainerEnvVars fieldRef, printConfigMapVolumeSource, Events: <none>); runc "executable file not found in $PATH" per runtime (reference/kubernetes-behaviour.md §6.4).
kubectl get pods -A -o wide
kubectl get pods -n kube-system --show-labels
kubectl describe pod -n kube-system -l component=etcd
kubectl describe pod -n kube-system -l k8s-app=kube-proxy
kubectl describe -n kube-system $(kubectl get pods -n kube-system -l k8s-app=kube-dns -o name | head -1)
kubectl exec -n kube-system etcd-node01 -- ls
kubectl exec -n kube-system kube-apiserver-node01 -- /bin/sh
kubectl exec -n kube-system etcd-node01 -- sh -c id
kubectl logs -n kube-system kube-scheduler-node01
kubectl logs -n kube-system kube-scheduler-node01 --previous
kubectl delete ns kube-system
kubectl delete -n kube-system $(kubectl get pods -n kube-system -l k8s-app=kube-proxy -o name)
kubectl delete pod -n kube-system kube-scheduler-node01
kubectl get pods -n kube-system -l component=kube-scheduler
sleep 12
kubectl get pods -n kube-system -l component=kube-scheduler -o wide
