// sysctl [-neaqw] [KEY[=VALUE]]… / -p [FILE] (BusyBox procps/sysctl.c sysctl_main(),
// sysctl_act_on_setting(); procps-ng 3.3.9 sysctl.c ReadSetting()/WriteSetting()/DisplayAll()).
// Everything goes through files under /proc/sys: the runtime mounts that tree read-only, so a
// write fails there with EROFS (or EACCES for another owner) as the kernel decides.

import type { Errno } from "../kernel/errno.js";
import type { ProgramContext } from "../kernel/program.js";
import { applet, attempt, attemptAsync, error, errText, isBusybox, isOptionError, optionError, out, parseOptions, perror } from "./lib/cmd.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "-p [-enq] [FILE...] / [-enqaw] [KEY[=VALUE]]...",
  full: "Show/set kernel parameters\n\n\t-p\tSet values from FILEs (default /etc/sysctl.conf)\n\t-e\tDon't warn about unknown keys\n\t-n\tDon't show key names\n\t-q      Quiet\n\t-a\tShow all values\n\t-w\tSet values",
};

const PROC_SYS = "/proc/sys/";
const S_IFDIR = 0o040000;

async function readWhole(ctx: ProgramContext, path: string): Promise<{ ok: true; value: string } | { ok: false; errno: Errno }> {
  return attemptAsync(() => ctx.sys.readFile(path));
}

function writeWhole(ctx: ProgramContext, path: string, data: string): Promise<{ ok: true; value: void } | { ok: false; errno: Errno }> {
  return attemptAsync(async () => {
    const f = ctx.sys.open(path, { write: true, creat: true, trunc: true }, 0o666);
    await f.write(data);
  });
}

const isDir = (ctx: ProgramContext, path: string) => {
  const st = attempt(() => ctx.sys.stat(path));
  return st.ok && (st.value.mode & 0o170000) === S_IFDIR;
};

// ---- BusyBox -----------------------------------------------------------------------------------

interface BbFlags { showKeys: boolean; showKeyErrors: boolean; write: boolean; quiet: boolean }

/** sysctl_dots_to_slashes(): turn the fewest dots into slashes so that the path exists. */
function dotsToSlashes(ctx: ProgramContext, name: string): string {
  const chars = [...name, "."];
  let lastGood = -1;
  const exists = (s: string) => attempt(() => ctx.sys.access(PROC_SYS + s, 0)).ok;
  for (;;) {
    let replaced = false;
    for (let i = chars.length - 1; i > lastGood; i--) {
      if (chars[i] !== ".") continue;
      if (exists(chars.slice(0, i).join(""))) {
        chars[i] = "/";
        lastGood = i;
        replaced = true;
        break;
      }
    }
    if (!replaced) break;
  }
  return chars.slice(0, -1).join("");
}

async function bbActOnSetting(ctx: ProgramContext, setting: string, f: BbFlags): Promise<number> {
  const eq = setting.indexOf("=");
  const writing = f.write || eq >= 0;
  const outname = (eq >= 0 ? setting.slice(0, eq) : setting).replace(/\//g, ".");
  if (writing) {
    if (eq < 0) {
      await error(ctx, `error: '${outname}' must be of the form name=value`);
      return 1;
    }
    const value = setting.slice(eq + 1);
    if (eq === 0 || value === "") {
      await error(ctx, `error: malformed setting '${setting.replace(/\//g, ".")}'`);
      return 1;
    }
    const w = await writeWhole(ctx, PROC_SYS + setting.slice(0, eq), value);
    if (!w.ok) return bbOpenError(ctx, w.errno, outname, "sett", f);
    if (!f.quiet) await out(ctx, `${f.showKeys ? `${outname} = ` : ""}${value}\n`);
    return 0;
  }
  const r = await readWhole(ctx, PROC_SYS + setting);
  if (!r.ok) return bbOpenError(ctx, r.errno, outname, "read", f);
  let text = "";
  for (const line of r.value.split(/(?<=\n)/)) if (line !== "") text += `${f.showKeys ? `${outname} = ` : ""}${line}`;
  await out(ctx, text);
  return 0;
}

async function bbOpenError(ctx: ProgramContext, e: Errno, outname: string, what: string, f: BbFlags): Promise<number> {
  if (e.name === "EACCES") return 0; // write-only settings are skipped silently
  if (e.name === "ENOENT") {
    if (f.showKeyErrors) await error(ctx, `error: '${outname}' is an unknown key`);
  } else await perror(ctx, `error ${what}ing key '${outname}'`, e);
  return 1;
}

async function bbRecursive(ctx: ProgramContext, path: string, f: BbFlags): Promise<number> {
  if (isDir(ctx, PROC_SYS + path) && !f.write) {
    const names = attempt(() => ctx.sys.readdir(PROC_SYS + path));
    if (!names.ok) return 1;
    let rc = 0;
    for (const n of names.value) rc |= await bbRecursive(ctx, path === "" ? n : `${path}/${n}`, f);
    return rc;
  }
  return bbActOnSetting(ctx, path, f);
}

async function busyboxMain(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv.slice(1), "neAapwq");
  if (isOptionError(parsed)) return optionError(ctx, parsed, USAGE);
  const o = parsed.flags;
  const f: BbFlags = { showKeys: !o.has("n"), showKeyErrors: !o.has("e"), write: o.has("w") || o.has("p"), quiet: o.has("q") };
  if (o.has("p")) {
    const files = parsed.operands.length > 0 ? parsed.operands : ["/etc/sysctl.conf"];
    for (const file of files) {
      const r = await readWhole(ctx, file);
      if (!r.ok) {
        await perror(ctx, `can't open '${file}'`, r.errno);
        return 1;
      }
      for (const raw of r.value.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";") || !line.includes("=")) continue;
        const [k, ...v] = line.split("=");
        await bbActOnSetting(ctx, `${dotsToSlashes(ctx, k!.trim())}=${v.join("=").trim()}`, f);
      }
    }
    return 0;
  }
  if (o.has("a") || o.has("A")) return bbRecursive(ctx, "", f);
  let rc = 0;
  for (const arg of parsed.operands) {
    const eq = arg.indexOf("=");
    const key = dotsToSlashes(ctx, eq < 0 ? arg : arg.slice(0, eq));
    rc |= await bbRecursive(ctx, eq < 0 ? key : `${key}${arg.slice(eq)}`, f);
  }
  return rc;
}

