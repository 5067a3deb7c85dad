// A stiff integrator for one system: the Rosenbrock–W method ROS34PW2 (Rang & Angermann, J. Comput. Appl.
// Math. 2005; order 3, embedded order 2, L-stable), linearly implicit with a finite-difference Jacobian.
// Why: carried forward from ε to T, a point between data points is drawn onto the boundary between their
// kernels (the forward flow contracts there at a rate ~ Var_w/σ², which is where log p changes most), and an
// explicit method's step is bounded by that rate, not by accuracy. A W-method keeps its order with any
// approximation of the Jacobian, so finite differences cost stability nothing and accuracy nothing.
// Time is made a state (autonomous form), so the method needs no ∂f/∂t of its own.

const GAMMA = 4.35866521508459e-1;
/** Stage coefficients α_ij (in the state) and γ_ij (in J times the stages), strictly lower triangular. */
const A = [[], [8.7173304301691801e-1], [8.4457060015369423e-1, -1.1299064236484185e-1], [0, 0, 1]];
const G = [
  [],
  [-8.7173304301691801e-1],
  [-9.0338057013044082e-1, 5.4180672388095326e-2],
  [2.4212380706095346e-1, -1.2232505839045147, 5.4526025533510214e-1],
];
const B = [2.4212380706095346e-1, -1.2232505839045147, 1.545260255335102, 4.35866521508459e-1];
const B_EMBEDDED = [3.7810903145819369e-1, -9.6042292212423178e-2, 0.5, 2.179332607542295e-1];
const STAGES = 4;

export interface StiffOptions {
  rtol: number;
  atol: number;
  maxSteps?: number;
  /** Trailing state components the field does not depend on (accumulated integrals): no Jacobian column. */
  passive?: number;
}

export interface StiffResult {
  nfe: number;
  steps: number;
  rejected: number;
  failure?: { t: number; reason: string };
}

/** dz/dt = f(t, z) for one system, out = f(t, z). */
export type SystemField = (t: number, z: Float64Array, out: Float64Array) => void;

/** Integrate z (in place) from t0 to t1 (either direction). Error: RMS of the embedded difference over atol + rtol|z|. */
export function solveRosenbrock(
  f: SystemField,
  z: Float64Array,
  t0: number,
  t1: number,
  options: StiffOptions,
): StiffResult {
  const n = z.length;
  const active = n - (options.passive ?? 0);
  const size = n + 1; // with time as a state
  const maxSteps = options.maxSteps ?? 100_000;
  const dir = t1 >= t0 ? 1 : -1;
  const jac = new Float64Array(size * size);
  const matrix = new Float64Array(size * size);
  const pivots = new Int32Array(size);
  const K = Array.from({ length: STAGES }, () => new Float64Array(size));
  const stage = new Float64Array(size);
  const rhs = new Float64Array(size);
  const f0 = new Float64Array(n);
  const fs = new Float64Array(n);
  const zNew = new Float64Array(n);
  let t = t0;
  let h = initialStep(f, z, t0, t1, options, f0);
  let nfe = 1;
  let steps = 0;
  let rejected = 0;
  let lastRejected = false;
  const evaluate = (time: number, state: Float64Array, out: Float64Array): void => {
    f(time, state.subarray(0, n), out);
    nfe++;
  };
  while ((t1 - t) * dir > 0) {
    if (steps + rejected >= maxSteps) {
      return {
        nfe,
        steps,
        rejected,
        failure: { t, reason: `more than ${maxSteps} steps were needed (loosen rtol/atol or raise maxSteps)` },
      };
    }
    if ((t + h - t1) * dir > 0) h = t1 - t;
    // J of the autonomous system [f(τ, z), 1] at (t, z), by forward differences (f0 = f(t, z))
    jacobian(evaluate, t, z, f0, active, size, jac, stage, fs);
    for (let i = 0; i < size * size; i++) matrix[i] = -h * GAMMA * jac[i]!;
    for (let i = 0; i < size; i++) matrix[i * size + i]! += 1;
    if (!luDecompose(matrix, size, pivots))
      return { nfe, steps, rejected, failure: { t, reason: 'the linear system of a Rosenbrock stage is singular' } };
    for (let s = 0; s < STAGES; s++) {
      // stage state z + Σ α_sj k_j (time last), and the right side h f(stage) + h J Σ γ_sj k_j
      for (let i = 0; i < size; i++) {
        let acc = i < n ? z[i]! : t;
        for (let j = 0; j < s; j++) acc += A[s]![j]! * K[j]![i]!;
        stage[i] = acc;
      }
      if (s === 0) fs.set(f0);
      else evaluate(stage[n]!, stage, fs);
      for (let i = 0; i < size; i++) {
        let coupled = 0;
        for (let j = 0; j < s; j++) {
          let jk = 0;
          for (let c = 0; c < size; c++) jk += jac[i * size + c]! * K[j]![c]!;
          coupled += G[s]![j]! * jk;
        }
        rhs[i] = h * ((i < n ? fs[i]! : 1) + coupled);
      }
      luSolve(matrix, size, pivots, rhs);
      K[s]!.set(rhs);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let high = 0;
      let low = 0;
      for (let s = 0; s < STAGES; s++) {
        high += B[s]! * K[s]![i]!;
        low += B_EMBEDDED[s]! * K[s]![i]!;
      }
      zNew[i] = z[i]! + high;
      const scale = options.atol + options.rtol * Math.max(Math.abs(z[i]!), Math.abs(zNew[i]!));
      sum += ((high - low) / scale) ** 2;
    }
    const norm = Math.sqrt(sum / n);
    if (norm < 1) {
      t = (t + h - t1) * dir >= 0 ? t1 : t + h;
      z.set(zNew);
      steps++;
      const grow = norm === 0 ? 5 : Math.min(5, 0.9 * norm ** (-1 / 3));
      h *= lastRejected ? Math.min(1, grow) : grow;
      lastRejected = false;
      if ((t1 - t) * dir > 0) evaluate(t, z, f0);
    } else {
      rejected++;
      lastRejected = true;
      h *= Number.isFinite(norm) ? Math.max(0.2, 0.9 * norm ** (-1 / 3)) : 0.2;
      if (Math.abs(h) < 10 * Math.max(Math.abs(t) * Number.EPSILON, Number.MIN_VALUE)) {
        const reason = Number.isFinite(norm)
          ? `the step size fell below the spacing of floating-point numbers at t = ${t}`
          : `the state became non-finite near t = ${t}`;
        return { nfe, steps, rejected, failure: { t, reason } };
      }
    }
  }
  return { nfe, steps, rejected };
}

