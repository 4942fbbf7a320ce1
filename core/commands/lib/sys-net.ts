// Name resolution as the C library does it for the tools (gethostbyname/getaddrinfo): a numeric
// address, then /etc/hosts (the kubelet-managed file in a pod), then DNS, which in an emulated
// cluster only knows cluster names (NetNamespace.reach.resolve). Nothing outside the cluster
// resolves, so `wget example.com` fails the way it does in an offline cluster.

import type { Errno } from "../../kernel/errno.js";
import type { ProgramContext } from "../../kernel/program.js";

/** inet_aton()-strict dotted quad: four decimal bytes. */
export function parseIPv4(s: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.join(".") : undefined;
}

export interface HostEntry {
  /** h_name: the first name on the matching /etc/hosts line, or the name asked for. */
  canonical: string;
  addresses: string[];
  aliases: string[];
}

/** /etc/hosts lines as [address, names…], comments removed. */
export async function readHosts(ctx: ProgramContext): Promise<string[][]> {
  let text = "";
  try {
    text = await ctx.sys.readFile("/etc/hosts");
  } catch {
    return [];
  }
  return text.split("\n").map((l) => l.replace(/#.*/, "").trim().split(/\s+/)).filter((f) => f.length >= 2 && f[0] !== "");
}

/** gethostbyname(): IPv4 only (files, then DNS). */
export async function gethostbyname(ctx: ProgramContext, name: string): Promise<HostEntry | undefined> {
  const literal = parseIPv4(name);
  if (literal !== undefined) return { canonical: literal, addresses: [literal], aliases: [] };
  for (const f of await readHosts(ctx)) {
    if (parseIPv4(f[0]!) === undefined) continue;
    const names = f.slice(1);
    if (names.some((n) => n.toLowerCase() === name.toLowerCase())) return { canonical: names[0]!, addresses: [f[0]!], aliases: names.slice(1) };
  }
  const ip = ctx.sys.net().reach.resolve(name);
  return ip === undefined ? undefined : { canonical: name, addresses: [ip], aliases: [] };
}

/** The IPv4 address `name` resolves to, or undefined. */
export async function resolveIPv4(ctx: ProgramContext, name: string): Promise<string | undefined> {
  return (await gethostbyname(ctx, name))?.addresses[0];
}

/** Who answers ICMP echo at `ip`: an address of our own namespace, or a host the cluster knows. */
export function answersPing(ctx: ProgramContext, ip: string): boolean {
  const ns = ctx.sys.net();
  if (ns.isLocal(ip)) return true;
  if (ns.routeTo(ip) === undefined) return false;
  return ns.reach.hostAt(ip) !== undefined;
}

/** EADDRNOTAVAIL (99), which core/kernel/errno.ts does not define (glibc, uClibc and musl agree). */
export const EADDRNOTAVAIL: Errno = Object.freeze({ name: "EADDRNOTAVAIL", number: 99, message: "Cannot assign requested address", musl: "Address not available" });

/** inet_ntop(AF_INET6): lower-case hex groups without leading zeros, the longest run of zeros as "::". */
export function formatIPv6(address: string): string {
  const [head = "", tail] = address.split("::") as [string, string | undefined];
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const nums = groups.map((g) => Number.parseInt(g || "0", 16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (nums[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && nums[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = nums.map((n) => n.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
