// copy_file() as BusyBox libbb/copy_file.c does it, with GNU coreutils copy.c's wording when the
// build is GNU: directories recursively (mkdir with u+rwx, then the source's mode), regular files
// by open/read/write, symlinks and device nodes re-created, and -p preserving times, owner and
// mode (each failure reported, the copy still counts). Shared by cp and mv (for EXDEV).

import type { Errno } from "../../kernel/errno.js";
import type { ProgramContext } from "../../kernel/program.js";
import type { Attrs } from "../../vfs/node.js";
import { attempt, attemptAsync, errText } from "./cmd.js";
import { gnuQuote, isBusybox, isDirMode, isLinkMode, isRegMode, joinPath } from "./files-common.js";

export interface CopyFlags {
  readonly preserve: boolean;
  /** Follow symlinks (cp without -d/-P/-R, or with -L). */
  readonly deref: boolean;
  /** Follow a symlink given on the command line (-H). */
  readonly derefTop: boolean;
  readonly recursive: boolean;
  readonly force: boolean;
  readonly interactive: boolean;
  readonly noClobber: boolean;
  readonly update: boolean;
  readonly verbose: boolean;
}

const q = (ctx: ProgramContext, s: string) => (isBusybox(ctx) ? `'${s}'` : gnuQuote(s));
const say = (ctx: ProgramContext, msg: string) => ctx.stderr.write(`${ctx.argv[0]!.split("/").pop()}: ${msg}\n`);
const sayErr = (ctx: ProgramContext, msg: string, e: Errno) => say(ctx, `${msg}: ${errText(ctx, e)}`);

async function copyData(ctx: ProgramContext, src: string, dest: string, st: Attrs, flags: CopyFlags, destExists: boolean): Promise<boolean> {
  const busybox = isBusybox(ctx);
  const input = attempt(() => ctx.sys.open(src, { read: true }));
  if (!input.ok) {
    await sayErr(ctx, busybox ? `can't open '${src}'` : `cannot open ${gnuQuote(src)} for reading`, input.errno);
    return false;
  }
  const mode = isRegMode(st.mode) ? st.mode & 0o7777 : 0o666;
  let output = attempt(() => ctx.sys.open(dest, { write: true, creat: true, trunc: true }, mode));
  if (!output.ok) {
    if (!flags.force && !flags.interactive) {
      await sayErr(ctx, busybox ? `can't create '${dest}'` : `cannot create regular file ${gnuQuote(dest)}`, output.errno);
      return false;
    }
    const e = output.errno;
    const u = attempt(() => ctx.sys.unlink(dest));
    if (!u.ok) {
      await sayErr(ctx, busybox ? `can't create '${dest}'` : `cannot create regular file ${gnuQuote(dest)}`, destExists ? u.errno : e);
      return false;
    }
    output = attempt(() => ctx.sys.open(dest, { write: true, creat: true, excl: true }, mode));
    if (!output.ok) {
      await sayErr(ctx, busybox ? `can't open '${dest}'` : `cannot create regular file ${gnuQuote(dest)}`, output.errno);
      return false;
    }
  }
  for (;;) {
    const chunk = await attemptAsync(() => input.value.read(65536));
    if (!chunk.ok) {
      await sayErr(ctx, busybox ? "read error" : `error reading ${gnuQuote(src)}`, chunk.errno);
      return false;
    }
    if (chunk.value === "") break;
    const w = await attemptAsync(() => output.value.write(chunk.value));
    if (!w.ok) {
      await sayErr(ctx, busybox ? "write error" : `error writing ${gnuQuote(dest)}`, w.errno);
      return false;
    }
    await ctx.sys.system.sched.checkpoint(ctx.proc);
  }
  return true;
}

async function preserveStatus(ctx: ProgramContext, dest: string, st: Attrs): Promise<void> {
  const busybox = isBusybox(ctx);
  const t = attempt(() => ctx.sys.utimes(dest, { atime: st.atime, mtime: st.mtime }));
  if (!t.ok) await sayErr(ctx, busybox ? `can't preserve times of '${dest}'` : `preserving times for ${gnuQuote(dest)}`, t.errno);
  let mode = st.mode & 0o7777;
  const c = attempt(() => ctx.sys.chown(dest, st.uid, st.gid));
  if (!c.ok) {
    mode &= ~0o6000;
    // GNU: an unprivileged user losing ownership is not an error (chown_failure_ok()).
    if (busybox) await sayErr(ctx, `can't preserve ownership of '${dest}'`, c.errno);
  }
  const m = attempt(() => ctx.sys.chmod(dest, mode));
  if (!m.ok) await sayErr(ctx, busybox ? `can't preserve permissions of '${dest}'` : `preserving permissions for ${gnuQuote(dest)}`, m.errno);
}

