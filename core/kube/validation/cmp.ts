// A port of github.com/google/go-cmp's Diff (v0.7: compare.go, internal/diff, report_*.go) for
// the Go values of ./gotypes.ts, so ValidatePodUpdate's `cmp.Diff(oldPod.Spec, mungedPodSpec)`
// prints what the apiserver prints. go-cmp deliberately randomizes two things per process: the
// indent (regular or non-breaking spaces) and the direction of its edit-script search; podlab
// takes the regular-space, forward-search variant (what `flags.Deterministic` selects).
// Pointer-cycle references are not modelled (internal pod specs share no pointers).

import { isZero, typeString, type GoMap, type GoPtr, type GoScalar, type GoSlice, type GoStruct, type GoType, type GoValue, type GoOpaque } from "./gotypes.js";

// ---------------------------------------------------------------------------------------------
// internal/diff: the edit script between two sequences.

type Edit = "=" | "X" | "Y" | "M";
interface Res { numSame: number; numDiff: number }
const resEqual = (r: Res) => r.numDiff === 0;
const resSimilar = (r: Res) => r.numSame + 1 >= r.numDiff;

/** diff.Difference (forward search first), with its O(n) search budget. */
export function difference(nx: number, ny: number, f: (ix: number, iy: number) => Res): Edit[] {
  const fwd = { dir: 1, x: 0, y: 0, es: [] as Edit[] };
  const rev = { dir: -1, x: nx, y: ny, es: [] as Edit[] };
  let fwdFrontier = { x: 0, y: 0 };
  let revFrontier = { x: nx, y: ny };
  let budget = 4 * (nx + ny);
  const append = (p: typeof fwd, t: Edit) => {
    p.es.push(t);
    if (t === "=" || t === "M") { p.x += p.dir; p.y += p.dir; } else if (t === "X") p.x += p.dir; else p.y += p.dir;
  };
  const connect = (p: typeof fwd, dst: { x: number; y: number }) => {
    if (p.dir > 0) {
      while (dst.x > p.x && dst.y > p.y) {
        const r = f(p.x, p.y);
        append(p, resEqual(r) ? "=" : resSimilar(r) ? "M" : dst.x - p.x >= dst.y - p.y ? "X" : "Y");
      }
      while (dst.x > p.x) append(p, "X");
      while (dst.y > p.y) append(p, "Y");
    } else {
      while (p.x > dst.x && p.y > dst.y) {
        const r = f(p.x - 1, p.y - 1);
        append(p, resEqual(r) ? "=" : resSimilar(r) ? "M" : p.y - dst.y >= p.x - dst.x ? "Y" : "X");
      }
      while (p.x > dst.x) append(p, "X");
      while (p.y > dst.y) append(p, "Y");
    }
  };
  const zigzag = (x: number) => ((x & 1) !== 0 ? ~x >> 1 : x >> 1);
  let forward = true;
  for (;;) {
    if (fwdFrontier.x >= revFrontier.x || fwdFrontier.y >= revFrontier.y || budget === 0) break;
    if (forward) {
      for (let stop1 = false, stop2 = false, i = 0; !(stop1 && stop2) && budget > 0; i++) {
        const z = zigzag(i);
        const p = { x: fwdFrontier.x + z, y: fwdFrontier.y - z };
        if (p.x >= rev.x || p.y < fwd.y) stop1 = true;
        else if (p.y >= rev.y || p.x < fwd.x) stop2 = true;
        else if (resEqual(f(p.x, p.y))) {
          connect(fwd, p);
          append(fwd, "=");
          while (fwd.x < rev.x && fwd.y < rev.y && resEqual(f(fwd.x, fwd.y))) append(fwd, "=");
          fwdFrontier = { x: fwd.x, y: fwd.y };
          stop1 = stop2 = true;
        } else budget--;
      }
      if (rev.x - fwdFrontier.x >= rev.y - fwdFrontier.y) fwdFrontier.x++; else fwdFrontier.y++;
    } else {
      for (let stop1 = false, stop2 = false, i = 0; !(stop1 && stop2) && budget > 0; i++) {
        const z = zigzag(i);
        const p = { x: revFrontier.x - z, y: revFrontier.y + z };
        if (fwd.x >= p.x || rev.y < p.y) stop1 = true;
        else if (fwd.y >= p.y || rev.x < p.x) stop2 = true;
        else if (resEqual(f(p.x - 1, p.y - 1))) {
          connect(rev, p);
          append(rev, "=");
          while (fwd.x < rev.x && fwd.y < rev.y && resEqual(f(rev.x - 1, rev.y - 1))) append(rev, "=");
          revFrontier = { x: rev.x, y: rev.y };
          stop1 = stop2 = true;
        } else budget--;
      }
      if (revFrontier.x - fwd.x >= revFrontier.y - fwd.y) revFrontier.x--; else revFrontier.y--;
    }
    forward = !forward;
  }
  connect(fwd, { x: rev.x, y: rev.y });
  for (let i = rev.es.length - 1; i >= 0; i--) append(fwd, rev.es[i]!);
  return fwd.es;
}

// ---------------------------------------------------------------------------------------------
// compare.go + report_value.go: walk both values, building the report tree.

type Key = { kind: "field"; name: string } | { kind: "index" } | { kind: "map"; key: GoScalar };

