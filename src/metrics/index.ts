// metrics(a, b): distances between two sample sets, every one an exact function of the points (docs/mathematics.md,
// "Distances between sample sets"): the 2-Wasserstein distance, the sliced one, the unbiased Gaussian-kernel MMD
// and the energy distance. Pure numbers: no design, no files.
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { kernelDistances } from './kernel.js';
import { medianPairwiseDistance } from './median.js';
import { checkPair, pooled, type PointSet } from './points.js';
import { slicedWasserstein2 } from './sliced.js';
import { wasserstein2, type W2Method } from './wasserstein.js';

export { checkPair, type PointSet } from './points.js';
export { kernelDistances, type KernelDistances } from './kernel.js';
export { medianPairwiseDistance } from './median.js';
export { randomDirections, slicedWasserstein2 } from './sliced.js';
export { sortedW2Squared, wasserstein2, type W2Method, type W2Result } from './wasserstein.js';

export const DEFAULT_PROJECTIONS = 256;
/** Directions of the sliced distance, at most (each costs two sorts). */
export const MAX_PROJECTIONS = 100_000;

export interface MetricsOptions {
  /** Directions of the sliced W2 (default 256). */
  projections?: number;
  /** Bandwidth h of the MMD's Gaussian kernel (default: the median pairwise distance of the pooled sets). */
  bandwidth?: number;
  /** Seed of the sliced W2's directions and of W2's subsets above the assignment limit (default 0). */
  seed?: number;
  /** Which of the two sets is which, in messages (default "the first set", "the second set"). */
  labels?: [string, string];
}

export interface Metrics {
  /** Points in the first set, the second, and their dimension. */
  n: number;
  m: number;
  dim: number;
  /** 2-Wasserstein distance (W2² = min over couplings of E|x − y|²). */
  w2: number;
  /** How w2 was computed: exactly ('assignment', 'sorted', 'replicated') or between random subsets ('subsets'). */
  w2Method: W2Method;
  /** Sliced 2-Wasserstein distance over `projections` seeded directions. */
  slicedW2: number;
  projections: number;
  /** √max(0, MMD²), MMD² the unbiased estimate with the Gaussian kernel of bandwidth h. */
  mmd: number;
  mmd2: number;
  bandwidth: number;
  /** Whether the bandwidth was given or is the pooled sets' median pairwise distance. */
  bandwidthFrom: 'given' | 'median';
  /** Energy distance 2E|X − Y| − E|X − X'| − E|Y − Y'| (within-set means over i ≠ j). */
  energy: number;
  seed: number;
}

function checkOptions(options: MetricsOptions): { projections: number; seed: number } {
  const projections = options.projections ?? DEFAULT_PROJECTIONS;
  if (!Number.isInteger(projections) || projections < 1 || projections > MAX_PROJECTIONS) {
    throw new OdeforgeError(`projections must be an integer from 1 to ${MAX_PROJECTIONS}, not ${projections}`);
  }
  if (options.bandwidth !== undefined && !(options.bandwidth > 0 && Number.isFinite(options.bandwidth))) {
    throw new OdeforgeError(`the bandwidth must be a positive finite number, not ${options.bandwidth}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new OdeforgeError(`the seed must be a non-negative integer, not ${seed}`);
  return { projections, seed };
}

/**
 * The MMD's bandwidth: the given one, else the median of all pairwise distances of the pooled sets.
 * @throws OdeforgeError when the median is 0 (more than half the pooled pairs coincide)
 */
export function bandwidthOf(a: PointSet, b: PointSet, given?: number): number {
  if (given !== undefined) return given;
  const median = medianPairwiseDistance(pooled(a, b));
  if (!(median > 0)) {
    throw new OdeforgeError(
      'the median pairwise distance of the pooled points is 0 (most points coincide), so it cannot be the bandwidth',
      {},
      'give the bandwidth (--bandwidth H)',
    );
  }
  return median;
}

/**
 * Distances between two sample sets of the same dimension (n × d and m × d, at least 2 points each).
 * @example
 *   const { w2, mmd, energy } = metrics(readDataFile('samples.csv'), readDataFile('test.csv'));
 * @throws OdeforgeError for sets of different dimensions, fewer than 2 or more than limits.metricPoints points,
 *   non-finite coordinates, or bad options
 */
export function metrics(a: PointSet, b: PointSet, options: MetricsOptions = {}): Metrics {
  checkPair(a, b, options.labels);
  const { projections, seed } = checkOptions(options);
  const bandwidth = bandwidthOf(a, b, options.bandwidth);
  const { w2, method } = wasserstein2(a, b, seed, limits.assignmentPoints);
  const kernel = kernelDistances(a, b, bandwidth);
  return {
    n: a.rows,
    m: b.rows,
    dim: a.dim,
    w2,
    w2Method: method,
    slicedW2: slicedWasserstein2(a, b, projections, seed),
    projections,
    mmd: kernel.mmd,
    mmd2: kernel.mmd2,
    bandwidth,
    bandwidthFrom: options.bandwidth === undefined ? 'median' : 'given',
    energy: kernel.energy,
    seed,
  };
}
