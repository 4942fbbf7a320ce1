// Pattern matching (XCU 2.13) for case, ${x#pattern} and pathname expansion. A pattern is a list
// of characters each marked quoted or not: only unquoted *, ? and [ are special.

export interface PatChar {
  readonly ch: string;
  readonly quoted: boolean;
}

export const hasGlobChars = (p: readonly PatChar[]) => p.some((c) => !c.quoted && (c.ch === "*" || c.ch === "?" || c.ch === "["));

/** Compiles a pattern to a RegExp matching the whole string. */
export function patternToRegExp(p: readonly PatChar[], opts: { pathname?: boolean } = {}): RegExp {
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const { ch, quoted } = p[i]!;
    if (quoted) {
      re += escapeRe(ch);
      continue;
    }
    if (ch === "*") re += opts.pathname ? "[^/]*" : "[\\s\\S]*";
    else if (ch === "?") re += opts.pathname ? "[^/]" : "[\\s\\S]";
    else if (ch === "[") {
      const end = bracketEnd(p, i);
      if (end < 0) re += "\\[";
      else {
        re += bracket(p.slice(i + 1, end));
        i = end;
      }
    } else if (ch === "\\" && i + 1 < p.length) {
      re += escapeRe(p[++i]!.ch);
    } else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`);
}

function bracketEnd(p: readonly PatChar[], start: number): number {
  let i = start + 1;
  if (p[i]?.ch === "!" || p[i]?.ch === "^") i++;
  if (p[i]?.ch === "]") i++;
  for (; i < p.length; i++) {
    if (p[i]!.ch === "[" && p[i + 1]?.ch === ":") {
      const close = p.findIndex((c, j) => j > i + 1 && c.ch === ":" && p[j + 1]?.ch === "]");
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (p[i]!.ch === "]" && !p[i]!.quoted) return i;
  }
  return -1;
}

const CLASSES: Record<string, string> = {
  alnum: "A-Za-z0-9", alpha: "A-Za-z", digit: "0-9", lower: "a-z", upper: "A-Z", space: " \\t\\n\\r\\f\\v",
  xdigit: "0-9A-Fa-f", punct: "!-\\/:-@\\[-`{-~", blank: " \\t", cntrl: "\\x00-\\x1f\\x7f", print: " -~", graph: "!-~",
};

function bracket(inner: readonly PatChar[]): string {
  let i = 0;
  let out = "[";
  if (inner[0]?.ch === "!" || inner[0]?.ch === "^") {
    out += "^";
    i++;
  }
  for (; i < inner.length; i++) {
    const c = inner[i]!.ch;
    if (c === "[" && inner[i + 1]?.ch === ":") {
      const rest = inner.slice(i + 2).map((x) => x.ch).join("");
      const m = /^([a-z]+):\]/.exec(rest);
      if (m !== null) {
        out += CLASSES[m[1]!] ?? "";
        i += 2 + m[0].length - 1;
        continue;
      }
    }
    if (c === "-" && i > 0 && i < inner.length - 1) out += "-";
    else out += escapeRe(c);
  }
  return `${out}]`;
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

export function matchPattern(p: readonly PatChar[], text: string): boolean {
  return patternToRegExp(p).test(text);
}

/** A plain string as an unquoted pattern (case patterns written literally). */
export const unquotedPattern = (s: string): PatChar[] => [...s].map((ch) => ({ ch, quoted: false }));
