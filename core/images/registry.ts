// The image registry the node pulls from. References are normalised as Docker does
// (docker/distribution reference.ParseNormalizedNamed): no domain means docker.io, no path means
// library/, no tag means latest. An image not here does not exist (ErrImagePull).

import { agnhost } from "./agnhost.js";
import { alpine, debian } from "./base-images.js";
import { busybox128 } from "./busybox.js";
import { helloApp } from "./hello-app.js";
import type { Image } from "./image.js";
import { nodeHello } from "./node-hello.js";

export interface ImageReference {
  /** e.g. "docker.io/library/busybox" */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const REFERENCE = /^((?:[a-z0-9]+(?:[._-]+[a-z0-9]+)*\/)*[a-z0-9]+(?:[._-]+[a-z0-9]+)*|[a-zA-Z0-9.-]+(?::\d+)?(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)+)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Parses an image reference; undefined when it is not a valid reference (InvalidImageName). */
export function parseReference(ref: string): ImageReference | undefined {
  const m = REFERENCE.exec(ref);
  if (m === null) return undefined;
  let repository = m[1]!;
  const first = repository.split("/")[0]!;
  const hasDomain = repository.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (!hasDomain) repository = `docker.io/${repository.includes("/") ? "" : "library/"}${repository}`;
  return { repository, tag: m[2] ?? (m[3] === undefined ? "latest" : undefined), digest: m[3] };
}

const IMAGES: readonly { repository: string; tags: readonly string[] | "any"; image: Image }[] = [
  { repository: "docker.io/library/busybox", tags: "any", image: busybox128 },
  { repository: "gcr.io/google-samples/node-hello", tags: ["1.0"], image: nodeHello },
  { repository: "gcr.io/google-samples/hello-app", tags: ["2.0"], image: helloApp },
  { repository: "registry.k8s.io/e2e-test-images/agnhost", tags: ["2.45"], image: agnhost },
  { repository: "docker.io/library/alpine", tags: ["latest", "3", "3.22", "3.22.2"], image: alpine },
  { repository: "docker.io/library/debian", tags: ["latest", "13", "trixie", "stable", "13.2", "stable-slim", "trixie-slim"], image: debian },
];

/** Looks an image up by the reference a pod spec gives; undefined when the registry has none. */
export function findImage(ref: string): Image | undefined {
  const parsed = parseReference(ref);
  if (parsed === undefined) return undefined;
  const entry = IMAGES.find((e) => e.repository === parsed.repository);
  if (entry === undefined) return undefined;
  if (parsed.tag === undefined || entry.tags === "any" || entry.tags.includes(parsed.tag)) return entry.image;
  return undefined;
}

/** Whether the registry has the repository at all (a missing tag of it is another error). */
export function repositoryExists(ref: string): boolean {
  const parsed = parseReference(ref);
  return parsed !== undefined && IMAGES.some((e) => e.repository === parsed.repository);
}

/** Canonical form for display: docker.io/library/busybox:1.28 */
export function normalizeReference(ref: string): string | undefined {
  const p = parseReference(ref);
  if (p === undefined) return undefined;
  return `${p.repository}${p.tag === undefined ? "" : `:${p.tag}`}${p.digest === undefined ? "" : `@${p.digest}`}`;
}
