// Session-level behaviour that does not need a socket: resizes are coalesced.
import { afterEach, describe, expect, it } from "vitest";
import { Metrics } from "../metrics.js";
import { SessionRegistry } from "./registry.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let registry: SessionRegistry | undefined;
afterEach(() => registry?.close());

describe("Session.resize", () => {
  it("applies the latest size at most every 100 ms and skips sizes that change nothing", async () => {
    const metrics = new Metrics({ sessions: () => 0, wsClients: () => 0 });
    registry = new SessionRegistry({ metrics, sessionsPerAddress: 0, idleTimeoutMs: 3600_000, maxSessions: 10 });
    const { session } = registry.create({ address: "test" });
    const applied: string[] = [];
    const resize = session.screen.resize.bind(session.screen);
    session.screen.resize = (cols, rows) => {
      applied.push(`${cols}x${rows}`);
      resize(cols, rows);
    };
    session.resize(80, 24); // the size it has
    expect(applied).toEqual([]);
    for (let i = 0; i < 1000; i++) session.resize(i % 2 ? 500 : 2, i % 2 ? 200 : 1);
    session.resize(100, 30);
    expect(applied).toEqual(["2x1"]); // the first at once
    await sleep(150);
    expect(applied).toEqual(["2x1", "100x30"]); // then only the latest
    session.resize(100, 30);
    await sleep(150);
    expect(applied).toEqual(["2x1", "100x30"]);
    session.resize(120, 40);
    session.resize(130, 50);
    session.resize(120, 40); // back before 130x50 was applied: nothing more to do
    await sleep(150);
    expect(applied).toEqual(["2x1", "100x30", "120x40"]);
  });
});
