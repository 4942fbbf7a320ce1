// ps: the tutorial's procps tables (demo-2, node-hello) and BusyBox's column helpers.

import { describe, expect, it } from "vitest";
import { nodeHello } from "../images/node-hello.js";
import { startSession } from "../../test/helpers/world.js";
import { formatCmdline, smartUlltoa4 } from "./ps.js";

const lines = (s: string) => s.split("\n");

describe("procps ps in node-hello (tutorial demo-2)", () => {
  it("prints the tutorial's ps aux layout with /bin/sh -c node server.js as PID 1", async () => {
    const s = await startSession({
      image: nodeHello, as: { uid: 2000, gid: 0 }, init: ["/bin/sh", "-c", "node server.js"], cols: 120, start: Date.parse("2026-06-06T20:36:00Z"),
    });
    const shown = lines(await s.type("ps aux"));
    expect(shown.slice(1, 6)).toEqual([
      "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
      "2000         1  0.0  0.0   4336   764 ?        Ss   20:36   0:00 /bin/sh -c node server.js",
      "2000         6  0.0  0.0   4336   764 pts/0    Ss   20:36   0:00 sh",
      "2000         7  0.0  0.2 772124 22604 ?        Sl   20:36   0:00 node server.js",
      "2000        13  0.0  0.0   4336   764 pts/0    R+   20:36   0:00 ps aux",
    ]);
  });

  it("shows root and the process tree with ps -ef and ps axf", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 0, gid: 0 }, init: ["/bin/sh", "-c", "node server.js"], cols: 120 });
    expect(lines(await s.type("ps -ef")).slice(1, 6)).toEqual([
      "UID        PID  PPID  C STIME TTY          TIME CMD",
      "root         1     0  0 20:08 ?        00:00:00 /bin/sh -c node server.js",
      "root         6     0  0 20:08 pts/0    00:00:00 sh",
      "root         7     1  0 20:08 ?        00:00:00 node server.js",
      "root        13     6  0 20:08 pts/0    00:00:00 ps -ef",
    ]);
    // display.c show_forest(): roots last-started first; children of PID 1 stay at the top level.
    expect(lines(await s.type("ps axf -o pid,args")).slice(1, 6)).toEqual([
      "  PID COMMAND",
      "    6 sh",
      "   14  \\_ ps axf -o pid,args",
      "    1 /bin/sh -c node server.js",
      "    7 node server.js",
    ]);
  });

  it("follows the clock: START turns into a date on another day", async () => {
    const s = await startSession({ image: nodeHello, as: { uid: 2000, gid: 0 }, init: ["/bin/sh", "-c", "node server.js"], cols: 120 });
    s.node.clock.advance(3 * 86_400_000);
    expect(lines(await s.type("ps -p 1 -o start_time,etime"))[2]).toBe("Jun06  3-00:00:00");
  });
});

describe("BusyBox ps helpers", () => {
  it("formats sizes in four columns (smart_ulltoa4)", () => {
    expect([764, 9999, 10000, 772124, 1308].map((n) => smartUlltoa4(n, " mgtpezy"))).toEqual([" 764", "9999", "9.7m", "754m", "1308"]);
  });

  it("shows {comm} when argv[0] is not the command, [comm] for an empty command line", () => {
    expect(formatCmdline("/bin/sh\0/tmp/s.sh\0", "s.sh", 2049)).toBe("{s.sh} /bin/sh /tmp/s.sh");
    expect(formatCmdline("-sh\0", "sh", 2049)).toBe("-sh");
    expect(formatCmdline("", "kthreadd", 2049)).toBe("[kthreadd]");
    expect(formatCmdline("sleep\x001h\0", "sleep", 2049)).toBe("sleep 1h");
  });

  it("drops columns past the screen and cuts lines at the terminal width minus one", async () => {
    // alloc_line_buffer(): TIME still starts on screen (so it is kept, as the last column),
    // COMMAND does not; every line is printed with "%.*s" of 19 characters.
    const s = await startSession({ cols: 20, as: { uid: 1000, gid: 3000 } });
    expect(lines(await s.type("ps")).slice(1, 3)).toEqual(["PID   USER     TIME", "    1 1000      0:0"]);
  });
});