// ---- procps-ng ---------------------------------------------------------------------------------

const PROCPS_USAGE = `
Usage:
 %s [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of a variables
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

interface PsFlags { printName: boolean; printNewline: boolean; ignoreError: boolean; nameOnly: boolean; quiet: boolean; pattern?: RegExp }

async function psRead(ctx: ProgramContext, name: string, f: PsFlags): Promise<number> {
  const prog = applet(ctx);
  const outname = name.replace(/\//g, ".");
  const path = PROC_SYS + name.replace(/\./g, "/");
  const st = attempt(() => ctx.sys.stat(path));
  if (!st.ok) {
    if (f.ignoreError) return 0;
    await ctx.stderr.write(`${prog}: cannot stat ${path}: ${errText(ctx, st.errno)}\n`);
    return -1;
  }
  if ((st.value.mode & 0o400) === 0) return 0;
  if ((st.value.mode & 0o170000) === S_IFDIR) return psDisplayAll(ctx, `${path}/`, f);
  if (f.pattern && !f.pattern.test(outname)) return 0;
  const r = await readWhole(ctx, path);
  if (!r.ok) {
    if (r.errno.name === "ENOENT") {
      if (f.ignoreError) return 0;
      await ctx.stderr.write(`${prog}: "${outname}" is an unknown key\n`);
    } else if (r.errno.name === "EACCES") await ctx.stderr.write(`${prog}: permission denied on key '${outname}'\n`);
    else await ctx.stderr.write(`${prog}: reading key "${outname}": ${errText(ctx, r.errno)}\n`);
    return -1;
  }
  let text = "";
  for (const line of r.value.split(/(?<=\n)/)) {
    if (line === "") continue;
    if (f.nameOnly) text += `${outname}\n`;
    else if (f.printName) text += `${outname} = ${line}${line.endsWith("\n") ? "" : "\n"}`;
    else text += f.printNewline ? line : line.replace(/\n/, "");
  }
  await out(ctx, text);
  return 0;
}

async function psDisplayAll(ctx: ProgramContext, path: string, f: PsFlags): Promise<number> {
  const names = attempt(() => ctx.sys.readdir(path));
  if (!names.ok) {
    await ctx.stderr.write(`${applet(ctx)}: unable to open directory "${path}"\n`);
    return -1;
  }
  let rc = 0;
  for (const n of names.value) {
    if (n === "base_reachable_time" || n === "retrans_time") continue;
    const full = `${path}${n}`;
    if (isDir(ctx, full)) await psDisplayAll(ctx, `${full}/`, f);
    else rc |= await psRead(ctx, full.slice(PROC_SYS.length), f);
  }
  return rc;
}

async function psWrite(ctx: ProgramContext, setting: string, f: PsFlags): Promise<number> {
  const prog = applet(ctx);
  const eq = setting.indexOf("=");
  if (eq < 0) {
    await ctx.stderr.write(`${prog}: "${setting}" must be of the form name=value\n`);
    return -1;
  }
  const value = setting.slice(eq + 1);
  if (eq === 0 || value === "") {
    await ctx.stderr.write(`${prog}: malformed setting "${setting}"\n`);
    return -2;
  }
  const name = setting.slice(0, eq);
  const path = PROC_SYS + name.replace(/\./g, "/");
  const outname = name.replace(/\//g, ".");
  const st = attempt(() => ctx.sys.stat(path));
  if (!st.ok) {
    if (f.ignoreError) return 0;
    await ctx.stderr.write(`${prog}: cannot stat ${path}: ${errText(ctx, st.errno)}\n`);
    return -1;
  }
  if ((st.value.mode & 0o200) === 0 || (st.value.mode & 0o170000) === S_IFDIR) {
    await ctx.stderr.write(`${prog}: setting key "${outname}"\n`);
    return 0;
  }
  const w = await writeWhole(ctx, path, `${value}\n`);
  if (!w.ok) {
    if (w.errno.name === "ENOENT") {
      if (f.ignoreError) return 0;
      await ctx.stderr.write(`${prog}: "${outname}" is an unknown key\n`);
    } else if (w.errno.name === "EACCES") await ctx.stderr.write(`${prog}: permission denied on key '${outname}'\n`);
    else await ctx.stderr.write(`${prog}: setting key "${outname}": ${errText(ctx, w.errno)}\n`);
    return -1;
  }
  if (!f.quiet) await out(ctx, f.nameOnly ? `${outname}\n` : f.printName ? `${outname} = ${value}\n` : f.printNewline ? `${value}\n` : value);
  return 0;
}

async function procpsMain(ctx: ProgramContext): Promise<number> {
  const prog = applet(ctx);
  const usageText = PROCPS_USAGE.replace("%s", prog);
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    await ctx.stderr.write(usageText);
    return 1;
  }
  const parsed = parseOptions(args, "bneNwfpqoxaAXr:Vdh", {
    long: ["all", "deprecated", "binary", "ignore", "names", "values", "load", "quiet", "write", "system", "pattern=", "help", "version"], permute: true,
  });
  if (isOptionError(parsed)) {
    await ctx.stderr.write(parsed.opt.startsWith("--") ? `${prog}: unrecognized option '${parsed.opt}'\n` : parsed.kind === "missing" ? `${prog}: option requires an argument -- '${parsed.opt}'\n` : `${prog}: invalid option -- '${parsed.opt}'\n`);
    await out(ctx, usageText);
    return 0;
  }
  const o = parsed.flags;
  if (o.has("d") || o.has("h") || o.has("--help")) {
    await out(ctx, usageText);
    return 0;
  }
  if (o.has("V") || o.has("--version")) {
    await out(ctx, `${prog} from procps-ng ${ctx.exe.version}\n`);
    return 0;
  }
  const pattern = parsed.values.get("r") ?? parsed.values.get("--pattern");
  const f: PsFlags = {
    printName: !(o.has("n") || o.has("b") || o.has("--values") || o.has("--binary")), printNewline: !(o.has("b") || o.has("--binary")),
    ignoreError: o.has("e") || o.has("--ignore"), nameOnly: o.has("N") || o.has("--names"), quiet: o.has("q") || o.has("--quiet"),
    ...(pattern === undefined ? {} : { pattern: new RegExp(pattern) }),
  };
  if (o.has("a") || o.has("A") || o.has("X") || o.has("--all")) return (await psDisplayAll(ctx, PROC_SYS, f)) & 0xff;
  if (o.has("p") || o.has("f") || o.has("--load")) {
    const files = parsed.operands.length > 0 ? parsed.operands : ["/etc/sysctl.conf"];
    let rc = 0;
    for (const file of files) {
      const r = await readWhole(ctx, file);
      if (!r.ok) {
        await ctx.stderr.write(`${prog}: cannot open "${file}": ${errText(ctx, r.errno)}\n`);
        rc |= -1;
        continue;
      }
      for (const raw of r.value.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
        const eq = line.indexOf("=");
        if (eq < 0) {
          await ctx.stderr.write(`${prog}: ${file}(${r.value.split("\n").indexOf(raw) + 1}): invalid syntax, continuing...\n`);
          continue;
        }
        rc |= await psWrite(ctx, `${line.slice(0, eq).trim()}=${line.slice(eq + 1).trim()}`, f);
      }
    }
    return rc & 0xff;
  }
  if (parsed.operands.length === 0) {
    await ctx.stderr.write(`${prog}: no variables specified\nTry \`${prog} --help' for more information.\n`);
    return 1;
  }
  let rc = 0;
  for (const a of parsed.operands) rc += o.has("w") || o.has("--write") || a.includes("=") ? await psWrite(ctx, a, f) : await psRead(ctx, a, f);
  return rc & 0xff;
}

export const sysctl: Command = {
  name: "sysctl",
  usage: USAGE,
  main: (ctx) => (isBusybox(ctx) ? busyboxMain(ctx) : procpsMain(ctx)),
};
