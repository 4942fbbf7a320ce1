// The node's network namespace (init_net), as `ip addr` in a hostNetwork pod shows it: loopback,
// the NIC with the node's DHCP address, docker0 where Docker Engine runs (no containers on it: no
// carrier), the CNI bridge cni0 with the pod network's gateway, and one veth per pod whose peer
// is the pod's eth0 (bridge CNI plugin: host side "veth<8 hex>", enslaved to cni0): the CoreDNS
// replicas' from boot, then the learner's pods'.

import { INIT_NET_INO } from "../../kernel/namespaces.js";
import { type NetInterface, NetNamespace, type Reachability, type Route, linkLocal } from "../../kernel/net.js";
import type { ClusterProfile } from "../profiles.js";
import type { BootPod } from "./host-processes.js";

/** The index the next device created on the node would get, after the boot-time ones. */
export const FIRST_POD_IFINDEX = 10;

/**
 * The index of the first pod veth made at boot: after lo, eth0, docker0 (Docker Engine makes it
 * when it starts) and cni0 (the bridge plugin makes it on the first pod's CNI ADD).
 */
export function firstBootVethIndex(runtime: "docker" | "containerd"): number {
  return runtime === "docker" ? 5 : 4;
}

/** TCP ports the node's daemons listen on: sshd, the kubelet (10250, healthz 10248); the hostNetwork pods' come from their BootPod. */
const NODE_PORTS = [22, 10248, 10250];

const iface = (i: Omit<NetInterface, "rxPackets" | "txPackets" | "rxBytes" | "txBytes"> & Partial<NetInterface>): NetInterface => ({
  rxPackets: 0, txPackets: 0, rxBytes: 0, txBytes: 0, ...i,
});

const net24 = (ip: string) => ip.replace(/\.\d+$/, ".0");
const brd24 = (ip: string) => ip.replace(/\.\d+$/, ".255");

/** The nameservers of a resolv.conf. */
const nameservers = (resolvConf: string) => [...resolvConf.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]!);

/** A dotted quad as a number, to order routes as the kernel's FIB trie dumps them. */
const key = (dest: string) => (dest === "default" ? -1 : dest.split("/")[0]!.split(".").reduce((n, b) => n * 256 + Number(b), 0));