class ValueNode {
  numSame = 0;
  numDiff = 0;
  numCompared = 0;
  numChildren = 0;
  maxDepth = 0;
  records: { key: Key; value: ValueNode }[] | undefined;
  value: ValueNode | undefined;
  constructor(readonly type: GoType, readonly vx: GoValue | undefined, readonly vy: GoValue | undefined, readonly parent: ValueNode | undefined) {}
}

class Comparer {
  private curr: ValueNode | undefined;
  root: ValueNode | undefined;
  private result: Res = { numSame: 0, numDiff: 0 };
  private reporting = true;

  compareAny(type: GoType, vx: GoValue | undefined, vy: GoValue | undefined, key: Key | "indirect" | "root"): void {
    const node = this.reporting ? this.push(type, vx, vy, key) : undefined;
    try {
      if (vx === undefined || vy === undefined) return this.report(vx === vy, false);
      if (type.kind === "struct" && type.equal !== undefined) return this.report(type.equal(vx as GoStruct, vy as GoStruct), true);
      switch (type.kind) {
        case "bool": case "string": case "int": case "int32": case "int64":
          return this.report((vx as GoScalar).v === (vy as GoScalar).v, false);
        case "opaque":
          return this.report(JSON.stringify((vx as GoOpaque).json ?? null) === JSON.stringify((vy as GoOpaque).json ?? null), false);
        case "struct":
          return (vx as GoStruct).defs.forEach((d, i) => this.compareAny(d.type, (vx as GoStruct).fields[i], (vy as GoStruct).fields[i], { kind: "field", name: d.name }));
        case "ptr": {
          const x = (vx as GoPtr).elem, y = (vy as GoPtr).elem;
          if (x === null || y === null) return this.report(x === y, false);
          return this.compareAny(type.elem, x, y, "indirect");
        }
        case "slice": return this.compareSlice(type.elem, vx as GoSlice, vy as GoSlice);
        case "map": return this.compareMap(vx as GoMap, vy as GoMap);
      }
    } finally {
      if (node !== undefined) this.pop();
    }
  }

  private compareSlice(elem: GoType, vx: GoSlice, vy: GoSlice): void {
    if (vx.items === null || vy.items === null) return this.report(vx.items === vy.items, false);
    const xs = vx.items, ys = vy.items;
    const edits = difference(xs.length, ys.length, (ix, iy) => this.statelessCompare(elem, xs[ix], ys[iy]));
    let ix = 0, iy = 0;
    for (const e of edits) {
      if (e === "X") this.compareAny(elem, xs[ix++], undefined, { kind: "index" });
      else if (e === "Y") this.compareAny(elem, undefined, ys[iy++], { kind: "index" });
      else this.compareAny(elem, xs[ix++], ys[iy++], { kind: "index" });
    }
  }

  private compareMap(vx: GoMap, vy: GoMap): void {
    if (vx.entries === null || vy.entries === null) return this.report(vx.entries === vy.entries, false);
    const keys = [...new Set([...vx.entries.map(([k]) => String(k.v)), ...vy.entries.map(([k]) => String(k.v))])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) {
      const x = vx.entries.find(([kk]) => kk.v === k), y = vy.entries.find(([kk]) => kk.v === k);
      this.compareAny(vx.t.elem, x?.[1], y?.[1], { kind: "map", key: { t: vx.t.key, v: k } });
    }
  }

  private statelessCompare(type: GoType, vx: GoValue | undefined, vy: GoValue | undefined): Res {
    const saved = { result: this.result, reporting: this.reporting };
    this.result = { numSame: 0, numDiff: 0 };
    this.reporting = false;
    this.compareAny(type, vx, vy, { kind: "index" });
    const res = this.result;
    this.result = saved.result;
    this.reporting = saved.reporting;
    return res;
  }

  private report(eq: boolean, byMethod: boolean): void {
    if (eq) this.result.numSame++; else this.result.numDiff++;
    if (!this.reporting || this.curr === undefined) return;
    if (eq) this.curr.numSame++; else this.curr.numDiff++;
    if (byMethod) this.curr.numCompared++;
  }

  private push(type: GoType, vx: GoValue | undefined, vy: GoValue | undefined, key: Key | "indirect" | "root"): ValueNode {
    const child = new ValueNode(type, vx, vy, this.curr);
    if (this.curr !== undefined) {
      if (key === "indirect") this.curr.value = child;
      else if (key !== "root") (this.curr.records ??= []).push({ key, value: child });
    }
    this.curr = child;
    this.root ??= child;
    return child;
  }

  private pop(): void {
    const child = this.curr!;
    const parent = child.parent;
    if (parent !== undefined) {
      parent.numSame += child.numSame;
      parent.numDiff += child.numDiff;
      parent.numCompared += child.numCompared;
      parent.numChildren += child.numChildren + 1;
      parent.maxDepth = Math.max(parent.maxDepth, child.maxDepth + 1);
    }
    this.curr = parent;
  }
}

// ---------------------------------------------------------------------------------------------
// report_text.go: the text tree and its compact/expanded rendering.

const DIFF_UNKNOWN = 0, DIFF_IDENTICAL = 0x20, DIFF_REMOVED = 0x2d, DIFF_INSERTED = 0x2b;
type DiffMode = number;
const maxColumnLength = 80;

