// gcr.io/google-samples/node-hello:1.0: node:4.4.2 on Debian jessie, `CMD node server.js`
// (images.md §1): dash is /bin/sh, so PID 1 stays `/bin/sh -c node server.js` with node as its
// child; procps, GNU coreutils 8.23, iproute2 and inetutils ping; no user with uid 1000 or 2000.

import { ImageBuilder, lines } from "./builder.js";
import { DEBIAN_GROUP_BASE, DEBIAN_PASSWD_BASE, debianBase } from "./debian-base.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

const SERVER_JS = `'use strict';

// [START all]
var http = require('http');
var handleRequest = function(request, response) {
  response.writeHead(200);
  response.end('Hello Kubernetes!');
};
var www = http.createServer(handleRequest);
www.listen(process.env.PORT || 8080);
// [END all]
`;

const PASSWD = lines(
  "root:x:0:0:root:/root:/bin/bash", ...DEBIAN_PASSWD_BASE,
  "systemd-timesync:x:100:103:systemd Time Synchronization,,,:/run/systemd:/bin/false",
  "systemd-network:x:101:104:systemd Network Management,,,:/run/systemd/netif:/bin/false",
  "systemd-resolve:x:102:105:systemd Resolver,,,:/run/systemd/resolve:/bin/false",
  "systemd-bus-proxy:x:103:106:systemd Bus Proxy,,,:/run/systemd:/bin/false",
);

const GROUP = lines(
  ...DEBIAN_GROUP_BASE, "input:x:101:", "systemd-journal:x:102:", "systemd-timesync:x:103:", "systemd-network:x:104:",
  "systemd-resolve:x:105:", "systemd-bus-proxy:x:106:", "ssh:x:107:",
);

function buildRootfs() {
  const b = new ImageBuilder(utc("2016-04-07T18:02:44Z"), 2_000_000);
  debianBase(b, {
    usrmerge: false,
    versions: { coreutils: "8.23", dash: "0.5.7", bash: "4.3", procps: "3.3.9", iproute2: "3.16.0", ping: "1.9.2", findutils: "4.4.2", grep: "2.20", sed: "4.2.2" },
    passwd: PASSWD, group: GROUP, debianVersion: "8.4",
    osRelease: lines('PRETTY_NAME="Debian GNU/Linux 8 (jessie)"', 'NAME="Debian GNU/Linux"', 'VERSION_ID="8"', 'VERSION="8 (jessie)"', "ID=debian", 'HOME_URL="http://www.debian.org/"', 'SUPPORT_URL="http://www.debian.org/support/"', 'BUG_REPORT_URL="https://bugs.debian.org/"'),
  });
  b.binary("usr/local/bin/node", { program: "node", version: "4.4.2", variant: "glibc", size: 24932952 })
    .dir("usr/local/lib/node_modules").dir("usr/local/lib/node_modules/npm").dir("usr/local/lib/node_modules/npm/bin")
    .file("usr/local/lib/node_modules/npm/bin/npm-cli.js", "#!/usr/bin/env node\n", 0o755)
    .symlink("usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js")
    .file("server.js", SERVER_JS);
  return b.build();
}

export const nodeHello: Image = {
  ref: "gcr.io/google-samples/node-hello:1.0",
  digest: "gcr.io/google-samples/node-hello@sha256:d238d0ab54efb76ec0f7b1da666cefa9b40be59ef34346a761b8adc2dd45459b",
  config: {
    user: "",
    env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NPM_CONFIG_LOGLEVEL=info", "NODE_VERSION=4.4.2"],
    workingDir: "", entrypoint: [], cmd: ["/bin/sh", "-c", "node server.js"],
  },
  size: 252354442,
  schema1: true,
  memory: { dash: memory(4336, 764, 116), node: memory(772124, 22604, 18704, { vmData: 62340 }) },
  rootfs: lazyRootfs(buildRootfs),
};
