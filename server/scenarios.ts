// Scenarios on disk (scenarios/<id>/scenario.yaml): the profile they run on and the manifests
// `kubectl apply -f URL` fetches from them.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { PROFILES, type ProfileId } from "../core/kube/profiles.js";

export const DEFAULT_SCENARIO = "security-context";

export interface ScenarioFiles {
  id: string;
  title: string;
  profile: ProfileId;
  dir: string;
  manifests: Map<string, string>;
}

/** The scenarios directory: next to the package (works from source and from dist/). */
export function scenariosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "scenarios"))) return join(dir, "scenarios");
    dir = dirname(dir);
  }
  throw new Error("scenarios directory not found");
}

export function listScenarios(): string[] {
  const root = scenariosDir();
  return readdirSync(root).filter((d) => existsSync(join(root, d, "scenario.yaml"))).sort();
}

export class ScenarioError extends Error {}

export function loadScenario(id: string, root = scenariosDir()): ScenarioFiles {
  const dir = join(root, id);
  const file = join(dir, "scenario.yaml");
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(id) || !existsSync(file)) throw new ScenarioError(`scenario "${id}" not found (known: ${listScenarios().join(", ")})`);
  const doc = parse(readFileSync(file, "utf8"), { version: "1.1" }) as { id?: string; title?: string; profile?: string; manifests?: Record<string, string> };
  const profile = (doc.profile ?? "1.29-docker") as ProfileId;
  if (!(profile in PROFILES)) throw new ScenarioError(`${file}: profile: Unsupported value: "${profile}": supported values: ${Object.keys(PROFILES).map((p) => `"${p}"`).join(", ")}`);
  const manifests = new Map<string, string>();
  for (const [url, rel] of Object.entries(doc.manifests ?? {})) manifests.set(url, readFileSync(join(dir, rel), "utf8"));
  return { id, title: doc.title ?? id, profile, dir, manifests };
}
