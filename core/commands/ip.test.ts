// ip in a pod network namespace: BusyBox and iproute2 listings, and changes that need
// CAP_NET_ADMIN (tutorial demo-4 adds NET_ADMIN).

import { describe, expect, it } from "vitest";
import { capabilitySetOf } from "../kernel/capability.js";
import { NetNamespace } from "../kernel/net.js";
import { agnhost } from "../images/agnhost.js";
import { nodeHello } from "../images/node-hello.js";
import type { Image } from "../images/image.js";
import { DEFAULT_CAPS } from "../../test/helpers/kernel.js";
import { startSession } from "../../test/helpers/world.js";

const NET_ADMIN = 12;
const reach = { hostAt: () => undefined, resolve: () => undefined };

async function pod(opts: { image?: Image; uid?: number; caps?: bigint } = {}) {
  const s = await startSession({ ...(opts.image ? { image: opts.image } : {}), as: { uid: opts.uid ?? 1000, gid: opts.uid ?? 3000, ...(opts.caps === undefined ? {} : { caps: opts.caps }) } });
  s.shell.net = NetNamespace.pod("10.244.1.5", "10.244.1.1", "0a:58:0a:f4:01:05", 12, reach);
  return { s, run: async (cmd: string) => (await s.type(cmd)).split("\n").slice(1, -1) };
}

describe("ip (BusyBox 1.28)", () => {
  it("lists the pod's interfaces; the veth peer in the node's namespace shows as @if12 and M-DOWN", async () => {
    const { run } = await pod();
    expect(await run("ip addr")).toEqual([
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000",
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
      "    inet 127.0.0.1/8 scope host lo",
      "       valid_lft forever preferred_lft forever",
      "    inet6 ::1/128 scope host ",
      "       valid_lft forever preferred_lft forever",
      // The CNI plugin creates the pair with IFLA_TXQLEN 0: no "qlen".
      "2: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
      "    link/ether 0a:58:0a:f4:01:05 brd ff:ff:ff:ff:ff:ff",
      "    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0",
      "       valid_lft forever preferred_lft forever",
      "    inet6 fe80::858:aff:fef4:105/64 scope link ",
      "       valid_lft forever preferred_lft forever",
    ]);
    expect(await run("ip route")).toEqual(["default via 10.244.1.1 dev eth0 ", "10.244.1.0/24 dev eth0 scope link  src 10.244.1.5 "]);
    expect(await run("ip -4 -o addr show dev eth0")).toEqual([
      "2: eth0    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\\       valid_lft forever preferred_lft forever",
    ]);
    expect(await run("ip addr show dev nope; echo $?")).toEqual(["ip: can't find device 'nope'", "1"]);
  });

  it("asks the kernel for every change: EPERM without NET_ADMIN", async () => {
    const { run } = await pod();
    expect(await run("ip link add dummy0 type dummy; echo $?")).toEqual(["ip: RTNETLINK answers: Operation not permitted", "2"]);
    expect(await run("ip addr add 10.0.0.1/24 dev eth0; echo $?")).toEqual(["ip: RTNETLINK answers: Operation not permitted", "2"]);
    expect(await run("ip link set eth0 down; echo $?")).toEqual(["ip: SIOCSIFFLAGS: Operation not permitted", "1"]);
    // do_chflags(): nothing to change, nothing asked.
    expect(await run("ip link set eth0 up; echo $?")).toEqual(["0"]);
    expect(await run("ip link set nope up; echo $?")).toEqual(["ip: SIOCGIFFLAGS: No such device", "1"]);
  });

  it("changes the namespace for root with NET_ADMIN (demo-4)", async () => {
    const { run } = await pod({ uid: 0, caps: DEFAULT_CAPS | capabilitySetOf(NET_ADMIN) });
    expect(await run("ip link add dummy0 type dummy; echo $?")).toEqual(["0"]);
    expect(await run("ip link set dummy0 up && ip addr add 10.9.0.1/24 dev dummy0 && ip -4 addr show dummy0")).toEqual([
      "3: dummy0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN qlen 1000",
      "    inet 10.9.0.1/24 scope global dummy0",
      "       valid_lft forever preferred_lft forever",
    ]);
    expect(await run("ip link add dummy0 type dummy; echo $?")).toEqual(["ip: RTNETLINK answers: File exists", "2"]);
    expect(await run("ip route")).toContain("10.9.0.0/24 dev dummy0 scope link  src 10.9.0.1 ");
  });
});

describe("ip (iproute2)", () => {
  it("3.16 in node-hello: group, mode, the old route spacing, no link-netnsid", async () => {
    const { run } = await pod({ image: nodeHello, uid: 2000 });
    expect((await run("ip link")).slice(2)).toEqual([
      "2: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP mode DEFAULT group default ",
      "    link/ether 0a:58:0a:f4:01:05 brd ff:ff:ff:ff:ff:ff",
    ]);
    expect(await run("ip route")).toEqual(["default via 10.244.1.1 dev eth0 ", "10.244.1.0/24 dev eth0  proto kernel  scope link  src 10.244.1.5 "]);
    expect(await run("ip link add dummy0 type dummy; echo $?")).toEqual(["RTNETLINK answers: Operation not permitted", "2"]);
    expect(await run("ip addr show dev nope; echo $?")).toEqual(['Device "nope" does not exist.', "1"]);
  });

  it("5.6 in agnhost: link-netnsid and no M-DOWN", async () => {
    const { run } = await pod({ image: agnhost });
    expect((await run("ip addr show eth0")).slice(0, 2)).toEqual([
      "2: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ",
      "    link/ether 0a:58:0a:f4:01:05 brd ff:ff:ff:ff:ff:ff link-netnsid 0",
    ]);
    expect(await run("ip route")).toEqual(["default via 10.244.1.1 dev eth0 ", "10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.5 "]);
    expect(await run("ip route get 10.244.2.9")).toEqual(["10.244.2.9 via 10.244.1.1 dev eth0 src 10.244.1.5 uid 1000 ", "    cache "]);
  });
});
