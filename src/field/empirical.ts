// The exact marginal field of an empirical data set, f_t(x) = Σ_i w_i v_t(x|x_i) (docs/mathematics.md §1), batched.
// Hot loops only: distances blocked over data, log-sum-exp weights, negligible weights never exponentiated.
// It must not know about spec files or symbolic code; it sees a design only through its FieldKernel.
import { OdeforgeError } from '../errors.js';
import { expNeg } from '../numeric/expneg.js';
import { exactSlot, planeDistances, TileDistances } from './distances.js';
import { PrunedPathSum, type PruneStats } from './prune.js';
import { RowForm, RowForms } from './row-forms.js';
import { SimdMemory } from './simd.js';
import type { BatchField, EmpiricalData, FieldKernel } from './types.js';

/**
 * How far below a row's largest log-weight a weight is skipped: m weights each below e^{−cut} relative
 * to the largest add up to less than 2^{−53} (53 ln 2 = 36.74 < 37), so skipping them cannot change the
 * float64 result; never less than 40.
 */
export function logWeightCutoff(m: number): number {
  return Math.max(40, 37 + Math.log(m));
}

const enum Kind {
  GaussianPath,
  PoissonPath,
  GeneralPath,
  Radial,
}

/**
 * Direct (non-log) radial weights are used when the row's largest is within these bounds: every weight
 * that survives the cutoff (≥ max·e^{−cut}, cut < 100) is then a normal double, and m of them sum finitely.
 */
const DIRECT_MIN = 1e-250;
const DIRECT_MAX = 1e250;

/** Non-increasing radial kernels: bisection steps for the cutoff radius, and the data size from which it pays. */
const CUTOFF_BISECTIONS = 12;
const CUTOFF_MIN_DATA = 64;

type RadialKernel = Extract<FieldKernel, { kind: 'radial' }>;

/** Rows per tile: each block of data serves the tile's rows from cache (distances.ts). */
const TILE_ROWS = 8;

/**
 * From this fraction of surviving data points a row's Σ w_j x_j takes the dense kernel (all points, four rows at
 * once: about twice the survivors' kernel's speed per point at d = 64) instead of the survivors' kernel.
 */
const DENSE_FRACTION = 0.25;

/** A row's result in formedTileRows: Σ w_j x_j at acc[ao..ao + d), sum = Σ w_j. */
type RowDone = (r: number, base: number, sum: number, acc: Float64Array, ao: number) => void;

/** Below this many data points the exact loops beat the tree at every σ (fieldTol is then ignored). */
export const PRUNE_MIN_DATA = 4096;

/** The sampler's default field tolerance: far below any ODE tolerance, yet it lets the tree skip and expand. */
export const DEFAULT_FIELD_TOL = 1e-12;

/** Validate and wrap a flat m × dim array as empirical data. */
export function empiricalData(values: Float64Array, dim: number, file?: string): EmpiricalData {
  if (!Number.isInteger(dim) || dim < 1) throw new OdeforgeError(`dimension must be a positive integer, got ${dim}`);
  if (values.length === 0) throw new OdeforgeError('the data set is empty', { file }, 'give at least one data point');
  if (values.length % dim !== 0) {
    throw new OdeforgeError(`data has ${values.length} numbers, not a multiple of the dimension ${dim}`, { file });
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new OdeforgeError(
        `data point ${Math.floor(i / dim) + 1}, coordinate ${(i % dim) + 1} is ${values[i]}`,
        { file },
        'remove or fix non-finite values',
      );
    }
  }
  return { data: values, rows: values.length / dim, dim };
}

/**
 * Marginal velocity and score of empirical data under a design's FieldKernel.
 * - path kernels: f = (σ̇/σ)(x − α x̂) + α̇ x̂, x̂ = Σ w_i x_i, w_i ∝ q(|x − α x_i|²/σ²)  (docs/mathematics.md §5);
 * - radial kernels: f = Σ w_i k_t(r_i)(x − x_i), w_i ∝ φ_t(r_i)  (docs/mathematics.md §2).
 * Not safe to call concurrently on one instance (it owns scratch buffers); one instance per thread.
 */
