// POSIX regular expressions (XBD 9: BRE and ERE) translated to JavaScript RegExp, the way the C
// libraries and GNU tools read them: glibc/uClibc regcomp (BusyBox grep/sed/expr on busybox:1.28),
// musl's TRE (Alpine BusyBox), and gnulib's regex + dfa (GNU grep, sed). GNU extensions that all of
// them accept are kept: \+ \? \| in BREs, \< \> \b \B \w \W \s \S, back-references.
// Matching is POSIX leftmost-longest; JavaScript is leftmost-first, which differs only when an
// alternation offers a longer match: matchAt() extends such matches to the longest one.

export type RegexSyntax = "bre" | "ere";
/** Whose parser and whose error texts: the C library's regcomp or gnulib (GNU grep/sed). */
export type RegexDialect = "glibc" | "uclibc" | "musl" | "gnulib" | "gnulib-old";

export type RegErrCode = "BADPAT" | "ECOLLATE" | "ECTYPE" | "EESCAPE" | "ESUBREG" | "EBRACK" | "EPAREN" | "EBRACE" | "BADBR" | "ERANGE" | "BADRPT" | "ERPAREN" | "EEND";

export class RegexError extends Error {
  constructor(readonly code: RegErrCode) {
    super(code);
    this.name = "RegexError";
  }
}

const GLIBC_TEXT: Record<RegErrCode, string> = {
  BADPAT: "Invalid regular expression", ECOLLATE: "Invalid collation character", ECTYPE: "Invalid character class name",
  EESCAPE: "Trailing backslash", ESUBREG: "Invalid back reference", EBRACK: "Unmatched [, [^, [:, [., or [=",
  EPAREN: "Unmatched ( or \\(", EBRACE: "Unmatched \\{", BADBR: "Invalid content of \\{\\}", ERANGE: "Invalid range end",
  BADRPT: "Invalid preceding regular expression", ERPAREN: "Unmatched ) or \\)", EEND: "Premature end of regular expression",
};

/** musl src/regex/regerror.c messages. */
const MUSL_TEXT: Record<RegErrCode, string> = {
  BADPAT: "Invalid regexp", ECOLLATE: "Unknown collating element", ECTYPE: "Unknown character class name",
  EESCAPE: "Trailing backslash", ESUBREG: "Invalid back reference", EBRACK: "Missing ']'", EPAREN: "Missing ')'",
  EBRACE: "Missing '}'", BADBR: "Invalid contents of {}", ERANGE: "Invalid character range",
  BADRPT: "Repetition not preceded by valid expression", ERPAREN: "Missing ')'", EEND: "Invalid regexp",
};

/** regerror() text. uClibc-ng and gnulib before 2018 still had glibc's older "[" message. */
export function regexErrorText(code: RegErrCode, dialect: RegexDialect): string {
  if (dialect === "musl") return MUSL_TEXT[code];
  if (code === "EBRACK" && (dialect === "uclibc" || dialect === "gnulib-old")) return "Unmatched [ or [^";
  return GLIBC_TEXT[code];
}

export interface RegexOptions {
  syntax: RegexSyntax;
  dialect: RegexDialect;
  icase?: boolean;
  /** sed: \n is a newline and \t a tab inside the regex (BusyBox and GNU sed). */
  sedEscapes?: boolean;
}

export interface CompiledRegex {
  readonly source: string;
  /** A global regex: use matchAt(), which sets lastIndex. */
  readonly re: RegExp;
  readonly groups: number;
  /** An alternation may make the JS match shorter than POSIX's. */
  readonly alternation: boolean;
  readonly flags: string;
}

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "0-9a-zA-Z", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v",
  blank: " \\t", punct: "!-\\/:-@\\[-`{-~", print: " -~", graph: "!-~", cntrl: "\\x00-\\x1f\\x7f", xdigit: "0-9A-Fa-f",
};

const hex = (c: string): string => {
  const n = c.charCodeAt(0);
  return n < 256 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
};

const escapeLiteral = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : /[\x00-\x1f\x7f-\uffff]/.test(c) ? hex(c) : c);

