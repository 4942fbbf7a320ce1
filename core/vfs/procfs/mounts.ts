// /proc/<pid>/mounts (fs/proc_namespace.c show_vfsmnt) and mountinfo (show_mountinfo), from the
// process's mount namespace, with paths as seen from its root.

import type { Process } from "../../kernel/process.js";
import type { Mount } from "../mount.js";

/** mangle(): spaces, tabs, newlines and backslashes in paths are printed as octal escapes. */
export const mangle = (s: string) => s.replace(/[ \t\n\\]/g, (ch) => `\\${ch.charCodeAt(0).toString(8).padStart(3, "0")}`);

function visible(proc: Process): { mount: Mount; point: string }[] {
  const root = proc.root.path;
  const out: { mount: Mount; point: string }[] = [];
  for (const mount of proc.mnt.mounts) {
    const p = mount.mountpoint;
    if (root === "/") out.push({ mount, point: p });
    else if (p === root) out.push({ mount, point: "/" });
    else if (p.startsWith(`${root}/`)) out.push({ mount, point: p.slice(root.length) });
  }
  return out;
}

export function generateMounts(proc: Process): string {
  return visible(proc).map(({ mount, point }) => `${mangle(mount.source)} ${mangle(point)} ${mount.fs.type} ${mount.options} 0 0\n`).join("");
}

export function generateMountinfo(proc: Process): string {
  return visible(proc)
    .map(({ mount, point }) => {
      const dev = mount.fs.dev;
      const superOpts = [mount.sbReadOnly ? "ro" : "rw", ...(mount.data === "" ? [] : [mount.data])].join(",");
      return `${mount.id} ${mount.parentId} ${dev >> 8}:${dev & 0xff} ${mangle(mount.fsRoot)} ${mangle(point)} ${mount.mountOptions} - ${mount.fs.type} ${mangle(mount.source)} ${superOpts}\n`;
    })
    .join("");
}
