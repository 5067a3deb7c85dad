export interface ButcherTableau {
    name: string;
    /** Order of the solution weights b. */
    order: number;
    c: readonly number[];
    /** Lower-triangular stage coefficients a[i][j], j < i. */
    a: readonly (readonly number[])[];
    b: readonly number[];
    /** Embedded weights of order `order − 1`, for error estimates. */
    bHat?: readonly number[];
}
export declare const EULER: ButcherTableau;
/** Heun's method (explicit trapezoid). */
export declare const HEUN: ButcherTableau;
export declare const RK4: ButcherTableau;
/** Dormand–Prince 5(4) (Hairer, Nørsett & Wanner, Table II.5.2); last stage = first of the next step (FSAL). */
export declare const DOPRI5: ButcherTableau;
