// kubectl version (pkg/cmd/version/version.go): the short form is the default since 1.28, where
// --short was removed (an unknown flag in both profiles). -o json is json.MarshalIndent of the
// Version struct (struct field order, two spaces), -o yaml is sigs.k8s.io/yaml (sorted keys);
// both are written with Fprintln, so yaml ends in a blank line.

import { toYaml } from "../printers/yaml.js";
import type { Verb } from "../types.js";

export const version: Verb = {
  name: "version", short: "Print the client and server version information",
  flags: [{ name: "client", type: "bool" }, { name: "output", short: "o", type: "string" }],
  async run(call) {
    const p = call.cluster.profile;
    const output = call.str("output") ?? "";
    // Validate()
    if (call.args.length > 0 && !call.bool("client")) {
      await call.err(`error: extra arguments: [${call.args.join(" ")}]\n`);
      return 1;
    }
    if (output !== "" && output !== "yaml" && output !== "json") {
      await call.err("error: --output must be 'yaml' or 'json'\n");
      return 1;
    }
    // apimachinery version.Info, in struct order; kubectl's own (client-go's version.Get()) has no
    // emulation fields, a 1.34 apiserver reports its emulation and minimum compatibility versions.
    const info = (gitVersion: string, server: boolean) => ({
      major: p.serverVersion.major, minor: p.serverVersion.minor,
      ...(server && Number(p.serverVersion.minor) >= 33 ? { emulationMajor: p.serverVersion.major, emulationMinor: p.serverVersion.minor, minCompatibilityMajor: p.serverVersion.major, minCompatibilityMinor: String(Number(p.serverVersion.minor) - 1) } : {}),
      gitVersion, gitCommit: p.serverVersion.gitCommit, gitTreeState: "clean", buildDate: p.serverVersion.buildDate, goVersion: p.serverVersion.goVersion, compiler: "gc", platform: "linux/amd64",
    });
    const v = { clientVersion: info(p.kubectlVersion.gitVersion, false), kustomizeVersion: p.kubectlVersion.kustomize, ...(call.bool("client") ? {} : { serverVersion: info(p.serverVersion.gitVersion, true) }) };
    if (output === "json") {
      // encoding/json keeps struct order: no key sorting here.
      await call.out(`${JSON.stringify(v, null, 2).replace(/[\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`);
      return 0;
    }
    if (output === "yaml") {
      await call.out(`${toYaml(v)}\n`);
      return 0;
    }
    await call.out(`Client Version: ${v.clientVersion.gitVersion}\nKustomize Version: ${v.kustomizeVersion}\n${v.serverVersion === undefined ? "" : `Server Version: ${v.serverVersion.gitVersion}\n`}`);
    return 0;
  },
};
