# The current tutorial "Configure a Security Context for a Pod or Container" (release-1.34 page,
# ../shared/reference/kubernetes-behaviour.md §1.1 and §1.4) on the 1.34-containerd profile,
# including the learner's stumble the page invites: -5 reuses pod 1's name.
# scenario: security-context-1.34
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 120
# tutorial:     6 1000      0:00 sh
# tutorial: drwxrwsrwx    2 root     2000          4096 Nov 27 09:00 demo
# tutorial: -rw-r--r--    1 1000     2000             6 Nov 27 09:00 testfile
# tutorial: uid=1000 gid=3000 groups=2000,3000,4000
# tutorial: user-defined-in-image:x:1000:
# tutorial: group-defined-in-image:x:50000:user-defined-in-image
# tutorial:         supplementalGroups:
# tutorial:         - 3000
# tutorial:         - 4000
# tutorial: CapPrm: 00000000a80425fb
# tutorial: CapEff: 00000000aa0435fb
kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml
kubectl get pod security-context-demo
kubectl exec -it security-context-demo -- sh
ps
cd /data
ls -l
cd demo
echo hello > testfile
ls -l
id
exit
kubectl apply -f https://k8s.io/examples/pods/security/security-context-5.yaml
kubectl delete pod security-context-demo
kubectl apply -f https://k8s.io/examples/pods/security/security-context-5.yaml
kubectl exec -it security-context-demo -- sh
id
tail -2 /etc/group
exit
kubectl delete pod security-context-demo
kubectl apply -f https://k8s.io/examples/pods/security/security-context-6.yaml
kubectl exec -it security-context-demo -- id
kubectl get pod security-context-demo -o yaml | grep -A8 '    user:'
kubectl apply -f https://k8s.io/examples/pods/security/security-context-2.yaml
kubectl get pod security-context-demo-2
kubectl exec -it security-context-demo-2 -- sh
ps aux
exit
kubectl apply -f https://k8s.io/examples/pods/security/security-context-3.yaml
kubectl get pod security-context-demo-3
kubectl exec -it security-context-demo-3 -- sh
ps aux
cd /proc/1
grep Cap status
exit
kubectl apply -f https://k8s.io/examples/pods/security/security-context-4.yaml
kubectl exec -it security-context-demo-4 -- sh
cd /proc/1
grep Cap status
exit
kubectl delete pod security-context-demo
kubectl delete pod security-context-demo-2
kubectl delete pod security-context-demo-3
kubectl delete pod security-context-demo-4
