// echo: BusyBox ash uses the echo applet (-n -e -E, no escapes by default), dash's echo always
// interprets backslash escapes (XSI) and knows only -n, bash's is like BusyBox's.

import { type Builtin, out } from "./types.js";

/** Interprets echo -e escapes; returns the text and whether \c stopped the output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let text = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\" || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case "a": text += "\x07"; break;
      case "b": text += "\b"; break;
      case "c": return { text, stop: true };
      case "e": text += "\x1b"; break;
      case "f": text += "\f"; break;
      case "n": text += "\n"; break;
      case "r": text += "\r"; break;
      case "t": text += "\t"; break;
      case "v": text += "\v"; break;
      case "\\": text += "\\"; break;
      case "0": {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        text += String.fromCharCode(parseInt(m || "0", 8) & 0xff);
        i += m.length;
        break;
      }
      case "x": {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m === null) text += "\\x";
        else {
          text += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        }
        break;
      }
      default: text += `\\${n}`;
    }
  }
  return { text, stop: false };
}

export const echo: Builtin = {
  name: "echo",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const dash = ctx.sh.flavour.name === "dash";
    let newline = true;
    let escapes = dash;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (dash) {
        if (a === "-n") { newline = false; continue; }
        break;
      }
      if (!/^-[neE]+$/.test(a)) break;
      for (const f of a.slice(1)) {
        if (f === "n") newline = false;
        else if (f === "e") escapes = true;
        else escapes = false;
      }
    }
    let text = args.slice(i).join(" ");
    if (escapes) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    await out(ctx, newline ? `${text}\n` : text);
    return 0;
  },
};