interface DiffStats { name: string; ignored: number; identical: number; removed: number; inserted: number; modified: number }
const stats = (name: string): DiffStats => ({ name, ignored: 0, identical: 0, removed: 0, inserted: 0, modified: 0 });
const statsIsZero = (s: DiffStats) => s.ignored + s.identical + s.removed + s.inserted + s.modified === 0;
const statsNumDiff = (s: DiffStats) => s.removed + s.inserted + s.modified;
const statsAppend = (a: DiffStats, b: DiffStats): DiffStats => ({ name: a.name, ignored: a.ignored + b.ignored, identical: a.identical + b.identical, removed: a.removed + b.removed, inserted: a.inserted + b.inserted, modified: a.modified + b.modified });

function statsString(s: DiffStats): string {
  const labels = ["ignored", "identical", "removed", "inserted", "modified"];
  const counts = [s.ignored, s.identical, s.removed, s.inserted, s.modified];
  const parts: string[] = [];
  let sum = 0;
  counts.forEach((n, i) => {
    if (n > 0) parts.push(`${n} ${labels[i]}`);
    sum += n;
  });
  let name = s.name;
  if (sum > 1) {
    name += "s";
    if (name.endsWith("ys")) name = `${name.slice(0, -2)}ies`;
  }
  if (parts.length === 0) return "";
  if (parts.length <= 2) return `${parts.join(" and ")} ${name}`;
  return `${parts.slice(0, -1).join(", ")}, and ${parts[parts.length - 1]} ${name}`;
}

type TextNode = TextLine | TextWrap | TextList;
class TextLine { constructor(readonly s: string) {} }
class TextWrap { constructor(public prefix: string, public value: TextNode, public suffix: string) {} }
interface TextRecord { diff: DiffMode; key: string; value: TextNode; elideComma: boolean; comment: DiffStats | string | undefined }
class TextList { constructor(readonly records: TextRecord[] = []) {} }

const textNil = new TextLine("nil");
const textEllipsis = new TextLine("...");
const rec = (value: TextNode, extra: Partial<TextRecord> = {}): TextRecord => ({ diff: DIFF_UNKNOWN, key: "", value, elideComma: false, comment: undefined, ...extra });

function textLen(n: TextNode): number {
  if (n instanceof TextLine) return n.s.length;
  if (n instanceof TextWrap) return n.prefix.length + textLen(n.value) + n.suffix.length;
  return n.records.reduce((acc, r, i) => acc + r.key.length + (r.key !== "" ? 2 : 0) + textLen(r.value) + (i < n.records.length - 1 ? 2 : 0), 0);
}

function commentEqual(a: TextRecord["comment"], b: TextRecord["comment"]): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (typeof a === "string" ? a : statsString(a)) === (typeof b === "string" ? b : statsString(b));
}

function textEqual(a: TextNode, b: TextNode): boolean {
  if (a instanceof TextLine) return b instanceof TextLine && a.s === b.s;
  if (a instanceof TextWrap) return b instanceof TextWrap && a.prefix === b.prefix && a.suffix === b.suffix && textEqual(a.value, b.value);
  return b instanceof TextList && a.records.length === b.records.length
    && a.records.every((r, i) => { const s = b.records[i]!; return r.diff === s.diff && r.key === s.key && textEqual(r.value, s.value) && commentEqual(r.comment, s.comment); });
}

function appendEllipsis(list: TextList, ds: DiffStats | undefined): void {
  const last = list.records[list.records.length - 1];
  const has = ds !== undefined && !statsIsZero(ds);
  if (last === undefined || !textEqual(last.value, textEllipsis)) {
    list.records.push(rec(textEllipsis, { elideComma: true, ...(has ? { comment: ds } : {}) }));
    return;
  }
  if (has) last.comment = statsAppend(last.comment as DiffStats, ds);
}

/** formatCompactTo: collapse nodes that fit on one line into text lines. */
function compact(n: TextNode, d: DiffMode): { s: string; node: TextNode } {
  if (n instanceof TextLine) return { s: n.s, node: n };
  if (n instanceof TextWrap) {
    const inner = compact(n.value, d);
    n.value = inner.node;
    const s = n.prefix + inner.s + n.suffix;
    return { s, node: inner.node instanceof TextLine ? new TextLine(s) : n };
  }
  const records = n.records.map((r) => ({ ...r }));
  let s = "";
  let multiLine = false;
  records.forEach((r, i) => {
    if (r.diff === DIFF_INSERTED || r.diff === DIFF_REMOVED) multiLine = true;
    s += r.key;
    if (r.key !== "") s += ": ";
    const inner = compact(r.value, d | r.diff);
    r.value = inner.node;
    s += inner.s;
    if (!(inner.node instanceof TextLine)) multiLine = true;
    if (r.comment !== undefined) multiLine = true;
    if (i < records.length - 1) s += ", ";
  });
  if ((d === DIFF_INSERTED || d === DIFF_REMOVED) && s.length > maxColumnLength) multiLine = true;
  return { s, node: multiLine ? new TextList(records) : new TextLine(s) };
}

