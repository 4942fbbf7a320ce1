// Alpine Linux base layers (alpine-baselayout): BusyBox applets as symlinks in the directories
// BusyBox installs them to, musl, and Alpine's /etc files (images.md §2.2).

import { ImageBuilder, lines } from "./builder.js";
import { TZIF_UTC } from "./busybox.js";

const APPLETS_BIN = `arch ash base64 bbconfig cat chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo ed
egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link
linux32 linux64 ln login ls lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof
ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty
su sync tar touch true umount uname usleep watch zcat`;
const APPLETS_SBIN = `acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock
ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd
loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff
raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc
vconfig watchdog`;
const APPLETS_USR_SBIN = `addgroup adduser arping brctl chpasswd chroot crond delgroup deluser fbset killall5
loadfont nanddump nandwrite nbd-client ntpd partprobe rdate readahead readprofile remove-shell sendmail setfont
setlogcons`;
const APPLETS_USR_BIN = `[ [[ awk basename beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio
crontab cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate fgconsole find
flock fold free fuser groups hd head hexdump hostid iconv id install ipcrm ipcs killall last less logger lsof
lsusb lzcat lzma md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt passwd
paste pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid
sha1sum sha256sum sha3sum sha512sum showkey shred shuf smemcap sort split ssl_client strings sum tac tail tee
test time timeout top tr traceroute traceroute6 truncate tty ttysize unexpand uniq unix2dos unlink unlzma unshare
unxz unzip uptime uudecode uuencode vi vlock volname wc wget which whoami whois xargs xxd xzcat yes`;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Which directory each applet is installed in, and the symlink target that reaches /bin/busybox. */
export const ALPINE_APPLETS: readonly [dir: string, applets: readonly string[], target: string][] = [
  ["bin", words(APPLETS_BIN), "/bin/busybox"],
  ["sbin", words(APPLETS_SBIN), "/bin/busybox"],
  ["usr/sbin", words(APPLETS_USR_SBIN), "/bin/busybox"],
  ["usr/bin", words(APPLETS_USR_BIN), "/bin/busybox"],
];

/** alpine-baselayout's older /etc/passwd (root's shell /bin/ash), used until the 2025 releases. */
export const ALPINE_PASSWD = lines(
  "root:x:0:0:root:/root:/bin/ash", "bin:x:1:1:bin:/bin:/sbin/nologin", "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
  "adm:x:3:4:adm:/var/adm:/sbin/nologin", "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin", "sync:x:5:0:sync:/sbin:/bin/sync",
  "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown", "halt:x:7:0:halt:/sbin:/sbin/halt",
  "mail:x:8:12:mail:/var/spool/mail:/sbin/nologin", "news:x:9:13:news:/usr/lib/news:/sbin/nologin",
  "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin", "operator:x:11:0:operator:/root:/sbin/nologin",
  "man:x:13:15:man:/usr/man:/sbin/nologin", "postmaster:x:14:12:postmaster:/var/spool/mail:/sbin/nologin",
  "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin", "ftp:x:21:21::/var/lib/ftp:/sbin/nologin",
  "sshd:x:22:22:sshd:/dev/null:/sbin/nologin", "at:x:25:25:at:/var/spool/cron/atjobs:/sbin/nologin",
  "squid:x:31:31:Squid:/var/cache/squid:/sbin/nologin", "xfs:x:33:33:X Font Server:/etc/X11/fs:/sbin/nologin",
  "games:x:35:35:games:/usr/games:/sbin/nologin", "postgres:x:70:70::/var/lib/postgresql:/bin/sh",
  "cyrus:x:85:12::/usr/cyrus:/sbin/nologin", "vpopmail:x:89:89::/var/vpopmail:/sbin/nologin",
  "ntp:x:123:123:NTP:/var/empty:/sbin/nologin", "smmsp:x:209:209:smmsp:/var/spool/mqueue:/sbin/nologin",
  "guest:x:405:100:guest:/dev/null:/sbin/nologin", "nobody:x:65534:65534:nobody:/:/sbin/nologin",
);

/** alpine-baselayout's newer /etc/passwd (root's shell /bin/sh; no man, at, postgres). */
export const ALPINE_PASSWD_NEW = lines(
  "root:x:0:0:root:/root:/bin/sh", "bin:x:1:1:bin:/bin:/sbin/nologin", "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
  "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin", "sync:x:5:0:sync:/sbin:/bin/sync", "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown",
  "halt:x:7:0:halt:/sbin:/sbin/halt", "mail:x:8:12:mail:/var/mail:/sbin/nologin", "news:x:9:13:news:/usr/lib/news:/sbin/nologin",
  "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin", "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin",
  "ftp:x:21:21::/var/lib/ftp:/sbin/nologin", "sshd:x:22:22:sshd:/dev/null:/sbin/nologin", "games:x:35:35:games:/usr/games:/sbin/nologin",
  "ntp:x:123:123:NTP:/var/empty:/sbin/nologin", "guest:x:405:100:guest:/dev/null:/sbin/nologin", "nobody:x:65534:65534:nobody:/:/sbin/nologin",
);

