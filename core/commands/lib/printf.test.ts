// printfEvents() against the real tools: each row is `printf ARGS` with what BusyBox 1.28.4
// (built from mirror/busybox tag 1_28_4, defconfig) and GNU coreutils 9.1 (Debian 12, LC_ALL=C)
// wrote, stdout and stderr merged in the order they appeared, and the exit status.

import { describe, expect, it } from "vitest";
import { type PrintfDialect, busyboxPrintfMessage, coreutilsPrintfMessage, printfEvents, printfFormat } from "./printf.js";

type Row = [args: string[], busybox: string, busyboxStatus: number, gnu: string, gnuStatus: number];

const RECORDED: Row[] = [
  [["%d\n"], "printf: invalid number ''\n0\n", 1, "0\n", 0],
  [["%d\n", "x"], "printf: invalid number 'x'\n0\n", 1, "printf: 'x': expected a numeric value\n0\n", 1],
  [["%d\n", "12abc"], "printf: invalid number '12abc'\n0\n", 1, "printf: '12abc': value not completely converted\n12\n", 1],
  [["%d|%d\n", "1", "x", "3"], "1|printf: invalid number 'x'\n0\n3|printf: invalid number ''\n0\n", 1, "1|printf: 'x': expected a numeric value\n0\n3|0\n", 1],
  [["%z"], "printf: %: invalid format\n", 1, "printf: %z: invalid conversion specification\n", 1],
  [["%k\n"], "printf: %k\n: invalid format\n", 1, "printf: %k: invalid conversion specification\n", 1],
  [["a%kb\n", "1"], "aprintf: %kb\n: invalid format\n", 1, "aprintf: %k: invalid conversion specification\n", 1],
  [["%"], "printf: %: invalid format\n", 1, "printf: %: invalid conversion specification\n", 1],
  [["ab%"], "abprintf: %: invalid format\n", 1, "abprintf: %: invalid conversion specification\n", 1],
  [["%5b|\n", "x"], "printf: %5b|\n: invalid format\n", 1, "printf: %5b: invalid conversion specification\n", 1],
  [["%+-5d|\n", "3"], "printf: %+-5d|\n: invalid format\n", 1, "+3   |\n", 0],
  [["%-5d|\n", "3"], "3    |\n", 0, "3    |\n", 0],
  [["%05d|\n", "-3"], "-0003|\n", 0, "-0003|\n", 0],
  [["%ld %lld %hd\n", "1", "2", "3"], "1 2 3\n", 0, "1 2 3\n", 0],
  [["%c|\n"], "\u0000|\n", 0, "\u0000|\n", 0],
  [["%3c|\n", ""], "  \u0000|\n", 0, "  \u0000|\n", 0],
  [["%x\n", "-2"], "fffffffffffffffe\n", 0, "fffffffffffffffe\n", 0],
  [["%u\n", "-1"], "18446744073709551615\n", 0, "18446744073709551615\n", 0],
  [["%d\n", "+5"], "printf: invalid number '+5'\n0\n", 1, "5\n", 0],
  [["%d\n", " 5"], "printf: invalid number ' 5'\n0\n", 1, "5\n", 0],
  [["%d\n", "'A"], "65\n", 0, "65\n", 0],
  [["%d\n", "'"], "0\n", 0, "printf: '\\'': expected a numeric value\n0\n", 1],
  [["%f\n"], "0.000000\n", 0, "0.000000\n", 0],
  [["%f\n", "abc"], "printf: invalid number 'abc'\n0.000000\n", 1, "printf: 'abc': expected a numeric value\n0.000000\n", 1],
  [["%f\n", "1e999"], "printf: invalid number '1e999'\ninf\n", 1, "1000000000000000000030087767474952398126871200575805112807104400457072417052718841359670731014476554525922886812480286451481460753401209264039681869468850383160525272991706475386050303464356007252828471108843398956313664123701126254265071997657125584807731393175962341171746076491698853288607235267985502344527292632301987590626834498964134146883360232184046581906508251505108695233456629957054810707478887630452032547455482975049696617765042145623090277919131621834670278889705358013083469051628021695625314330112997599444922685134147156457861996427960561234726275348991196363437364187468646576793469836400011828947626501557964361357040480485188339375358684692194652691440903351381054679331249821904081779446111791592095073055587807864154710333981614633661181323558476239053307417961965754210063423917392513379804198560355788942263475433714792578330296147767306406337379081448772783199531291557886593615749441164853009046571959321557126538183910606662834777639356425351368888547344771885134373715968.000000\n", 0],
  [["%.3s|\n", "abcdef"], "abc|\n", 0, "abc|\n", 0],
  [["%*d|\n", "5", "3"], "    3|\n", 0, "    3|\n", 0],
  [["%*d|\n", "x", "3"], "printf: invalid number 'x'\n3|\n", 0, "printf: 'x': expected a numeric value\n3|\n", 1],
  [["%.*f|\n", "2", "3.14159"], "3.14|\n", 0, "3.14|\n", 0],
  [["%s %s\n", "a"], "a \n", 0, "a \n", 0],
  [["%b\n"], "\n", 0, "\n", 0],
  [["x\\c y\n"], "x", 0, "x", 0],
  [["%s\\c%s\n", "a", "b"], "a", 0, "a", 0],
  [["%b|%s\n", "a\\cb", "c"], "a", 0, "a", 0],
  [["\\101\\0101\\x41\\q\n"], "A\b1A\\q\n", 0, "A\b1A\\q\n", 0],
  [["%b\n", "\\101\\0101\\x41\\q"], "AAA\\q\n", 0, "AAA\\q\n", 0],
  [["%d %d\n", "1", "2", "3"], "1 2\n3 printf: invalid number ''\n0\n", 1, "1 2\n3 0\n", 0],
  [["%i\n", "010"], "8\n", 0, "8\n", 0],
  [["%i\n", "0x1f"], "31\n", 0, "31\n", 0],
  [["%o\n", "8"], "10\n", 0, "10\n", 0],
  [["%e\n", "1234.5"], "1.234500e+03\n", 0, "1.234500e+03\n", 0],
  [["%g\n", "0.0001"], "0.0001\n", 0, "0.0001\n", 0],
  [["%G\n", "1e-10"], "1E-10\n", 0, "1E-10\n", 0],
  [["%#x %#o\n", "255", "8"], "0xff 010\n", 0, "0xff 010\n", 0],
  [["% d|\n", "5"], " 5|\n", 0, " 5|\n", 0],
  [["%s\n", "--"], "--\n", 0, "--\n", 0],
  [["%d\n", "99999999999999999999"], "printf: invalid number '99999999999999999999'\n0\n", 1, "printf: '99999999999999999999': Numerical result out of range\n9223372036854775807\n", 1],
  [["%d\n", "-"], "printf: invalid number '-'\n0\n", 1, "printf: '-': expected a numeric value\n0\n", 1],
  [["%.0f\n", "2.5"], "2\n", 0, "2\n", 0],
  [["%10.4f|\n", "3.14159"], "    3.1416|\n", 0, "    3.1416|\n", 0],
  [["%-10s|\n", "ab"], "ab        |\n", 0, "ab        |\n", 0],
  [["%a\n", "1"], "printf: %a\n: invalid format\n", 1, "0x8p-3\n", 0],
  [["%F\n", "1"], "printf: %F\n: invalid format\n", 1, "1.000000\n", 0],
  [["hello\n", "extra"], "hello\n", 0, "hello\nprintf: warning: ignoring excess arguments, starting with 'extra'\n", 0],
  [["%d%z\n", "x"], "printf: invalid number 'x'\n0printf: %\n: invalid format\n", 1, "printf: 'x': expected a numeric value\n0printf: %z\n: invalid conversion specification\n", 1],
  [["%5%|\n"], "printf: %5%|\n: invalid format\n", 1, "printf: %5%: invalid conversion specification\n", 1],
  [["%.2d|\n", "5"], "05|\n", 0, "05|\n", 0],
  [["%s"], "", 0, "", 0],
  [["%d\n", "1.5"], "printf: invalid number '1.5'\n0\n", 1, "printf: '1.5': value not completely converted\n1\n", 1],
  [["%x\n", "abc"], "printf: invalid number 'abc'\n0\n", 1, "printf: 'abc': expected a numeric value\n0\n", 1],
  [["%d\n", "0x"], "printf: invalid number '0x'\n0\n", 1, "printf: '0x': value not completely converted\n0\n", 1],
  [["%d\n", "08"], "printf: invalid number '08'\n0\n", 1, "printf: '08': value not completely converted\n0\n", 1],
  [["%f\n", " 1.5"], "1.500000\n", 0, "1.500000\n", 0],
  [["%f\n", "1.5 "], "printf: invalid number '1.5 '\n0.000000\n", 1, "printf: '1.5 ': value not completely converted\n1.500000\n", 1],
  [["%f\n", "0x10"], "16.000000\n", 0, "16.000000\n", 0],
  [["%c%c\n", "ab", "c"], "ac\n", 0, "ac\n", 0],
  [["%5s|%-5s|\n", "abcdefg", "x"], "abcdefg|x    |\n", 0, "abcdefg|x    |\n", 0],
  [["\\e\\a\n"], "\u001b\u0007\n", 0, "\u001b\u0007\n", 0],
  [["%b\n", "\\c"], "", 0, "", 0],
  [["%.*d|\n", "x", "5"], "printf: invalid number 'x'\n5|\n", 0, "printf: 'x': expected a numeric value\n5|\n", 1],
  [["%*.*d|\n", "6", "3", "5"], "   005|\n", 0, "   005|\n", 0],
];