function indent(n: number, d: DiffMode): string {
  const head = d === DIFF_UNKNOWN || d === DIFF_IDENTICAL ? "  " : d === DIFF_REMOVED ? "- " : d === DIFF_INSERTED ? "+ " : "";
  return head + "\t".repeat(n);
}

const runeLen = (s: string) => [...s].length;

function alignLens(records: TextRecord[], skip: (r: TextRecord) => boolean, len: (r: TextRecord) => number): number[] {
  const lens = records.map(() => 0);
  let start = 0, end = 0, max = 0;
  const flush = () => { for (let j = start; j < end && j < records.length; j++) lens[j] = max - len(records[j]!); };
  records.forEach((r, i) => {
    if (skip(r)) {
      flush();
      start = i + 1; end = i + 1; max = 0;
    } else {
      max = Math.max(max, len(r));
      end = i + 1;
    }
  });
  flush();
  return lens;
}

/** formatExpandedTo */
function expand(n: TextNode, d: DiffMode, level: number): string {
  if (n instanceof TextLine) return n.s;
  if (n instanceof TextWrap) return n.prefix + expand(n.value, d, level) + n.suffix;
  const records = n.records;
  const keyLens = alignLens(records, (r) => r.key === "" || !(r.value instanceof TextLine), (r) => runeLen(r.key));
  const valueLens = alignLens(records, (r) => !(r.value instanceof TextLine) || textEqual(r.value, textEllipsis) || r.comment === undefined, (r) => runeLen((r.value as TextLine).s));
  const isSimple = records.length > 0 && records.every((r) => r.diff === 0 && r.key === "" && r.value instanceof TextLine && r.comment === undefined);
  let out = "";
  if (isSimple) {
    let batch = "";
    const emit = () => {
      if (batch.length > 0) out += `\n${indent(level + 1, d)}${batch.replace(/ +$/, "")}`;
      batch = "";
    };
    for (const r of records) {
      const line = (r.value as TextLine).s;
      if (batch.length + line.length + 2 > maxColumnLength) emit();
      batch += `${line}, `;
    }
    emit();
    return `${out}\n${indent(level, d)}`;
  }
  records.forEach((r, i) => {
    out += `\n${indent(level + 1, d | r.diff)}`;
    if (r.key !== "") out += `${r.key}: `;
    out += " ".repeat(keyLens[i]!);
    out += expand(r.value, d | r.diff, level + 1);
    if (!r.elideComma) out += ",";
    out += " ".repeat(valueLens[i]!);
    if (r.comment !== undefined) out += ` // ${typeof r.comment === "string" ? r.comment : statsString(r.comment)}`;
  });
  return `${out}\n${indent(level, d)}`;
}

function render(n: TextNode): string {
  const { node } = compact(n, DIFF_UNKNOWN);
  return `${indent(0, DIFF_UNKNOWN)}${expand(node, DIFF_UNKNOWN, 0)}\n`;
}

// ---------------------------------------------------------------------------------------------
// report_compare.go / report_reflect.go / report_slices.go: formatting the report tree.

const EMIT = 0, ELIDE = 1, AUTO = 2;
interface Opts { diffMode: DiffMode; typeMode: number; verbosity: number; limitVerbosity: boolean; avoidStringer: boolean }
const maxVerbosityPreset = 6;
const verbosityOf = (o: Opts) => Math.max(0, Math.min(16, o.verbosity));
const withVerbosity = (o: Opts, level: number): Opts => ({ ...o, verbosity: level, limitVerbosity: true });
const verbosityPreset = (o: Opts, i: number): Opts => ({ ...o, verbosity: verbosityOf(o) + 2 * i, avoidStringer: i > 0 ? true : o.avoidStringer });

const isNamed = (t: GoType) => t.kind === "struct" || t.kind === "opaque" || (t.kind !== "ptr" && "name" in t && t.name !== undefined);

/** formatString: strconv.Quote, or a raw string when quoting would escape and backquotes can hold it. */
function formatString(s: string): string {
  const q = goQuoteCmp(s);
  if (q.length === s.length + 2) return q;
  if (!/[`\n]/.test(s) && [...s].every((c) => c === "\t" || /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c))) return `\`${s}\``;
  return q;
}

function goQuoteCmp(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === " " || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** formatString of report_reflect.go: multi-line strings in -/+ records become """ blocks. */
function optsFormatString(o: Opts, prefix: string, s: string): TextNode {
  let maxLen = s.length;
  let maxLines = s.split("\n").length;
  if (o.limitVerbosity) {
    maxLen = (1 << verbosityOf(o)) << 5;
    maxLines = (1 << verbosityOf(o)) << 2;
  }
  const lines = s.replace(/\n$/, "").split("\n");
  let triple = lines.length >= 4 && (o.diffMode === DIFF_REMOVED || o.diffMode === DIFF_INSERTED);
  for (let i = 0; i < lines.length && triple; i++) {
    lines[i] = lines[i]!.replace(/\r$/, "").replace(/^\r/, "");
    const line = lines[i]!;
    triple = !line.slice(line.startsWith(prefix) ? prefix.length : 0).startsWith('"""') && !line.startsWith("...")
      && [...line].every((c) => c === "\t" || c === " " || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c)) && line.length <= maxLen;
  }
  if (triple) {
    const list = new TextList([rec(new TextLine(`${prefix}"""`), { diff: o.diffMode, elideComma: true })]);
    for (let i = 0; i < lines.length; i++) {
      const elided = lines.length - i;
      if (i === maxLines - 1 && elided > 1) {
        list.records.push(rec(textEllipsis, { diff: o.diffMode, elideComma: true, comment: `${elided} elided lines` }));
        break;
      }
      list.records.push(rec(new TextLine(lines[i]!), { diff: o.diffMode, elideComma: true }));
    }
    list.records.push(rec(new TextLine(`${prefix}"""`), { diff: o.diffMode, elideComma: true }));
    return new TextWrap("(", list, ")");
  }
  if (s.length > maxLen + 3) return new TextLine(`${prefix}${formatString(s.slice(0, maxLen))}...`);
  return new TextLine(prefix + formatString(s));
}

