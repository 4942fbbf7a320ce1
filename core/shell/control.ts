// Non-local control flow inside the interpreter, as exceptions that unwind to the right place.

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit`, or a fatal error in a non-interactive shell: the shell process ends. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/** SIGINT reached an interactive shell: abandon the command line, back to the prompt. */
export class InterruptSignal {}

/**
 * An error the shell has already reported (ash/dash EXERROR: a bad expansion, an assignment to a
 * read-only variable, a special builtin's failure, fork failing). An interactive shell abandons
 * the rest of the command line; any other shell exits with `status`. A regular builtin's error
 * only fails that builtin (ash evalcommand(): "spclbltin <= 0" goes on with the status).
 */
export class ShellError {
  constructor(readonly status: number = 2) {}
}