/** A first step from |z|/|f| (Hairer–Wanner's first guess), f0 = f(t0, z) filled in. */
function initialStep(
  f: SystemField,
  z: Float64Array,
  t0: number,
  t1: number,
  options: StiffOptions,
  f0: Float64Array,
): number {
  f(t0, z, f0);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < z.length; i++) {
    const scale = options.atol + options.rtol * Math.abs(z[i]!);
    s0 += (z[i]! / scale) ** 2;
    s1 += (f0[i]! / scale) ** 2;
  }
  const d0 = Math.sqrt(s0 / z.length);
  const d1 = Math.sqrt(s1 / z.length);
  const span = Math.abs(t1 - t0);
  const h = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 * span : Math.min(span, (0.01 * d0) / d1);
  return (t1 >= t0 ? 1 : -1) * (h > 0 && Number.isFinite(h) ? h : 1e-6 * span);
}

/**
 * jac (size × size, row-major) of F(z, τ) = [f(τ, z), 1]: columns of the first `active` components and of time
 * by forward differences with steps √ε·max(|v|, 1); the passive columns and the time row are 0.
 */
function jacobian(
  evaluate: (t: number, state: Float64Array, out: Float64Array) => void,
  t: number,
  z: Float64Array,
  f0: Float64Array,
  active: number,
  size: number,
  jac: Float64Array,
  work: Float64Array,
  out: Float64Array,
): void {
  const n = size - 1;
  jac.fill(0);
  const columns = [...Array.from({ length: active }, (_, c) => c), n];
  for (const c of columns) {
    work.set(z);
    work[n] = t;
    const base = c === n ? t : z[c]!;
    const step = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(base), 1);
    work[c] = base + step;
    const delta = work[c]! - base; // the step as represented
    evaluate(work[n]!, work, out);
    for (let i = 0; i < n; i++) jac[i * size + c] = (out[i]! - f0[i]!) / delta;
  }
}

/** In-place LU with partial pivoting; false when singular. */
function luDecompose(a: Float64Array, n: number, pivots: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
    pivots[k] = p;
    if (a[p * n + k] === 0 || !Number.isFinite(a[p * n + k]!)) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const tmp = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = tmp;
      }
    }
    const inv = 1 / a[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const factor = (a[i * n + k]! *= inv);
      if (factor !== 0) for (let j = k + 1; j < n; j++) a[i * n + j]! -= factor * a[k * n + j]!;
    }
  }
  return true;
}

function luSolve(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array): void {
  // whole rows were swapped during the factorization (P A = L U): permute b first, then substitute
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    if (p !== k) {
      const tmp = b[k]!;
      b[k] = b[p]!;
      b[p] = tmp;
    }
  }
  for (let k = 0; k < n; k++) for (let i = k + 1; i < n; i++) b[i]! -= lu[i * n + k]! * b[k]!;
  for (let i = n - 1; i >= 0; i--) {
    let acc = b[i]!;
    for (let j = i + 1; j < n; j++) acc -= lu[i * n + j]! * b[j]!;
    b[i] = acc / lu[i * n + i]!;
  }
}
