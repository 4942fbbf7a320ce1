// The learner page in headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
// browser download): start the scenario, type the tutorial's commands, click a click-to-run block,
// reload and get the screen back, interrupt an endless loop. The terminal is read from xterm.js's
// buffer, not from pixels.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Terminal } from "@xterm/xterm";
import { type Browser, type Page, type WebSocketRoute, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioContent } from "../../core/protocol/api.js";
import { progressOf } from "../../core/protocol/messages.js";
import { buildWeb } from "../../web/build.mjs";
import { type TestServer, startServer } from "./client.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the browser tests`);
  console.warn(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium).`);
}
/** The page's test hook (web/lab.ts): window.podlab.term is the xterm.js Terminal. */
type PodlabWindow = { podlab: { term: Terminal } };
const artifacts = fileURLToPath(new URL("../artifacts/", import.meta.url));

/** The terminal's lines (logical lines: soft wraps joined), trailing blanks trimmed. */
function screen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const buffer = (window as unknown as PodlabWindow).podlab.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i)!;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
    return lines.map((l) => l.replace(/\s+$/, ""));
  });
}

async function waitForScreen(page: Page, pred: (lines: string[]) => boolean, what: string, timeoutMs = 15_000): Promise<string[]> {
  const start = Date.now();
  for (;;) {
    const lines = await screen(page).catch(() => [] as string[]);
    if (pred(lines)) return lines;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${lines.slice(-20).join("\n")}`);
    await page.waitForTimeout(50);
  }
}

const waitForLine = (page: Page, line: string) => waitForScreen(page, (lines) => lines.includes(line), JSON.stringify(line));

/** Types a command into the terminal and waits for the prompt after it. */
async function run(page: Page, command: string, prompt: string): Promise<string[]> {
  const before = (await screen(page)).length;
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  return waitForScreen(page, (lines) => lines.length > before && lines.at(-1) === prompt, `the prompt after ${command}`);
}

