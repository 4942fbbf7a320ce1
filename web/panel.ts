// The instructions beside the terminal: the scenario's intro, steps and finish as pages, the step
// list with progress, Check, hints one at a time, and the solution behind a disclosure.

import type { ScenarioContent } from "../core/protocol/api.js";
import type { ProgressMessage } from "../core/protocol/messages.js";
import * as prefs from "./prefs.js";
import { type RenderActions, renderMarkdown } from "./render.js";
import { button, el } from "./dom.js";

export interface PanelActions extends RenderActions {
  check(): void;
}

export class Panel {
  private page: number;
  private progress: ProgressMessage | undefined;
  private connected = false;
  private readonly nav = el("ol", "step-list");
  private readonly meter = el("div", "progress");
  private readonly article = el("article", "page");
  private readonly actionsBar = el("div", "page-actions");
  private readonly noticeBox = el("div", "notice");
  private checkButton: HTMLButtonElement | undefined;

  constructor(readonly root: HTMLElement, readonly content: ScenarioContent, private readonly actions: PanelActions) {
    this.page = Math.min(prefs.page(content.id), this.lastPage);
    const navWrap = el("nav", "steps");
    navWrap.setAttribute("aria-label", "Steps");
    navWrap.append(this.nav);
    this.meter.setAttribute("role", "status");
    this.article.tabIndex = -1;
    this.article.setAttribute("aria-live", "off");
    this.noticeBox.setAttribute("role", "status");
    this.noticeBox.setAttribute("aria-live", "polite");
    root.replaceChildren(navWrap, this.meter, this.article, this.actionsBar, this.noticeBox);
    this.render();
  }

  /** Pages: intro, one per step, finish. */
  private get pages(): { title: string; kind: "intro" | "step" | "finish"; index: number }[] {
    const out: { title: string; kind: "intro" | "step" | "finish"; index: number }[] = [{ title: "Introduction", kind: "intro", index: 0 }];
    this.content.steps.forEach((s, i) => out.push({ title: s.title, kind: "step", index: i }));
    if (this.content.finish !== null || this.content.steps.length > 0) out.push({ title: "Finish", kind: "finish", index: 0 });
    return out;
  }

  private get lastPage(): number {
    return this.pages.length - 1;
  }

  setProgress(p: ProgressMessage): void {
    const wasFinished = this.progress?.finished === true;
    this.progress = p;
    if (p.finished && !wasFinished) this.show(this.lastPage);
    else this.render();
  }

  setConnected(on: boolean): void {
    this.connected = on;
    if (this.checkButton !== undefined) this.checkButton.disabled = !on;
  }

  notice(text: string): void {
    this.noticeBox.textContent = text;
  }

  focus(): void {
    this.article.focus();
  }

  private passed(stepId: string): boolean {
    return this.progress?.steps.find((s) => s.id === stepId)?.passed === true;
  }

  private show(n: number): void {
    this.page = Math.max(0, Math.min(n, this.lastPage));
    prefs.setPage(this.content.id, this.page);
    this.noticeBox.textContent = "";
    this.render();
    this.article.focus();
  }

  private render(): void {
    const pages = this.pages;
    // Step list
    this.nav.replaceChildren(...pages.map((p, i) => {
      const li = el("li");
      const done = p.kind === "step" && this.passed(this.content.steps[p.index]!.id);
      const b = button(`${p.kind === "step" ? `${p.index + 1}. ` : ""}${p.title}`, done ? "step done" : "step", () => this.show(i));
      if (done) b.setAttribute("aria-label", `${p.title} (done)`);
      if (i === this.page) b.setAttribute("aria-current", "step");
      li.append(b);
      return li;
    }));
    // Progress
    const total = this.content.steps.length;
    this.meter.hidden = total === 0;
    const completed = this.progress?.completed ?? 0;
    this.meter.textContent = `${completed} of ${total} steps done`;
    // Page
    const page = pages[this.page]!;
    const heading = el("h2", undefined, page.title);
    this.article.replaceChildren(heading);
    this.checkButton = undefined;
    const bar: HTMLElement[] = [];
    if (this.page > 0) bar.push(button("Back", "secondary", () => this.show(this.page - 1)));
    if (page.kind === "intro") {
      this.article.append(this.content.intro !== null ? renderMarkdown(this.content.intro, this.actions) : el("p", "muted", "This scenario has no introduction."));
    } else if (page.kind === "step") {
      const step = this.content.steps[page.index]!;
      this.article.append(renderMarkdown(step.text, this.actions));
      this.article.append(...this.hints(step.hints));
      if (step.solution !== null) {
        const details = el("details", "solution");
        details.append(el("summary", undefined, "Show the solution"), renderMarkdown(`\`\`\`\n${step.solution.replace(/\n+$/, "")}\n\`\`\`{{exec}}`, this.actions));
        this.article.append(details);
      }
      const result = this.progress?.steps.find((s) => s.id === step.id);
      if (result?.checks !== undefined && !result.passed) {
        const list = el("ul", "check-results");
        for (const c of result.checks.filter((c) => !c.passed)) list.append(el("li", undefined, c.reason ?? `${c.kind} not satisfied`));
        this.article.append(list);
      }
      this.checkButton = button(this.passed(step.id) ? "Checked ✓" : "Check", "primary", () => this.actions.check());
      this.checkButton.disabled = !this.connected;
      bar.push(this.checkButton);
    } else {
      const finished = this.progress?.finished === true;
      if (total > 0) this.article.append(el("p", finished ? "done" : "muted", finished ? "Every step is done. Well done!" : `${completed} of ${total} steps done so far.`));
      if (this.content.finish !== null) this.article.append(renderMarkdown(this.content.finish, this.actions));
    }
    if (this.page < this.lastPage) bar.push(button(this.page === 0 ? "Start" : "Next", this.page === 0 ? "primary" : "secondary", () => this.show(this.page + 1)));
    this.actionsBar.replaceChildren(...bar);
  }

  private hints(hints: string[]): HTMLElement[] {
    if (hints.length === 0) return [];
    const list = el("ol", "hints");
    list.setAttribute("aria-live", "polite");
    const more = button("Show a hint", "secondary", () => {
      const next = hints[list.children.length];
      if (next === undefined) return;
      const li = el("li");
      li.append(renderMarkdown(next, this.actions));
      list.append(li);
      const left = hints.length - list.children.length;
      more.textContent = left > 0 ? `Show another hint (${left} left)` : "No more hints";
      more.disabled = left === 0;
    });
    return [list, more];
  }
}
