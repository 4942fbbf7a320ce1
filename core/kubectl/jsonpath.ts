// kubectl's JSONPath, as k8s.io/client-go/util/jsonpath parses (parser.go) and evaluates
// (jsonpath.go) it over unstructured JSON: text outside {…} is printed as is; inside an action,
// fields (.a, ['a']), wildcards, slices [a:b:c], unions [0,1], filters [?(@.k=="v")], recursive
// descent (..), quoted literals and range/end. Results of one action are joined by spaces; maps
// and lists print as compact JSON (Go json.Marshal: sorted keys, HTML-safe escapes), null as
// "null". Parse errors and evaluation errors carry client-go's wording.

export class JsonPathError extends Error {}

type Node =
  | { t: "list"; nodes: Node[] }
  | { t: "text"; text: string }
  | { t: "field"; name: string }
  | { t: "array"; params: [Param, Param, Param] }
  | { t: "filter"; left: ListNode; right: ListNode; op: string }
  | { t: "int"; value: number }
  | { t: "float"; value: number }
  | { t: "bool"; value: boolean }
  | { t: "wildcard" }
  | { t: "recursive" }
  | { t: "union"; lists: ListNode[] }
  | { t: "identifier"; name: string };
type ListNode = Extract<Node, { t: "list" }>;
interface Param {
  known: boolean;
  value: number;
  derived: boolean;
}

const isTerminator = (r: string) => r === "" || " \t\r\n.,[]$@{}".includes(r);
const isAlphaNumeric = (r: string) => r !== "" && /^[\p{L}\p{Nd}_]$/u.test(r);

/** parser.go Parser: a cursor over the template with Go's error texts. */
class Parser {
  private pos = 0;
  private start = 0;
  readonly root: ListNode = { t: "list", nodes: [] };

  constructor(private readonly input: string) {}

  static parse(text: string): ListNode {
    const p = new Parser(text);
    p.parseText(p.root);
    return p.root;
  }

  /** parseAction(): one action's expression, as a list node. */
  private static action(text: string): ListNode {
    const root = Parser.parse(`{${text}}`);
    return root.nodes[0] as ListNode;
  }

  private next(): string {
    if (this.pos >= this.input.length) return "";
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += r.length;
    return r;
  }

  private backup(r: string): void {
    this.pos -= r.length;
  }

