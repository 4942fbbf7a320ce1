// hostname with a kubelet-managed /etc/hosts (the pod IP and name), and set by a privileged user.

import { describe, expect, it } from "vitest";
import { capabilitySetOf } from "../kernel/capability.js";
import { nodeHello } from "../images/node-hello.js";
import type { Image } from "../images/image.js";
import { DEFAULT_CAPS } from "../../test/helpers/kernel.js";
import { startSession } from "../../test/helpers/world.js";

const SYS_ADMIN = 21;

async function root(image?: Image, caps?: bigint) {
  const s = await startSession({ ...(image ? { image } : {}), as: { uid: 0, gid: 0, ...(caps === undefined ? {} : { caps }) } });
  const run = async (cmd: string) => (await s.type(cmd)).split("\n").slice(1, -1);
  await run("printf '127.0.0.1\\tlocalhost\\n10.244.1.5\\tdemo.default.svc demo\\n' > /etc/hosts");
  return { s, run };
}

describe("hostname", () => {
  it("BusyBox: -i, -f, -d, -s through /etc/hosts", async () => {
    const { run } = await root();
    expect(await run("hostname -i")).toEqual(["10.244.1.5"]);
    expect(await run("hostname -f")).toEqual(["demo.default.svc"]);
    expect(await run("hostname -d")).toEqual(["default.svc"]);
    expect(await run("hostname -s")).toEqual(["demo"]);
  });

  it("BusyBox: sets the UTS name with CAP_SYS_ADMIN, and only in the container", async () => {
    const { s, run } = await root(undefined, DEFAULT_CAPS | capabilitySetOf(SYS_ADMIN));
    expect(await run("hostname web-1; echo $?; hostname; cat /proc/sys/kernel/hostname")).toEqual(["0", "web-1", "web-1"]);
    expect(s.node.kernel.info.nodeName).toBe("node01");
  });

  it("Debian hostname: -i and -f through /etc/hosts", async () => {
    const { run } = await root(nodeHello);
    expect(await run("hostname -i")).toEqual(["10.244.1.5"]);
    expect(await run("hostname -f")).toEqual(["demo.default.svc"]);
    expect(await run("hostname foo; echo $?")).toEqual(["hostname: you must be root to change the host name", "1"]);
  });
});
