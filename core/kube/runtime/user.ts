// Who the container's processes are: uid, primary gid and supplementary groups, resolved from the
// security context and the image's /etc/passwd and /etc/group under the runtime's rules
// (kubernetes-behaviour.md §3.6 for containerd, images.md §4.2 for Docker Engine 20.10.17).

import type { ClusterProfile } from "../profiles.js";

export interface PasswdEntry { name: string; uid: number; gid: number; home: string }
export interface GroupEntry { name: string; gid: number; members: string[] }

export function parsePasswd(text: string): PasswdEntry[] {
  return text.split("\n").filter((l) => l.split(":").length >= 7).map((l) => {
    const f = l.split(":");
    return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
  });
}

export function parseGroup(text: string): GroupEntry[] {
  return text.split("\n").filter((l) => l.split(":").length >= 4).map((l) => {
    const f = l.split(":");
    return { name: f[0]!, gid: Number(f[2]), members: f[3]!.split(",").filter(Boolean) };
  });
}

export interface UserRequest {
  /** Effective runAsUser, or undefined to use the image's USER. */
  runAsUser: number | undefined;
  runAsGroup: number | undefined;
  /** The kubelet's SupplementalGroups: fsGroup first, then supplementalGroups. */
  supplementalGroups: readonly number[];
  policy: "Merge" | "Strict";
  /** The image's USER ("" is root). */
  imageUser: string;
}

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** As the runtime passes them to setgroups; the kernel sorts them. */
  groups: number[];
  home: string;
}

export class UserError extends Error {}

function lookupUser(passwd: PasswdEntry[], user: string): PasswdEntry | undefined {
  return /^\d+$/.test(user) ? passwd.find((p) => p.uid === Number(user)) : passwd.find((p) => p.name === user);
}

/** Image memberships: groups that list the user's name, except the group named like the user. */
function memberships(groups: GroupEntry[], name: string): number[] {
  return groups.filter((g) => g.members.includes(name) && g.name !== name).map((g) => g.gid);
}

const unique = (xs: number[]) => [...new Set(xs)];

export function resolveUser(req: UserRequest, passwdText: string, groupText: string, profile: ClusterProfile): ResolvedUser {
  const passwd = parsePasswd(passwdText);
  const groups = parseGroup(groupText);
  // The user string: runAsUser[:runAsGroup], else the image USER, default "0".
  const [imageUserPart, imageGroupPart] = req.imageUser === "" ? ["0", undefined] : req.imageUser.split(":") as [string, string | undefined];
  const userPart = req.runAsUser !== undefined ? String(req.runAsUser) : imageUserPart;
  const groupPart = req.runAsGroup !== undefined ? String(req.runAsGroup) : req.runAsUser === undefined ? imageGroupPart : undefined;
  const entry = lookupUser(passwd, userPart);
  if (entry === undefined && !/^\d+$/.test(userPart)) throw new UserError(`unable to find user ${userPart}: no matching entries in passwd file`);
  const uid = entry?.uid ?? Number(userPart);
  let gid = entry?.gid ?? 0;
  if (groupPart !== undefined) {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = groups.find((x) => x.name === groupPart);
      if (g === undefined) throw new UserError(`unable to find group ${groupPart}: no matching entries in group file`);
      gid = g.gid;
    }
  }
  const home = entry?.home ?? "/";
  if (profile.runtime === "containerd") {
    // containerd WithAdditionalGIDs(strconv(runAsUser) or "0"), then WithSupplementalGroups, mergeGids.
    let extra: number[] = [];
    if (req.policy === "Merge") {
      const lookup = lookupUser(passwd, req.runAsUser !== undefined ? String(req.runAsUser) : "0");
      if (lookup !== undefined) extra = memberships(groups, lookup.name);
    }
    const all = unique([gid, ...extra, ...req.supplementalGroups]).sort((a, b) => a - b);
    return { uid, gid, groups: profile.addsPrimaryGid ? all : all.filter((g) => g !== gid), home };
  }
  // Docker: runc GetExecUser — image memberships only in the implicit form ("uid", no group), by
  // the matched passwd name; GroupAdd (the kubelet's supplemental groups) always; no primary gid
  // before Docker 20.10.18.
  const implicit = groupPart === undefined && entry !== undefined;
  const sgids = implicit || profile.mergesImageGroupsWithRunAsGroup ? memberships(groups, entry?.name ?? "") : [];
  const list = unique([...(profile.addsPrimaryGid ? [gid] : []), ...sgids, ...req.supplementalGroups]);
  return { uid, gid, groups: list, home };
}
