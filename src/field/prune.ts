// The posterior mean x̂ of Gaussian and Poisson path kernels with a bounded error (docs/mathematics.md §13): a k-d
// tree over the data, visited nearest first; a node whose largest possible weight is negligible is skipped unseen,
// in the plane a node small against σ is replaced by its expansion (Hermite for the Gaussian, hermite.ts;
// Gegenbauer for the Poisson kernel, poisson-far.ts), and the rest is summed exactly. The skipped and truncated
// parts are charged to an error budget so that |x̂ − x̂_exact| ≤ tol · R, R the radius of the data about the root's
// box centre.
import { expNeg } from '../numeric/expneg.js';
import { expandNode, expansionOrder, hermiteFactors, MAX_ORDER, PlaneMoments, roundingBound } from './hermite.js';
import { poissonCoefficients, poissonExpand, poissonOrder } from './poisson-far.js';
import { KdTree } from './tree.js';

/** An expansion of order p costs about this many exact point visits per p² (measured, d = 2). */
const EXPANSION_COST_PER_TERM = 0.3;
const POISSON_COST_PER_TERM = 0.5;
const SIDE = MAX_ORDER + 1;
/** Counters of the work actually done, for the benchmark's "pairs visited / M". */
export interface PruneStats {
  rows: number;
  /** Data points whose weight was computed exactly. */
  pairs: number;
  /** Node expansions, and their terms (p² each). */
  expansions: number;
  terms: number;
  /** Rows handed back to the caller's exact loops. */
  fallbacks: number;
}

/** Σ w_i x_i / Σ w_i for w_i = e^{−|x − α x_i|²/(2σ²)} (Gaussian) or (σ² + |x − α x_i|²)^{−c} (Poisson). */
export class PrunedPathSum {
  readonly tree: KdTree;
  readonly stats: PruneStats = { rows: 0, pairs: 0, expansions: 0, terms: 0, fallbacks: 0 };
  private readonly moments: PlaneMoments | null;
  private readonly dim: number;
  private readonly m: number;
  /** The budget's share of the lower bound of Σ w: tol / (1 + tol). */
  private readonly share: number;
  /** Root box centre z and the data's radius R about it. */
  private readonly z: Float64Array;
  private readonly dataRadius: number;
  private readonly y: Float64Array;
  private readonly g1 = new Float64Array(MAX_ORDER + 2);
  private readonly g2 = new Float64Array(MAX_ORDER + 2);
  private readonly sums = new Float64Array(3);
  private readonly coefs = new Float64Array(SIDE * SIDE);
  private readonly majorant = new Float64Array(SIDE * SIDE);
  /** Poisson noise: the power c = (d + D)/2 (0 for Gaussian noise). */
  private readonly power: number;
  private readonly bound = new Float64Array(1);
  /** Budget charged per point of a node per unit of error in one weight: 1 + (|c − z| + r)/R (tryExpansion). */
  private readonly chargePerPoint: Float64Array;
  // The row being summed, y = x/α: Gaussian w_i = e^{−(|y − x_i|² − qmin)/H²}, H² = 2σ²/α²; Poisson
  // w_i = ((S² + qmin)/(S² + |y − x_i|²))^c, S² = σ²/α². Every weight is ≤ 1, the nearest point's is 1.
  private qmin = 0;
  private s2 = 0;
  private invH2 = 0;
  private invH = 0;
  private sum = 0;
  private readonly acc: Float64Array;
  /** A lower bound on the row's true Σ w from what is summed so far (exact parts, expansions less their error). */
  private lower = 0;
  private lowerStart = 0;
  /** Budget charged to the shared half so far (skipped and truncated parts), and the points not yet accounted for. */
  private usedShared = 0;
  private remaining = 0;

  /**
   * `poissonPower` c > 0: the Poisson kernel (else the Gaussian). `predictCost: false` uses the tree for every row
   * (tests of the bound); by default the Poisson kernel takes only the root's far field (poissonRoot).
   */
  constructor(
    data: Float64Array,
    rows: number,
    dim: number,
    tol: number,
    private readonly options: { predictCost?: boolean; poissonPower?: number } = {},
  ) {
    this.power = options.poissonPower ?? 0;
    this.dim = dim;
    this.m = rows;
    this.tree = new KdTree(data, rows, dim);
    this.moments = dim === 2 ? new PlaneMoments(this.tree) : null;
    this.share = tol / (1 + tol);
    this.z = this.tree.centre.slice(0, dim);
    this.dataRadius = this.tree.radius[0]!;
    this.y = new Float64Array(dim);
    this.acc = new Float64Array(dim);
    const tree = this.tree;
    this.chargePerPoint = Float64Array.from({ length: tree.nodes }, (_, node) => {
      let offset2 = 0;
      for (let k = 0; k < dim; k++) offset2 += (tree.centre[node * dim + k]! - this.z[k]!) ** 2;
      return 1 + (Math.sqrt(offset2) + tree.radius[node]!) / this.dataRadius;
    });
  }

