/** Function name → allowed argument counts. */
export declare const allowedFunctions: Readonly<Record<string, readonly number[]>>;
/** Named constants usable in any expression. */
export declare const builtinConstants: Readonly<Record<string, number>>;
/** Names a user may not bind as parameters or definitions. */
export declare const reservedNames: ReadonlySet<string>;
