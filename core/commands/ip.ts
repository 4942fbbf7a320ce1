// ip [OPTIONS] address|link|route|neigh [COMMAND] (BusyBox networking/ip.c with
// libiproute/ipaddress.c print_linkinfo()/print_addrinfo(), iplink.c, iproute.c print_route();
// iproute2 3.16 and 5.6 ip/ipaddress.c, iplink.c, iproute.c). Listing reads the process's
// network namespace; every change is an RTM_NEW*/RTM_DEL* request, which the kernel refuses
// without CAP_NET_ADMIN ("RTNETLINK answers: Operation not permitted", exit 2).

import { EEXIST, ENETUNREACH, ENODEV, EOPNOTSUPP, ESRCH, type Errno } from "../kernel/errno.js";
import type { InterfaceAddress, NetInterface, NetNamespace, Route } from "../kernel/net.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, isBusybox, out, usage } from "./lib/cmd.js";
import { EADDRNOTAVAIL, formatIPv6, parseIPv4 } from "./lib/sys-net.js";
import { versionAtLeast } from "./lib/sys-proc.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[OPTIONS] address|route|link|tunnel|neigh|rule [COMMAND]",
  full: "OPTIONS := -f[amily] inet|inet6|link | -o[neline]\nCOMMAND :=\nip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\nip route list|flush|add|del|change|append|replace|test ROUTE\nip link set IFACE [up|down] [arp on|off] | show [IFACE]\nip tunnel add|change|del|show [NAME]\n\t[mode ipip|gre|sit]\n\t[remote ADDR] [local ADDR] [ttl TTL]\nip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]\nip rule [list] | add|del SELECTOR ACTION",
};

type Flavour = "busybox" | "iproute2-old" | "iproute2";

interface Opts { family: "" | "inet" | "inet6" | "link"; oneline: boolean; stats: boolean; brief: boolean }

class IpError extends Error {
  constructor(readonly text: string, readonly status: number) {
    super(text);
  }
}

function flavourOf(ctx: ProgramContext): Flavour {
  if (isBusybox(ctx)) return "busybox";
  return versionAtLeast(ctx.exe.version, 4, 0) ? "iproute2" : "iproute2-old";
}

// ---- printing ------------------------------------------------------------------------------

/**
 * The flags as print_link_flags() shows them (iproute2 ip/ipaddress.c, BusyBox libiproute/
 * ipaddress.c): dev_get_flags() reports IFF_RUNNING only when the device is operationally up and
 * IFF_LOWER_UP only with carrier; UP without RUNNING prints as a leading NO-CARRIER.
 */
function linkFlags(i: NetInterface, mdown: boolean): string {
  const flags: string[] = [];
  const carrier = i.up && i.carrier !== false;
  if (i.up && !carrier) flags.push("NO-CARRIER");
  flags.push(i.kind === "loopback" ? "LOOPBACK" : "BROADCAST");
  // dummy_setup() clears IFF_MULTICAST and sets IFF_NOARP; ether_setup() gives the rest MULTICAST.
  if (i.kind === "dummy") flags.push("NOARP");
  else if (i.kind !== "loopback") flags.push("MULTICAST");
  if (i.up) flags.push("UP");
  if (carrier) flags.push("LOWER_UP");
  return `<${flags.join(",")}${mdown ? ",M-DOWN" : ""}> `;
}

/**
 * IFLA_OPERSTATE (net/core/link_watch.c default_operstate()): lo and dummy report no carrier
 * state (UNKNOWN); a NIC or bridge without carrier is DOWN, a veth whose peer is down
 * LOWERLAYERDOWN.
 */
function operState(i: NetInterface): string {
  if (!i.up) return "DOWN";
  if (i.kind === "loopback" || i.kind === "dummy") return "UNKNOWN";
  if (i.carrier === false) return i.kind === "veth" ? "LOWERLAYERDOWN" : "DOWN";
  return "UP";
}