  /**
   * out[0..d) = x̂ for the row at x[base] under α, σ; false (out untouched) when the row is better summed over
   * all the data, or α = 0 (then x carries no information on x0 and every weight is equal).
   */
  posteriorMean(alpha: number, sigma: number, x: Float64Array, base: number, out: Float64Array, outBase: number) {
    const d = this.dim;
    if (alpha === 0 || !(sigma > 0)) return false;
    for (let k = 0; k < d; k++) this.y[k] = x[base + k]! / alpha;
    const h2 = (2 * sigma * sigma) / (alpha * alpha);
    this.invH2 = 1 / h2;
    this.invH = Math.sqrt(this.invH2);
    this.s2 = (sigma * sigma) / (alpha * alpha);
    if (!(this.invH2 < Infinity) || !(this.s2 > 0)) return false;
    this.stats.rows++;
    if (this.power > 0 && this.options.predictCost !== false) {
      if (this.moments && this.poissonRoot(out, outBase)) return true;
      this.stats.fallbacks++;
      return false;
    }
    const qmin = this.tree.nearestDistance2(this.y, 0);
    const qmax = this.tree.upperDistance2(0, this.y, 0);
    this.qmin = qmin;
    this.sum = 0;
    this.acc.fill(0);
    this.usedShared = 0;
    this.remaining = this.m;
    this.lower = 0;
    // Σ w ≥ 1 (the nearest point has weight 1) and ≥ M w(qmax).
    this.lowerStart = Math.max(1, this.m * Math.exp(this.logWeight(qmax)));
    this.visit(0);
    const inv = 1 / this.sum;
    for (let k = 0; k < d; k++) out[outBase + k] = this.z[k]! + this.acc[k]! * inv;
    return true;
  }

  /**
   * The Poisson kernel's tails are heavy: a traversal skips little, and its expansions of many nodes cost more than
   * the exact loops (measured, PFGM in the plane). What pays is the far field of the whole data at large σ: x̂ from
   * the root's expansion alone when it meets the whole budget, against Σ w ≥ M w(q_max) (in units of D^{−2c},
   * D² = S² + |y − c|², the root's charge per point being 1 + R/R = 2); false (the caller's exact loops) otherwise.
   */
  private poissonRoot(out: Float64Array, outBase: number): boolean {
    const { tree, sums } = this;
    const c = this.power;
    const u1 = this.y[0]! - tree.centre[0]!;
    const u2 = this.y[1]! - tree.centre[1]!;
    const d2 = this.s2 + u1 * u1 + u2 * u2;
    const invD = 1 / Math.sqrt(d2);
    const lower = this.m * Math.exp(c * Math.log(d2 / (this.s2 + tree.upperDistance2(0, this.y, 0))));
    const charge = this.m * this.chargePerPoint[0]!;
    const allowed = (this.share * lower) / charge;
    const order = poissonOrder(tree.radius[0]! * invD, c, 0.5 * allowed, MAX_ORDER, this.bound);
    if (order === 0) return false;
    poissonCoefficients(u1 * invD, u2 * invD, c, order, this.coefs, this.majorant);
    const [half1, half2] = [tree.half[0]!, tree.half[1]!];
    const rounding = poissonExpand(this.moments!, 0, order, invD, half1, half2, this.coefs, this.majorant, sums);
    if (!(this.bound[0]! + rounding <= allowed)) return false;
    out[outBase] = tree.centre[0]! + sums[1]! / sums[0]!;
    out[outBase + 1] = tree.centre[1]! + sums[2]! / sums[0]!;
    this.stats.expansions++;
    this.stats.terms += (order * (order + 1)) / 2;
    return true;
  }

  /** log of the weight at squared distance q, relative to the nearest point's (≤ 0 for q ≥ qmin). */
  private logWeight(q: number): number {
    return this.logRatio(q, this.qmin);
  }

  /** log w(q) − log w(q0). */
  private logRatio(q: number, q0: number): number {
    return this.power > 0 ? -this.power * Math.log((this.s2 + q) / (this.s2 + q0)) : -(q - q0) * this.invH2;
  }

