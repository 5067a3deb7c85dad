// The instantaneous change of variables in λ = α/σ (docs/mathematics.md §11): the augmented state [y, ℓ̃] with
// y = x/σ, dy/dλ = x̂(t, σ y) and dℓ̃/dλ = σ ∇·x̂, so that ∫∇·f dt = d·Δlog σ + Δℓ̃ along the flow (the linear
// part's share in closed form). One term for the likelihood (ε → T) and the sampler's log-density (T → ε).
import type { ScheduleRecord, SignalToNoise } from './semilinear.js';
import type { OdeTerm } from './types.js';

/** A field's data prediction with its divergence, rows of dim + 1 values: out = [x̂, ∇·x̂] at (t[i], x[i]). */
export interface AugmentedPrediction {
  readonly dim: number;
  predictionAugmented(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
}

/** [y, ℓ̃] with y = x/σ: dy/dλ = x̂(t, σ y), dℓ̃/dλ = σ ∇·x̂ (∫ c ∇·x̂ dt with dλ/dt = c/σ). */
export class AugmentedPredictionTerm implements OdeTerm {
  readonly dim: number;
  private t = new Float64Array(1);
  private x = new Float64Array(0);
  private sigma = new Float64Array(1);

  constructor(
    private readonly field: AugmentedPrediction,
    private readonly schedule: (t: number) => ScheduleRecord,
    private readonly snr: SignalToNoise,
  ) {
    this.dim = field.dim + 1;
  }

  evaluate(lambda: Float64Array, z: Float64Array, n: number, out: Float64Array): void {
    const stride = this.dim;
    if (this.t.length < n) {
      this.t = new Float64Array(n);
      this.sigma = new Float64Array(n);
    }
    if (this.x.length < n * stride) this.x = new Float64Array(n * stride);
    const { t, x, sigma } = this;
    for (let i = 0; i < n; i++) {
      const ti = this.snr.time(lambda[i]!);
      const s = this.schedule(ti).sigma;
      t[i] = ti;
      sigma[i] = s;
      for (let k = i * stride; k < (i + 1) * stride - 1; k++) x[k] = s * z[k]!;
    }
    this.field.predictionAugmented(t, x, n, out);
    for (let i = 0; i < n; i++) out[(i + 1) * stride - 1] = sigma[i]! * out[(i + 1) * stride - 1]!;
  }
}

/** ∫_{t0}^{t1} d σ̇/σ dt = d (log σ(t1) − log σ(t0)): the linear part's share of ∫∇·f in the λ variables. */
export function linearDivergenceIntegral(schedule: (t: number) => ScheduleRecord, d: number, t0: number, t1: number) {
  return d * (Math.log(schedule(t1).sigma) - Math.log(schedule(t0).sigma));
}
