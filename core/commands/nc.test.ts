// nc against a pod network: connect(2) decides (refused, open, unreachable), bind(2) below 1024
// needs CAP_NET_BIND_SERVICE, and a listener holds its port until it ends.

import { describe, expect, it } from "vitest";
import { NetNamespace } from "../kernel/net.js";
import { agnhost } from "../images/agnhost.js";
import type { Image } from "../images/image.js";
import { startSession } from "../../test/helpers/world.js";

const reach = {
  hostAt: (ip: string) => (ip === "10.244.1.6" ? { name: "web", listening: [8080] } : undefined),
  resolve: (name: string) => (name === "web" ? "10.244.1.6" : undefined),
};

async function pod(opts: { image?: Image; uid?: number } = {}) {
  const s = await startSession({ ...(opts.image ? { image: opts.image } : {}), as: { uid: opts.uid ?? 1000, gid: 3000 } });
  s.shell.net = NetNamespace.pod("10.244.1.5", "10.244.1.1", "0a:58:0a:f4:01:05", 12, reach);
  return { s, run: async (cmd: string) => (await s.type(cmd)).split("\n").slice(1, -1) };
}

describe("nc (BusyBox, netcat 1.10 compatible)", () => {
  it("reports open ports with -v and keeps refusals quiet unless -vv", async () => {
    const { run } = await pod();
    expect(await run("nc -zv web 8080; echo $?")).toEqual(["web (10.244.1.6:8080) open", "0"]);
    expect(await run("nc -zv web 80; echo $?")).toEqual(["1"]);
    expect(await run("nc -zvv web 80; echo $?")).toEqual(["nc: web (10.244.1.6:80): Connection refused", " sent 0, rcvd 0", "1"]);
    expect(await run("echo hi | nc web 8080; echo $?")).toEqual(["0"]);
  });

  it("times out connecting outside the cluster (-w), after that many seconds", async () => {
    const { s, run } = await pod();
    const before = s.node.clock.now();
    expect(await run("nc -zv -w 2 8.8.8.8 53; echo $?")).toEqual(["nc: 8.8.8.8 (8.8.8.8:53): Connection timed out", "1"]);
    expect(s.node.clock.now() - before).toBe(2000);
  });

  it("cannot listen below 1024 without CAP_NET_BIND_SERVICE", async () => {
    const { run } = await pod();
    expect(await run("nc -l -p 80; echo $?")).toEqual(["nc: bind: Permission denied", "1"]);
  });

  it("listens until ^C and releases the port", async () => {
    const { s } = await pod();
    s.pty.input("nc -lv -p 9000\r");
    for (let k = 0; k < 10; k++) await new Promise<void>((r) => setImmediate(r));
    expect(s.shell.net!.listening.has(9000)).toBe(true);
    await s.keys("\x03");
    expect(s.screen).toContain("listening on [::]:9000 ...\n");
    expect(s.shell.net!.listening.has(9000)).toBe(false);
  });
});

describe("nc (netcat-openbsd in agnhost)", () => {
  it("prints the OpenBSD messages", async () => {
    const { run } = await pod({ image: agnhost });
    expect(await run("nc -zv web 8080")).toEqual(["Connection to web (10.244.1.6) 8080 port [tcp/http-alt] succeeded!"]);
    expect(await run("nc -zv web 80; echo $?")).toEqual(["nc: connect to web (10.244.1.6) port 80 (tcp) failed: Connection refused", "1"]);
    expect(await run("nc -z example.com 80")).toEqual(['nc: getaddrinfo for host "example.com" port 80: Name does not resolve']);
  });
});
