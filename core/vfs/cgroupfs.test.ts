// cgroup v2 in a container: the file set and readdir order of kernfs, against real Linux.

import { describe, expect, it } from "vitest";
import { makeNode } from "../../test/helpers/kernel.js";
import { CgroupFs, kernfsNameHash } from "./cgroupfs.js";

/** `ls /sys/fs/cgroup/<group>` of a new cgroup under the root on Ubuntu 24.04 (Linux 6.8, all 8 controllers). */
const UBUNTU_6_8 = [
  "cgroup.controllers", "cgroup.events", "cgroup.freeze", "cgroup.kill", "cgroup.max.depth", "cgroup.max.descendants",
  "cgroup.pressure", "cgroup.procs", "cgroup.stat", "cgroup.subtree_control", "cgroup.threads", "cgroup.type", "cpu.idle",
  "cpu.max", "cpu.max.burst", "cpu.pressure", "cpu.stat", "cpu.stat.local", "cpu.uclamp.max", "cpu.uclamp.min", "cpu.weight",
  "cpu.weight.nice", "cpuset.cpus", "cpuset.cpus.effective", "cpuset.cpus.exclusive", "cpuset.cpus.exclusive.effective",
  "cpuset.cpus.partition", "cpuset.mems", "cpuset.mems.effective", "hugetlb.1GB.current", "hugetlb.1GB.events",
  "hugetlb.1GB.events.local", "hugetlb.1GB.max", "hugetlb.1GB.numa_stat", "hugetlb.1GB.rsvd.current", "hugetlb.1GB.rsvd.max",
  "hugetlb.2MB.current", "hugetlb.2MB.events", "hugetlb.2MB.events.local", "hugetlb.2MB.max", "hugetlb.2MB.numa_stat",
  "hugetlb.2MB.rsvd.current", "hugetlb.2MB.rsvd.max", "io.max", "io.pressure", "io.prio.class", "io.stat", "io.weight",
  "memory.current", "memory.events", "memory.events.local", "memory.high", "memory.low", "memory.max", "memory.min",
  "memory.numa_stat", "memory.oom.group", "memory.peak", "memory.pressure", "memory.reclaim", "memory.stat",
  "memory.swap.current", "memory.swap.events", "memory.swap.high", "memory.swap.max", "memory.swap.peak", "memory.zswap.current",
  "memory.zswap.max", "memory.zswap.writeback", "misc.current", "misc.events", "misc.max", "pids.current", "pids.events",
  "pids.max", "pids.peak", "rdma.current", "rdma.max",
];

const byHash = (names: string[]) => [...names].sort((a, b) => kernfsNameHash(a) - kernfsNameHash(b) || (a < b ? -1 : 1));

describe("cgroupfs", () => {
  it("has the file set of a Linux 6.8 cgroup with cpuset cpu io memory hugetlb pids rdma misc", () => {
    const { kernel } = makeNode(); // release 6.8.0-1015-gcp
    const fs = new CgroupFs(kernel, { pidsMax: "max", memoryMax: "max", cpuMax: "max 100000" });
    expect([...fs.root().readdir({ pid: 0, creds: undefined as never })].sort()).toEqual([...UBUNTU_6_8].sort());
  });

  // `ls -f` on this machine's Linux 6.18 (kernfs_name_hash() is unchanged since 3.x): readdir order.
  const recorded: [string, string[]][] = [
    ["a cgroup2 root without controllers", ["io.pressure", "cgroup.procs", "cgroup.max.descendants", "cpu.stat", "memory.pressure", "cpu.pressure", "cgroup.stat",
      "cpu.stat.local", "cgroup.threads", "cgroup.controllers", "cgroup.subtree_control", "cgroup.max.depth", "cgroup.pressure"]],
    ["/sys/kernel", ["warn_count", "notes", "hardlockup_count", "mm", "uevent_seqnum", "profiling", "btf", "vmcoreinfo", "cpu_byteorder", "software_nodes", "reboot",
      "tracing", "oops_count", "slab", "iommu_groups", "security", "irq", "fscaps", "rcu_normal", "debug", "softlockup_count", "rcu_stall_count", "rcu_expedited",
      "cgroup", "boot_params", "address_bits"]],
  ];
  it.each(recorded)("kernfs_name_hash(): lists %s in the kernel's order", (_name, order) => {
    expect(byHash([...order].sort())).toEqual(order);
  });
});
