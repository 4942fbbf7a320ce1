// ping against a pod network: replies from cluster hosts, silence elsewhere, and Ctrl-C
// (SIGINT, which both pings catch) ending the run with statistics.

import { describe, expect, it } from "vitest";
import { NetNamespace } from "../kernel/net.js";
import { nodeHello } from "../images/node-hello.js";
import type { Image } from "../images/image.js";
import { startSession } from "../../test/helpers/world.js";

const reach = {
  hostAt: (ip: string) => (ip === "10.244.1.6" ? { name: "web", listening: [8080] } : undefined),
  resolve: (name: string) => (name === "web" ? "10.244.1.6" : undefined),
};

async function pod(image?: Image, uid = 0) {
  const s = await startSession({ ...(image ? { image } : {}), as: { uid, gid: 0 } });
  s.shell.net = NetNamespace.pod("10.244.1.5", "10.244.1.1", "0a:58:0a:f4:01:05", 12, reach);
  return s;
}

/** Types a command that does not finish by itself, lets `seconds` of kernel time pass, then ^C. */
async function interruptAfter(s: Awaited<ReturnType<typeof pod>>, line: string, seconds: number): Promise<string[]> {
  const start = s.screen.length;
  s.pty.input(`${line}\r`);
  for (let i = 0; i < seconds; i++) {
    for (let k = 0; k < 5; k++) await new Promise<void>((r) => setImmediate(r));
    s.node.clock.advance(1000);
  }
  for (let k = 0; k < 5; k++) await new Promise<void>((r) => setImmediate(r));
  await s.keys("\x03");
  return s.screen.slice(start).split("\n");
}

describe("ping", () => {
  it("BusyBox: one echo a second until ^C, then statistics (exit 0 with replies)", async () => {
    const s = await pod();
    const shown = await interruptAfter(s, "ping web", 2);
    expect(shown.slice(1, 4)).toEqual([
      "PING web (10.244.1.6): 56 data bytes",
      expect.stringMatching(/^64 bytes from 10\.244\.1\.6: seq=0 ttl=64 time=0\.\d{3} ms$/),
      expect.stringMatching(/^64 bytes from 10\.244\.1\.6: seq=1 ttl=64 time=0\.\d{3} ms$/),
    ]);
    expect(shown.slice(5, 9)).toEqual([
      "^C",
      "--- web ping statistics ---",
      "3 packets transmitted, 3 packets received, 0% packet loss",
      expect.stringMatching(/^round-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms$/),
    ]);
    expect((await s.type("echo $?")).split("\n")[1]).toBe("0");
  });

  it("BusyBox: nothing answers outside the cluster; ^C reports 100% loss and exit 1", async () => {
    const s = await pod();
    const shown = await interruptAfter(s, "ping 8.8.8.8", 3);
    expect(shown.slice(1)).toEqual([
      "PING 8.8.8.8 (8.8.8.8): 56 data bytes",
      "^C",
      "--- 8.8.8.8 ping statistics ---",
      "4 packets transmitted, 0 packets received, 100% packet loss",
      "/ # ",
    ]);
    expect((await s.type("echo $?")).split("\n")[1]).toBe("1");
  });

  it("BusyBox: -c with no reply waits -W seconds, then gives up", async () => {
    const s = await pod();
    const before = s.node.clock.now();
    expect((await s.type("ping -c 2 -W 3 10.244.1.99; echo $?")).split("\n").slice(1, -1)).toEqual([
      "PING 10.244.1.99 (10.244.1.99): 56 data bytes",
      "",
      "--- 10.244.1.99 ping statistics ---",
      "2 packets transmitted, 0 packets received, 100% packet loss",
      "1",
    ]);
    expect(s.node.clock.now() - before).toBe(4000);
  });

  it("inetutils (node-hello): statistics right after ^C on the same line", async () => {
    const s = await pod(nodeHello, 2000);
    const shown = await interruptAfter(s, "ping -n 10.244.1.6", 1);
    expect(shown[1]).toBe("PING 10.244.1.6 (10.244.1.6): 56 data bytes");
    expect(shown[2]).toMatch(/^64 bytes from 10\.244\.1\.6: icmp_seq=0 ttl=64 time=0\.\d{3} ms$/);
    expect(shown[4]).toBe("^C--- 10.244.1.6 ping statistics ---");
    expect(shown[5]).toBe("2 packets transmitted, 2 packets received, 0% packet loss");
  });
});
