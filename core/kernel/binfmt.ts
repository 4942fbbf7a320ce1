// What execve finds in a file (fs/binfmt_elf.c, fs/binfmt_script.c). Emulated binaries are ELF
// files that name their program in a marker, so a copied or renamed binary still runs as itself.

export interface ElfProgram {
  readonly kind: "elf";
  /** The program: "busybox", "coreutils", "dash", "procps", "node", … */
  readonly program: string;
  readonly version: string;
  /** Build variant: the C library ("uclibc", "musl", "glibc"). */
  readonly variant: string;
  /** For single-tool binaries of a multi-tool package (coreutils `ls`): the tool. */
  readonly tool: string;
}

export interface Script {
  readonly kind: "script";
  readonly interpreter: string;
  readonly arg: string | undefined;
}

export type Binary = ElfProgram | Script | { readonly kind: "unknown" };

const ELF_MAGIC = "\x7fELF";
const MARKER = "podlab-exe:";

/** The bytes of an emulated executable of `size` bytes. */
export function elfImage(program: string, version: string, variant: string, tool: string, size: number): string {
  const head = `${ELF_MAGIC}\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0${MARKER}${program}/${version}/${variant}/${tool}\0`;
  return head + "\0".repeat(Math.max(0, size - head.length));
}

/** Identifies an executable from its first bytes. */
export function identify(bytes: string): Binary {
  if (bytes.startsWith("#!")) {
    const line = bytes.slice(2, bytes.indexOf("\n") < 0 ? 256 : Math.min(bytes.indexOf("\n"), 256)).trim();
    const m = /^(\S+)(?:\s+(.*))?$/.exec(line);
    if (m === null) return { kind: "unknown" };
    return { kind: "script", interpreter: m[1]!, arg: m[2]?.trim() || undefined };
  }
  if (bytes.startsWith(ELF_MAGIC)) {
    const at = bytes.indexOf(MARKER);
    if (at < 0 || at > 64) return { kind: "unknown" };
    const end = bytes.indexOf("\0", at);
    const [program, version, variant, tool] = bytes.slice(at + MARKER.length, end).split("/");
    if (!program || version === undefined || variant === undefined || tool === undefined) return { kind: "unknown" };
    return { kind: "elf", program, version, variant, tool };
  }
  return { kind: "unknown" };
}