export class EmpiricalField implements BatchField {
  readonly dim: number;
  private readonly kind: Kind;
  private readonly data: Float64Array;
  private readonly m: number;
  private readonly cut: number;
  /** Poisson noise: log q = −c log1p(ρ²), c = (d + D)/2. */
  private readonly poissonPower: number;
  /** 2c when it is an integer (then x^c takes a few multiplications and at most one sqrt, not a pow), else −1. */
  private readonly poissonTwoPower: number;
  /** d ≠ 2: the SIMD kernels' memory, where the tile's distances and the row's scratch below live. */
  private readonly simd: SimdMemory | null;
  /** Squared distances of a tile's rows to every data point (TILE_ROWS × m). */
  private readonly tile: TileDistances;
  private readonly dist: Float64Array;
  private readonly logw: Float64Array;
  /** Radial kernels: the row's candidate data indices and their r² (then r), compacted to the survivors. */
  private readonly candidates: Int32Array;
  private readonly radius: Float64Array;
  private readonly root: Float64Array;
  /** Whether the current row's candidates were compacted (else candidate c is data point c). */
  private compacted = false;
  private readonly survivors: Int32Array;
  private readonly weights: Float64Array;
  private readonly coefs: Float64Array;
  private readonly acc: Float64Array;
  private readonly alpha = new Float64Array(TILE_ROWS);
  private readonly sigma = new Float64Array(TILE_ROWS);
  private readonly dAlpha = new Float64Array(TILE_ROWS);
  private readonly dSigma = new Float64Array(TILE_ROWS);
  /** Centre and radius of the data (for a bound on |x − α x_j|² over all j before computing any). */
  private readonly centre: Float64Array;
  private readonly dataRadius: number;
  private cachedT = Number.NaN;
  private cachedSchedule = { alpha: 1, sigma: 1, dAlpha: 0, dSigma: 0 };
  /** Gaussian or Poisson noise with fieldTol > 0: the tree that bounds the error of x̂ (prune.ts), built on first use. */
  private readonly fieldTol: number;
  private prunedSum: PrunedPathSum | null = null;
  /** Tile rows the tree handed back to the exact loops. */
  private readonly exactRows = new Uint8Array(TILE_ROWS);
  /** d ≠ 2, Gaussian or Poisson noise: the form of each row's distances (row-forms.ts), null for always exact. */
  private readonly forms: RowForms | null;
  /** A tile's rows by form: form[r], and the rows of each kind in tile order (slot s ↔ row which[s]). */
  private readonly form = new Uint8Array(TILE_ROWS);
  private readonly dotsWhich = new Int32Array(TILE_ROWS);
  private readonly exactWhich = new Int32Array(TILE_ROWS);
  /** A group's rows whose Σ w_j x_j goes to the dense kernel: their dist slots, tile rows and Σ w_j. */
  private readonly denseSlots = new Int32Array(TILE_ROWS);
  private readonly denseRows = new Int32Array(TILE_ROWS);
  private readonly rowSums = new Float64Array(TILE_ROWS);
  private readonly xhatRows: Float64Array;

  /**
   * `simd: false` keeps every loop in JS (the same bits; for tests and comparisons). `fieldTol` > 0 (Gaussian or Poisson
   * noise, d = 2, at least PRUNE_MIN_DATA points): x̂ within fieldTol · R of the exact one, R the data's radius about its
   * bounding box centre (docs/mathematics.md §13); 0 (the default) is the exact sum. In d ≠ 2 (Gaussian or Poisson
   * noise) distances take the dot-product form where it is as good (row-forms.ts); `dotProducts: false` keeps
   * the difference form everywhere (for comparisons).
   */
  constructor(
    private readonly kernel: FieldKernel,
    data: EmpiricalData,
    options: { simd?: boolean; fieldTol?: number; dotProducts?: boolean } = {},
  ) {
    const fieldTol = options.fieldTol ?? 0;
    if (!(fieldTol >= 0 && fieldTol < 1)) {
      throw new OdeforgeError(
        `the field tolerance must be in [0, 1), got ${fieldTol}`,
        {},
        'try 1e-12, or 0 for exact',
      );
    }
    this.fieldTol = fieldTol;
    this.xhatRows = new Float64Array(TILE_ROWS * data.dim);
    this.dim = data.dim;
    this.data = data.data;
    this.m = data.rows;
    this.cut = logWeightCutoff(this.m);
    this.kind = kindOf(kernel);
    this.poissonPower =
      kernel.kind === 'path' && kernel.noise.kind === 'poisson' ? (this.dim + kernel.noise.augment) / 2 : 0;
    this.poissonTwoPower =
      Number.isInteger(2 * this.poissonPower) && this.poissonPower < 512 ? 2 * this.poissonPower : -1;
    const simd =
      this.dim !== 2 && options.simd !== false
        ? SimdMemory.create(this.data, this.m, this.dim, TILE_ROWS, data.points)
        : null;
    this.simd = simd;
    this.tile = new TileDistances(this.data, this.m, this.dim, TILE_ROWS, simd);
    this.dist = this.tile.dist;
    this.logw = new Float64Array(this.m);
    this.candidates = new Int32Array(this.m);
    this.radius = new Float64Array(this.m);
    this.root = new Float64Array(this.m);
    this.survivors = simd ? simd.survivors : new Int32Array(this.m);
    this.weights = simd ? simd.weights : new Float64Array(this.m);
    this.coefs = simd ? simd.coefs : new Float64Array(this.m);
    this.acc = simd ? simd.acc : new Float64Array(this.dim);
    this.centre = new Float64Array(this.dim);
    for (let j = 0; j < this.m; j++)
      for (let k = 0; k < this.dim; k++) this.centre[k] = this.centre[k]! + this.data[j * this.dim + k]! / this.m;
    let r2 = 0;
    for (let j = 0; j < this.m; j++) {
      let q = 0;
      for (let k = 0; k < this.dim; k++) q += (this.data[j * this.dim + k]! - this.centre[k]!) ** 2;
      r2 = Math.max(r2, q);
    }
    // A hair above the largest distance, so that rounding cannot make the bound below a true distance.
    this.dataRadius = Math.sqrt(r2) * (1 + 1e-12) + 1e-300;
    const formed = this.kind === Kind.GaussianPath || this.kind === Kind.PoissonPath;
    this.forms =
      this.dim !== 2 && formed && options.dotProducts !== false
        ? new RowForms(this.dim, this.largestNorm(), this.kind === Kind.GaussianPath ? fieldTol : 0)
        : null;
  }

  /** max_j |x_j| (about the origin), a hair above. */
  private largestNorm(): number {
    let q = 0;
    for (let j = 0; j < this.m; j++) {
      let s = 0;
      for (let k = 0; k < this.dim; k++) s += this.data[j * this.dim + k]! ** 2;
      q = Math.max(q, s);
    }
    return Math.sqrt(q) * (1 + 1e-12) + 1e-300;
  }

  /** The tree's work counters when it is in use (benchmarks: pairs visited per data point). */
  pruneStats(): PruneStats | null {
    return this.prunedSum ? this.prunedSum.stats : null;
  }

