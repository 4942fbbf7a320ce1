// strftime(3) and ctime(3) in the C locale for the images' time zone, UTC (every emulated image
// has /etc/localtime = UTC and no TZ). GNU's flag and width extensions (%-d, %_H, %10N, %:z) are
// what glibc, uClibc and musl accept in common.

export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Broken-down UTC time, as gmtime()/localtime() in UTC fill struct tm. */
export interface Tm {
  year: number; // full year
  mon: number; // 0-11
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number; // 0-365
}

export function gmtime(ms: number): Tm {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(), mon: d.getUTCMonth(), mday: d.getUTCDate(), hour: d.getUTCHours(),
    min: d.getUTCMinutes(), sec: d.getUTCSeconds(), wday: d.getUTCDay(), yday: Math.floor((d.getTime() - start) / 86_400_000),
  };
}

/** mktime() in UTC, normalising out-of-range fields like the C library does. */
export function mktime(t: { year: number; mon: number; mday: number; hour: number; min: number; sec: number }): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.mon, t.mday);
  d.setUTCHours(t.hour, t.min, t.sec, 0);
  return d.getTime();
}

/** ISO 8601 week-based year and week number (%G, %V). */
function isoWeek(tm: Tm): { year: number; week: number } {
  const wdayMon = (tm.wday + 6) % 7; // Monday = 0
  let year = tm.year;
  let week = Math.floor((tm.yday - wdayMon + 10) / 7);
  const yearDays = (y: number) => ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);
  if (week < 1) {
    year -= 1;
    const prevYday = tm.yday + yearDays(year);
    week = Math.floor((prevYday - wdayMon + 10) / 7);
  } else if (week === 53) {
    const jan1Next = (wdayMon + (yearDays(year) - tm.yday)) % 7; // weekday (Mon=0) of next Jan 1
    if (jan1Next <= 3) {
      year += 1;
      week = 1;
    }
  }
  return { year, week };
}

const pad = (n: number, width: number, fill: string) => {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (s.length >= width ? s : fill.repeat(width - s.length) + s);
};

/**
 * strftime(fmt, time) in UTC. `nanos` feeds GNU date's %N. Unknown conversions are copied as
 * written, as glibc does.
 */
export function strftime(fmt: string, ms: number, nanos = (((ms % 1000) + 1000) % 1000) * 1_000_000): string {
  const tm = gmtime(ms);
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== "%" || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const start = i;
    let j = i + 1;
    let flag = "";
    while (j < fmt.length && "-_0^#".includes(fmt[j]!)) flag += fmt[j++];
    let width = "";
    while (j < fmt.length && /\d/.test(fmt[j]!)) width += fmt[j++];
    let colons = 0;
    while (j < fmt.length && fmt[j] === ":") {
      colons++;
      j++;
    }
    while (j < fmt.length && (fmt[j] === "E" || fmt[j] === "O")) j++;
    const conv = fmt[j];
    if (conv === undefined) {
      out += fmt.slice(start);
      break;
    }
    i = j;
    const v = convert(conv, tm, ms, nanos, colons, width === "" ? undefined : Number(width));
    if (v === undefined) {
      out += fmt.slice(start, j + 1);
      continue;
    }
    out += applyFlags(v, flag, width === "" ? undefined : Number(width));
  }
  return out;
}

type Value = { text: string; numeric: false } | { n: number; width: number; fill: string; numeric: true };

const num = (n: number, width: number, fill = "0"): Value => ({ n, width, fill, numeric: true });
const txt = (text: string): Value => ({ text, numeric: false });

function convert(c: string, tm: Tm, ms: number, nanos: number, colons: number, width: number | undefined): Value | undefined {
  const hour12 = tm.hour % 12 === 0 ? 12 : tm.hour % 12;
  switch (c) {
    case "a": return txt(DAYS[tm.wday]!.slice(0, 3));
    case "A": return txt(DAYS[tm.wday]!);
    case "b": case "h": return txt(MONTHS[tm.mon]!.slice(0, 3));
    case "B": return txt(MONTHS[tm.mon]!);
    case "c": return txt(strftime("%a %b %e %H:%M:%S %Y", ms));
    case "C": return num(Math.floor(tm.year / 100), 2);
    case "d": return num(tm.mday, 2);
    case "D": return txt(strftime("%m/%d/%y", ms));
    case "e": return num(tm.mday, 2, " ");
    case "F": return txt(strftime("%Y-%m-%d", ms));
    case "g": return num(isoWeek(tm).year % 100, 2);
    case "G": return num(isoWeek(tm).year, 1);
    case "H": return num(tm.hour, 2);
    case "I": return num(hour12, 2);
    case "j": return num(tm.yday + 1, 3);
    case "k": return num(tm.hour, 2, " ");
    case "l": return num(hour12, 2, " ");
    case "m": return num(tm.mon + 1, 2);
    case "M": return num(tm.min, 2);
    case "n": return txt("\n");
    case "N": {
      const digits = String(nanos).padStart(9, "0");
      return txt(width === undefined ? digits : digits.slice(0, width).padEnd(width, "0"));
    }
    case "p": return txt(tm.hour < 12 ? "AM" : "PM");
    case "P": return txt(tm.hour < 12 ? "am" : "pm");
    case "r": return txt(strftime("%I:%M:%S %p", ms));
    case "R": return txt(strftime("%H:%M", ms));
    case "s": return num(Math.floor(ms / 1000), 1);
    case "S": return num(tm.sec, 2);
    case "t": return txt("\t");
    case "T": return txt(strftime("%H:%M:%S", ms));
    case "u": return num(tm.wday === 0 ? 7 : tm.wday, 1);
    case "U": return num(Math.floor((tm.yday + 7 - tm.wday) / 7), 2);
    case "V": return num(isoWeek(tm).week, 2);
    case "w": return num(tm.wday, 1);
    case "W": return num(Math.floor((tm.yday + 7 - ((tm.wday + 6) % 7)) / 7), 2);
    case "x": return txt(strftime("%m/%d/%y", ms));
    case "X": return txt(strftime("%H:%M:%S", ms));
    case "y": return num(tm.year % 100, 2);
    case "Y": return num(tm.year, 1);
    case "z": return txt(colons === 0 ? "+0000" : colons === 1 ? "+00:00" : colons === 2 ? "+00:00:00" : "+00");
    case "Z": return txt("UTC");
    case "%": return txt("%");
    case "+": return txt(strftime("%a %b %e %H:%M:%S %Z %Y", ms));
    default: return undefined;
  }
}

function applyFlags(v: Value, flag: string, width: number | undefined): string {
  let text: string;
  if (v.numeric) {
    const fill = flag.includes("_") ? " " : flag.includes("0") ? "0" : v.fill;
    const w = flag.includes("-") ? 1 : width ?? v.width;
    text = pad(v.n, w, fill);
  } else {
    text = v.text;
    if (width !== undefined && text.length < width) text = (flag.includes("0") ? "0" : " ").repeat(width - text.length) + text;
  }
  if (flag.includes("^")) text = text.toUpperCase();
  else if (flag.includes("#")) text = /[a-z]/.test(text) ? text.toUpperCase() : text.toLowerCase();
  return text;
}

/** ctime(3) without the newline: "Thu Jan  1 00:00:00 1970". */
export const ctime = (ms: number) => strftime("%a %b %e %H:%M:%S %Y", ms);