  private visit(node: number): void {
    const tree = this.tree;
    const n = tree.count[node]!;
    // Half the budget is shared over the data in proportion to the points (what is left carries on to the nodes
    // visited later); the other half is each node's own: half the budget's share of a lower bound on its own
    // weight, n w(q_high) (the nodes are disjoint, so these add up to at most half of τ' Σ w).
    const shared = ((0.5 * this.share * Math.max(this.lower, this.lowerStart) - this.usedShared) * n) / this.remaining;
    const own = 0.5 * this.share * n * Math.exp(this.logWeight(tree.upperDistance2(node, this.y, 0)));
    const allowed = shared + own;
    const qlow = tree.lowerDistance2(node, this.y, 0);
    // Every point of the node has weight ≤ w(qlow); skipping them moves Σ w by at most U = n w(qlow) and
    // Σ w (x_i − z) by at most U R, which costs 2U of the budget.
    const largest = n * Math.exp(this.logWeight(qlow));
    if (2 * largest <= allowed) {
      this.charge(2 * largest, own);
      this.remaining -= n;
      return;
    }
    if (this.moments && this.moments.offset[node]! >= 0 && this.expand(node, n, allowed, own)) {
      this.remaining -= n;
      return;
    }
    const left = tree.left[node]!;
    if (left < 0) {
      this.exactLeaf(node);
      this.remaining -= n;
      return;
    }
    const right = tree.right[node]!;
    if (tree.centreDistance2(left, this.y, 0) <= tree.centreDistance2(right, this.y, 0)) {
      this.visit(left);
      this.visit(right);
    } else {
      this.visit(right);
      this.visit(left);
    }
  }

  /** Charge `cost` to the budget: first to the node's own allowance, the rest to the shared half. */
  private charge(cost: number, own: number): void {
    if (cost > own) this.usedShared += cost - own;
  }

  /**
   * The node by its expansion when one of affordable order meets its allowance. An error e in Σ w per point becomes
   * e·n in Σ w and e·n·(|c − z| + r) in Σ w (x_i − z): a charge of e·n·(1 + (|c − z| + r)/R).
   */
  private expand(node: number, n: number, allowed: number, own: number): boolean {
    const sums = this.sums;
    const perPoint =
      this.power > 0 ? this.poissonExpansion(node, n, allowed) : this.gaussianExpansion(node, n, allowed);
    if (perPoint < 0) return false;
    const tree = this.tree;
    const c1 = tree.centre[2 * node]! - this.z[0]!;
    const c2 = tree.centre[2 * node + 1]! - this.z[1]!;
    this.sum += sums[0]!;
    this.acc[0] = this.acc[0]! + sums[1]! + c1 * sums[0]!;
    this.acc[1] = this.acc[1]! + sums[2]! + c2 * sums[0]!;
    this.lower += Math.max(0, sums[0]! - perPoint * n);
    this.charge(perPoint * n * this.chargePerPoint[node]!, own);
    this.stats.expansions++;
    return true;
  }

  /**
   * The Poisson kernel's expansion (poisson-far.ts) into sums, in weight units: returns its error bound per point,
   * or −1 when no affordable order meets the allowance.
   */
  private poissonExpansion(node: number, n: number, allowed: number): number {
    const tree = this.tree;
    const c = this.power;
    const u1 = this.y[0]! - tree.centre[2 * node]!;
    const u2 = this.y[1]! - tree.centre[2 * node + 1]!;
    const d2 = this.s2 + u1 * u1 + u2 * u2;
    const invD = 1 / Math.sqrt(d2);
    // weights relative to the nearest point's: ((S² + qmin)/D²)^c D^{2c} (S² + |u − δ|²)^{−c}
    const scale = Math.exp(c * Math.log((this.s2 + this.qmin) / d2));
    const charge = n * this.chargePerPoint[node]!;
    const affordable = Math.floor(Math.sqrt(n / POISSON_COST_PER_TERM));
    const r = tree.radius[node]! * invD;
    const order = poissonOrder(r, c, (0.5 * allowed) / (charge * scale), affordable, this.bound);
    if (order === 0) return -1;
    poissonCoefficients(u1 * invD, u2 * invD, c, order, this.coefs, this.majorant);
    const half1 = tree.half[2 * node]!;
    const half2 = tree.half[2 * node + 1]!;
    const sums = this.sums;
    const rounding = poissonExpand(this.moments!, node, order, invD, half1, half2, this.coefs, this.majorant, sums);
    const perPoint = (this.bound[0]! + rounding) * scale;
    if (!(perPoint * charge <= allowed)) return -1;
    for (let k = 0; k < 3; k++) sums[k] = sums[k]! * scale;
    this.stats.terms += (order * (order + 1)) / 2;
    return perPoint;
  }

