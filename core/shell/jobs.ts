// Jobs: what a shell remembers of the pipelines it started in the background (ash and dash
// jobs.c): `jobs`, `wait %1`, `kill %1`, and the "[1]+  Done   sleep 1" notices an interactive
// shell prints before its next prompt.

import type { Command, Pipeline, Redir, Script, Word, WordPart, AndOr } from "./ast.js";
import type { ExitReason, Process } from "../kernel/process.js";
import type { ShellName } from "./flavour.js";

/** strsignal() texts (glibc and uClibc agree for these). */
export const SIGNAL_TEXT: Readonly<Record<number, string>> = {
  1: "Hangup", 2: "Interrupt", 3: "Quit", 4: "Illegal instruction", 5: "Trace/breakpoint trap", 6: "Aborted",
  7: "Bus error", 8: "Floating point exception", 9: "Killed", 10: "User defined signal 1", 11: "Segmentation fault",
  12: "User defined signal 2", 13: "Broken pipe", 14: "Alarm clock", 15: "Terminated", 16: "Stack fault",
  17: "Child exited", 18: "Continued", 19: "Stopped (signal)", 20: "Stopped", 21: "Stopped (tty input)",
  22: "Stopped (tty output)", 23: "Urgent I/O condition", 24: "CPU time limit exceeded", 25: "File size limit exceeded",
  26: "Virtual timer expired", 27: "Profiling timer expired", 28: "Window changed", 29: "I/O possible", 30: "Power failure",
  31: "Bad system call",
};

export const strsignal = (sig: number): string => SIGNAL_TEXT[sig] ?? `Unknown signal ${sig}`;

export interface JobProc {
  readonly proc: Process;
  readonly pid: number;
  readonly cmd: string;
  status: ExitReason | undefined;
}

export interface Job {
  /** The job number (%1). */
  readonly id: number;
  readonly procs: JobProc[];
  /** Started under job control: in its own process group. */
  readonly jobControl: boolean;
  state: "running" | "done";
  /** Finished since it was last shown (ash/dash `changed`). */
  changed: boolean;
}

/** The status text of a finished job (sprint_status48): "Done", "Done(3)", "Terminated". */
export function statusText(reason: ExitReason): string {
  // No " (core dumped)": containers run with a core size limit of 0.
  if ("signal" in reason) return strsignal(reason.signal);
  return reason.status === 0 ? "Done" : `Done(${reason.status})`;
}

/** The exit status `wait` reports for a job: its last process's (getstatus()). */
export function jobStatus(job: Job): number {
  const last = job.procs[job.procs.length - 1]!.status;
  if (last === undefined) return 0;
  return "signal" in last ? 128 + last.signal : last.status;
}

export class JobTable {
  /** Jobs by number - 1; a free slot is undefined. */
  private slots: (Job | undefined)[] = [];
  /** The current job first, then the previous one, … (ash curjob / prev_job). */
  private order: Job[] = [];

  /** A new job, numbered with the lowest free number, becomes the current job. */
  add(procs: readonly Process[], cmds: readonly string[], jobControl: boolean): Job {
    let index = this.slots.findIndex((j) => j === undefined);
    if (index < 0) index = this.slots.length;
    const job: Job = {
      id: index + 1, jobControl, state: "running", changed: false,
      procs: procs.map((p, i) => ({ proc: p, pid: p.pid, cmd: cmds[i] ?? "", status: p.exit })),
    };
    this.slots[index] = job;
    this.order.unshift(job);
    procs.forEach((p, i) => {
      void p.wait().then((reason) => {
        job.procs[i]!.status = reason;
        if (job.state === "running" && job.procs.every((q) => q.status !== undefined)) {
          job.state = "done";
          job.changed = true;
        }
      });
    });
    if (procs.every((p) => p.exit !== undefined)) {
      job.state = "done";
      job.changed = true;
    }
    return job;
  }

  remove(job: Job): void {
    if (this.slots[job.id - 1] === job) this.slots[job.id - 1] = undefined;
    while (this.slots.length > 0 && this.slots[this.slots.length - 1] === undefined) this.slots.pop();
    this.order = this.order.filter((j) => j !== job);
  }

  /** Jobs, current first. */
  list(): Job[] {
    return [...this.order];
  }

  /** set_curjob(): the job becomes the current one (%+), the old current the previous one. */
  makeCurrent(job: Job): void {
    this.order = [job, ...this.order.filter((j) => j !== job)];
  }

  get current(): Job | undefined {
    return this.order[0];
  }

  byId(id: number): Job | undefined {
    return this.slots[id - 1];
  }

  /** The job whose last process is `pid`. */
  byPid(pid: number): Job | undefined {
    return this.order.find((j) => j.procs[j.procs.length - 1]!.pid === pid);
  }

  /** A job spec (%1 %% %+ %- %name %?text); a string is the error text (getjob()). */
  find(spec: string): Job | string {
    const p = spec.slice(1);
    if (p === "" || p === "%" || p === "+") return this.order[0] ?? "No current job";
    if (p === "-") return this.order[1] ?? "No previous job";
    if (/^\d+$/.test(p)) return this.byId(Number(p)) ?? `${spec}: no such job`;
    const contains = p.startsWith("?");
    const text = contains ? p.slice(1) : p;
    const found = this.order.filter((j) => (contains ? j.procs[0]!.cmd.includes(text) : j.procs[0]!.cmd.startsWith(text)));
    if (found.length > 1) return `${spec}: ambiguous`;
    return found[0] ?? `${spec}: no such job`;
  }

