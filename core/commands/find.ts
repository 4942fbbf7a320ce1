// find [-HL] [PATH]… [EXPRESSION] — BusyBox findutils/find.c (parse_params(), exec_actions(),
// fileAction() over recursive_action(): errors "find: PATH: strerror") and GNU findutils
// (ftsfind.c, parser.c: "find: 'PATH': strerror", "unknown predicate", "missing argument to").
// Tests: -name -iname -path -type -user -group -perm -size -newer -mtime -mmin -links -inum -empty;
// actions: -print -print0 -exec CMD {} ; / + -delete -prune; options: -maxdepth -mindepth -depth
// -xdev -follow. -exec forks and execs the command like the shell does.

import { ENOENT, errnoOf, type Errno } from "../kernel/errno.js";
import { Process } from "../kernel/process.js";
import type { ProgramContext } from "../kernel/program.js";
import type { Attrs } from "../vfs/node.js";
import { attempt, errText, usage } from "./lib/cmd.js";
import {
  type IdNames, atLeast, fileType, getenv, isBusybox, isDirMode, joinPath, lastComponent, loadIds,
} from "./lib/files-common.js";
import { parseMode } from "./lib/files-mode.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-HL] [PATH]... [OPTIONS] [ACTIONS]",
  full: "Search for files and perform actions on them.\nFirst failed action stops processing of current file.\nDefaults: PATH is current directory, action is '-print'\n\n\t-L,-follow\tFollow symlinks\n\t-H\t\t...on command line only\n\t-xdev\t\tDon't descend directories on other filesystems\n\t-maxdepth N\tDescend at most N levels. -maxdepth 0 applies\n\t\t\tactions to command line arguments only\n\t-mindepth N\tDon't act on first N levels\n\t-depth\t\tAct on directory *after* traversing it\n\nActions:\n\t( ACTIONS )\tGroup actions for -o / -a\n\t! ACT\t\tInvert ACT's success/failure\n\tACT1 [-a] ACT2\tIf ACT1 fails, stop, else do ACT2\n\tACT1 -o ACT2\tIf ACT1 succeeds, stop, else do ACT2\n\t\t\tNote: -a has higher priority than -o\n\t-name PATTERN\tMatch file name (w/o directory name) to PATTERN\n\t-iname PATTERN\tCase insensitive -name\n\t-path PATTERN\tMatch path to PATTERN\n\t-ipath PATTERN\tCase insensitive -path\n\t-regex PATTERN\tMatch path to regex PATTERN\n\t-type X\t\tFile type is X (one of: f,d,l,b,c,...)\n\t-perm MASK\tAt least one mask bit (+MASK), all bits (-MASK),\n\t\t\tor exactly MASK bits are set in file's mode\n\t-mtime DAYS\tmtime is greater than (+N), less than (-N),\n\t\t\tor exactly N days in the past\n\t-mmin MINS\tmtime is greater than (+N), less than (-N),\n\t\t\tor exactly N minutes in the past\n\t-newer FILE\tmtime is more recent than FILE's\n\t-inum N\t\tFile has inode number N\n\t-user NAME/ID\tFile is owned by given user\n\t-group NAME/ID\tFile is owned by given group\n\t-size N[bck]\tFile size is N (c:bytes,k:kbytes,b:512 bytes(def.))\n\t\t\t+/-N: file size is bigger/smaller than N\n\t-links N\tNumber of links is greater than (+N), less than (-N),\n\t\t\tor exactly N\n\t-prune\t\tIf current file is directory, don't descend into it\nIf none of the following actions is specified, -print is assumed\n\t-print\t\tPrint file name\n\t-print0\t\tPrint file name, NUL terminated\n\t-exec CMD ARG ;\tRun CMD with all instances of {} replaced by\n\t\t\tfile name. Fails if CMD exits with nonzero\n\t-exec CMD ARG + Run CMD with {} replaced by list of file names\n\t-delete\t\tDelete current file/directory. Turns on -depth option",
};

interface Visit {
  readonly path: string;
  readonly st: Attrs;
  readonly depth: number;
}

