// The landing page: the scenarios this server offers, each with a Start link.

import { listScenarios } from "./api.js";
import { el } from "./dom.js";

export async function showLanding(root: HTMLElement): Promise<void> {
  const main = el("main", "landing");
  main.append(
    el("h1", undefined, "podlab"),
    el("p", "lead", "Hands-on Kubernetes security contexts in your browser: a terminal, a cluster and pods to explore. No cluster or VM needed; nothing to install."),
  );
  const list = el("ul", "scenarios");
  list.setAttribute("aria-label", "Scenarios");
  main.append(el("h2", undefined, "Scenarios"), list);
  root.replaceChildren(main);
  try {
    const scenarios = await listScenarios();
    if (scenarios.length === 0) list.append(el("li", "muted", "No scenarios are installed."));
    for (const s of scenarios) {
      const li = el("li", "scenario");
      const link = el("a", "start", "Start");
      link.href = `/scenarios/${encodeURIComponent(s.id)}`;
      link.setAttribute("aria-label", `Start: ${s.title}`);
      li.append(el("h3", undefined, s.title), el("p", "muted", `Kubernetes ${s.profile.replace("-", " with ")}`), link);
      list.append(li);
    }
  } catch (err) {
    list.append(el("li", "error", `The scenarios could not be loaded: ${(err as Error).message}`));
  }
}
