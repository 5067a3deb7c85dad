// Adaptive Gauss–Kronrod (G7–K15) quadrature on finite, half-infinite and infinite intervals.
// Must not know about designs or kernels: it integrates a plain (x) => number and reports its own error estimate.

export interface IntegrateOptions {
  /** Relative tolerance on the total (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance on the total (default 0). */
  atol?: number;
  /** Maximum number of bisections of any one piece (default 50). */
  maxDepth?: number;
  /**
   * Characteristic length of the integrand near the lower end a: the range is first cut at a + scale·2^k,
   * k = 0..6, so that mass concentrated in a region of width `scale` is seen (e.g. a kernel at small t).
   */
  scale?: number;
}

export interface IntegrateResult {
  value: number;
  /** Estimated absolute error (QUADPACK's estimate, summed over pieces). */
  error: number;
}

// Kronrod 15-point abscissae and weights on [−1, 1], and the embedded Gauss 7-point weights (QUADPACK qk15).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

const EPS = 2.220446049250313e-16;
const MAX_PIECES = 2000;
const SCALE_CUTS = 6;

/** One piece of the range in the integration variable u, with its own integrand (identity or tail map). */
interface Piece {
  lo: number;
  hi: number;
  g: (u: number) => number;
  value: number;
  error: number;
  depth: number;
}

/**
 * G7–K15 on [lo, hi]: K15 is the value; the error is QUADPACK's
 * resasc·min(1, (200|K15 − G7|/resasc)^{3/2}), floored at 50ε·∫|g|.
 */
function kronrod15(
  g: (u: number) => number,
  lo: number,
  hi: number,
  f1: Float64Array,
  f2: Float64Array,
): { value: number; error: number } {
  const center = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  const fc = g(center);
  let gauss = fc * WG[3]!;
  let kronrod = fc * WGK[7]!;
  let absolute = Math.abs(kronrod);
  for (let j = 0; j < 7; j++) {
    const offset = half * XGK[j]!;
    const left = g(center - offset);
    const right = g(center + offset);
    f1[j] = left;
    f2[j] = right;
    kronrod += WGK[j]! * (left + right);
    absolute += WGK[j]! * (Math.abs(left) + Math.abs(right));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2]! * (left + right);
  }
  const mean = 0.5 * kronrod;
  let deviation = WGK[7]! * Math.abs(fc - mean);
  for (let j = 0; j < 7; j++) deviation += WGK[j]! * (Math.abs(f1[j]! - mean) + Math.abs(f2[j]! - mean));
  const scale = Math.abs(half);
  let error = Math.abs((kronrod - gauss) * half);
  deviation *= scale;
  if (deviation !== 0 && error !== 0) error = deviation * Math.min(1, Math.pow((200 * error) / deviation, 1.5));
  error = Math.max(50 * EPS * absolute * scale, error);
  return { value: kronrod * half, error };
}

/**
 * [c, ∞) mapped onto u ∈ [0, 1): x = c + L·u/(1 − u), dx = L/(1 − u)² du. Points whose x overflows contribute 0
 * (the integrand is assumed integrable at infinity).
 */
function tailIntegrand(f: (x: number) => number, c: number, length: number): (u: number) => number {
  return (u) => {
    const w = 1 - u;
    const x = c + (length * u) / w;
    if (!Number.isFinite(x)) return 0;
    return (f(x) * length) / (w * w);
  };
}

/** The initial cut of [a, b] (b may be ∞): pieces at a + scale·2^k, and a mapped tail when b = ∞. */
function initialPieces(
  f: (x: number) => number,
  a: number,
  b: number,
  scale: number | undefined,
): Array<Pick<Piece, 'lo' | 'hi' | 'g'>> {
  const pieces: Array<Pick<Piece, 'lo' | 'hi' | 'g'>> = [];
  let start = a;
  if (scale !== undefined && scale > 0) {
    for (let k = 0; k <= SCALE_CUTS; k++) {
      const cut = a + scale * 2 ** k;
      if (!(cut < b) || cut <= start) break;
      pieces.push({ lo: start, hi: cut, g: f });
      start = cut;
    }
  }
  if (b === Infinity) pieces.push({ lo: 0, hi: 1, g: tailIntegrand(f, start, start > a ? start - a : (scale ?? 1)) });
  else pieces.push({ lo: start, hi: b, g: f });
  return pieces;
}

/**
 * ∫_a^b f(x) dx by globally adaptive G7–K15: the piece with the largest error estimate is bisected until the
 * summed estimate is below max(atol, rtol·|value|), every piece is at maxDepth, or 2000 pieces are in use.
 * b = ∞ is mapped by x = c + L·u/(1 − u) (heavy tails such as ρ^{−2} stay accurate); a = −∞ by reflection.
 * Convergence is not thrown on: compare `error` with what you need.
 * @example integrate((r) => r * (1 + r * r) ** -1.5, 0, Infinity).value // 1
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: IntegrateOptions = {},
): IntegrateResult {
  if (Number.isNaN(a) || Number.isNaN(b)) return { value: NaN, error: NaN };
  if (a === b) return { value: 0, error: 0 };
  if (a > b) {
    const flipped = integrate(f, b, a, opts);
    return { value: -flipped.value, error: flipped.error };
  }
  if (a === -Infinity && b === Infinity) return integrate((x) => f(x) + f(-x), 0, Infinity, opts);
  if (a === -Infinity) return integrate((x) => f(-x), -b, Infinity, opts);
  return integrateAdaptive(initialPieces(f, a, b, opts.scale), opts);
}

/** The global adaptive loop over the initial pieces. */
function integrateAdaptive(initial: Array<Pick<Piece, 'lo' | 'hi' | 'g'>>, opts: IntegrateOptions): IntegrateResult {
  const rtol = opts.rtol ?? 1e-10;
  const atol = opts.atol ?? 0;
  const maxDepth = opts.maxDepth ?? 50;
  const f1 = new Float64Array(7);
  const f2 = new Float64Array(7);
  const pieces: Piece[] = initial.map((p) => ({ ...p, ...kronrod15(p.g, p.lo, p.hi, f1, f2), depth: 0 }));
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = -1;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      value += piece.value;
      error += piece.error;
      if (piece.depth < maxDepth && (worst < 0 || piece.error > pieces[worst]!.error)) worst = i;
    }
    if (!(error > Math.max(atol, rtol * Math.abs(value))) || worst < 0 || pieces.length >= MAX_PIECES)
      return { value, error };
    const split = pieces[worst]!;
    const mid = 0.5 * (split.lo + split.hi);
    if (!(mid > split.lo && mid < split.hi)) {
      split.depth = maxDepth;
      continue;
    }
    const depth = split.depth + 1;
    pieces[worst] = { lo: split.lo, hi: mid, g: split.g, ...kronrod15(split.g, split.lo, mid, f1, f2), depth };
    pieces.push({ lo: mid, hi: split.hi, g: split.g, ...kronrod15(split.g, mid, split.hi, f1, f2), depth });
  }
}
