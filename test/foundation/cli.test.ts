// The podlab command as a newcomer runs it: the built bin script, a real child process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { subcommands } from "../../server/cli.js";

const bin = fileURLToPath(new URL("../../bin/podlab.js", import.meta.url));
const podlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("podlab CLI", () => {
  it("prints the usage with every subcommand on --help and exits 0", () => {
    const r = podlab("--help");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Usage: podlab <command> [options]");
    for (const name of ["serve", "shell", "run", "grade", "scenarios"]) {
      expect(r.stdout).toMatch(new RegExp(`^  podlab ${name} `, "m"));
    }
  });

  it("rejects an unknown subcommand with exit 2 and the usage on stderr", () => {
    const r = podlab("frobnicate");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("podlab: unknown command 'frobnicate'");
    expect(r.stderr).toContain("Usage: podlab <command> [options]");
  });

  it("exits 2 with the usage when no subcommand is given", () => {
    const r = podlab();
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("Usage: podlab <command> [options]");
  });

  it("says clearly when a subcommand is not built yet", () => {
    const pending = subcommands.filter((c) => c.run === undefined);
    for (const c of pending) {
      const r = podlab(c.name);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`podlab: '${c.name}' is not available yet in this version of podlab\n`);
    }
  });
});
