export type GridName = 'uniform' | 'log' | 'edm';
export declare const gridNames: readonly GridName[];
/** t_i = T + (ε − T) i / steps. */
export declare function uniformGrid(T: number, epsilon: number, steps: number): Float64Array;
/** t_i = exp(log T + (log ε − log T) i / steps): uniform in log t. */
export declare function logGrid(T: number, epsilon: number, steps: number): Float64Array;
/**
 * Karras et al. (EDM): t_i = (T^{1/ρ} + i/steps (ε^{1/ρ} − T^{1/ρ}))^ρ, ρ = 7, taking σ(t) = t.
 * With steps = 17, T = 80, ε = 0.002: 80, 57.58598, 40.78557, … (EDM's 18-point schedule).
 */
export declare function edmGrid(T: number, epsilon: number, steps: number, rho?: number): Float64Array;
export declare function timeGrid(name: GridName, T: number, epsilon: number, steps: number): Float64Array;