  /** A copy for a subshell: it knows its parent's jobs but they are not its children. */
  clone(): JobTable {
    return new JobTable();
  }
}

/**
 * One line of `jobs` or a notice (showjob()): ash "[1]+  Done", dash "[1] + Done", the command at
 * column 33; with -l each process's pid, the later ones on lines of their own.
 */
export function formatJob(shell: ShellName, job: Job, current: Job | undefined, previous: Job | undefined, pids = false): string {
  const head = [...`[${job.id}]   `];
  const indent = head.length;
  const mark = job === current ? "+" : job === previous ? "-" : " ";
  head[head.length - (shell === "dash" ? 2 : 3)] = mark;
  let text = head.join("");
  if (pids) text += `${job.procs[0]!.pid} `;
  if (job.state === "running") text += "Running";
  else text += statusText(job.procs[job.procs.length - 1]!.status!);
  const pad = (s: string) => s + " ".repeat(Math.max(33 - s.length, 1));
  if (!pids) return `${pad(text)}${job.procs.map((p) => p.cmd).join(" | ")}\n`;
  let outText = `${pad(text)}${job.procs[0]!.cmd}`;
  for (const p of job.procs.slice(1)) outText += shell === "dash" ? ` |\n${pad(`${" ".repeat(indent)}${p.pid}`)}${p.cmd}` : `\n${pad(`${" ".repeat(indent)}${p.pid}`)}| ${p.cmd}`;
  return `${outText}\n`;
}

// ---- command text (ash and dash cmdtxt()/cmdputs()) ------------------------------------------

function wordText(w: Word): string {
  return partsText(w.parts, false);
}

function partsText(parts: readonly WordPart[], inQuotes: boolean): string {
  let out = "";
  for (const p of parts) {
    switch (p.kind) {
      case "lit":
        out += p.text;
        break;
      case "sq":
        // Quoted text is stored with quote marks, shown as "…" with \ before " $ ' \.
        out += inQuotes ? escapeQuoted(p.text) : `"${escapeQuoted(p.text)}"`;
        break;
      case "dq":
        out += inQuotes ? partsText(p.parts, true) : `"${partsText(p.parts, true)}"`;
        break;
      case "tilde":
        out += `~${p.user}`;
        break;
      case "param": {
        if (p.length) out += `\${#${p.name}}`;
        else if (p.op === undefined) out += `\${${p.name}}`;
        else out += `\${${p.name}${p.op}${p.arg === undefined ? "" : partsText(p.arg.parts, inQuotes)}${p.arg2 === undefined ? "" : `${p.op === ":" ? ":" : "/"}${partsText(p.arg2.parts, inQuotes)}`}}`;
        break;
      }
      case "cmdsub":
        out += "$(...)";
        break;
      case "badsubst":
        out += p.text;
        break;
      case "arith":
        out += `$((${partsText(p.expr.parts, inQuotes)}))`;
        break;
    }
  }
  return out;
}

const escapeQuoted = (s: string) => s.replace(/["$'\\]/g, "\\$&");

function redirText(r: Redir): string {
  const fd = r.fd ?? (r.op.startsWith("<") ? 0 : 1);
  if (r.op === "<<" || r.op === "<<-") return ` ${fd}<<...`;
  if (r.op === "&>") return ` ${1}>${wordText(r.target)}`;
  return ` ${fd}${r.op}${wordText(r.target)}`;
}

export function commandText(cmd: Command): string {
  switch (cmd.kind) {
    case "simple":
      return cmd.words.map(wordText).join(" ") + cmd.redirs.map(redirText).join("");
    case "function":
      return `${cmd.name}() { ... }`;
    case "compound": {
      const c = cmd.body;
      let text: string;
      switch (c.kind) {
        case "brace": text = scriptText(c.body); break;
        case "subshell": text = `(${scriptText(c.body)})`; break;
        case "if": {
          text = "";
          c.clauses.forEach((cl, i) => {
            text += `${i === 0 ? "if " : "; else if "}${scriptText(cl.cond)}; then ${scriptText(cl.body)}`;
          });
          if (c.elseBody !== undefined) text += `; else ${scriptText(c.elseBody)}`;
          text += "; fi".repeat(c.clauses.length);
          break;
        }
        case "while": case "until": text = `${c.kind} ${scriptText(c.cond)}; do ${scriptText(c.body)}; done`; break;
        case "for": text = `for ${c.name} in ${(c.words ?? []).map(wordText).join(" ")}; do ${scriptText(c.body)}; done`; break;
        case "case":
          text = `case ${wordText(c.word)} in ${c.arms.map((a) => `${a.patterns.map(wordText).join("|")}) ${scriptText(a.body)};; `).join("")}esac`;
          break;
      }
      return text + cmd.redirs.map(redirText).join("");
    }
  }
}

export function pipelineText(p: Pipeline): string {
  return (p.bang ? "!" : "") + p.commands.map(commandText).join(" | ");
}

export function andOrText(ao: AndOr): string {
  return pipelineText(ao.first) + ao.rest.map((r) => ` ${r.op} ${pipelineText(r.pipeline)}`).join("");
}

function scriptText(s: Script): string {
  return s.items.map((i) => andOrText(i.command) + (i.background ? " &" : "")).join("; ");
}