/** IFLA_QDISC: noop while the device is down (dev_deactivate()), then its root qdisc; noqueue for IFF_NO_QUEUE devices. */
const qdisc = (i: NetInterface) => (i.up ? i.qdisc ?? "noqueue" : "noop");

/** The peer of a veth lives in another namespace here (the pod's or the node's): its id as this namespace knows it. */
const linkNetnsid = (i: NetInterface) => (i.peerIndex === undefined ? undefined : i.linkNetnsid ?? 0);

/**
 * "NAME@LINK": iproute2 4.0+ sees IFLA_LINK_NETNSID and prints the peer's index as "if<N>"
 * (lib/utils.c print_name_and_link(), ll_idx_n2a()); BusyBox 1.28 and iproute2 3.16 look the
 * index up among their own namespace's links (ll_index_to_name(): a local device that happens to
 * have that index, else "if<N>") and print M-DOWN when that device is not up.
 */
function nameAndLink(ns: NetNamespace, i: NetInterface, fl: Flavour): { name: string; mdown: boolean } {
  if (i.peerIndex === undefined) return { name: i.name, mdown: false };
  if (fl === "iproute2") return { name: `${i.name}@if${i.peerIndex}`, mdown: false };
  const local = ns.interfaces.find((x) => x.index === i.peerIndex);
  return { name: `${i.name}@${local?.name ?? `if${i.peerIndex}`}`, mdown: !(local?.up ?? false) };
}

/** print_linkinfo() (iproute2 ip/ipaddress.c; BusyBox libiproute/ipaddress.c). */
function linkInfo(ns: NetNamespace, i: NetInterface, fl: Flavour, link: boolean, o: Opts): string {
  const sl = o.oneline ? "\\" : "\n";
  const { name, mdown } = nameAndLink(ns, i, fl);
  let s = `${i.index}: ${name}: ${linkFlags(i, mdown)}mtu ${i.mtu} qdisc ${qdisc(i)} `;
  if (i.master !== undefined) s += `master ${i.master} `;
  s += `state ${operState(i)} `;
  if (fl !== "busybox") {
    if (link) s += "mode DEFAULT ";
    s += "group default ";
  }
  // print_queuelen(): "qlen N" only when the device has a transmit queue length.
  const qlen = i.txqlen ?? 1000;
  if (qlen !== 0) s += `qlen ${qlen}`;
  if (o.family === "" || o.family === "link") {
    const type = i.kind === "loopback" ? "loopback" : "ether";
    const brd = i.kind === "loopback" ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
    s += `${sl}    link/${type} ${i.mac} brd ${brd}`;
  }
  // Printed after the link/ether line, or on the first line when -4/-6 leave that out.
  const netnsid = linkNetnsid(i);
  if (fl === "iproute2" && netnsid !== undefined) s += ` link-netnsid ${netnsid}`;
  if (link && o.stats) {
    if (fl === "iproute2") {
      s += `${sl}    RX: bytes  packets  errors  dropped overrun mcast   ${sl}    ${String(i.rxBytes).padEnd(10)} ${String(i.rxPackets).padEnd(8)} 0       0       0       0       `;
      s += `${sl}    TX: bytes  packets  errors  dropped carrier collsns ${sl}    ${String(i.txBytes).padEnd(10)} ${String(i.txPackets).padEnd(8)} 0       0       0       0       `;
    }
  }
  return `${s}\n`;
}

function addrInfo(i: NetInterface, a: InterfaceAddress, o: Opts): string {
  const sl = o.oneline ? "\\" : "\n";
  let s = o.oneline ? `${i.index}: ${i.name}` : "";
  s += a.family === "inet" ? "    inet " : "    inet6 ";
  s += `${a.family === "inet6" ? formatIPv6(a.address) : a.address}/${a.prefix} `;
  if (a.broadcast !== undefined) s += `brd ${a.broadcast} `;
  s += `scope ${a.scope} `;
  if (a.family === "inet") s += i.name;
  s += `${sl}       valid_lft forever preferred_lft forever`;
  return `${s}\n`;
}

