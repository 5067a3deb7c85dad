import { type Design } from '../index.js';
export declare const exportTargets: readonly ['latex', 'python', 'torch', 'json'];
export type ExportTarget = (typeof exportTargets)[number];
/** `derive --format json` / `export --to json`: the DESIGN.md document. */
export declare function derivationJson(design: Design): object;
export declare function exportDesign(design: Design, target: string): string;
