/** |x − c x0|². */
export declare function distance2(x: ArrayLike<number>, x0: ArrayLike<number>, c?: number): number;
/** a·x + b·y as a new array. */
export declare function combine(a: number, x: ArrayLike<number>, b: number, y: ArrayLike<number>): Float64Array;
/** Throws a plain Error when a point has the wrong number of coordinates (callers validate user input). */
export declare function expectDimension(x: ArrayLike<number>, d: number, what: string): void;