/** GNU parses floats as long double: 1e999 is finite there. */
const LONG_DOUBLE_ONLY = new Set(['["%f\\n","1e999"]']);

function transcript(args: string[], dialect: PrintfDialect): [string, number] {
  const run = printfEvents(args[0]!, args.slice(1), dialect);
  let shown = "";
  for (const ev of run.events) {
    if ("text" in ev) shown += ev.text;
    else shown += `printf: ${dialect === "busybox" ? busyboxPrintfMessage(ev.error) : coreutilsPrintfMessage(ev.error)}\n`;
  }
  return [shown, run.status];
}

describe("printf: BusyBox 1.28.4 printf.c", () => {
  for (const [args, out, status] of RECORDED) {
    it(`printf ${JSON.stringify(args)}`, () => expect(transcript(args, "busybox")).toEqual([out, status]));
  }
});

describe("printf: GNU coreutils printf.c", () => {
  for (const [args, , , out, status] of RECORDED) {
    if (LONG_DOUBLE_ONLY.has(JSON.stringify(args))) continue;
    it(`printf ${JSON.stringify(args)}`, () => expect(transcript(args, { coreutils: "9.1" })).toEqual([out, status]));
  }
  it("9.6: an empty argument is not a number, a missing one is 0", () => {
    expect(transcript(["%d\n", ""], { coreutils: "9.7" })).toEqual(["printf: '': expected a numeric value\n0\n", 1]);
    expect(transcript(["%d\n"], { coreutils: "9.7" })).toEqual(["0\n", 0]);
    expect(transcript(["%d\n", ""], { coreutils: "9.1" })).toEqual(["0\n", 0]);
  });
  it("\\u: 9.2 allows every code point but surrogates; non-ASCII stays an escape in the C locale", () => {
    expect(transcript(["\\u0041|\\u00e9"], { coreutils: "9.7" })).toEqual(["A|\\u00E9", 0]);
    expect(transcript(["x\\u0041"], { coreutils: "9.1" })).toEqual(["xprintf: invalid universal character name \\u0041\n", 1]);
    expect(transcript(["a\\x"], { coreutils: "9.1" })).toEqual(["aprintf: missing hexadecimal number in escape\n", 1]);
  });
  it("%q quotes for the shell (8.25)", () => {
    // Recorded with GNU coreutils 9.1, LC_ALL=C.
    expect(transcript(["%q %q %q %q %q %q\n", "a b", "it's", "plain", "", "a\tb", "~x"], { coreutils: "9.1" }))
      .toEqual(["'a b' \"it's\" plain '' 'a'$'\\t''b' '~x'\n", 0]);
    expect(transcript(["%q|%q|%q|%q|%q", "a=b", "a@b", "a]b", "it's $x", "\xc3\xa9"], { coreutils: "9.1" }))
      .toEqual(["'a=b'|a@b|a]b|'it'\\''s $x'|''$'\\303\\251'", 0]);
  });
});

describe("printfFormat (the former interface)", () => {
  it("keeps the old words and values", () => {
    expect(printfFormat("%d|%s\n", ["12abc", "x"])).toEqual({ text: "12|x\n", errors: ["invalid number '12abc'"], stopped: false });
    expect(printfFormat("%d\n", [])).toEqual({ text: "0\n", errors: [], stopped: false });
    expect(printfFormat("a%kb", [])).toEqual({ text: "a", errors: ["%k: invalid directive"], stopped: true });
    expect(printfFormat("%g %.2f", ["0.0001", "2.345"]).text).toBe("0.0001 2.35");
  });
});