/** Parses a bracket expression starting after "["; returns the JS class and the index after "]". */
function bracket(p: string, start: number, dialect: RegexDialect): { js: string; end: number } {
  let i = start;
  let negate = false;
  if (p[i] === "^") {
    negate = true;
    i++;
  }
  const items: string[] = [];
  let first = true;
  let prevChar: string | undefined;
  for (;;) {
    if (i >= p.length) throw new RegexError("EBRACK");
    const c = p[i]!;
    if (c === "]" && !first) break;
    first = false;
    if (c === "[" && (p[i + 1] === ":" || p[i + 1] === "=" || p[i + 1] === ".")) {
      const kind = p[i + 1]!;
      const close = p.indexOf(`${kind}]`, i + 2);
      if (close < 0) throw new RegexError("EBRACK");
      const name = p.slice(i + 2, close);
      i = close + 2;
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError("ECTYPE");
        items.push(cls);
        prevChar = undefined;
        continue;
      }
      if (name.length !== 1) throw new RegexError("ECOLLATE");
      prevChar = name;
      items.push(hex(name));
      continue;
    }
    // A range: previous single character, "-", and an end that is not the closing "]".
    if (c === "-" && prevChar !== undefined && i + 1 < p.length && p[i + 1] !== "]") {
      let endChar = p[i + 1]!;
      let next = i + 2;
      if (endChar === "[" && (p[i + 2] === "." || p[i + 2] === "=")) {
        const kind = p[i + 2]!;
        const close = p.indexOf(`${kind}]`, i + 3);
        if (close < 0) throw new RegexError("EBRACK");
        endChar = p.slice(i + 3, close);
        if (endChar.length !== 1) throw new RegexError("ECOLLATE");
        next = close + 2;
      }
      if (endChar.charCodeAt(0) < prevChar.charCodeAt(0)) throw new RegexError("ERANGE");
      items[items.length - 1] = `${hex(prevChar)}-${hex(endChar)}`;
      prevChar = undefined;
      i = next;
      continue;
    }
    items.push(hex(c));
    prevChar = c;
    i++;
  }
  void dialect;
  return { js: `[${negate ? "^" : ""}${items.join("")}]`, end: i + 1 };
}

interface Atom {
  start: number;
  quantified: boolean;
}

/** Translates a POSIX pattern to a JS regex source; throws RegexError like regcomp. */
export function translateRegex(p: string, opts: RegexOptions): { source: string; groups: number; alternation: boolean } {
  const ere = opts.syntax === "ere";
  const gnu = opts.dialect === "gnulib" || opts.dialect === "gnulib-old";
  const strictDup = opts.dialect === "glibc" || opts.dialect === "uclibc";
  let out = "";
  let i = 0;
  let groups = 0;
  let closed = 0;
  const open: number[] = [];
  let alternation = false;
  let atom: Atom | undefined;
  let atStart = true;

  const pushAtom = (js: string) => {
    atom = { start: out.length, quantified: false };
    out += js;
    atStart = false;
  };
  const quantify = (q: string, literal: string) => {
    if (atom === undefined) {
      // Nothing to repeat: literal in BREs, an error for regcomp's EREs; gnulib's EREs ignore it
      // (GNU grep 3.8+ warns "* at start of expression").
      if (ere && !gnu) throw new RegexError("BADRPT");
      if (ere) return;
      pushAtom(escapeLiteral(literal));
      return;
    }
    if (atom.quantified) {
      if (strictDup) throw new RegexError("BADRPT");
      out = `${out.slice(0, atom.start)}(?:${out.slice(atom.start)})`;
    }
    out += q;
    atom.quantified = true;
  };
  const interval = (close: string): string | undefined => {
    // After "{" or "\{": m[,[n]] then "}" or "\}".
    const m = /^(\d*)(,(\d*))?/.exec(p.slice(i))!;
    const after = i + m[0].length;
    if (!p.startsWith(close, after)) return undefined;
    if (m[1] === "" && m[2] === undefined) return undefined;
    const lo = m[1] === "" ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === "" ? undefined : Number(m[3]);
    if (hi !== undefined && hi < lo) throw new RegexError("BADBR");
    if (lo > 32767 || (hi ?? 0) > 32767) throw new RegexError("BADBR");
    i = after + close.length;
    return hi === undefined ? `{${lo},}` : hi === lo && m[2] === undefined ? `{${lo}}` : `{${lo},${hi}}`;
  };
  const openGroup = () => {
    groups++;
    open.push(groups);
    out += "(";
    atom = undefined;
    atStart = true;
  };
  const closeGroup = (start: number) => {
    open.pop();
    closed++;
    out += ")";
    atom = { start, quantified: false };
    atStart = false;
  };
  const groupStarts: number[] = [];
  const bar = () => {
    alternation = true;
    out += "|";
    atom = undefined;
    atStart = true;
  };

  while (i < p.length) {
    const c = p[i]!;
    if (c === "\\") {
      if (i + 1 >= p.length) throw new RegexError("EESCAPE");
      const d = p[i + 1]!;
      i += 2;
      if (!ere && d === "(") {
        groupStarts.push(out.length);
        openGroup();
      } else if (!ere && d === ")") {
        if (open.length === 0) throw new RegexError(gnu ? "ERPAREN" : "EPAREN");
        closeGroup(groupStarts.pop()!);
      } else if (!ere && d === "{") {
        if (atom === undefined) {
          if (gnu || atStart) pushAtom("\\{");
          else throw new RegexError("BADRPT");
          continue;
        }
        const q = interval("\\}");
        if (q === undefined) throw new RegexError(/^\d*(,\d*)?$/.test(p.slice(i)) ? "EBRACE" : "BADBR");
        quantify(q, "{");
      } else if (!ere && d === "|") {
        bar();
      } else if (!ere && (d === "+" || d === "?")) {
        if (atom === undefined) pushAtom(escapeLiteral(d));
        else quantify(d, d);
      } else if (d >= "1" && d <= "9") {
        if (Number(d) > closed) throw new RegexError("ESUBREG");
        pushAtom(`(?:\\${d})`);
      } else if (d === "<") {
        out += "\\b(?=\\w)";
        atom = undefined;
      } else if (d === ">") {
        out += "\\b(?<=\\w)";
        atom = undefined;
      } else if (d === "b" || d === "B") {
        out += `\\${d}`;
        atom = undefined;
      } else if (d === "w" || d === "W" || d === "s" || d === "S") {
        pushAtom(d === "s" ? "[ \\t\\n\\r\\f\\v]" : d === "S" ? "[^ \\t\\n\\r\\f\\v]" : `\\${d}`);
      } else if (d === "`") {
        out += "(?<![^])";
        atom = undefined;
      } else if (d === "'") {
        out += "(?![^])";
        atom = undefined;
      } else if (opts.sedEscapes && d === "n") {
        pushAtom("\\n");
      } else if (opts.sedEscapes && d === "t") {
        pushAtom("\\t");
      } else {
        pushAtom(escapeLiteral(d));
      }
      continue;
    }
    if (c === "[") {
      const b = bracket(p, i + 1, opts.dialect);
      i = b.end;
      pushAtom(b.js);
      continue;
    }
    i++;
    if (c === ".") {
      pushAtom("[^]");
    } else if (c === "*") {
      if (atom === undefined && !ere) pushAtom("\\*");
      else quantify("*", "*");
    } else if (ere && (c === "+" || c === "?")) {
      quantify(c, c);
    } else if (ere && c === "{") {
      const save = i;
      const q = atom === undefined ? undefined : interval("}");
      if (q === undefined) {
        if (!gnu) throw new RegexError(atom === undefined ? "BADRPT" : /^\d*(,\d*)?$/.test(p.slice(save)) ? "EBRACE" : "BADBR");
        i = save;
        pushAtom("\\{");
      } else quantify(q, "{");
    } else if (ere && c === "(") {
      groupStarts.push(out.length);
      openGroup();
    } else if (ere && c === ")" && open.length > 0) {
      closeGroup(groupStarts.pop()!);
    } else if (ere && c === "|") {
      bar();
    } else if (c === "^" && (ere || atStart)) {
      out += "^";
      atom = undefined;
    } else if (c === "$" && (ere || i === p.length || p.startsWith("\\)", i) || p.startsWith("\\|", i))) {
      out += "$";
      atom = undefined;
    } else {
      pushAtom(escapeLiteral(c));
    }
  }
  if (open.length > 0) throw new RegexError("EPAREN");
  return { source: out, groups, alternation };
}

