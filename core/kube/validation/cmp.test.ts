// The go-cmp port against go-cmp's own test data: internal/diff/diff_test.go's edit scripts
// and cmp/example_test.go's ExampleDiff_testing report (v0.7.0, deterministic mode).

import { describe, expect, test } from "vitest";
import { cmpDiff, difference } from "./cmp.js";
import { field, tSlice, tString, tStruct } from "./gotypes.js";
import { toGo } from "./internal.js";

describe("difference (internal/diff.Difference)", () => {
  const vectors: readonly [string, string, string][] = [
    ["", "", ""],
    ["#", "#", "."],
    ["##", "# ", ".X|X."],
    ["a#", "A ", "MX"],
    [" #", "@#", "Y."],
    ["##########0123456789", "          0123456789", "XXXXXXXXXX.........."],
    ["#####0123456789#####", "     0123456789     ", "XXXXX..........XXXXX"],
    ["01234##########56789", "01234          56789", ".....XXXXXXXXXX....."],
    ["abcdefghij0123456789", "ABCDEFGHIJ0123456789", "MMMMMMMMMM.........."],
    ["ABCDE0123456789     FGHIJ", "     0123456789abcdefghij", "XXXXX..........YYYYYMMMMM"],
    ["ABCDE01234F G H I J 56789     ", "     01234 a b c d e56789fghij", "XXXXX.....XYXYXYXYXY.....YYYYY"],
    ["ABCAB BA ", "  C BABAC", "XX.X.Y..Y|XX.Y.X..Y"],
    ["# #### # ##x#x", "#y####y y## # ", ".Y....YXY..X.X"],
    ["0 12z3x 456789 x x 0", "0y12Z3 y456789y y y0", ".Y..M.XY......YXYXY.|.Y..M.XY......XYXYY."],
    [" 0123456789", "9012345678 ", "Y.........X"],
    ["0123456789     ", "     5678901234", "XXXXX.....YYYYY|YYYYY.....XXXXX"],
    ["0 1 2345678 9   ", " 6 72  5  819034", "XYXY.XX.XX.Y.YYY"],
    ["F B Q M O    I G T L       N72X90 E  4S P  651HKRJU DA 83CVZW", " 5 W H XO10R9IV K ZLCTAJ8P3N     SEQM4 7 2G6      UBD F      ", "XYXYXYXY.YYYY.YXYXY.YYYYYYY.XXXXXY.YY.XYXYY.XXXXXX.Y.XYXXXXXX"],
  ];
  for (const [rawX, rawY, want] of vectors) {
    test(`${rawX.replace(/ /g, "")} → ${rawY.replace(/ /g, "")}`, () => {
      const x = rawX.replace(/ /g, ""), y = rawY.replace(/ /g, "");
      const es = difference(x.length, y.length, (ix, iy) => {
        const a = x[ix]!, b = y[iy]!;
        return a === b ? { numSame: 0, numDiff: 0 } : a.toUpperCase() === b.toUpperCase() ? { numSame: 0, numDiff: 1 } : { numSame: 0, numDiff: 2 };
      });
      expect(want.split("|")).toContain(es.map((e) => (e === "=" ? "." : e)).join(""));
    });
  }
});

describe("cmpDiff (go-cmp's report)", () => {
  const ip = tString("net.IP", true);
  const time = tString("time.Time", true);
  const client = tStruct("cmp_test.Client", [field("Hostname", "Hostname", tString()), field("IPAddress", "IPAddress", ip), field("LastSeen", "LastSeen", time)]);
  const gateway = tStruct("cmp_test.Gateway", [field("SSID", "SSID", tString()), field("IPAddress", "IPAddress", ip), field("NetMask", "NetMask", tString("net.IPMask", true)), field("Clients", "Clients", tSlice(client))]);
  const clients = [
    { Hostname: "ristretto", IPAddress: "192.168.0.116" },
    { Hostname: "arabica", IPAddress: "192.168.0.104", LastSeen: "2009-11-10 23:06:32 +0000 UTC" },
    { Hostname: "macchiato", IPAddress: "192.168.0.153", LastSeen: "2009-11-10 23:39:43 +0000 UTC" },
    { Hostname: "espresso", IPAddress: "192.168.0.121" },
  ];
  const got = { SSID: "CoffeeShopWiFi", IPAddress: "192.168.0.1", NetMask: "ffff0000", Clients: [...clients, { Hostname: "latte", IPAddress: "192.168.0.219", LastSeen: "2009-11-10 23:00:23 +0000 UTC" }, { Hostname: "americano", IPAddress: "192.168.0.188", LastSeen: "2009-11-10 23:03:05 +0000 UTC" }] };
  const want = { SSID: "CoffeeShopWiFi", IPAddress: "192.168.0.2", NetMask: "ffff0000", Clients: [...clients, { Hostname: "latte", IPAddress: "192.168.0.221", LastSeen: "2009-11-10 23:00:23 +0000 UTC" }] };

  test("ExampleDiff_testing", () => {
    expect(cmpDiff(gateway, toGo(gateway, want, 34), toGo(gateway, got, 34))).toBe([
      "  cmp_test.Gateway{",
      '  \tSSID:      "CoffeeShopWiFi",',
      '- \tIPAddress: s"192.168.0.2",',
      '+ \tIPAddress: s"192.168.0.1",',
      '  \tNetMask:   s"ffff0000",',
      "  \tClients: []cmp_test.Client{",
      "  \t\t... // 2 identical elements",
      '  \t\t{Hostname: "macchiato", IPAddress: s"192.168.0.153", LastSeen: s"2009-11-10 23:39:43 +0000 UTC"},',
      '  \t\t{Hostname: "espresso", IPAddress: s"192.168.0.121"},',
      "  \t\t{",
      '  \t\t\tHostname:  "latte",',
      '- \t\t\tIPAddress: s"192.168.0.221",',
      '+ \t\t\tIPAddress: s"192.168.0.219",',
      '  \t\t\tLastSeen:  s"2009-11-10 23:00:23 +0000 UTC",',
      "  \t\t},",
      "+ \t\t{",
      '+ \t\t\tHostname:  "americano",',
      '+ \t\t\tIPAddress: s"192.168.0.188",',
      '+ \t\t\tLastSeen:  s"2009-11-10 23:03:05 +0000 UTC",',
      "+ \t\t},",
      "  \t},",
      "  }",
      "",
    ].join("\n"));
  });

  test("equal values have no diff", () => {
    expect(cmpDiff(gateway, toGo(gateway, want, 34), toGo(gateway, want, 34))).toBe("");
  });
});
