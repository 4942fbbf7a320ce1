// busybox:1.28 = BusyBox 1.28.4 on uClibc-ng, built by docker-library/busybox f7a04eb
// (container-userland.md §8): every applet is a hard link to /bin/busybox; /etc from the buildroot
// 2017.11.1 skeleton; file times are the build time, 2018-05-22 17:00 UTC.

import { ImageBuilder, lines } from "./builder.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

/** The 390 applets of busybox:1.28's configuration (include/applet_tables.h). */
export const BUSYBOX_1_28_APPLETS = `[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ash awk base64 basename beep
blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp chmod
chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crond crontab cryptpw
cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg
dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir
envuidgid ether-wake expand expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush
fdformat fdisk fgconsole fgrep find findfs flock fold free freeramdisk fsck fsck.minix fsfreeze
fstrim fsync ftpd ftpget ftpput fuser getopt getty grep groups gunzip gzip halt hd hdparm head
hexdump hexedit hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset id ifconfig
ifdown ifenslave ifplugd ifup inetd init insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs
iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32
linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr
lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man md5sum mdev mesg microcom
mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo
modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client nc netstat nice
nl nmeter nohup nproc nsenter nslookup ntpd nuke od openvt partprobe passwd paste patch pgrep
pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf
ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath reboot
reformime remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake
run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed sendmail seq setarch
setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum
sha256sum sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split
ssl_client start-stop-daemon stat strings stty su sulogin sum sv svc svlogd swapoff swapon
switch_root sync sysctl syslogd tac tail tar taskset tcpsvd tee telnet telnetd test tftp tftpd
time timeout top touch tr traceroute traceroute6 true truncate tty ttysize tunctl ubiattach
ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpd udpsvd uevent umount
uname unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime users usleep uudecode
uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami whois xargs xxd
xz xzcat yes zcat zcip`.split(/\s+/);

export const BUSYBOX_PASSWD = lines(
  "root:x:0:0:root:/root:/bin/sh",
  "daemon:x:1:1:daemon:/usr/sbin:/bin/false",
  "bin:x:2:2:bin:/bin:/bin/false",
  "sys:x:3:3:sys:/dev:/bin/false",
  "sync:x:4:100:sync:/bin:/bin/sync",
  "mail:x:8:8:mail:/var/spool/mail:/bin/false",
  "www-data:x:33:33:www-data:/var/www:/bin/false",
  "operator:x:37:37:Operator:/var:/bin/false",
  "nobody:x:65534:65534:nobody:/home:/bin/false",
);

export const BUSYBOX_GROUP = lines(
  "root:x:0:", "daemon:x:1:", "bin:x:2:", "sys:x:3:", "adm:x:4:", "tty:x:5:", "disk:x:6:", "lp:x:7:",
  "mail:x:8:", "kmem:x:9:", "wheel:x:10:root", "cdrom:x:11:", "dialout:x:18:", "floppy:x:19:", "video:x:28:",
  "audio:x:29:", "tape:x:32:", "www-data:x:33:", "operator:x:37:", "utmp:x:43:", "plugdev:x:46:", "staff:x:50:",
  "lock:x:54:", "netdev:x:82:", "users:x:100:", "nogroup:x:65534:",
);

/** Buildroot's skeleton shadow: root with an empty password (before the CVE-2019-5021 fix). */
const BUSYBOX_SHADOW = lines(
  "root::10933:0:99999:7:::", "daemon:*:10933:0:99999:7:::", "bin:*:10933:0:99999:7:::", "sys:*:10933:0:99999:7:::",
  "sync:*:10933:0:99999:7:::", "mail:*:10933:0:99999:7:::", "www-data:*:10933:0:99999:7:::",
  "operator:*:10933:0:99999:7:::", "nobody:*:10933:0:99999:7:::",
);

/** The UTC zoneinfo file (TZif2 with no transitions), as /etc/localtime. */
export const TZIF_UTC = `TZif2${"\0".repeat(15)}\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x04\0\0\0\0\0\0UTC\0TZif2${"\0".repeat(15)}\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x04\0\0\0\0\0\0UTC\0\nUTC0\n`;

const BUILT = utc("2018-05-22T17:00:17Z");
export const BUSYBOX_1_28 = { program: "busybox", version: "1.28.4", variant: "uclibc", size: 1001112 } as const;

function buildRootfs() {
  const b = new ImageBuilder(BUILT, 1_000_000);
  b.dir("bin").dir("dev").dir("etc").dir("etc/network").dir("home", 0o755, { uid: 65534, gid: 65534 }).dir("root", 0o700)
    .dir("tmp", 0o1777).dir("usr").dir("usr/sbin", 0o755, { uid: 1, gid: 1 }).dir("var").dir("var/spool")
    .dir("var/spool/mail", 0o755, { uid: 8, gid: 8 }).dir("var/www");
  for (const d of ["if-up.d", "if-pre-up.d", "if-down.d", "if-post-down.d"]) b.dir(`etc/network/${d}`);
  b.binary("bin/busybox", BUSYBOX_1_28);
  for (const applet of BUSYBOX_1_28_APPLETS) b.hardlink(`bin/${applet}`, "bin/busybox");
  b.binary("bin/getconf", { program: "getconf", version: "2017.11.1", variant: "uclibc", size: 11432 });
  b.file("etc/passwd", BUSYBOX_PASSWD).file("etc/group", BUSYBOX_GROUP).file("etc/shadow", BUSYBOX_SHADOW, 0o600)
    .file("etc/localtime", TZIF_UTC);
  return b.build();
}

export const busybox128: Image = {
  ref: "docker.io/library/busybox:1.28",
  digest: "docker.io/library/busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47",
  config: { user: "", env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], workingDir: "", entrypoint: [], cmd: ["sh"] },
  size: 727869,
  memory: { busybox: memory(1308, 780, 892) },
  rootfs: lazyRootfs(buildRootfs),
};