/**
 * print_route() (BusyBox libiproute/iproute.c, iproute2 ip/iproute.c). iproute2 4.3+ also prints
 * RTNH_F_LINKDOWN, which the kernel sets on routes through a device without carrier
 * (fib_sync_down_dev()); BusyBox 1.28 and iproute2 3.16 do not know the flag.
 */
function routeLine(ns: NetNamespace, r: Route, fl: Flavour, linkdownFlag: boolean): string {
  let s = `${r.destination} `;
  if (r.gateway !== undefined) s += `via ${r.gateway} `;
  s += `dev ${r.dev} `;
  // iproute2 before 4.x wrote " proto X ", " scope Y ", " src Z " (two spaces between items).
  const old = fl === "iproute2-old";
  if (r.proto !== undefined && fl !== "busybox") s += old ? ` proto ${r.proto} ` : `proto ${r.proto} `;
  if (r.scope !== undefined) s += old ? ` scope ${r.scope} ` : `scope ${r.scope} `;
  if (r.src !== undefined) s += fl === "iproute2" ? `src ${r.src} ` : ` src ${r.src} `;
  if (r.metric !== undefined) s += fl === "iproute2" ? `metric ${r.metric} ` : ` metric ${r.metric} `;
  if (linkdownFlag && ns.interfaces.some((i) => i.name === r.dev && i.up && i.carrier === false)) s += "linkdown ";
  return `${s}\n`;
}

// ---- commands ------------------------------------------------------------------------------

function findDev(ns: NetNamespace, name: string, fl: Flavour): NetInterface {
  const i = ns.interfaces.find((x) => x.name === name);
  if (i !== undefined) return i;
  throw new IpError(fl === "busybox" ? `ip: can't find device '${name}'` : `Cannot find device "${name}"`, 1);
}

/** The netlink request for a change: the kernel's answer decides. */
function admin(ctx: ProgramContext, fl: Flavour): NetNamespace {
  const r = attempt(() => ctx.sys.netAdmin("sendmsg"));
  if (!r.ok) throw rtnetlink(ctx, r.errno, fl);
  return r.value;
}

const rtnetlink = (ctx: ProgramContext, e: Errno, fl: Flavour) =>
  new IpError(`${fl === "busybox" ? "ip: " : ""}RTNETLINK answers: ${errText(ctx, e)}`, 2);

function showAddr(ctx: ProgramContext, args: string[], fl: Flavour, o: Opts, link: boolean): string {
  const ns = ctx.sys.net();
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "dev") dev = args[++i];
    else if (a === "up" || a === "scope" || a === "to" || a === "label") {
      if (a !== "up") i++;
    } else dev ??= a;
  }
  if (dev !== undefined && !ns.interfaces.some((x) => x.name === dev)) {
    throw new IpError(fl === "busybox" ? `ip: can't find device '${dev}'` : `Device "${dev}" does not exist.`, 1);
  }
  let text = "";
  for (const i of ns.interfaces) {
    if (dev !== undefined && i.name !== dev) continue;
    const addrs = link ? [] : i.addresses.filter((a) => o.family === "" || a.family === o.family);
    if (!link && o.family !== "" && o.family !== "link" && addrs.length === 0) continue;
    if (o.brief) {
      // print_linkinfo_brief(): iproute2 4.0+ only, so the peer is always "if<N>".
      text += `${nameAndLink(ns, i, fl).name.padEnd(16)} ${operState(i).padEnd(14)} ${link ? `${i.mac.padEnd(17)} ${linkFlags(i, false).trim()}` : addrs.map((a) => `${a.family === "inet6" ? formatIPv6(a.address) : a.address}/${a.prefix} `).join("")}\n`;
      continue;
    }
    // With -o and an address family, only the address lines are printed.
    if (link || !o.oneline || o.family === "" || o.family === "link") text += linkInfo(ns, i, fl, link, o);
    for (const a of addrs) text += addrInfo(i, a, o);
  }
  return text;
}

function parseCidr(spec: string): { address: string; prefix: number } | undefined {
  const [addr, len] = spec.split("/");
  const ip = parseIPv4(addr ?? "");
  if (ip === undefined) return undefined;
  const prefix = len === undefined ? 32 : Number(len);
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= 32 ? { address: ip, prefix } : undefined;
}

