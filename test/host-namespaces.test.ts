// hostPID and hostNetwork end to end: a learner applies a pod that shares the node's pid and
// network namespaces, execs into it and sees the node (systemd as PID 1, the kernel threads, the
// kubeadm control plane's static pods, kube-proxy and CoreDNS, the runtime's shims and every
// pod's processes under node pids; eth0 with the node's address, docker0 without carrier and the
// CNI bridge with CoreDNS's and the other pod's veths; the node's routes; the node's hostname),
// while the tutorial's pod next to it still sees only its own processes, numbered from 1.

import { describe, expect, it } from "vitest";
import { hostTable } from "../core/kube/kubelet/host-processes.js";
import { replay } from "../server/cli/run.js";

const manifest = (image: string) => [
  "cat > host.yaml <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: host-demo", "spec:", "  hostPID: true", "  hostNetwork: true",
  "  containers:", "  - name: sec-ctx-demo", `    image: ${image}`, '    command: ["sh", "-c", "sleep 1h"]', "EOF",
];

const SCRIPT = [
  ...manifest("busybox:1.28"),
  "kubectl apply -f host.yaml",
  "kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml",
  "kubectl wait --for=condition=Ready pod/host-demo pod/security-context-demo",
  "kubectl get pod host-demo -o wide",
  "kubectl exec -it host-demo -- sh",
  "ps",
  "ip addr",
  "ip route",
  "hostname",
  "cat /proc/1/status | grep NSpid",
  "cat /proc/self/status | grep NSpid",
  "exit",
  "kubectl exec -it security-context-demo -- sh",
  "ps",
  "cat /proc/1/status | grep NSpid",
  "exit",
];

