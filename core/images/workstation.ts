// The learner's own machine: Debian with bash, GNU coreutils, procps and kubectl, and a user
// `learner` (uid 1000) whose home is /home/learner.

import { ImageBuilder, lines } from "./builder.js";
import { DEBIAN_GROUP_BASE, DEBIAN_PASSWD_BASE, debianBase } from "./debian-base.js";
import { type Image, lazyRootfs, memory, utc } from "./image.js";

export const workstation: Image = {
  ref: "podlab/workstation:1",
  digest: "podlab/workstation@sha256:0000000000000000000000000000000000000000000000000000000000000000",
  config: { user: "learner", env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], workingDir: "/home/learner", entrypoint: [], cmd: ["bash", "-l"] },
  size: 0,
  memory: { bash: memory(8772, 5376, 1008), kubectl: memory(1318972, 59012, 25412), coreutils: memory(5572, 1876, 28), procps: memory(11272, 4608, 64) },
  rootfs: lazyRootfs(() => {
    const b = new ImageBuilder(utc("2026-11-01T09:00:00Z"), 7_000_000);
    debianBase(b, {
      usrmerge: true,
      versions: { coreutils: "9.7", dash: "0.5.12", bash: "5.2.37", procps: "4.0.4", iproute2: "6.15.0", findutils: "4.10.0", grep: "3.11", sed: "4.9" },
      passwd: lines("root:x:0:0:root:/root:/bin/bash", ...DEBIAN_PASSWD_BASE, "learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash"),
      group: lines(...DEBIAN_GROUP_BASE, "learner:x:1000:"),
      debianVersion: "13.2",
      osRelease: lines('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"', 'NAME="Debian GNU/Linux"', 'VERSION_ID="13"', "ID=debian"),
    });
    b.binary("usr/local/bin/kubectl", { program: "kubectl", version: "1.34", variant: "static", size: 60_825_784 })
      // What `kubectl completion bash > …` installs: bash asks `kubectl __complete` on each Tab.
      .dir("usr/share/bash-completion", 0o755).dir("usr/share/bash-completion/completions", 0o755)
      .file("usr/share/bash-completion/completions/kubectl", lines(
        "# bash completion V2 for kubectl",
        "__start_kubectl() {",
        '    local out; out=$(kubectl __complete "${COMP_WORDS[@]:1:$COMP_CWORD}" 2>/dev/null)',
        '    COMPREPLY=($(compgen -W "${out%:*}" -- "${COMP_WORDS[COMP_CWORD]}"))',
        "}",
        "complete -o default -F __start_kubectl kubectl",
      ), 0o644)
      .dir("home/learner", 0o750, { uid: 1000, gid: 1000 })
      .file("home/learner/.bashrc", lines("# ~/.bashrc: executed by bash(1) for non-login shells.", "PS1='\\u@\\h:\\w\\$ '", "alias k=kubectl"), 0o644, { uid: 1000, gid: 1000 })
      .file("home/learner/.profile", lines("# ~/.profile: executed by the command interpreter for login shells."), 0o644, { uid: 1000, gid: 1000 })
      .dir("home/learner/.kube", 0o755, { uid: 1000, gid: 1000 })
      .file("home/learner/.kube/config", lines("apiVersion: v1", "kind: Config", "current-context: kubernetes-admin@kubernetes"), 0o600, { uid: 1000, gid: 1000 });
    return b.build();
  }),
};
