// The learner's terminal: xterm.js with the fit addon (follows the window size) and clickable
// links, dark and light themes, and xterm's screen-reader mode.

import { Terminal, type ITheme } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { COLS_MAX, COLS_MIN, ROWS_MAX, ROWS_MIN } from "../core/protocol/messages.js";

export type ThemeName = "dark" | "light";

const THEMES: Record<ThemeName, ITheme> = {
  dark: {
    background: "#1b1e23", foreground: "#e6e6e6", cursor: "#f0f0f0", selectionBackground: "#3b4b63",
    black: "#1b1e23", red: "#f0776e", green: "#8fd18b", yellow: "#e5c07b", blue: "#71a7f0", magenta: "#d39ae5", cyan: "#6fc7d1", white: "#d8dee9",
    brightBlack: "#7f8793", brightRed: "#ff8d85", brightGreen: "#a5e3a1", brightYellow: "#f0d08f", brightBlue: "#8dbaff", brightMagenta: "#e2b0f0", brightCyan: "#8ad9e2", brightWhite: "#ffffff",
  },
  light: {
    background: "#fbfbfb", foreground: "#1f2328", cursor: "#1f2328", selectionBackground: "#b6d3f5",
    black: "#1f2328", red: "#b3261e", green: "#1a7f37", yellow: "#8a6100", blue: "#0b5cc0", magenta: "#8e3fae", cyan: "#0c7a86", white: "#6e7781",
    brightBlack: "#57606a", brightRed: "#cf222e", brightGreen: "#2a8f46", brightYellow: "#9a6d00", brightBlue: "#0969da", brightMagenta: "#a04fc0", brightCyan: "#1b7c83", brightWhite: "#8c959f",
  },
};

export interface LabTerminal {
  readonly term: Terminal;
  fit(): void;
  setTheme(name: ThemeName): void;
  setScreenReader(on: boolean): void;
  dispose(): void;
}

export function createTerminal(container: HTMLElement, opts: { theme: ThemeName; screenReader: boolean; onLeave: () => void }): LabTerminal {
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: THEMES[opts.theme],
    screenReaderMode: opts.screenReader,
    allowProposedApi: false,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(new WebLinksAddon((event, uri) => {
    event.preventDefault();
    window.open(uri, "_blank", "noopener,noreferrer");
  }));
  // F6 leaves the terminal (Tab is the shell's completion key there), as in other apps with panes.
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.key === "F6" && ev.type === "keydown") {
      ev.preventDefault();
      opts.onLeave();
      return false;
    }
    return true;
  });
  term.open(container);
  const fit = () => {
    if (container.clientWidth === 0 || container.clientHeight === 0) return;
    const dims = fitAddon.proposeDimensions();
    if (dims === undefined || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    const cols = Math.max(COLS_MIN, Math.min(COLS_MAX, dims.cols));
    const rows = Math.max(ROWS_MIN, Math.min(ROWS_MAX, dims.rows));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
  };
  const observer = new ResizeObserver(() => fit());
  observer.observe(container);
  fit();
  return {
    term,
    fit,
    setTheme: (name) => {
      term.options.theme = THEMES[name];
    },
    setScreenReader: (on) => {
      term.options.screenReaderMode = on;
    },
    dispose: () => {
      observer.disconnect();
      term.dispose();
    },
  };
}
