// The learner's display preferences (theme, screen-reader mode), kept in localStorage, and the
// session of each scenario, kept in sessionStorage (so a reload of the tab resumes it).

import type { StoredSession } from "./connection.js";
import type { ThemeName } from "./terminal.js";

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null; // storage disabled
  }
}

function write(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // storage disabled or full: preferences just do not persist
  }
}

export function theme(): ThemeName {
  const saved = read(localStorage, "podlab.theme");
  if (saved === "dark" || saved === "light") return saved;
  return matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export function setTheme(name: ThemeName): void {
  write(localStorage, "podlab.theme", name);
  document.documentElement.dataset.theme = name;
}

export const screenReader = () => read(localStorage, "podlab.screenReader") === "on";
export const setScreenReader = (on: boolean) => write(localStorage, "podlab.screenReader", on ? "on" : "off");

const sessionKey = (scenario: string) => `podlab.session.${scenario}`;

export function storedSession(scenario: string): StoredSession | undefined {
  const raw = read(sessionStorage, sessionKey(scenario));
  if (raw === null) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v === "object" && v !== null && typeof (v as StoredSession).id === "string" && typeof (v as StoredSession).token === "string") {
      return { id: (v as StoredSession).id, token: (v as StoredSession).token };
    }
  } catch {
    // corrupt entry: start a new session
  }
  return undefined;
}

export const storeSession = (scenario: string, s: StoredSession | null) => write(sessionStorage, sessionKey(scenario), s === null ? null : JSON.stringify(s));

/** The instructions page the learner is on (intro = 0, steps 1..n, finish n+1). */
export const page = (scenario: string) => Number(read(sessionStorage, `podlab.page.${scenario}`) ?? "0") || 0;
export const setPage = (scenario: string, n: number) => write(sessionStorage, `podlab.page.${scenario}`, String(n));
