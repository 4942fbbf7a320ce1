import { describe, expect, it } from "vitest";
import { busybox128 } from "../core/images/busybox.js";
import { startSession } from "./helpers/world.js";

describe("a shell in the tutorial's busybox pod", () => {
  it("runs id as uid 1000", async () => {
    const s = await startSession({ image: busybox128, as: { uid: 1000, gid: 3000, groups: [2000] } });
    expect(s.screen).toBe("/ $ ");
    expect(await s.type("id")).toBe("id\nuid=1000 gid=3000 groups=2000\n/ $ ");
  });
});
