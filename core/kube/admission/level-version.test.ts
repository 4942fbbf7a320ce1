// Levels and versions (api/helpers.go ParseLevel, ParseVersion, CompareLevels; helpers_test.go).

import { describe, expect, it } from "vitest";
import {
  LATEST, compareLevels, levelVersionString, majorMinor, nextMinor, older, parseLevel, parseVersion, serverPolicyVersion, versionString,
} from "./level-version.js";

describe("parseVersion", () => {
  it.each([
    ["latest", LATEST],
    ["v1.0", majorMinor(1, 0)],
    ["v1.1", majorMinor(1, 1)],
    ["v1.20", majorMinor(1, 20)],
    ["v1.10000", majorMinor(1, 10000)],
  ])("accepts %s", (text, want) => {
    expect(parseVersion(text)).toEqual({ value: want, error: undefined });
  });

  it.each(["foo", "", "v2.0", "v1", "1.1", "v1.01", "V1.2", "v1.2.3", " v1.2", "Latest", "v1.-1", "v1.99999999999999999999"])("refuses %j and falls back to latest", (text) => {
    expect(parseVersion(text)).toEqual({ value: LATEST, error: `must be "latest" or "v1.x"` });
  });
});

describe("parseLevel", () => {
  it.each(["privileged", "baseline", "restricted"])("accepts %s", (level) => {
    expect(parseLevel(level)).toEqual({ value: level, error: undefined });
  });
  it.each(["", "Restricted", "foo", "restricted "])("refuses %j and falls back to restricted", (level) => {
    expect(parseLevel(level)).toEqual({ value: "restricted", error: "must be one of privileged, baseline, restricted" });
  });
});

describe("versions", () => {
  it("prints latest and v1.NN", () => {
    expect(versionString(LATEST)).toBe("latest");
    expect(versionString(majorMinor(1, 29))).toBe("v1.29");
    expect(levelVersionString({ level: "restricted", version: LATEST })).toBe("restricted:latest");
    expect(levelVersionString({ level: "baseline", version: majorMinor(1, 9) })).toBe("baseline:v1.9");
  });
  it("orders latest after every numbered version", () => {
    expect(older(majorMinor(1, 9), majorMinor(1, 10))).toBe(true);
    expect(older(majorMinor(1, 10), majorMinor(1, 9))).toBe(false);
    expect(older(majorMinor(1, 10), majorMinor(1, 10))).toBe(false);
    expect(older(majorMinor(1, 10000), LATEST)).toBe(true);
    expect(older(LATEST, majorMinor(1, 10000))).toBe(false);
    expect(older(LATEST, LATEST)).toBe(false);
    expect(nextMinor(majorMinor(1, 29))).toEqual(majorMinor(1, 30));
    expect(nextMinor(LATEST)).toBe(LATEST);
  });
  it("reads the apiserver version like GetAPIVersion", () => {
    expect(serverPolicyVersion({ major: "1", minor: "29" })).toEqual(majorMinor(1, 29));
    expect(serverPolicyVersion({ major: "1", minor: "34+" })).toEqual(majorMinor(1, 34));
    expect(serverPolicyVersion({ major: "", minor: "34" })).toBeUndefined();
    expect(serverPolicyVersion({ major: "1", minor: "x" })).toBeUndefined();
  });
});

describe("compareLevels", () => {
  it("orders privileged < baseline < restricted", () => {
    expect(compareLevels("restricted", "baseline")).toBe(1);
    expect(compareLevels("baseline", "restricted")).toBe(-1);
    expect(compareLevels("baseline", "privileged")).toBe(1);
    expect(compareLevels("privileged", "restricted")).toBe(-1);
    expect(compareLevels("baseline", "baseline")).toBe(0);
  });
});