  /** The Gaussian kernel's Hermite expansion (hermite.ts), as poissonExpansion. */
  private gaussianExpansion(node: number, n: number, allowed: number): number {
    const tree = this.tree;
    const invH = this.invH;
    const t1 = (this.y[0]! - tree.centre[2 * node]!) * invH;
    const t2 = (this.y[1]! - tree.centre[2 * node + 1]!) * invH;
    const rho1 = Math.SQRT2 * tree.half[2 * node]! * invH;
    const rho2 = Math.SQRT2 * tree.half[2 * node + 1]! * invH;
    const charge = n * this.chargePerPoint[node]!;
    const logScale = this.qmin * this.invH2;
    // orders whose p² terms cost more than the node's exact sum are not worth trying
    const affordable = Math.floor(Math.sqrt(n / EXPANSION_COST_PER_TERM));
    // half the node's allowance for truncation, the rest for rounding (computed once the factors are known)
    const order = expansionOrder(t1, t2, rho1, rho2, logScale, (0.5 * allowed) / charge, affordable, this.bound);
    if (order === 0) return -1;
    hermiteFactors(t1, t2, invH, order, this.g1, this.g2);
    const half1 = tree.half[2 * node]!;
    const half2 = tree.half[2 * node + 1]!;
    const bound = this.bound[0]! + roundingBound(half1, half2, order, t1, t2, logScale, this.g1, this.g2);
    if (!(bound * charge <= allowed)) return -1;
    expandNode(this.moments!, node, order, t1, t2, logScale, this.g1, this.g2, this.sums);
    this.stats.terms += order * order;
    return bound;
  }

  /** Σ w and Σ w (x_i − z) over a leaf's points, exactly. */
  private exactLeaf(node: number): void {
    const { tree, dim: d, y, z, acc } = this;
    const points = tree.points;
    const from = tree.start[node]!;
    const end = from + tree.count[node]!;
    const { qmin, invH2 } = this;
    let sum = 0;
    if (this.power > 0) {
      sum = this.poissonLeaf(from, end);
    } else if (d === 2) {
      const y0 = y[0]!;
      const y1 = y[1]!;
      let a0 = 0;
      let a1 = 0;
      for (let i = from; i < end; i++) {
        const p0 = points[2 * i]!;
        const p1 = points[2 * i + 1]!;
        const e0 = y0 - p0;
        const e1 = y1 - p1;
        const w = expNeg(-(e0 * e0 + e1 * e1 - qmin) * invH2);
        sum += w;
        a0 += w * (p0 - z[0]!);
        a1 += w * (p1 - z[1]!);
      }
      acc[0] = acc[0]! + a0;
      acc[1] = acc[1]! + a1;
    } else {
      for (let i = from; i < end; i++) {
        let q = 0;
        for (let k = 0; k < d; k++) {
          const e = y[k]! - points[i * d + k]!;
          q += e * e;
        }
        const w = expNeg(-(q - qmin) * invH2);
        sum += w;
        for (let k = 0; k < d; k++) acc[k] = acc[k]! + w * (points[i * d + k]! - z[k]!);
      }
    }
    this.sum += sum;
    this.lower += sum;
    this.stats.pairs += end - from;
  }

  /** exactLeaf for the Poisson kernel: w = ((S² + qmin)/(S² + q))^c (c = 3/2, PFGM in the plane: x√x). */
  private poissonLeaf(from: number, end: number): number {
    const { tree, dim: d, y, z, acc, s2, power: c } = this;
    const points = tree.points;
    const top = s2 + this.qmin;
    const threeHalves = c === 1.5;
    let sum = 0;
    for (let i = from; i < end; i++) {
      let q = 0;
      for (let k = 0; k < d; k++) {
        const e = y[k]! - points[i * d + k]!;
        q += e * e;
      }
      const ratio = top / (s2 + q);
      const w = threeHalves ? ratio * Math.sqrt(ratio) : Math.pow(ratio, c);
      sum += w;
      for (let k = 0; k < d; k++) acc[k] = acc[k]! + w * (points[i * d + k]! - z[k]!);
    }
    return sum;
  }
}