  private peek(): string {
    const r = this.next();
    this.backup(r);
    return r;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consume() });
        this.pos += 1;
        this.consume();
        const node: ListNode = { t: "list", nodes: [] };
        cur.nodes.push(node);
        this.parseInsideAction(node);
        return;
      }
      if (this.next() === "") break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        const last = cur.nodes.at(-1);
        if (last?.t === "recursive") throw new JsonPathError("invalid multiple recursive descent");
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: "recursive" });
        if (isAlphaNumeric(this.peek())) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === "" || r === "\r" || r === "\n") throw new JsonPathError("unclosed action");
      if (r === " " || r === "@" || r === "$") this.consume();
      else if (r === "[") this.parseArray(cur);
      else if (r === "\"" || r === "'") this.parseQuote(cur, r);
      else if (r === ".") this.parseField(cur);
      else if (r === "+" || r === "-" || /^\p{Nd}$/u.test(r)) {
        this.backup(r);
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup(r);
        this.parseIdentifier(cur);
      } else {
        const cp = r.codePointAt(0)!;
        throw new JsonPathError(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    cur.nodes.push(value === "true" || value === "false" ? { t: "bool", value: value === "true" } : { t: "identifier", name: value });
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === "+" || first === "-") this.next();
    for (;;) {
      const r = this.next();
      if (r !== "." && !/^\p{Nd}$/u.test(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: "int", value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: "float", value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JsonPathError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consume().slice(1, -1);
    if (text === "*") text = ":";
    const parts = text.split(",");
    if (parts.length > 1) {
      cur.nodes.push({ t: "union", lists: parts.map((s) => Parser.action(`[${s.trim()}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict !== null) {
      cur.nodes.push(...Parser.action(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (m === null) throw new JsonPathError(`invalid array index ${text}`);
    const params: [Param, Param, Param] = [{ known: false, value: 0, derived: false }, { known: false, value: 0, derived: false }, { known: false, value: 0, derived: false }];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? "";
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params[i]!.known = false;
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params[i] = { known: true, value: Number(v), derived: false };
        }
      } else if (i === 1) params[1] = { known: true, value: params[0].value + 1, derived: true };
    }
    cur.nodes.push({ t: "array", params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JsonPathError("unterminated filter");
      if (r === "\"" || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")" && begin === end) break;
    }
    if (this.next() !== "]") throw new JsonPathError("unclosed array expect ]");
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (m === null) cur.nodes.push({ t: "filter", left: Parser.action(text), right: { t: "list", nodes: [] }, op: "exists" });
    else cur.nodes.push({ t: "filter", left: Parser.action(m[1]!), right: Parser.action(m[3]!), op: m[2]! });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JsonPathError("unterminated quoted string");
      if (r === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consume();
    cur.nodes.push({ t: "text", text: unquote(value) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === "\\") this.next();
      else if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    cur.nodes.push(value === "*" ? { t: "wildcard" } : { t: "field", name: value.replace(/\\/g, "") });
  }
}

/** UnquoteExtend(): strconv.Unquote for "…" and '…'. */
function unquote(s: string): string {
  const body = s.slice(1, -1);
  if (!body.includes("\\")) return body;
  const esc: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", "\"": "\"" };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i] ?? "";
    if (n in esc) out += esc[n];
    else if (n === "x" || n === "u" || n === "U") {
      const len = n === "x" ? 2 : n === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new JsonPathError(`unquote string ${s} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else throw new JsonPathError(`unquote string ${s} error invalid syntax`);
  }
  return out;
}

/** A value as Go sees it in unstructured JSON: undefined stands for "no value" (missing). */
type Value = unknown;

const isMap = (v: Value): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The Go type name of an unstructured value, for error texts. */
function goType(v: Value): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (isMap(v)) return "map[string]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return "interface {}";
}

/** Go fmt %v of an unstructured value (error texts, custom-columns cells). */
export function goPrint(v: Value): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint(v[k])}`).join(" ")}]`;
  return String(v);
}

/** Go strconv.Quote for the ASCII and printable text kubectl objects hold. */
export function goQuote(s: string): string {
  let out = "\"";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\"" || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go fmt %#v of an unstructured value (the object jsonpath errors print). */
export function goSyntax(v: Value): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(", ")}}`;
  if (isMap(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${goQuote(k)}:${goSyntax(v[k])}`).join(", ")}}`;
  if (typeof v === "string") return goQuote(v);
  return String(v);
}

/** encoding/json Marshal of unstructured JSON: sorted keys, HTML-safe, compact or indented. */
export function goJson(v: Value, indent = ""): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (isMap(x)) return Object.fromEntries(Object.keys(x).sort().filter((k) => x[k] !== undefined).map((k) => [k, sort(x[k])]));
    return x;
  };
  return (JSON.stringify(sort(v), null, indent) ?? "null").replace(/[\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** text/template's comparisons (eq, ne, lt, …) as jsonpath filters use them. */
function compare(op: string, a: Value, b: Value): boolean {
  const kind = (x: Value) => (typeof x === "number" ? "number" : typeof x === "string" ? "string" : typeof x === "boolean" ? "bool" : "other");
  if (op === "==" || op === "!=") {
    if (kind(a) !== kind(b) || kind(a) === "other") throw new JsonPathError("incompatible types for comparison");
    return op === "==" ? a === b : a !== b;
  }
  if (kind(a) !== kind(b)) throw new JsonPathError("incompatible types for comparison");
  if (kind(a) === "bool" || kind(a) === "other") throw new JsonPathError("invalid type for comparison");
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case "<": return x < y;
    case ">": return x > y;
    case "<=": return x <= y;
    case ">=": return x >= y;
    default: throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

/** The UTF-8 bytes of a string. */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/**
 * What [*] and .. descend into: a map's values (Go's map order is random; sorted here), a list's
 * items, a string's bytes (reflect Index of a string is a uint8).
 */
function children(v: Value): Value[] {
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return utf8(v);
  return [];
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  walk(input: Value[], node: Node): Value[] {
    switch (node.t) {
      case "list": return node.nodes.reduce((cur, n) => this.walk(cur, n), input);
      case "text": return [node.text];
      case "field": return this.field(input, node.name);
      case "array": return this.array(input, node.params);
      case "filter": return this.filter(input, node);
      case "int": case "float": case "bool": return input.map(() => node.value);
      case "wildcard": return input.flatMap(children);
      case "recursive": return this.recursive(input);
      case "union": return node.lists.flatMap((l) => this.walk(input, l));
      case "identifier":
        if (node.name === "range" || node.name === "end") return input;
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private field(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const out: Value[] = [];
    // undefined is a field the object does not have (JSON would not carry it).
    for (const v of input) if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) out.push(v[name]);
    if (out.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return out;
  }

  private array(input: Value[], node: [Param, Param, Param]): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goType(v)} is not array or slice`);
      const p = node.map((x) => ({ ...x }));
      if (!p[0]!.known) p[0]!.value = 0;
      if (p[0]!.value < 0) p[0]!.value += v.length;
      if (!p[1]!.known) p[1]!.value = v.length;
      if (p[1]!.value < 0 || (p[1]!.value === 0 && p[1]!.derived)) p[1]!.value += v.length;
      if (p[1]!.value === p[0]!.value) return out;
      if (p[0]!.value >= v.length || p[0]!.value < 0) throw new JsonPathError(`array index out of bounds: index ${p[0]!.value}, length ${v.length}`);
      if (p[1]!.value > v.length || p[1]!.value < 0) throw new JsonPathError(`array index out of bounds: index ${p[1]!.value - 1}, length ${v.length}`);
      if (p[0]!.value > p[1]!.value) throw new JsonPathError(`starting index ${p[0]!.value} is greater than ending index ${p[1]!.value}`);
      const slice = v.slice(p[0]!.value, p[1]!.value);
      let step = 1;
      if (p[2]!.known) {
        if (p[2]!.value <= 0) throw new JsonPathError("step must be > 0");
        step = p[2]!.value;
      }
      for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
    }
    return out;
  }

  private recursive(input: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      const inner = children(v);
      if (inner.length > 0) out.push(v, ...this.recursive(inner));
    }
    return out;
  }

  private filter(input: Value[], node: Extract<Node, { t: "filter" }>): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goPrint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (err) {
          if (node.op === "exists") continue;
          throw err;
        }
        if (node.op === "exists") {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError("can only compare one element at a time");
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError("can only compare one element at a time");
        if (compare(node.op, lefts[0], rights[0])) out.push(item);
      }
    }
    return out;
  }
}

