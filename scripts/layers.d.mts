// Types of layers.mjs, for the layering test.
export declare const allowedImports: Record<string, readonly string[]>;
export declare const sharedFiles: readonly string[];
export declare const forbiddenPackages: Record<string, readonly string[]>;
export declare function layerOf(relative: string): string | undefined;
export declare function importViolation(from: string, to: string): string | undefined;
