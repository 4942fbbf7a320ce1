// df [-PkmhTai] [-B SIZE] [FILESYSTEM]… — BusyBox coreutils/df.c (fixed columns, the mount table
// from /proc/mounts, mounts with no blocks hidden, percent rounded to nearest) and GNU coreutils
// df.c (columns sized to the widest value, duplicate devices elided, percent rounded up).
// Numbers come from statfs(2) on each mountpoint.

import type { ProgramContext } from "../kernel/program.js";
import type { StatFs } from "../vfs/node.js";
import { attempt, errText } from "./lib/cmd.js";
import { bbHuman, gnuHuman, gnuQuote, isBusybox, isScanError, permutes, scanError, scanOptions } from "./lib/files-common.js";
import type { Command } from "./types.js";

const USAGE = {
  trivial: "[-PkmhTai] [-B SIZE] [FILESYSTEM]...",
  full: "Print filesystem usage statistics\n\n\t-P\tPOSIX output format\n\t-k\t1024-byte blocks (default)\n\t-m\t1M-byte blocks\n\t-h\tHuman readable (e.g. 1K 243M 2G)\n\t-T\tPrint filesystem type\n\t-a\tShow all filesystems\n\t-i\tInodes\n\t-B SIZE\tBlocksize",
};

/** Pseudo filesystems report no blocks (f_blocks = 0) on Linux. */
const PSEUDO = new Set(["proc", "sysfs", "devpts", "mqueue", "cgroup", "cgroup2"]);

interface MountRow {
  source: string;
  target: string;
  type: string;
}

const unmangle = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

async function mountTable(ctx: ProgramContext): Promise<MountRow[] | undefined> {
  const text = await ctx.sys.readFile("/proc/mounts").catch(() => undefined);
  if (text === undefined) return undefined;
  return text.split("\n").filter(Boolean).map((l) => {
    const [source, target, type] = l.split(" ");
    return { source: unmangle(source!), target: unmangle(target!), type: type! };
  });
}

function statfsOf(ctx: ProgramContext, m: MountRow): StatFs | undefined {
  const r = attempt(() => ctx.sys.statfs(m.target));
  if (!r.ok) return undefined;
  return PSEUDO.has(m.type) ? { ...r.value, blocks: 0, blocksFree: 0 } : r.value;
}

interface Row {
  m: MountRow;
  s: StatFs;
}

/** find_mount_point(): the mount table entry of the filesystem holding `path`. */
function mountOf(ctx: ProgramContext, table: MountRow[], path: string): MountRow | undefined {
  const r = attempt(() => ctx.sys.statfs(path));
  if (!r.ok) return undefined;
  const hits = table.filter((m) => m.target === r.value.mountpoint);
  return hits.at(-1);
}

export const df: Command = {
  name: "df",
  usage: USAGE,
  async main(ctx) {
    const busybox = isBusybox(ctx);
    const scanned = scanOptions(ctx.argv.slice(1), busybox ? "kPTaiB:hm" : "aB:hHiklmPTt:x:", { all: "none", "human-readable": "none", inodes: "none", portability: "none", "print-type": "none", "block-size": "required", type: "required", total: "none" }, permutes(ctx));
    if (isScanError(scanned)) return scanError(ctx, scanned, USAGE);
    let unit = 1024;
    let posix = false;
    let showType = false;
    let all = false;
    let inodes = false;
    let human = false;
    for (const { opt, value } of scanned.options) {
      switch (opt) {
        case "k": unit = 1024; human = false; break;
        case "m": unit = 1024 * 1024; human = false; break;
        case "h": case "--human-readable": human = true; break;
        case "P": case "--portability": posix = true; break;
        case "T": case "--print-type": showType = true; break;
        case "a": case "--all": all = true; break;
        case "i": case "--inodes": inodes = true; break;
        case "B": case "--block-size": unit = Number.parseInt(value ?? "1024", 10) || 1024; break;
        default: break;
      }
    }
    const table = await mountTable(ctx);
    if (table === undefined) {
      await ctx.stderr.write(busybox ? "df: /proc/mounts: No such file or directory\n" : "df: cannot read table of mounted file systems: No such file or directory\n");
      return 1;
    }
    let status = 0;
    const rows: Row[] = [];
    // BusyBox prints the header before looking at operands (bb_error_msg flushes stdout first).
    if (busybox) await ctx.stdout.write(bbTable([], { unit, posix, showType, inodes, human }));
    if (scanned.operands.length === 0) {
      for (const m of table) {
        const s = statfsOf(ctx, m);
        if (s !== undefined && (s.blocks > 0 || all)) rows.push({ m, s });
      }
    } else {
      for (const p of scanned.operands) {
        const m = mountOf(ctx, table, p);
        const s = m === undefined ? undefined : statfsOf(ctx, m);
        if (m === undefined || s === undefined) {
          const e = attempt(() => ctx.sys.stat(p));
          await ctx.stderr.write(busybox ? `df: ${p}: can't find mount point\n` : `df: ${gnuQuote(p)}: ${e.ok ? "can't find mount point" : errText(ctx, e.errno)}\n`);
          status = 1;
          continue;
        }
        rows.push({ m, s });
      }
    }
    const out = busybox ? bbTable(rows, { unit, posix, showType, inodes, human }).replace(/^.*\n/, "") : gnuTable(ctx, scanned.operands.length === 0 && !all ? dedup(ctx, rows) : rows, { unit, posix, showType, inodes, human });
    await ctx.stdout.write(out);
    return status;
  },
};

