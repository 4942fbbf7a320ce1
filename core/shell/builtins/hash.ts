// hash [-r] [NAME…] (ash.c and dash exec.c hashcmd(), printentry()): the table of where commands
// were found. `hash` lists the programs, in hash-table order, "*" marking the ones a cd made
// stale (hashcd()); `hash NAME` looks a name up again; `hash -r` forgets them all.

import { findBuiltin } from "./registry.js";
import { type Builtin, fail, nextopt, out } from "./types.js";

/** cmdlookup(): first byte << 4 plus every byte, & 0x7FFF, mod CMDTABLESIZE (31). */
function bucket(name: string): number {
  const bytes = name; // the shell's strings hold bytes
  let h = bytes.length === 0 ? 0 : bytes.charCodeAt(0) << 4;
  for (let i = 0; i < bytes.length; i++) h += bytes.charCodeAt(i);
  return (h & 0x7fff) % 31;
}

export const hash: Builtin = {
  name: "hash",
  shells: ["ash", "dash"],
  async run(ctx) {
    const { sh } = ctx;
    const { hashed } = sh.state;
    const { opts, args } = await nextopt(ctx, "r");
    if (opts.includes("r")) {
      hashed.clear();
      return 0;
    }
    const PATH = sh.state.get("PATH");
    if (args.length === 0) {
      // A change of PATH cleared the entries it made stale (changepath() clearcmdentry()).
      const entries = [...hashed].filter(([, h]) => h.PATH === PATH).map(([name, h], i) => ({ name, h, i, b: bucket(name) }));
      entries.sort((x, y) => x.b - y.b || x.i - y.i);
      for (const e of entries) await out(ctx, `${e.h.path}${e.h.rehash ? "*" : ""}\n`);
      return 0;
    }
    let status = 0;
    for (const name of args) {
      hashed.delete(name);
      // find_command(name, DO_ERR): builtins and functions are found but not listed.
      if (name.includes("/") || findBuiltin(sh.flavour.name, name) !== undefined || sh.state.functions.has(name)) continue;
      const path = sh.findCommand(name);
      if (path === undefined) {
        await fail(ctx, `${name}: not found`);
        status = 1;
      } else sh.state.hashCommand(name, path);
    }
    return status;
  },
};
