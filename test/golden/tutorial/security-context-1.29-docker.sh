# The tutorial "Configure a Security Context for a Pod or Container" as the reference gives it
# (../shared/reference/tutorial-security-context.md, node-hello images), on the 1.29-docker profile.
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 120
# tutorial:     6 1000      0:00 sh
# tutorial: drwxrwsrwx    2 root     2000          4096 Nov 27 09:00 demo
# tutorial: -rw-r--r--    1 1000     2000             6 Nov 27 09:00 testfile
# tutorial: uid=1000 gid=3000 groups=2000
# tutorial: 2000         1  0.0  0.0   4336   764 ?        Ss   09:00   0:00 /bin/sh -c node server.js
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
cat status
exit
kubectl apply -f https://k8s.io/examples/pods/security/security-context-4.yaml
kubectl exec -it security-context-demo-4 -- sh
cd /proc/1
cat status
exit
kubectl delete pod security-context-demo
kubectl delete pod security-context-demo-2
kubectl delete pod security-context-demo-3
kubectl delete pod security-context-demo-4
