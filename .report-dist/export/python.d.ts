import { type Design } from '../index.js';
export type PythonBackend = 'numpy' | 'torch';
/** The module's source text. @throws OdeforgeError when a quantity has no closed form to export. */
export declare function pythonModule(design: Design, backend: PythonBackend): string;
