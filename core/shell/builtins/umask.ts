import { type Builtin, out, raise } from "./types.js";

const symbolic = (mask: number) => {
  const perm = (bits: number) => `${bits & 4 ? "r" : ""}${bits & 2 ? "w" : ""}${bits & 1 ? "x" : ""}`;
  const allowed = ~mask & 0o777;
  return `u=${perm(allowed >> 6)},g=${perm((allowed >> 3) & 7)},o=${perm(allowed & 7)}`;
};

/** umask [-S] [MASK]: prints as 0022, or sets it (octal or u=rwx,g=rx,o=rx). */
export const umask: Builtin = {
  name: "umask",
  async run(ctx) {
    const { sys } = ctx.sh;
    const args = ctx.argv.slice(1);
    const sym = args[0] === "-S";
    const value = sym ? args[1] : args[0];
    if (value === undefined) {
      const mask = sys.umask();
      await out(ctx, sym ? `${symbolic(mask)}\n` : `${mask.toString(8).padStart(4, "0")}\n`);
      return 0;
    }
    if (/^[0-9]/.test(value)) {
      // ash bb_parse_mode(): "illegal mode"; dash: "Illegal number" for a digit 8 or 9.
      if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > 0o7777) return raise(ctx, ctx.sh.flavour.name === "ash" ? `illegal mode: ${value}` : ctx.sh.flavour.name === "dash" ? `Illegal number: ${value}` : `${value}: octal number out of range`, ctx.sh.flavour.name === "bash" ? 1 : 2);
      sys.umask(parseInt(value, 8) & 0o777);
      return 0;
    }
    let allowed = ~sys.umask() & 0o777;
    for (const clause of value.split(",")) {
      const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause);
      if (m === null) return raise(ctx, ctx.sh.flavour.name === "ash" ? `illegal mode: ${value}` : ctx.sh.flavour.name === "dash" ? `Illegal mode: ${value}` : `\`${value[clause.length] ?? ""}': invalid symbolic mode operator`, ctx.sh.flavour.name === "bash" ? 1 : 2);
      const who = m[1] === "" || m[1]!.includes("a") ? "ugo" : m[1]!;
      let bits = 0;
      for (const p of m[3]!) bits |= p === "r" ? 4 : p === "w" ? 2 : 1;
      for (const w of who) {
        const shift = w === "u" ? 6 : w === "g" ? 3 : 0;
        if (m[2] === "=") allowed = (allowed & ~(7 << shift)) | (bits << shift);
        else if (m[2] === "+") allowed |= bits << shift;
        else allowed &= ~(bits << shift);
      }
    }
    sys.umask(~allowed & 0o777);
    return 0;
  },
};
