// date's time formatting and parsing helpers, and the clock it reads and sets.

import { describe, expect, it } from "vitest";
import { parseGnuDate } from "./date.js";
import { strftime } from "./lib/sys-time.js";

const T = Date.UTC(2020, 0, 2, 3, 4, 5, 678);

describe("strftime (C locale, UTC)", () => {
  it("formats the conversions date uses", () => {
    expect(strftime("%a %b %e %H:%M:%S %Z %Y", T)).toBe("Thu Jan  2 03:04:05 UTC 2020");
    expect(strftime("%F %T %j %U %W %V %G %u %w %y %C %I %p %s", T)).toBe("2020-01-02 03:04:05 002 00 00 01 2020 4 4 20 20 03 AM 1577934245");
    expect(strftime("%-d %_H %^a %3N %N %z %:z %%", T)).toBe("2  3 THU 678 678000000 +0000 +00:00 %");
    expect(strftime("%V %G", Date.UTC(2021, 0, 1))).toBe("53 2020");
  });
});

describe("GNU date -d", () => {
  const now = Date.UTC(2026, 10, 27, 4, 48, 10);
  it("understands ISO dates, @epoch, keywords and relative items", () => {
    expect(parseGnuDate("2020-02-03 04:05:06", now)).toBe(Date.UTC(2020, 1, 3, 4, 5, 6));
    expect(parseGnuDate("2020-02-03", now)).toBe(Date.UTC(2020, 1, 3));
    expect(parseGnuDate("@86400", now)).toBe(86_400_000);
    expect(parseGnuDate("yesterday", now)).toBe(now - 86_400_000);
    expect(parseGnuDate("2 hours ago", now)).toBe(now - 7_200_000);
    expect(parseGnuDate("bogus", now)).toBeUndefined();
  });
});
