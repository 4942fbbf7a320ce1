// Who a container runs as, per runtime: kubernetes-behaviour.md §3.6 (containerd) and
// images.md §4.2–4.3 (Docker Engine 20.10.17 through cri-dockerd).

import { describe, expect, it } from "vitest";
import { agnhost } from "../../images/agnhost.js";
import { busybox128 } from "../../images/busybox.js";
import type { Image } from "../../images/image.js";
import { nodeHello } from "../../images/node-hello.js";
import { PROFILES } from "../profiles.js";
import { imageFile } from "./spec.js";
import { type UserRequest, resolveUser } from "./user.js";

const resolve = (image: Image, req: Partial<UserRequest>, profile: keyof typeof PROFILES) =>
  resolveUser({ runAsUser: undefined, runAsGroup: undefined, supplementalGroups: [], policy: "Merge", imageUser: image.config.user, ...req }, imageFile(image, "/etc/passwd"), imageFile(image, "/etc/group"), PROFILES[profile]);

const sorted = (g: number[]) => [...g].sort((a, b) => a - b);

describe("resolveUser", () => {
  it.each([
    // [name, image, request, containerd groups, docker groups, gid]
    ["tutorial pod 1 (today's manifest)", busybox128, { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000, 4000] }, [2000, 3000, 4000], [2000, 4000], 3000],
    ["tutorial pod 1 (as written for Docker)", busybox128, { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000] }, [2000, 3000], [2000], 3000],
    ["runAsUser only, uid not in passwd: gid 0", busybox128, { runAsUser: 1001 }, [0], [], 0],
    ["root in busybox: wheel through /etc/group", busybox128, {}, [0, 10], [10], 0],
    ["agnhost uid 1000 with runAsGroup: containerd still merges 50000", agnhost, { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000] }, [3000, 4000, 50000], [4000], 3000],
    ["agnhost uid 1000 without runAsGroup: passwd gid 1000", agnhost, { runAsUser: 1000, supplementalGroups: [60000] }, [1000, 50000, 60000], [50000, 60000], 1000],
    ["node-hello root: Debian root is in no group", nodeHello, {}, [0], [], 0],
  ] as const)("%s", (_name, image, req, containerd, docker, gid) => {
    const c = resolve(image, req, "1.34-containerd");
    const d = resolve(image, req, "1.29-docker");
    expect([c.gid, sorted(c.groups)]).toEqual([gid, containerd]);
    expect([d.gid, sorted(d.groups)]).toEqual([gid, docker]);
  });

  it("Strict keeps only the pod's groups and the primary gid (security-context-6)", () => {
    const u = resolve(agnhost, { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000], policy: "Strict" }, "1.34-containerd");
    expect(sorted(u.groups)).toEqual([3000, 4000]);
  });

  it("takes the home directory from the image's passwd, / when the uid has none", () => {
    expect(resolve(agnhost, { runAsUser: 1000 }, "1.34-containerd").home).toBe("/home/user-defined-in-image");
    expect(resolve(busybox128, { runAsUser: 1000 }, "1.34-containerd").home).toBe("/");
    expect(resolve(busybox128, {}, "1.34-containerd").home).toBe("/root");
  });

  it("refuses an image user name the image does not know", () => {
    expect(() => resolve({ ...busybox128, config: { ...busybox128.config, user: "nonexistent" } }, {}, "1.34-containerd")).toThrow("unable to find user nonexistent: no matching entries in passwd file");
  });
});
