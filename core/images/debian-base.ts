// Debian base layers: GNU coreutils, dash as /bin/sh, bash, and Debian's /etc (images.md §1).

import { ImageBuilder, lines } from "./builder.js";
import { TZIF_UTC } from "./busybox.js";

const COREUTILS_BIN = `cat chgrp chmod chown cp date dd df dir echo false ln ls mkdir mknod mktemp mv pwd readlink rm rmdir
sleep stty sync touch true uname vdir`;
const COREUTILS_USR_BIN = `[ arch base32 base64 basename chcon cksum comm csplit cut dircolors dirname du env expand expr factor
fmt fold groups head hostid id install join link logname md5sum mkfifo nice nl nohup nproc numfmt od paste pathchk
pinky pr printenv printf ptx realpath runcon seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sort
split stat stdbuf sum tac tail tee test timeout tr truncate tsort tty unexpand uniq unlink users wc who whoami yes`;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const DEBIAN_GROUP_BASE = [
  "root:x:0:", "daemon:x:1:", "bin:x:2:", "sys:x:3:", "adm:x:4:", "tty:x:5:", "disk:x:6:", "lp:x:7:", "mail:x:8:",
  "news:x:9:", "uucp:x:10:", "man:x:12:", "proxy:x:13:", "kmem:x:15:", "dialout:x:20:", "fax:x:21:", "voice:x:22:",
  "cdrom:x:24:", "floppy:x:25:", "tape:x:26:", "sudo:x:27:", "audio:x:29:", "dip:x:30:", "www-data:x:33:",
  "backup:x:34:", "operator:x:37:", "list:x:38:", "irc:x:39:", "src:x:40:", "gnats:x:41:", "shadow:x:42:", "utmp:x:43:",
  "video:x:44:", "sasl:x:45:", "plugdev:x:46:", "staff:x:50:", "games:x:60:", "users:x:100:", "nogroup:x:65534:",
];

export const DEBIAN_PASSWD_BASE = [
  "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin", "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
  "sys:x:3:3:sys:/dev:/usr/sbin/nologin", "sync:x:4:65534:sync:/bin:/bin/sync", "games:x:5:60:games:/usr/games:/usr/sbin/nologin",
  "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin", "lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin",
  "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin", "news:x:9:9:news:/var/spool/news:/usr/sbin/nologin",
  "uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin", "proxy:x:13:13:proxy:/bin:/usr/sbin/nologin",
  "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin", "backup:x:34:34:backup:/var/backups:/usr/sbin/nologin",
  "list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin", "irc:x:39:39:ircd:/var/run/ircd:/usr/sbin/nologin",
  "gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin",
  "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
];

export interface DebianOptions {
  /** usrmerge (Debian 12+): /bin, /sbin and /lib are symlinks into /usr. */
  usrmerge: boolean;
  versions: { coreutils: string; dash: string; bash: string; procps?: string; iproute2?: string; ping?: string; findutils: string; grep: string; sed: string };
  passwd: string;
  group: string;
  debianVersion: string;
  osRelease: string;
}

