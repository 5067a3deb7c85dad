// DPM-Solver++ multistep (Lu et al. 2022), data prediction in λ = log(α/σ): the semi-linear ODE
// dx/dt = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂ has the exact solution x_t = (σ_t/σ_s) x_s + σ_t ∫ e^{λ} x̂ dλ, and the
// multistep methods interpolate x̂ in λ through the previous evaluations (one evaluation per step).
// 3M as in the reference implementations (dpm-solver, diffusers): with x̂(λ_s + u) ≈ D + u D' + ½ u² D'' the
// exact weights are ∫₀ʰ e^{−(h−u)} (1, u, ½u²) du = (−φ1, h φ2, −h² φ3), while their second difference
// D2 = (D1_0 − D1_1)/(r0 + r1) estimates ½ h² D'': the step is exact for x̂ linear in λ only, so it converges
// with order 2 (a smaller constant than 2M's). Doubling D2 gives true order 3 on smooth x̂, but on the
// 8-gaussians toy it was less accurate at 20 steps (VE median error 1.5e-3 against 8.2e-4), so the reference
// form is kept; docs/mathematics.md has the comparison.
import type { ScheduleRecord, SemilinearProblem, SignalToNoise } from './semilinear.js';
import type { ProgressCallback, Recording, SolveResult } from './types.js';

export interface MultistepOptions {
  /** Records every grid point: recording.times must equal the grid. */
  record?: Recording;
  recordOffset?: number;
  onProgress?: ProgressCallback;
}

/** Below this many steps the last steps lower their order, as in DPM-Solver's `lower_order_final`. */
const LOWER_ORDER_FINAL_BELOW = 10;

/** Where the φ functions switch to their Taylor series (φ3 = φ2/h − ½ loses ~|log10 h| digits by cancellation). */
const SERIES_BELOW = 0.05;

/**
 * φ1 = e^{−h} − 1, φ2 = φ1/h + 1, φ3 = φ2/h − ½ (DPM-Solver++'s coefficients, with the sign of its code): the
 * series φ2 = −Σ_{k≥1} (−h)^k/(k+1)! = h/2 − h²/6 + …, φ3 = Σ_{k≥1} (−h)^k/(k+2)! = −h/6 + … where the direct
 * forms cancel.
 */
export function phiFunctions(h: number): { phi1: number; phi2: number; phi3: number } {
  const phi1 = Math.expm1(-h);
  if (Math.abs(h) >= SERIES_BELOW) {
    const phi2 = phi1 / h + 1;
    return { phi1, phi2, phi3: phi2 / h - 0.5 };
  }
  let phi2 = 0;
  let phi3 = 0;
  let power = 1; // (−h)^k
  let factorial = 2; // (k + 1)!
  for (let k = 1; k <= 10; k++) {
    power *= -h;
    phi2 -= power / factorial;
    factorial *= k + 2;
    phi3 += power / factorial;
  }
  return { phi1, phi2, phi3 };
}

/**
 * Times from T to ε (steps + 1 points, both ends exact) uniform in log λ = log(α/σ); null when λ(T) = 0 or
 * the times would not decrease strictly (λ changing faster than t can resolve near T).
 */
export function lambdaGrid(snr: SignalToNoise, steps: number): Float64Array | null {
  const a = Math.log(snr.lambda(snr.T));
  const b = Math.log(snr.lambda(snr.epsilon));
  if (!Number.isFinite(a)) return null;
  const grid = Float64Array.from({ length: steps + 1 }, (_, i) => snr.time(Math.exp(a + ((b - a) * i) / steps)));
  grid[0] = snr.T;
  grid[steps] = snr.epsilon;
  // Where α_T is at rounding level (cosine at T = 1) the first λ's map to times that t cannot resolve
  for (let i = 0; i < steps; i++) if (!(grid[i + 1]! < grid[i]!)) return null;
  return grid;
}

/**
 * The order of step i (1-based) of `steps`: 1 first, growing by one per step as evaluations accumulate, lowered
 * at the end of short runs, and never reaching past a step of infinite length (λ(T) = −∞).
 */
function stepOrder(order: number, i: number, steps: number, usable: number): number {
  let k = Math.min(order, i, usable + 1);
  if (steps < LOWER_ORDER_FINAL_BELOW) k = Math.min(k, steps + 1 - i);
  return k;
}

