import { describe, expect, it } from "vitest";
import { toJson, toYaml } from "./yaml.js";

describe("kubectl -o yaml", () => {
  it("sorts keys, keeps sequences under their key, quotes what YAML 1.1 would misread", () => {
    const pod = { kind: "Pod", apiVersion: "v1", metadata: { name: "demo", resourceVersion: "1234", creationTimestamp: "2024-06-06T20:08:00Z", labels: { on: "yes" } }, spec: { containers: [{ name: "c", command: ["sh", "-c", "sleep 1h"], securityContext: {} }], volumes: [] } };
    expect(toYaml(pod)).toBe([
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  creationTimestamp: \"2024-06-06T20:08:00Z\"",
      "  labels:",
      "    \"on\": \"yes\"",
      "  name: demo",
      "  resourceVersion: \"1234\"",
      "spec:",
      "  containers:",
      "  - command:",
      "    - sh",
      "    - -c",
      "    - sleep 1h",
      "    name: c",
      "    securityContext: {}",
      "  volumes: []",
      "",
    ].join("\n"));
  });

  it("writes multi-line strings as literal blocks and odd strings single-quoted", () => {
    expect(toYaml({ a: "{\"x\":1}\n", b: "key: value", c: "" })).toBe("a: |\n  {\"x\":1}\nb: 'key: value'\nc: \"\"\n");
  });

  it("prints JSON with four-space indentation and sorted keys", () => {
    expect(toJson({ b: 1, a: [true] })).toBe('{\n    "a": [\n        true\n    ],\n    "b": 1\n}\n');
  });
});
