/** e^x for x ≤ 0 (0 below −745). */
export declare function expNeg(x: number): number;
