// sed -i through the kernel: a temporary file beside the original, renamed over it (mode kept),
// and on a read-only root BusyBox's "can't create temp file 'FILEXXXXXX'" whose six characters come
// from the kernel's deterministic Random (container-userland.md §7.2).

import { describe, expect, it } from "vitest";
import { busybox128 } from "../images/busybox.js";
import { startSession } from "../../test/helpers/world.js";

const user = { uid: 1000, gid: 3000, groups: [2000, 3000, 4000] };

describe("sed -i", () => {
  it("on a read-only root: BusyBox's temp-file message, the same in every replay", async () => {
    const outputs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await startSession({ image: busybox128, as: user, readOnlyRoot: true });
      outputs.push(await s.type("sed -i s/a/b/ /etc/passwd; echo $?"));
    }
    const lines = outputs[0]!.split("\n");
    expect(lines[1]).toMatch(/^sed: can't create temp file '\/etc\/passwd[A-Za-z0-9]{6}': Read-only file system$/);
    expect(lines[2]).toBe("1");
    expect(outputs[1]).toBe(outputs[0]);
  });

  it("replaces the file, keeps its mode, leaves no temporary file", async () => {
    const s = await startSession({ image: busybox128, as: user });
    await s.type("printf 'a\\nb\\n' > /tmp/f; chmod 640 /tmp/f");
    expect(await s.type("sed -i 's/a/A/' /tmp/f; cat /tmp/f")).toBe("sed -i 's/a/A/' /tmp/f; cat /tmp/f\nA\nb\n/ $ ");
    expect(await s.type("ls /tmp | cat")).toBe("ls /tmp | cat\nf\n/ $ ");
    expect((await s.type("stat -c %a /tmp/f")).split("\n")[1]).toBe("640");
  });

  it("GNU sed names its temporary file DIR/sedXXXXXX", async () => {
    const { debian } = await import("../images/base-images.js");
    const s = await startSession({ image: debian, as: user, readOnlyRoot: true });
    expect((await s.type("sed -i s/a/b/ /etc/passwd; echo $?")).split("\n").slice(1, 3)).toEqual([
      expect.stringMatching(/^sed: couldn't open temporary file \/etc\/sed[A-Za-z0-9]{6}: Read-only file system$/),
      "4",
    ]);
  });
});
