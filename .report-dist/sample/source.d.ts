import type { Design } from '../design/types.js';
export type DesignSource = 
/** A spec file, loaded with loadDesign (what the CLI uses). */
{
    specPath: string;
    dimension?: number;
}
/** A module exporting a function that returns the Design (for designs built in code). */
 | {
    module: string;
    exportName: string;
    args?: unknown[];
};
/** Rebuild the Design named by `source` (in a worker). */
export declare function designFrom(source: DesignSource): Promise<Design>;