type Node =
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; expr: Node }
  | { kind: "test"; test: (v: Visit) => boolean }
  | { kind: "action"; act: (v: Visit) => Promise<boolean> };

class Usage extends Error {
  constructor(readonly text: string, readonly showUsage = false) {
    super(text);
  }
}

interface Globals {
  maxDepth: number;
  minDepth: number;
  depthFirst: boolean;
  xdev: boolean;
  follow: "none" | "args" | "all";
  needPrint: boolean;
  pruned: boolean;
  status: number;
  batches: { argv: string[]; files: string[] }[];
}

/** fnmatch() without FNM_PATHNAME: *, ?, [...] and backslash escapes. */
function globRegex(pattern: string, fold: boolean): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "\\" && i + 1 < pattern.length) re += `\\${pattern[++i]}`.replace(/^\\([A-Za-z0-9])$/, "$1");
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, fold ? "i" : "");
}

/** "+N" greater, "-N" less, "N" exactly. */
function numericTest(arg: string, bad: () => never): (n: number) => boolean {
  const m = /^([+-]?)(\d+)$/.exec(arg);
  if (m === null) bad();
  const v = Number(m![2]);
  return m![1] === "+" ? (n) => n > v : m![1] === "-" ? (n) => n < v : (n) => n === v;
}

