// A recursive-descent parser for the POSIX shell language (XCU 2.10), reading straight from the
// source text like ash's and dash's parsers. Errors are values with identity (ParseError) that
// each shell renders in its own words; `incomplete` marks input that more lines could complete
// (the interactive shell then prompts with PS2).

import type {
  AndOr, Assignment, Command, CompoundCommand, ListItem, ParamOp, Pipeline, Redir, RedirOp, Script, SimpleCommand, Word, WordPart,
} from "./ast.js";

export type ParseErrorKind =
  /** `token` as ash/dash name it ("fi", ";", "newline", "end of file", "word"); `text` as written (bash). */
  | { readonly kind: "unexpected"; readonly token: string; readonly expecting?: string; readonly text?: string }
  | { readonly kind: "unterminated-quote" }
  /** End of input inside $(( … )) or ${ … }: ash "missing '))'", dash "Missing '}'" (readtoken1() endword). */
  | { readonly kind: "missing"; readonly text: "))" | "}" }
  /** End of input inside `…` (ash/dash parsebackq()). */
  | { readonly kind: "eof-backquote" }
  | { readonly kind: "bad-substitution"; readonly text: string }
  | { readonly kind: "too-deep" }
  /** `NAME()` where NAME is not a valid name or is a special builtin (ash/dash parse_command). */
  | { readonly kind: "bad-function-name"; readonly name: string };

export class ParseError extends Error {
  constructor(
    readonly error: ParseErrorKind,
    readonly line: number,
    /** More input could complete it (open quote, compound command, here-document, `|` at the end). */
    readonly incomplete: boolean,
  ) {
    super(error.kind === "unexpected" ? `unexpected ${error.token}` : error.kind);
    this.name = "ParseError";
  }
}

export interface ParseOptions {
  /** ash and bash: `&>`, `$'…'`, `function name`, `${v:off:len}`, `${v/p/r}`. dash: none of them. */
  readonly bashisms: boolean;
  /**
   * Which shell's grammar: ash and dash accept any command as a function body (`f() echo hi`)
   * and reject special builtins as function names; bash (the default) does neither.
   */
  readonly dialect?: "ash" | "dash" | "bash";
  /** The line number of the first line (an interactive dash counts lines across commands). */
  readonly firstLine?: number;
  /** The shell's aliases (`alias ll='ls -l'`), expanded where a command name may come. */
  readonly aliases?: ReadonlyMap<string, string>;
  /**
   * The text is all the input there is (`sh -c`, a script, ^D at a prompt): a here-document
   * still open at its end ends there, as ash and dash read it (checkend() at PEOF), instead of
   * asking for more lines.
   */
  readonly complete?: boolean;
}

/** The deepest nesting of compound commands and substitutions the parser accepts. */
export const MAX_DEPTH = 500;

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Reserved words that end a list (then, fi, done, …). */
const CLOSERS = new Set(["then", "else", "elif", "fi", "do", "done", "esac", "}"]);
const META = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);

type Token =
  /** `start`: where the word begins in the source; `aliasNext`: it follows an alias ending in a blank. */
  | { t: "word"; word: Word; raw: string; quoted: boolean; line: number; start: number; aliasNext: boolean }
  | { t: "op"; op: string; line: number }
  | { t: "redir"; op: RedirOp; fd: number | undefined; line: number }
  | { t: "newline"; line: number }
  | { t: "eof"; line: number };

interface PendingHeredoc {
  redir: Redir;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** How ash and dash name a token in "unexpected …" (tokname[]): a plain word is just "word". */
const describe = (tok: Token): string => {
  switch (tok.t) {
    case "word": return !tok.quoted && RESERVED.has(tok.raw) ? tok.raw : "word";
    case "op": return tok.op;
    case "redir": return tok.op;
    case "newline": return "newline";
    case "eof": return "end of file";
  }
};

/**
 * The text being parsed, shared with the parsers of $( … ) inside it, and the alias expansions
 * spliced into it (ash/dash pushstring()): each alias stays in use, so that it does not expand
 * again, until the parser reads a token starting past its text.
 */
interface Source {
  text: string;
  aliases: { name: string; end: number; trailingBlank: boolean }[];
}

export class Parser {
  private pos: number;
  private readonly buf: Source;
  private line = 1;
  private peeked: Token | undefined;
  private heredocs: PendingHeredoc[] = [];
  private depth = 0;
  /** Inside $( … ): where the closing parenthesis is, once found. */
  private closeAt: number | undefined;

  constructor(
    src: string | Source,
    private readonly opts: ParseOptions,
    start = 0,
    /** Inside $( … ): stop at the closing parenthesis. */
    private readonly inSubst = false,
  ) {
    this.buf = typeof src === "string" ? { text: src, aliases: [] } : src;
    this.pos = start;
    this.line = opts.firstLine ?? 1;
  }

