// Base images a learner may write pods with: alpine and debian (their current releases).

import { ImageBuilder, lines } from "./builder.js";
import { ALPINE_PASSWD_NEW, alpineBase } from "./alpine-base.js";
import { DEBIAN_GROUP_BASE, DEBIAN_PASSWD_BASE, debianBase } from "./debian-base.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export const alpine: Image = {
  ref: "docker.io/library/alpine:3.22",
  digest: "docker.io/library/alpine@sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412",
  config: { user: "", env: [PATH], workingDir: "/", entrypoint: [], cmd: ["/bin/sh"] },
  size: 3802452,
  memory: { busybox: memory(1700, 1152, 832) },
  rootfs: lazyRootfs(() => {
    const b = new ImageBuilder(utc("2025-10-08T11:04:59Z"), 5_000_000);
    alpineBase(b, { release: "3.22.2", busybox: { version: "1.37.0", size: 808712 }, passwd: ALPINE_PASSWD_NEW });
    return b.build();
  }),
};

export const debian: Image = {
  ref: "docker.io/library/debian:13",
  digest: "docker.io/library/debian@sha256:72547dd722cd005a8c2aa2079af9ca0ee93aad8e589689135feaed60b0a8c08d",
  config: { user: "", env: [PATH], workingDir: "", entrypoint: [], cmd: ["bash"] },
  size: 49283212,
  memory: { dash: memory(2580, 1536, 100), bash: memory(4604, 3712, 1008), coreutils: memory(5572, 1876, 28) },
  rootfs: lazyRootfs(() => {
    const b = new ImageBuilder(utc("2025-11-17T00:00:00Z"), 6_000_000);
    debianBase(b, {
      usrmerge: true,
      versions: { coreutils: "9.7", dash: "0.5.12", bash: "5.2.37", findutils: "4.10.0", grep: "3.11", sed: "4.9" },
      passwd: lines("root:x:0:0:root:/root:/bin/bash", ...DEBIAN_PASSWD_BASE),
      group: lines(...DEBIAN_GROUP_BASE), debianVersion: "13.2",
      osRelease: lines('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"', 'NAME="Debian GNU/Linux"', 'VERSION_ID="13"', 'VERSION="13 (trixie)"', "VERSION_CODENAME=trixie", "DEBIAN_VERSION_FULL=13.2", "ID=debian", 'HOME_URL="https://www.debian.org/"', 'SUPPORT_URL="https://www.debian.org/support"', 'BUG_REPORT_URL="https://bugs.debian.org/"'),
    });
    return b.build();
  }),
};