/** FormatType */
function formatType(o: Opts, t: GoType, s: TextNode): TextNode {
  if (o.typeMode === AUTO) {
    if (t.kind === "struct" || t.kind === "slice" || t.kind === "map" || t.kind === "opaque") {
      if (textEqual(s, textNil)) return s;
      if (o.diffMode === DIFF_IDENTICAL) return s;
    } else {
      return s;
    }
  } else if (o.typeMode === ELIDE) {
    return s;
  }
  let name = typeString(t);
  if (!isNamed(t) && t.kind === "ptr") name = `(${name})`;
  return new TextWrap(name, wrapParens(s), "");
}

function wrapParens(s: TextNode): TextNode {
  if (s instanceof TextWrap && ((s.prefix.startsWith("(") && s.suffix.endsWith(")")) || (s.prefix.startsWith("{") && s.suffix.endsWith("}")))) return s;
  return new TextWrap("(", s, ")");
}

/** FormatValue (`_parentKind` only matters to go-cmp for byte slices and pointer references). */
function formatValue(o: Opts, v: GoValue | undefined, _parentKind: string): TextNode | undefined {
  if (v === undefined) return undefined;
  const t = v.t;
  if (!o.avoidStringer && t.kind === "string" && t.stringer === true) return optsFormatString(o, "s", String((v as GoScalar).v));
  let skipType = false;
  const out = ((): TextNode => {
    switch (t.kind) {
      case "bool": case "int": case "int32": case "int64": return new TextLine(String((v as GoScalar).v));
      case "string": return optsFormatString(o, "", String((v as GoScalar).v));
      case "opaque": {
        const j = (v as GoOpaque).json;
        const text = opaqueText(j);
        return typeof j === "object" && j !== null && !Array.isArray(j) ? new TextWrap("{", new TextLine(text.slice(1, -1)), "}") : new TextLine(text);
      }
      case "struct": {
        const s = v as GoStruct;
        let maxLen = s.fields.length;
        let inner = o;
        if (o.limitVerbosity) {
          maxLen = ((1 << verbosityOf(o)) >> 1) << 2;
          inner = { ...o, verbosity: o.verbosity - 1 };
        }
        const list = new TextList();
        for (let i = 0; i < s.fields.length; i++) {
          const fv = s.fields[i]!;
          if (isZero(fv)) continue;
          if (list.records.length === maxLen) {
            appendEllipsis(list, undefined);
            break;
          }
          list.records.push(rec(formatValue({ ...inner, typeMode: AUTO }, fv, "struct")!, { key: s.defs[i]!.name }));
        }
        return new TextWrap("{", list, "}");
      }
      case "slice": {
        const items = (v as GoSlice).items;
        if (items === null) return textNil;
        let maxLen = items.length;
        let inner = o;
        if (o.limitVerbosity) {
          maxLen = ((1 << verbosityOf(o)) >> 1) << 2;
          inner = { ...o, verbosity: o.verbosity - 1 };
        }
        const list = new TextList();
        for (const it of items) {
          if (list.records.length === maxLen) {
            appendEllipsis(list, undefined);
            break;
          }
          list.records.push(rec(formatValue({ ...inner, typeMode: ELIDE }, it, "slice")!));
        }
        return new TextWrap("{", list, "}");
      }
      case "map": {
        const entries = (v as GoMap).entries;
        if (entries === null) return textNil;
        let maxLen = entries.length;
        let inner = o;
        if (o.limitVerbosity) {
          maxLen = ((1 << verbosityOf(o)) >> 1) << 2;
          inner = { ...o, verbosity: o.verbosity - 1 };
        }
        const list = new TextList();
        for (const [k, e] of entries) {
          if (list.records.length === maxLen) {
            appendEllipsis(list, undefined);
            break;
          }
          list.records.push(rec(formatValue({ ...inner, typeMode: ELIDE }, e, "map")!, { key: formatMapKey(k) }));
        }
        return new TextWrap("{", list, "}");
      }
      case "ptr": {
        const e = (v as GoPtr).elem;
        if (e === null) return textNil;
        skipType = true;
        return new TextWrap("&", formatValue(o, e, "ptr")!, "");
      }
    }
  })();
  return skipType ? out : formatType(o, t, out);
}

function formatMapKey(k: GoScalar): string {
  const o: Opts = { diffMode: DIFF_IDENTICAL, typeMode: ELIDE, verbosity: maxVerbosityPreset, limitVerbosity: true, avoidStringer: false };
  const n = formatValue(o, k, "map")!;
  return render(n).trim();
}

