// hostPID, hostNetwork, hostIPC and the runtime's own processes on the node: what a pod's
// containers share with the node, and what the node's root pid namespace holds.

import { describe, expect, it } from "vitest";
import { type Profile, testCluster } from "../../../test/helpers/cluster.js";
import type { Process } from "../../kernel/process.js";

const START = Date.parse("2026-11-27T09:00:00Z");

function cluster(profile: Profile) {
  const { c, pass, apply } = testCluster(profile, START);
  const runtime = (name: string) => c.kubelet.runtimeOf(c.store.getPod("default", name)!)!;
  const node = c.node;
  const onNode = () => node.pidns.list().map((p) => `${p.pidIn(node.pidns)} ${p.ppidIn(node.pidns)} ${p.argv.join(" ")}`);
  return { c, pass, apply, runtime, node, onNode };
}

const pod = (name: string, spec: string, command = '["sh", "-c", "sleep 1h"]') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.28
    command: ${command}
`;

const argvOf = (p: Process | undefined) => p?.argv.join(" ");

describe("the node's processes and the pods' namespaces", () => {
  it("containerd: one shim per pod, pause as PID 1 of the sandbox, the container's PID 1 with a node pid", async () => {
    const t = cluster("1.34-containerd");
    t.apply(pod("plain", ""));
    await t.pass(5000);
    const pr = t.runtime("plain");
    const init = pr.containers.get("c")!.init!;
    expect([init.pid, init.ppid, init.pids[0]! > 186_419]).toEqual([1, 0, true]);
    expect(argvOf(pr.sandboxShim)).toBe(`/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${pr.sandboxId} -address /run/containerd/containerd.sock`);
    expect([pr.pause!.pid, pr.pause!.ppidIn(t.node.pidns), init.ppidIn(t.node.pidns)]).toEqual([1, pr.sandboxShim!.pid, pr.sandboxShim!.pid]);
    expect(pr.sandboxShim!.ppid).toBe(1);
    expect(t.onNode().slice(-3)).toEqual([
      `${pr.sandboxShim!.pid} 1 ${argvOf(pr.sandboxShim)}`,
      `${pr.pause!.pidIn(t.node.pidns)} ${pr.sandboxShim!.pid} /pause`,
      `${init.pidIn(t.node.pidns)} ${pr.sandboxShim!.pid} sleep 1h`,
    ]);
    // The node's own processes were there all along: systemd first, kthreadd's children.
    expect(t.onNode().slice(0, 3)).toEqual(["1 0 /sbin/init", "2 0 ", "3 2 "]);
  });

  it("Docker: a shim per container; deleting the pod ends pause and the shims and unplugs its veth", async () => {
    const t = cluster("1.29-docker");
    t.apply(pod("plain", ""));
    await t.pass(5000);
    const pr = t.runtime("plain");
    const c = pr.containers.get("c")!;
    expect(c.shim).not.toBe(pr.sandboxShim);
    expect(argvOf(c.shim)).toBe(`/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/containerd/containerd.sock`);
    // The CoreDNS replicas' veths were there from boot (5, 6); the pod's comes after them.
    expect(t.node.net.interfaces.map((i) => `${i.index}: ${i.name}${i.master ? ` master ${i.master}` : ""}`)).toEqual([
      "1: lo", "2: eth0", "3: docker0", "4: cni0", `5: ${t.node.net.interfaces[4]!.name} master cni0`, `6: ${t.node.net.interfaces[5]!.name} master cni0`,
      `${pr.vethIndex}: ${t.node.net.interfaces[6]!.name} master cni0`,
    ]);
    expect(pr.net.interfaces[1]!.peerIndex).toBe(pr.vethIndex);
    const before = t.node.pidns.size;
    t.c.kubelet.deletePod(pr.pod, 0);
    await t.pass(5000);
    expect([pr.pause!.alive, pr.sandboxShim!.alive, c.shim!.alive]).toEqual([false, false, false]);
    expect(t.node.pidns.size).toBe(before - 4);
    expect(t.node.net.interfaces.map((i) => i.name).slice(0, 4)).toEqual(["lo", "eth0", "docker0", "cni0"]);
    expect(t.node.net.interfaces.map((i) => i.index)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("hostPID + hostNetwork + hostIPC: the node's pid, network, UTS and IPC namespaces, pod IP = node IP", async () => {
    const t = cluster("1.34-containerd");
    t.apply(pod("host", "  hostPID: true\n  hostNetwork: true\n  hostIPC: true\n"));
    await t.pass(5000);
    const pr = t.runtime("host");
    const init = pr.containers.get("c")!.init!;
    const status = pr.pod.status!;
    expect([status.podIP, status.hostIP]).toEqual(["172.30.1.2", "172.30.1.2"]);
    expect([init.ns, init.net, init.uts, init.ipc]).toEqual([t.node.pidns, t.node.net, t.node.uts, t.node.ipc]);
    expect([init.pid > 186_419, init.ppid, init.uts.hostname]).toEqual([true, pr.sandboxShim!.pid, "node01"]);
    expect(pr.shm).toBe(t.node.shm);
    expect(pr.vethIndex).toBeUndefined();
    expect(t.node.net.interfaces.map((i) => i.kind)).toEqual(["loopback", "ether", "bridge", "veth", "veth"]); // CoreDNS's, from boot
    // What the container sees: the node's /dev/shm bound in, and namespace links equal to the
    // node's for pid, net, ipc and uts (an ordinary pod's differ).
    const vfs = t.node.vfs;
    const mounts = (await vfs.readFile(init, "/proc/self/mounts")).split("\n");
    expect(mounts.filter((l) => l.includes(" /dev/shm "))).toEqual(["tmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0"]);
    const links = (p: Process) => ["pid", "net", "ipc", "uts", "mnt"].map((ns) => vfs.readlink(p, `/proc/self/ns/${ns}`));
    expect(links(init).slice(0, 4)).toEqual(["pid:[4026531836]", "net:[4026531840]", "ipc:[4026531839]", "uts:[4026531838]"]);
    expect(links(init)[4]).not.toBe("mnt:[4026531841]");
    t.apply(pod("plain", ""));
    await t.pass(5000);
    const plain = t.runtime("plain").containers.get("c")!.init!;
    const mine = links(plain);
    expect(mine.filter((l, i) => l === links(init)[i])).toEqual([]);
    expect((await vfs.readFile(plain, "/proc/self/mounts")).split("\n").filter((l) => l.includes(" /dev/shm "))).toEqual(["shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0"]);
    // The hostPID container reads the ordinary pod's PID 1 under its node pid, both levels listed.
    const plainStatus = await vfs.readFile(init, `/proc/${plain.pidIn(t.node.pidns)}/status`);
    expect(plainStatus.split("\n").filter((l) => l.startsWith("NSpid:"))).toEqual([`NSpid:\t${plain.pidIn(t.node.pidns)}\t1`]);
  });

  it("shareProcessNamespace: pause is PID 1 of the pod's namespace", async () => {
    const t = cluster("1.34-containerd");
    t.apply(pod("shared", "  shareProcessNamespace: true\n"));
    await t.pass(5000);
    const pr = t.runtime("shared");
    expect(pr.sharedPidns!.list().map((p) => `${p.pid} ${p.argv.join(" ")}`)).toEqual(["1 /pause", "2 sleep 1h"]);
  });

  it("a container without a pid namespace of its own: runc kills what is left of it when its init ends", async () => {
    for (const spec of ["", "  hostPID: true\n"]) {
      const t = cluster("1.29-docker");
      t.apply(pod("bg", spec, '["sh", "-c", "sleep 3600 & sleep 5"]'));
      await t.pass(3000);
      const c = t.runtime("bg").containers.get("c")!;
      expect(c.cgroup!.procs.size).toBe(2); // sh -c exec'd the last command: sleep 5, and sleep 3600
      await t.pass(10_000);
      expect(c.cgroup!.procs.size).toBe(0);
      expect(t.node.pidns.list().filter((p) => p.argv[0] === "sleep")).toEqual([]);
    }
  });
});
