// cmdutil.CheckErr's rendering of the errors apply and create collect, and the -o printers they
// share with run. Expected texts were checked against a real kubectl v1.32.4 client (the same
// helpers.go, cli-runtime visitors and printers as v0.29.15 and v0.34.2 for these paths).

import { describe, expect, it } from "vitest";
import { type DryRunStrategy, type Failure, type ObjectPrinter, checkErr, objectPrinter } from "./apply.js";

const printer = (output: string | undefined, dryRun: DryRunStrategy) => objectPrinter(output, dryRun) as ObjectPrinter;

const invalid = (name: string): Failure => ({
  alone: `The Pod "${name}" is invalid: spec.containers[0].image: Required value\n`,
  line: `Error from server (Invalid): error when creating "STDIN": Pod "${name}" is invalid: spec.containers[0].image: Required value`,
  error: `error when creating "STDIN": Pod "${name}" is invalid: spec.containers[0].image: Required value`,
});

const unreachable: Failure = {
  alone: "Unable to connect to the server: dial tcp: lookup example.com: no such host\n",
  line: "Unable to connect to the server: dial tcp: lookup example.com: no such host",
  error: `Get "https://example.com/x.yaml": dial tcp: lookup example.com: no such host`,
};

describe("checkErr", () => {
  it("prints one error as checkErr words it alone, also inside an aggregate of one", () => {
    expect(checkErr(invalid("a1"))).toBe(`The Pod "a1" is invalid: spec.containers[0].image: Required value\n`);
    expect(checkErr([[unreachable]])).toBe("Unable to connect to the server: dial tcp: lookup example.com: no such host\n");
  });

  it("prints several on their own lines (MultipleErrors), a nested aggregate by its Error()", () => {
    expect(checkErr([invalid("a1"), invalid("a3")])).toBe(
      `Error from server (Invalid): error when creating "STDIN": Pod "a1" is invalid: spec.containers[0].image: Required value\n` +
      `Error from server (Invalid): error when creating "STDIN": Pod "a3" is invalid: spec.containers[0].image: Required value\n`,
    );
    expect(checkErr([[unreachable], invalid("a1")])).toBe(
      `Get "https://example.com/x.yaml": dial tcp: lookup example.com: no such host\n` +
      `Error from server (Invalid): error when creating "STDIN": Pod "a1" is invalid: spec.containers[0].image: Required value\n`,
    );
    expect(checkErr([[unreachable, unreachable, invalid("a1")], invalid("a2")]).split("\n")[0]).toBe(
      `[Get "https://example.com/x.yaml": dial tcp: lookup example.com: no such host, error when creating "STDIN": Pod "a1" is invalid: spec.containers[0].image: Required value]`,
    );
  });
});

describe("objectPrinter", () => {
  const ns = { kind: "Namespace", apiVersion: "v1", metadata: { name: "lab", creationTimestamp: null }, spec: {}, status: {} };

  it("names the object, with the dry-run operation unless -o name", () => {
    const line = "namespace/lab created";
    expect(printer(undefined, "client").print(ns, line, "go")).toBe("namespace/lab created (dry run)\n");
    expect(printer("", "server").print(ns, line, "go")).toBe("namespace/lab created (server dry run)\n");
    expect(printer("name", "client").print(ns, line, "go")).toBe("namespace/lab\n");
  });

  it("writes a typed object's JSON in Go field order and separates YAML documents", () => {
    const json = printer("json", "client");
    expect(json.print({ apiVersion: "v1", status: {}, spec: {}, metadata: { creationTimestamp: null, name: "lab" }, kind: "Namespace" }, "", "go")).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "lab",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    );
    const yaml = printer("YAML", "none");
    expect(yaml.print({ kind: "Namespace", apiVersion: "v1" }, "", "sorted")).toBe("apiVersion: v1\nkind: Namespace\n");
    expect(yaml.print({ kind: "Namespace", apiVersion: "v1" }, "", "sorted")).toBe("---\napiVersion: v1\nkind: Namespace\n");
  });

  it("refuses formats PrintFlags does not have, listing the allowed ones sorted", () => {
    expect(objectPrinter("wide", "none")).toEqual({ error: 'unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml' });
    expect(objectPrinter("jsonpath", "none")).toEqual({ error: "template format specified but no template given" });
  });
});
