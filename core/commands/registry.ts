// Every emulated command, one line each, and how an executable finds its implementation:
// BusyBox dispatches on the applet name (argv[0]), other packages on the tool in the binary.

import type { ElfProgram } from "../kernel/binfmt.js";
import type { ProgramMain, ProgramTable } from "../kernel/program.js";
import { flavourOf } from "../shell/flavour.js";
import { shellMain } from "../shell/sh.js";
import { cat } from "./cat.js";
import { agnhostMain, helloAppMain, nodeMain, serveForever } from "./daemon.js";
import { echo } from "./echo.js";
import { groups } from "./groups.js";
import { id } from "./id.js";
import { sleep } from "./sleep.js";
import type { Command } from "./types.js";
import { whoami } from "./whoami.js";

export const COMMANDS: readonly Command[] = [
  cat, echo, groups, id, sleep, whoami,
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** Programs that are not command-line tools: shells and the images' services. */
const PROGRAMS: Readonly<Record<string, ProgramMain>> = {
  node: nodeMain,
  "hello-app": helloAppMain,
  agnhost: agnhostMain,
  coredns: serveForever,
  pause: serveForever,
};

export function findCommand(name: string): Command | undefined {
  return byName.get(name);
}

export const programTable: ProgramTable = {
  resolve(exe: ElfProgram, argv: readonly string[]) {
    const base = (s: string) => s.split("/").pop()!.replace(/^-/, "");
    switch (exe.program) {
      case "busybox": {
        let args = argv;
        let name = base(argv[0] ?? "busybox");
        if (name === "busybox") {
          if (argv.length < 2) return undefined;
          args = argv.slice(1);
          name = base(args[0]!);
        }
        if (name === "sh" || name === "ash") {
          const flavour = flavourOf("ash", exe.variant === "musl" ? "musl" : exe.variant === "uclibc" ? "uclibc" : "glibc");
          return { main: (ctx) => shellMain(ctx, flavour), argv: args };
        }
        const cmd = byName.get(name);
        return cmd === undefined ? undefined : { main: cmd.main, argv: args };
      }
      case "dash":
      case "bash": {
        const flavour = flavourOf(exe.program, "glibc", exe.version);
        return { main: (ctx) => shellMain(ctx, flavour), argv };
      }
    }
    const program = PROGRAMS[exe.program];
    if (program !== undefined) return { main: program, argv };
    const cmd = byName.get(exe.tool === "" ? exe.program : exe.tool);
    return cmd === undefined ? undefined : { main: cmd.main, argv };
  },
};

