// The learner-facing text of a scenario (intro, steps, finish) for the web page, read from the
// optional `intro`, `steps` and `finish` fields of scenario.yaml (DESIGN.md §5). Scenario files are
// hostile input: paths must stay inside the scenario's folder, files are size-capped, and missing or
// malformed optional fields are skipped (the scenario engine validates them with field paths).

import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { parse } from "yaml";
import type { ScenarioContent, ScenarioStepContent } from "../core/protocol/api.js";
import { type ScenarioFiles, loadScenario } from "./scenarios.js";

const MAX_FILE = 256 * 1024;

/** Reads a text file named by a scenario field, only if it lies inside the scenario folder. */
function readInside(dir: string, rel: unknown): string | null {
  if (typeof rel !== "string" || rel === "" || isAbsolute(rel) || rel.includes("\0")) return null;
  const path = join(dir, rel);
  if (!existsSync(path)) return null;
  const real = realpathSync(path);
  const within = relative(realpathSync(dir), real);
  if (within.startsWith(`..${sep}`) || within === ".." || isAbsolute(within)) return null;
  const st = statSync(real);
  if (!st.isFile() || st.size > MAX_FILE) return null;
  return readFileSync(real, "utf8");
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const get = (obj: unknown, key: string): unknown =>
  typeof obj === "object" && obj !== null && Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;

export function scenarioContent(files: ScenarioFiles): ScenarioContent {
  const doc: unknown = parse(readFileSync(join(files.dir, "scenario.yaml"), "utf8"), { version: "1.1" });
  const steps: ScenarioStepContent[] = [];
  const rawSteps = get(doc, "steps");
  if (Array.isArray(rawSteps)) {
    rawSteps.forEach((s, i) => {
      const id = str(get(s, "id")) ?? `step-${i + 1}`;
      const hints = get(s, "hints");
      steps.push({
        id,
        title: str(get(s, "title")) ?? id,
        text: readInside(files.dir, get(s, "text")) ?? "",
        hints: Array.isArray(hints) ? hints.filter((h): h is string => typeof h === "string") : [],
        solution: readInside(files.dir, get(s, "solution")),
        optional: get(s, "optional") === true,
      });
    });
  }
  return {
    id: files.id,
    title: files.title,
    profile: files.profile,
    intro: readInside(files.dir, get(doc, "intro")),
    steps,
    finish: readInside(files.dir, get(doc, "finish")),
  };
}

export function loadScenarioContent(id: string): ScenarioContent {
  return scenarioContent(loadScenario(id));
}
