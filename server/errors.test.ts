// Every coded error is raised somewhere and documented in the README (DESIGN.md principle 4).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FRAME_ERRORS } from "../core/protocol/messages.js";
import { ApiError, ERROR_CATALOGUE, toApiError } from "./errors.js";

const root = fileURLToPath(new URL("../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
}

describe("error catalogue", () => {
  // The catalogue itself does not count as a use.
  const server = sources("server").map((t) => t.replace(/export const ERROR_CATALOGUE = \{[\s\S]*?\} as const;/, ""));
  const protocol = sources("core/protocol").map((t) => t.replace(/export const FRAME_ERRORS = \{[\s\S]*?\} as const;/, ""));
  const readme = readFileSync(join(root, "README.md"), "utf8");

  it("every HTTP error code is raised by the server and documented in the README", () => {
    for (const code of Object.keys(ERROR_CATALOGUE)) {
      expect(server.some((t) => t.includes(`"${code}"`)), `${code} is used`).toBe(true);
      expect(readme, `${code} is documented`).toMatch(new RegExp(`\`${code}\`.*\\b${ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status}\\b|\\b${ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status}\\b.*\`${code}\``));
    }
  });

  it("every frame error code is produced and documented in the README", () => {
    for (const code of Object.keys(FRAME_ERRORS)) {
      expect([...server, ...protocol].some((t) => t.includes(`"${code}"`)), `${code} is used`).toBe(true);
      expect(readme, `${code} is documented`).toContain(`\`${code}\``);
    }
  });

  it("renders {error: {code, message}} with the catalogue's status", () => {
    const e = new ApiError("too_many_sessions", undefined, { "Retry-After": "60" });
    expect([e.status, e.body, e.headers]).toEqual([429, { error: { code: "too_many_sessions", message: ERROR_CATALOGUE.too_many_sessions.message } }, { "Retry-After": "60" }]);
    expect(toApiError({ type: "entity.too.large" }).code).toBe("payload_too_large");
    expect(toApiError({ type: "entity.parse.failed" }).code).toBe("invalid_json");
    expect(toApiError(new Error("boom")).code).toBe("internal");
  });
});
