// What an emulated program sees when it runs: its process, the syscalls, its argv and its three
// standard file descriptors.

import type { ElfProgram } from "./binfmt.js";
import { Cancelled } from "./cancellation.js";
import { EBADF, EPIPE, SyscallError, errnoOf } from "./errno.js";
import type { Pipe } from "./io.js";
import { type Process, type Tty, deliver } from "./process.js";
import { SIGPIPE } from "./signal.js";
import type { Sys } from "./syscalls.js";

/**
 * An open file description, as fd tables hold it: a file, a pipe end or a terminal. Reads and
 * writes name the process doing them, so a signal to that process ends a blocked call.
 */
export interface OpenDescription {
  /** What /proc/<pid>/fd shows: a path, pipe:[N], /dev/pts/0. */
  readonly description: string;
  /** The terminal behind it, when it is one (isatty). */
  readonly tty?: Tty;
  read?(max: number, who: Process): Promise<string>;
  write?(data: string, who: Process): Promise<void>;
}

/** A descriptor bound to the process using it: what a program reads and writes through. */
export interface Fd {
  readonly description: string;
  readonly tty?: Tty;
  readonly readable: boolean;
  readonly writable: boolean;
  read(max?: number): Promise<string>;
  write(data: string): Promise<void>;
}

export function bindFd(desc: OpenDescription, who: Process): Fd {
  return {
    description: desc.description,
    ...(desc.tty === undefined ? {} : { tty: desc.tty }),
    readable: desc.read !== undefined,
    writable: desc.write !== undefined,
    read: (max = 65536) => {
      if (desc.read === undefined) throw new SyscallError(EBADF, "read");
      return desc.read(max, who);
    },
    write: (data) => {
      if (desc.write === undefined) throw new SyscallError(EBADF, "write");
      return desc.write(data, who);
    },
  };
}

export const ttyDescription = (tty: Tty): OpenDescription => ({
  description: `/dev/${tty.name}`,
  tty,
  read: (max, who) => tty.read(max, who),
  write: (data, who) => tty.write(data, who),
});

export const pipeReader = (pipe: Pipe): OpenDescription => ({
  description: pipe.description,
  read: (max, who) => pipe.read(max, who.lifetime),
});

/**
 * The write end of a pipe. With no reader left, fs/pipe.c pipe_write() sends SIGPIPE to the writer
 * and fails with EPIPE: the default action kills it (the shell reports 141); a writer that
 * ignores or catches the signal sees the EPIPE error.
 */
export const pipeWriter = (pipe: Pipe): OpenDescription => ({
  description: pipe.description,
  write: async (data, who) => {
    try {
      await pipe.write(data, who.lifetime);
    } catch (err) {
      if (errnoOf(err) !== EPIPE) throw err;
      deliver(who, SIGPIPE, false);
      if (!who.alive) throw new Cancelled(who.lifetime.reason);
      throw err;
    }
  },
});

/** A file opened through the VFS (it never blocks). */
export const fileDescription = (file: { description: string; read(max: number): Promise<string>; write(data: string): Promise<void>; flags: { read?: boolean; write?: boolean } }): OpenDescription => ({
  description: file.description,
  ...(file.flags.read ? { read: (max: number) => file.read(max) } : {}),
  ...(file.flags.write ? { write: (data: string) => file.write(data) } : {}),
});

export interface ProgramContext {
  readonly proc: Process;
  readonly sys: Sys;
  /** argv as the program receives it; argv[0] is how it was invoked. */
  readonly argv: readonly string[];
  /** Which build is running: BusyBox 1.28.4 on uClibc, GNU coreutils 8.23, … */
  readonly exe: ElfProgram;
  readonly stdin: Fd;
  readonly stdout: Fd;
  readonly stderr: Fd;
  /** The descriptions behind stdin/stdout/stderr, to hand on to child processes. */
  readonly stdio: Stdio;
}

export interface Stdio {
  readonly stdin: OpenDescription;
  readonly stdout: OpenDescription;
  readonly stderr: OpenDescription;
}

export type ProgramMain = (ctx: ProgramContext) => Promise<number>;

/** Finds the implementation of an executable; undefined when podlab does not emulate it. */
export interface ProgramTable {
  resolve(exe: ElfProgram, argv: readonly string[]): { main: ProgramMain; argv: readonly string[] } | undefined;
}
