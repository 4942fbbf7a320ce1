import { describe, expect, it } from "vitest";
import {
  CAP_LAST_CAP, Cap, FULL_SET, capabilitiesIn, capabilitySetOf, decodeCapabilitySet, formatCapabilitySet, parseCapability,
} from "./capability.js";
import { DEFAULT_CAPS } from "../../test/helpers/kernel.js";

describe("capability sets", () => {
  it("formats the runtime default set as the tutorial's bitmap", () => {
    expect(formatCapabilitySet(DEFAULT_CAPS)).toBe("00000000a80425fb");
  });

  it("adds NET_ADMIN (bit 12) and SYS_TIME (bit 25) to get the tutorial's second bitmap", () => {
    const added = DEFAULT_CAPS | capabilitySetOf(parseCapability("NET_ADMIN")!, parseCapability("SYS_TIME")!);
    expect(formatCapabilitySet(added)).toBe("00000000aa0435fb");
    expect(capabilitiesIn(0xaa0435fbn ^ 0xa80425fbn)).toEqual([12, 25]);
  });

  it("decodes 0xa80425fb to the 14 default capabilities, as capsh --decode prints them", () => {
    expect(decodeCapabilitySet(0xa80425fbn)).toBe(
      "0x00000000a80425fb=cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_net_bind_service,cap_net_raw,cap_sys_chroot,cap_mknod,cap_audit_write,cap_setfcap",
    );
  });

  it("decodes 0xaa0435fb with cap_net_admin and cap_sys_time in bit order", () => {
    expect(decodeCapabilitySet(0xaa0435fbn)).toBe(
      "0x00000000aa0435fb=cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_net_bind_service,cap_net_admin,cap_net_raw,cap_sys_chroot,cap_sys_time,cap_mknod,cap_audit_write,cap_setfcap",
    );
  });

  it("knows 41 capabilities; the full set is 000001ffffffffff", () => {
    expect(CAP_LAST_CAP).toBe(40);
    expect(formatCapabilitySet(FULL_SET)).toBe("000001ffffffffff");
    expect(Cap.CHECKPOINT_RESTORE).toBe(40);
  });

  it.each([
    ["NET_ADMIN", 12], ["CAP_NET_ADMIN", 12], ["cap_net_admin", 12], ["sys_time", 25], ["CHOWN", 0],
    ["BPF", 39], ["NOT_A_CAP", undefined], ["", undefined], ["CAP_", undefined],
  ])("parses %j as %j", (name, bit) => {
    expect(parseCapability(name)).toBe(bit);
  });

  it("prints unknown high bits as numbers, like libcap", () => {
    expect(decodeCapabilitySet(1n << 41n)).toBe("0x0000020000000000=41");
  });
});
