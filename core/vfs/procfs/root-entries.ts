// The table of /proc entries outside the pid directories.

import type { Caller } from "../node.js";
import { ENOENT, SyscallError } from "../../kernel/errno.js";
import { type ProcContext, type ProcEntry, callerPid } from "./procfs.js";
import { sysctlEntries } from "./sysctl.js";
import { generateCpuinfo, generateLoadavg, generateMeminfo, generateUptime, generateVersion } from "./system.js";

/** proc_self_get_link(): the reader's pid in the mount's namespace; ENOENT when it has none there. */
function selfPid(ctx: ProcContext, caller: Caller): number {
  const pid = callerPid(ctx, caller);
  if (pid === 0) throw new SyscallError(ENOENT, "readlink");
  return pid;
}

const emptyDir = (name: string): ProcEntry => ({ name, kind: "dir", mode: 0o555, entries: () => [] });
const emptyFile = (name: string, mode = 0o444): ProcEntry => ({ name, kind: "file", mode, generate: () => "" });

export function rootEntries(_ctx: ProcContext, _caller: Caller): ProcEntry[] {
  return [
    emptyDir("acpi"),
    emptyDir("bus"),
    { name: "cmdline", kind: "file", mode: 0o444, generate: (ctx) => `BOOT_IMAGE=/boot/vmlinuz-${ctx.kernel.info.kernel.release} root=/dev/sda1 ro console=ttyS0\n` },
    { name: "cpuinfo", kind: "file", mode: 0o444, generate: generateCpuinfo },
    emptyDir("driver"),
    emptyDir("fs"),
    emptyDir("irq"),
    emptyFile("kcore", 0o400),
    emptyFile("keys"),
    emptyFile("kmsg", 0o400),
    { name: "loadavg", kind: "file", mode: 0o444, generate: generateLoadavg },
    { name: "meminfo", kind: "file", mode: 0o444, generate: generateMeminfo },
    { name: "mounts", kind: "link", target: () => "self/mounts" },
    { name: "net", kind: "link", target: () => "self/net" },
    emptyDir("scsi"),
    { name: "self", kind: "link", target: (ctx, caller) => String(selfPid(ctx, caller)) },
    { name: "sys", kind: "dir", mode: 0o555, entries: sysctlEntries },
    emptyFile("sysrq-trigger", 0o200),
    { name: "thread-self", kind: "link", target: (ctx, caller) => `${selfPid(ctx, caller)}/task/${selfPid(ctx, caller)}` },
    emptyFile("timer_list"),
    { name: "uptime", kind: "file", mode: 0o444, generate: generateUptime },
    { name: "version", kind: "file", mode: 0o444, generate: generateVersion },
  ];
}
