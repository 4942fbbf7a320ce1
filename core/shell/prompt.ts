// Prompt strings: BusyBox lineedit's parse_and_put_prompt() backslash escapes (\w \W \u \h \H \$
// \n \\ \[ \]), which bash shares. \w shows the euid's passwd home directory as ~.

export interface PromptInfo {
  cwd: string;
  euid: number;
  /** The euid's passwd name and home directory, when it has an entry. */
  user: { name: string; home: string } | undefined;
  hostname: string;
  shellName: string;
  version: string;
}

export function expandPromptEscapes(ps: string, info: PromptInfo): string {
  let out = "";
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i]!;
    if (c !== "\\" || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const e = ps[++i]!;
    switch (e) {
      case "w": {
        const home = info.user?.home;
        if (home !== undefined && home !== "/" && (info.cwd === home || info.cwd.startsWith(`${home}/`))) out += `~${info.cwd.slice(home.length)}`;
        else out += info.cwd;
        break;
      }
      case "W": out += info.cwd === "/" ? "/" : info.cwd.split("/").pop(); break;
      case "u": out += info.user?.name ?? String(info.euid); break;
      case "h": out += info.hostname.split(".")[0]; break;
      case "H": out += info.hostname; break;
      case "$": out += info.euid === 0 ? "#" : "$"; break;
      case "n": out += "\n"; break;
      case "s": out += info.shellName; break;
      case "v": out += info.version; break;
      case "e": out += "\x1b"; break;
      case "a": out += "\x07"; break;
      case "[": case "]": break;
      case "\\": out += "\\"; break;
      default: out += `\\${e}`;
    }
  }
  return out;
}
