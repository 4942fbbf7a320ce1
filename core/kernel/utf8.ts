// The terminal speaks Unicode; the emulated system speaks bytes. These convert at the boundary,
// keeping an incomplete UTF-8 sequence for the next chunk.

export function utf8Encode(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** A streaming decoder: bytes in, text out; invalid bytes become U+FFFD. */
export class Utf8Decoder {
  private pending = "";

  decode(bytes: string): string {
    const s = this.pending + bytes;
    this.pending = "";
    let out = "";
    for (let i = 0; i < s.length; ) {
      const b = s.charCodeAt(i);
      const need = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1;
      if (need < 0) {
        out += "\ufffd";
        i++;
        continue;
      }
      if (i + need >= s.length) {
        this.pending = s.slice(i);
        break;
      }
      let cp = need === 0 ? b : b & (0x3f >> need);
      let ok = true;
      for (let k = 1; k <= need; k++) {
        const c = s.charCodeAt(i + k);
        if ((c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 63);
      }
      if (!ok) {
        out += "\ufffd";
        i++;
        continue;
      }
      out += String.fromCodePoint(cp);
      i += need + 1;
    }
    return out;
  }
}