const ipToInt = (a: string) => a.split(".").reduce((acc, b) => (acc << 8) + Number(b), 0) >>> 0;
const intToIp = (n: number) => [24, 16, 8, 0].map((sh) => (n >>> sh) & 255).join(".");
const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

const broadcastOf = (address: string, prefix: number) => intToIp((ipToInt(address) | ~maskOf(prefix)) >>> 0);

/** The prefix route the kernel adds with an address (fib_add_ifaddr()). */
const networkOf = (address: string, prefix: number) => `${intToIp((ipToInt(address) & maskOf(prefix)) >>> 0)}/${prefix}`;

function modifyAddr(ctx: ProgramContext, del: boolean, args: string[], fl: Flavour): void {
  let dev: string | undefined;
  let spec: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "dev") dev = args[++i];
    else if (["broadcast", "brd", "label", "scope", "peer", "anycast"].includes(args[i]!)) i++;
    else spec ??= args[i];
  }
  if (dev === undefined) throw new IpError(fl === "busybox" ? "ip: need \"dev IFACE\"" : "Not enough information: \"dev\" argument is required.", 1);
  const cidr = spec === undefined ? undefined : parseCidr(spec);
  if (cidr === undefined) throw new IpError(fl === "busybox" ? `ip: an inet prefix is expected rather than "${spec ?? ""}"` : `Error: inet prefix is expected rather than "${spec ?? ""}".`, 1);
  findDev(ctx.sys.net(), dev, fl);
  const ns = admin(ctx, fl);
  const i = findDev(ns, dev, fl);
  const at = i.addresses.findIndex((a) => a.address === cidr.address && a.prefix === cidr.prefix);
  if (del) {
    if (at < 0) throw rtnetlink(ctx, EADDRNOTAVAIL, fl);
    i.addresses.splice(at, 1);
    return;
  }
  if (at >= 0) throw rtnetlink(ctx, EEXIST, fl);
  const brd = args.some((a) => a === "brd" || a === "broadcast") && cidr.prefix < 31;
  i.addresses.push({ family: "inet", address: cidr.address, prefix: cidr.prefix, scope: "global", ...(brd ? { broadcast: broadcastOf(cidr.address, cidr.prefix) } : {}) });
  if (cidr.prefix < 32 && i.up) ns.routes.push({ destination: networkOf(cidr.address, cidr.prefix), dev: i.name, proto: "kernel", scope: "link", src: cidr.address });
}

function modifyLink(ctx: ProgramContext, verb: "add" | "delete" | "set", args: string[], fl: Flavour): void {
  if (verb === "set") return setLink(ctx, args, fl);
  let name: string | undefined;
  let type: string | undefined;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === "name" || args[k] === "dev") name = args[++k];
    else if (args[k] === "type") type = args[++k];
    else name ??= args[k];
  }
  if (verb === "delete") {
    if (name === undefined) throw new IpError(fl === "busybox" ? "ip: need \"dev IFACE\"" : "Not enough information: \"dev\" argument is required.", 1);
    findDev(ctx.sys.net(), name, fl);
    const ns = admin(ctx, fl);
    ns.interfaces.splice(ns.interfaces.findIndex((x) => x.name === name), 1);
    return;
  }
  if (type === undefined && fl !== "busybox") throw new IpError("Not enough information: \"type\" argument is required", 1);
  const ns = admin(ctx, fl);
  if (type !== "dummy") throw rtnetlink(ctx, EOPNOTSUPP, fl);
  if (ns.interfaces.some((x) => x.name === name)) throw rtnetlink(ctx, EEXIST, fl);
  // eth_random_addr(): locally administered, unicast.
  const rnd = ctx.sys.system.kernel.random;
  const mac = [`${rnd.hex(1)}${"26ae"[Math.floor(rnd.next() * 4)]}`, ...Array.from({ length: 5 }, () => rnd.hex(2))].join(":");
  ns.interfaces.push({
    index: Math.max(0, ...ns.interfaces.map((x) => x.index)) + 1, name: name ?? `dummy${ns.interfaces.filter((x) => x.kind === "dummy").length}`,
    kind: "dummy", mtu: 1500, mac, up: false, addresses: [], rxPackets: 0, txPackets: 0, rxBytes: 0, txBytes: 0,
  });
}