export function compileRegex(pattern: string, opts: RegexOptions): CompiledRegex {
  const t = translateRegex(pattern, opts);
  const flags = `g${opts.icase ? "i" : ""}`;
  return { source: t.source, re: new RegExp(t.source, flags), groups: t.groups, alternation: t.alternation, flags };
}

export interface RegexMatch {
  index: number;
  end: number;
  /** $0, $1 … as strings (undefined for a group that did not take part). */
  groups: (string | undefined)[];
}

/** The leftmost(-longest) match starting at or after `from`; null when there is none. */
export function matchAt(c: CompiledRegex, input: string, from = 0): RegexMatch | null {
  c.re.lastIndex = from;
  const m = c.re.exec(input);
  if (m === null) return null;
  let best: RegexMatch = { index: m.index, end: m.index + m[0].length, groups: [...m] };
  if (c.alternation) {
    // POSIX wants the longest match at this position: try longer ends first.
    for (let end = input.length; end > best.end; end--) {
      const probe = new RegExp(`(?:${c.source})(?=[^]{${input.length - end}}$)`, `y${c.flags.replace("g", "")}`);
      probe.lastIndex = m.index;
      const longer = probe.exec(input);
      if (longer !== null && longer.index + longer[0].length === end) {
        best = { index: m.index, end, groups: [...longer] };
        break;
      }
    }
  }
  return best;
}

/** Whether the pattern matches anywhere in input. */
export function testRegex(c: CompiledRegex, input: string): boolean {
  c.re.lastIndex = 0;
  return c.re.test(input);
}

/** The regex dialect of the running build: BusyBox uses its C library's regcomp, GNU tools gnulib. */
export function regexDialect(exe: { program: string; version: string; variant: string }): RegexDialect {
  if (exe.program === "busybox") return exe.variant === "musl" ? "musl" : exe.variant === "uclibc" ? "uclibc" : "glibc";
  // gnulib's regerror wording changed in 2018 (glibc 2.28): grep 2.20 and sed 4.2.2 have the old one.
  const [major = 0, minor = 0] = exe.version.split(".").map(Number);
  const old = exe.program === "grep" ? major < 3 || (major === 3 && minor < 2) : exe.program === "sed" ? major < 4 || (major === 4 && minor < 6) : false;
  return old ? "gnulib-old" : "gnulib";
}
