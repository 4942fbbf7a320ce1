// registry.k8s.io/e2e-test-images/agnhost:2.45: Alpine 3.12 with BusyBox 1.31.1, bash, iproute2,
// curl, netcat-openbsd and bind-tools, plus user-defined-in-image (1000) in
// group-defined-in-image (50000) (images.md §3).

import { ImageBuilder, lines } from "./builder.js";
import { ALPINE_GROUP, ALPINE_PASSWD, alpineBase } from "./alpine-base.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

function buildRootfs() {
  const b = new ImageBuilder(utc("2023-05-04T12:41:09Z"), 4_000_000);
  alpineBase(b, {
    release: "3.12.12", busybox: { version: "1.31.1", size: 841288 },
    passwd: ALPINE_PASSWD + lines("user-defined-in-image:x:1000:1000:Linux User,,,:/home/user-defined-in-image:/bin/ash"),
    group: ALPINE_GROUP + lines("user-defined-in-image:x:1000:", "group-defined-in-image:x:50000:user-defined-in-image"),
  });
  b.dir("home/user-defined-in-image", 0o755, { uid: 1000, gid: 1000 })
    .binary("bin/bash", { program: "bash", version: "5.0.17", variant: "musl", size: 732168 })
    .binary("sbin/ip", { program: "iproute2", version: "5.6.0", variant: "musl", tool: "ip", size: 543416 })
    .binary("usr/bin/curl", { program: "curl", version: "7.79.1", variant: "musl", tool: "curl", size: 247968 })
    .binary("usr/bin/nc", { program: "netcat-openbsd", version: "1.130", variant: "musl", tool: "nc", size: 30784 })
    .binary("usr/bin/dig", { program: "bind-tools", version: "9.16.27", variant: "musl", tool: "dig", size: 92160 })
    .binary("agnhost", { program: "agnhost", version: "2.45", variant: "static", size: 56373248 }).symlink("agnhost-2", "agnhost")
    .binary("coredns", { program: "coredns", version: "1.6.2", variant: "static", size: 46614528 })
    .file("localhost.crt", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    .file("localhost.key", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n", 0o600)
    .dir("uploads");
  return b.build();
}

export const agnhost: Image = {
  ref: "registry.k8s.io/e2e-test-images/agnhost:2.45",
  digest: "registry.k8s.io/e2e-test-images/agnhost@sha256:7e8bdd271312fd25fc5ff5a8f04727be84044eb3d7d8d03611972a6752e2e11e",
  config: {
    user: "", env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    workingDir: "/", entrypoint: ["/agnhost"], cmd: ["pause"],
  },
  size: 51362384,
  memory: { busybox: memory(1612, 1124, 808), agnhost: memory(743460, 24116, 20860) },
  rootfs: lazyRootfs(buildRootfs),
};
