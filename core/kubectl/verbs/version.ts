// kubectl version (1.28+ prints the short form by default).

import { toJson, toYaml } from "../printers/yaml.js";
import type { Verb } from "../types.js";

export const version: Verb = {
  name: "version", short: "Print the client and server version information",
  flags: [{ name: "client", type: "bool" }, { name: "output", short: "o", type: "string" }, { name: "short", type: "bool" }],
  async run(call) {
    const p = call.cluster.profile;
    const client = { major: p.serverVersion.major, minor: p.serverVersion.minor, gitVersion: p.kubectlVersion.gitVersion, gitCommit: p.serverVersion.gitCommit, gitTreeState: "clean", buildDate: p.serverVersion.buildDate, goVersion: p.serverVersion.goVersion, compiler: "gc", platform: "linux/amd64" };
    const server = { ...client, gitVersion: p.serverVersion.gitVersion };
    const output = call.str("output");
    if (output === "json" || output === "yaml") {
      const v = { clientVersion: client, kustomizeVersion: p.kubectlVersion.kustomize, ...(call.bool("client") ? {} : { serverVersion: server }) };
      await call.out(output === "json" ? toJson(v) : toYaml(v));
      return 0;
    }
    await call.out(`Client Version: ${client.gitVersion}\nKustomize Version: ${p.kubectlVersion.kustomize}\n${call.bool("client") ? "" : `Server Version: ${server.gitVersion}\n`}`);
    return 0;
  },
};
