// mount [-t TYPE] [-o OPTS] [DEVICE] [DIR] and umount DIR — BusyBox util-linux/mount.c and
// umount.c, util-linux mount(8)/umount(8) on Debian. Listing prints /proc/mounts as
// "SRC on DIR type TYPE (OPTS)". Mounting and unmounting need CAP_SYS_ADMIN (fs/namespace.c
// may_mount()): BusyBox says "permission denied (are you root?)"; util-linux refuses non-root
// callers itself ("only root can do that"). A permitted `mount -t tmpfs` mounts a new tmpfs.

import { EACCES, EINVAL, ENOENT, ENOTDIR, EPERM, type Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import { isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const MOUNT_USAGE = {
  trivial: "[OPTIONS] [-o OPT] DEVICE NODE",
  full: "Mount a filesystem. Filesystem autodetection requires /proc.\n\n\t-a\t\tMount all filesystems in fstab\n\t-f\t\tDry run\n\t-i\t\tDon't run mount helper\n\t-r\t\tRead-only mount\n\t-t FSTYPE[,...]\tFilesystem type(s)\n\t-O OPT\t\tMount only filesystems with option OPT (-a only)\n-o OPT:\n\tloop\t\tIgnored (loop devices are autodetected)\n\t[a]sync\t\tWrites are [a]synchronous\n\t[no]atime\tDisable/enable updates to inode access times\n\t[no]diratime\tDisable/enable atime updates to directories\n\t[no]relatime\tDisable/enable atime updates relative to modification time\n\t[no]dev\t\t(Dis)allow use of special device files\n\t[no]exec\t(Dis)allow use of executable files\n\t[no]suid\t(Dis)allow set-user-id-root programs\n\t[r]shared\tConvert [recursively] to a shared subtree\n\t[r]slave\tConvert [recursively] to a slave subtree\n\t[r]private\tConvert [recursively] to a private subtree\n\t[un]bindable\tMake mount point [un]able to be bind mounted\n\t[r]bind\t\tBind a file or directory [recursively] to another location\n\tmove\t\tRelocate an existing mount point\n\tremount\t\tRemount a mounted filesystem, changing flags\n\tro/rw\t\tSame as -r/-w\n\nThere are filesystem-specific -o flags.",
};

const UMOUNT_USAGE = {
  trivial: "[OPTIONS] FILESYSTEM|DIRECTORY",
  full: "Unmount file systems\n\n\t-a\tUnmount all file systems\n\t-r\tTry to remount devices as read-only if mount is busy\n\t-l\tLazy umount (detach filesystem)\n\t-f\tForce umount (i.e., unreachable NFS server)\n\t-d\tFree loop device if it has been used\n\t-t FSTYPE[,...]\tUnmount only these filesystem type(s)",
};

/**
 * busybox:1.28's texts (docker-library config = defconfig: FEATURE_MOUNT_VERBOSE and _OTHERTAB on,
 * _HELPERS off; umount without -t, which 1.29 added); recorded from that build. Other builds keep
 * the texts above.
 */
const MOUNT_USAGE_128 = {
  trivial: MOUNT_USAGE.trivial,
  full: MOUNT_USAGE.full
    .replace("\t-i\t\tDon't run mount helper\n", "\t-v\t\tVerbose\n")
    .replace("\t-t FSTYPE[,...]\tFilesystem type(s)\n", "\t-t FSTYPE[,...]\tFilesystem type(s)\n\t-T FILE\t\tRead FILE instead of /etc/fstab\n")
    .replace("\tro/rw\t\tSame as -r/-w", "\tro\t\tSame as -r"),
};
const UMOUNT_USAGE_128 = { trivial: UMOUNT_USAGE.trivial, full: UMOUNT_USAGE.full.replace("\n\t-t FSTYPE[,...]\tUnmount only these filesystem type(s)", "") };
const is128 = (ctx: ProgramContext) => ctx.exe.version.startsWith("1.28.");
const mountUsage = (ctx: ProgramContext) => (is128(ctx) ? MOUNT_USAGE_128 : MOUNT_USAGE);
const umountUsage = (ctx: ProgramContext) => (is128(ctx) ? UMOUNT_USAGE_128 : UMOUNT_USAGE);

async function listMounts(ctx: ProgramContext, type: string | undefined): Promise<number> {
  const text = await ctx.sys.readFile("/proc/mounts").catch(() => undefined);
  if (text === undefined) {
    await ctx.stderr.write("mount: /proc/mounts: No such file or directory\n");
    return 1;
  }
  let out = "";
  for (const line of text.split("\n").filter(Boolean)) {
    const [src, dir, fstype, opts] = line.split(" ");
    if (type !== undefined && !type.split(",").includes(fstype!)) continue;
    out += `${src} on ${dir} type ${fstype} (${opts})\n`;
  }
  await ctx.stdout.write(out);
  return 0;
}

/** Refusal wording: BusyBox for any mount(2) EPERM/EACCES; util-linux checks the uid itself. */
async function refuse(ctx: ProgramContext, verb: "mount" | "umount", target: string, e: Errno): Promise<number> {
  if (isBusybox(ctx)) {
    if (verb === "mount") {
      await ctx.stderr.write("mount: permission denied (are you root?)\n");
      return 1;
    }
    await ctx.stderr.write(`umount: can't unmount ${target}: ${errText(ctx, e)}\n`);
    return 1;
  }
  if (ctx.proc.creds.euid !== 0) {
    await ctx.stderr.write(`${verb}: only root can do that\n`);
    return 1;
  }
  await ctx.stderr.write(verb === "mount" ? "mount: permission denied\n" : `umount: ${target}: umount failed: ${errText(ctx, e)}\n`);
  return 32;
}

export const mount: Command = {
  name: "mount",
  usage: mountUsage,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "o:t:rwanfvsiO:" : "o:t:rwanfvilL:U:O:B", { types: "required", options: "required", "read-only": "none", "read-write": "none", bind: "none", all: "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, mountUsage(ctx));
    const type = scanned.options.filter((o) => o.opt === "t" || o.opt === "--types").at(-1)?.value;
    const opts = scanned.options.filter((o) => o.opt === "o" || o.opt === "--options").map((o) => o.value!).join(",");
    const readOnly = scanned.options.some((o) => o.opt === "r" || o.opt === "--read-only") || opts.split(",").includes("ro");
    const ops = scanned.operands;
    if (ops.length === 0 && !scanned.options.some((o) => o.opt === "a")) return listMounts(ctx, type);
    if (ops.length === 1 && !opts.includes("remount")) {
      if (busybox) {
        await ctx.stderr.write(`mount: can't find ${ops[0]} in /etc/fstab\n`);
        return 1;
      }
      await ctx.stderr.write(`mount: can't find ${ops[0]} in /etc/fstab\n`);
      return 1;
    }
    const target = ops.at(-1)!;
    const source = ops.length > 1 ? ops[0]! : "none";
    if (!busybox && ctx.proc.creds.euid !== 0) return refuse(ctx, "mount", target, EPERM);
    if (opts.includes("remount") || opts.includes("bind")) {
      await ctx.stderr.write(busybox ? `mount: mounting ${source} on ${target} failed: No such device\n` : `mount: unknown filesystem type '${type ?? ""}'\n`);
      return busybox ? 1 : 32;
    }
    const split = opts.split(",");
    const done = attempt(() => ctx.sys.mount(source, target, type ?? "", { readOnly, nosuid: split.includes("nosuid"), nodev: split.includes("nodev"), noexec: split.includes("noexec") }));
    if (done.ok) return 0;
    if (done.errno === EPERM || done.errno === EACCES) return refuse(ctx, "mount", target, done.errno);
    if (busybox) {
      await ctx.stderr.write(`mount: mounting ${source} on ${target} failed: ${errText(ctx, done.errno)}\n`);
      return 1;
    }
    const text = done.errno === ENOENT ? `mount point ${target} does not exist` : done.errno === ENOTDIR ? `mount point ${target} is not a directory` : `unknown filesystem type '${type ?? ""}'`;
    await ctx.stderr.write(`mount: ${text}\n`);
    return 32;
  },
};

export const umount: Command = {
  name: "umount",
  usage: umountUsage,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), "arlfdt:", { all: "none", lazy: "none", force: "none", types: "required" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, umountUsage(ctx));
    if (scanned.operands.length === 0) {
      if (busybox) return usage(ctx, umountUsage(ctx).trivial, umountUsage(ctx).full);
      await ctx.stderr.write("Usage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>\n");
      return 1;
    }
    let status = 0;
    for (const target of scanned.operands) {
      if (!busybox && ctx.proc.creds.euid !== 0) {
        status = await refuse(ctx, "umount", target, EPERM);
        continue;
      }
      const done = attempt(() => ctx.sys.umount(target));
      if (done.ok) continue;
      if (done.errno === EPERM) {
        status = await refuse(ctx, "umount", target, done.errno);
        continue;
      }
      if (busybox) await ctx.stderr.write(`umount: can't unmount ${target}: ${errText(ctx, done.errno)}\n`);
      else await ctx.stderr.write(done.errno === EINVAL ? `umount: ${target}: not mounted.\n` : `umount: ${target}: ${errText(ctx, done.errno)}\n`);
      status = busybox ? 1 : 32;
    }
    return status;
  },
};
