// Command-line flags as cobra/pflag parse them: --name=value, --name value, -n value, -nvalue,
// combined short booleans (-it), flags anywhere before `--`, and pflag's error wording.

export type FlagType = "bool" | "string" | "int" | "stringArray" | "duration";

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** pflag NoOptDefVal: the value of a bare `--name` (the next argument is not taken as its value). */
  readonly noOptDefVal?: string;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  readonly values: Map<string, FlagValue>;
  readonly args: string[];
  /** cobra ArgsLenAtDash(): positional arguments before `--`, or -1 when there is none. */
  readonly argsLenAtDash: number;
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags | { error: string } {
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const set = (spec: FlagSpec, raw: string, shown: string): string | undefined => {
    switch (spec.type) {
      case "bool":
        if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(raw)) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        values.set(spec.name, /^(true|1|t|TRUE|True)$/.test(raw));
        return undefined;
      case "int":
        if (!/^-?\d+$/.test(raw)) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        values.set(spec.name, Number(raw));
        return undefined;
      case "stringArray":
        values.set(spec.name, [...((values.get(spec.name) as string[] | undefined) ?? []), raw]);
        return undefined;
      case "duration": {
        // time.ParseDuration: a signed sequence of decimal numbers with units; kept in ms.
        const sign = /^[-+]/.test(raw) ? raw.slice(0, 1) : "";
        const ms = parseDuration(raw.slice(sign.length));
        if (ms === undefined) return `invalid argument "${raw}" for "${shown}" flag: time: invalid duration "${raw}"`;
        values.set(spec.name, sign === "-" ? -ms : ms);
        return undefined;
      }
      default:
        values.set(spec.name, raw);
        return undefined;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (spec === undefined) return { error: `unknown flag: --${name}` };
      let raw: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
      if (raw === undefined) {
        if (spec.type === "bool") raw = "true";
        else if (spec.noOptDefVal !== undefined) raw = spec.noOptDefVal;
        else {
          raw = argv[++i];
          if (raw === undefined) return { error: `flag needs an argument: --${name}` };
        }
      }
      const err = set(spec, raw, `--${name}`);
      if (err) return { error: err };
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && a !== "-") {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (spec === undefined) return { error: `unknown shorthand flag: '${c}' in ${a}` };
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            const err = set(spec, a.slice(j + 2), `-${c}, --${spec.name}`);
            if (err) return { error: err };
            break;
          }
          values.set(spec.name, true);
          continue;
        }
        let raw = a.slice(j + 1).replace(/^=/, "");
        if (raw === "") {
          const next = argv[++i];
          if (next === undefined) return { error: `flag needs an argument: '${c}' in -${c}` };
          raw = next;
        }
        const err = set(spec, raw, `-${c}, --${spec.name}`);
        if (err) return { error: err };
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, args, argsLenAtDash };
}

/** Go time.ParseDuration for the forms kubectl users type: 30s, 1m, 1m30s, 500ms, 2h, 0. */
export function parseDuration(s: string): number | undefined {
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}
