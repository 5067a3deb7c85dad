// Far field of the Gaussian kernel in the plane (docs/mathematics.md §13): a k-d tree node's points replaced by
// their moments about the node's box centre, the Hermite expansion of the fast Gauss transform,
//   Σ_i e^{−|y − x_i|²/H²} = Σ_β M_β (1/H)^{|β|} h_β((y − c)/H),  M_β = Σ_i (x_i − c)^β / β!,
// h_n(t) = (−1)^n dⁿ/dtⁿ e^{−t²} = H_n(t) e^{−t²}, truncated to β₁, β₂ < p with a proven bound on what is left.
import type { KdTree } from './tree.js';

/** Highest expansion order per coordinate; the moments are kept up to this index (one more for Σ w_i δ_i). */
export const MAX_ORDER = 16;
const SIDE = MAX_ORDER + 1;
const TERMS = SIDE * SIDE;
/** Nodes with fewer points are never expanded (their exact sum is as cheap as an expansion). */
export const EXPANSION_MIN_POINTS = 64;
/** Cramér's inequality: |H_n(t)| e^{−t²/2} ≤ K 2^{n/2} √(n!) (Abramowitz & Stegun 22.14.17). */
const CRAMER = 1.086435;
const LOG_CRAMER = Math.log(CRAMER);
const LOG_SQRT_FACTORIAL = Float64Array.from({ length: MAX_ORDER + 2 }, (_, n) => {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return 0.5 * s;
});

/** Moments M_β = Σ_i δ_i^β / β! (δ_i = x_i − c) of every node with at least EXPANSION_MIN_POINTS points. */
export class PlaneMoments {
  /** Offset of node i's moments in `values` (β₁ · SIDE + β₂), or −1. */
  readonly offset: Int32Array;
  readonly values: Float64Array;

  constructor(tree: KdTree) {
    if (tree.dim !== 2) throw new Error('internal: plane moments need d = 2');
    this.offset = new Int32Array(tree.nodes).fill(-1);
    let kept = 0;
    for (let node = 0; node < tree.nodes; node++) if (tree.count[node]! >= EXPANSION_MIN_POINTS) kept++;
    this.values = new Float64Array(kept * TERMS);
    let next = 0;
    for (let node = 0; node < tree.nodes; node++)
      if (tree.count[node]! >= EXPANSION_MIN_POINTS) this.offset[node] = next++ * TERMS;
    // children come after their parent in node order: bottom-up, a parent's moments are its children's shifted
    const scratch = new Float64Array(TERMS);
    for (let node = tree.nodes - 1; node >= 0; node--) {
      if (this.offset[node]! < 0) continue;
      const left = tree.left[node]!;
      const right = tree.right[node]!;
      if (left >= 0 && this.offset[left]! >= 0 && this.offset[right]! >= 0) {
        this.shiftInto(tree, left, node, scratch);
        this.shiftInto(tree, right, node, scratch);
      } else this.direct(tree, node);
    }
  }

  /** M_β = Σ_i δ_i^β / β! over the node's points. */
  private direct(tree: KdTree, node: number): void {
    const base = this.offset[node]!;
    const p1 = new Float64Array(SIDE);
    const p2 = new Float64Array(SIDE);
    const c1 = tree.centre[2 * node]!;
    const c2 = tree.centre[2 * node + 1]!;
    const end = tree.start[node]! + tree.count[node]!;
    for (let i = tree.start[node]!; i < end; i++) {
      powersOverFactorial(tree.points[2 * i]! - c1, p1);
      powersOverFactorial(tree.points[2 * i + 1]! - c2, p2);
      for (let b1 = 0; b1 < SIDE; b1++) {
        const a = p1[b1]!;
        const row = base + b1 * SIDE;
        for (let b2 = 0; b2 < SIDE; b2++) this.values[row + b2] = this.values[row + b2]! + a * p2[b2]!;
      }
    }
  }

