// A small Markdown parser for scenario text: headings, paragraphs, lists, block quotes, rules,
// fenced code, inline code, emphasis, links. It returns a tree, never HTML: web/render.ts builds DOM
// nodes from it with textContent, so raw HTML in the source shows as text and cannot run.
//
// Lab actions (Killercoda style): `cmd`{{exec}} and ```…```{{exec}} run in the terminal,
// {{exec interrupt}} sends Ctrl-C first, {{copy}} copies.

export type Action = "exec" | "interrupt" | "copy";

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string; action?: Action }
  | { t: "em"; c: Inline[] }
  | { t: "strong"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] };

export type Block =
  | { t: "heading"; level: number; c: Inline[] }
  | { t: "para"; c: Inline[] }
  | { t: "code"; v: string; lang: string; action?: Action }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "rule" };

const ACTION = /^\{\{\s*(exec(?:\s+interrupt)?|execute|copy)\s*\}\}/;

function actionOf(word: string): Action {
  if (word.startsWith("copy")) return "copy";
  return /interrupt/.test(word) ? "interrupt" : "exec";
}

// ---- blocks ----

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const BULLET = /^( {0,3})([-*+])\s+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
}

function parseBlocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence !== null) {
      const marker = fence[1]!;
      const body: string[] = [];
      let action: Action | undefined;
      i++;
      while (i < lines.length) {
        const l = lines[i]!;
        const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}(.*)$`).exec(l);
        if (close !== null) {
          const m = ACTION.exec(close[1]!.trim());
          if (m !== null) action = actionOf(m[1]!);
          i++;
          break;
        }
        body.push(l);
        i++;
      }
      out.push({ t: "code", v: body.join("\n"), lang: fence[2] ?? "", ...(action ? { action } : {}) });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      out.push({ t: "heading", level: heading[1]!.length, c: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ t: "rule" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      out.push({ t: "quote", c: parseBlocks(body) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet === null ? ORDERED.exec(line) : null;
    if (bullet !== null || ordered !== null) {
      const isOrdered = ordered !== null;
      const pattern = isOrdered ? ORDERED : BULLET;
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = pattern.exec(l);
        if (m !== null) {
          items.push([m[3]!]);
          i++;
          continue;
        }
        // Continuation: indented lines (or blank lines followed by indented ones) stay in the item.
        if (l.trim() === "" && i + 1 < lines.length && /^ {2,}\S/.test(lines[i + 1]!)) {
          items[items.length - 1]!.push("");
          i++;
          continue;
        }
        if (/^ {2,}\S/.test(l) || (l.trim() !== "" && !isBlockStart(l))) {
          items[items.length - 1]!.push(l.replace(/^ {1,4}/, ""));
          i++;
          continue;
        }
        break;
      }
      out.push({ t: "list", ordered: isOrdered, start: isOrdered ? Number(ordered![2]) : 1, items: items.map((it) => parseBlocks(it)) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && (para.length === 0 || !isBlockStart(lines[i]!))) para.push(lines[i++]!.trim());
    out.push({ t: "para", c: parseInline(para.join("\n")) });
  }
  return out;
}

function isBlockStart(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

// ---- inlines ----

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buf = "";
  const flush = () => {
    if (buf !== "") out.push({ t: "text", v: buf });
    buf = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && /[\\`*_[\]()#+\-.!{}<>~|]/.test(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (text[i + n] === "`") n++;
      const ticks = "`".repeat(n);
      const end = text.indexOf(ticks, i + n);
      if (end !== -1) {
        flush();
        let code = text.slice(i + n, end).replace(/\n/g, " ");
        if (/^ .* $/.test(code)) code = code.slice(1, -1);
        i = end + n;
        const m = ACTION.exec(text.slice(i));
        if (m !== null) {
          out.push({ t: "code", v: code, action: actionOf(m[1]!) });
          i += m[0].length;
        } else out.push({ t: "code", v: code });
        continue;
      }
      buf += ticks;
      i += n;
      continue;
    }
    if (ch === "*" || ch === "_") {
      const double = text[i + 1] === ch;
      const marker = double ? ch + ch : ch;
      const end = findClosing(text, i + marker.length, marker);
      // Intra-word underscores (snake_case) are not emphasis.
      const wordBefore = ch === "_" && i > 0 && /\w/.test(text[i - 1]!);
      if (end !== -1 && !wordBefore && !/\s/.test(text[i + marker.length] ?? " ")) {
        flush();
        const inner = parseInline(text.slice(i + marker.length, end));
        out.push(double ? { t: "strong", c: inner } : { t: "em", c: inner });
        i = end + marker.length;
        continue;
      }
    }
    if (ch === "[") {
      const close = findBracket(text, i);
      if (close !== -1 && text[close + 1] === "(") {
        const end = text.indexOf(")", close + 2);
        if (end !== -1) {
          flush();
          const href = text.slice(close + 2, end).trim().split(/\s+/)[0] ?? "";
          out.push({ t: "link", href, c: parseInline(text.slice(i + 1, close)) });
          i = end + 1;
          continue;
        }
      }
    }
    buf += ch === "\n" ? " " : ch;
    i++;
  }
  flush();
  return out;
}

function findClosing(text: string, from: number, marker: string): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if (text[j] === "`") {
      const end = text.indexOf("`", j + 1);
      if (end === -1) return -1;
      j = end;
      continue;
    }
    if (text.startsWith(marker, j) && !/\s/.test(text[j - 1] ?? " ") && (marker.length === 2 || text[j + 1] !== marker)) {
      if (marker === "_" && /\w/.test(text[j + 1] ?? "")) continue;
      return j;
    }
  }
  return -1;
}

function findBracket(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === "[") depth++;
    else if (text[j] === "]" && --depth === 0) return j;
  }
  return -1;
}

/** Links a page may open: http(s), mailto, and relative ones. Anything else becomes plain text. */
export function safeHref(href: string, base: string): string | undefined {
  if (/[\u0000-\u001f\s]/.test(href)) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : undefined;
}
