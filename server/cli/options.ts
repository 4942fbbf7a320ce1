// Option parsing for the podlab subcommands: --name value, --name=value, and a usage error (exit 2).

export class CliUsageError extends Error {}

export function parseCliOptions(args: readonly string[], known: Record<string, "string" | "bool">): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    if (m === null) throw new CliUsageError(`unexpected argument '${a}'`);
    const type = known[m[1]!];
    if (type === undefined) throw new CliUsageError(`unknown option '--${m[1]}'`);
    if (type === "bool") {
      out.set(m[1]!, true);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new CliUsageError(`option '--${m[1]}' needs a value`);
    out.set(m[1]!, value);
  }
  return out;
}
