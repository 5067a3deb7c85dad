// One error type for every user mistake (bad spec, bad data, bad option), carrying where it happened.
// The CLI turns it into one line `file:line:col: message` and exit code 2; nothing here exits the process.
/** A user-facing error: bad input, with its place and a hint on what to do. */
export class OdeforgeError extends Error {
    file;
    line;
    column;
    hint;
    constructor(message, where = {}, hint) {
        super(message);
        this.name = 'OdeforgeError';
        this.file = where.file;
        this.line = where.line;
        this.column = where.column;
        this.hint = hint;
    }
    /** `file:line:col: message (hint)`, with whatever parts of the place are known. */
    format() {
        const place = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
        const text = this.hint ? `${this.message} (${this.hint})` : this.message;
        return place ? `${place}: ${text}` : text;
    }
}
/** A run that went wrong numerically (a state became non-finite): exit code 1, not 2. */
export class IntegrationError extends Error {
    sampleIndex;
    t;
    constructor(message, sampleIndex, t) {
        super(message);
        this.sampleIndex = sampleIndex;
        this.t = t;
        this.name = 'IntegrationError';
    }
}