/** copy_file(): true when the copy was made (or skipped on request). */
export async function copyFile(ctx: ProgramContext, src: string, dest: string, flags: CopyFlags, depth = 0): Promise<boolean> {
  const busybox = isBusybox(ctx);
  await ctx.sys.system.sched.checkpoint(ctx.proc);
  const follow = flags.deref || (depth === 0 && flags.derefTop);
  const s = attempt(() => (follow ? ctx.sys.stat(src) : ctx.sys.lstat(src)));
  if (!s.ok) {
    await sayErr(ctx, busybox ? `can't stat '${src}'` : `cannot stat ${gnuQuote(src)}`, s.errno);
    return false;
  }
  const st = s.value;
  const d = attempt(() => ctx.sys.lstat(dest));
  if (!d.ok && d.errno.name !== "ENOENT") {
    await sayErr(ctx, busybox ? `can't stat '${dest}'` : `cannot stat ${gnuQuote(dest)}`, d.errno);
    return false;
  }
  const destSt = d.ok ? d.value : undefined;
  if (destSt !== undefined && destSt.dev === st.dev && destSt.ino === st.ino) {
    await say(ctx, `${q(ctx, src)} and ${q(ctx, dest)} are the same file`);
    return false;
  }
  if (destSt !== undefined && flags.noClobber && !isDirMode(st.mode)) return true;
  if (isDirMode(st.mode)) return copyDir(ctx, src, dest, st, destSt, flags, depth);
  if (destSt !== undefined && flags.update && Math.floor(st.mtime / 1000) <= Math.floor(destSt.mtime / 1000)) return true;
  if (isRegMode(st.mode) || (!flags.recursive && !isLinkMode(st.mode))) {
    if (!(await copyData(ctx, src, dest, st, flags, destSt !== undefined))) return false;
    if (isRegMode(st.mode) && flags.preserve) await preserveStatus(ctx, dest, st);
    if (flags.verbose) await ctx.stdout.write(`'${src}' -> '${dest}'\n`);
    return true;
  }
  if (destSt !== undefined) {
    if (!flags.force && !flags.interactive) {
      await say(ctx, busybox ? `can't create '${dest}': File exists` : `cannot create ${isLinkMode(st.mode) ? "symbolic link" : "special file"} ${gnuQuote(dest)}: File exists`);
      return false;
    }
    const u = attempt(() => ctx.sys.unlink(dest));
    if (!u.ok) {
      await sayErr(ctx, busybox ? `can't create '${dest}'` : `cannot remove ${gnuQuote(dest)}`, u.errno);
      return false;
    }
  }
  if (isLinkMode(st.mode)) {
    const target = attempt(() => ctx.sys.readlink(src));
    if (!target.ok) {
      await sayErr(ctx, busybox ? src : `cannot read symbolic link ${gnuQuote(src)}`, target.errno);
      return false;
    }
    const r = attempt(() => ctx.sys.symlink(target.value, dest));
    if (!r.ok) {
      await sayErr(ctx, busybox ? `can't create symlink '${dest}' to '${target.value}'` : `cannot create symbolic link ${gnuQuote(dest)}`, r.errno);
      return false;
    }
    if (flags.preserve) {
      const c = attempt(() => ctx.sys.lchown(dest, st.uid, st.gid));
      if (!c.ok && busybox) await sayErr(ctx, `can't preserve ownership of '${dest}'`, c.errno);
    }
  } else {
    const r = attempt(() => ctx.sys.mknod(dest, st.mode, st.rdev));
    if (!r.ok) {
      await sayErr(ctx, busybox ? `can't create '${dest}'` : `cannot create special file ${gnuQuote(dest)}`, r.errno);
      return false;
    }
    if (flags.preserve) await preserveStatus(ctx, dest, st);
  }
  if (flags.verbose) await ctx.stdout.write(`'${src}' -> '${dest}'\n`);
  return true;
}

async function copyDir(ctx: ProgramContext, src: string, dest: string, st: Attrs, destSt: Attrs | undefined, flags: CopyFlags, depth: number): Promise<boolean> {
  const busybox = isBusybox(ctx);
  if (!flags.recursive) {
    await say(ctx, busybox ? `omitting directory '${src}'` : `-r not specified; omitting directory ${gnuQuote(src)}`);
    return false;
  }
  if (destSt !== undefined && !isDirMode(destSt.mode)) {
    await say(ctx, busybox ? `target '${dest}' is not a directory` : `cannot overwrite non-directory ${gnuQuote(dest)} with directory ${gnuQuote(src)}`);
    return false;
  }
  const umask = ctx.sys.umask();
  if (destSt === undefined) {
    const mode = ((flags.preserve ? st.mode : st.mode & ~umask) | 0o700) & 0o7777;
    ctx.sys.umask(0);
    const r = attempt(() => ctx.sys.mkdir(dest, mode));
    ctx.sys.umask(umask);
    if (!r.ok) {
      await sayErr(ctx, busybox ? `can't create directory '${dest}'` : `cannot create directory ${gnuQuote(dest)}`, r.errno);
      return false;
    }
    if (flags.verbose) await ctx.stdout.write(`'${src}' -> '${dest}'\n`);
  }
  let ok = true;
  const names = attempt(() => ctx.sys.readdir(src));
  if (!names.ok) {
    ok = false;
    if (!busybox) await sayErr(ctx, `cannot access ${gnuQuote(src)}`, names.errno);
  } else {
    for (const n of names.value) if (!(await copyFile(ctx, joinPath(src, n), joinPath(dest, n), flags, depth + 1))) ok = false;
  }
  if (destSt === undefined) {
    const m = attempt(() => ctx.sys.chmod(dest, st.mode & ~umask & 0o7777));
    if (!m.ok) await sayErr(ctx, busybox ? `can't preserve permissions of '${dest}'` : `setting permissions for ${gnuQuote(dest)}`, m.errno);
  }
  if (flags.preserve) await preserveStatus(ctx, dest, st);
  return ok;
}