/** The top-level actions with range/end matched into blocks (FindResults' beginRange/endRange). */
type Step = { t: "node"; node: Node } | { t: "range"; node: ListNode; body: Step[] };

function blocks(nodes: readonly Node[]): Step[] {
  const root: Step[] = [];
  const stack: Step[][] = [root];
  for (const node of nodes) {
    const first = node.t === "list" ? node.nodes[0] : undefined;
    if (first?.t === "identifier" && first.name === "range") {
      const r: Step = { t: "range", node: node as ListNode, body: [] };
      stack.at(-1)!.push(r);
      stack.push(r.body);
    } else if (first?.t === "identifier" && first.name === "end") {
      if (stack.length === 1) throw new JsonPathError("not in range, nothing to end");
      stack.pop();
    } else stack.at(-1)!.push({ t: "node", node });
  }
  return root;
}

/** PrintResults(): one action's values, space-separated. */
function printResults(values: readonly Value[], asJson: boolean): string {
  if (asJson) return `${goJson(values, "    ")}\n`;
  return values.map((v) => (v !== null && typeof v === "object" ? goJson(v) : v === null || v === undefined ? "null" : String(v))).join(" ");
}

export interface JsonPathTemplate {
  readonly raw: string;
  readonly steps: Step[];
  /** An {end} outside a range: client-go only finds it when executing. */
  readonly deferred?: JsonPathError;
}

/** Parses a template; throws JsonPathError with the parser's message. */
export function parseJsonPath(template: string): JsonPathTemplate {
  const root = Parser.parse(template);
  try {
    return { raw: template, steps: blocks(root.nodes) };
  } catch (err) {
    if (!(err instanceof JsonPathError)) throw err;
    return { raw: template, steps: [], deferred: err };
  }
}

/** Execute(): the whole template's output; throws JsonPathError on an evaluation error. */
export function executeJsonPath(tpl: JsonPathTemplate, data: unknown, opts: { allowMissingKeys?: boolean; asJson?: boolean } = {}): string {
  if (tpl.deferred !== undefined) throw tpl.deferred;
  const ev = new Evaluator(opts.allowMissingKeys ?? true);
  const run = (steps: readonly Step[], ctx: Value): Value[][] => {
    const out: Value[][] = [];
    for (const s of steps) {
      if (s.t === "node") out.push(ev.walk([ctx], s.node));
      else for (const item of ev.walk([ctx], s.node)) out.push(...run(s.body, item));
    }
    return out;
  };
  return run(tpl.steps, data).map((values) => printResults(values, opts.asJson ?? false)).join("");
}

/** Parses and executes in one go (kubectl wait --for=jsonpath, tests). */
export function jsonpath(template: string, data: unknown, allowMissingKeys = true): string {
  return executeJsonPath(parseJsonPath(template), data, { allowMissingKeys });
}

/**
 * custom-columns' and --sort-by's RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}" and
 * "{.a.b}" all become "{.a.b}".
 */
export function relaxedJsonPath(expr: string): string {
  if (expr === "") return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (m === null) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** The raw values of each action (custom-columns joins them itself). */
export function findJsonPath(tpl: JsonPathTemplate, data: unknown): Value[][] {
  const ev = new Evaluator(true);
  const out: Value[][] = [];
  for (const s of tpl.steps) if (s.t === "node") out.push(ev.walk([data], s.node));
  return out;
}

/** A template that failed on the object it printed (the printer's error, with what it was given). */
export class PrintError extends Error {}

/**
 * cli-runtime JSONPathPrinter: the template parsed once (its errors as kubectl words them), then
 * run on each object; a failure carries the template and the object, for debugging.
 */
export function jsonPathPrinter(template: string, asJson: boolean): ((obj: unknown) => string) | { error: string } {
  if (template === "") return { error: "template format specified but no template given" };
  let tpl: JsonPathTemplate;
  try {
    tpl = parseJsonPath(template);
  } catch (err) {
    if (err instanceof JsonPathError) return { error: `error parsing jsonpath ${template}, ${err.message}` };
    throw err;
  }
  return (obj) => {
    const data = JSON.parse(JSON.stringify(obj)) as unknown;
    try {
      return executeJsonPath(tpl, data, { asJson });
    } catch (err) {
      if (!(err instanceof JsonPathError)) throw err;
      throw new PrintError(`error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${err.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data as never)}\n\n\n`);
    }
  };
}
