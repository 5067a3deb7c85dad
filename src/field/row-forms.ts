// Which form of the squared distances each row of a tile takes (d ≠ 2, Gaussian or Poisson noise), so that the
// matrix-product form (a third fewer operations) serves every row it can serve without changing what the field
// promises (docs/mathematics.md §14):
// - dots: the weights from the dot-product distances themselves, where their error bound keeps x̂ within the
//   field tolerance (Gaussian noise, fieldTol > 0; large σ, where every data point counts);
// - screen: the dot-product distances only pick the candidates (every point whose weight can survive the cutoff,
//   with the bound as margin), whose exact distances then give the weights: the exact field's bits, for less work
//   when the candidates are few (small σ);
// - exact: the difference form for every point (when screening would keep most points, it only adds work).
// The choice never changes a row's result beyond the tolerance, and screen gives exactly the exact bits; which of
// screen and exact runs is learned from the rows seen (candidates per point, per octave of σ), so only time
// depends on it.
import { dotsErrorBound } from './distances.js';

export const enum RowForm {
  Exact,
  Dots,
  Screen,
}

/** Screening pays while at most this fraction of the data are candidates (measured at d = 64: at 12% it costs 1.25× the exact form). */
const SCREEN_MAX_FRACTION = 0.05;
/** Half-octaves of σ/R tracked, either side of σ = R. */
const BINS = 80;
/** A form learned to lose is tried again every this many rows of its σ bin (the data near the rows change). */
const RETRY = 64;

export class RowForms {
  private readonly fraction = new Float64Array(2 * BINS + 1);
  private readonly skipped = new Int32Array(2 * BINS + 1);

  /**
   * @param dataNorm R ≥ max_j |x_j| (about the origin, where the dot products are formed)
   * @param dotsTol the field tolerance when the dots form may serve rows (Gaussian noise), else 0
   */
  constructor(
    private readonly dim: number,
    private readonly dataNorm: number,
    private readonly dotsTol: number,
  ) {}

  /** The bound E on a row's dots distances (dotsErrorBound), for |x| = xNorm. */
  errorBound(alpha: number, xNorm: number): number {
    return dotsErrorBound(this.dim, alpha, xNorm * (1 + 1e-12), this.dataNorm);
  }

  /**
   * The row's form. dots when its weights' relative errors (≤ E/σ², Gaussian: each log-weight −q/(2σ²) is off
   * by at most E/(2σ²), the largest one's too) bound x̂'s error by fieldTol·R/2 (2R the data's diameter).
   */
  choose(alpha: number, sigma: number, xNorm: number): RowForm {
    const s2 = sigma * sigma;
    if (this.dotsTol > 0 && this.errorBound(alpha, xNorm) <= (this.dotsTol / 4) * s2) return RowForm.Dots;
    const bin = this.bin(sigma);
    if (this.fraction[bin]! <= SCREEN_MAX_FRACTION) return RowForm.Screen;
    return ++this.skipped[bin]! % RETRY === 0 ? RowForm.Screen : RowForm.Exact;
  }

  /** What screening a row at σ kept: `candidates` of m points. */
  record(sigma: number, candidates: number, m: number): void {
    this.fraction[this.bin(sigma)] = candidates / m;
  }

  private bin(sigma: number): number {
    const b = Math.round(2 * Math.log2(sigma / this.dataNorm));
    return BINS + (Number.isFinite(b) ? Math.max(-BINS, Math.min(BINS, b)) : b > 0 ? BINS : -BINS);
  }
}
