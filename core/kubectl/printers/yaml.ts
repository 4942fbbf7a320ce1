// `-o yaml`: objects as sigs.k8s.io/yaml prints them (JSON → sorted map → go-yaml v2): keys
// sorted, sequences not indented under their key, strings that YAML 1.1 would read as another type
// double-quoted, strings that cannot be plain single-quoted, multi-line strings as | blocks.

/** go-yaml v2 resolve(): would this plain scalar be read as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === "" || s === "~" || /^(null|Null|NULL)$/.test(s)) return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+][0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(s)) return true;
  return /^\d{4}-\d\d?-\d\d?([Tt ]|\s+)?(\d\d?:\d\d:\d\d(\.\d*)?(\s*(Z|[-+]\d\d?(:\d\d)?))?)?$/.test(s) && /^\d{4}-\d\d?-\d\d?/.test(s);
}

/** libyaml yaml_emitter_analyze_scalar(): may this string be written plain in block context? */
function plainAllowed(s: string): boolean {
  if (s !== s.trim() || s.length === 0) return false;
  const first = s[0]!;
  if ("#&*!|>'\"%@`".includes(first)) return false;
  if ((first === "-" || first === "?" || first === ":") && (s.length === 1 || s[1] === " ")) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return false;
  return true;
}

/** go-yaml's emitter folds plain and single-quoted scalars at spaces past column 80 (best_width). */
const BEST_WIDTH = 80;

/**
 * yaml_emitter_write_plain_scalar / write_single_quoted_scalar: at a space, once the line is past
 * best_width, the rest goes on a new line indented two past the node (increase_indent).
 */
function fold(text: string, column: number, indent: string, quoted: boolean): string {
  const cont = `${indent}  `;
  const chars = [...text];
  let out = "";
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === " ") {
      if (!spaces && column > BEST_WIDTH && chars[i + 1] !== " " && (!quoted || (i > 0 && i < chars.length - 1))) {
        out += `\n${cont}`;
        column = cont.length;
      } else {
        out += c;
        column++;
      }
      spaces = true;
    } else {
      const w = quoted && c === "'" ? "''" : c;
      out += w;
      column += w.length;
      spaces = false;
    }
  }
  return out;
}

/** A scalar written after `prefix` (the line so far) in a node indented by `indent`. */
function scalar(s: string, indent: string, prefix: string): string {
  if (s.includes("\n")) {
    const chomp = s.endsWith("\n") ? "" : "-";
    const body = (s.endsWith("\n") ? s.slice(0, -1) : s).split("\n").map((l) => (l === "" ? "" : `${indent}  ${l}`)).join("\n");
    return `|${chomp}\n${body}`;
  }
  if (resolvesToNonString(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return fold(s, [...prefix].length, indent, false);
  return `'${fold(s, [...prefix].length + 1, indent, true)}'`;
}

function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isContainer(item) && !isEmpty(item)) {
        const sub: string[] = [];
        emit(item, `${indent}  `, sub);
        sub[0] = `${indent}- ${sub[0]!.slice(indent.length + 2)}`;
        out.push(...sub);
      } else out.push(`${indent}- ${inline(item, indent, `${indent}- `)}`);
    }
    return;
  }
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const value = obj[key];
    if (value === undefined) continue;
    const k = plainAllowed(key) && !resolvesToNonString(key) ? key : JSON.stringify(key);
    if (isContainer(value) && !isEmpty(value)) {
      out.push(`${indent}${k}:`);
      emit(value, Array.isArray(value) ? indent : `${indent}  `, out);
    } else out.push(`${indent}${k}: ${inline(value, indent, `${indent}${k}: `)}`);
  }
}

const isContainer = (v: unknown) => v !== null && typeof v === "object";
const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0);

function inline(v: unknown, indent: string, prefix: string): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object") return "{}";
  if (typeof v === "string") return scalar(v, indent, prefix);
  return String(v);
}

export function toYaml(v: unknown): string {
  const out: string[] = [];
  emit(JSON.parse(JSON.stringify(v)), "", out);
  return `${out.join("\n")}\n`;
}

/** `-o json`: json.MarshalIndent with four spaces, keys sorted (unstructured objects are maps). */
export function toJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x !== null && typeof x === "object") return Object.fromEntries(Object.keys(x).sort().filter((k) => (x as Record<string, unknown>)[k] !== undefined).map((k) => [k, sort((x as Record<string, unknown>)[k])]));
    return x;
  };
  return `${JSON.stringify(sort(JSON.parse(JSON.stringify(v))), null, 4).replace(/[\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
