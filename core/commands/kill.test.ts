// kill as a program: the kernel decides who may signal whom (kill_ok_by_cred), the applet only
// reports it.

import { describe, expect, it } from "vitest";
import { nodeHello } from "../images/node-hello.js";
import type { Image } from "../images/image.js";
import { creds } from "../../test/helpers/kernel.js";
import { startSession } from "../../test/helpers/world.js";

async function withRootProcess(image?: Image) {
  const s = await startSession({ ...(image ? { image } : {}), as: { uid: 1000, gid: 3000 } });
  const other = s.container.spawn(creds({ uid: 0 }), ["sleep", "1h"]);
  return { s, other, run: async (cmd: string) => (await s.type(cmd)).split("\n").slice(1, -1) };
}

describe("kill", () => {
  it("BusyBox: another user's process is EPERM, the process lives on", async () => {
    const { other, run } = await withRootProcess();
    expect(await run(`/bin/kill ${other.pid}; echo $?`)).toEqual([`kill: can't kill pid ${other.pid}: Operation not permitted`, "1"]);
    expect(other.alive).toBe(true);
  });

  it("BusyBox: signals the caller's own processes, by pid and by process group", async () => {
    const s = await startSession({ as: { uid: 1000, gid: 3000 } });
    const mine = s.container.spawn(creds({ uid: 1000, gid: 3000 }), ["sleep", "1h"]);
    expect((await s.type(`/bin/kill ${mine.pid}; echo $?`)).split("\n")[1]).toBe("0");
    expect(mine.exit).toEqual({ signal: 15 });
    const grouped = s.container.spawn(creds({ uid: 1000, gid: 3000 }), ["sleep", "1h"]);
    expect((await s.type(`/bin/kill -9 -${grouped.pgid}; echo $?`)).split("\n")[1]).toBe("0");
    expect(grouped.exit).toEqual({ signal: 9 });
  });

  it("procps 3.3.9: a refused kill(2) is silent, exit 1", async () => {
    const { other, run } = await withRootProcess(nodeHello);
    expect(await run(`/bin/kill ${other.pid}; echo $?`)).toEqual(["1"]);
    expect(other.alive).toBe(true);
  });
});