/**
 * ip link set DEV [up|down] [mtu N] [name X] [address MAC]. BusyBox uses ioctls (do_chflags():
 * SIOCGIFFLAGS, then SIOCSIFFLAGS only when the flags change); iproute2 sends RTM_NEWLINK.
 */
function setLink(ctx: ProgramContext, args: string[], fl: Flavour): void {
  let dev: string | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  let newName: string | undefined;
  let mac: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "up" || a === "down") up = a === "up";
    else if (a === "mtu") mtu = Number(args[++k]);
    else if (a === "name") newName = args[++k];
    else if (a === "address") mac = args[++k];
    else if (a === "dev") dev = args[++k];
    else dev ??= a;
  }
  if (dev === undefined) throw new IpError(fl === "busybox" ? "ip: need \"dev IFACE\"" : "Not enough information: \"dev\" argument is required.", 1);
  const cur = ctx.sys.net().interfaces.find((x) => x.name === dev);
  if (fl === "busybox") {
    if (cur === undefined) throw new IpError(`ip: SIOCGIFFLAGS: ${errText(ctx, ENODEV)}`, 1);
    const ioctl = (name: string) => {
      const r = attempt(() => ctx.sys.netAdmin("ioctl"));
      if (!r.ok) throw new IpError(`ip: ${name}: ${errText(ctx, r.errno)}`, 1);
      return r.value;
    };
    if (mtu !== undefined) ioctl("SIOCSIFMTU");
    if (mac !== undefined) ioctl("SIOCSIFHWADDR");
    if (newName !== undefined) ioctl("SIOCSIFNAME");
    if (up !== undefined && up !== cur.up) ioctl("SIOCSIFFLAGS");
  } else {
    findDev(ctx.sys.net(), dev, fl);
    admin(ctx, fl);
  }
  if (mtu !== undefined) cur!.mtu = mtu;
  if (mac !== undefined) cur!.mac = mac;
  if (newName !== undefined) cur!.name = newName;
  if (up !== undefined) cur!.up = up;
}

function modifyRoute(ctx: ProgramContext, del: boolean, args: string[], fl: Flavour): void {
  let dest: string | undefined;
  let via: string | undefined;
  let dev: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "via") via = args[++k];
    else if (a === "dev" || a === "oif") dev = args[++k];
    else if (["proto", "scope", "metric", "table", "src"].includes(a)) k++;
    else dest ??= a;
  }
  if (dest === undefined) throw new IpError(fl === "busybox" ? "ip: need at least destination address" : "Error: either \"to\" is duplicate, or \"\" is a garbage.", 1);
  if (dev !== undefined) findDev(ctx.sys.net(), dev, fl);
  const ns = admin(ctx, fl);
  const destination = dest === "default" || dest === "0.0.0.0/0" ? "default" : dest.includes("/") ? dest : dest;
  const at = ns.routes.findIndex((r) => r.destination === destination);
  if (del) {
    if (at < 0) throw rtnetlink(ctx, ESRCH, fl);
    ns.routes.splice(at, 1);
    return;
  }
  if (at >= 0) throw rtnetlink(ctx, EEXIST, fl);
  const out = dev ?? ns.routeTo(via ?? "")?.name;
  if (out === undefined) throw rtnetlink(ctx, ENETUNREACH, fl);
  ns.routes.unshift({ destination, ...(via === undefined ? {} : { gateway: via }), dev: out, ...(via === undefined ? { scope: "link" } : {}) });
}

const OBJECTS = ["address", "route", "r", "link", "tunnel", "tunl", "rule", "neigh"];

