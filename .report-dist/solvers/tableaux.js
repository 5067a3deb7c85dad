// Butcher tableaux of the explicit Runge–Kutta methods odeforge offers. Data only: how a step is taken
// lives in rk.ts (fixed grids) and dopri5.ts (adaptive, per-sample).
export const EULER = { name: 'euler', order: 1, c: [0], a: [[]], b: [1] };
/** Heun's method (explicit trapezoid). */
export const HEUN = { name: 'heun', order: 2, c: [0, 1], a: [[], [1]], b: [0.5, 0.5] };
export const RK4 = {
    name: 'rk4',
    order: 4,
    c: [0, 0.5, 0.5, 1],
    a: [[], [0.5], [0, 0.5], [0, 0, 1]],
    b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
};
/** Dormand–Prince 5(4) (Hairer, Nørsett & Wanner, Table II.5.2); last stage = first of the next step (FSAL). */
export const DOPRI5 = {
    name: 'dopri5',
    order: 5,
    c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
    a: [
        [],
        [1 / 5],
        [3 / 40, 9 / 40],
        [44 / 45, -56 / 15, 32 / 9],
        [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
        [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
        [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
    ],
    b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
    bHat: [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40],
};
