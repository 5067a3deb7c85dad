// Time grids for the fixed-step solvers, from T down to ε (steps + 1 points, both ends exact).
import { OdeforgeError } from '../errors.js';
export const gridNames = ['uniform', 'log', 'edm'];
function checkGrid(T, epsilon, steps) {
    if (!Number.isInteger(steps) || steps < 1)
        throw new OdeforgeError(`steps must be a positive integer, got ${steps}`);
    if (!(epsilon > 0 && epsilon < T && Number.isFinite(T))) {
        throw new OdeforgeError(`the time interval needs 0 < epsilon < T, got epsilon = ${epsilon}, T = ${T}`);
    }
}
/** t_i = T + (ε − T) i / steps. */
export function uniformGrid(T, epsilon, steps) {
    checkGrid(T, epsilon, steps);
    const g = Float64Array.from({ length: steps + 1 }, (_, i) => T + ((epsilon - T) * i) / steps);
    g[steps] = epsilon;
    return g;
}
/** t_i = exp(log T + (log ε − log T) i / steps): uniform in log t. */
export function logGrid(T, epsilon, steps) {
    checkGrid(T, epsilon, steps);
    const a = Math.log(T);
    const b = Math.log(epsilon);
    const g = Float64Array.from({ length: steps + 1 }, (_, i) => Math.exp(a + ((b - a) * i) / steps));
    g[0] = T;
    g[steps] = epsilon;
    return g;
}
/**
 * Karras et al. (EDM): t_i = (T^{1/ρ} + i/steps (ε^{1/ρ} − T^{1/ρ}))^ρ, ρ = 7, taking σ(t) = t.
 * With steps = 17, T = 80, ε = 0.002: 80, 57.58598, 40.78557, … (EDM's 18-point schedule).
 */
export function edmGrid(T, epsilon, steps, rho = 7) {
    checkGrid(T, epsilon, steps);
    const a = T ** (1 / rho);
    const b = epsilon ** (1 / rho);
    const g = Float64Array.from({ length: steps + 1 }, (_, i) => (a + (i / steps) * (b - a)) ** rho);
    g[0] = T;
    g[steps] = epsilon;
    return g;
}
export function timeGrid(name, T, epsilon, steps) {
    switch (name) {
        case 'uniform':
            return uniformGrid(T, epsilon, steps);
        case 'log':
            return logGrid(T, epsilon, steps);
        case 'edm':
            return edmGrid(T, epsilon, steps);
    }
}