export function nodeNetwork(profile: ClusterProfile, reach: Reachability, boot: { pods: readonly BootPod[]; resolvConf: string }): NetNamespace {
  const ns = NetNamespace.isolated(reach, INIT_NET_INO);
  const nodeIP = profile.nodeIP;
  const gatewayIP = nodeIP.replace(/\.\d+$/, ".1");
  const eth0Mac = "52:54:00:a7:2c:49";
  ns.interfaces.push(iface({
    index: 2, name: "eth0", kind: "ether", mtu: 1500, mac: eth0Mac, up: true, qdisc: "fq_codel",
    addresses: [
      { family: "inet", address: nodeIP, prefix: 24, scope: "global", broadcast: brd24(nodeIP) },
      { family: "inet6", address: linkLocal(eth0Mac), prefix: 64, scope: "link" },
    ],
    rxPackets: 3_912_447, txPackets: 3_401_225, rxBytes: 2_871_034_113, txBytes: 1_190_448_602,
  }));
  let index = 3;
  if (profile.runtime === "docker") {
    // libnetwork creates the bridge with IFLA_TXQLEN 0; without ports it has no carrier, and
    // no IPv6 link-local address either (addrconf waits for carrier).
    ns.interfaces.push(iface({
      index: index++, name: "docker0", kind: "bridge", mtu: 1500, mac: "02:42:9c:3a:1e:5b", up: true, carrier: false, txqlen: 0,
      addresses: [{ family: "inet", address: "172.17.0.1", prefix: 16, scope: "global", broadcast: "172.17.255.255" }],
    }));
  }
  const bridgeIP = profile.podCIDR.split("/")[0]!.replace(/\.\d+$/, ".1");
  const bridgeMac = "b6:3e:51:0c:7a:d2";
  ns.interfaces.push(iface({
    index: index++, name: "cni0", kind: "bridge", mtu: 1500, mac: bridgeMac, up: true,
    addresses: [
      { family: "inet", address: bridgeIP, prefix: 24, scope: "global", broadcast: brd24(bridgeIP) },
      { family: "inet6", address: linkLocal(bridgeMac), prefix: 64, scope: "link" },
    ],
    rxPackets: 40_116, txPackets: 42_870, rxBytes: 3_318_502, txBytes: 21_640_877,
  }));
  // The pods that were running at boot (CoreDNS): three days of DNS answers through their veths.
  for (const pod of boot.pods) {
    const n = pod.network;
    if (n !== undefined) addPodVeth(ns, pod.uid, n.vethIndex, n.netnsid, { rxPackets: 18_204, txPackets: 17_911, rxBytes: 1_604_417, txBytes: 2_386_951 });
  }
  // systemd-networkd's DHCP routes (metric 100, RoutesToDNS=yes: the DNS server through the
  // gateway, and the gateway itself on-link), then the kernel's prefix routes; docker0's carries
  // "linkdown" while the bridge has no carrier.
  const routes: Route[] = [
    { destination: "default", gateway: gatewayIP, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 },
    { destination: `${net24(nodeIP)}/24`, dev: "eth0", proto: "kernel", scope: "link", src: nodeIP, metric: 100 },
    { destination: gatewayIP, dev: "eth0", proto: "dhcp", scope: "link", src: nodeIP, metric: 100 },
    ...nameservers(boot.resolvConf).filter((ip) => net24(ip) !== net24(nodeIP)).map((ip): Route => ({ destination: ip, gateway: gatewayIP, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 })),
    ...(profile.runtime === "docker" ? [{ destination: "172.17.0.0/16", dev: "docker0", proto: "kernel", scope: "link", src: "172.17.0.1" }] : []),
    { destination: `${net24(bridgeIP)}/24`, dev: "cni0", proto: "kernel", scope: "link", src: bridgeIP },
  ];
  // fib_table_dump(): the trie's order, by destination address, a prefix before its hosts.
  routes.sort((a, b) => key(a.destination) - key(b.destination) || (a.destination.includes("/") ? 0 : 1) - (b.destination.includes("/") ? 0 : 1));
  ns.routes.push(...routes);
  for (const port of NODE_PORTS) ns.listening.add(port);
  for (const pod of boot.pods) if (pod.network === undefined) for (const port of pod.listening) ns.listening.add(port);
  return ns;
}

/** FNV-1a of a string, as a source of stable hex for names the runtime would draw at random. */
export function stableHex(seed: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 2166136261 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

/**
 * The host side of a pod's veth pair (CNI ADD): named from the pod so that it is stable, with the
 * index the pod's eth0 names as its peer ("eth0@if<index>"), enslaved to cni0.
 */
export function addPodVeth(
  node: NetNamespace, podUid: string, index: number, netnsid: number,
  traffic: Pick<NetInterface, "rxPackets" | "txPackets" | "rxBytes" | "txBytes"> = { rxPackets: 1, txPackets: 12, rxBytes: 42, txBytes: 1064 },
): NetInterface {
  const hex = stableHex(podUid, 18);
  const mac = `${(parseInt(hex.slice(0, 2), 16) & 0xfe | 0x02).toString(16).padStart(2, "0")}:${hex.slice(2, 12).replace(/(..)(?!$)/g, "$1:")}`;
  const veth = iface({
    // Made by the CNI plugin (ip.SetupVeth): IFLA_TXQLEN 0, so no "qlen".
    index, name: `veth${hex.slice(12, 18)}${hex.slice(0, 2)}`, kind: "veth", mtu: 1500, mac, up: true, peerIndex: 2, master: "cni0", linkNetnsid: netnsid, txqlen: 0,
    addresses: [{ family: "inet6", address: linkLocal(mac), prefix: 64, scope: "link" }],
    ...traffic,
  });
  node.interfaces.push(veth);
  return veth;
}

/** CNI DEL: the pod's veth goes with its namespace. */
export function removePodVeth(node: NetNamespace, index: number): void {
  const at = node.interfaces.findIndex((i) => i.index === index);
  if (at >= 0) node.interfaces.splice(at, 1);
}
