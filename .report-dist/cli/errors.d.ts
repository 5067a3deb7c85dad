export declare const exitCodes: {
    readonly ok: 0;
    readonly failed: 1;
    readonly badInput: 2;
    readonly internal: 70;
};
/** Print `error` the way a user should see it; returns the exit code. */
export declare function reportError(error: unknown): number;
