import { describe, expect, it } from "vitest";
import { capabilitySetOf } from "../../kernel/capability.js";
import { withCredentials } from "../../kernel/credentials.js";
import { sigBit } from "../../kernel/signal.js";
import { DEFAULT_CAPS, creds, makeContainer, makeNode } from "../../../test/helpers/kernel.js";
import { readGolden } from "../../../test/helpers/golden.js";
import { cpuMask } from "./status.js";

const status = (text: string) => Object.fromEntries(text.trimEnd().split("\n").map((l) => l.split(":\t") as [string, string]));

describe("/proc/<pid>/status", () => {
  it("matches the reference capture for the tutorial's busybox pod, byte for byte", async () => {
    const node = makeNode(undefined, { cpus: 4, memTotalKb: 16244480 });
    const c = makeContainer(node);
    const init = c.spawn(creds({ uid: 1000, gid: 3000, groups: [4000, 2000, 3000], nnp: true }), ["sleep", "1h"]);
    // The state sh -c leaves its exec'd sleep in (ash ignores SIGQUIT): the shell itself is held to
    // this in test/golden/shell/ash-signals.txt; this test is about the file's format.
    init.sigIgnored = sigBit(3);
    const sh = c.spawn(creds({ uid: 1000, gid: 3000, groups: [2000, 3000, 4000], nnp: true }), ["sh"]);
    expect(await node.vfs.readFile(sh, "/proc/1/status")).toBe(readGolden("kernel/proc-status-busybox-uid1000.txt").body);
  });

  it("shows root's default capabilities in CapPrm and CapEff (tutorial demo-3)", async () => {
    const node = makeNode();
    const c = makeContainer(node);
    const p = c.spawn(creds({ uid: 0 }), ["hello-app"]);
    const s = status(await node.vfs.readFile(p, "/proc/1/status"));
    expect([s.CapInh, s.CapPrm, s.CapEff, s.CapBnd, s.CapAmb, s.NoNewPrivs]).toEqual([
      "0000000000000000", "00000000a80425fb", "00000000a80425fb", "00000000a80425fb", "0000000000000000", "0",
    ]);
  });

  it("shows NET_ADMIN and SYS_TIME added (tutorial demo-4)", async () => {
    const node = makeNode();
    const c = makeContainer(node);
    const p = c.spawn(creds({ uid: 0, caps: DEFAULT_CAPS | capabilitySetOf(12, 25) }), ["hello-app"]);
    const s = status(await node.vfs.readFile(p, "/proc/self/status"));
    expect([s.CapPrm, s.CapEff, s.State]).toEqual(["00000000aa0435fb", "00000000aa0435fb", "R (running)"]);
  });

  it("prints an empty group list as a lone trailing space, and seccomp filters", async () => {
    const node = makeNode();
    const c = makeContainer(node);
    const p = c.spawn(withCredentials(creds({ uid: 0 }), { seccomp: 2, seccompFilters: 1 }));
    const text = await node.vfs.readFile(p, "/proc/self/status");
    expect(text.split("\n").filter((l) => /^(Groups|Seccomp|Seccomp_filters):/.test(l))).toEqual(["Groups:\t ", "Seccomp:\t2", "Seccomp_filters:\t1"]);
  });

  it("omits fields the node's kernel is too old for", async () => {
    const node = makeNode();
    (node.kernel.info as { kernel: { release: string } }).kernel = { ...node.kernel.info.kernel, release: "5.4.0-150-generic" };
    const c = makeContainer(node);
    const p = c.spawn(creds({ uid: 0 }));
    const keys = Object.keys(status(await node.vfs.readFile(p, "/proc/self/status")));
    expect(keys).not.toContain("Kthread");
    expect(keys).not.toContain("untag_mask");
    expect(keys).not.toContain("Seccomp_filters");
    expect(keys).toContain("NoNewPrivs");
    expect(keys).toContain("THP_enabled");
  });

  it.each([[1, "1"], [2, "3"], [4, "f"], [32, "ffffffff"], [33, "1,ffffffff"], [64, "ffffffff,ffffffff"]])("formats %i CPUs as %s", (n, mask) => {
    expect(cpuMask(n)).toBe(mask);
  });
});
