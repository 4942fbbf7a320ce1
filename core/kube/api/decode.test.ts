// Manifest decoding: go-yaml's duplicate-key error names the key; unknown fields come in the
// order the apiserver's strict decoder reads kubectl's JSON (json.Marshal sorts map keys).

import { describe, expect, it } from "vitest";
import { DecodeError, parseManifest, strictDecode } from "./decode.js";
import { Pod } from "./schema.js";

const parseError = (text: string) => {
  try {
    parseManifest("pod.yaml", text);
  } catch (e) {
    return (e as DecodeError).text;
  }
  return undefined;
};

describe("parseManifest", () => {
  it.each([
    ["a plain key", "kind: Pod\nspec:\n  image: a\n  image: b\n", 4, "image"],
    ["a quoted key", 'kind: Pod\n"b c": 1\n"b c": 2\n', 3, "b c"],
    ["a single-quoted key", "kind: Pod\n'it''s': 1\n'it''s': 2\n", 3, "it's"],
    ["a flow mapping", "{kind: Pod, kind: Namespace}\n", 1, "kind"],
  ])("a repeated key (%s) is go-yaml's unmarshal error with the key", (_name, text, line, key) => {
    expect(parseError(text)).toBe(`error parsing pod.yaml: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map`);
  });
});

describe("strictDecode", () => {
  it("reports unknown fields in sorted-key order, depth first", () => {
    const raw = { kind: "Pod", zeta: 1, apiVersion: "v1", spec: { containers: [{ name: "c", securityContext: { zzz: 1 }, bar: 2 }], aaa: 3 }, foo: 1 };
    expect(strictDecode(raw, Pod).unknownFields).toEqual(["foo", "spec.aaa", "spec.containers[0].bar", "spec.containers[0].securityContext.zzz", "zeta"]);
  });
});
