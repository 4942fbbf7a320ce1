// The node's boot-time tables: one consistent picture of a kubeadm control-plane node per profile
// (the static pods, kube-proxy, CoreDNS), agreeing with the profile and with init_net.

import { describe, expect, it } from "vitest";
import { programTable } from "../../commands/registry.js";
import { VirtualClock } from "../../kernel/clock.js";
import { PROC_DYNAMIC_FIRST } from "../../kernel/namespaces.js";
import { hostScheduler } from "../../../test/helpers/world.js";
import { Cluster } from "../cluster.js";
import { PROFILES, type ProfileId } from "../profiles.js";
import { FIRST_POD_IFINDEX, nodeNetwork } from "./host-network.js";
import { NODE_IP, NODE_NAME, hostTable } from "./host-processes.js";

const IDS = Object.keys(PROFILES) as ProfileId[];
const reach = { hostAt: () => undefined, resolve: () => undefined };

describe.each(IDS)("the host table of %s", (id) => {
  const table = hostTable(id);
  const profile = PROFILES[id];

  it("names the node as the profile does", () => {
    expect([NODE_IP, NODE_NAME]).toEqual([profile.nodeIP, profile.node.nodeName]);
    expect(profile.node.hostProcesses).toBe(table.tasks.length);
  });

  it("lists the processes by pid, each parent before its children, all below the pid cursor", () => {
    const pids = table.tasks.map((t) => t.pid);
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
    expect(new Set(pids).size).toBe(pids.length);
    for (const t of table.tasks) if (t.ppid !== 0) expect(pids.indexOf(t.ppid)).toBeLessThan(pids.indexOf(t.pid));
    expect(Math.max(...pids)).toBeLessThan(table.lastPid);
  });

  it("runs kubeadm's static pods, kube-proxy and two CoreDNS replicas, each a pause sandbox plus its container", () => {
    expect(table.pods.map((p) => p.name)).toEqual([
      "etcd-node01", "kube-apiserver-node01", "kube-controller-manager-node01", "kube-scheduler-node01",
      expect.stringMatching(/^kube-proxy-[a-z0-9]{5}$/), expect.stringMatching(/^coredns-[0-9a-f]{10}-[a-z0-9]{5}$/), expect.stringMatching(/^coredns-[0-9a-f]{10}-[a-z0-9]{5}$/),
    ]);
    expect(table.pods.map((p) => p.static)).toEqual([true, true, true, true, false, false, false]);
    for (const pod of table.pods) {
      const procs = table.tasks.filter((t) => t.container?.pod === pod);
      expect(procs.map((t) => t.comm)).toEqual(["pause", pod.containers[0]!.name.slice(0, 15)]);
      const shims = table.tasks.filter((t) => t.comm === "containerd-shim" && procs.some((p) => p.ppid === t.pid));
      // containerd: one shim per pod; Docker (cri-dockerd): one per container, the sandbox's included.
      expect(shims.length).toBe(profile.runtime === "docker" ? 2 : 1);
      expect(shims[0]!.argv).toContain(pod.sandboxId);
    }
    const coredns = table.tasks.filter((t) => t.comm === "coredns");
    expect(coredns.map((t) => [t.creds.euid, t.creds.capEffective, t.creds.noNewPrivs])).toEqual([[65532, 0x400n, true], [65532, 0x400n, true]]);
    const etcd = table.tasks.find((t) => t.comm === "etcd")!;
    expect(etcd.argv).toContain(`--advertise-client-urls=https://${profile.nodeIP}:2379`);
    expect(etcd.argv).toContain(profile.id === "1.34-containerd" ? "--feature-gates=InitialCorruptCheck=true" : "--experimental-initial-corrupt-check=true");
  });

  it("gives every namespace its own inode, below the ones the kernel hands out later", () => {
    const inums = table.tasks.flatMap((t) => (t.container === undefined ? [] : [t.container.mntInum, t.container.pidInum, t.container.cgroupInum]));
    for (const pod of table.pods) inums.push(pod.ipcInum, ...(pod.network === undefined ? [] : [pod.network.netInum, pod.network.utsInum]));
    expect(new Set(inums).size).toBe(inums.length);
    // Kernel.nextNsInum() starts at PROC_DYNAMIC_FIRST + 600.
    for (const inum of inums) expect(inum > PROC_DYNAMIC_FIRST + 1 && inum < PROC_DYNAMIC_FIRST + 600).toBe(true);
  });

  it("plugs the CoreDNS pods into cni0 at .2 and .3, with veths below the learner's and netnsids 0 and 1", () => {
    const nets = table.pods.flatMap((p) => (p.network === undefined ? [] : [p.network]));
    expect(nets.map((n) => [n.host, n.netnsid])).toEqual([[2, 0], [3, 1]]);
    const net = nodeNetwork(profile, reach, table);
    for (const n of nets) {
      expect(n.vethIndex).toBeLessThan(FIRST_POD_IFINDEX);
      expect(net.interfaces.filter((i) => i.index === n.vethIndex).map((i) => [i.kind, i.master, i.linkNetnsid, i.peerIndex])).toEqual([["veth", "cni0", n.netnsid, 2]]);
    }
    expect(new Set(net.interfaces.map((i) => i.index)).size).toBe(net.interfaces.length);
  });

  it("listens where the node's daemons and hostNetwork pods do, and CoreDNS in its own namespaces", () => {
    expect([...nodeNetwork(profile, reach, table).listening].sort((a, b) => a - b)).toEqual([22, 2379, 2380, 2381, 6443, 10248, 10249, 10250, 10256, 10257, 10259]);
    const node = new Cluster({ profile, clock: new VirtualClock(Date.parse("2026-11-27T09:00:00Z")), host: hostScheduler, programs: programTable }).node;
    expect(node.bootPodAt("192.168.1.3")).toEqual({ name: table.pods[6]!.name, listening: [53, 8080, 8181, 9153] });
    expect(node.bootPodAt("192.168.1.4")).toBeUndefined();
    expect(node.allocatePodIp()).toBe("192.168.1.4");
    // Booted (a hostPID pod looked): CoreDNS's processes are in their pod's network and UTS namespaces.
    const coredns = node.pidns.list().filter((p) => p.comm === "coredns");
    expect(coredns.map((p) => [p.uts.hostname, p.net?.interfaces[1]?.addresses[0]?.address, p.net === coredns[0]!.net])).toEqual([
      [table.pods[5]!.name, "192.168.1.2", true], [table.pods[6]!.name, "192.168.1.3", false],
    ]);
  });
});
