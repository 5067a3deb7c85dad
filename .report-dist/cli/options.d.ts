export declare function parseNumber(option: string, text: string): number;
export declare function parsePositiveInteger(option: string, text: string): number;
/** "1.3,0" → [1.3, 0]; negative coordinates work as --x=-1,2. */
export declare function parseVector(option: string, text: string): number[];
