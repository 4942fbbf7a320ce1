// kubectl's JSONPath (k8s.io/client-go/util/jsonpath), the parts people use: {.a.b}, [n], [*],
// ..name, [?(@.k=="v")], {range …}{end}, quoted literals, several fields in one template.

type Node = { t: "text"; v: string } | { t: "path"; steps: Step[] } | { t: "range"; steps: Step[]; body: Node[] };
type Step = { t: "field"; name: string } | { t: "recursive"; name: string } | { t: "index"; i: number | "*" } | { t: "slice"; from?: number; to?: number } | { t: "filter"; path: string[]; op: string; value: string };

export class JsonPathError extends Error {}

function parseSteps(expr: string): Step[] {
  const steps: Step[] = [];
  let s = expr.trim();
  if (s.startsWith("$")) s = s.slice(1);
  while (s !== "") {
    let m: RegExpExecArray | null;
    if ((m = /^\.\.([\w-]+)/.exec(s))) { steps.push({ t: "recursive", name: m[1]! }); s = s.slice(m[0].length); continue; }
    if ((m = /^\.([\w-]*)/.exec(s))) { if (m[1] !== "") steps.push({ t: "field", name: m[1]! }); s = s.slice(m[0].length); continue; }
    if ((m = /^\[\*\]/.exec(s))) { steps.push({ t: "index", i: "*" }); s = s.slice(m[0].length); continue; }
    if ((m = /^\[(-?\d+)\]/.exec(s))) { steps.push({ t: "index", i: Number(m[1]) }); s = s.slice(m[0].length); continue; }
    if ((m = /^\[(-?\d*):(-?\d*)\]/.exec(s))) { steps.push({ t: "slice", ...(m[1] ? { from: Number(m[1]) } : {}), ...(m[2] ? { to: Number(m[2]) } : {}) }); s = s.slice(m[0].length); continue; }
    if ((m = /^\[['"]([^'"]+)['"]\]/.exec(s))) { steps.push({ t: "field", name: m[1]! }); s = s.slice(m[0].length); continue; }
    if ((m = /^\[\?\(@((?:\.[\w-]+)+)\s*(==|!=|<|>|<=|>=)\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+))\)\]/.exec(s))) {
      steps.push({ t: "filter", path: m[1]!.split(".").filter(Boolean), op: m[2]!, value: m[3] ?? m[4] ?? m[5]! });
      s = s.slice(m[0].length);
      continue;
    }
    throw new JsonPathError(`unrecognized character in action: U+${(s.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} '${s[0]}'`);
  }
  return steps;
}

function parseTemplate(tpl: string): Node[] {
  const nodes: Node[] = [];
  const stack: { body: Node[]; range?: Extract<Node, { t: "range" }> }[] = [{ body: nodes }];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf("{", i);
    if (open < 0) { stack.at(-1)!.body.push({ t: "text", v: tpl.slice(i) }); break; }
    if (open > i) stack.at(-1)!.body.push({ t: "text", v: tpl.slice(i, open) });
    const close = tpl.indexOf("}", open);
    if (close < 0) throw new JsonPathError("unclosed action");
    const inner = tpl.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith("range ")) {
      const r: Extract<Node, { t: "range" }> = { t: "range", steps: parseSteps(inner.slice(6)), body: [] };
      stack.at(-1)!.body.push(r);
      stack.push({ body: r.body, range: r });
    } else if (inner === "end") {
      if (stack.length === 1) throw new JsonPathError("not in range, nothing to end");
      stack.pop();
    } else if (/^".*"$|^'.*'$/.test(inner)) {
      stack.at(-1)!.body.push({ t: "text", v: inner.slice(1, -1).replace(/\\n/g, "\n").replace(/\\t/g, "\t") });
    } else stack.at(-1)!.body.push({ t: "path", steps: parseSteps(inner) });
  }
  return nodes;
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (step.t === "field") {
        if (v !== null && typeof v === "object" && !Array.isArray(v) && step.name in (v as object)) next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.t === "recursive") {
        const visit = (x: unknown) => {
          if (x === null || typeof x !== "object") return;
          if (!Array.isArray(x) && step.name in (x as object)) next.push((x as Record<string, unknown>)[step.name]);
          for (const child of Object.values(x as object)) visit(child);
        };
        visit(v);
      } else if (Array.isArray(v)) {
        if (step.t === "index") {
          if (step.i === "*") next.push(...v);
          else {
            const idx = step.i < 0 ? v.length + step.i : step.i;
            if (idx >= v.length || idx < 0) throw new JsonPathError(`array index out of bounds: index ${step.i}, length ${v.length}`);
            next.push(v[idx]);
          }
        } else if (step.t === "slice") next.push(...v.slice(step.from ?? 0, step.to ?? v.length));
        else if (step.t === "filter") {
          for (const item of v) {
            let x: unknown = item;
            for (const p of step.path) x = x !== null && typeof x === "object" ? (x as Record<string, unknown>)[p] : undefined;
            const a = String(x);
            const ok = step.op === "==" ? a === step.value : step.op === "!=" ? a !== step.value : step.op === "<" ? Number(a) < Number(step.value) : step.op === ">" ? Number(a) > Number(step.value) : step.op === "<=" ? Number(a) <= Number(step.value) : Number(a) >= Number(step.value);
            if (x !== undefined && ok) next.push(item);
          }
        }
      } else if (step.t === "index" && step.i === "*" && v !== null && typeof v === "object") next.push(...Object.values(v as object));
    }
    cur = next;
  }
  return cur;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Evaluates a template like kubectl -o jsonpath=…; throws JsonPathError on bad templates. */
export function jsonpath(template: string, data: unknown, allowMissing = true): string {
  const nodes = parseTemplate(template.startsWith("{") || template.includes("{") ? template : `{${template}}`);
  const run = (ns: Node[], ctx: unknown): string => {
    let out = "";
    for (const n of ns) {
      if (n.t === "text") out += n.v;
      else if (n.t === "path") {
        const r = walk([ctx], n.steps);
        if (r.length === 0 && !allowMissing) throw new JsonPathError(`${n.steps.map((s) => (s.t === "field" ? s.name : "")).join(".")} is not found`);
        out += r.map(show).join(" ");
      } else for (const item of walk([ctx], n.steps)) out += run(n.body, item);
    }
    return out;
  };
  return run(nodes, data);
}
