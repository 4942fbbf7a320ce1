// A network namespace: the interfaces, addresses and routes `ip` shows, and the reachability
// rules of an emulated cluster (pods reach each other; nothing outside the cluster answers).

import { INIT_NET_INO } from "./namespaces.js";

export interface InterfaceAddress {
  readonly family: "inet" | "inet6";
  readonly address: string;
  readonly prefix: number;
  readonly scope: "host" | "global" | "link";
  readonly broadcast?: string;
}

export interface NetInterface {
  readonly index: number;
  name: string;
  /** "ether": a NIC (the node's eth0); "bridge": a Linux bridge (cni0, docker0). */
  readonly kind: "loopback" | "veth" | "dummy" | "ether" | "bridge";
  mtu: number;
  mac: string;
  up: boolean;
  /** For veth: the peer's interface index in the other namespace (eth0@if12, veth…@if2). */
  readonly peerIndex?: number;
  /** The bridge this interface is enslaved to (IFLA_MASTER: "master cni0"). */
  readonly master?: string;
  /** Carrier (IFF_LOWER_UP): false for a bridge with no ports (NO-CARRIER, state DOWN). */
  readonly carrier?: boolean;
  /** The root qdisc when not the kernel's default for the kind (a NIC's "fq_codel"). */
  readonly qdisc?: string;
  /** For a veth whose peer is in another namespace: that namespace's id here (link-netnsid). */
  readonly linkNetnsid?: number;
  /**
   * IFLA_TXQLEN ("qlen N", not printed when 0): ether_setup()'s 1000 unless the creator set it.
   * The veths CNI plugins and Docker make, and Docker's bridge, are created with 0
   * (vishvananda/netlink LinkAttrs{} sends IFLA_TXQLEN 0).
   */
  readonly txqlen?: number;
  addresses: InterfaceAddress[];
  rxPackets: number;
  txPackets: number;
  rxBytes: number;
  txBytes: number;
}

export interface Route {
  readonly destination: string; // "default" or CIDR
  readonly gateway?: string;
  readonly dev: string;
  readonly proto?: string;
  readonly scope?: string;
  readonly src?: string;
  readonly metric?: number;
}

/** Who answers at an address: used by ping, wget and nc. */
export interface Reachability {
  /** Does any host of the cluster have this IPv4 address (a pod, a node)? */
  hostAt(ip: string): { name: string; listening: readonly number[] } | undefined;
  /** DNS: cluster names (pod hostnames in /etc/hosts, services) to addresses. */
  resolve(name: string): string | undefined;
}

/** The IPv6 link-local address from a MAC, modified EUI-64 (net/ipv6/addrconf.c addrconf_ifid_eui48). */
export function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => Number.parseInt(x, 16));
  const id = [b[0]! ^ 0x02, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups = [0, 2, 4, 6].map((i) => ((id[i]! << 8) | id[i + 1]!).toString(16));
  // inet_ntop's "::" also swallows leading zero groups of the interface identifier.
  while (groups.length > 1 && groups[0] === "0") groups.shift();
  return `fe80::${groups.join(":")}`;
}

export class NetNamespace {
  readonly interfaces: NetInterface[] = [];
  readonly routes: Route[] = [];
  /** TCP ports some process of the namespace listens on. */
  readonly listening = new Set<number>();

  constructor(
    readonly reach: Reachability,
    /** /proc/<pid>/ns/net (init_net's by default). */
    readonly inum: number = INIT_NET_INO,
  ) {}

  static loopback(): NetInterface {
    return {
      index: 1, name: "lo", kind: "loopback", mtu: 65536, mac: "00:00:00:00:00:00", up: true,
      addresses: [{ family: "inet", address: "127.0.0.1", prefix: 8, scope: "host" }, { family: "inet6", address: "::1", prefix: 128, scope: "host" }],
      rxPackets: 0, txPackets: 0, rxBytes: 0, txBytes: 0,
    };
  }

  /** A namespace with only the loopback interface (`ip netns add`, or init_net here). */
  static isolated(reach: Reachability, inum?: number): NetNamespace {
    const ns = new NetNamespace(reach, inum);
    ns.interfaces.push(NetNamespace.loopback());
    return ns;
  }

  /** A pod's network: lo and eth0 (a veth to the node) with the pod IP, and a default route. */
  static pod(ip: string, gateway: string, mac: string, peerIndex: number, reach: Reachability, inum?: number): NetNamespace {
    const ns = NetNamespace.isolated(reach, inum);
    ns.interfaces.push({
      index: 2, name: "eth0", kind: "veth", mtu: 1500, mac, up: true, peerIndex, txqlen: 0,
      addresses: [
        { family: "inet", address: ip, prefix: 24, scope: "global", broadcast: ip.replace(/\.\d+$/, ".255") },
        { family: "inet6", address: linkLocal(mac), prefix: 64, scope: "link" },
      ],
      rxPackets: 12, txPackets: 1, rxBytes: 1064, txBytes: 42,
    });
    const net = ip.replace(/\.\d+$/, ".0");
    ns.routes.push({ destination: "default", gateway, dev: "eth0" });
    ns.routes.push({ destination: `${net}/24`, dev: "eth0", proto: "kernel", scope: "link", src: ip });
    return ns;
  }

  /** Is this address one of ours (loopback or an interface address)? */
  isLocal(ip: string): boolean {
    return ip.startsWith("127.") || this.interfaces.some((i) => i.addresses.some((a) => a.address === ip));
  }

  /** The interface a packet to `ip` leaves by, or undefined when there is no route. */
  routeTo(ip: string): NetInterface | undefined {
    if (this.isLocal(ip)) return this.interfaces.find((i) => i.kind === "loopback");
    const def = this.routes.find((r) => r.destination === "default");
    return def === undefined ? undefined : this.interfaces.find((i) => i.name === def.dev && i.up);
  }
}