/**
 * Integrate rows 0..n−1 of x (in place) along `grid` (t, from T to ε) with DPM-Solver++(order)M, order 2 or 3:
 * one evaluation of x̂ per step, steps = grid.length − 1 evaluations in all.
 */
export function solveDpmpp(
  problem: SemilinearProblem,
  order: 2 | 3,
  grid: Float64Array,
  x: Float64Array,
  n: number,
  options: MultistepOptions = {},
): SolveResult {
  const d = problem.dim;
  const size = n * d;
  const steps = grid.length - 1;
  const schedules: ScheduleRecord[] = Array.from(grid, (t) => problem.schedule(t));
  const lambdas = schedules.map((s) => Math.log(s.alpha) - Math.log(s.sigma));
  // history[0] = x̂ at the previous grid point, history[1] and [2] before it (buffers rotate)
  const history = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const times = new Float64Array(n);
  recordGridPoint(options, 0, x, size, d);
  let usable = 0; // previous steps of finite length, whose evaluations may be differenced
  for (let i = 1; i <= steps; i++) {
    history.unshift(history.pop()!);
    const current = history[0]!;
    times.fill(grid[i - 1]!);
    problem.posteriorMean(times, x, n, current);
    const previous = schedules[i - 1]!;
    const next = schedules[i]!;
    const h = lambdas[i]! - lambdas[i - 1]!;
    // a step of zero or infinite length in λ (times t cannot resolve, λ(T) = −∞) is taken at first order
    const regular = h > 0 && Number.isFinite(h);
    const k = regular ? stepOrder(order, i, steps, usable) : 1;
    const { phi1, phi2, phi3 } = phiFunctions(h);
    const ratio = next.sigma / previous.sigma;
    const a = next.alpha;
    if (k === 1) {
      for (let j = 0; j < size; j++) x[j] = ratio * x[j]! - a * phi1 * current[j]!;
    } else if (k === 2) {
      const r = (lambdas[i - 1]! - lambdas[i - 2]!) / h;
      const c = 1 / (2 * r);
      const last = history[1]!;
      for (let j = 0; j < size; j++) x[j] = ratio * x[j]! - a * phi1 * ((1 + c) * current[j]! - c * last[j]!);
    } else {
      const r0 = (lambdas[i - 1]! - lambdas[i - 2]!) / h;
      const r1 = (lambdas[i - 2]! - lambdas[i - 3]!) / h;
      const [, m1, m2] = history as [Float64Array, Float64Array, Float64Array];
      for (let j = 0; j < size; j++) {
        const d10 = (current[j]! - m1[j]!) / r0;
        const d11 = (m1[j]! - m2[j]!) / r1;
        const first = d10 + (r0 / (r0 + r1)) * (d10 - d11);
        const second = (d10 - d11) / (r0 + r1);
        x[j] = ratio * x[j]! - a * phi1 * current[j]! + a * phi2 * first - a * phi3 * second;
      }
    }
    usable = regular ? usable + 1 : 0;
    const bad = firstNonFinite(x, size);
    if (bad >= 0) {
      return {
        stats: { nfe: i * n, steps: i * n, rejected: 0 },
        failure: {
          row: Math.floor(bad / d),
          t: grid[i]!,
          reason: `the state became non-finite in the DPM-Solver++ step from t = ${grid[i - 1]} to t = ${grid[i]}`,
        },
      };
    }
    recordGridPoint(options, i, x, size, d);
    options.onProgress?.(i / steps);
  }
  return { stats: { nfe: steps * n, steps: steps * n, rejected: 0 } };
}

/** Index of the first non-finite value of y[0..size), or −1. */
export function firstNonFinite(y: Float64Array, size: number): number {
  for (let j = 0; j < size; j++) if (!Number.isFinite(y[j])) return j;
  return -1;
}

/** Keep rows 0..n−1 (flat `size` values of dimension d) as grid point k of the recording. */
export function recordGridPoint(options: MultistepOptions, k: number, y: Float64Array, size: number, d: number): void {
  const rec = options.record;
  if (!rec) return;
  rec.states.set(y.subarray(0, size), (k * rec.rows + (options.recordOffset ?? 0)) * d);
}
