// Word expansion (XCU 2.6): tilde, parameter, command substitution and arithmetic, then field
// splitting on the unquoted results, pathname expansion, and quote removal.

import type { Script, Word, WordPart } from "./ast.js";
import { ArithError, evaluateArith } from "./arith.js";
import { type PatChar, hasGlobChars, patternToRegExp } from "./glob.js";
import type { ShellState } from "./state.js";

/** An expansion error (unset variable under set -u, ${x?}, bad arithmetic): the command fails. */
export class ExpansionError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export interface ExpandHost {
  readonly state: ShellState;
  /** $$: the pid of the shell (a subshell keeps its parent's). */
  readonly shellPid: number;
  /** $-: the shell's option letters. */
  readonly flags: string;
  commandSubst(body: Script): Promise<string>;
  /** A user's home directory from /etc/passwd; "" means the current user. */
  homeDir(user: string): string | undefined;
  /** Directory entries for pathname expansion; undefined when unreadable. */
  readdir(path: string): string[] | undefined;
  isDir(path: string): boolean;
  /** The messages a flavour prints for expansion failures. */
  unsetMessage(name: string, colon: boolean, custom: string | undefined): string;
  arithMessage(err: ArithError): string;
  /** "sh: x: is read only" for ${x=…} and $((x=…)) on a read-only variable. */
  readonlyMessage?(name: string): string;
  /** dash's "Bad substitution", raised when a bad ${…} is expanded. */
  badSubstitutionMessage?(text: string): string;
  /** `**` in arithmetic (ash, bash; not dash). */
  readonly arithPower?: boolean;
}

interface Seg {
  text: string;
  quoted: boolean;
  /** The result of an unquoted expansion: subject to field splitting. */
  split: boolean;
  /** Starts a new field ("$@" with several parameters). */
  breakBefore?: boolean;
}

const IFS_DEFAULT = " \t\n";

export class Expander {
  constructor(private readonly host: ExpandHost) {}

  private get state(): ShellState {
    return this.host.state;
  }

  /** The value of a parameter, undefined when unset. */
  lookup(name: string): string | undefined {
    const s = this.state;
    switch (name) {
      case "?": return String(s.status);
      case "$": return String(this.host.shellPid);
      case "!": return s.lastBackgroundPid === undefined ? "" : String(s.lastBackgroundPid);
      case "#": return String(s.positional.length);
      case "-": return this.host.flags;
      case "0": return s.arg0;
      case "@": case "*": return s.positional.join(" ");
    }
    if (/^\d+$/.test(name)) return s.positional[Number(name) - 1];
    return s.get(name);
  }