export function debianBase(b: ImageBuilder, o: DebianOptions): ImageBuilder {
  const bin = o.usrmerge ? "usr/bin" : "bin";
  const sbin = o.usrmerge ? "usr/sbin" : "sbin";
  for (const d of ["boot", "dev", "etc", "etc/skel", "home", "media", "mnt", "opt", "proc", "run", "srv", "sys", "usr", "usr/bin", "usr/sbin", "usr/lib", "usr/local", "usr/local/bin", "usr/local/sbin", "usr/local/lib", "usr/share", "usr/share/zoneinfo", "usr/share/zoneinfo/Etc", "var", "var/backups", "var/cache", "var/lib", "var/local", "var/log", "var/opt", "var/spool"]) b.dir(d);
  if (o.usrmerge) {
    b.symlink("bin", "usr/bin").symlink("sbin", "usr/sbin").symlink("lib", "usr/lib").symlink("lib64", "usr/lib64").dir("usr/lib64");
  } else {
    b.dir("bin").dir("sbin").dir("lib").dir("lib64");
  }
  b.dir("root", 0o700).dir("tmp", 0o1777).dir("var/tmp", 0o1777).dir("var/mail", 0o2775, { gid: 8 }).dir("run/lock", 0o1777)
    .symlink("var/run", "/run").symlink("var/lock", "/run/lock");
  const cu = (tool: string) => ({ program: "coreutils", version: o.versions.coreutils, variant: "glibc", tool, size: 30000 + tool.length * 4096 });
  for (const t of words(COREUTILS_BIN)) b.binary(`${bin}/${t}`, cu(t));
  for (const t of words(COREUTILS_USR_BIN)) b.binary(`usr/bin/${t}`, cu(t));
  b.binary(`${bin}/dash`, { program: "dash", version: o.versions.dash, variant: "glibc", size: 125400 }).symlink(`${bin}/sh`, "dash");
  b.binary(`${bin}/bash`, { program: "bash", version: o.versions.bash, variant: "glibc", size: 1029624 });
  b.binary(`${bin}/grep`, { program: "grep", version: o.versions.grep, variant: "glibc", tool: "grep", size: 215208 });
  b.binary(`${bin}/sed`, { program: "sed", version: o.versions.sed, variant: "glibc", tool: "sed", size: 122224 });
  b.binary(`${bin}/hostname`, { program: "hostname", version: "3.15", variant: "glibc", tool: "hostname", size: 14816 });
  b.binary(`${bin}/mount`, { program: "util-linux", version: "2.25.2", variant: "glibc", tool: "mount", size: 40000 }, 0o4755);
  b.binary(`${bin}/umount`, { program: "util-linux", version: "2.25.2", variant: "glibc", tool: "umount", size: 27416 }, 0o4755);
  b.binary(`${bin}/su`, { program: "login", version: "4.2", variant: "glibc", tool: "su", size: 40168 }, 0o4755);
  b.binary(`${bin}/kill`, { program: "procps", version: o.versions.procps ?? "3.3.9", variant: "glibc", tool: "kill", size: 21136 });
  b.binary("usr/bin/find", { program: "findutils", version: o.versions.findutils, variant: "glibc", tool: "find", size: 229992 });
  b.binary("usr/bin/xargs", { program: "findutils", version: o.versions.findutils, variant: "glibc", tool: "xargs", size: 59648 });
  b.binary("usr/bin/mawk", { program: "mawk", version: "1.3.3", variant: "glibc", tool: "awk", size: 121752 }).dir("etc/alternatives")
    .symlink("etc/alternatives/awk", "/usr/bin/mawk").symlink("usr/bin/awk", "/etc/alternatives/awk");
  b.binary("usr/bin/which", { program: "debianutils", version: "4.4", variant: "glibc", tool: "which", size: 946 });
  b.binary("usr/sbin/chroot", cu("chroot"));
  b.binary("usr/bin/passwd", { program: "passwd", version: "4.2", variant: "glibc", tool: "passwd", size: 53112 }, 0o4755);
  b.binary("usr/bin/newgrp", { program: "login", version: "4.2", variant: "glibc", tool: "newgrp", size: 39912 }, 0o4755);
  if (o.versions.procps !== undefined) {
    const pp = (tool: string, size: number) => ({ program: "procps", version: o.versions.procps!, variant: "glibc", tool, size });
    b.binary(`${bin}/ps`, pp("ps", 88048)).binary("usr/bin/free", pp("free", 14632)).binary("usr/bin/top", pp("top", 104312))
      .binary("usr/bin/pgrep", pp("pgrep", 27256)).binary("usr/bin/pkill", pp("pkill", 27256)).binary("usr/bin/uptime", pp("uptime", 10456))
      .binary("usr/bin/watch", pp("watch", 23448)).binary(`${sbin}/sysctl`, pp("sysctl", 22864));
  }
  if (o.versions.iproute2 !== undefined) b.binary(`${bin}/ip`, { program: "iproute2", version: o.versions.iproute2, variant: "glibc", tool: "ip", size: 288104 });
  if (o.versions.ping !== undefined) b.binary(`${bin}/ping`, { program: "inetutils", version: o.versions.ping, variant: "glibc", tool: "ping", size: 61240 }, 0o4755);
  b.file("etc/passwd", o.passwd).file("etc/group", o.group)
    .file("etc/shadow", o.passwd.split("\n").filter(Boolean).map((l) => `${l.split(":")[0]}:*:16861:0:99999:7:::\n`).join(""), 0o640, { gid: 42 })
    .file("etc/debian_version", `${o.debianVersion}\n`).file("etc/os-release", o.osRelease)
    .file("etc/hostname", "localhost\n").file("etc/timezone", "Etc/UTC\n")
    .file("usr/share/zoneinfo/Etc/UTC", TZIF_UTC).symlink("etc/localtime", "/usr/share/zoneinfo/Etc/UTC")
    .file("etc/shells", lines("# /etc/shells: valid login shells", "/bin/sh", "/bin/dash", "/bin/bash", "/bin/rbash"))
    .file("etc/profile", lines('if [ "`id -u`" -eq 0 ]; then', '  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"', "else", '  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"', "fi", "export PATH"))
    .file("root/.bashrc", lines("# ~/.bashrc: executed by bash(1) for non-login shells.")).file("root/.profile", lines("# ~/.profile: executed by Bourne-compatible login shells."))
    .file("etc/skel/.bashrc", lines("# ~/.bashrc: executed by bash(1) for non-login shells.")).file("etc/skel/.profile", lines("# ~/.profile: executed by the command interpreter for login shells."));
  return b;
}