/** BusyBox index_in_substrings(): the first keyword the word abbreviates. */
const abbrev = (list: string[], word: string) => (word === "" ? -1 : list.findIndex((k) => k.startsWith(word)));

async function run(ctx: ProgramContext, fl: Flavour): Promise<number> {
  const o: Opts = { family: "", oneline: false, stats: false, brief: false };
  let args = ctx.argv.slice(1);
  while (args[0]?.startsWith("-") && args[0] !== "-") {
    const a = args.shift()!.replace(/^--/, "-");
    if (a === "-4") o.family = "inet";
    else if (a === "-6") o.family = "inet6";
    else if (a === "-0") o.family = "link";
    else if ("-oneline".startsWith(a) && a.length >= 2 && a.startsWith("-o")) o.oneline = true;
    else if (a === "-s" || a === "-stats" || a === "-statistics") o.stats = true;
    else if ((a === "-br" || a === "-brief") && fl === "iproute2") o.brief = true;
    else if (a.startsWith("-f")) {
      const fam = args.shift();
      if (fam === "inet" || fam === "inet6" || fam === "link") o.family = fam;
      else throw new IpError(fl === "busybox" ? `ip: invalid argument '${fam ?? ""}' to '-family'` : `Error: argument "${fam ?? ""}" is wrong: invalid protocol family`, 1);
    } else if (fl === "busybox") return usage(ctx, USAGE.trivial, USAGE.full);
    else throw new IpError(`Option "${a}" is unknown, try "ip -help".`, 255);
  }
  const word = args.shift();
  if (word === undefined) {
    if (fl === "busybox") return usage(ctx, USAGE.trivial, USAGE.full);
    throw new IpError(IPROUTE2_USAGE, 255);
  }
  const full = ["address", "link", "route", "neigh", "neighbor", "neighbour", "rule", "tunnel", "help", "maddress", "monitor", "netns"];
  const obj = fl === "busybox" ? OBJECTS[abbrev(OBJECTS, word)] : full.find((k) => k.startsWith(word)) ?? (word === "a" ? "address" : undefined);
  if (obj === undefined) {
    if (fl === "busybox") return usage(ctx, USAGE.trivial, USAGE.full);
    throw new IpError(`Object "${word}" is unknown, try "ip help".`, 1);
  }
  const verb = args.shift();
  const pick = (list: string[]) => (verb === undefined ? "show" : list.find((k) => k.startsWith(verb)) ?? (fl === "busybox" ? undefined : list.find((k) => k === verb)));
  const bad = () => new IpError(fl === "busybox" ? `ip: invalid argument '${verb}' to 'ip'` : `Command "${verb}" is unknown, try "ip ${obj.startsWith("a") ? "address" : obj} help".`, fl === "busybox" ? 1 : 255);
  if (obj === "address") {
    const v = pick(["add", "change", "replace", "delete", "list", "show", "lst", "flush"]);
    if (v === undefined) throw bad();
    if (v === "add" || v === "change" || v === "replace") modifyAddr(ctx, false, args, fl);
    else if (v === "delete") modifyAddr(ctx, true, args, fl);
    else if (v === "flush") admin(ctx, fl);
    else await out(ctx, showAddr(ctx, args, fl, o, false));
    return 0;
  }
  if (obj === "link") {
    const v = pick(["add", "delete", "set", "show", "lst", "list"]);
    if (v === undefined) throw bad();
    if (v === "add" || v === "delete" || v === "set") modifyLink(ctx, v, args, fl);
    else await out(ctx, showAddr(ctx, args, fl, o, true));
    return 0;
  }
  if (obj === "route" || obj === "r") {
    const v = verb === undefined ? "show" : ["add", "append", "change", "delete", "get", "list", "show", "prepend", "replace", "test", "flush"].find((k) => k.startsWith(verb));
    if (v === undefined) throw bad();
    if (v === "delete") modifyRoute(ctx, true, args, fl);
    else if (["add", "append", "change", "prepend", "replace", "test"].includes(v)) modifyRoute(ctx, false, args, fl);
    else if (v === "flush") admin(ctx, fl);
    else if (v === "get") await out(ctx, routeGet(ctx, args, fl));
    else if (o.family !== "inet6") {
      const ns = ctx.sys.net();
      const linkdown = fl === "iproute2" && versionAtLeast(ctx.exe.version, 4, 3);
      await out(ctx, ns.routes.map((r) => routeLine(ns, r, fl, linkdown)).join(""));
    }
    return 0;
  }
  if (obj === "neigh" || obj === "neighbor" || obj === "neighbour") {
    if (verb !== undefined && !"show".startsWith(verb) && !"list".startsWith(verb)) admin(ctx, fl);
    return 0;
  }
  if (obj === "rule") {
    if (verb !== undefined && !"list".startsWith(verb) && !"show".startsWith(verb)) admin(ctx, fl);
    else await out(ctx, "0:\tfrom all lookup local \n32766:\tfrom all lookup main \n32767:\tfrom all lookup default \n");
    return 0;
  }
  if (verb !== undefined && !"show".startsWith(verb) && !"list".startsWith(verb)) admin(ctx, fl);
  return 0;
}

