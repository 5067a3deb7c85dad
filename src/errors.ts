// One error type for every user mistake (bad spec, bad data, bad option), carrying where it happened.
// The CLI turns it into one line `file:line:col: message` and exit code 2; nothing here exits the process.

export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

/** A user-facing error: bad input, with its place and a hint on what to do. */
export class OdeforgeError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(message: string, where: SourcePosition = {}, hint?: string) {
    super(message);
    this.name = 'OdeforgeError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.hint = hint;
  }

  /** `file:line:col: message (hint)`, with whatever parts of the place are known. */
  format(): string {
    const place = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    const text = this.hint ? `${this.message} (${this.hint})` : this.message;
    return place ? `${place}: ${text}` : text;
  }
}

/** A run that went wrong numerically (a state became non-finite): exit code 1, not 2. */
export class IntegrationError extends Error {
  constructor(
    message: string,
    readonly sampleIndex: number,
    readonly t: number,
  ) {
    super(message);
    this.name = 'IntegrationError';
  }
}

/**
 * The value of `build`; an OdeforgeError it throws without a place of its own is thrown again at `where`, its
 * message prefixed by `subject` (the layers below the spec know the expression, not where it was written).
 */
export function placedAt<T>(where: SourcePosition, subject: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof OdeforgeError) || error.file !== undefined || error.line !== undefined) throw error;
    throw new OdeforgeError(`${subject}: ${error.message}`, where, error.hint);
  }
}
