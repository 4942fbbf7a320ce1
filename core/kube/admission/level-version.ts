// Pod Security levels and policy versions (k8s.io/pod-security-admission api/helpers.go,
// api/constants.go): a level is privileged < baseline < restricted; a version is `latest` or
// `v1.NN`. Parsing never fails outright: a bad value yields a usable fallback plus an error text,
// because the admission plugin keeps going with the fallback (see namespace-policy.ts).

export type Level = "privileged" | "baseline" | "restricted";

export const LEVELS: readonly Level[] = ["privileged", "baseline", "restricted"];

/** A policy version; `latest` is newer than every numbered version, even future ones. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly latest: boolean;
}

export interface LevelVersion {
  readonly level: Level;
  readonly version: Version;
}

export const LATEST: Version = Object.freeze({ major: 0, minor: 0, latest: true });

export function majorMinor(major: number, minor: number): Version {
  return Object.freeze({ major, minor, latest: false });
}

/** Version.String(): `latest` or `v1.29`. */
export function versionString(v: Version): string {
  return v.latest ? "latest" : `v${v.major}.${v.minor}`;
}

/** LevelVersion.String(): `restricted:latest`, `baseline:v1.29`. */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${versionString(lv.version)}`;
}

/** Version.Older: is `v` older than `other`? `latest` is never older. */
export function older(v: Version, other: Version): boolean {
  if (v.latest) return false;
  if (other.latest) return true;
  if (v.major !== other.major) return v.major < other.major;
  return v.minor < other.minor;
}

export function sameVersion(a: Version, b: Version): boolean {
  return a.latest === b.latest && a.major === b.major && a.minor === b.minor;
}

/** nextMinor in policy/registry.go; `latest` stays `latest`. */
export function nextMinor(v: Version): Version {
  return v.latest ? v : majorMinor(v.major, v.minor + 1);
}

export type Parsed<T> = { value: T; error: string | undefined };

/** ParseLevel: an unknown level falls back to restricted (the safe side for enforce). */
export function parseLevel(level: string): Parsed<Level> {
  if ((LEVELS as readonly string[]).includes(level)) return { value: level as Level, error: undefined };
  return { value: "restricted", error: `must be one of ${LEVELS.join(", ")}` };
}

const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;
/** strconv.Atoi on a 64-bit platform refuses values beyond int64. */
const INT64_MAX = 9223372036854775807n;

/** ParseVersion: `latest` or `v1.x` (no leading zeros); anything else falls back to latest. */
export function parseVersion(version: string): Parsed<Version> {
  if (version === "latest") return { value: LATEST, error: undefined };
  const digits = VERSION_PATTERN.exec(version)?.[1];
  if (digits === undefined || BigInt(digits) > INT64_MAX) {
    return { value: LATEST, error: `must be "latest" or "v1.x"` };
  }
  return { value: majorMinor(1, Number(digits)), error: undefined };
}

/** CompareLevels: +1 when `a` is stricter than `b`, -1 when laxer, 0 when equal. */
export function compareLevels(a: Level, b: Level): number {
  return Math.sign(LEVELS.indexOf(a) - LEVELS.indexOf(b));
}

/**
 * api.GetAPIVersion: the apiserver's major and minor ("29+" counts as 29). Undefined when they do
 * not parse, in which case no emulation cap applies.
 */
export function serverPolicyVersion(server: { major: string; minor: string }): Version | undefined {
  const major = /^[0-9]+$/.test(server.major) ? Number(server.major) : NaN;
  const minor = /^[0-9]+/.exec(server.minor)?.[0];
  if (!Number.isSafeInteger(major) || minor === undefined) return undefined;
  return majorMinor(major, Number(minor));
}
