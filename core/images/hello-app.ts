// gcr.io/google-samples/hello-app:2.0 as the tutorial was written against it: the Alpine build
// of 2017 (images.md §2.2), BusyBox 1.26.2 on musl, `CMD ["./hello-app"]`, running as root in /.

import { ImageBuilder } from "./builder.js";
import { alpineBase } from "./alpine-base.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

function buildRootfs() {
  const b = new ImageBuilder(utc("2017-11-21T22:05:12Z"), 3_000_000);
  alpineBase(b, { release: "3.6.2", busybox: { version: "1.26.2", size: 825888 } });
  b.binary("hello-app", { program: "hello-app", version: "2.0.0", variant: "static", size: 6277536 });
  return b.build();
}

export const helloApp: Image = {
  ref: "gcr.io/google-samples/hello-app:2.0",
  digest: "gcr.io/google-samples/hello-app@sha256:2b0febe1b9bd01739999853380b1a939e8102fd0dc5e2ff1fc6892c4557d52b9",
  config: {
    user: "",
    env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PORT=8080"],
    workingDir: "", entrypoint: [], cmd: ["./hello-app"],
  },
  size: 4029011,
  memory: { busybox: memory(1540, 1096, 780), "hello-app": memory(711800, 6212, 2428, { vmData: 41488 }) },
  rootfs: lazyRootfs(buildRootfs),
};