class Parser {
  private i = 0;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly args: string[],
    private readonly g: Globals,
    private readonly ids: IdNames,
  ) {}

  private get busybox(): boolean {
    return isBusybox(this.ctx);
  }

  private q(s: string): string {
    if (this.busybox) return s;
    return atLeast(this.ctx, "4.5") ? `'${s}'` : `\`${s}'`;
  }

  private requireArg(name: string): string {
    const v = this.args[this.i++];
    if (v === undefined) throw new Usage(this.busybox ? `${name} requires an argument` : `missing argument to ${this.q(name)}`);
    return v;
  }

  parse(): Node | undefined {
    if (this.i >= this.args.length) return undefined;
    const e = this.orExpr();
    if (this.i < this.args.length) throw new Usage(this.busybox ? `unrecognized: ${this.args[this.i]}` : `paths must precede expression: ${this.q(this.args[this.i]!)}`, this.busybox);
    return e;
  }

  private orExpr(): Node {
    let left = this.andExpr();
    while (this.args[this.i] === "-o" || this.args[this.i] === "-or") {
      this.i++;
      left = { kind: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.args[this.i];
      if (t === undefined || t === "-o" || t === "-or" || t === ")") return left;
      if (t === "-a" || t === "-and") this.i++;
      left = { kind: "and", left, right: this.unary() };
    }
  }

  private unary(): Node {
    const t = this.args[this.i];
    if (t === "!" || t === "-not") {
      this.i++;
      return { kind: "not", expr: this.unary() };
    }
    if (t === "(") {
      this.i++;
      const e = this.orExpr();
      if (this.args[this.i] !== ")") throw new Usage(this.busybox ? "unpaired '('" : "invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      this.i++;
      return e;
    }
    return this.primary();
  }

  private primary(): Node {
    const name = this.args[this.i++]!;
    const test = (fn: (v: Visit) => boolean): Node => ({ kind: "test", test: fn });
    const g = this.g;
    switch (name) {
      case "-name": case "-iname": {
        const re = globRegex(this.requireArg(name), name === "-iname");
        return test((v) => re.test(lastComponent(v.path)));
      }
      case "-path": case "-ipath": case "-wholename": {
        const re = globRegex(this.requireArg(name), name === "-ipath");
        return test((v) => re.test(v.path));
      }
      case "-regex": {
        const re = new RegExp(`^(?:${this.requireArg(name)})$`);
        return test((v) => re.test(v.path));
      }
      case "-type": {
        const arg = this.requireArg(name);
        const types: Record<string, number> = { f: 0o100000, d: 0o040000, l: 0o120000, b: 0o060000, c: 0o020000, p: 0o010000, s: 0o140000 };
        const want = types[arg];
        if (want === undefined || arg.length !== 1) throw new Usage(this.busybox ? `invalid argument '${arg}' to '-type'` : `Unknown argument to -type: ${arg}`);
        return test((v) => fileType(v.st.mode) === want);
      }
      case "-perm": {
        const arg = this.requireArg(name);
        const prefix = arg[0] === "-" || arg[0] === "/" || arg[0] === "+" ? arg[0] : "";
        const mode = parseMode(prefix ? arg.slice(1) : arg, 0, 0, !this.busybox);
        if (mode === undefined) throw new Usage(this.busybox ? `invalid mode '${arg}'` : `invalid mode ${this.q(arg)}`);
        const perm = (v: Visit) => v.st.mode & 0o7777;
        if (prefix === "-") return test((v) => (perm(v) & mode) === mode);
        if (prefix === "/" || prefix === "+") return test((v) => mode === 0 || (perm(v) & mode) !== 0);
        return test((v) => perm(v) === mode);
      }
      case "-user": case "-group": {
        const arg = this.requireArg(name);
        const id = name === "-user" ? this.ids.uidOf(arg) ?? (/^\d+$/.test(arg) ? Number(arg) : undefined) : this.ids.gidOf(arg) ?? (/^\d+$/.test(arg) ? Number(arg) : undefined);
        if (id === undefined) {
          throw new Usage(this.busybox ? `unknown ${name.slice(1)} ${arg}` : name === "-user" ? `${this.q(arg)} is not the name of a known user` : `${this.q(arg)} is not the name of an existing group`);
        }
        return test((v) => (name === "-user" ? v.st.uid : v.st.gid) === id);
      }
      case "-nouser": return test((v) => this.ids.user(v.st.uid) === undefined);
      case "-nogroup": return test((v) => this.ids.group(v.st.gid) === undefined);
      case "-size": {
        const arg = this.requireArg(name);
        const m = /^([+-]?\d+)([bcwkMG]?)$/.exec(arg);
        if (m === null) throw new Usage(this.busybox ? `invalid number '${arg}'` : `Invalid argument ${this.q(arg)} to -size`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, "": 512 }[m[2]!]!;
        const cmp = numericTest(m[1]!, () => { throw new Usage(`invalid number '${arg}'`); });
        return test((v) => cmp(Math.ceil(v.st.size / unit)));
      }
      case "-links": case "-inum": {
        const arg = this.requireArg(name);
        const cmp = numericTest(arg, () => { throw new Usage(this.busybox ? `invalid number '${arg}'` : `invalid argument ${this.q(arg)} to ${this.q(name)}`); });
        return test((v) => cmp(name === "-links" ? v.st.nlink : v.st.ino));
      }
      case "-mtime": case "-mmin": case "-ctime": case "-cmin": case "-atime": case "-amin": {
        const arg = this.requireArg(name);
        const cmp = numericTest(arg, () => { throw new Usage(this.busybox ? `invalid number '${arg}'` : `invalid argument ${this.q(arg)} to ${this.q(name)}`); });
        const unit = name.endsWith("min") ? 60 : 86400;
        const now = this.ctx.sys.now();
        const field = name[1] === "m" ? "mtime" : name[1] === "c" ? "ctime" : "atime";
        return test((v) => cmp(Math.floor((now - v.st[field]) / 1000 / unit)));
      }
      case "-newer": {
        const ref = this.requireArg(name);
        const r = attempt(() => this.ctx.sys.stat(ref));
        if (!r.ok) throw new Usage(this.busybox ? `${ref}: ${errText(this.ctx, r.errno)}` : `${this.q(ref)}: ${errText(this.ctx, r.errno)}`);
        return test((v) => v.st.mtime > r.value.mtime);
      }
      case "-empty": return test((v) => (isDirMode(v.st.mode) ? attempt(() => this.ctx.sys.readdir(v.path)).ok && this.ctx.sys.readdir(v.path).length === 0 : fileType(v.st.mode) === 0o100000 && v.st.size === 0));
      case "-true": return test(() => true);
      case "-false": return test(() => false);
      case "-maxdepth": case "-mindepth": {
        const arg = this.requireArg(name);
        if (!/^\d+$/.test(arg)) throw new Usage(this.busybox ? `invalid number '${arg}'` : `Expected a positive decimal integer argument to ${name}, but got ${this.q(arg)}`);
        if (name === "-maxdepth") g.maxDepth = Number(arg);
        else g.minDepth = Number(arg);
        return test(() => true);
      }
      case "-depth": case "-d": g.depthFirst = true; return test(() => true);
      case "-xdev": case "-mount": g.xdev = true; return test(() => true);
      case "-follow": g.follow = "all"; return test(() => true);
      case "-prune": return test(() => {
        g.pruned = true;
        return true;
      });
      case "-print": case "-print0": {
        g.needPrint = false;
        const end = name === "-print" ? "\n" : "\0";
        return { kind: "action", act: async (v) => {
          await this.ctx.stdout.write(`${v.path}${end}`);
          return true;
        } };
      }
      case "-delete": {
        g.needPrint = false;
        g.depthFirst = true;
        return { kind: "action", act: async (v) => {
          if (v.path === ".") return true;
          const r = attempt(() => (isDirMode(v.st.mode) ? this.ctx.sys.rmdir(v.path) : this.ctx.sys.unlink(v.path)));
          if (r.ok) return true;
          await this.ctx.stderr.write(this.busybox ? `find: ${v.path}: ${errText(this.ctx, r.errno)}\n` : `find: cannot delete ${this.q(v.path)}: ${errText(this.ctx, r.errno)}\n`);
          g.status = 1;
          return false;
        } };
      }
      case "-exec": case "-ok": return this.exec(name);
      default:
        if (this.busybox) throw new Usage(`unrecognized: ${name}`, true);
        throw new Usage(name.startsWith("-") ? `unknown predicate ${this.q(name)}` : `paths must precede expression: ${this.q(name)}`);
    }
  }

  private exec(name: string): Node {
    this.g.needPrint = false;
    const argv: string[] = [];
    for (;;) {
      const a = this.args[this.i++];
      if (a === undefined) throw new Usage(this.busybox ? `${name} requires an argument` : `missing argument to ${this.q(name)}`);
      if (a === ";" || (a === "+" && argv.at(-1) === "{}")) {
        if (argv.length === 0) throw new Usage(this.busybox ? `${name} requires an argument` : `missing argument to ${this.q(name)}`);
        if (a === "+") {
          const batch = { argv: argv.slice(0, -1), files: [] as string[] };
          this.g.batches.push(batch);
          return { kind: "action", act: async (v) => {
            batch.files.push(v.path);
            return true;
          } };
        }
        return { kind: "action", act: async (v) => (await runCommand(this.ctx, argv.map((x) => x.replaceAll("{}", v.path)), this.g)) === 0 };
      }
      argv.push(a);
    }
  }
}

/** PATH lookup as execvp() does it. */
function findExecutable(ctx: ProgramContext, name: string): string | undefined {
  if (name.includes("/")) return name;
  for (const dir of (getenv(ctx, "PATH") ?? "/bin:/usr/bin").split(":")) {
    const p = joinPath(dir === "" ? "." : dir, name);
    const r = attempt(() => ctx.sys.stat(p));
    if (r.ok && fileType(r.value.mode) === 0o100000) return p;
  }
  return undefined;
}

/** spawn_and_wait(): fork, exec, wait; the child's exit status (127 when it could not run). */
async function runCommand(ctx: ProgramContext, argv: string[], g: Globals): Promise<number> {
  const busybox = isBusybox(ctx);
  const system = ctx.sys.system;
  const path = findExecutable(ctx, argv[0]!);
  const cantRun = async (e: Errno) => {
    await ctx.stderr.write(busybox ? `find: can't execute '${argv[0]}': ${errText(ctx, e)}\n` : `find: '${argv[0]}': ${errText(ctx, e)}\n`);
    g.status = 1;
  };
  if (path === undefined) {
    await cantRun(ENOENT);
    return 127;
  }
  const child = system.fork(ctx.proc);
  if (!(child instanceof Process)) {
    await cantRun(child);
    return 127;
  }
  const done = system.run(child, async () => {
    try {
      return await system.execve(child, path, argv, ctx.proc.environ, ctx.stdio);
    } catch (err) {
      const e = errnoOf(err);
      if (e === undefined) throw err;
      await cantRun(e);
      return 127;
    }
  });
  const reason = await done;
  return "status" in reason ? reason.status : 128 + reason.signal;
}

async function evaluate(n: Node, v: Visit): Promise<boolean> {
  switch (n.kind) {
    case "and": return (await evaluate(n.left, v)) && evaluate(n.right, v);
    case "or": return (await evaluate(n.left, v)) || evaluate(n.right, v);
    case "not": return !(await evaluate(n.expr, v));
    case "test": return n.test(v);
    case "action": return n.act(v);
  }
}

async function walk(ctx: ProgramContext, g: Globals, expr: Node | undefined, path: string, depth: number, rootDev: number): Promise<void> {
  await ctx.sys.system.sched.checkpoint(ctx.proc);
  const busybox = isBusybox(ctx);
  const follow = g.follow === "all" || (g.follow === "args" && depth === 0);
  let st = attempt(() => (follow ? ctx.sys.stat(path) : ctx.sys.lstat(path)));
  if (!st.ok && follow) st = attempt(() => ctx.sys.lstat(path));
  if (!st.ok) {
    await ctx.stderr.write(busybox ? `find: ${path}: ${errText(ctx, st.errno)}\n` : `find: '${path}': ${errText(ctx, st.errno)}\n`);
    g.status = 1;
    return;
  }
  const v: Visit = { path, st: st.value, depth };
  const act = async () => {
    if (depth < g.minDepth || depth > g.maxDepth) return;
    const r = expr === undefined ? true : await evaluate(expr, v);
    if (r && g.needPrint) await ctx.stdout.write(`${path}\n`);
  };
  g.pruned = false;
  if (!g.depthFirst) await act();
  const descend = isDirMode(st.value.mode) && depth < g.maxDepth && !g.pruned && !(g.xdev && depth > 0 && st.value.dev !== rootDev);
  if (descend) {
    const names = attempt(() => ctx.sys.readdir(path));
    if (!names.ok) {
      await ctx.stderr.write(busybox ? `find: ${path}: ${errText(ctx, names.errno)}\n` : `find: '${path}': ${errText(ctx, names.errno)}\n`);
      g.status = 1;
    } else {
      for (const n of names.value) await walk(ctx, g, expr, joinPath(path, n), depth + 1, depth === 0 ? st.value.dev : rootDev);
    }
  }
  if (g.depthFirst) await act();
}

export const find: Command = {
  name: "find",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const args = ctx.argv.slice(1);
    const g: Globals = { maxDepth: Number.MAX_SAFE_INTEGER, minDepth: 0, depthFirst: false, xdev: false, follow: "none", needPrint: true, pruned: false, status: 0, batches: [] };
    while (args[0] === "-L" || args[0] === "-H" || args[0] === "-P") {
      const o = args.shift();
      g.follow = o === "-L" ? "all" : o === "-H" ? "args" : "none";
    }
    const firstExpr = args.findIndex((a) => (a.startsWith("-") && a.length > 1) || a === "!" || a === "(");
    const paths = firstExpr < 0 ? args : args.slice(0, firstExpr);
    const exprArgs = firstExpr < 0 ? [] : args.slice(firstExpr);
    let expr: Node | undefined;
    try {
      expr = new Parser(ctx, exprArgs, g, await loadIds(ctx)).parse();
    } catch (err) {
      if (!(err instanceof Usage)) throw err;
      await ctx.stderr.write(`find: ${err.text}\n`);
      if (busybox && err.showUsage) return usage(ctx, USAGE.trivial, USAGE.full);
      return 1;
    }
    for (const p of paths.length === 0 ? ["."] : paths) await walk(ctx, g, expr, p, 0, 0);
    for (const b of g.batches) if (b.files.length > 0 && (await runCommand(ctx, [...b.argv, ...b.files], g)) !== 0) g.status = 1;
    return g.status;
  },
};