describe.skipIf(!haveChromium)("learner page in Chromium", () => {
  let srv: TestServer;
  let browser: Browser;
  let webRoot: string;
  const problems: string[] = [];

  beforeAll(async () => {
    webRoot = await buildWeb({ outdir: mkdtempSync(join(tmpdir(), "podlab-web-")), minify: false });
    srv = await startServer({ webRoot });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.podlab.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    return page;
  }

  it("runs the tutorial from the landing page: typed commands, a click-to-run block, reload, Ctrl-C", async () => {
    const page = await newPage();
    await page.goto(`${srv.base}/`);
    const start = page.getByRole("link", { name: "Start: Configure a Security Context for a Pod or Container", exact: true });
    await start.click();
    await page.waitForURL(`${srv.base}/scenarios/security-context`);
    await waitForLine(page, "learner@workstation:~$");
    // The intro is on the page, with its click-to-run blocks.
    await expect(page.getByRole("heading", { name: "Configure a Security Context for a Pod or Container", level: 3 }).count()).resolves.toBe(1);
    await expect(page.locator(".conn").getAttribute("data-state")).resolves.toBe("connected");

    await page.locator("#terminal").click();
    await run(page, "kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml", "learner@workstation:~$");
    await waitForLine(page, "pod/security-context-demo created");

    // Click-to-run: `kubectl get pod security-context-demo`{{exec}} in the intro, until Running.
    const exec = page.locator('button.exec[data-exec="kubectl get pod security-context-demo"]');
    for (let i = 0; ; i++) {
      const before = (await screen(page)).length;
      await exec.click();
      const lines = await waitForScreen(page, (l) => l.length > before + 2 && l.at(-1) === "learner@workstation:~$", "kubectl get pod output");
      expect(lines).toContain("learner@workstation:~$ kubectl get pod security-context-demo");
      if (lines.slice(before).some((l) => /^security-context-demo\s+1\/1\s+Running\s/.test(l))) break;
      if (i > 40) throw new Error("the pod never got Running");
      await page.waitForTimeout(250);
    }

    await page.locator("#terminal").click();
    await run(page, "kubectl exec -it security-context-demo -- sh", "/ $");
    const afterId = await run(page, "id", "/ $");
    expect(afterId.slice(-3)).toEqual(["/ $ id", "uid=1000 gid=3000 groups=2000", "/ $"]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "learner-page.png") });

    // Reload: the same session (sessionStorage) and the same screen.
    const sessionBefore = await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context"));
    await page.reload();
    const reloaded = await waitForScreen(page, (l) => l.includes("uid=1000 gid=3000 groups=2000") && l.at(-1) === "/ $", "the screen after reload");
    expect(reloaded).toContain("/ $ id");
    expect(await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context"))).toBe(sessionBefore);
    expect(srv.podlab.sessions.size).toBe(1);

    // Ctrl-C ends an endless loop and gives the prompt back.
    await page.locator("#terminal").click();
    await page.keyboard.type("while true; do echo y; done");
    await page.keyboard.press("Enter");
    await waitForScreen(page, (l) => l.filter((x) => x === "y").length > 20, "the loop's output");
    await page.keyboard.press("Control+C");
    await waitForScreen(page, (l) => l.at(-1) === "/ $", "the prompt after ^C");
    const settled = (await screen(page)).length;
    await page.waitForTimeout(300);
    const after = await screen(page);
    expect(after.length).toBe(settled);
    expect(after.at(-1)).toBe("/ $");
    expect(after.at(-2)).toMatch(/\^C$/);
    await page.screenshot({ path: join(artifacts, "learner-page-after-ctrl-c.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("works from the keyboard; reconnects after a drop; screen-reader mode, theme, reset", async () => {
    const page = await newPage();
    await page.goto(`${srv.base}/scenarios/security-context-1.34`);
    await waitForLine(page, "learner@workstation:~$");
    // From the page title backwards: the home link, then the skip link, first on the page.
    await page.locator("header h1").click();
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("podlab");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the terminal");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea"))).toBe(true);
    await page.keyboard.type("echo typed-from-keyboard");
    await page.keyboard.press("Enter");
    await waitForLine(page, "typed-from-keyboard");
    await page.keyboard.press("F6");
    expect(await page.evaluate(() => document.activeElement?.closest("#instructions") !== null)).toBe(true);
    await page.keyboard.press("F6");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea"))).toBe(true);

    const sr = page.locator("#screen-reader");
    await sr.click();
    await expect(sr.getAttribute("aria-pressed")).resolves.toBe("true");
    expect(await page.evaluate(() => (window as unknown as PodlabWindow).podlab.term.options.screenReaderMode)).toBe(true);
    await expect(page.locator(".xterm-accessibility").count()).resolves.toBeGreaterThan(0);
    const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.locator("#theme").click();
    const themeAfter = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(new Set([themeBefore, themeAfter])).toEqual(new Set(["dark", "light"]));
    expect(await page.evaluate(() => (window as unknown as PodlabWindow).podlab.term.options.theme?.background)).toBe(themeAfter === "light" ? "#fbfbfb" : "#1b1e23");

    // A dropped connection comes back by itself (backoff), to the same sandbox and screen.
    await page.evaluate(() => (window as unknown as { podlab: { lab: { connection: { ws: WebSocket } } } }).podlab.lab.connection.ws.close(3000));
    await page.waitForFunction(() => document.querySelector(".conn")?.getAttribute("data-state") === "waiting");
    await page.waitForFunction(() => document.querySelector(".conn")?.getAttribute("data-state") === "connected", undefined, { timeout: 10_000 });
    await waitForLine(page, "typed-from-keyboard");
    await page.locator("#terminal").click();
    await page.keyboard.type("echo back-again");
    await page.keyboard.press("Enter");
    await waitForLine(page, "back-again");

    // Reset: confirm, and a fresh sandbox replaces the old one.
    const before = await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context-1.34"));
    page.once("dialog", (d) => void d.accept());
    await page.locator("#reset").click();
    await waitForScreen(page, (l) => l.length === 1 && l[0] === "learner@workstation:~$", "a fresh terminal");
    const after = await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context-1.34"));
    expect(after).not.toBe(before);
    expect(JSON.parse(after!).id).not.toBe(JSON.parse(before!).id);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
  it("sends big pastes whole, refuses one too big, and keeps the sandbox when a reset cannot start another", async () => {
    // One new session per address: the page's own, so "Reset sandbox" gets 429 too_many_sessions.
    const limited = await startServer({ webRoot, config: { sessionsPerAddress: 1 } });
    const page = await newPage();
    const warnings: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "warning") warnings.push(msg.text());
    });
    try {
      await page.goto(`${limited.base}/scenarios/security-context`);
      await waitForLine(page, "learner@workstation:~$");
      const paste = (text: string) => page.evaluate((t) => (window as unknown as PodlabWindow).podlab.term.paste(t), text);
      const state = () => page.locator(".conn").getAttribute("data-state");

      // Over one 64 KiB frame, in characters and in UTF-8 bytes; the second is over the burst.
      await page.locator("#terminal").click();
      await paste(`echo ${"x".repeat(70_000)}`);
      await page.keyboard.press("Enter");
      await waitForScreen(page, (l) => l.includes("x".repeat(70_000)), "the 70,000 x's echoed");
      await paste(`echo ${"€".repeat(30_000)} ${"y".repeat(150_000)}`);
      await page.keyboard.press("Enter");
      await waitForScreen(page, (l) => l.includes(`${"€".repeat(30_000)} ${"y".repeat(150_000)}`), "the €s and ys echoed");
      expect(await state()).toBe("connected");
      const metrics = await (await fetch(`${limited.base}/metrics`)).text();
      expect(metrics.split("\n").filter((l) => l.startsWith("podlab_ws_frames_rejected_total{"))).toEqual([]);

      // Too big: nothing is sent, the learner is told.
      await paste("z".repeat(300_000));
      expect(await page.locator(".notice").innerText()).toMatch(/^This paste is too big for the terminal \(300,000 characters; at most 262,144/);
      const lines = await run(page, "echo after-paste", "learner@workstation:~$");
      expect(lines.at(-2)).toBe("after-paste");
      expect(lines.at(-3)).toBe("learner@workstation:~$ echo after-paste");

      // Reset when no new sandbox can be started: the old one stays, and so does the page on it.
      const before = await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context"));
      page.once("dialog", (d) => void d.accept());
      await page.locator("#reset").click();
      await page.waitForFunction(() => /Your current sandbox is still here/.test(document.querySelector(".notice")?.textContent ?? ""));
      expect(await page.locator(".notice").innerText()).toMatch(/^Could not start a sandbox: Too many new sessions/);
      expect(await page.evaluate(() => sessionStorage.getItem("podlab.session.security-context"))).toBe(before);
      const old = JSON.parse(before!) as { id: string; token: string };
      expect((await fetch(`${limited.base}/api/sessions/${old.id}`, { headers: { authorization: `Bearer ${old.token}` } })).status).toBe(200);
      expect(await state()).toBe("connected");
      await page.locator("#terminal").click();
      expect((await run(page, "echo still-mine", "learner@workstation:~$")).at(-2)).toBe("still-mine");
      expect(warnings).toEqual([]);
      // The refused POST is logged by the browser itself.
      const refused = problems.findIndex((p) => p.includes("status of 429"));
      expect(refused).toBeGreaterThanOrEqual(0);
      problems.splice(refused, 1);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await limited.podlab.close();
    }
  }, 90_000);

  it("shows steps with hints, solution and Check, and the finish page once every step passed", async () => {
    // Until the scenario engine lands no scenario has steps: serve the page a scenario text that
    // has them, and relay the real terminal socket so a progress frame can be added.
    const page = await newPage();
    const content: ScenarioContent = {
      id: "security-context", title: "Steps demo", profile: "1.29-docker", intro: "Welcome. <b>not bold</b>",
      steps: [
        { id: "one", title: "Create the pod", text: "Apply it: `echo step-one`{{exec}}", hints: ["Use `kubectl apply`.", "The URL is in the intro."], solution: "echo solution-ran\n", optional: false },
        { id: "two", title: "Look inside", text: "[docs](https://kubernetes.io/) [bad](javascript:alert(1))", hints: [], solution: null, optional: false },
      ],
      finish: "You did it.",
    };
    await page.route("**/api/scenarios/security-context", (route) => route.fulfill({ json: content }));
    let socket: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/ws\/sessions\//, (ws) => {
      socket = ws;
      ws.connectToServer();
    });
    await page.goto(`${srv.base}/scenarios/security-context`);
    await waitForLine(page, "learner@workstation:~$");
    expect(await page.locator("article.page").innerText()).toContain("Welcome. <b>not bold</b>");
    await page.getByRole("button", { name: "Start" }).click();
    expect(await page.locator("article.page h2").innerText()).toBe("Create the pod");
    expect(await page.locator(".progress").innerText()).toBe("0 of 2 steps done");

    await page.getByRole("button", { name: "Show a hint" }).click();
    expect(await page.locator("ol.hints li").allInnerTexts()).toEqual(["Use kubectl apply."]);
    await page.getByRole("button", { name: "Show another hint (1 left)" }).click();
    expect(await page.locator("ol.hints li").count()).toBe(2);
    await expect(page.getByRole("button", { name: "No more hints" }).isDisabled()).resolves.toBe(true);

    await page.locator("details.solution summary").click();
    await page.locator('details.solution button.exec[data-exec="echo solution-ran"]').click();
    await waitForLine(page, "solution-ran");
    await page.locator('button.exec[data-exec="echo step-one"]').click();
    await waitForLine(page, "step-one");

    await page.getByRole("button", { name: "Check" }).click();
    // The server's copy of the scenario has no steps (the page's was replaced above).
    await page.waitForFunction(() => document.querySelector(".notice")?.textContent === "This scenario has no steps to check.");

    await page.getByRole("button", { name: "Next" }).click();
    const links = page.locator("article.page a");
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute("href")).toBe("https://kubernetes.io/");
    expect(await links.first().getAttribute("rel")).toBe("noopener noreferrer");

    // Both steps pass: the step list marks them and the finish page opens.
    socket!.send(JSON.stringify(progressOf([
      { id: "one", title: "Create the pod", optional: false, passed: true },
      { id: "two", title: "Look inside", optional: false, passed: true },
    ])));
    await page.waitForFunction(() => document.querySelector("article.page h2")?.textContent === "Finish");
    expect(await page.locator("article.page").innerText()).toContain("Every step is done. Well done!");
    expect(await page.locator("article.page").innerText()).toContain("You did it.");
    expect(await page.locator(".progress").innerText()).toBe("2 of 2 steps done");
    expect(await page.locator(".step.done").count()).toBe(2);
    await page.screenshot({ path: join(artifacts, "learner-page-finish.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
