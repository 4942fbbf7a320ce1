// The shell's syntax tree (POSIX.1-2017 XCU 2.10 "Shell Grammar", the subset ash and dash share).

export type WordPart =
  | { readonly kind: "lit"; readonly text: string }
  /** '…' — and $'…' with its escapes already decoded. */
  | { readonly kind: "sq"; readonly text: string }
  | { readonly kind: "dq"; readonly parts: readonly WordPart[] }
  | { readonly kind: "param"; readonly name: string; readonly op?: ParamOp; readonly arg?: Word; readonly length?: boolean; readonly arg2?: Word }
  /** A ${…} dash only rejects when it expands it ("Bad substitution", expand.c varvalue()). */
  | { readonly kind: "badsubst"; readonly text: string }
  | { readonly kind: "cmdsub"; readonly body: Script; readonly source: string }
  | { readonly kind: "arith"; readonly expr: Word }
  | { readonly kind: "tilde"; readonly user: string };

/**
 * ${name:-w} ${name-w} ${name:=w} ${name:?w} ${name:+w} ${name#p} ${name##p} ${name%p} ${name%%p};
 * ash and bash also ${name:offset[:length]} (":", arg2 the length) and ${name/p/r} ${name//p/r}
 * ${name/#p/r} ${name/%p/r} (arg the pattern, arg2 the replacement).
 */
export type ParamOp = ":-" | "-" | ":=" | "=" | ":?" | "?" | ":+" | "+" | "#" | "##" | "%" | "%%" | ":" | "/" | "//" | "/#" | "/%";

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as written, when it came from the source (job listings show it, ash cmdtxt()). */
  readonly raw?: string;
}

export type RedirOp = "<" | ">" | ">>" | "<>" | ">|" | ">&" | "<&" | "<<" | "<<-" | "&>";

export interface Redir {
  readonly fd: number | undefined;
  readonly op: RedirOp;
  readonly target: Word;
  /** Here-document body: a word to expand, or literal text when the delimiter was quoted. */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assignment {
  readonly name: string;
  readonly value: Word;
}

export interface SimpleCommand {
  readonly kind: "simple";
  readonly assigns: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirs: readonly Redir[];
  readonly line: number;
}

export interface Pipeline {
  readonly kind: "pipeline";
  readonly bang: boolean;
  readonly commands: readonly Command[];
}

export interface AndOr {
  readonly kind: "andor";
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: "&&" | "||"; readonly pipeline: Pipeline }[];
}

export interface ListItem {
  readonly command: AndOr;
  readonly background: boolean;
  /** Top-level items: the line of the token after the command (ash's startlinno while it runs). */
  readonly line?: number;
}

export interface Script {
  readonly items: readonly ListItem[];
}

export type Compound =
  | { readonly kind: "brace"; readonly body: Script }
  | { readonly kind: "subshell"; readonly body: Script }
  | { readonly kind: "if"; readonly clauses: readonly { readonly cond: Script; readonly body: Script }[]; readonly elseBody: Script | undefined }
  | { readonly kind: "while" | "until"; readonly cond: Script; readonly body: Script }
  | { readonly kind: "for"; readonly name: string; readonly words: readonly Word[] | undefined; readonly body: Script }
  | { readonly kind: "case"; readonly word: Word; readonly arms: readonly { readonly patterns: readonly Word[]; readonly body: Script }[] };

export interface CompoundCommand {
  readonly kind: "compound";
  readonly body: Compound;
  readonly redirs: readonly Redir[];
  /** The line of its first token (dash sets errlinno from it). */
  readonly line?: number;
}

export interface FunctionDef {
  readonly kind: "function";
  readonly name: string;
  readonly body: CompoundCommand;
}

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export const lit = (text: string): Word => ({ parts: [{ kind: "lit", text }] });