  private get src(): string {
    return this.buf.text;
  }

  get position(): number {
    return this.closeAt ?? this.pos;
  }

  private fail(error: ParseErrorKind, incomplete = false): never {
    throw new ParseError(error, this.line, incomplete);
  }

  private unexpected(tok: Token, expecting?: string): never {
    const token = describe(tok);
    const text = tok.t === "word" ? tok.raw : token;
    this.fail(expecting === undefined ? { kind: "unexpected", token, text } : { kind: "unexpected", token, text, expecting }, tok.t === "eof");
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail({ kind: "too-deep" });
  }

  // ---- lexer ----------------------------------------------------------------------------------

  private peek(): Token {
    return (this.peeked ??= this.lex());
  }

  private next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    return tok;
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") {
        this.pos += 2;
        this.line++;
      } else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else return;
    }
  }

  private lex(): Token {
    this.skipBlanks();
    const line = this.line;
    // popstring(): the alias texts that end before this token are done; one that ended in a blank
    // makes this word a candidate for alias expansion too.
    let aliasNext = false;
    const aliases = this.buf.aliases;
    while (aliases.length > 0 && aliases[aliases.length - 1]!.end <= this.pos) aliasNext = aliases.pop()!.trailingBlank || aliasNext;
    if (this.pos >= this.src.length) return { t: "eof", line };
    const c = this.src[this.pos]!;
    const two = this.src.slice(this.pos, this.pos + 2);
    if (c === "\n") {
      this.pos++;
      this.line++;
      this.readHeredocBodies();
      return { t: "newline", line };
    }
    // IO_NUMBER: digits directly followed by < or >
    const io = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io !== null) {
      this.pos += io[1]!.length;
      return this.lexRedir(Number(io[1]), line);
    }
    if (c === "<" || c === ">" || (two === "&>" && this.opts.bashisms)) return this.lexRedir(undefined, line);
    for (const op of ["&&", "||", ";;"]) {
      if (two === op) {
        this.pos += 2;
        return { t: "op", op, line };
      }
    }
    if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      this.pos++;
      return { t: "op", op: c, line };
    }
    const start = this.pos;
    const { word, quoted } = this.readWord("normal");
    const raw = this.src.slice(start, this.pos);
    return { t: "word", word: { parts: word.parts, raw }, raw, quoted, line, start, aliasNext };
  }

  /**
   * readtoken() with CHKALIAS: when the next token is an unquoted word naming an alias not in
   * use, its value replaces it in the input (pushstring()) and the token is read again.
   * Returns whether it expanded one.
   */
  private expandAlias(): boolean {
    const tok = this.peek();
    const aliases = this.opts.aliases;
    if (aliases === undefined || tok.t !== "word" || tok.quoted) return false;
    const value = aliases.get(tok.raw);
    if (value === undefined || this.buf.aliases.some((a) => a.name === tok.raw)) return false;
    const end = tok.start + tok.raw.length;
    const delta = value.length - tok.raw.length;
    this.buf.text = this.src.slice(0, tok.start) + value + this.src.slice(end);
    for (const a of this.buf.aliases) a.end += delta;
    this.buf.aliases.push({ name: tok.raw, end: tok.start + value.length, trailingBlank: value.endsWith(" ") || value.endsWith("\t") });
    this.pos = tok.start;
    this.line = tok.line;
    this.peeked = undefined;
    return true;
  }

  private lexRedir(fd: number | undefined, line: number): Token {
    const ops: RedirOp[] = ["<<-", "<<", "<>", "<&", ">>", ">|", ">&", "&>", "<", ">"];
    for (const op of ops) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: "redir", op, fd, line };
      }
    }
    throw new Error("unreachable");
  }

  /**
   * Reads one word: its parts, up to an unquoted metacharacter (mode "normal"), an unquoted `}`
   * (mode "brace", for ${name op word} and $(( … ))).
   */
  private readWord(mode: "normal" | "brace", stopAt?: string): { word: Word; quoted: boolean } {
    const parts: WordPart[] = [];
    let quoted = false;
    let litText = "";
    const flush = () => {
      if (litText !== "") parts.push({ kind: "lit", text: litText });
      litText = "";
    };
    const atStart = () => parts.length === 0 && litText === "";
    for (;;) {
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos]!;
      if (mode === "normal" && META.has(c)) break;
      if (mode === "brace" && (c === "}" || c === stopAt)) break;
      if (c === "\\") {
        const n = this.src[this.pos + 1];
        if (n === undefined) this.fail({ kind: "unexpected", token: "end of file" }, true);
        this.pos += 2;
        if (n === "\n") {
          this.line++;
          continue;
        }
        flush();
        parts.push({ kind: "sq", text: n! });
        quoted = true;
        continue;
      }
      if (c === "'") {
        flush();
        parts.push({ kind: "sq", text: this.readSingleQuoted() });
        quoted = true;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ kind: "dq", parts: this.readDoubleQuoted() });
        quoted = true;
        continue;
      }
      if (c === "$") {
        if (this.opts.bashisms && this.src[this.pos + 1] === "'") {
          flush();
          this.pos++;
          parts.push({ kind: "sq", text: decodeAnsiC(this.readSingleQuoted()) });
          quoted = true;
          continue;
        }
        const dollar = this.readDollar();
        if (dollar === undefined) litText += "$";
        else {
          flush();
          parts.push(dollar);
        }
        continue;
      }
      if (c === "`") {
        flush();
        parts.push(this.readBackquote());
        continue;
      }
      if (c === "~" && atStart() && mode === "normal") {
        const m = /^~([A-Za-z0-9_.-]*)(?=$|[/\s;&|()<>:])/.exec(this.src.slice(this.pos, this.pos + 64));
        if (m !== null) {
          this.pos += m[0].length;
          parts.push({ kind: "tilde", user: m[1]! });
          continue;
        }
      }
      if (c === "\n") this.line++;
      litText += c;
      this.pos++;
    }
    flush();
    return { word: { parts }, quoted };
  }

  private readSingleQuoted(): string {
    const start = ++this.pos;
    const end = this.src.indexOf("'", start);
    if (end < 0) {
      this.pos = this.src.length;
      this.fail({ kind: "unterminated-quote" }, true);
    }
    const text = this.src.slice(start, end);
    this.line += countNewlines(text);
    this.pos = end + 1;
    return text;
  }

  private readDoubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ kind: "sq", text });
      text = "";
    };
    for (;;) {
      if (this.pos >= this.src.length) this.fail({ kind: "unterminated-quote" }, true);
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\") {
        const n = this.src[this.pos + 1];
        if (n === undefined) this.fail({ kind: "unterminated-quote" }, true);
        this.pos += 2;
        if (n === "\n") {
          this.line++;
          continue;
        }
        text += n === "$" || n === "`" || n === '"' || n === "\\" ? n : `\\${n}`;
        continue;
      }
      if (c === "$") {
        let d: WordPart | undefined;
        try {
          d = this.readDollar();
        } catch (err) {
          // readtoken1() endword: an open double quote is reported before an open ${.
          if (err instanceof ParseError && err.error.kind === "missing" && err.error.text === "}") this.fail({ kind: "unterminated-quote" }, true);
          throw err;
        }
        if (d === undefined) text += "$";
        else {
          flush();
          parts.push(d);
        }
        continue;
      }
      if (c === "`") {
        flush();
        parts.push(this.readBackquote());
        continue;
      }
      if (c === "\n") this.line++;
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** $name, ${…}, $(…), $((…)), special parameters. Undefined for a lone `$`. */
  private readDollar(): WordPart | undefined {
    const n = this.src[this.pos + 1];
    if (n === "(") {
      if (this.src[this.pos + 2] === "(") {
        const arith = this.tryArith();
        if (arith !== undefined) return arith;
      }
      this.pos += 2;
      return this.readCommandSubst(this.pos, ")");
    }
    if (n === "{") {
      this.pos += 2;
      return this.readBraceParam();
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1, this.pos + 256))!;
      this.pos += 1 + m[0].length;
      return { kind: "param", name: m[0] };
    }
    if (n !== undefined && /[0-9?$!#@*\-]/.test(n)) {
      this.pos += 2;
      return { kind: "param", name: n };
    }
    this.pos++;
    return undefined;
  }

  private tryArith(): WordPart | undefined {
    // $(( … )): find the matching "))" counting parentheses. ash and dash take every "$((" as
    // arithmetic and keep an unbalanced ")" as text (readtoken1() CRP in ARISYNTAX); bash reads
    // "$((cmd) )" as a command substitution of a subshell.
    let depth = 0;
    let i = this.pos + 3;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) {
          if (this.src[i + 1] === ")") break;
          if (this.opts.dialect !== "ash" && this.opts.dialect !== "dash") return undefined;
          continue;
        }
        depth--;
      }
    }
    if (i >= this.src.length) {
      this.pos = this.src.length;
      this.fail({ kind: "missing", text: "))" }, true);
    }
    const inner = this.src.slice(this.pos + 3, i);
    this.enter();
    const sub = new Parser(inner, this.opts, 0);
    sub.depth = this.depth;
    const { word } = sub.readWord("brace");
    this.depth--;
    this.line += countNewlines(inner);
    this.pos = i + 2;
    return { kind: "arith", expr: word };
  }

  private readCommandSubst(start: number, close: ")"): WordPart {
    this.enter();
    const sub = new Parser(this.buf, this.opts, start, true);
    sub.line = this.line;
    sub.depth = this.depth;
    const body = sub.parseScript();
    const end = sub.position;
    if (this.src[end] !== close) this.fail({ kind: "unexpected", token: "end of file", expecting: ")" }, true);
    this.line = sub.line;
    this.pos = end + 1;
    this.depth--;
    return { kind: "cmdsub", body, source: this.src.slice(start, end) };
  }

  private readBackquote(): WordPart {
    // `…`: backslash quotes only $, ` and \ inside; the text is then parsed as a script.
    let i = this.pos + 1;
    let text = "";
    for (;;) {
      if (i >= this.src.length) {
        this.pos = i;
        this.fail({ kind: "eof-backquote" }, true);
      }
      const c = this.src[i]!;
      if (c === "`") break;
      if (c === "\\" && (this.src[i + 1] === "$" || this.src[i + 1] === "`" || this.src[i + 1] === "\\")) {
        text += this.src[i + 1];
        i += 2;
        continue;
      }
      text += c;
      i++;
    }
    this.enter();
    const sub = new Parser(text, this.opts, 0);
    sub.line = this.line;
    sub.depth = this.depth;
    const body = sub.parseScript();
    if (sub.position < text.length) sub.unexpected(sub.peek());
    this.depth--;
    this.line += countNewlines(text);
    this.pos = i + 1;
    return { kind: "cmdsub", body, source: text };
  }

  private readBraceParam(): WordPart {
    this.enter();
    const part = this.readBraceParamBody();
    this.depth--;
    return part;
  }

  private readBraceParamBody(): WordPart {
    const start = this.pos;
    // dash finds a bad ${…} only when it expands it (expand.c); ash and bash when parsing.
    const bad = (): never | WordPart => {
      const end = this.src.indexOf("}", start);
      if (end < 0) {
        this.pos = this.src.length;
        this.fail({ kind: "missing", text: "}" }, true);
      }
      const text = `\${${this.src.slice(start, end)}}`;
      this.pos = end + 1;
      if (this.opts.dialect === "dash") return { kind: "badsubst", text };
      return this.fail({ kind: "bad-substitution", text });
    };
    const rest = this.src.slice(this.pos, this.pos + 512);
    let length = false;
    const m0 = /^#(?=[A-Za-z_0-9?$!#@*-]*\})/.exec(rest);
    if (m0 !== null && !rest.startsWith("#}")) {
      length = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#@*\-])/.exec(this.src.slice(this.pos, this.pos + 512));
    if (m === null) return bad();
    const name = m[1]!;
    this.pos += name.length;
    if (this.src[this.pos] === "}") {
      this.pos++;
      return length ? { kind: "param", name, length: true } : { kind: "param", name };
    }
    if (length) return bad();
    const bashisms = this.opts.bashisms;
    const opMatch = /^(:-|:=|:\?|:\+|##|%%|-|=|\?|\+|#|%)/.exec(this.src.slice(this.pos, this.pos + 2))
      // ash has ${x/p/r} and ${x//p/r} but not bash's anchored /# and /% forms.
      ?? (bashisms ? (this.opts.dialect === "ash" ? /^(:|\/\/|\/)/ : /^(:|\/\/|\/#|\/%|\/)/).exec(this.src.slice(this.pos, this.pos + 2)) : null);
    if (opMatch === null) return bad();
    const op = opMatch[1] as ParamOp;
    this.pos += op.length;
    if (op === ":" || op.startsWith("/")) {
      // ${x:offset:length}, ${x/pattern/replacement}: two words, split at the first unquoted : or /.
      const sep = op === ":" ? ":" : "/";
      const { word } = this.readWord("brace", sep);
      let arg2: Word | undefined;
      if (this.src[this.pos] === sep) {
        this.pos++;
        arg2 = this.readWord("brace").word;
      }
      if (this.src[this.pos] !== "}") this.fail({ kind: "missing", text: "}" }, true);
      this.pos++;
      return arg2 === undefined ? { kind: "param", name, op, arg: word } : { kind: "param", name, op, arg: word, arg2 };
    }
    const { word } = this.readWord("brace");
    if (this.src[this.pos] !== "}") this.fail({ kind: "missing", text: "}" }, true);
    this.pos++;
    return { kind: "param", name, op, arg: word };
  }

  private readHeredocBodies(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const h of pending) {
      let body = "";
      let found = false;
      while (this.pos < this.src.length) {
        let end = this.src.indexOf("\n", this.pos);
        const hasNewline = end >= 0;
        if (!hasNewline) end = this.src.length;
        let lineText = this.src.slice(this.pos, end);
        this.pos = hasNewline ? end + 1 : end;
        this.line++;
        if (h.stripTabs) lineText = lineText.replace(/^\t+/, "");
        if (lineText === h.delimiter) {
          found = true;
          break;
        }
        body += hasNewline ? `${lineText}\n` : lineText;
      }
      // The end of all input ends the here-document too (checkend() at PEOF).
      if (!found && !this.opts.complete) this.fail({ kind: "unexpected", token: "end of file", expecting: h.delimiter }, true);
      this.setHeredoc(h, body);
    }
  }

  /** At the end of all input, here-documents whose body never began are empty. */
  private endHeredocs(): void {
    if (this.heredocs.length === 0) return;
    if (!this.opts.complete) this.fail({ kind: "unexpected", token: "end of file", expecting: this.heredocs[0]!.delimiter }, true);
    for (const h of this.heredocs) this.setHeredoc(h, "");
    this.heredocs = [];
  }

  private setHeredoc(h: PendingHeredoc, body: string): void {
    if (h.quoted) h.redir.heredoc = { body: { parts: [{ kind: "sq", text: body }] }, quoted: true };
    else {
      const sub = new Parser(body, this.opts, 0);
      h.redir.heredoc = { body: { parts: sub.readHeredocText() }, quoted: false };
    }
  }

  /** A here-document body: expansions and backslash escapes as inside double quotes, no quotes. */
  private readHeredocText(): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ kind: "sq", text });
      text = "";
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "\\") {
        const n = this.src[this.pos + 1];
        if (n === "\n") { this.pos += 2; continue; }
        if (n === "$" || n === "`" || n === "\\") { text += n; this.pos += 2; continue; }
        text += c;
        this.pos++;
        continue;
      }
      if (c === "$") {
        const d = this.readDollar();
        if (d === undefined) text += "$";
        else { flush(); parts.push(d); }
        continue;
      }
      if (c === "`") { flush(); parts.push(this.readBackquote()); continue; }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  readPromptText(): Word {
    const parts: WordPart[] = [];
    let text = "";
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "$" || c === "`") {
        const d = c === "$" ? this.readDollar() : this.readBackquote();
        if (d === undefined) text += "$";
        else {
          if (text !== "") parts.push({ kind: "sq", text });
          text = "";
          parts.push(d);
        }
        continue;
      }
      text += c;
      this.pos++;
    }
    if (text !== "") parts.push({ kind: "sq", text });
    return { parts };
  }

  // ---- grammar --------------------------------------------------------------------------------

  private isReserved(tok: Token, word: string): boolean {
    return tok.t === "word" && !tok.quoted && tok.raw === word;
  }

  private skipNewlines(): void {
    while (this.peek().t === "newline") this.next();
  }

  /** A whole script (or the body of $( … ) when inSubst). */
  parseScript(): Script {
    const items: ListItem[] = [];
    this.skipNewlines();
    for (;;) {
      const tok = this.peek();
      if (tok.t === "eof") break;
      if (this.inSubst && tok.t === "op" && tok.op === ")") {
        // The closing parenthesis of $( … ): the lexer has just consumed it.
        this.closeAt = this.pos - 1;
        break;
      }
      const command = this.parseAndOr();
      const sep = this.peek();
      if (sep.t === "op" && (sep.op === ";" || sep.op === "&")) {
        this.next();
        items.push({ command, background: sep.op === "&", line: this.peek().line });
        this.skipNewlines();
        continue;
      }
      items.push({ command, background: false, line: sep.line });
      if (sep.t === "newline") {
        this.skipNewlines();
        continue;
      }
      if (sep.t === "eof") break;
      if (this.inSubst && sep.t === "op" && sep.op === ")") continue;
      this.unexpected(sep);
    }
    if (!this.inSubst) this.endHeredocs();
    else if (this.heredocs.length > 0) this.fail({ kind: "unexpected", token: "end of file", expecting: this.heredocs[0]!.delimiter }, true);
    if (this.inSubst && this.closeAt === undefined) this.fail({ kind: "unexpected", token: "end of file", expecting: ")" }, true);
    return { items };
  }

  /**
   * The next line of commands at top level (ash/dash parsecmd(): a list up to a newline), so a
   * script runs its first lines before a syntax error further down is found. Null at the end.
   */
  nextCommandLine(): ListItem[] | null {
    const items: { command: AndOr; background: boolean }[] = [];
    const done = (line: number): ListItem[] => items.map((i) => ({ ...i, line }));
    for (;;) {
      const tok = this.peek();
      if (tok.t === "eof") {
        this.endHeredocs();
        return items.length === 0 ? null : done(tok.line);
      }
      if (tok.t === "newline") {
        this.next();
        if (items.length === 0) continue;
        return done(tok.line);
      }
      const command = this.parseAndOr();
      const sep = this.peek();
      if (sep.t === "op" && (sep.op === ";" || sep.op === "&")) {
        this.next();
        items.push({ command, background: sep.op === "&" });
        continue;
      }
      items.push({ command, background: false });
      if (sep.t === "newline") {
        this.next();
        return done(sep.line);
      }
      if (sep.t === "eof") {
        this.endHeredocs();
        return done(sep.line);
      }
      this.unexpected(sep);
    }
  }

  /** Nothing but blank lines and comments is left. */
  atEnd(): boolean {
    this.skipNewlines();
    return this.peek().t === "eof";
  }

  /** compound_list: and-ors separated by ; & or newlines, up to one of the terminating words. */
  private parseList(terminators: readonly string[], expecting: string): Script {
    const items: ListItem[] = [];
    this.skipNewlines();
    // ash/dash list(): the list ends at any closing word; the caller says what it expected.
    const closes = (tok: Token) => (tok.t === "word" && !tok.quoted && (CLOSERS.has(tok.raw) || terminators.includes(tok.raw))) || (tok.t === "op" && (tok.op === ")" || tok.op === ";;" || terminators.includes(tok.op)));
    for (;;) {
      const tok = this.peek();
      if (closes(tok)) break;
      if (tok.t === "eof") this.unexpected(tok, expecting);
      const command = this.parseAndOr();
      const sep = this.peek();
      if (sep.t === "op" && (sep.op === ";" || sep.op === "&")) {
        this.next();
        items.push({ command, background: sep.op === "&" });
        this.skipNewlines();
        continue;
      }
      items.push({ command, background: false });
      if (sep.t === "newline") {
        this.skipNewlines();
        continue;
      }
      if (!closes(sep) && sep.t !== "eof") this.unexpected(sep);
    }
    if (items.length === 0) this.unexpected(this.peek());
    return { items };
  }

  private expectWord(word: string, expecting = word): void {
    const tok = this.next();
    if (!this.isReserved(tok, word)) this.unexpected(tok, expecting);
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: { op: "&&" | "||"; pipeline: Pipeline }[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t !== "op" || (tok.op !== "&&" && tok.op !== "||")) break;
      this.next();
      this.skipNewlinesIncomplete();
      rest.push({ op: tok.op, pipeline: this.parsePipeline() });
    }
    return { kind: "andor", first, rest };
  }

  /** After `|`, `&&` or `||`, the command may come on the next line; end of input is incomplete. */
  private skipNewlinesIncomplete(): void {
    this.skipNewlines();
    const tok = this.peek();
    if (tok.t === "eof") this.fail({ kind: "unexpected", token: "end of file" }, true);
  }

  private parsePipeline(): Pipeline {
    let bang = false;
    if (this.isReserved(this.peek(), "!")) {
      this.next();
      bang = true;
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      const tok = this.peek();
      if (tok.t !== "op" || tok.op !== "|") break;
      this.next();
      this.skipNewlinesIncomplete();
      commands.push(this.parseCommand());
    }
    return { kind: "pipeline", bang, commands };
  }

  private parseCommand(): Command {
    // CHKKWD before CHKALIAS: a reserved word is never an alias; an alias may give one.
    let tok = this.peek();
    while (!(tok.t === "word" && !tok.quoted && RESERVED.has(tok.raw)) && this.expandAlias()) tok = this.peek();
    if (tok.t === "word" && !tok.quoted) {
      switch (tok.raw) {
        case "{": case "if": case "while": case "until": case "for": case "case":
          return this.parseCompound();
        case "function":
          if (this.opts.bashisms) return this.parseFunctionKeyword();
          break;
        case "then": case "else": case "elif": case "fi": case "do": case "done": case "esac": case "}": case "in":
          this.unexpected(tok);
      }
    }
    if (tok.t === "op" && tok.op === "(") return this.parseCompound();
    if (tok.t === "op" || tok.t === "newline" || tok.t === "eof") this.unexpected(tok);
    return this.parseSimpleOrFunction();
  }

  private parseFunctionKeyword(): Command {
    this.next();
    const name = this.next();
    if (name.t !== "word" || !NAME.test(name.raw)) this.unexpected(name);
    const open = this.peek();
    if (open.t === "op" && open.op === "(") {
      this.next();
      const close = this.next();
      if (close.t !== "op" || close.op !== ")") this.unexpected(close);
    }
    this.skipNewlines();
    return { kind: "function", name: (name as { raw: string }).raw, body: this.parseCompound() };
  }

  private parseCompound(): CompoundCommand {
    this.enter();
    const tok = this.next();
    let body: CompoundCommand["body"];
    if (tok.t === "op" && tok.op === "(") {
      body = { kind: "subshell", body: this.parseList([")"], ")") };
      const close = this.next();
      if (close.t !== "op" || close.op !== ")") this.unexpected(close, ")");
    } else {
      const word = (tok as { raw: string }).raw;
      switch (word) {
        case "{":
          body = { kind: "brace", body: this.parseList(["}"], "}") };
          this.expectWord("}");
          break;
        case "if": {
          const clauses: { cond: Script; body: Script }[] = [];
          let elseBody: Script | undefined;
          const cond = this.parseList(["then"], "then");
          this.expectWord("then");
          clauses.push({ cond, body: this.parseList(["elif", "else", "fi"], "fi") });
          for (;;) {
            const kw = this.next() as { raw: string };
            if (kw.raw === "elif") {
              const c = this.parseList(["then"], "then");
              this.expectWord("then");
              clauses.push({ cond: c, body: this.parseList(["elif", "else", "fi"], "fi") });
            } else if (kw.raw === "else") {
              elseBody = this.parseList(["fi"], "fi");
              this.expectWord("fi");
              break;
            } else break;
          }
          body = { kind: "if", clauses, elseBody };
          break;
        }
        case "while":
        case "until": {
          const cond = this.parseList(["do"], "do");
          this.expectWord("do");
          const b = this.parseList(["done"], "done");
          this.expectWord("done");
          body = { kind: word, cond, body: b };
          break;
        }
        case "for":
          body = this.parseFor();
          break;
        case "case":
          body = this.parseCase();
          break;
        default:
          this.unexpected(tok);
      }
    }
    const redirs = this.parseRedirs();
    this.depth--;
    return { kind: "compound", body: body!, redirs, line: tok.line };
  }

  private parseFor(): CompoundCommand["body"] {
    const name = this.next();
    if (name.t !== "word" || !NAME.test(name.raw)) this.unexpected(name);
    let words: Word[] | undefined;
    let tok = this.peek();
    if (tok.t === "newline") {
      this.skipNewlines();
      tok = this.peek();
    }
    if (this.isReserved(tok, "in")) {
      this.next();
      words = [];
      for (;;) {
        const w = this.peek();
        if (w.t !== "word") break;
        this.next();
        words.push(w.word);
      }
      const sep = this.next();
      if (!(sep.t === "newline" || (sep.t === "op" && sep.op === ";"))) this.unexpected(sep, "do");
    } else if (tok.t === "op" && tok.op === ";") this.next();
    this.skipNewlines();
    this.expectWord("do");
    const body = this.parseList(["done"], "done");
    this.expectWord("done");
    return { kind: "for", name: (name as { raw: string }).raw, words, body };
  }

  /** ash/dash parse_command() TCASE. */
  private parseCase(): CompoundCommand["body"] {
    const wordTok = this.next();
    if (wordTok.t !== "word") this.unexpected(wordTok, "word");
    this.skipNewlines();
    this.expectWord("in");
    const arms: { patterns: Word[]; body: Script }[] = [];
    for (;;) {
      this.skipNewlines();
      let tok = this.next();
      if (this.isReserved(tok, "esac")) break;
      if (tok.t === "op" && tok.op === "(") tok = this.next();
      // Whatever token comes is taken as a pattern (wordtext); the one after it is read
      // without looking for reserved words, so "esac" there is a "word".
      const patterns: Word[] = [];
      let sep: Token;
      for (;;) {
        if (tok.t === "word") patterns.push(tok.word);
        sep = this.next();
        if (!(sep.t === "op" && sep.op === "|")) break;
        tok = this.next();
      }
      if (!(sep.t === "op" && sep.op === ")")) {
        if (sep.t === "word") this.fail({ kind: "unexpected", token: "word", text: sep.raw, expecting: ")" });
        this.unexpected(sep, ")");
      }
      this.skipNewlines();
      const next = this.peek();
      let body: Script = { items: [] };
      if (!(next.t === "op" && next.op === ";;") && !this.isReserved(next, "esac")) body = this.parseList([";;", "esac"], ";;");
      arms.push({ patterns, body });
      const end = this.peek();
      if (end.t === "op" && end.op === ";;") this.next();
      else if (!this.isReserved(end, "esac")) this.unexpected(end, ";;");
    }
    return { kind: "case", word: (wordTok as { word: Word }).word, arms };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    while (this.peek().t === "redir") redirs.push(this.parseRedir());
    return redirs;
  }

  private parseRedir(): Redir {
    const tok = this.next() as Extract<Token, { t: "redir" }>;
    const target = this.next();
    if (target.t !== "word") this.unexpected(target);
    const t = target as Extract<Token, { t: "word" }>;
    const redir: Redir = { fd: tok.fd, op: tok.op, target: t.word };
    if (tok.op === "<<" || tok.op === "<<-") {
      this.heredocs.push({ redir, delimiter: unquote(t.raw), quoted: t.quoted, stripTabs: tok.op === "<<-" });
    }
    return redir;
  }

  /** After `WORD (`: `)`, then the body. ash and dash take any command as the body. */
  private parseFunctionDefinition(nameTok: Extract<Token, { t: "word" }>): Command {
    this.next();
    const close = this.next();
    if (close.t !== "op" || close.op !== ")") this.unexpected(close, ")");
    const dialect = this.opts.dialect ?? "bash";
    const name = nameTok.raw;
    if (nameTok.quoted || !NAME.test(name) || (dialect !== "bash" && SPECIAL_BUILTINS[dialect].has(name))) {
      if (dialect !== "bash" || !/^[^\s$`'"|&;()<>]+$/.test(name)) this.fail({ kind: "bad-function-name", name });
    }
    this.skipNewlines();
    const bodyTok = this.peek();
    const compound = (bodyTok.t === "op" && bodyTok.op === "(") || (bodyTok.t === "word" && !bodyTok.quoted && ["{", "if", "while", "until", "for", "case"].includes(bodyTok.raw));
    if (compound) return { kind: "function", name, body: this.parseCompound() };
    if (dialect === "bash" || bodyTok.t !== "word" || (!bodyTok.quoted && RESERVED.has(bodyTok.raw))) this.unexpected(bodyTok);
    // dash/ash: `f() echo hi` — the body is a simple command, kept as a one-command brace group.
    this.enter();
    const simple = this.parseSimpleOrFunction();
    this.depth--;
    const item: ListItem = { command: { kind: "andor", first: { kind: "pipeline", bang: false, commands: [simple] }, rest: [] }, background: false };
    return { kind: "function", name, body: { kind: "compound", body: { kind: "brace", body: { items: [item] } }, redirs: [] } };
  }

  private parseSimpleOrFunction(): Command {
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t === "redir") {
        redirs.push(this.parseRedir());
        continue;
      }
      if (tok.t !== "word") break;
      // simplecmd(): until the command name, and after an alias ending in a blank, words are
      // checked for aliases.
      if ((words.length === 0 || tok.aliasNext) && this.expandAlias()) continue;
      if (words.length === 0) {
        const assign = asAssignment(tok.word);
        if (assign !== undefined) {
          this.next();
          assigns.push(assign);
          continue;
        }
      }
      this.next();
      words.push(tok.word);
      // WORD ( ) command: a function definition (ash/dash simplecmd() TLP case).
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const open = this.peek();
        if (open.t === "op" && open.op === "(") return this.parseFunctionDefinition(tok);
      }
    }
    const simple: SimpleCommand = { kind: "simple", assigns, words, redirs, line };
    return simple;
  }
}

/** Special builtins, which ash and dash refuse as function names ("bad function name"). */
const SPECIAL_BUILTINS: Readonly<Record<"ash" | "dash", ReadonlySet<string>>> = {
  ash: new Set([".", ":", "break", "continue", "eval", "exec", "exit", "export", "local", "readonly", "return", "set", "shift", "source", "times", "trap", "unset"]),
  dash: new Set([".", ":", "break", "continue", "eval", "exec", "exit", "export", "local", "readonly", "return", "set", "shift", "times", "trap", "unset"]),
};

function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== "lit") return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (m === null) return undefined;
  const rest = first.text.slice(m[0].length);
  const parts: WordPart[] = [];
  if (rest.startsWith("~")) {
    const t = /^~([A-Za-z0-9_.-]*)/.exec(rest)!;
    parts.push({ kind: "tilde", user: t[1]! });
    if (rest.length > t[0].length) parts.push({ kind: "lit", text: rest.slice(t[0].length) });
  } else if (rest !== "") parts.push({ kind: "lit", text: rest });
  parts.push(...word.parts.slice(1));
  return { name: m[1]!, value: { parts } };
}

/** Quote removal for a here-document delimiter. */
function unquote(raw: string): string {
  return raw.replace(/\\(.)|'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_m, esc, sq, dq) => esc ?? sq ?? (dq as string).replace(/\\([$`"\\])/g, "$1"));
}

const countNewlines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
};

/** $'…' escapes (bash "ANSI-C quoting"). */
function decodeAnsiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"' };
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    return simple[e] ?? `\\${e}`;
  });
}

/**
 * A prompt string (ash PSSYNTAX): parameter and command substitutions expand, backslashes stay
 * for the prompt escapes (\w, \$) that the line editor interprets afterwards.
 */
export function parsePrompt(src: string, opts: ParseOptions): Word {
  return new Parser(src, opts).readPromptText();
}

export function parse(src: string, opts: ParseOptions): Script {
  return new Parser(src, opts).parseScript();
}
