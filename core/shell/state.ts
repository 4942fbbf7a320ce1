// A shell's variables, positional parameters, functions, options and traps. A subshell gets a
// copy (fork), so nothing it changes reaches its parent.

import type { CompoundCommand } from "./ast.js";

export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  noexec: boolean;
  verbose: boolean;
  allexport: boolean;
}

export class ShellState {
  /** User-controlled names: a Map, never an object (no prototype keys). */
  vars = new Map<string, Var>();
  /** Variables of the functions being run (`local`), innermost last. */
  locals: Map<string, Var | undefined>[] = [];
  positional: string[] = [];
  arg0: string;
  functions = new Map<string, CompoundCommand>();
  status = 0;
  lastBackgroundPid: number | undefined;
  options: ShellOptions = { errexit: false, nounset: false, xtrace: false, noglob: false, noexec: false, verbose: false, allexport: false };
  traps = new Map<string, string>();
  history: string[] = [];
  /**
   * Where commands were found, and with which PATH (dash reports them as "tracked alias");
   * `rehash`: a cd since (hashcd()), shown as "/bin/ls*" by `hash`.
   */
  hashed = new Map<string, { path: string; PATH: string | undefined; rehash?: boolean }>();
  /** `alias NAME=VALUE`, in the order they were defined. */
  aliases = new Map<string, string>();
  /** Resource limits `ulimit` changed (builtins/ulimit.ts); undefined: the process's initial ones. */
  rlimits: Record<string, { cur: number; max: number }> | undefined;

  constructor(arg0: string) {
    this.arg0 = arg0;
  }

  static fromEnviron(arg0: string, environ: readonly string[]): ShellState {
    const s = new ShellState(arg0);
    for (const entry of environ) {
      const eq = entry.indexOf("=");
      if (eq <= 0) continue;
      const name = entry.slice(0, eq);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) s.vars.set(name, { value: entry.slice(eq + 1), exported: true, readonly: false });
    }
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Sets a variable; returns false when it is read-only. */
  set(name: string, value: string, exported?: boolean): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (v === undefined) this.vars.set(name, { value, exported: exported ?? this.options.allexport, readonly: false });
    else {
      v.value = value;
      if (exported) v.exported = true;
    }
    return true;
  }

  unset(name: string): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    this.vars.delete(name);
    return true;
  }

  /** Remembers where PATH search found a command (find_command() adding to cmdtable). */
  hashCommand(name: string, path: string): void {
    const h = this.hashed.get(name);
    if (h !== undefined && h.path === path && h.PATH === this.get("PATH")) h.rehash = false;
    else {
      this.hashed.delete(name);
      this.hashed.set(name, { path, PATH: this.get("PATH") });
    }
  }

  /** A remembered command location, while PATH is unchanged (changepath() clears the table). */
  hashedPath(name: string): string | undefined {
    const h = this.hashed.get(name);
    return h !== undefined && h.PATH === this.get("PATH") ? h.path : undefined;
  }

  /** The environment a child process receives: exported variables, NAME=value. */
  environ(extra: ReadonlyMap<string, string> = new Map()): string[] {
    const out: string[] = [];
    for (const [name, v] of this.vars) if (v.exported && v.value !== undefined && !extra.has(name)) out.push(`${name}=${v.value}`);
    for (const [name, value] of extra) out.push(`${name}=${value}`);
    return out;
  }

  clone(): ShellState {
    const s = new ShellState(this.arg0);
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.positional = [...this.positional];
    s.functions = new Map(this.functions);
    s.status = this.status;
    s.lastBackgroundPid = this.lastBackgroundPid;
    s.options = { ...this.options };
    s.traps = new Map(this.traps);
    s.hashed = new Map([...this.hashed].map(([k, v]) => [k, { ...v }]));
    s.aliases = new Map(this.aliases);
    if (this.rlimits !== undefined) s.rlimits = Object.fromEntries(Object.entries(this.rlimits).map(([k, v]) => [k, { ...v }]));
    s.locals = [];
    return s;
  }
}
