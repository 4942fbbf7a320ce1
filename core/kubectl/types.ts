// What a kubectl verb works with: the call (flags, arguments, streams) and the cluster.

import type { ProgramContext } from "../kernel/program.js";
import type { Cluster } from "../kube/cluster.js";
import type { FlagSpec, FlagValue } from "./flags.js";

export interface KubectlCall {
  readonly ctx: ProgramContext;
  readonly cluster: Cluster;
  readonly verb: string;
  readonly args: readonly string[];
  readonly argsLenAtDash: number;
  readonly flags: ReadonlyMap<string, FlagValue>;
  /** -n/--namespace, or the kubeconfig context's namespace. */
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  /** The workstation's kubeconfig (the current context's namespace), changed by `config set-context`. */
  readonly kubeconfig: { namespace: string };
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  str(name: string): string | undefined;
  bool(name: string): boolean;
}

export interface Verb {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly short: string;
  readonly flags: readonly FlagSpec[];
  run(call: KubectlCall): Promise<number>;
}

/** A usage error: "error: <text>" then "See 'kubectl <verb> -h' for help and examples". */
export class UsageError extends Error {}