function opaqueText(json: unknown): string {
  if (json === undefined || json === null) return "nil";
  if (typeof json === "string") return formatString(json);
  if (Array.isArray(json)) return `{${json.map(opaqueText).join(", ")}}`;
  if (typeof json === "object") return `{${Object.keys(json).map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}: ${opaqueText((json as Record<string, unknown>)[k])}`).join(", ")}}`;
  return String(json);
}

/** CanFormatDiffSlice: long strings and primitive slices get an element-level diff. */
function canFormatDiffSlice(o: Opts, v: ValueNode): boolean {
  if (o.diffMode !== DIFF_UNKNOWN || v.numDiff === 0 || v.vx === undefined || v.vy === undefined) return false;
  if (v.numCompared > 1 || (v.numCompared === 1 && isNamed(v.type))) return false;
  const t = v.type;
  if (t.kind === "string") return String((v.vx as GoScalar).v).length >= 32 && String((v.vy as GoScalar).v).length >= 32;
  if (t.kind === "slice" && (t.elem.kind === "int" || t.elem.kind === "int32" || t.elem.kind === "int64" || t.elem.kind === "bool")) {
    const xs = (v.vx as GoSlice).items, ys = (v.vy as GoSlice).items;
    if (xs === null || ys === null || xs.length === 0 || ys.length === 0) return false;
    if (v.numDiff > v.numSame) return true;
    return xs.length >= 32 && ys.length >= 32;
  }
  return false;
}

/** FormatDiffSlice for strings (byte chunks of 64) and primitive slices (chunks of 8/16). */
function formatDiffSlice(o: Opts, v: ValueNode): TextNode {
  const t = v.type;
  if (t.kind === "string") {
    const sx = String((v.vx as GoScalar).v), sy = String((v.vy as GoScalar).v);
    const list = formatDiffChunks(o, [...sx], [...sy], 64, "byte", (chunk, d) => rec(new TextLine(formatString(chunk.join(""))), { diff: d }));
    const out = new TextWrap("strings.Join(", new TextWrap("{", list, "}"), ', "")');
    return t.name === undefined ? out : formatType(o, t, out);
  }
  const elem = (t as { elem: GoType }).elem;
  const xs = ((v.vx as GoSlice).items ?? []).map((e) => String((e as GoScalar).v));
  const ys = ((v.vy as GoSlice).items ?? []).map((e) => String((e as GoScalar).v));
  const chunk = elem.kind === "bool" ? 16 : elem.kind === "int32" ? 8 : 8;
  const list = formatDiffChunks(o, xs, ys, chunk, elem.kind === "int" ? "int" : elem.kind, (c, d) => rec(new TextLine(c.join(", ")), { diff: d }));
  return formatType(o, t, new TextWrap("{", list, "}"));
}

function formatDiffChunks(o: Opts, xs: string[], ys: string[], chunkSize: number, name: string, make: (c: string[], d: DiffMode) => TextRecord): TextList {
  const eq = (ix: number, iy: number) => xs[ix] === ys[iy];
  const es = difference(xs.length, ys.length, (ix, iy) => (eq(ix, iy) ? { numSame: 1, numDiff: 0 } : { numSame: 0, numDiff: 2 }));
  const list = new TextList();
  const appendChunks = (vals: string[], d: DiffMode) => {
    for (let i = 0; i < vals.length; i += chunkSize) list.records.push(make(vals.slice(i, i + chunkSize), d));
    return vals.length;
  };
  let groups = coalesceEdits(name, es);
  groups = coalesceIntervening(groups, Math.trunc(chunkSize / 4));
  groups = cleanupSurrounding(groups, eq);
  let maxLen = -1;
  if (o.limitVerbosity) maxLen = (1 << verbosityOf(o)) << 2;
  let numDiffs = 0;
  let maxGroup = stats(name);
  let x = xs.slice(), y = ys.slice();
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) {
      maxGroup = statsAppend(maxGroup, ds);
      return;
    }
    if (statsNumDiff(ds) === 0) {
      let lo = 0, hi = 0;
      const numEqual = ds.ignored + ds.identical;
      while (lo < chunkSize * 2 && lo + hi < numEqual && i !== 0) lo++;
      while (hi < chunkSize * 2 && lo + hi < numEqual && i !== groups.length - 1) hi++;
      if (numEqual - (lo + hi) <= chunkSize && ds.ignored === 0) hi = numEqual - lo;
      appendChunks(x.slice(0, lo), DIFF_IDENTICAL);
      if (numEqual > lo + hi) appendEllipsis(list, { ...ds, identical: ds.identical - (lo + hi) });
      appendChunks(x.slice(numEqual - hi, numEqual), DIFF_IDENTICAL);
      x = x.slice(numEqual);
      y = y.slice(numEqual);
      return;
    }
    const len0 = list.records.length;
    const nx = appendChunks(x.slice(0, ds.identical + ds.removed + ds.modified), DIFF_REMOVED);
    x = x.slice(nx);
    const ny = appendChunks(y.slice(0, ds.identical + ds.inserted + ds.modified), DIFF_INSERTED);
    y = y.slice(ny);
    numDiffs += list.records.length - len0;
  });
  if (!statsIsZero(maxGroup)) appendEllipsis(list, maxGroup);
  return list;
}

function coalesceEdits(name: string, es: Edit[]): DiffStats[] {
  const groups: DiffStats[] = [];
  let prev = "";
  const last = (mode: string) => {
    if (prev !== mode) { groups.push(stats(name)); prev = mode; }
    return groups[groups.length - 1]!;
  };
  for (const e of es) {
    if (e === "=") last("=").identical++;
    else if (e === "X") last("!").removed++;
    else if (e === "Y") last("!").inserted++;
    else last("!").modified++;
  }
  return groups;
}

function coalesceIntervening(orig: DiffStats[], window: number): DiffStats[] {
  const groups: DiffStats[] = [];
  for (const ds of orig) {
    if (groups.length >= 2 && statsNumDiff(ds) > 0) {
      const prev = groups[groups.length - 2]!, curr = groups[groups.length - 1]!;
      const hadX = prev.removed > 0, hadY = prev.inserted > 0, hasX = ds.removed > 0, hasY = ds.inserted > 0;
      if ((hadX || hasX) && (hadY || hasY) && curr.identical <= window) {
        groups[groups.length - 2] = statsAppend(statsAppend(prev, curr), ds);
        groups.pop();
        continue;
      }
    }
    groups.push(ds);
  }
  return groups;
}

function cleanupSurrounding(groups: DiffStats[], eq: (i: number, j: number) => boolean): DiffStats[] {
  let ix = 0, iy = 0;
  const prepend: DiffStats[] = [], append: DiffStats[] = [];
  groups.forEach((ds, i) => {
    if (statsNumDiff(ds) === 0) { ix += ds.identical; iy += ds.identical; return; }
    let nx = ds.identical + ds.removed + ds.modified, ny = ds.identical + ds.inserted + ds.modified;
    let lead = 0, trail = 0;
    for (let j = 0; j < nx && j < ny && eq(ix + j, iy + j); j++) lead++;
    for (let j = 0; j < nx && j < ny && eq(ix + nx - 1 - j, iy + ny - 1 - j); j++) trail++;
    const numIdentical = lead + trail;
    if (numIdentical > 0) {
      if (lead > 0) {
        if (i - 1 >= 0) groups[i - 1]!.identical += lead;
        else prepend.push({ ...stats(ds.name), identical: lead });
        ix += lead; iy += lead;
      }
      if (trail > 0) {
        if (i + 1 < groups.length) groups[i + 1]!.identical += trail;
        else append.push({ ...stats(ds.name), identical: trail });
      }
      nx -= numIdentical; ny -= numIdentical;
      groups[i] = { ...stats(ds.name), removed: nx, inserted: ny };
    }
    ix += nx; iy += ny;
  });
  return [...prepend, ...groups, ...append];
}

/** FormatDiff */
function formatDiff(o0: Opts, v: ValueNode): TextNode | undefined {
  let o = o0;
  if (o.diffMode === DIFF_IDENTICAL) o = withVerbosity(o, 1);
  else if (verbosityOf(o) < 3) o = withVerbosity(o, 3);
  if (canFormatDiffSlice(o, v)) return formatDiffSlice(o, v);
  const parentKind = v.parent?.type.kind ?? "";
  if (v.maxDepth === 0) {
    switch (o.diffMode) {
      case DIFF_UNKNOWN: case DIFF_IDENTICAL: {
        if (v.numDiff === 0) {
          const outx = formatValue(o, v.vx, parentKind), outy = formatValue(o, v.vy, parentKind);
          return outx !== undefined && outy !== undefined && textLen(outx) < textLen(outy) ? outx : outy;
        }
        const list = new TextList();
        let outx = formatValue({ ...o, typeMode: ELIDE }, v.vx, parentKind), outy = formatValue({ ...o, typeMode: ELIDE }, v.vy, parentKind);
        for (let i = 0; i <= maxVerbosityPreset && outx !== undefined && outy !== undefined && textEqual(outx, outy); i++) {
          const o2 = { ...verbosityPreset(o, i), typeMode: ELIDE };
          outx = formatValue(o2, v.vx, parentKind);
          outy = formatValue(o2, v.vy, parentKind);
        }
        if (outx !== undefined) list.records.push(rec(outx, { diff: DIFF_REMOVED }));
        if (outy !== undefined) list.records.push(rec(outy, { diff: DIFF_INSERTED }));
        return formatType({ ...o, typeMode: EMIT }, v.type, list);
      }
      case DIFF_REMOVED: return formatValue(o, v.vx, parentKind);
      default: return formatValue(o, v.vy, parentKind);
    }
  }
  const t = v.type;
  if (t.kind === "struct" || t.kind === "slice" || t.kind === "map") return formatType(o, t, formatDiffList(o, v.records ?? [], t.kind));
  if (t.kind === "ptr") return new TextWrap("&", formatDiff(o, v.value!)!, "");
  throw new Error(`${t.kind} cannot have children`);
}

function keyText(k: Key): string {
  if (k.kind === "field") return k.name;
  if (k.kind === "map") return formatMapKey(k.key);
  return "";
}

function coalesceRecords(name: string, recs: { key: Key; value: ValueNode }[]): DiffStats[] {
  const groups: DiffStats[] = [];
  let prev = 0;
  const last = (i: number) => {
    if (prev !== i) { groups.push(stats(name)); prev = i; }
    return groups[groups.length - 1]!;
  };
  for (const { value: rv } of recs) {
    if (rv.numDiff === 0) last(1).identical++;
    else if (rv.vy === undefined) last(2).removed++;
    else if (rv.vx === undefined) last(2).inserted++;
    else last(2).modified++;
  }
  return groups;
}

/** formatDiffList: records of a struct, slice or map, with two identical neighbours as context. */
function formatDiffList(o0: Opts, recs0: { key: Key; value: ValueNode }[], kind: "struct" | "slice" | "map"): TextNode {
  const name = kind === "struct" ? "field" : kind === "slice" ? "element" : "entry";
  let o: Opts = { ...o0, typeMode: kind === "struct" ? AUTO : ELIDE };
  let maxLen = -1;
  if (o.limitVerbosity) {
    maxLen = o.diffMode === DIFF_IDENTICAL ? ((1 << verbosityOf(o)) >> 1) << 2 : (1 << verbosityOf(o)) << 1;
    o = { ...o, verbosity: o.verbosity - 1 };
  }
  if (o.diffMode !== DIFF_UNKNOWN) {
    const list = new TextList();
    let deferred = false;
    for (const r of recs0) {
      if (list.records.length === maxLen) { deferred = true; break; }
      if (kind === "struct") {
        const zero = o.diffMode === DIFF_IDENTICAL ? isZeroOrAbsent(r.value.vx) || isZeroOrAbsent(r.value.vy) : o.diffMode === DIFF_REMOVED ? isZeroOrAbsent(r.value.vx) : isZeroOrAbsent(r.value.vy);
        if (zero) continue;
      }
      const out = formatDiff(o, r.value);
      if (out !== undefined) list.records.push(rec(out, { key: keyText(r.key) }));
    }
    if (deferred) appendEllipsis(list, undefined);
    return new TextWrap("{", list, "}");
  }
  let recs = recs0;
  let numDiffs = 0;
  const list = new TextList();
  const groups = coalesceRecords(name, recs);
  let maxGroup = stats(name);
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) {
      maxGroup = statsAppend(maxGroup, ds);
      return;
    }
    if (statsNumDiff(ds) === 0) {
      let lo = 0, hi = 0;
      const numEqual = ds.ignored + ds.identical;
      while (lo < 2 && lo + hi < numEqual && i !== 0) lo++;
      while (hi < 2 && lo + hi < numEqual && i !== groups.length - 1) hi++;
      if (numEqual - (lo + hi) === 1 && ds.ignored === 0) hi++;
      for (const r of recs.slice(0, lo)) list.records.push(rec(formatDiff({ ...o, diffMode: DIFF_IDENTICAL }, r.value)!, { key: keyText(r.key) }));
      if (numEqual > lo + hi) appendEllipsis(list, { ...ds, identical: ds.identical - (lo + hi) });
      for (const r of recs.slice(numEqual - hi, numEqual)) list.records.push(rec(formatDiff({ ...o, diffMode: DIFF_IDENTICAL }, r.value)!, { key: keyText(r.key) }));
      recs = recs.slice(numEqual);
      return;
    }
    for (const r of recs.slice(0, statsNumDiff(ds))) {
      const key = keyText(r.key);
      if (canFormatDiffSlice(o, r.value)) {
        list.records.push(rec(formatDiffSlice(o, r.value), { key }));
      } else if (r.value.numChildren === r.value.maxDepth) {
        let outx = formatDiff({ ...o, diffMode: DIFF_REMOVED }, r.value), outy = formatDiff({ ...o, diffMode: DIFF_INSERTED }, r.value);
        for (let j = 0; j <= maxVerbosityPreset && outx !== undefined && outy !== undefined && textEqual(outx, outy); j++) {
          const o2 = verbosityPreset(o, j);
          outx = formatDiff({ ...o2, diffMode: DIFF_REMOVED }, r.value);
          outy = formatDiff({ ...o2, diffMode: DIFF_INSERTED }, r.value);
        }
        if (outx !== undefined) list.records.push(rec(outx, { diff: DIFF_REMOVED, key }));
        if (outy !== undefined) list.records.push(rec(outy, { diff: DIFF_INSERTED, key }));
      } else {
        list.records.push(rec(formatDiff(o, r.value)!, { key }));
      }
    }
    recs = recs.slice(statsNumDiff(ds));
    numDiffs += statsNumDiff(ds);
  });
  if (!statsIsZero(maxGroup)) appendEllipsis(list, maxGroup);
  return new TextWrap("{", list, "}");
}

const isZeroOrAbsent = (v: GoValue | undefined) => v === undefined || isZero(v);

/** cmp.Diff(x, y): "" when equal, else the report ending in a newline. */
export function cmpDiff(type: GoType, x: GoValue, y: GoValue): string {
  const c = new Comparer();
  c.compareAny(type, x, y, "root");
  const root = c.root!;
  if (root.numDiff === 0) return "";
  const text = formatDiff({ diffMode: DIFF_UNKNOWN, typeMode: EMIT, verbosity: 0, limitVerbosity: false, avoidStringer: false }, root)!;
  return render(text);
}