export const ALPINE_GROUP = lines(
  "root:x:0:root", "bin:x:1:root,bin,daemon", "daemon:x:2:root,bin,daemon", "sys:x:3:root,bin,adm",
  "adm:x:4:root,adm,daemon", "tty:x:5:", "disk:x:6:root,adm", "lp:x:7:lp", "mem:x:8:", "kmem:x:9:", "wheel:x:10:root",
  "floppy:x:11:root", "mail:x:12:mail", "news:x:13:news", "uucp:x:14:uucp", "cron:x:16:cron", "console:x:17:",
  "audio:x:18:", "cdrom:x:19:", "dialout:x:20:root", "ftp:x:21:", "sshd:x:22:", "input:x:23:", "tape:x:26:root",
  "video:x:27:root", "netdev:x:28:", "squid:x:31:squid", "xfs:x:33:xfs", "kvm:x:34:kvm", "games:x:35:",
  "shadow:x:42:", "cdrw:x:80:", "www-data:x:82:", "usb:x:85:", "vpopmail:x:89:", "users:x:100:games", "ntp:x:123:",
  "nofiles:x:200:", "smmsp:x:209:smmsp", "locate:x:245:", "abuild:x:300:", "utmp:x:406:", "ping:x:999:",
  "nogroup:x:65533:", "nobody:x:65534:",
);

const shadowFor = (passwd: string) =>
  passwd.split("\n").filter(Boolean).map((l) => `${l.split(":")[0]}:!::0:::::\n`).join("");

export interface AlpineOptions {
  release: string;
  busybox: { version: string; size: number };
  passwd?: string;
  group?: string;
}

/** The Alpine base: directories, busybox with its applet symlinks, musl, /etc. */
export function alpineBase(b: ImageBuilder, opts: AlpineOptions): ImageBuilder {
  for (const d of ["bin", "dev", "etc", "etc/apk", "etc/profile.d", "home", "lib", "media", "mnt", "opt", "proc", "run", "sbin", "srv", "sys", "usr", "usr/bin", "usr/sbin", "usr/lib", "usr/local", "usr/local/bin", "usr/share", "var", "var/cache", "var/empty", "var/lib", "var/local", "var/log", "var/mail", "var/opt", "var/spool", "var/spool/cron"]) b.dir(d);
  b.dir("root", 0o700).dir("tmp", 0o1777).dir("var/tmp", 0o1777).symlink("var/run", "/run").symlink("var/lock", "/run/lock");
  b.binary("bin/busybox", { program: "busybox", version: opts.busybox.version, variant: "musl", size: opts.busybox.size });
  for (const [dir, applets, target] of ALPINE_APPLETS) for (const a of applets) b.symlink(`${dir}/${a}`, target);
  b.binary("lib/ld-musl-x86_64.so.1", { program: "ld-musl", version: "1.1", variant: "musl", size: 596104 })
    .symlink("lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");
  const passwd = opts.passwd ?? ALPINE_PASSWD;
  b.file("etc/passwd", passwd).file("etc/group", opts.group ?? ALPINE_GROUP).file("etc/shadow", shadowFor(passwd), 0o640, { gid: 42 })
    .file("etc/alpine-release", `${opts.release}\n`)
    .file("etc/os-release", lines('NAME="Alpine Linux"', "ID=alpine", `VERSION_ID=${opts.release}`, `PRETTY_NAME="Alpine Linux v${opts.release.split(".").slice(0, 2).join(".")}"`, 'HOME_URL="https://alpinelinux.org/"', 'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"'))
    .file("etc/hostname", "localhost\n").file("etc/hosts", lines("127.0.0.1\tlocalhost localhost.localdomain", "::1\t\tlocalhost localhost.localdomain"))
    .file("etc/shells", lines("# valid login shells", "/bin/sh", "/bin/ash"))
    .file("etc/profile", lines('export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"', "export PAGER=less", 'export PS1=\'\\h:\\w\\$ \'', "umask 022"))
    .file("etc/motd", lines("Welcome to Alpine!", "", "The Alpine Wiki contains a large amount of how-to guides and general", "information about administrating Alpine systems.", "See <http://wiki.alpinelinux.org/>.", "", "You can setup the system with the command: setup-alpine", "", "You may change this message by editing /etc/motd.", ""))
    .file("etc/localtime", TZIF_UTC);
  return b;
}