/** fib_table_lookup(): the longest prefix holding the address, through a device that is up. */
function lookupRoute(ns: NetNamespace, ip: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of ns.routes) {
    const len = r.destination === "default" ? 0 : Number(r.destination.split("/")[1] ?? 32);
    if (len <= bestLen || (r.destination !== "default" && !inSubnet(ip, r.destination))) continue;
    if (!ns.interfaces.some((i) => i.name === r.dev && i.up)) continue;
    best = r;
    bestLen = len;
  }
  return best;
}

/** ip route get ADDR: the route the kernel would choose. */
function routeGet(ctx: ProgramContext, args: string[], fl: Flavour): string {
  const target = args.find((a) => !["to", "from", "iif", "oif"].includes(a));
  const ip = parseIPv4(target ?? "");
  if (ip === undefined) throw new IpError(fl === "busybox" ? `ip: an inet address is expected rather than "${target ?? ""}"` : `Error: inet prefix is expected rather than "${target ?? ""}".`, 1);
  const ns = ctx.sys.net();
  const local = ns.isLocal(ip);
  const route = local ? undefined : lookupRoute(ns, ip);
  const dev = local ? ns.routeTo(ip) : ns.interfaces.find((i) => i.name === route?.dev);
  if (dev === undefined) throw new IpError(`${fl === "busybox" ? "ip: " : ""}RTNETLINK answers: Network is unreachable`, 2);
  const src = local ? ip : route?.src ?? dev.addresses.find((a) => a.family === "inet")?.address;
  const srcText = `${fl === "iproute2" ? "src" : " src"} ${src} ${fl === "iproute2" ? `uid ${ctx.proc.creds.ruid} ` : ""}`;
  const cache = (flags: string) => (fl === "busybox" ? "" : `    cache ${flags}\n`);
  if (local) return `local ${ip} dev lo ${srcText}\n${cache("<local> ")}`;
  return `${ip} ${route?.gateway === undefined ? "" : `via ${route.gateway} `}dev ${dev.name} ${srcText}\n${cache("")}`;
}

/** Is the address inside the prefix (a bare address is a /32 host route)? */
function inSubnet(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split("/");
  const mask = maskOf(len === undefined ? 32 : Number(len));
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(net ?? "") & mask) >>> 0);
}

const IPROUTE2_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { link | address | addrlabel | route | rule | neigh | ntable |
                   tunnel | tuntap | maddress | mroute | mrule | monitor | xfrm |
                   netns | l2tp | fou | macsec | tcp_metrics | token | netconf | ila |
                   vrf | sr | nexthop }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -I | -D | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}`;

export const ip: Command = {
  name: "ip",
  usage: USAGE,
  main: async (ctx) => {
    const fl = flavourOf(ctx);
    try {
      return await run(ctx, fl);
    } catch (err) {
      if (!(err instanceof IpError)) throw err;
      await ctx.stderr.write(`${err.text}\n`);
      return err.status;
    }
  },
};