  /** Fields for a command's words: splitting and globbing apply. */
  async fields(words: readonly Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(await this.wordFields(w)));
    return out;
  }

  private async wordFields(word: Word): Promise<string[]> {
    const segs = await this.segments(word.parts, false);
    const fields = this.split(segs);
    const out: string[] = [];
    for (const f of fields) {
      if (!this.state.options.noglob && hasGlobChars(f)) {
        const matches = this.glob(f);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.map((c) => c.ch).join(""));
    }
    return out;
  }

  /** One string, without splitting or globbing (assignments, redirection targets, case words). */
  async string(word: Word): Promise<string> {
    const segs = await this.segments(word.parts, false);
    return segs.map((s) => (s.breakBefore ? " " : "") + s.text).join("");
  }

  /** A pattern: quoted characters match literally (case, ${x#pattern}). */
  async pattern(word: Word): Promise<PatChar[]> {
    const segs = await this.segments(word.parts, false);
    const out: PatChar[] = [];
    for (const s of segs) for (const ch of s.text) out.push({ ch, quoted: s.quoted });
    return out;
  }

  private async segments(parts: readonly WordPart[], inQuotes: boolean): Promise<Seg[]> {
    const segs: Seg[] = [];
    for (const part of parts) {
      switch (part.kind) {
        case "lit":
          segs.push({ text: part.text, quoted: inQuotes, split: false });
          break;
        case "sq":
          segs.push({ text: part.text, quoted: true, split: false });
          break;
        case "dq": {
          // "$@" with no positional parameters is no field at all, not an empty one.
          if (part.parts.length > 0 && this.state.positional.length === 0 && part.parts.every((p) => p.kind === "param" && p.name === "@" && p.op === undefined && !p.length)) break;
          const inner = await this.segments(part.parts, true);
          // "" is an empty field, not nothing.
          segs.push({ text: "", quoted: true, split: false }, ...inner);
          break;
        }
        case "tilde": {
          const home = this.host.homeDir(part.user);
          segs.push({ text: home ?? `~${part.user}`, quoted: true, split: false });
          break;
        }
        case "param":
          segs.push(...(await this.param(part, inQuotes)));
          break;
        case "cmdsub": {
          const out = (await this.host.commandSubst(part.body)).replace(/\n+$/, "");
          segs.push({ text: out, quoted: inQuotes, split: !inQuotes });
          break;
        }
        case "badsubst":
          throw new ExpansionError(this.host.badSubstitutionMessage?.(part.text) ?? `${part.text}: bad substitution\n`);
        case "arith": {
          const expr = await this.string(part.expr);
          let v: bigint;
          try {
            v = evaluateArith(expr, { get: (n) => this.lookup(n), set: (n, val) => this.assign(n, val) }, { power: this.host.arithPower ?? true });
          } catch (err) {
            if (err instanceof ArithError) throw new ExpansionError(this.host.arithMessage(err));
            throw err;
          }
          segs.push({ text: String(v), quoted: inQuotes, split: !inQuotes });
          break;
        }
      }
    }
    return segs;
  }

  /** An arithmetic expression's value (`let`); errors are ExpansionErrors. */
  arith(expr: string): bigint {
    return this.arithValue(expr);
  }

  /** An arithmetic value for ${x:offset:length}. */
  private arithValue(expr: string): bigint {
    try {
      return evaluateArith(expr, { get: (n) => this.lookup(n), set: (n, val) => this.assign(n, val) }, { power: this.host.arithPower ?? true });
    } catch (err) {
      if (err instanceof ArithError) throw new ExpansionError(this.host.arithMessage(err));
      throw err;
    }
  }

  private assign(name: string, value: string): void {
    if (!this.state.set(name, value)) throw new ExpansionError(this.host.readonlyMessage?.(name) ?? `${name}: is read only\n`);
  }

  private async param(part: Extract<WordPart, { kind: "param" }>, inQuotes: boolean): Promise<Seg[]> {
    const { name, op } = part;
    if ((name === "@" || name === "*") && op === undefined && !part.length) {
      const params = this.state.positional;
      if (name === "*" || !inQuotes) {
        const ifs = this.lookup("IFS") ?? IFS_DEFAULT;
        const sep = name === "*" && inQuotes ? (ifs === "" ? "" : ifs[0]!) : " ";
        if (!inQuotes) return params.map((p, i) => ({ text: p, quoted: false, split: true, breakBefore: i > 0 }));
        return [{ text: params.join(sep), quoted: true, split: false }];
      }
      // "$@": one field per parameter; no parameters at all gives no field.
      if (params.length === 0) return [{ text: "", quoted: false, split: true }];
      return params.map((p, i) => ({ text: p, quoted: true, split: false, breakBefore: i > 0 }));
    }
    let value = this.lookup(name);
    if (part.length) {
      if (value === undefined && this.state.options.nounset && !/^[@*#?$!-]$/.test(name)) throw new ExpansionError(this.host.unsetMessage(name, false, undefined));
      return [{ text: String((value ?? "").length), quoted: inQuotes, split: !inQuotes }];
    }
    const colon = op?.startsWith(":") ?? false;
    const isSet = value !== undefined && !(colon && value === "");
    switch (op) {
      case undefined:
        if (value === undefined && this.state.options.nounset) throw new ExpansionError(this.host.unsetMessage(name, false, undefined));
        break;
      case "-": case ":-":
        if (!isSet) return this.segments(part.arg!.parts, inQuotes);
        break;
      case "=": case ":=":
        if (!isSet) {
          value = await this.string(part.arg!);
          if (/^(\d+|[@*#?$!-])$/.test(name)) throw new ExpansionError(`${name}: bad variable name`);
          this.assign(name, value);
        }
        break;
      case "?": case ":?":
        if (!isSet) {
          const msg = await this.string(part.arg!);
          throw new ExpansionError(this.host.unsetMessage(name, colon, msg === "" ? undefined : msg));
        }
        break;
      case "+": case ":+":
        return isSet ? this.segments(part.arg!.parts, inQuotes) : [];
      case ":": {
        // ${x:offset:length} (ash subevalvar() VSSUBSTR, bash): arithmetic offsets, negative from the end.
        const v = value ?? "";
        const num = async (w: Word) => this.arithValue(await this.string(w));
        let off = Number(await num(part.arg!));
        if (off < 0) off = Math.max(0, v.length + off);
        let end = v.length;
        if (part.arg2 !== undefined) {
          const len = Number(await num(part.arg2));
          end = len < 0 ? v.length + len : off + len;
        }
        value = off > v.length || end <= off ? "" : v.slice(off, end);
        break;
      }
      case "/": case "//": case "/#": case "/%": {
        // ${x/pattern/replacement}: the longest match, first or all, anchored with # or %.
        const v = value ?? "";
        const pat = await this.pattern(part.arg!);
        const rep = part.arg2 === undefined ? "" : await this.string(part.arg2);
        value = replacePattern(v, pat, rep, op);
        break;
      }
      case "#": case "##": case "%": case "%%": {
        if (value === undefined && this.state.options.nounset) throw new ExpansionError(this.host.unsetMessage(name, false, undefined));
        const pat = patternToRegExp(await this.pattern(part.arg!));
        value = removePattern(value ?? "", pat, op);
        break;
      }
    }
    return [{ text: value ?? "", quoted: inQuotes, split: !inQuotes }];
  }

  /** Field splitting (XCU 2.6.5) with IFS, over the unquoted expansion results. */
  private split(segs: Seg[]): PatChar[][] {
    const ifs = this.lookup("IFS") ?? IFS_DEFAULT;
    const isWs = (c: string) => c === " " || c === "\t" || c === "\n";
    const fields: PatChar[][] = [];
    let cur: PatChar[] = [];
    let keep = false; // a quoted part (even "") makes the field exist
    let flushedByWs = false;
    const flush = () => {
      fields.push(cur);
      cur = [];
      keep = false;
    };
    for (const seg of segs) {
      if (seg.breakBefore) {
        if (cur.length > 0 || keep) flush();
        flushedByWs = false;
      }
      if (!seg.split) {
        for (const ch of seg.text) cur.push({ ch, quoted: seg.quoted });
        if (seg.quoted) keep = true;
        if (seg.text !== "" || seg.quoted) flushedByWs = false;
        continue;
      }
      for (const ch of seg.text) {
        if (!ifs.includes(ch)) {
          cur.push({ ch, quoted: false });
          flushedByWs = false;
          continue;
        }
        if (isWs(ch)) {
          if (cur.length > 0 || keep) {
            flush();
            flushedByWs = true;
          }
        } else {
          if (!flushedByWs) flush();
          flushedByWs = false;
        }
      }
    }
    if (cur.length > 0 || keep) flush();
    return fields;
  }

  /** Pathname expansion: each component matched against directory entries, sorted like strcmp. */
  private glob(pattern: PatChar[]): string[] {
    const comps: PatChar[][] = [[]];
    for (const c of pattern) {
      if (c.ch === "/") comps.push([]);
      else comps[comps.length - 1]!.push(c);
    }
    const absolute = pattern[0]?.ch === "/";
    if (absolute) comps.shift();
    let paths = [absolute ? "/" : ""];
    for (let i = 0; i < comps.length; i++) {
      const comp = comps[i]!;
      const last = i === comps.length - 1;
      const next: string[] = [];
      for (const base of paths) {
        const join = (name: string) => (base === "" ? name : base.endsWith("/") ? base + name : `${base}/${name}`);
        if (!hasGlobChars(comp)) {
          const name = comp.map((c) => c.ch).join("");
          const p = join(name);
          if (name === "" || last || this.host.isDir(p)) next.push(p);
          continue;
        }
        const listed = this.host.readdir(base === "" ? "." : base);
        if (listed === undefined) continue;
        // readdir() returns . and .. too: a pattern starting with a dot matches them (expmeta()).
        const entries = listed.includes(".") ? [...listed] : [".", "..", ...listed];
        const re = patternToRegExp(comp, { pathname: true });
        const dotOk = comp[0]?.ch === ".";
        for (const e of entries.sort(byBytes)) {
          if (e.startsWith(".") && !dotOk) continue;
          if (!re.test(e)) continue;
          const p = join(e);
          if (!last && !this.host.isDir(p)) continue;
          next.push(p);
        }
      }
      paths = next;
      if (paths.length === 0) break;
    }
    return paths.sort(byBytes);
  }
}

export const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ${v/p/r} ${v//p/r} ${v/#p/r} ${v/%p/r}: longest matches, left to right. */
function replacePattern(v: string, pat: PatChar[], rep: string, op: "/" | "//" | "/#" | "/%"): string {
  if (pat.length === 0) return v;
  const re = patternToRegExp(pat);
  const longestAt = (i: number, mustEnd: boolean): number => {
    for (let j = v.length; j >= i; j--) if ((!mustEnd || j === v.length) && re.test(v.slice(i, j))) return j;
    return -1;
  };
  if (op === "/#") {
    const j = longestAt(0, false);
    return j < 0 ? v : rep + v.slice(j);
  }
  if (op === "/%") {
    for (let i = 0; i <= v.length; i++) if (re.test(v.slice(i))) return v.slice(0, i) + rep;
    return v;
  }
  let out = "";
  let i = 0;
  while (i <= v.length) {
    const j = longestAt(i, false);
    if (j < 0 || j === i) {
      if (i < v.length) out += v[i];
      i++;
      continue;
    }
    out += rep;
    i = j;
    if (op === "/") return out + v.slice(i);
  }
  return out;
}

function removePattern(value: string, re: RegExp, op: "#" | "##" | "%" | "%%"): string {
  if (op === "#" || op === "##") {
    const lengths = [...Array(value.length + 1).keys()];
    if (op === "##") lengths.reverse();
    for (const n of lengths) if (re.test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (op === "%") starts.reverse();
  for (const n of starts) if (re.test(value.slice(n))) return value.slice(0, n);
  return value;
}
