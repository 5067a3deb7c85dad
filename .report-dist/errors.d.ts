export interface SourcePosition {
    file?: string;
    line?: number;
    column?: number;
}
/** A user-facing error: bad input, with its place and a hint on what to do. */
export declare class OdeforgeError extends Error {
    readonly file: string | undefined;
    readonly line: number | undefined;
    readonly column: number | undefined;
    readonly hint: string | undefined;
    constructor(message: string, where?: SourcePosition, hint?: string);
    /** `file:line:col: message (hint)`, with whatever parts of the place are known. */
    format(): string;
}
/** A run that went wrong numerically (a state became non-finite): exit code 1, not 2. */
export declare class IntegrationError extends Error {
    readonly sampleIndex: number;
    readonly t: number;
    constructor(message: string, sampleIndex: number, t: number);
}
