import { describe, expect, it } from "vitest";
import { executeJsonPath, goPrint, goSyntax, jsonpath, JsonPathError, parseJsonPath, relaxedJsonPath } from "./jsonpath.js";

const pod = {
  metadata: { name: "demo", labels: { b: "2", a: "1" } },
  spec: { containers: [{ name: "c1", image: "busybox:1.28" }, { name: "c2", image: "nginx" }], securityContext: { runAsUser: 1000, fsGroup: 2000 } },
  status: { conditions: [{ type: "Ready", status: "True", lastProbeTime: null }, { type: "PodScheduled", status: "True", lastProbeTime: null }] },
};

describe("kubectl JSONPath (client-go util/jsonpath)", () => {
  it("prints fields, joins several results with spaces, maps as sorted compact JSON", () => {
    expect(jsonpath("{.metadata.name}", pod)).toBe("demo");
    expect(jsonpath("{.spec.containers[*].name}", pod)).toBe("c1 c2");
    expect(jsonpath("{.metadata.labels}", pod)).toBe('{"a":"1","b":"2"}');
    expect(jsonpath("{.status.conditions[0].lastProbeTime}", pod)).toBe("null");
    expect(jsonpath("{.missing}", pod)).toBe("");
  });

  it("keeps text outside actions, unquotes literals, ranges and filters", () => {
    expect(jsonpath(".metadata.name", pod)).toBe(".metadata.name");
    expect(jsonpath('{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', pod)).toBe("c1\tbusybox:1.28\nc2\tnginx\n");
    expect(jsonpath('{.status.conditions[?(@.type=="Ready")].status}', pod)).toBe("True");
    expect(jsonpath("{.spec.containers[-1:].name}", pod)).toBe("c2");
    expect(jsonpath("{.spec.containers[0,1].image}", pod)).toBe("busybox:1.28 nginx");
    expect(jsonpath("{..runAsUser}", pod)).toBe("1000");
  });

  it("fails like client-go", () => {
    expect(() => parseJsonPath("{.items[*}")).toThrow(new JsonPathError("unterminated array"));
    expect(() => parseJsonPath("{.metadata.name")).toThrow(new JsonPathError("unclosed action"));
    expect(() => parseJsonPath("{#}")).toThrow(new JsonPathError("unrecognized character in action: U+0023 '#'"));
    expect(() => jsonpath("{.spec.containers[5]}", pod)).toThrow(new JsonPathError("array index out of bounds: index 5, length 2"));
    expect(() => executeJsonPath(parseJsonPath("{end}"), pod)).toThrow(new JsonPathError("not in range, nothing to end"));
    expect(() => jsonpath("{.metadata[0]}", pod)).toThrow(new JsonPathError("map[string]interface {} is not array or slice"));
  });

  it("formats values as Go's fmt does for custom-columns and error dumps", () => {
    expect(goPrint(pod.spec.securityContext)).toBe("map[fsGroup:2000 runAsUser:1000]");
    expect(goPrint([4000])).toBe("[4000]");
    expect(goSyntax({ items: [], kind: "List", x: null })).toBe('map[string]interface {}{"items":[]interface {}{}, "kind":"List", "x":interface {}(nil)}');
  });

  it("relaxes custom-columns paths", () => {
    expect(["a.b", ".a.b", "{a.b}", "{.a.b}"].map(relaxedJsonPath)).toEqual(["{.a.b}", "{.a.b}", "{.a.b}", "{.a.b}"]);
  });
});
