// wget against a pod network: cluster names resolve, the kernel's connect(2) decides.

import { describe, expect, it } from "vitest";
import { NetNamespace } from "../kernel/net.js";
import { startSession } from "../../test/helpers/world.js";

const reach = {
  hostAt: (ip: string) => (ip === "10.244.1.6" ? { name: "web", listening: [8080] } : undefined),
  resolve: (name: string) => (name === "web" ? "10.244.1.6" : undefined),
};

describe("wget (BusyBox)", () => {
  it("resolves cluster names only and reports the connection as wget does", async () => {
    const s = await startSession({ as: { uid: 1000, gid: 3000 } });
    s.shell.net = NetNamespace.pod("10.244.1.5", "10.244.1.1", "0a:58:0a:f4:01:05", 12, reach);
    const run = async (cmd: string) => (await s.type(cmd)).split("\n").slice(1, -1);
    expect(await run("wget http://example.com/; echo $?")).toEqual(["wget: bad address 'example.com'", "1"]);
    expect(await run("wget http://web/; echo $?")).toEqual(["Connecting to web (10.244.1.6:80)", "wget: can't connect to remote host (10.244.1.6): Connection refused", "1"]);
    expect(await run("wget -q -O- web:8080; echo $?")).toEqual(["wget: error getting response", "1"]);
    const before = s.node.clock.now();
    expect(await run("wget http://8.8.8.8/; echo $?")).toEqual(["Connecting to 8.8.8.8 (8.8.8.8:80)", "wget: can't connect to remote host (8.8.8.8): Connection timed out", "1"]);
    expect(s.node.clock.now() - before).toBe(127_000);
  });
});
