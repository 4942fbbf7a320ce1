// tail -f on the emulated kernel: it polls the file once a second on the kernel clock, prints
// what was appended, and stops on a signal (Ctrl-C in the foreground, kill in the background).

import { describe, expect, it } from "vitest";
import { startSession } from "../../test/helpers/world.js";

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe("tail -f", () => {
  it("follows appended lines from the background until killed", async () => {
    const s = await startSession();
    await s.type("printf 'a\\nb\\n' > /tmp/log");
    const started = await s.type("tail -f -n 1 /tmp/log &");
    expect(started).toContain("b\n");
    await s.type("echo more >> /tmp/log");
    await s.type("sleep 2");
    expect(s.screen).toContain("more\n");
    await s.type("kill $!");
    await s.type("sleep 2");
    expect(s.container.pidns.list().some((p) => p.comm === "tail")).toBe(false);
  });

  it("stops on ^C in the foreground", async () => {
    const s = await startSession();
    await s.type("echo x > /tmp/f");
    s.pty.input("tail -f /tmp/f\r");
    await ticks(30);
    s.node.clock.advance(3000);
    await ticks(30);
    await s.keys("\x03");
    expect(s.screen).toContain("tail -f /tmp/f\nx\n");
    expect(s.screen.endsWith("/ # ")).toBe(true);
  });

  it("does not follow a pipe on stdin", async () => {
    const s = await startSession();
    expect(await s.type("echo hi | tail -f")).toBe("echo hi | tail -f\nhi\n/ # ");
  });
});
