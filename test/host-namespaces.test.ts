// hostPID and hostNetwork end to end: a learner applies a pod that shares the node's pid and
// network namespaces, execs into it and sees the node (systemd as PID 1, the kernel threads,
// the runtime's shims and every pod's processes under node pids; eth0 with the node's address
// and the CNI bridge with the other pod's veth; the node's hostname), while the tutorial's pod
// next to it still sees only its own processes, numbered from 1.

import { describe, expect, it } from "vitest";
import { replay } from "../server/cli/run.js";

const MANIFEST = [
  "cat > host.yaml <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: host-demo", "spec:", "  hostPID: true", "  hostNetwork: true",
  "  containers:", "  - name: sec-ctx-demo", "    image: busybox:1.28", '    command: ["sh", "-c", "sleep 1h"]', "EOF",
];

const SCRIPT = [
  ...MANIFEST,
  "kubectl apply -f host.yaml",
  "kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml",
  "kubectl wait --for=condition=Ready pod/host-demo pod/security-context-demo",
  "kubectl get pod host-demo -o wide",
  "kubectl exec -it host-demo -- sh",
  "ps",
  "ip addr",
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

    // The node's interfaces, the other pod's veth among them (its eth0 names it as its peer).
    const ip = outputOf(screen, "/ # ip addr", ps.next).lines;
    const veth = sandbox.cluster.node.net.interfaces.find((i) => i.index === demo.vethIndex)!;
    expect(ip.flatMap((l) => /^(\d+): (\S+?)(@\S+)?: /.exec(l)?.slice(1, 3).join(": ") ?? [])).toEqual(["1: lo", "2: eth0", "3: docker0", "4: cni0", `${demo.vethIndex}: ${veth.name}`]);
    expect(demo.net.interfaces.find((i) => i.name === "eth0")?.peerIndex).toBe(demo.vethIndex);
    expect(ip.filter((l) => l.startsWith("    inet "))).toEqual([
      "    inet 127.0.0.1/8 scope host lo",
      "    inet 172.30.1.2/24 brd 172.30.1.255 scope global eth0",
      "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0",
      "    inet 192.168.1.1/24 brd 192.168.1.255 scope global cni0",
    ]);
    expect(outputOf(screen, "/ # hostname", ps.next).lines).toEqual(["node01"]);
    expect(outputOf(screen, "/ # cat /proc/1/status | grep NSpid", ps.next).lines).toEqual(["NSpid:  1"]);
    expect(outputOf(screen, "/ # cat /proc/self/status | grep NSpid", ps.next).lines).toEqual(["NSpid:  27935"]);

    // The tutorial's pod: its own pid namespace, PIDs as the tutorial shows them.
    const inPod = outputOf(screen, "/ $ ps", ps.next);
    expect(inPod.lines).toEqual(["PID   USER     TIME  COMMAND", "    1 1000      0:00 sleep 1h", "    6 1000      0:00 sh", "    7 1000      0:00 ps"]);
    expect(outputOf(screen, "/ $ cat /proc/1/status | grep NSpid", inPod.next).lines).toEqual(["NSpid:  1"]);
  }, 60_000);
});
