// yes on the emulated kernel: a closed pipe ends it (SIGPIPE, `yes | head -1` returns at once),
// a full pipe blocks it (memory stays bounded), and Ctrl-C stops it on the terminal.

import { describe, expect, it } from "vitest";
import { startSession } from "../../test/helpers/world.js";

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe("yes", () => {
  it("yes | head -1 prints y once and the pipeline ends with head's status", async () => {
    const s = await startSession();
    expect(await s.type("yes | head -1; echo $?")).toBe("yes | head -1; echo $?\ny\n0\n/ # ");
  });

  it("dies of SIGPIPE when the reader is gone: the shell sees status 141", async () => {
    const s = await startSession();
    // Real BusyBox 1.28.4 prints "y" and "status 141" for the same line.
    const shown = (await s.type('(yes; echo "status $?" >&2) | head -1')).split("\n");
    expect(shown.slice(1, 3).sort()).toEqual(["status 141", "y"]);
  });

  it("blocks on a full pipe instead of buffering without bound, and ^C stops it", async () => {
    const s = await startSession();
    s.pty.input("yes | sleep 1000\r");
    await ticks(50);
    const yes = s.container.pidns.list().find((p) => p.comm === "yes");
    expect(yes?.alive).toBe(true);
    expect(s.screen.endsWith("/ # ")).toBe(false);
    await s.keys("\x03");
    expect(s.container.pidns.list().some((p) => p.comm === "yes")).toBe(false);
  });

  it("stops on ^C when writing to the terminal", async () => {
    const s = await startSession();
    s.pty.input("yes abc\r");
    await ticks(30);
    await s.keys("\x03");
    expect(s.screen).toContain("abc\nabc\n");
    expect(s.screen.endsWith("/ # ")).toBe(true);
    expect((await s.type("echo $?")).split("\n")[1]).toBe("130");
  });
});
