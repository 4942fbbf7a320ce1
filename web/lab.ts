// The scenario view: the instructions panel beside the terminal, the session behind them (created,
// or resumed from sessionStorage), the connection indicator and the header's controls.

import type { ScenarioContent } from "../core/protocol/api.js";
import type { ServerMessage } from "../core/protocol/messages.js";
import { ApiRequestError, createSession, deleteSession, getScenario } from "./api.js";
import { type ConnectionState, type StoredSession, TerminalConnection } from "./connection.js";
import { Panel } from "./panel.js";
import * as prefs from "./prefs.js";
import { type LabTerminal, createTerminal } from "./terminal.js";
import { button, el } from "./dom.js";

/** Test and debugging hook: `window.podlab.term` is the xterm.js Terminal. */
declare global {
  interface Window {
    podlab?: { term: LabTerminal["term"]; lab: Lab };
  }
}

/** A resize is sent once the terminal's size has not changed for this long (ms). */
const RESIZE_SETTLE_MS = 150;
/** The largest paste sent to the terminal (characters): a few seconds at the server's input rate. */
export const MAX_PASTE_CHARS = 256 * 1024;
const chars = (n: number) => `${n.toLocaleString("en")} characters`;

export class Lab {
  private terminal!: LabTerminal;
  private panel: Panel | undefined;
  private connection: TerminalConnection | undefined;
  private everConnected = false;
  private readonly status = el("span", "conn");
  private readonly statusLabel = el("span", "conn-label", "Starting…");
  private readonly reconnectButton = button("Reconnect", "secondary small", () => this.connection?.reconnectNow());
  private readonly newSessionButton = button("Start a new session", "primary small", () => void this.newSession());
  private readonly resetButton = button("Reset sandbox", "secondary small", () => {
    if (window.confirm("Reset the sandbox? Your pods, files and terminal history are discarded and a fresh sandbox starts.")) void this.newSession();
  });
  private state: ConnectionState["kind"] = "connecting";
  private starting = false;
  private resizeTimer: number | undefined;
  private readonly termBox = el("div", "term-host");
  private readonly panelBox = el("section", "panel");

  constructor(private readonly root: HTMLElement, private readonly scenarioId: string) {}

  async start(): Promise<void> {
    let content: ScenarioContent;
    try {
      content = await getScenario(this.scenarioId);
    } catch (err) {
      this.root.replaceChildren(this.errorPage(err instanceof ApiRequestError && err.status === 404 ? `There is no scenario "${this.scenarioId}".` : `The scenario could not be loaded: ${(err as Error).message}`));
      return;
    }
    document.title = `${content.title} · podlab`;
    this.layout(content);
    this.panel = new Panel(this.panelBox, content, {
      run: (text, interrupt) => this.run(text, interrupt),
      copy: (text) => void this.copy(text),
      check: () => {
        if (!this.connection?.send({ type: "check" })) this.panel?.notice("Not connected: the check is sent once the terminal is back.");
      },
    });
    const stored = prefs.storedSession(this.scenarioId);
    if (stored !== undefined) this.connect(stored);
    else await this.newSession();
  }

