// Continuity residuals from exact derivatives (Design.conditionalDerivatives, docs/mathematics.md "Exact
// continuity residuals"): every term is a closed form, so a correct design's sum is rounding, and the
// tolerance is an estimate of that rounding rather than of a finite difference's truncation.
import type { Design, MarginalField } from '../design/types.js';
import {
  EPS,
  ROUNDING_ULPS,
  absDot,
  continuityTerms,
  dot,
  evaluatePair,
  inputRounding,
  vectorRounding,
  type ContinuityTerms,
  type PairEvaluation,
} from './continuity-rows.js';
import type { WeightedData } from './continuity-weights.js';

/** ∂t log p + ∇·v + v·∇log p for the pair (p_t(·|x0), v_t(·|x0)) at (t, x), exact terms. */
export function exactConditional(design: Design, t: number, x: Float64Array, x0: Float64Array): ContinuityTerms {
  const pair = evaluatePair(design, t, x, x0);
  const { dtLogDensity, divergence, velocity, score } = pair.at;
  const magnitude = Math.abs(dtLogDensity) + Math.abs(divergence) + absDot(velocity, score);
  return continuityTerms(
    dtLogDensity,
    divergence,
    dot(velocity, score),
    magnitude,
    ROUNDING_ULPS * pairRounding(pair, magnitude),
  );
}

/** Rounding of dt + div + v·s of one pair: ε per summand, and what each term inherits from its inputs. */
function pairRounding(pair: PairEvaluation, magnitude: number): number {
  const { velocity, score } = pair.at;
  return (
    EPS * magnitude +
    inputRounding(pair, (p) => p.dtLogDensity) +
    inputRounding(pair, (p) => p.divergence) +
    vectorRounding(pair, (p) => p.velocity, score) +
    vectorRounding(pair, (p) => p.score, velocity)
  );
}

/**
 * The marginal's ∂t log p + ∇·f + f·∇log p with the design's field f: w_i = softmax log p_i, s̄ = Σ w_i s_i,
 * ∂t log p = Σ w_i ∂t log p_i, ∇·(Σ w_i v_i) = Σ w_i [∇·v_i + v_i·(s_i − s̄)], and f·s̄ with f the field's own
 * velocity. Algebraically the sum is Σ w_i (conditional residual_i) + (f − Σ w_i v_i)·s̄: it sees each pair
 * where the others' weights put it, and a field that is not Σ w_i v_i along s̄ (across s̄ the caller's
 * comparison of f with Σ w_i v_i does).
 */
export function exactMarginal(data: WeightedData, field: MarginalField, t: number, x: Float64Array): ContinuityTerms {
  const sBar = data.score;
  let dtLogDensity = 0,
    divergence = 0,
    magnitude = 0,
    rounding = 0;
  data.pairs.forEach((pair, i) => {
    if (!pair) return;
    const w = data.weights[i]!,
      { velocity: v, score: s } = pair.at;
    const spread = dot(v, s) - dot(v, sBar);
    dtLogDensity += w * pair.at.dtLogDensity;
    divergence += w * (pair.at.divergence + spread);
    const own = Math.abs(pair.at.dtLogDensity) + Math.abs(pair.at.divergence) + absDot(v, s);
    magnitude += w * (own + absDot(v, sBar));
    rounding += w * (pairRounding(pair, own) + EPS * absDot(v, sBar) + vectorRounding(pair, (p) => p.velocity, sBar));
  });
  const f = field.velocity(t, x);
  magnitude += absDot(f, sBar);
  rounding += EPS * absDot(f, sBar);
  // the field's own rounding (its weights included) reaches the sum through f·s̄
  const fieldPart = data.velocityError * maxAbs(sBar);
  return continuityTerms(dtLogDensity, divergence, dot(f, sBar), magnitude, ROUNDING_ULPS * rounding + fieldPart);
}

function maxAbs(a: ArrayLike<number>): number {
  let top = 0;
  for (let j = 0; j < a.length; j++) top = Math.max(top, Math.abs(a[j]!));
  return top;
}
