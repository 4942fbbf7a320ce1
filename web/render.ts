// Builds DOM nodes from parsed Markdown (web/markdown.ts) with createElement and textContent only:
// no innerHTML anywhere, so nothing in scenario text can inject markup or script. Exec blocks
// become buttons that run their text in the terminal; copy blocks get a copy button.

import { type Action, type Block, type Inline, parseMarkdown, safeHref } from "./markdown.js";
import { el } from "./dom.js";

export interface RenderActions {
  /** Runs `text` in the terminal (each line followed by Enter); `interrupt` sends Ctrl-C first. */
  run(text: string, interrupt: boolean): void;
  copy(text: string): void;
}

function actionButton(code: string, action: Action, actions: RenderActions, block: boolean): HTMLElement {
  const codeEl = el("code", undefined, code);
  if (action === "copy") {
    const wrap = el("span", block ? "copyable block" : "copyable");
    const pre = block ? el("pre") : undefined;
    if (pre !== undefined) {
      pre.append(codeEl);
      wrap.append(pre);
    } else wrap.append(codeEl);
    const button = el("button", "copy", "Copy");
    button.type = "button";
    button.setAttribute("aria-label", `Copy: ${code}`);
    button.addEventListener("click", () => {
      actions.copy(code);
      button.textContent = "Copied";
      setTimeout(() => (button.textContent = "Copy"), 1500);
    });
    wrap.append(button);
    return wrap;
  }
  const run = () => actions.run(code, action === "interrupt");
  const label = `Run in the terminal: ${code}`;
  if (block) {
    // A <button> may only hold phrasing content: the block is a <pre> that runs on click, with a
    // real button beside it for the keyboard.
    const wrap = el("div", "exec-block");
    const pre = el("pre");
    pre.append(codeEl);
    pre.title = "Click to run in the terminal";
    pre.addEventListener("click", run);
    const button = el("button", "exec", action === "interrupt" ? "▶ Stop and run" : "▶ Run");
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.dataset.exec = code;
    button.addEventListener("click", run);
    wrap.append(pre, button);
    return wrap;
  }
  const button = el("button", "exec");
  button.type = "button";
  button.title = "Run in the terminal";
  button.setAttribute("aria-label", label);
  button.dataset.exec = code;
  const icon = el("span", "exec-icon", "▶");
  icon.setAttribute("aria-hidden", "true");
  button.append(icon, codeEl);
  button.addEventListener("click", run);
  return button;
}

function inlines(items: Inline[], actions: RenderActions): Node[] {
  return items.map((item): Node => {
    switch (item.t) {
      case "text":
        return document.createTextNode(item.v);
      case "code":
        return item.action !== undefined ? actionButton(item.v, item.action, actions, false) : el("code", undefined, item.v);
      case "em": {
        const e = el("em");
        e.append(...inlines(item.c, actions));
        return e;
      }
      case "strong": {
        const e = el("strong");
        e.append(...inlines(item.c, actions));
        return e;
      }
      case "link": {
        const href = safeHref(item.href, location.href);
        if (href === undefined) {
          const span = el("span");
          span.append(...inlines(item.c, actions));
          return span;
        }
        const a = el("a");
        a.href = href;
        if (new URL(href).origin !== location.origin) {
          a.target = "_blank";
          a.rel = "noopener noreferrer";
        }
        a.append(...inlines(item.c, actions));
        return a;
      }
    }
  });
}

function blocks(items: Block[], actions: RenderActions): Node[] {
  return items.map((b): Node => {
    switch (b.t) {
      case "heading": {
        // Scenario headings sit below the page's own h1/h2.
        const h = el(`h${Math.min(6, b.level + 2)}` as "h3");
        h.append(...inlines(b.c, actions));
        return h;
      }
      case "para": {
        const p = el("p");
        p.append(...inlines(b.c, actions));
        return p;
      }
      case "code": {
        if (b.action !== undefined) return actionButton(b.v, b.action, actions, true);
        const pre = el("pre");
        pre.append(el("code", undefined, b.v));
        return pre;
      }
      case "list": {
        const list = el(b.ordered ? "ol" : "ul");
        if (b.ordered && b.start !== 1) (list as HTMLOListElement).start = b.start;
        for (const item of b.items) {
          const li = el("li");
          // A one-paragraph item renders without its <p>.
          if (item.length === 1 && item[0]!.t === "para") li.append(...inlines(item[0]!.c, actions));
          else li.append(...blocks(item, actions));
          list.append(li);
        }
        return list;
      }
      case "quote": {
        const q = el("blockquote");
        q.append(...blocks(b.c, actions));
        return q;
      }
      case "rule":
        return el("hr");
    }
  });
}

/** Renders Markdown source into a fragment. */
export function renderMarkdown(source: string, actions: RenderActions): DocumentFragment {
  const frag = document.createDocumentFragment();
  frag.append(...blocks(parseMarkdown(source), actions));
  return frag;
}
