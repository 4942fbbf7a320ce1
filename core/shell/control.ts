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
