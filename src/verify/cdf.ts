// Admissibility of the radial CDF ψ_t(r) = P(|x_t − centre| ≤ r) (docs/mathematics.md §2), for every family (paths: F(r/σ)):
// cdf-bounds (ψ_t(0) = 0, 0 ≤ ψ ≤ 1, ψ_t(∞) = 1), monotone (ψ non-decreasing in r) and concentration
// (the kernel tends to δ(x − x0) as t → 0+: ψ_t(r) → 1 for r > 0; for paths α_0 = 1 and σ_0 = 0).
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import { logUniform, medianRadius, propertySeed, round, unit, type VerifyContext } from './context.js';
import { isWorse, runProperty, type Evaluation } from './runner.js';
import type { PropertyResult } from './types.js';

export const CDF_TOLERANCE = 1e-6;
/** Decreases of ψ smaller than this are rounding (quadrature-defined ψ is good to ~1e-12). */
export const MONOTONE_TOLERANCE = 1e-10;
export const CONCENTRATION_TOLERANCE = 1e-3;
/** ψ_t(∞) is read at this multiple of the median radius (tails heavier than r^{-1/2} are reported). */
const FAR = 1e12;

export function checkCdfBounds(ctx: VerifyContext): PropertyResult {
  const { design } = ctx;
  return runProperty({
    name: 'cdf-bounds',
    measure: 'max(|ψ_t(0)|, ψ below 0 or above 1, |1 − ψ_t(10¹² × median radius)|)',
    tolerance: CDF_TOLERANCE,
    arbitrary: fc.record({ t: logUniform(design.epsilon, design.T) }),
    runs: Math.max(4, Math.ceil(ctx.runs / 4)),
    seed: propertySeed(ctx.seed, 'cdf-bounds'),
    shrinkBudget: 40,
    evaluate: ({ t }) => cdfBoundsAt(design, t),
  });
}

function cdfBoundsAt(design: Design, t: number): Evaluation {
  const psi = (r: number): number => design.kernel.radialCdf(t, r);
  const s = medianRadius(design, t);
  let worst: Evaluation = { residual: 0, at: { t: round(t) } };
  const consider = (residual: number, at: Record<string, unknown>): void => {
    if (isWorse(residual, worst.residual)) worst = { residual, at: { t: round(t), ...at } };
  };
  // ψ_t(0), or its limit when the expression is 0/0 at r = 0
  const atZero = Number.isFinite(psi(0)) ? psi(0) : psi(s * 1e-12);
  consider(Math.abs(atZero), { check: 'ψ_t(0) = 0', psi: atZero });
  for (let k = -40; k <= 48; k++) {
    const r = s * Math.pow(10, k / 4);
    const value = psi(r);
    consider(Number.isNaN(value) ? NaN : Math.max(0, -value, value - 1), {
      check: '0 ≤ ψ_t(r) ≤ 1',
      r: round(r),
      psi: value,
    });
  }
  const far = psi(s * FAR);
  consider(Math.abs(1 - far), { check: 'ψ_t(r) → 1 as r → ∞', r: round(s * FAR), psi: far });
  return worst;
}

export function checkMonotone(ctx: VerifyContext): PropertyResult {
  const { design } = ctx;
  return runProperty({
    name: 'monotone',
    measure: 'largest decrease ψ_t(r1) − ψ_t(r2) with r1 < r2 (grid of 16 points per decade, and random pairs)',
    tolerance: MONOTONE_TOLERANCE,
    arbitrary: fc.record({ t: logUniform(design.epsilon, design.T), a: unit(), b: unit() }),
    runs: Math.max(4, Math.ceil(ctx.runs / 4)),
    seed: propertySeed(ctx.seed, 'monotone'),
    shrinkBudget: 40,
    evaluate: ({ t, a, b }) => monotoneAt(design, t, a, b),
  });
}

function monotoneAt(design: Design, t: number, a: number, b: number): Evaluation {
  const psi = (r: number): number => design.kernel.radialCdf(t, r);
  const s = medianRadius(design, t);
  const radii: number[] = [];
  for (let k = -96; k <= 96; k++) radii.push(s * Math.pow(10, k / 16));
  // a random pair: r1 within 10^±6 of the median, r2 up to twice r1
  const r1 = s * Math.pow(10, 12 * a - 6);
  let worst: Evaluation = { residual: 0, at: { t: round(t) } };
  const pairs: [number, number][] = radii.slice(1).map((r, i) => [radii[i]!, r]);
  pairs.push([r1, r1 * (1 + b)]);
  for (const [lo, hi] of pairs) {
    if (!(hi > lo)) continue;
    const drop = psi(lo) - psi(hi);
    if (isWorse(drop, worst.residual))
      worst = { residual: drop, at: { t: round(t), r1: round(lo), r2: round(hi), psi1: psi(lo), psi2: psi(hi) } };
  }
  return worst;
}

export function checkConcentration(ctx: VerifyContext): PropertyResult {
  const { design } = ctx;
  const base = {
    name: 'concentration' as const,
    tolerance: CONCENTRATION_TOLERANCE,
    seed: propertySeed(ctx.seed, 'concentration'),
    shrinkBudget: 40,
  };
  if (design.schedule) {
    const schedule = design.schedule;
    return runProperty({
      ...base,
      measure: 'max(|α_t − 1|, σ_t / dataRadius) as t → 0+ (t = ε·10⁻⁸, or the smallest t with finite α, σ)',
      arbitrary: fc.constant(null),
      runs: 1,
      evaluate: () => {
        const t = smallestFiniteTime(design, (s) => [schedule(s).alpha, schedule(s).sigma]);
        const { alpha, sigma } = schedule(t);
        const residual = Math.max(Math.abs(alpha - 1), Math.abs(sigma) / design.dataRadius);
        return { residual, at: { t, alpha, sigma } };
      },
    });
  }
  return runProperty({
    ...base,
    measure: '1 − ψ_t(r) as t → 0+ (t = ε·10⁻⁸), for r from 10⁻³ to 1 × dataRadius',
    arbitrary: fc.record({ r: logUniform(1e-3 * design.dataRadius, design.dataRadius) }),
    runs: Math.max(4, Math.ceil(ctx.runs / 4)),
    evaluate: ({ r }) => {
      const t = smallestFiniteTime(design, (s) => [design.kernel.radialCdf(s, r)]);
      const psi = design.kernel.radialCdf(t, r);
      return { residual: Math.abs(1 - psi), at: { t, r: round(r), psi } };
    },
  });
}

/** t = ε·10^{−k}, k = 8, 7, …, 0: the smallest at which every value is finite (the limit t → 0+ from below ε). */
function smallestFiniteTime(design: Design, values: (t: number) => number[]): number {
  for (let k = 8; k > 0; k--) {
    const t = design.epsilon * Math.pow(10, -k);
    if (values(t).every(Number.isFinite)) return t;
  }
  return design.epsilon;
}