  /**
   * Adds the child's moments, moved to the parent's centre, to the parent's: with s = c_child − c_parent,
   * (δ + s)^β / β! = Σ_{γ ≤ β} δ^γ/γ! · s^{β−γ}/(β−γ)!, one coordinate at a time.
   */
  private shiftInto(tree: KdTree, child: number, parent: number, scratch: Float64Array): void {
    const s1 = new Float64Array(SIDE);
    const s2 = new Float64Array(SIDE);
    powersOverFactorial(tree.centre[2 * child]! - tree.centre[2 * parent]!, s1);
    powersOverFactorial(tree.centre[2 * child + 1]! - tree.centre[2 * parent + 1]!, s2);
    const from = this.offset[child]!;
    const to = this.offset[parent]!;
    const m = this.values;
    for (let b1 = 0; b1 < SIDE; b1++) {
      for (let g2 = 0; g2 < SIDE; g2++) {
        let v = 0;
        for (let g1 = 0; g1 <= b1; g1++) v += m[from + g1 * SIDE + g2]! * s1[b1 - g1]!;
        scratch[b1 * SIDE + g2] = v;
      }
    }
    for (let b1 = 0; b1 < SIDE; b1++) {
      for (let b2 = 0; b2 < SIDE; b2++) {
        let v = 0;
        for (let g2 = 0; g2 <= b2; g2++) v += scratch[b1 * SIDE + g2]! * s2[b2 - g2]!;
        m[to + b1 * SIDE + b2] = m[to + b1 * SIDE + b2]! + v;
      }
    }
  }
}

/** out[n] = δⁿ / n!. */
function powersOverFactorial(delta: number, out: Float64Array): void {
  out[0] = 1;
  for (let n = 1; n < out.length; n++) out[n] = (out[n - 1]! * delta) / n;
}

/**
 * The smallest order p ≤ maxOrder whose truncation error for one point, |Σ_{β₁,β₂<p} − e^{−|t − η|²}| · e^{logScale},
 * is at most `allowed` (a bound on that error in bound[0]); 0 when none is. t = (y − c)/H; rho_k = √2 · half_k / H
 * (half_k the node's half-width in coordinate k, so |η_k| ≤ rho_k/√2). With F_k = e^{−(t_k − η_k)²} ≤
 * e^{−(|t_k| − rho_k/√2)₊²}, the 1-D tails R_k ≤ K e^{−t_k²/2} rho_k^p / √(p!) / (1 − rho_k/√(p+1)) (Cramér) and
 * T_k = F_k − R_k: |F₁F₂ − T₁T₂| ≤ F₁ R₂ + R₁ (F₂ + R₂) ≤ 3 max(F₁R₂, R₁F₂, R₁R₂). Rounding: see roundingBound.
 */
export function expansionOrder(
  t1: number,
  t2: number,
  rho1: number,
  rho2: number,
  logScale: number,
  allowed: number,
  maxOrder: number,
  bound: Float64Array,
): number {
  const top = Math.min(maxOrder, MAX_ORDER);
  if (top < 1 || !(allowed > 0)) return 0;
  const logAllowed = Math.log(allowed) - logScale - LOG_THREE;
  const logF1 = -(Math.max(0, Math.abs(t1) - rho1 * Math.SQRT1_2) ** 2);
  const logF2 = -(Math.max(0, Math.abs(t2) - rho2 * Math.SQRT1_2) ** 2);
  const lr1 = Math.log(rho1);
  const lr2 = Math.log(rho2);
  // the tails shrink as p grows: if the highest affordable order fails, every lower one does
  if (!(truncationLog(top, rho1, lr1, t1, logF1, rho2, lr2, t2, logF2) <= logAllowed)) return 0;
  // bisection for the smallest order that passes (top passes)
  let fails = 0;
  let passes = top;
  while (passes - fails > 1) {
    const mid = (fails + passes) >> 1;
    if (truncationLog(mid, rho1, lr1, t1, logF1, rho2, lr2, t2, logF2) <= logAllowed) passes = mid;
    else fails = mid;
  }
  bound[0] = 3 * Math.exp(truncationLog(passes, rho1, lr1, t1, logF1, rho2, lr2, t2, logF2) + logScale);
  return passes;
}

/** log max(F₁R₂, R₁F₂, R₁R₂) at order p (see expansionOrder). */
function truncationLog(
  p: number,
  rho1: number,
  lr1: number,
  t1: number,
  logF1: number,
  rho2: number,
  lr2: number,
  t2: number,
  logF2: number,
): number {
  const logR1 = tailLog(p, rho1, lr1, t1);
  const logR2 = tailLog(p, rho2, lr2, t2);
  return Math.max(logF1 + logR2, logR1 + logF2, logR1 + logR2);
}

const LOG_THREE = Math.log(3);
/**
 * Roundings behind one moment: a direct sum over < 2·EXPANSION_MIN_POINTS points, then per tree level (≤ 20 for
 * the data sizes limits allow) two shifts of ≤ SIDE terms each; every term's size is bounded by the node's own
 * half-widths (a child's box lies in its parent's), as in the series' bound.
 */
