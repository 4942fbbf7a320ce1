// The node's network namespace (init_net), as `ip addr` in a hostNetwork pod shows it: loopback,
// the NIC with the node's address, docker0 where Docker Engine runs (no containers on it: no
// carrier), the CNI bridge cni0 with the pod network's gateway, and one veth per pod whose peer
// is the pod's eth0 (bridge CNI plugin: host side "veth<8 hex>", enslaved to cni0).

import { INIT_NET_INO } from "../../kernel/namespaces.js";
import { type NetInterface, NetNamespace, type Reachability, linkLocal } from "../../kernel/net.js";
import type { ClusterProfile } from "../profiles.js";

/** The index the next device created on the node would get, after the boot-time ones. */
export const FIRST_POD_IFINDEX = 10;

/** TCP ports the node's daemons listen on: sshd, kubelet (10250, healthz 10248), kube-proxy (10249, 10256). */
const NODE_PORTS = [22, 10248, 10249, 10250, 10256];

const iface = (i: Omit<NetInterface, "rxPackets" | "txPackets" | "rxBytes" | "txBytes"> & Partial<NetInterface>): NetInterface => ({
  rxPackets: 0, txPackets: 0, rxBytes: 0, txBytes: 0, ...i,
});

const net24 = (ip: string) => ip.replace(/\.\d+$/, ".0");
const brd24 = (ip: string) => ip.replace(/\.\d+$/, ".255");

export function nodeNetwork(profile: ClusterProfile, reach: Reachability): NetNamespace {
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
    ns.interfaces.push(iface({
      index: index++, name: "docker0", kind: "bridge", mtu: 1500, mac: "02:42:9c:3a:1e:5b", up: true, carrier: false,
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
  ns.routes.push({ destination: "default", gateway: gatewayIP, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 });
  if (profile.runtime === "docker") ns.routes.push({ destination: "172.17.0.0/16", dev: "docker0", proto: "kernel", scope: "link", src: "172.17.0.1" });
  ns.routes.push({ destination: `${net24(nodeIP)}/24`, dev: "eth0", proto: "kernel", scope: "link", src: nodeIP });
  ns.routes.push({ destination: `${net24(bridgeIP)}/24`, dev: "cni0", proto: "kernel", scope: "link", src: bridgeIP });
  for (const port of NODE_PORTS) ns.listening.add(port);
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
export function addPodVeth(node: NetNamespace, podUid: string, index: number, netnsid: number): NetInterface {
  const hex = stableHex(podUid, 18);
  const mac = `${(parseInt(hex.slice(0, 2), 16) & 0xfe | 0x02).toString(16).padStart(2, "0")}:${hex.slice(2, 12).replace(/(..)(?!$)/g, "$1:")}`;
  const veth = iface({
    index, name: `veth${hex.slice(12, 18)}${hex.slice(0, 2)}`, kind: "veth", mtu: 1500, mac, up: true, peerIndex: 2, master: "cni0", linkNetnsid: netnsid,
    addresses: [{ family: "inet6", address: linkLocal(mac), prefix: 64, scope: "link" }],
    rxPackets: 1, txPackets: 12, rxBytes: 42, txBytes: 1064,
  });
  node.interfaces.push(veth);
  return veth;
}

/** CNI DEL: the pod's veth goes with its namespace. */
export function removePodVeth(node: NetNamespace, index: number): void {
  const at = node.interfaces.findIndex((i) => i.index === index);
  if (at >= 0) node.interfaces.splice(at, 1);
}
