// Error numbers as values (gVisor pkg/errors/linuxerr), with the C library's strerror() texts.
// Pure checks return an Errno; the syscall layer throws SyscallError; commands print the text.

export interface Errno {
  readonly name: string;
  readonly number: number;
  /** glibc / uClibc-ng strerror() text. */
  readonly message: string;
  /** musl strerror() text where it differs (Alpine images). */
  readonly musl?: string;
}

const errno = (number: number, name: string, message: string, musl?: string): Errno =>
  Object.freeze(musl === undefined ? { name, number, message } : { name, number, message, musl });

export const EPERM = errno(1, "EPERM", "Operation not permitted");
export const ENOENT = errno(2, "ENOENT", "No such file or directory");
export const ESRCH = errno(3, "ESRCH", "No such process");
export const EINTR = errno(4, "EINTR", "Interrupted system call");
export const EIO = errno(5, "EIO", "Input/output error", "I/O error");
export const ENXIO = errno(6, "ENXIO", "No such device or address");
export const E2BIG = errno(7, "E2BIG", "Argument list too long");
export const ENOEXEC = errno(8, "ENOEXEC", "Exec format error");
export const EBADF = errno(9, "EBADF", "Bad file descriptor");
export const ECHILD = errno(10, "ECHILD", "No child processes", "No child process");
export const EAGAIN = errno(11, "EAGAIN", "Resource temporarily unavailable");
export const ENOMEM = errno(12, "ENOMEM", "Cannot allocate memory", "Out of memory");
export const EACCES = errno(13, "EACCES", "Permission denied");
export const EBUSY = errno(16, "EBUSY", "Device or resource busy", "Resource busy");
export const EEXIST = errno(17, "EEXIST", "File exists");
export const EXDEV = errno(18, "EXDEV", "Invalid cross-device link", "Cross-device link");
export const ENODEV = errno(19, "ENODEV", "No such device");
export const ENOTDIR = errno(20, "ENOTDIR", "Not a directory");
export const EISDIR = errno(21, "EISDIR", "Is a directory");
export const EINVAL = errno(22, "EINVAL", "Invalid argument");
export const EMFILE = errno(24, "EMFILE", "Too many open files", "No file descriptors available");
export const ENOTTY = errno(25, "ENOTTY", "Inappropriate ioctl for device", "Not a tty");
export const ETXTBSY = errno(26, "ETXTBSY", "Text file busy");
export const EFBIG = errno(27, "EFBIG", "File too large");
export const ENOSPC = errno(28, "ENOSPC", "No space left on device");
export const ESPIPE = errno(29, "ESPIPE", "Illegal seek", "Invalid seek");
export const EROFS = errno(30, "EROFS", "Read-only file system");
export const EMLINK = errno(31, "EMLINK", "Too many links");
export const EPIPE = errno(32, "EPIPE", "Broken pipe");
export const ERANGE = errno(34, "ERANGE", "Numerical result out of range", "Result not representable");
export const ENAMETOOLONG = errno(36, "ENAMETOOLONG", "File name too long", "Filename too long");
export const ENOSYS = errno(38, "ENOSYS", "Function not implemented");
export const ENOTEMPTY = errno(39, "ENOTEMPTY", "Directory not empty");
export const ELOOP = errno(40, "ELOOP", "Too many levels of symbolic links", "Symbolic link loop");
export const ENODATA = errno(61, "ENODATA", "No data available");
export const EPROTONOSUPPORT = errno(93, "EPROTONOSUPPORT", "Protocol not supported");
export const EOPNOTSUPP = errno(95, "EOPNOTSUPP", "Operation not supported", "Not supported");
export const EAFNOSUPPORT = errno(97, "EAFNOSUPPORT", "Address family not supported by protocol");
export const EADDRINUSE = errno(98, "EADDRINUSE", "Address already in use", "Address in use");
export const ENETUNREACH = errno(101, "ENETUNREACH", "Network is unreachable", "Network unreachable");
export const ETIMEDOUT = errno(110, "ETIMEDOUT", "Connection timed out", "Operation timed out");
export const ECONNREFUSED = errno(111, "ECONNREFUSED", "Connection refused");
export const EHOSTUNREACH = errno(113, "EHOSTUNREACH", "No route to host", "Host is unreachable");

/** The C library whose strerror() wording a program prints. */
export type Libc = "glibc" | "uclibc" | "musl";

export function strerror(e: Errno, libc: Libc = "glibc"): string {
  return libc === "musl" && e.musl !== undefined ? e.musl : e.message;
}

/** Thrown by the syscall layer: the errno plus what was being done, for the caller to render. */
export class SyscallError extends Error {
  constructor(
    readonly errno: Errno,
    readonly syscall: string,
    readonly path?: string,
  ) {
    super(`${syscall}${path === undefined ? "" : ` ${path}`}: ${errno.message}`);
    this.name = "SyscallError";
  }
}

/** The errno carried by a thrown value, or undefined when it is not a syscall failure. */
export function errnoOf(err: unknown): Errno | undefined {
  return err instanceof SyscallError ? err.errno : undefined;
}