/** The screen lines a command printed: from after its prompt line to the next prompt. */
function outputOf(screen: string[], prompt: string, from = 0): { lines: string[]; next: number } {
  const at = screen.indexOf(prompt, from);
  if (at < 0) throw new Error(`no "${prompt}" on the screen`);
  let end = at + 1;
  while (end < screen.length && !/^(\/ [#$] |learner@workstation:~\$ )/.test(screen[end]!)) end++;
  return { lines: screen.slice(at + 1, end), next: end };
}

describe("a hostPID + hostNetwork pod (1.29-docker)", () => {
  it("shows the node's processes, network and hostname; an ordinary pod still counts from 1", async () => {
    const { transcript, sandbox } = await replay({ scenario: "security-context", lines: SCRIPT, thinkSeconds: 3, cols: 120, start: Date.parse("2026-11-27T09:00:00Z") });
    const screen = transcript.split("\n");
    const kubelet = sandbox.cluster.kubelet;
    const runtime = (name: string) => kubelet.runtimeOf(sandbox.cluster.store.getPod("default", name)!)!;
    const host = runtime("host-demo");
    const demo = runtime("security-context-demo");
    const shimLine = (pid: number, id: string) => `${pid} root      0:00 /usr/bin/containerd-shim-runc-v2 -namespace moby -id ${id}`.slice(0, 119);

    expect(outputOf(screen, "learner@workstation:~$ kubectl get pod host-demo -o wide").lines).toEqual([
      "NAME        READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
      "host-demo   1/1     Running   0          9s    172.30.1.2   node01   <none>           <none>",
    ]);

    const ps = outputOf(screen, "/ # ps");
    expect(ps.lines.slice(0, 6)).toEqual([
      "PID   USER     TIME  COMMAND",
      "    1 root      0:44 {systemd} /sbin/init",
      "    2 root      0:00 [kthreadd]",
      "    3 root      0:00 [rcu_gp]",
      "    4 root      0:00 [rcu_par_gp]",
      "    5 root      0:00 [slub_flushwq]",
    ]);
    expect(ps.lines).toContain("  378 root      0:18 /lib/systemd/systemd-journald");
    expect(ps.lines).toContain(" 1596 root     40:48 /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/k");
    expect(ps.lines).toContain(" 1972 root      3:10 /usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=node01");
    // Both pods, each a sandbox shim + pause and a container shim + the container's command, then the exec'd shell.
    expect(ps.lines.slice(-11)).toEqual([
      "27790 root      0:00 [kworker/u4:0-events_power_efficient]",
      shimLine(27836, host.sandboxId),
      "27854 65535     0:00 /pause",
      shimLine(27856, host.containers.get("sec-ctx-demo")!.id),
      "27874 root      0:00 sleep 1h",
      shimLine(27879, demo.sandboxId),
      "27897 65535     0:00 /pause",
      shimLine(27899, demo.containers.get("sec-ctx-demo")!.id),
      "27917 1000      0:00 sleep 1h",
      "27929 root      0:00 sh",
      "27930 root      0:00 ps",
    ]);

    // The control plane's static pods (a sandbox shim + pause, a container shim + the component
    // each), kube-proxy, and the CoreDNS replicas running as the image's nonroot user.
    const line = (text: string) => text.slice(0, 119);
    expect(ps.lines.filter((l) => /^ (1765|1788|1811|1834|1972|2122|2145) /.test(l))).toEqual([
      line(" 1765 root     51:45 etcd --advertise-client-urls=https://172.30.1.2:2379 --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true"),
      line(" 1788 root      1h39 kube-apiserver --advertise-address=172.30.1.2 --allow-privileged=true --authorization-mode=Node,RBAC --client-ca-file=/etc/kubernetes/pki/ca.crt"),
      line(" 1811 root     25:13 kube-controller-manager --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf"),
      line(" 1834 root      6:48 kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf --authorization-kubeconfig=/etc/kubernetes/scheduler.conf"),
      line(" 1972 root      3:10 /usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=node01"),
      " 2122 65532     4:01 /coredns -conf /etc/coredns/Corefile",
      " 2145 65532     3:56 /coredns -conf /etc/coredns/Corefile",
    ]);
    expect(ps.lines.filter((l) => l.endsWith(" /pause")).map((l) => Number(l.slice(0, 5)))).toEqual([1670, 1693, 1716, 1739, 1863, 2051, 2074, 27854, 27897]);

    // The node's interfaces: BusyBox 1.28 names a veth's peer by looking its index up here (the
    // pods' eth0 is index 2 in their namespaces, the node's eth0 here), so "@eth0" and no M-DOWN.
    const ip = outputOf(screen, "/ # ip addr", ps.next).lines;
    const nodeNet = sandbox.cluster.node.net;
    const veth = nodeNet.interfaces.find((i) => i.index === demo.vethIndex)!;
    const coredns = hostTable("1.29-docker").pods.filter((p) => p.network !== undefined).map((p) => nodeNet.interfaces.find((i) => i.index === p.network!.vethIndex)!);
    expect(coredns.map((i) => i.index)).toEqual([5, 6]);
    const port = (i: { index: number; name: string }) => `${i.index}: ${i.name}@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP`;
    expect(ip.filter((l) => /^\d+: /.test(l))).toEqual([
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000",
      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP qlen 1000",
      "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN",
      "4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP qlen 1000",
      port(coredns[0]!), port(coredns[1]!), port(veth),
    ]);
    expect(demo.net.interfaces.find((i) => i.name === "eth0")?.peerIndex).toBe(demo.vethIndex);
    expect(ip.filter((l) => l.startsWith("    inet "))).toEqual([
      "    inet 127.0.0.1/8 scope host lo",
      "    inet 172.30.1.2/24 brd 172.30.1.255 scope global eth0",
      "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0",
      "    inet 192.168.1.1/24 brd 192.168.1.255 scope global cni0",
    ]);
    // BusyBox print_route(): no "proto", " src X ", " metric N ", and no "linkdown".
    expect(outputOf(screen, "/ # ip route", ps.next).lines).toEqual([
      "default via 172.30.1.1 dev eth0  src 172.30.1.2  metric 100",
      "172.17.0.0/16 dev docker0 scope link  src 172.17.0.1",
      "172.30.0.2 via 172.30.1.1 dev eth0  src 172.30.1.2  metric 100",
      "172.30.1.0/24 dev eth0 scope link  src 172.30.1.2  metric 100",
      "172.30.1.1 dev eth0 scope link  src 172.30.1.2  metric 100",
      "192.168.1.0/24 dev cni0 scope link  src 192.168.1.1",
    ]);
    expect(outputOf(screen, "/ # hostname", ps.next).lines).toEqual(["node01"]);
    expect(outputOf(screen, "/ # cat /proc/1/status | grep NSpid", ps.next).lines).toEqual(["NSpid:  1"]);
    expect(outputOf(screen, "/ # cat /proc/self/status | grep NSpid", ps.next).lines).toEqual(["NSpid:  27936"]);

    // The tutorial's pod: its own pid namespace, PIDs as the tutorial shows them.
    const inPod = outputOf(screen, "/ $ ps", ps.next);
    expect(inPod.lines).toEqual(["PID   USER     TIME  COMMAND", "    1 1000      0:00 sleep 1h", "    6 1000      0:00 sh", "    7 1000      0:00 ps"]);
    expect(outputOf(screen, "/ $ cat /proc/1/status | grep NSpid", inPod.next).lines).toEqual(["NSpid:  1"]);
  }, 60_000);
});

describe("a hostPID + hostNetwork pod (1.34-containerd, agnhost's iproute2 5.6)", () => {
  it("shows one shim per pod, the peers' indexes with link-netnsid, and the node's routes with linkdown-free metrics", async () => {
    const script = [
      ...manifest("registry.k8s.io/e2e-test-images/agnhost:2.45"),
      "kubectl apply -f host.yaml",
      "kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml",
      "kubectl wait --for=condition=Ready pod/host-demo pod/security-context-demo",
      "kubectl exec -it host-demo -- sh",
      "ps -o pid,ppid,user,args",
      "ip link",
      "ip -4 addr show dev cni0",
      "ip route",
      "ip route get 192.168.1.3",
      "grep -E '^(Uid|CapEff|NoNewPrivs|Seccomp):' /proc/1931/status",
      "tr '\\0' ' ' < /proc/1611/cmdline; echo",
      "exit",
    ];
    const { transcript, sandbox } = await replay({ scenario: "security-context-1.34", lines: script, thinkSeconds: 3, cols: 400, start: Date.parse("2026-11-27T09:00:00Z") });
    const screen = transcript.split("\n");
    const demo = sandbox.cluster.kubelet.runtimeOf(sandbox.cluster.store.getPod("default", "security-context-demo")!)!;

    const ps = outputOf(screen, "/ # ps -o pid,ppid,user,args").lines;
    const pods = hostTable("1.34-containerd").pods;
    const shim = (pid: number, id: string) => `${String(pid).padStart(5)}     1 root     /usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${id} -address /run/containerd/containerd.sock`;
    const sandboxOf = (name: string) => pods.find((p) => p.name.startsWith(name))!.sandboxId;
    const at = ps.findIndex((l) => l.startsWith(" 1540 "));
    expect(ps.slice(at, at + 8)).toEqual([
      shim(1540, sandboxOf("etcd-")), shim(1543, sandboxOf("kube-apiserver-")), shim(1547, sandboxOf("kube-controller-manager-")), shim(1551, sandboxOf("kube-scheduler-")),
      " 1561  1540 65535    /pause", " 1566  1543 65535    /pause", " 1570  1547 65535    /pause", " 1574  1551 65535    /pause",
    ]);
    expect(ps.filter((l) => /^ 1(611|620|628|635|801|931|937) /.test(l)).map((l) => l.split(" --")[0])).toEqual([
      " 1611  1540 root     etcd", " 1620  1543 root     kube-apiserver", " 1628  1547 root     kube-controller-manager", " 1635  1551 root     kube-scheduler",
      " 1801  1712 root     /usr/local/bin/kube-proxy", " 1931  1858 65532    /coredns -conf /etc/coredns/Corefile", " 1937  1862 65532    /coredns -conf /etc/coredns/Corefile",
    ]);
    // etcd 3.6 as kubeadm 1.34 runs it: the experimental flags became a feature gate and a plain flag.
    expect(outputOf(screen, "/ # tr '\\0' ' ' < /proc/1611/cmdline; echo", at).lines).toEqual([[
      "etcd --advertise-client-urls=https://172.30.1.2:2379 --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true --data-dir=/var/lib/etcd",
      "--feature-gates=InitialCorruptCheck=true --initial-advertise-peer-urls=https://172.30.1.2:2380 --initial-cluster=node01=https://172.30.1.2:2380",
      "--key-file=/etc/kubernetes/pki/etcd/server.key --listen-client-urls=https://127.0.0.1:2379,https://172.30.1.2:2379 --listen-metrics-urls=http://127.0.0.1:2381",
      "--listen-peer-urls=https://172.30.1.2:2380 --name=node01 --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt --peer-client-cert-auth=true",
      "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt --snapshot-count=10000",
      "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt --watch-progress-notify-interval=5s",
    ].join(" ")]);

    // iproute2 >= 4 reads IFLA_LINK_NETNSID: "@if2" (the peer's index in the pod's namespace) and
    // the pod namespace's id here; CNI-made veths have no transmit queue length.
    const nodeNet = sandbox.cluster.node.net;
    const veths = [...pods.filter((p) => p.network !== undefined).map((p) => p.network!.vethIndex), demo.vethIndex!].map((index) => nodeNet.interfaces.find((i) => i.index === index)!);
    expect(outputOf(screen, "/ # ip link", at).lines).toEqual([
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000",
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000",
      "    link/ether 52:54:00:a7:2c:49 brd ff:ff:ff:ff:ff:ff",
      "3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000",
      "    link/ether b6:3e:51:0c:7a:d2 brd ff:ff:ff:ff:ff:ff",
      ...veths.flatMap((v, n) => [
        `${v.index}: ${v.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP mode DEFAULT group default`,
        `    link/ether ${v.mac} brd ff:ff:ff:ff:ff:ff link-netnsid ${n}`,
      ]),
    ]);
    expect(veths.map((v) => v.index)).toEqual([4, 5, demo.vethIndex]);
    expect(outputOf(screen, "/ # ip -4 addr show dev cni0", at).lines).toEqual([
      "3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000",
      "    inet 192.168.1.1/24 brd 192.168.1.255 scope global cni0",
      "       valid_lft forever preferred_lft forever",
    ]);
    expect(outputOf(screen, "/ # ip route", at).lines).toEqual([
      "default via 172.30.1.1 dev eth0 proto dhcp src 172.30.1.2 metric 100",
      "172.30.0.2 via 172.30.1.1 dev eth0 proto dhcp src 172.30.1.2 metric 100",
      "172.30.1.0/24 dev eth0 proto kernel scope link src 172.30.1.2 metric 100",
      "172.30.1.1 dev eth0 proto dhcp scope link src 172.30.1.2 metric 100",
      "192.168.1.0/24 dev cni0 proto kernel scope link src 192.168.1.1",
    ]);
    expect(outputOf(screen, "/ # ip route get 192.168.1.3", at).lines).toEqual(["192.168.1.3 dev cni0 src 192.168.1.1 uid 0", "    cache"]);
    expect(outputOf(screen, "/ # grep -E '^(Uid|CapEff|NoNewPrivs|Seccomp):' /proc/1931/status", at).lines).toEqual([
      // The screen expands the tabs.
      "Uid:    65532   65532   65532   65532", "CapEff: 0000000000000400", "NoNewPrivs:     1", "Seccomp:        2",
    ]);
  }, 60_000);
});
