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

  it("folds long plain and single-quoted strings past column 80 as go-yaml v2 does", () => {
    const status = { conditions: [{ message: "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.", reason: "Unschedulable" }] };
    expect(toYaml({ status })).toBe([
      "status:",
      "  conditions:",
      "  - message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are",
      "      available: 3 No preemption victims found for incoming pod.'",
      "    reason: Unschedulable",
      "",
    ].join("\n"));
    expect(toYaml({ msg: "Back-off restarting failed container crash in pod crash_default(5ab14256-2753-4ee5-a77e-7d9a39f1931b) again" }))
      .toBe("msg: Back-off restarting failed container crash in pod crash_default(5ab14256-2753-4ee5-a77e-7d9a39f1931b)\n  again\n");
  });

  it("prints JSON with four-space indentation and sorted keys", () => {
    expect(toJson({ b: 1, a: [true] })).toBe('{\n    "a": [\n        true\n    ],\n    "b": 1\n}\n');
  });
});
