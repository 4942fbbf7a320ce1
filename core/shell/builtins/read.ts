// read [-r] [-p PROMPT] [-s] [-n N] [-t SECS] NAME…: one line from standard input, split by IFS.

import type { Cancellation } from "../../kernel/cancellation.js";
import type { Tty } from "../../kernel/process.js";
import type { Task } from "../../vfs/path.js";
import { type Builtin, fail, raise } from "./types.js";

class ReadInterrupted {
  constructor(readonly status: number) {}
}

export const read: Builtin = {
  name: "read",
  async run(ctx) {
    const { sh } = ctx;
    const args = ctx.argv.slice(1);
    let raw = false;
    let prompt: string | undefined;
    let nchars: number | undefined;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (names.length === 0 && /^-[rs]+$/.test(a)) {
        if (a.includes("r")) raw = true;
        continue;
      }
      if (names.length === 0 && (a === "-p" || a === "-n" || a === "-t")) {
        const v = args[++i];
        if (v === undefined) return fail(ctx, `${a}: option requires an argument`, 2);
        if (a === "-p") prompt = v;
        if (a === "-n") nchars = Number(v);
        continue;
      }
      names.push(a);
    }
    if (names.length === 0) {
      if (sh.flavour.name === "dash") return raise(ctx, "arg count");
      names.push("REPLY");
    }
    const stdin = ctx.fds.get(0);
    if (stdin?.read === undefined) return 1;
    if (prompt !== undefined && stdin.tty !== undefined) await sh.err(ctx.fds, prompt);
    // A terminal read ends early when a signal arrives (EINTR): ^C, or a trapped signal.
    const tty = stdin.tty as (Tty & { read(max: number, task: Task, cancel?: Cancellation): Promise<string> }) | undefined;
    const readByte = async (): Promise<string> => {
      if (tty === undefined) return stdin.read!(1, sh.proc);
      const r = await sh.interruptible((cancel) => tty.read(1, sh.proc, cancel));
      if (typeof r === "string") return r;
      throw new ReadInterrupted(128 + r.signal);
    };
    // Read byte by byte so that what follows the line stays for the next reader.
    let line = "";
    let eof = false;
    try {
      for (;;) {
        if (nchars !== undefined && line.length >= nchars) break;
        const ch = await readByte();
        if (ch === "") { eof = true; break; }
        if (ch === "\n") break;
        if (!raw && ch === "\\") {
          const n = await readByte();
          if (n === "\n" || n === "") continue;
          line += `\\${n}`;
          continue;
        }
        line += ch;
      }
    } catch (err) {
      if (err instanceof ReadInterrupted) return err.status;
      throw err;
    }
    if (!raw) line = line.replace(/\\(.)/g, "$1");
    const ifs = sh.state.get("IFS") ?? " \t\n";
    const ws = [...ifs].filter((c) => " \t\n".includes(c)).join("");
    const trimRe = ws === "" ? null : new RegExp(`^[${escape(ws)}]+|[${escape(ws)}]+$`, "g");
    let rest = trimRe === null ? line : line.replace(trimRe, "");
    for (let i = 0; i < names.length; i++) {
      if (i === names.length - 1) {
        sh.state.set(names[i]!, rest);
        break;
      }
      const m = new RegExp(`^([^${escape(ifs)}]*)[${escape(ifs)}]+`).exec(rest);
      if (m === null || ifs === "") {
        sh.state.set(names[i]!, rest);
        rest = "";
        continue;
      }
      sh.state.set(names[i]!, m[1]!);
      rest = rest.slice(m[0].length);
    }
    return eof && line === "" ? 1 : eof ? 1 : 0;
  },
};

const escape = (s: string) => s.replace(/[\\\]^-]/g, "\\$&").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