export const MOMENT_STEPS = 2 * EXPANSION_MIN_POINTS + 20 * 2 * SIDE;
const UNIT_ROUNDOFF = 2 ** -53;
const SQRT_NEXT = Float64Array.from({ length: MAX_ORDER + 2 }, (_, p) => Math.sqrt(p + 1));

/** log of K e^{−t²/2} ρ^p / √(p!) / (1 − ρ/√(p+1)); +∞ when the series bound does not converge. */
function tailLog(p: number, rho: number, logRho: number, t: number): number {
  const ratio = rho / SQRT_NEXT[p]!;
  if (!(ratio < 1)) return Infinity;
  if (rho === 0) return -Infinity;
  return LOG_CRAMER - 0.5 * t * t + p * logRho - LOG_SQRT_FACTORIAL[p]! - Math.log1p(-ratio);
}

/** g1[n] = H_n(t₁)/Hⁿ, g2[n] = H_n(t₂)/Hⁿ for n ≤ p: the Hermite factors of an expansion of order p. */
export function hermiteFactors(t1: number, t2: number, invH: number, p: number, g1: Float64Array, g2: Float64Array) {
  scaledHermite(t1, invH, p, g1);
  scaledHermite(t2, invH, p, g2);
}

/**
 * A bound, per point and like expansionOrder's in units of e^{logScale}-scaled weights, on the float64 rounding of
 * expandNode's sums of order p (hermiteFactors in g1, g2): each term of the series is, per point, at most
 * Π_k half_k^{β_k}/β_k! |g_k[β_k]| · e^{logScale − |t|²} (|δ_k| ≤ half_k), computed here from the factors
 * themselves; the sums, products and Hermite recurrence err by at most (2p + 20) u times their sum, and the
 * moments' own accumulation by MOMENT_STEPS u (each of their terms is bounded by the node's half-widths too).
 */
export function roundingBound(
  half1: number,
  half2: number,
  p: number,
  t1: number,
  t2: number,
  logScale: number,
  g1: Float64Array,
  g2: Float64Array,
): number {
  let sum1 = 0;
  let sum2 = 0;
  let power1 = 1;
  let power2 = 1;
  for (let b = 0; b <= p; b++) {
    sum1 += power1 * Math.abs(g1[b]!);
    sum2 += power2 * Math.abs(g2[b]!);
    power1 = (power1 * half1) / (b + 1);
    power2 = (power2 * half2) / (b + 1);
  }
  return (2 * p + 20 + MOMENT_STEPS) * UNIT_ROUNDOFF * sum1 * sum2 * Math.exp(logScale - t1 * t1 - t2 * t2);
}

/**
 * The node's Σ w_i and Σ w_i δ_i (δ_i = x_i − c) by the expansion of order p, w_i = e^{logScale − |y − x_i|²/H²},
 * from hermiteFactors' g1, g2: sums[0] = Σ w, sums[1..2] = Σ w δ.
 */
export function expandNode(
  moments: PlaneMoments,
  node: number,
  p: number,
  t1: number,
  t2: number,
  logScale: number,
  g1: Float64Array,
  g2: Float64Array,
  sums: Float64Array,
): void {
  const m = moments.values;
  const base = moments.offset[node]!;
  let s = 0;
  let a1 = 0;
  let a2 = 0;
  for (let b1 = 0; b1 < p; b1++) {
    const row = base + b1 * SIDE;
    const next = row + SIDE;
    let rs = 0;
    let r1 = 0;
    let r2 = 0;
    for (let b2 = 0; b2 < p; b2++) {
      const g = g2[b2]!;
      rs += m[row + b2]! * g;
      r1 += m[next + b2]! * g;
      r2 += (b2 + 1) * m[row + b2 + 1]! * g;
    }
    const g = g1[b1]!;
    s += rs * g;
    a1 += (b1 + 1) * r1 * g;
    a2 += r2 * g;
  }
  // Σ_β M_β s^{|β|} H_β(t) e^{−|t|²}, s = 1/H; Σ w δ_k from M_{β + e_k} (β_k + 1) = Σ δ^β δ_k / β!.
  const scale = Math.exp(logScale - t1 * t1 - t2 * t2);
  sums[0] = s * scale;
  sums[1] = a1 * scale;
  sums[2] = a2 * scale;
}

/** out[n] = H_n(t) sⁿ for n ≤ p: (H s)_{n+1} = s (2t (H s)_n − 2n s (H s)_{n−1}). */
function scaledHermite(t: number, s: number, p: number, out: Float64Array): void {
  out[0] = 1;
  out[1] = 2 * t * s;
  for (let n = 1; n < p; n++) out[n + 1] = s * (2 * t * out[n]! - 2 * n * s * out[n - 1]!);
}
