// execve credential transformation, capabilities(7) "Transformation of capabilities during execve()".

import { describe, expect, it } from "vitest";
import { FULL_SET, capabilitySetOf, formatCapabilitySet } from "./capability.js";
import { makeCredentials } from "./credentials.js";
import { type ExecFile, computeCredsForExec, setResUid } from "./exec.js";
import { DEFAULT_CAPS, creds } from "../../test/helpers/kernel.js";

const plain: ExecFile = { mode: 0o100755, uid: 0, gid: 0 };
const setuidRoot: ExecFile = { mode: 0o104755, uid: 0, gid: 0 };
const hex = formatCapabilitySet;

describe("computeCredsForExec", () => {
  it("root running a plain binary keeps the bounding set as permitted and effective", () => {
    const c = computeCredsForExec(creds({ uid: 0 }), plain);
    expect([hex(c.capPermitted), hex(c.capEffective), c.euid]).toEqual(["00000000a80425fb", "00000000a80425fb", 0]);
  });

  it("a non-root process gets no capabilities from a plain binary, whatever its bounding set", () => {
    const c = computeCredsForExec(creds({ uid: 1000, caps: "all" }), plain);
    expect([hex(c.capPermitted), hex(c.capEffective), hex(c.capBounding)]).toEqual(["0000000000000000", "0000000000000000", "000001ffffffffff"]);
  });

  it("a setuid-root binary makes a non-root caller root with the bounding set", () => {
    const c = computeCredsForExec(creds({ uid: 1000, gid: 1000 }), setuidRoot);
    expect([c.ruid, c.euid, c.suid, c.fsuid, hex(c.capEffective)]).toEqual([1000, 0, 0, 0, "00000000a80425fb"]);
  });

  it("no_new_privs ignores the setuid bit", () => {
    const c = computeCredsForExec(creds({ uid: 1000, gid: 1000, nnp: true }), setuidRoot);
    expect([c.euid, hex(c.capEffective), c.noNewPrivs]).toEqual([1000, "0000000000000000", true]);
  });

  it("a nosuid mount ignores the setuid bit", () => {
    const c = computeCredsForExec(creds({ uid: 1000 }), { ...setuidRoot, nosuid: true });
    expect(c.euid).toBe(1000);
  });

  it("setgid applies only with group-exec set", () => {
    expect(computeCredsForExec(creds({ uid: 1000, gid: 1000 }), { mode: 0o102755, uid: 0, gid: 42 }).egid).toBe(42);
    expect(computeCredsForExec(creds({ uid: 1000, gid: 1000 }), { mode: 0o102745, uid: 0, gid: 42 }).egid).toBe(1000);
  });

  it("file capabilities grant a non-root caller what the bounding set allows", () => {
    const netRaw = capabilitySetOf(13);
    const c = computeCredsForExec(creds({ uid: 1000 }), { ...plain, fileCaps: { permitted: netRaw, inheritable: 0n, effective: true } });
    expect([hex(c.capPermitted), hex(c.capEffective)]).toEqual(["0000000000002000", "0000000000002000"]);
    const dropped = computeCredsForExec(creds({ uid: 1000, caps: 0n }), { ...plain, fileCaps: { permitted: netRaw, inheritable: 0n, effective: true } });
    expect(hex(dropped.capPermitted)).toBe("0000000000000000");
  });

  it("file capabilities under no_new_privs cannot grow the permitted set", () => {
    const c = computeCredsForExec(creds({ uid: 1000, nnp: true }), { ...plain, fileCaps: { permitted: capabilitySetOf(13), inheritable: 0n, effective: true } });
    expect(hex(c.capPermitted)).toBe("0000000000000000");
  });

  it("ambient capabilities survive a plain exec and are cleared by a setuid one", () => {
    const withAmbient = makeCredentials({ uid: 1000, gid: 1000, capInheritable: capabilitySetOf(12), capPermitted: capabilitySetOf(12), capAmbient: capabilitySetOf(12), capBounding: FULL_SET });
    expect(hex(computeCredsForExec(withAmbient, plain).capEffective)).toBe("0000000000001000");
    expect(hex(computeCredsForExec(withAmbient, { mode: 0o104755, uid: 2000, gid: 0 }).capAmbient)).toBe("0000000000000000");
  });
});

describe("setResUid", () => {
  it("a root process that switches to uid 1000 loses its capabilities (runc setupUser without keepcaps)", () => {
    const c = setResUid(creds({ uid: 0 }), 1000);
    expect([c.euid, hex(c.capPermitted), hex(c.capEffective), hex(c.capBounding)]).toEqual([1000, "0000000000000000", "0000000000000000", hex(DEFAULT_CAPS)]);
  });
});
