// One error type for every user mistake (bad spec, bad data, bad option), carrying where it happened.
// The CLI turns it into one line `file:line:col: message` and exit code 2; nothing here exits the process. Worker
// threads post errors as plain values (SerializedError) and the calling thread throws the same class again.

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

/** An error as a worker thread posts it: plain values, so that the calling thread can throw the same class. */
export interface SerializedError {
  name: string;
  message: string;
  /** IntegrationError: the sample's (or point's) index and the time. */
  index?: number;
  t?: number;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof IntegrationError)
    return { name: error.name, message: error.message, index: error.sampleIndex, t: error.t };
  if (error instanceof OdeforgeError) {
    const { name, message, file, line, column, hint } = error;
    return { name, message, file, line, column, hint };
  }
  const e = error as Error;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack };
}

/**
 * The error as the calling thread throws it: the same class as in the worker; anything else (a bug) as an Error
 * whose message says which worker it came from.
 */
export function deserializeError(s: SerializedError, worker: string): Error {
  if (s.name === 'IntegrationError') return new IntegrationError(s.message, s.index ?? -1, s.t ?? Number.NaN);
  if (s.name === 'OdeforgeError')
    return new OdeforgeError(s.message, { file: s.file, line: s.line, column: s.column }, s.hint);
  const e = new Error(`${worker}: ${s.message}`);
  if (s.stack) e.stack = s.stack;
  return e;
}
