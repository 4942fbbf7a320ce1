// Symbolic and octal modes for chmod, mkdir -m, mknod -m and find -perm: BusyBox
// libbb/parse_mode.c bb_parse_mode() and GNU gnulib modechange.c (mode_compile()/mode_adjust()).
// Both: "[ugoa]*[-+=]([rwxXst]*|[ugo])" clauses separated by commas; without a who list the
// umask masks the bits. GNU keeps a directory's set-user/group-ID bits on a numeric mode of up to
// four digits that does not mention them.

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const S_IFDIR = 0o040000;

const WHO: Record<string, number> = { a: 0o7777, u: S_ISUID | 0o700, g: S_ISGID | 0o070, o: 0o007 };
const PERM: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, X: 0o111, s: S_ISUID | S_ISGID, t: S_ISVTX };

/**
 * The new permission bits (07777) for `text` applied to `current` (a full st_mode, for the type
 * and X), or undefined when the mode is invalid.
 */
export function parseMode(text: string, current: number, umask: number, gnu: boolean): number | undefined {
  if (/^[0-7]/.test(text)) {
    if (!/^[0-7]+$/.test(text)) return undefined;
    const v = Number.parseInt(text, 8);
    if (v > 0o7777) return undefined;
    if (gnu && (current & 0o170000) === S_IFDIR && text.length < 5) return v | (current & (S_ISUID | S_ISGID));
    return v;
  }
  if (gnu && text === "") return undefined;
  let mode = current & 0o7777;
  let i = 0;
  while (i < text.length) {
    if (text[i] === ",") {
      if (gnu && (i === 0 || i === text.length - 1 || text[i + 1] === ",")) return undefined;
      i++;
      continue;
    }
    let who = 0;
    while (i < text.length && WHO[text[i]!] !== undefined) who |= WHO[text[i++]!]!;
    if (i >= text.length) return undefined;
    do {
      const op = text[i];
      if (op !== "+" && op !== "-" && op !== "=") return undefined;
      i++;
      let perms = 0;
      const copy = text[i];
      if (copy === "u" || copy === "g" || copy === "o") {
        const src = copy === "u" ? (mode >> 6) & 7 : copy === "g" ? (mode >> 3) & 7 : mode & 7;
        perms = src * 0o111;
        i++;
      } else {
        while (i < text.length && PERM[text[i]!] !== undefined) {
          const c = text[i++]!;
          if (c !== "X" || (current & 0o170000) === S_IFDIR || (mode & 0o111) !== 0) perms |= PERM[c]!;
        }
      }
      const mask = who === 0 ? ~umask & 0o7777 : who;
      if (op === "=") {
        const cleared = who === 0 ? 0o7777 : who;
        // GNU keeps a directory's setuid/setgid bits on "=" unless they are named.
        const keep = gnu && (current & 0o170000) === S_IFDIR ? mode & (S_ISUID | S_ISGID) & cleared & ~(perms & (S_ISUID | S_ISGID)) : 0;
        mode = (mode & ~cleared) | keep;
        mode |= perms & mask;
      } else if (op === "+") mode |= perms & mask;
      else mode &= ~(perms & mask);
    } while (i < text.length && text[i] !== ",");
  }
  return mode;
}