  private layout(content: ScenarioContent): void {
    const skip = el("a", "skip", "Skip to the terminal");
    skip.href = "#terminal";
    skip.addEventListener("click", (ev) => {
      ev.preventDefault();
      this.terminal.term.focus();
    });
    const header = el("header", "bar");
    const brand = el("a", "brand", "podlab");
    brand.href = "/";
    const title = el("h1", undefined, content.title);
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    const dot = el("span", "dot");
    dot.setAttribute("aria-hidden", "true");
    this.status.append(dot, this.statusLabel);
    this.status.dataset.state = "connecting";
    this.reconnectButton.hidden = true;
    this.newSessionButton.hidden = true;
    const reset = this.resetButton;
    reset.id = "reset";
    const sr = button("Screen reader mode", "secondary small toggle", () => {
      const on = sr.getAttribute("aria-pressed") !== "true";
      sr.setAttribute("aria-pressed", String(on));
      prefs.setScreenReader(on);
      this.terminal.setScreenReader(on);
    });
    sr.id = "screen-reader";
    sr.setAttribute("aria-pressed", String(prefs.screenReader()));
    const theme = button("", "secondary small", () => {
      const next = prefs.theme() === "dark" ? "light" : "dark";
      prefs.setTheme(next);
      this.terminal.setTheme(next);
      theme.textContent = next === "dark" ? "Light theme" : "Dark theme";
    });
    theme.id = "theme";
    theme.textContent = prefs.theme() === "dark" ? "Light theme" : "Dark theme";
    const controls = el("div", "controls");
    controls.append(this.status, this.reconnectButton, this.newSessionButton, reset, sr, theme);
    header.append(brand, title, controls);

    const main = el("main", "lab");
    this.panelBox.id = "instructions";
    this.panelBox.setAttribute("aria-label", "Instructions");
    const termPane = el("section", "term-pane");
    termPane.setAttribute("aria-label", "Terminal");
    this.termBox.id = "terminal";
    const help = el("p", "help", "F6 moves between the instructions and the terminal.");
    termPane.append(this.termBox, help);
    main.append(this.panelBox, termPane);
    this.root.replaceChildren(skip, header, main);

    this.terminal = createTerminal(this.termBox, { theme: prefs.theme(), screenReader: prefs.screenReader(), onLeave: () => this.panel?.focus() });
    this.panelBox.addEventListener("keydown", (ev) => {
      if (ev.key === "F6") {
        ev.preventDefault();
        this.terminal.term.focus();
      }
    });
    const term = this.terminal.term;
    term.onData((data) => this.type(data));
    // While the window is being resized the size changes every frame: send the size it ends at.
    term.onResize(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = window.setTimeout(() => this.sendSize(), RESIZE_SETTLE_MS);
    });
    window.podlab = { term, lab: this };
  }

  private sendSize(): void {
    this.connection?.send({ type: "resize", cols: this.terminal.term.cols, rows: this.terminal.term.rows });
  }

  /** Keys and pastes: sent as the input budget allows (web/outbox.ts); a paste too big is refused. */
  private type(data: string): void {
    const conn = this.connection;
    if (conn === undefined) return;
    if (data === "\x03" && conn.outbox.pendingInput > 0) {
      conn.outbox.dropInput();
      this.panel?.notice("Stopped pasting: the rest of the paste was not sent.");
    }
    if (data.length + conn.outbox.pendingInput > MAX_PASTE_CHARS) {
      this.panel?.notice(`This paste is too big for the terminal (${chars(data.length)}; at most ${chars(MAX_PASTE_CHARS)} at a time). Nothing was sent: paste it in smaller parts.`);
      return;
    }
    if (!conn.send({ type: "input", data })) return;
    const seconds = conn.outbox.secondsLeft;
    if (seconds >= 1) this.panel?.notice(`Pasting ${chars(conn.outbox.pendingInput)}: about ${Math.ceil(seconds)} s. Ctrl-C stops it.`);
  }

  private connect(session: StoredSession): void {
    this.connection?.close();
    const conn = new TerminalConnection(session, {
      open: () => {
        this.everConnected = true;
        this.terminal.fit();
        this.sendSize();
      },
      message: (msg) => this.onMessage(msg),
      state: (state) => this.onState(state),
    });
    this.connection = conn;
    conn.connect();
    this.terminal.term.focus();
  }

  private onMessage(msg: ServerMessage): void {
    switch (msg.type) {
      case "output":
        this.terminal.term.write(msg.data);
        break;
      case "progress":
        this.panel?.setProgress(msg);
        break;
      case "notice":
        this.panel?.notice(msg.text);
        break;
      case "error":
        console.warn(`podlab: the server rejected a frame: ${msg.code}: ${msg.message}`);
        break;
    }
  }

  private onState(state: ConnectionState): void {
    const labels: Record<ConnectionState["kind"], string> = {
      connecting: "Connecting…", connected: "Connected", waiting: "Reconnecting…", ended: "Session ended", replaced: "Open in another window",
    };
    this.state = state.kind;
    this.status.dataset.state = state.kind;
    this.statusLabel.textContent = state.kind === "waiting" ? `Disconnected: retrying in ${Math.ceil(state.retryInMs / 1000)} s` : labels[state.kind];
    this.reconnectButton.hidden = !(state.kind === "waiting" || state.kind === "replaced");
    this.newSessionButton.hidden = state.kind !== "ended";
    this.panel?.setConnected(state.kind === "connected");
    if (state.kind === "ended") {
      prefs.storeSession(this.scenarioId, null);
      // A session that expired while the page was closed: start a fresh one without asking.
      if (!this.everConnected) void this.newSession("Your previous session had ended, so a new one was started.");
    }
  }

  /**
   * Starts a fresh sandbox and switches the terminal to it. The current one is ended only once the
   * new one exists: when none can be started (the address's quota is used up, the server is
   * full), the learner keeps the sandbox they have.
   */
  private async newSession(notice?: string): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    this.resetButton.disabled = true;
    const old = this.connection;
    const keepOld = old !== undefined && this.state !== "ended";
    if (!keepOld) {
      this.statusLabel.textContent = "Starting a sandbox…";
      this.status.dataset.state = "connecting";
      this.newSessionButton.hidden = true;
    }
    try {
      const created = await createSession({ scenario: this.scenarioId });
      const session = { id: created.id, token: created.token };
      old?.close();
      if (old !== undefined) deleteSession(old.session.id, old.session.token).catch(() => {});
      prefs.storeSession(this.scenarioId, session);
      this.everConnected = false;
      this.terminal.term.reset();
      this.connect(session);
      if (notice !== undefined) this.panel?.notice(notice);
    } catch (err) {
      const why = `Could not start a sandbox: ${(err as Error).message}`;
      if (keepOld) this.panel?.notice(`${why} Your current sandbox is still here.`);
      else {
        old?.close();
        this.connection = undefined;
        this.state = "ended";
        this.status.dataset.state = "ended";
        this.statusLabel.textContent = "No sandbox";
        this.newSessionButton.hidden = false;
        this.panel?.notice(why);
      }
    } finally {
      this.starting = false;
      this.resetButton.disabled = false;
    }
  }

  /** Runs an exec block: its lines typed into the terminal, each followed by Enter. */
  private run(text: string, interrupt: boolean): void {
    const data = `${interrupt ? "\x03" : ""}${text.replace(/\r?\n/g, "\r")}\r`;
    if (this.connection?.send({ type: "input", data }) !== true) this.panel?.notice("Not connected: wait for the terminal to reconnect, then run it again.");
    this.terminal.term.focus();
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      this.panel?.notice("Copying needs clipboard permission; select the text and copy it instead.");
    }
  }

  private errorPage(message: string): HTMLElement {
    const main = el("main", "message");
    const back = el("a", undefined, "Back to the scenarios");
    back.href = "/";
    main.append(el("h1", undefined, "podlab"), el("p", undefined, message), back);
    return main;
  }
}
