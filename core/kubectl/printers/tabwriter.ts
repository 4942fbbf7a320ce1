// Go's text/tabwriter (the elastic tabstops kubectl prints tables with): cells end at tabs, a
// column's width is its widest cell plus padding within a block of consecutive lines that have
// that column, and the text after a line's last tab is not aligned.

interface Cell {
  text: string;
  width: number;
}

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3. */
export const GET_TABLE: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE: TabwriterOptions = { minwidth: 0, padding: 2 };

const runeWidth = (s: string) => [...s].length;

/**
 * Formats text. `remembered` makes it github.com/liggitt/tabwriter with RememberWidths (the
 * writer kubectl's printers.GetNewTabWriter returns): a column is never narrower than it was in an
 * earlier flush, so `get -w` rows stay under their header.
 */
export function tabwrite(text: string, opts: TabwriterOptions, remembered?: number[]): string {
  const endsWithNewline = text.endsWith("\n");
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split("\n");
  const lines: Cell[][] = rawLines.map((l) => l.split("\t").map((t) => ({ text: t, width: runeWidth(t) })));
  const widths: number[] = [];
  let out = "";

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        out += c.text;
        if (j < widths.length) out += " ".repeat(Math.max(0, widths[j]! - c.width));
      }
      if (i + 1 < lines.length || endsWithNewline) out += "\n";
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current]!.length - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = opts.minwidth;
      for (; current < line1; current++) {
        const line = lines[current]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + opts.padding);
      }
      if (remembered !== undefined) {
        if (column >= remembered.length) remembered.push(width);
        else if (remembered[column]! > width) width = remembered[column]!;
        else remembered[column] = width;
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
      current--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, as AGE columns print. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000); // Go int(d.Seconds()) truncates toward zero
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** duration.ShortHumanDuration (event "over" times, exec warnings). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000); // Go int(d.Seconds()) truncates toward zero
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}