interface Fmt {
  unit: number;
  posix: boolean;
  showType: boolean;
  inodes: boolean;
  human: boolean;
}

function numbers(r: Row, f: Fmt): { total: number; used: number; avail: number; frsize: number } {
  if (f.inodes) return { total: r.s.files, used: r.s.files - r.s.filesFree, avail: r.s.filesFree, frsize: 1 };
  return { total: r.s.blocks, used: r.s.blocks - r.s.blocksFree, avail: r.s.blocksFree, frsize: r.s.blockSize };
}

/** BusyBox: "%-20s" source, optional " %-10s" type, " %9s %9s %9s %3u%% %s". */
function bbTable(rows: Row[], f: Fmt): string {
  const unitHdr = f.human ? "     Size" : f.inodes ? "   Inodes" : `${bbHuman(f.unit, 0, f.posix ? 1 : 0)}-blocks`;
  let out = `Filesystem           ${f.showType ? "Type       " : ""}${unitHdr.padEnd(15)}Used Available ${f.posix ? "Capacity" : "Use%"} Mounted on\n`;
  const disp = f.human ? 0 : f.inodes ? 1 : f.unit;
  for (const r of rows) {
    const n = numbers(r, f);
    const pct = n.used + n.avail ? Math.floor((n.used * 100 + Math.floor((n.used + n.avail) / 2)) / (n.used + n.avail)) : 0;
    let line = r.m.source.padEnd(20);
    if (r.m.source.length > 20 && !f.posix) line += `\n${"".padEnd(20)}`;
    if (f.showType) {
      const t = ` ${r.m.type.padEnd(10)}`;
      line += t;
      if (t.length > 11 && !f.posix) line += `\n${"".padEnd(30)}`;
    }
    line += ` ${bbHuman(n.total, n.frsize, disp).padStart(9)} ${bbHuman(n.used, n.frsize, disp).padStart(9)} ${bbHuman(n.avail, n.frsize, disp).padStart(9)} ${String(pct).padStart(3)}% ${r.m.target}\n`;
    out += line;
  }
  return out;
}

/** GNU filter_mount_list(): one row per device, the shortest mount point wins. */
function dedup(ctx: ProgramContext, rows: Row[]): Row[] {
  const byDev = new Map<number, Row>();
  const order: number[] = [];
  for (const r of rows) {
    const st = attempt(() => ctx.sys.stat(r.m.target));
    const dev = st.ok ? st.value.dev : -order.length - 1;
    const prev = byDev.get(dev);
    if (prev === undefined) {
      byDev.set(dev, r);
      order.push(dev);
    } else if (r.m.target.length < prev.m.target.length) byDev.set(dev, r);
  }
  return order.map((d) => byDev.get(d)!);
}

function gnuTable(ctx: ProgramContext, rows: Row[], f: Fmt): string {
  const sizeHdr = f.inodes ? "Inodes" : f.human ? "Size" : f.posix ? `${f.unit}-blocks` : f.unit === 1024 ? "1K-blocks" : f.unit === 1024 * 1024 ? "1M-blocks" : `${f.unit}B-blocks`;
  const header = ["Filesystem", ...(f.showType ? ["Type"] : []), sizeHdr, f.inodes ? "IUsed" : "Used", f.inodes ? "IFree" : f.human ? "Avail" : "Available", f.inodes ? "IUse%" : f.posix ? "Capacity" : "Use%", "Mounted on"];
  const fmtNum = (v: number, frsize: number) => (f.human ? gnuHuman(v * frsize) : f.inodes ? String(v) : String(Math.ceil((v * frsize) / f.unit)));
  const body = rows.map((r) => {
    const n = numbers(r, f);
    const denom = n.used + n.avail;
    const pct = denom ? `${Math.ceil((n.used * 100) / denom)}%` : "-";
    return [r.m.source, ...(f.showType ? [r.m.type] : []), fmtNum(n.total, n.frsize), fmtNum(n.used, n.frsize), fmtNum(n.avail, n.frsize), pct, r.m.target];
  });
  const mins = [14, ...(f.showType ? [4] : []), 5, 5, 5, 4, 0];
  const widths = header.map((h, i) => Math.max(mins[i]!, h.length, ...body.map((b) => b[i]!.length)));
  const left = (i: number) => i === 0 || (f.showType && i === 1) || i === header.length - 1;
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" ");
  void ctx;
  // The header's numeric titles are right-aligned except "Filesystem"/"Type"/"Mounted on".
  return [line(header), ...body.map(line)].map((l) => `${l}\n`).join("");
}
