import { describe, expect, it } from "vitest";
import { GET_TABLE, humanDuration, tabwrite } from "./tabwriter.js";

describe("tabwriter", () => {
  it("lays out kubectl get pods like the tutorial shows", () => {
    expect(tabwrite("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nsecurity-context-demo\t1/1\tRunning\t0\t12s\n", GET_TABLE)).toBe(
      "NAME                    READY   STATUS    RESTARTS   AGE\nsecurity-context-demo   1/1     Running   0          12s\n",
    );
  });

  it("keeps the minimum width of 6 for narrow columns", () => {
    expect(tabwrite("A\tB\nx\ty\n", GET_TABLE)).toBe("A     B\nx     y\n");
  });

  it("aligns a column only over the block of lines that have it", () => {
    expect(tabwrite("a:\t1\nlonger:\t2\nsection\nb:\t3\n", { minwidth: 0, padding: 2 })).toBe("a:       1\nlonger:  2\nsection\nb:  3\n");
  });
});

describe("HumanDuration", () => {
  it.each([[0, "0s"], [12_000, "12s"], [119_000, "119s"], [120_000, "2m"], [125_000, "2m5s"], [600_000, "10m"], [3 * 3600_000, "3h"], [3 * 3600_000 + 60_000 * 7, "3h7m"], [9 * 3600_000, "9h"], [50 * 3600_000, "2d2h"], [10 * 86400_000, "10d"], [800 * 86400_000, "2y70d"]])("%i ms is %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe("tabwriter with remembered widths (get -w)", () => {
  it("never narrows a column it printed wider before", () => {
    const widths: number[] = [];
    expect(tabwrite("NAME\tSTATUS\tAGE\nx\tContainerCreating\t0s\n", GET_TABLE, widths)).toBe("NAME   STATUS              AGE\nx      ContainerCreating   0s\n");
    expect(tabwrite("x\tRunning\t2s\n", GET_TABLE, widths)).toBe("x      Running             2s\n");
  });

  it("truncates like Go's int(d.Seconds()): just under -1s is still 0s", () => {
    expect(humanDuration(-1_500)).toBe("0s");
    expect(humanDuration(-2_000)).toBe("<invalid>");
  });
});
