// Small helpers shared by the checks (policy/helpers.go, policy/visitor.go) and the Go formatting
// the messages depend on: sets print sorted in byte order, %q quotes like strconv.Quote.

import type { Container, PodSpec } from "../api/types.js";

/** joinQuote: `"a", "b"`; the items are not escaped. Empty list -> "". */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? "" : `"${items.join(`", "`)}"`;
}

/** pluralize: the singular form only when count is exactly 1. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`: the usual way a check names its containers. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize("container", "containers", names.length)} ${joinQuote(names)}`;
}

/** Go compares strings byte-wise in UTF-8, i.e. by code point (JS sorts by UTF-16 unit). */
export function compareGoStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done === true || cb.done === true) return ca.done === true ? (cb.done === true ? 0 : -1) : 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** sets.String.List(): distinct values, sorted. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGoStrings);
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"',
};
/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** fmt's %q for a string (strconv.Quote). Lone surrogates become U+FFFD as JSON decoding makes them. */
export function goQuote(s: string): string {
  let out = '"';
  for (const raw of s) {
    const lone = raw.length === 1 && raw >= "\ud800" && raw <= "\udfff";
    const ch = lone ? "\ufffd" : raw;
    const cp = ch.codePointAt(0)!;
    const escape = GO_ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (GO_PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** A container's name as Go reads it: absent is "". */
export const nameOf = (c: { name?: string }): string => c.name ?? "";

/**
 * visitContainers: every container in the order initContainers, containers, ephemeralContainers.
 * Ephemeral containers share the Container fields (EphemeralContainerCommon).
 */
export function visitContainers(podSpec: PodSpec, visitor: (container: Container) => void): void {
  for (const c of podSpec.initContainers ?? []) visitor(c);
  for (const c of podSpec.containers ?? []) visitor(c);
  for (const e of podSpec.ephemeralContainers ?? []) {
    if (typeof e === "object" && e !== null && !Array.isArray(e)) visitor(e as Container);
  }
}

/** relaxPolicyForUserNamespacePod: `hostUsers: false` puts the pod in a user namespace. */
export function relaxPolicyForUserNamespacePod(podSpec: PodSpec): boolean {
  return podSpec.hostUsers === false;
}

/** Since 1.25 some restricted checks skip pods whose spec.os.name is windows. */
export function isWindowsPod(podSpec: PodSpec): boolean {
  return podSpec.os?.name === "windows";
}