  /** The tree for this field's x̂, when fieldTol asks for one and it can pay off. */
  private pruned(): PrunedPathSum | null {
    // Away from the plane the exact loops' SIMD kernels beat the tree's leaves at every σ measured (d = 8, 64: the
    // k-d bounds are weak there and a leaf point costs ~4 + d/3 SIMD points), so the tree serves the plane only.
    if (this.fieldTol === 0 || this.m < PRUNE_MIN_DATA || this.dim !== 2) return null;
    if (this.kind !== Kind.GaussianPath && this.kind !== Kind.PoissonPath) return null;
    this.prunedSum ??= new PrunedPathSum(this.data, this.m, this.dim, this.fieldTol, {
      poissonPower: this.kind === Kind.PoissonPath ? this.poissonPower : undefined,
    });
    return this.prunedSum;
  }

  /**
   * x̂ of each row through the tree (rows it declines by the exact loops), handed to `finish(r, base, xhat)` with
   * the tile's schedules in place: r the tile row, base its offset in x and out, x̂ at xhat[r·d..].
   */
  private prunedPosteriorMeans(
    pruned: PrunedPathSum,
    t: Float64Array,
    x: Float64Array,
    n: number,
    finish: (r: number, base: number, xhat: Float64Array) => void,
  ): void {
    const { dim: d, acc, exactRows, xhatRows: xhat } = this;
    const plane = this.planeLoops();
    for (let row0 = 0; row0 < n; row0 += TILE_ROWS) {
      const rows = Math.min(TILE_ROWS, n - row0);
      this.tileSchedules(t, row0, rows);
      let declined = 0;
      for (let r = 0; r < rows; r++) {
        const done = pruned.posteriorMean(this.alpha[r]!, this.sigma[r]!, x, (row0 + r) * d, xhat, r * d);
        exactRows[r] = done ? 0 : 1;
        if (!done) declined++;
      }
      if (declined > 0 && !plane) this.tile.compute(x, row0, rows, this.alpha);
      for (let r = 0; r < rows; r++) {
        const base = (row0 + r) * d;
        if (exactRows[r]) {
          const inv = 1 / (plane ? this.planePosteriorSum(r, x, base) : this.posteriorSum(r));
          for (let k = 0; k < d; k++) xhat[r * d + k] = acc[k]! * inv;
        }
        finish(r, base, xhat);
      }
    }
  }

  velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    const pruned = this.pruned();
    if (pruned) {
      // f = (σ̇/σ)(x − α x̂) + α̇ x̂, with x̂ in out.
      this.prunedPosteriorMeans(pruned, t, x, n, (r, base, xhat) => {
        const a = this.alpha[r]!;
        const rate = this.dSigma[r]! / this.sigma[r]!;
        const da = this.dAlpha[r]!;
        const h = r * this.dim;
        for (let k = 0; k < this.dim; k++) out[base + k] = rate * (x[base + k]! - a * xhat[h + k]!) + da * xhat[h + k]!;
      });
      return;
    }
    if (this.kind === Kind.Radial) {
      this.radialRows(t, x, n, (ti, base, count) => this.radialVelocity(ti, x, base, count, out));
      return;
    }
    if (this.forms) {
      this.formedTileRows(t, x, n, (r, base, sum, acc, ao) => this.finishPathVelocity(r, x, base, sum, out, acc, ao));
      return;
    }
    const plane = this.planeLoops();
    this.forEachTileRow(t, x, n, !plane, (r, base) => {
      this.finishPathVelocity(r, x, base, plane ? this.planePosteriorSum(r, x, base) : this.posteriorSum(r), out);
    });
  }

  /**
   * Path rows in d ≠ 2 in tiles, each row's distances in the form row-forms.ts chooses (its dots and screen rows
   * in the dots form, its exact rows in the exact one, in one pass over the data); `row` gets each row with its
   * Σ w_j x_j (in acc from ao) and sum = Σ w_j, rows in any order (each row's result is its own).
   */
  private formedTileRows(t: Float64Array, x: Float64Array, n: number, row: RowDone): void {
    const { dim: d, form, dotsWhich, exactWhich } = this;
    const forms = this.forms!;
    for (let row0 = 0; row0 < n; row0 += TILE_ROWS) {
      const rows = Math.min(TILE_ROWS, n - row0);
      this.tileSchedules(t, row0, rows);
      let dots = 0;
      let exact = 0;
      for (let r = 0; r < rows; r++) {
        form[r] = forms.choose(this.alpha[r]!, this.sigma[r]!, rowNorm(x, (row0 + r) * d, d));
        if (form[r] === RowForm.Exact) exactWhich[exact++] = r;
        else dotsWhich[dots++] = r;
      }
      this.tile.computeTile(x, row0, this.alpha, dotsWhich, dots, exactWhich, exact);
      if (dots > 0) this.formedGroup(x, row0, dotsWhich, dots, 0, row);
      if (exact > 0) this.formedGroup(x, row0, exactWhich, exact, exactSlot(dots), row);
    }
  }

  /**
   * One form's rows of a tile (row which[i] in dist slot slot0 + i): weights, then Σ w_j x_j: by the SIMD kernel
   * over the survivors of a row where few survive, four rows at a time over all data (zero weights off the
   * survivors: the same bits) where many do.
   */
  private formedGroup(
    x: Float64Array,
    row0: number,
    which: Int32Array,
    count: number,
    slot0: number,
    row: RowDone,
  ): void {
    const { m, dim: d, simd, denseSlots, denseRows, rowSums } = this;
    let dense = 0;
    for (let i = 0; i < count; i++) {
      const r = which[i]!;
      const s = slot0 + i;
      const base = (row0 + r) * d;
      const kept = this.form[r] === RowForm.Screen ? this.screenedWeights(r, s, x, base) : this.slotWeights(r, s);
      if (simd && kept >= DENSE_FRACTION * m) {
        rowSums[r] = this.weightSum(kept);
        this.scatterWeights(s, kept);
        denseSlots[dense] = s;
        denseRows[dense++] = r;
      } else {
        row(r, base, this.weightedDataSum(kept, this.weights), this.acc, 0);
      }
    }
    const slots = [0, 0, 0, 0];
    const accs = [0, 0, 0, 0];
    const spare = TILE_ROWS;
    for (let i = 0; i < dense; i += 4) {
      const group = Math.min(4, dense - i);
      for (let q = 0; q < 4; q++) {
        slots[q] = denseSlots[q < group ? i + q : i]!;
        accs[q] = q < group ? denseRows[i + q]! : spare;
        simd!.accRows.fill(0, accs[q]! * simd!.stride, (accs[q]! + 1) * simd!.stride);
      }
      simd!.denseSums(slots, accs, m);
      for (let q = 0; q < group; q++) {
        const r = denseRows[i + q]!;
        row(r, (row0 + r) * d, rowSums[r]!, simd!.accRows, r * simd!.stride);
      }
    }
  }

  /** Dist slot s becomes the row's weights over all data: weights[c] at survivors[c], zero elsewhere. */
  private scatterWeights(slot: number, kept: number): void {
    const { dist, m, survivors, weights } = this;
    const ob = slot * m;
    dist.fill(0, ob, ob + m);
    for (let c = 0; c < kept; c++) dist[ob + survivors[c]!] = weights[c]!;
  }

  /** Gaussian or Poisson weights of tile row r from the distances in dist slot s; returns how many survive. */
  private slotWeights(r: number, slot: number): number {
    const { dist, m } = this;
    return this.kind === Kind.GaussianPath
      ? this.gaussianWeights(r, dist, slot * m, m)
      : this.poissonWeights(r, dist, slot * m, m);
  }

  /**
   * slotWeights from a slot of dots distances that only screen: every point whose weight can survive the cutoff
   * (the bound E as margin: |dots − (q − |x|²)| ≤ E) is a candidate, and the weights come from the candidates'
   * exact distances, with the same qmin, survivors and order as the exact form's: the same bits.
   */
  private screenedWeights(r: number, slot: number, x: Float64Array, base: number): number {
    const { dist, m, dim: d } = this;
    const forms = this.forms!;
    const { candidates, exact } = this.tile;
    const ob = slot * m;
    let qmin = Infinity;
    for (let j = 0; j < m; j++) if (dist[ob + j]! < qmin) qmin = dist[ob + j]!;
    const a = this.alpha[r]!;
    const s2 = this.sigma[r]! * this.sigma[r]!;
    const xx = rowNorm(x, base, d) ** 2;
    const e = forms.errorBound(a, Math.sqrt(xx));
    // q_j − q_min ≤ (what the cutoff keeps) + 2E; Poisson keeps q − q_min ≤ (σ² + q_min)(e^{cut/c} − 1)
    const keep =
      this.kind === Kind.GaussianPath
        ? this.cut * 2 * s2
        : (s2 + qmin + xx * (1 + 1e-12) + e) * Math.expm1(this.cut / this.poissonPower);
    const limit = qmin + keep + 2 * e;
    let count = 0;
    for (let j = 0; j < m; j++) if (dist[ob + j]! <= limit) candidates[count++] = j;
    forms.record(this.sigma[r]!, count, m);
    this.tile.gather(x, base, a, count);
    return this.kind === Kind.GaussianPath
      ? this.gaussianWeights(r, exact, 0, count, candidates)
      : this.poissonWeights(r, exact, 0, count, candidates);
  }

  /**
   * Rows in tiles of TILE_ROWS: each tile's schedules (and, when asked, its distances to all data, block by
   * block so that a block serves every row of the tile from cache), then `row(r, base)` for the tile's row r
   * at x[base].
   */
  private forEachTileRow(
    t: Float64Array,
    x: Float64Array,
    n: number,
    distances: boolean,
    row: (r: number, base: number) => void,
  ): void {
    const d = this.dim;
    for (let row0 = 0; row0 < n; row0 += TILE_ROWS) {
      const rows = Math.min(TILE_ROWS, n - row0);
      this.tileSchedules(t, row0, rows);
      if (distances) this.tile.compute(x, row0, rows, this.alpha);
      for (let r = 0; r < rows; r++) row(r, (row0 + r) * d);
    }
  }

  /** Gaussian or Poisson noise in d = 2 (the common case) has its own single-row loops. */
  private planeLoops(): boolean {
    return this.dim === 2 && (this.kind === Kind.GaussianPath || this.kind === Kind.PoissonPath);
  }

  /**
   * x̂ = Σ w_i x_i / Σ w_i = E[x0 | x_t = x], the data prediction of path kernels (docs/mathematics.md §5).
   * @throws Error for radial kernels (their field is not a function of x̂)
   */
  posteriorMean(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    if (this.kind === Kind.Radial) throw new Error('posteriorMean needs a path kernel');
    const pruned = this.pruned();
    if (pruned) {
      const dim = this.dim;
      this.prunedPosteriorMeans(pruned, t, x, n, (r, base, xhat) => {
        for (let k = 0; k < dim; k++) out[base + k] = xhat[r * dim + k]!;
      });
      return;
    }
    const d = this.dim;
    const mean = (base: number, sum: number, acc: Float64Array, ao: number): void => {
      const inv = 1 / sum;
      for (let k = 0; k < d; k++) out[base + k] = acc[ao + k]! * inv;
    };
    if (this.forms) {
      this.formedTileRows(t, x, n, (_, base, sum, acc, ao) => mean(base, sum, acc, ao));
      return;
    }
    const plane = this.planeLoops();
    this.forEachTileRow(t, x, n, !plane, (r, base) =>
      mean(base, plane ? this.planePosteriorSum(r, x, base) : this.posteriorSum(r), this.acc, 0),
    );
  }

  score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    const d = this.dim;
    // the Poisson score is not a function of x̂ (its per-point factors depend on the distance): exact
    const pruned = this.kind === Kind.GaussianPath ? this.pruned() : null;
    if (pruned) {
      // Gaussian noise: ∇ log p_t(x) = −(x − α x̂)/σ², with x̂ in out.
      this.prunedPosteriorMeans(pruned, t, x, n, (r, base, xhat) => {
        const a = this.alpha[r]!;
        const inv = 1 / (this.sigma[r]! * this.sigma[r]!);
        for (let k = 0; k < d; k++) out[base + k] = -(x[base + k]! - a * xhat[r * d + k]!) * inv;
      });
      return;
    }
    if (this.kind === Kind.Radial) {
      this.radialRows(t, x, n, (ti, base, count) => this.rowScore(ti, 0, x, base, count, out));
      return;
    }
    this.forEachTileRow(t, x, n, true, (r, base) => this.rowScore(t[base / d]!, r, x, base, this.pathWeights(r), out));
  }

  private tileSchedules(t: Float64Array, row0: number, rows: number): void {
    const kernel = this.kernel;
    for (let r = 0; r < rows; r++) {
      if (kernel.kind === 'radial') {
        this.alpha[r] = 1;
        continue;
      }
      const ti = t[row0 + r]!;
      if (ti !== this.cachedT) {
        this.cachedSchedule = kernel.schedule(ti);
        this.cachedT = ti;
      }
      const s = this.cachedSchedule;
      this.alpha[r] = s.alpha;
      this.sigma[r] = s.sigma;
      this.dAlpha[r] = s.dAlpha;
      this.dSigma[r] = s.dSigma;
    }
  }

  /**
   * Path kernels: fill survivors/weights with the indices and unnormalized weights w_j = e^{log w_j − max}
   * of the data points whose weight is not negligible; returns their count.
   */
  private pathWeights(r: number): number {
    switch (this.kind) {
      case Kind.GaussianPath:
        return this.gaussianWeights(r, this.dist, r * this.m, this.m);
      case Kind.PoissonPath:
        return this.poissonWeights(r, this.dist, r * this.m, this.m);
      default:
        return this.generalPathWeights(r);
    }
  }

  /**
   * log w_j = −|x − α x_j|²/(2σ²): the largest weight is the nearest point, no exp needed to find it. The
   * squared distances q are dist[o..o + count) (of data points index[i], or i without an index).
   */
  private gaussianWeights(r: number, dist: Float64Array, o: number, count: number, index?: Int32Array): number {
    const { survivors, weights } = this;
    let qmin = Infinity;
    for (let i = 0; i < count; i++) if (dist[o + i]! < qmin) qmin = dist[o + i]!;
    const s = this.sigma[r]!;
    const inv = 0.5 / (s * s);
    const limit = qmin + this.cut / inv;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const q = dist[o + i]!;
      if (q <= limit) {
        survivors[kept] = index ? index[i]! : i;
        weights[kept] = expNeg(-(q - qmin) * inv);
        kept++;
      }
    }
    return kept;
  }

  /**
   * log w_j = −c log1p(|x − α x_j|²/σ²), so w_j / w_max = ((σ² + q_min)/(σ² + q_j))^c; q as in gaussianWeights.
   */
  private poissonWeights(r: number, dist: Float64Array, o: number, count: number, index?: Int32Array): number {
    const { survivors, weights } = this;
    let qmin = Infinity;
    for (let i = 0; i < count; i++) if (dist[o + i]! < qmin) qmin = dist[o + i]!;
    const s = this.sigma[r]!;
    const s2 = s * s;
    const c = this.poissonPower;
    const top = s2 + qmin;
    const limit = top * Math.exp(this.cut / c) - s2;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const q = dist[o + i]!;
      if (q <= limit) {
        survivors[kept] = index ? index[i]! : i;
        weights[kept] = this.ratioPower(top / (s2 + q));
        kept++;
      }
    }
    return kept;
  }

  /** x^c for the Poisson power c = (d + D)/2. */
  private ratioPower(x: number): number {
    let e = this.poissonTwoPower;
    if (e < 0) return Math.pow(x, this.poissonPower);
    let result = e & 1 ? Math.sqrt(x) : 1;
    let b = x;
    for (e >>= 1; e > 0; e >>= 1) {
      if (e & 1) result *= b;
      b *= b;
    }
    return result;
  }

  /** Path kernels: acc = Σ w_j x_j over the row's surviving weights; returns Σ w_j. */
  private posteriorSum(r: number): number {
    return this.weightedDataSum(this.pathWeights(r), this.weights);
  }

  /**
   * Gaussian and Poisson noise in d = 2, the hot loop of sampling: acc = Σ w_j x_j, returns Σ w_j, for the
   * row at x[base]. The data's bounding circle tells, before any distance is computed, whether every
   * weight survives the cutoff (large t: one dense pass, weights taken relative to a lower bound of the
   * smallest distance) or not (small t: one pass that keeps the points within the cutoff of the running
   * minimum, then the weights of those only).
   */
  private planePosteriorSum(r: number, x: Float64Array, base: number): number {
    const { data, m, dist, survivors, acc, centre } = this;
    const a = this.alpha[r]!;
    const s2 = this.sigma[r]! * this.sigma[r]!;
    const x0 = x[base]!;
    const x1 = x[base + 1]!;
    const gaussian = this.kind === Kind.GaussianPath;
    const inv = 0.5 / s2;
    const c = this.poissonPower;
    const twoC = this.poissonTwoPower;
    // Cutoff on q = |x − α x_j|² given the smallest q: gaussian q ≤ qmin + cut·2σ²; Poisson
    // (σ² + q) ≤ (σ² + qmin) e^{cut/c}.
    const growth = gaussian ? 0 : Math.exp(this.cut / c);
    const limitFor = (qmin: number) => (gaussian ? qmin + this.cut / inv : (s2 + qmin) * growth - s2);
    const rho = Math.hypot(x0 - a * centre[0]!, x1 - a * centre[1]!);
    const reach = Math.abs(a) * this.dataRadius;
    const qLow = Math.max(0, rho - reach) ** 2;
    const qHigh = (rho + reach) ** 2;
    let sum = 0;
    let a0 = 0;
    let a1 = 0;
    if (qHigh <= limitFor(qLow)) {
      const top = s2 + qLow;
      for (let j = 0; j < m; j++) {
        const e0 = x0 - a * data[2 * j]!;
        const e1 = x1 - a * data[2 * j + 1]!;
        const q = e0 * e0 + e1 * e1;
        const w = gaussian
          ? expNeg(-(q - qLow) * inv)
          : twoC === 3
            ? cubeOfSqrt(top / (s2 + q))
            : this.ratioPower(top / (s2 + q));
        sum += w;
        a0 += w * data[2 * j]!;
        a1 += w * data[2 * j + 1]!;
      }
    } else {
      let qmin = Infinity;
      let limit = Infinity;
      let count = 0;
      for (let j = 0; j < m; j++) {
        const e0 = x0 - a * data[2 * j]!;
        const e1 = x1 - a * data[2 * j + 1]!;
        const q = e0 * e0 + e1 * e1;
        if (q > limit) continue;
        dist[count] = q;
        survivors[count++] = j;
        if (q < qmin) {
          qmin = q;
          limit = limitFor(q);
        }
      }
      const top = s2 + qmin;
      for (let k = 0; k < count; k++) {
        const q = dist[k]!;
        if (q > limit) continue;
        const j = survivors[k]!;
        const w = gaussian
          ? expNeg(-(q - qmin) * inv)
          : twoC === 3
            ? cubeOfSqrt(top / (s2 + q))
            : this.ratioPower(top / (s2 + q));
        sum += w;
        a0 += w * data[2 * j]!;
        a1 += w * data[2 * j + 1]!;
      }
    }
    acc[0] = a0;
    acc[1] = a1;
    return sum;
  }

  /** log w_j = logNoise(|x − α x_j|²/σ²) for any isotropic noise law. */
  private generalPathWeights(r: number): number {
    const kernel = this.kernel;
    if (kernel.kind !== 'path') throw new Error('unreachable');
    const { dist, m, logw } = this;
    const ob = r * m;
    const s = this.sigma[r]!;
    const inv = 1 / (s * s);
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      const l = kernel.logNoise(dist[ob + j]! * inv);
      logw[j] = l;
      if (l > max) max = l;
    }
    return this.survivingWeights(max, m);
  }

  /**
   * log w_j = log φ_t(r_j), r_j = |x − x_j|, over the row's candidates; survivors[], weights[] and radius[]
   * (r_j) then describe the surviving data points, for the velocity and the score.
   */
  /**
   * Radial kernels: the weights of each row, handed to `finish` with the row's time and offset. In the plane
   * each row computes its own distances; in higher d a tile of rows shares each block of data (cache).
   */
  private radialRows(
    t: Float64Array,
    x: Float64Array,
    n: number,
    finish: (t: number, base: number, count: number) => void,
  ): void {
    const d = this.dim;
    if (d <= 2) {
      for (let i = 0; i < n; i++) {
        planeDistances(this.data, this.m, d, x, i * d, this.radius);
        finish(t[i]!, i * d, this.radialWeights(t[i]!));
      }
      return;
    }
    this.forEachTileRow(t, x, n, true, (r, base) => {
      this.radius.set(this.dist.subarray(r * this.m, (r + 1) * this.m));
      finish(t[base / d]!, base, this.radialWeights(t[base / d]!));
    });
  }

  /** The row's weights from r² of every data point in radius[]; see radialCandidates and survivingWeights. */
  private radialWeights(t: number): number {
    const kernel = this.kernel as RadialKernel;
    const { radius, root, weights, logw } = this;
    const count = this.radialCandidates(t, kernel);
    const candidates = this.compacted ? this.candidates : undefined;
    if (kernel.directRow) {
      const max = kernel.directRow(t, radius, count, root, weights);
      if (max >= DIRECT_MIN && max <= DIRECT_MAX) return this.survivingDirect(max, count);
    }
    const max = kernel.logRow
      ? kernel.logRow(t, radius, count, radius, logw)
      : this.plainRadialLogWeights(kernel, t, count);
    return this.survivingWeights(max, count, candidates, radius);
  }

  /** Direct weights in weights[] and r in root[]: keep those within the cutoff of the max, compacted. */
  private survivingDirect(max: number, count: number): number {
    const { weights, root, radius, candidates, survivors } = this;
    const compacted = this.compacted;
    const limit = max * Math.exp(-this.cut);
    let kept = 0;
    for (let c = 0; c < count; c++) {
      const w = weights[c]!;
      if (w >= limit) {
        survivors[kept] = compacted ? candidates[c]! : c;
        radius[kept] = root[c]!;
        weights[kept++] = w;
      }
    }
    return kept;
  }

  /**
   * radius[c] = r² of the row's candidates, the data points that can carry weight: all of them (then
   * `compacted` is false and c is the data index), or for non-increasing kernels those within the cutoff
   * radius (candidates[c] their data indices). Returns their count.
   */
  private radialCandidates(t: number, kernel: RadialKernel): number {
    const { m, candidates, radius } = this;
    this.compacted = false;
    if (!kernel.nonIncreasing || m < CUTOFF_MIN_DATA) return m;
    let qmin = Infinity;
    let qmax = 0;
    for (let j = 0; j < m; j++) {
      const q = radius[j]!;
      if (q < qmin) qmin = q;
      if (q > qmax) qmax = q;
    }
    const limit = this.cutoffRadius2(t, qmin, qmax, kernel);
    if (!(limit < qmax)) return m;
    this.compacted = true;
    let count = 0;
    for (let j = 0; j < m; j++) {
      const q = radius[j]!;
      if (q <= limit) {
        candidates[count] = j;
        radius[count++] = q;
      }
    }
    return count;
  }

  /**
   * For φ_t non-increasing in r: a squared radius beyond which every data point's log-weight is below the
   * row's largest (at the nearest point) by more than the cutoff, found by bisection on log φ_t; +∞ when
   * none can be excluded (or log φ is not finite where it is evaluated, so that nothing is hidden).
   */
  private cutoffRadius2(t: number, qmin: number, qmax: number, kernel: RadialKernel): number {
    let lo = Math.sqrt(qmin);
    let hi = Math.sqrt(qmax);
    const top = kernel.logPhi(t, lo);
    // On a data point of a kernel singular at r = 0: the weights at r = 0 are all that count.
    if (top === Infinity) return qmin;
    const target = top - this.cut;
    if (!(kernel.logPhi(t, hi) < target)) return Infinity;
    for (let i = 0; i < CUTOFF_BISECTIONS; i++) {
      const mid = 0.5 * (lo + hi);
      if (kernel.logPhi(t, mid) < target) hi = mid;
      else lo = mid;
    }
    return hi * hi;
  }

  /** log φ_t(r) for the candidates, one compiled call per pair (kernels without a row loop). */
  private plainRadialLogWeights(kernel: RadialKernel, t: number, count: number): number {
    const { radius, logw } = this;
    let max = -Infinity;
    for (let c = 0; c < count; c++) {
      const rc = Math.sqrt(radius[c]!);
      radius[c] = rc;
      const l = kernel.logPhi(t, rc);
      logw[c] = l;
      if (l > max) max = l;
    }
    return max;
  }

  /**
   * Weights from logw[c], c < count: those within the cutoff of the max (a +∞ max, x on a singular point,
   * takes those at +∞). Survivor c's data index is index[c] (or c); radius[], when given, is compacted along.
   */
  private survivingWeights(max: number, count: number, index?: Int32Array, radius?: Float64Array): number {
    const { logw, survivors, weights } = this;
    let kept = 0;
    const keep = (c: number, w: number) => {
      survivors[kept] = index ? index[c]! : c;
      if (radius) radius[kept] = radius[c]!;
      weights[kept++] = w;
    };
    if (max === Infinity) {
      for (let c = 0; c < count; c++) if (logw[c] === Infinity) keep(c, 1);
      return kept;
    }
    const limit = max - this.cut;
    for (let c = 0; c < count; c++) {
      const l = logw[c]!;
      if (l >= limit) keep(c, expNeg(l - max));
    }
    return kept;
  }

  /**
   * acc = Σ_c coef[c] x_{survivors[c]}; returns Σ_c weights[c]. Four data rows per pass over acc, so acc is
   * loaded and stored a quarter as often (what matters in high d); in d ≠ 2 by the SIMD kernel, which
   * adds in the same order.
   */
  private weightedDataSum(count: number, coef: Float64Array): number {
    if (this.simd) this.simd.weightedSum(coef, count);
    else this.weightedDataSumJs(count, coef);
    return this.weightSum(count);
  }

  /** weightedDataSum's acc where the SIMD kernel is not used (the plane, or no WebAssembly): the same bits. */
  private weightedDataSumJs(count: number, coef: Float64Array): void {
    const { data, dim: d, survivors, acc } = this;
    acc.fill(0);
    let c = 0;
    for (; c + 3 < count; c += 4) {
      const w0 = coef[c]!;
      const w1 = coef[c + 1]!;
      const w2 = coef[c + 2]!;
      const w3 = coef[c + 3]!;
      const b0 = survivors[c]! * d;
      const b1 = survivors[c + 1]! * d;
      const b2 = survivors[c + 2]! * d;
      const b3 = survivors[c + 3]! * d;
      for (let k = 0; k < d; k++) {
        acc[k] = acc[k]! + w0 * data[b0 + k]! + w1 * data[b1 + k]! + w2 * data[b2 + k]! + w3 * data[b3 + k]!;
      }
    }
    for (; c < count; c++) {
      const w = coef[c]!;
      const b = survivors[c]! * d;
      for (let k = 0; k < d; k++) acc[k] = acc[k]! + w * data[b + k]!;
    }
  }

  /** Σ_c weights[c], c < count, four at a time. */
  private weightSum(count: number): number {
    const weights = this.weights;
    let sum = 0;
    let c = 0;
    for (; c + 3 < count; c += 4) sum += weights[c]! + weights[c + 1]! + weights[c + 2]! + weights[c + 3]!;
    for (; c < count; c++) sum += weights[c]!;
    return sum;
  }

  /**
   * From Σ w_j x_j (acc from ao) and sum = Σ w_j: f = (σ̇/σ)(x − α x̂) + α̇ x̂ (NaN when no weight survived).
   */
  private finishPathVelocity(
    r: number,
    x: Float64Array,
    base: number,
    sum: number,
    out: Float64Array,
    acc = this.acc,
    ao = 0,
  ): void {
    const d = this.dim;
    const a = this.alpha[r]!;
    const rate = this.dSigma[r]! / this.sigma[r]!;
    const da = this.dAlpha[r]!;
    const inv = 1 / sum;
    for (let k = 0; k < d; k++) {
      const xhat = acc[ao + k]! * inv;
      out[base + k] = rate * (x[base + k]! - a * xhat) + da * xhat;
    }
  }

  /** f = Σ w_j k_t(r_j)(x − x_j) / Σ w_j, or k_t (x − Σ w_j x_j / Σ w_j) when k does not depend on r. */
  private radialVelocity(t: number, x: Float64Array, base: number, count: number, out: Float64Array): void {
    const kernel = this.kernel as RadialKernel;
    const { data, dim: d, survivors, weights, coefs, acc, radius } = this;
    if (kernel.kOfT) {
      const inv = 1 / this.weightedDataSum(count, weights);
      const k = kernel.kOfT(t);
      for (let i = 0; i < d; i++) out[base + i] = k * (x[base + i]! - acc[i]! * inv);
      return;
    }
    let sum = 0;
    for (let c = 0; c < count; c++) {
      coefs[c] = weights[c]! * kernel.k(t, radius[c]!);
      sum += weights[c]!;
    }
    // acc = Σ_c coef_c (x − x_c), four data rows per pass over acc (as weightedDataSum).
    acc.fill(0);
    let c = 0;
    for (; c + 3 < count; c += 4) {
      const w0 = coefs[c]!;
      const w1 = coefs[c + 1]!;
      const w2 = coefs[c + 2]!;
      const w3 = coefs[c + 3]!;
      const b0 = survivors[c]! * d;
      const b1 = survivors[c + 1]! * d;
      const b2 = survivors[c + 2]! * d;
      const b3 = survivors[c + 3]! * d;
      for (let k = 0; k < d; k++) {
        const xk = x[base + k]!;
        acc[k] =
          acc[k]! +
          w0 * (xk - data[b0 + k]!) +
          w1 * (xk - data[b1 + k]!) +
          w2 * (xk - data[b2 + k]!) +
          w3 * (xk - data[b3 + k]!);
      }
    }
    for (; c < count; c++) {
      const w = coefs[c]!;
      const b = survivors[c]! * d;
      for (let k = 0; k < d; k++) acc[k] = acc[k]! + w * (x[base + k]! - data[b + k]!);
    }
    const inv = 1 / sum;
    for (let k = 0; k < d; k++) out[base + k] = acc[k]! * inv;
  }

  /** ∇ log p_t(x) = Σ w_j ∇ log p_t(x|x_j) / Σ w_j. */
  private rowScore(t: number, r: number, x: Float64Array, base: number, count: number, out: Float64Array): void {
    const kernel = this.kernel;
    const { data, dim: d, m, dist, survivors, weights, acc } = this;
    const a = kernel.kind === 'radial' ? 1 : this.alpha[r]!;
    const s2 = this.sigma[r]! * this.sigma[r]!;
    acc.fill(0);
    let sum = 0;
    for (let c = 0; c < count; c++) {
      const j = survivors[c]!;
      const w = weights[c]!;
      sum += w;
      let coef: number;
      if (kernel.kind === 'radial') {
        const rj = this.radius[c]!; // radialWeights left the survivors' r_j there
        // ∇ log φ(|x − x_j|) = ∂_r log φ · (x − x_j)/r; zero at r = 0 by symmetry.
        coef = rj > 0 ? (w * kernel.dLogPhiDr(t, rj)) / rj : 0;
      } else {
        // ∇ log q(|x − α x_j|²/σ²) = 2 (log q)'(ρ²) (x − α x_j)/σ².
        const q = dist[r * m + j]!;
        coef = (2 * w * kernel.dLogNoise(q / s2)) / s2;
      }
      const db = j * d;
      for (let k = 0; k < d; k++) acc[k] = acc[k]! + coef * (x[base + k]! - a * data[db + k]!);
    }
    const inv = 1 / sum;
    for (let k = 0; k < d; k++) out[base + k] = acc[k]! * inv;
  }
}

/** x^{3/2}: the Poisson weight power for d + D = 3 (PFGM in the plane). */
function cubeOfSqrt(x: number): number {
  return x * Math.sqrt(x);
}

function kindOf(kernel: FieldKernel): Kind {
  if (kernel.kind === 'radial') return Kind.Radial;
  switch (kernel.noise.kind) {
    case 'gaussian':
      return Kind.GaussianPath;
    case 'poisson':
      return Kind.PoissonPath;
    case 'radial':
      return Kind.GeneralPath;
  }
}

/** |x| of the row at x[base..base + d). */
function rowNorm(x: Float64Array, base: number, d: number): number {
  let q = 0;
  for (let k = 0; k < d; k++) q += x[base + k]! ** 2;
  return Math.sqrt(q);
}
