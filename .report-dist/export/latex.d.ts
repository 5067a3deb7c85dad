import { type Design } from '../index.js';
export declare function latexFragment(design: Design): string;
