// Built-in toy data sets (the 2-D sets of the FFJORD/flow-matching literature), any size, seeded; in d > 2
// the 2-D points are padded with zeros and turned by a random rotation fixed by the seed and d.
import { createRequire } from 'node:module';
import type { Matrix, QrDecomposition } from 'ml-matrix';
import type { Rng } from '../numeric/rng.js';
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { sampleStream } from '../numeric/rng.js';

export type DatasetName = 'moons' | 'circles' | 'swissroll' | '8gaussians' | 'checkerboard' | 'pinwheel';
export const datasetNames: readonly DatasetName[] = [
  'moons',
  'circles',
  'swissroll',
  '8gaussians',
  'checkerboard',
  'pinwheel',
];

type Generator = (n: number, rng: Rng) => Float64Array;

/** Fisher–Yates shuffle of the rows of a flat n × 2 array, in place. */
function shuffleRows(xy: Float64Array, rng: Rng): Float64Array {
  for (let i = xy.length / 2 - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const a = xy[2 * i]!;
    const b = xy[2 * i + 1]!;
    xy[2 * i] = xy[2 * j]!;
    xy[2 * i + 1] = xy[2 * j + 1]!;
    xy[2 * j] = a;
    xy[2 * j + 1] = b;
  }
  return xy;
}

/** sklearn make_moons(noise = 0.1), then 2x + (−1, −0.2) (FFJORD). */
const moons: Generator = (n, rng) => {
  const nOut = Math.floor(n / 2);
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const outer = i < nOut;
    const count = outer ? nOut : n - nOut;
    const k = outer ? i : i - nOut;
    const a = count > 1 ? (Math.PI * k) / (count - 1) : 0;
    const x = outer ? Math.cos(a) : 1 - Math.cos(a);
    const y = outer ? Math.sin(a) : 1 - Math.sin(a) - 0.5;
    xy[2 * i] = 2 * (x + 0.1 * rng.normal()) - 1;
    xy[2 * i + 1] = 2 * (y + 0.1 * rng.normal()) - 0.2;
  }
  return shuffleRows(xy, rng);
};

/** sklearn make_circles(factor = 0.5, noise = 0.08), times 3 (FFJORD). */
const circles: Generator = (n, rng) => {
  const nOut = Math.floor(n / 2);
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const outer = i < nOut;
    const count = outer ? nOut : n - nOut;
    const a = (2 * Math.PI * (outer ? i : i - nOut)) / count;
    const r = outer ? 1 : 0.5;
    xy[2 * i] = 3 * (r * Math.cos(a) + 0.08 * rng.normal());
    xy[2 * i + 1] = 3 * (r * Math.sin(a) + 0.08 * rng.normal());
  }
  return shuffleRows(xy, rng);
};

/** sklearn make_swiss_roll(noise = 1): t = 1.5π(1 + 2u), (t cos t, t sin t) + noise, divided by 5 (FFJORD). */
const swissroll: Generator = (n, rng) => {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    xy[2 * i] = (t * Math.cos(t) + rng.normal()) / 5;
    xy[2 * i + 1] = (t * Math.sin(t) + rng.normal()) / 5;
  }
  return xy;
};

/** Eight Gaussians (std 0.5) at radius 4 on the compass points, all divided by 1.414 (FFJORD). */
const eightGaussians: Generator = (n, rng) => {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = Math.min(7, Math.floor(rng.uniform() * 8));
    const a = (k * Math.PI) / 4;
    xy[2 * i] = (4 * Math.cos(a) + 0.5 * rng.normal()) / 1.414;
    xy[2 * i + 1] = (4 * Math.sin(a) + 0.5 * rng.normal()) / 1.414;
  }
  return xy;
};

/** A 4 × 4 checkerboard on [−4, 4]² (FFJORD). */
const checkerboard: Generator = (n, rng) => {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x1 = rng.uniform() * 4 - 2;
    const x2 = rng.uniform() - (rng.uniform() < 0.5 ? 0 : 2) + (((Math.floor(x1) % 2) + 2) % 2);
    xy[2 * i] = 2 * x1;
    xy[2 * i + 1] = 2 * x2;
  }
  return xy;
};

/** Five spiral arms: radial std 0.3, tangential std 0.1, rate 0.25, times 2 (FFJORD). */
const pinwheel: Generator = (n, rng) => {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const f0 = 1 + 0.3 * rng.normal();
    const f1 = 0.1 * rng.normal();
    const a = (2 * Math.PI * (i % 5)) / 5 + 0.25 * Math.exp(f0);
    xy[2 * i] = 2 * (f0 * Math.cos(a) + f1 * Math.sin(a));
    xy[2 * i + 1] = 2 * (-f0 * Math.sin(a) + f1 * Math.cos(a));
  }
  return shuffleRows(xy, rng);
};

const generators: Record<DatasetName, Generator> = {
  moons,
  circles,
  swissroll,
  '8gaussians': eightGaussians,
  checkerboard,
  pinwheel,
};

/** ml-matrix, loaded on first use: only d > 2 needs it, and every CLI start would pay its import. */
let mlMatrix: { Matrix: typeof Matrix; QrDecomposition: typeof QrDecomposition } | undefined;
function loadMlMatrix(): NonNullable<typeof mlMatrix> {
  mlMatrix ??= createRequire(import.meta.url)('ml-matrix') as NonNullable<typeof mlMatrix>;
  return mlMatrix;
}

/** A Haar-random rotation of R^d: Q of the QR of a Gaussian matrix, columns signed by diag(R) > 0. */
export function randomRotation(d: number, rng: Rng): Matrix {
  const { Matrix, QrDecomposition } = loadMlMatrix();
  const g = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) g.set(i, j, rng.normal());
  const qr = new QrDecomposition(g);
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  for (let j = 0; j < d; j++) {
    if (r.get(j, j) < 0) for (let i = 0; i < d; i++) q.set(i, j, -q.get(i, j));
  }
  return q;
}

export interface DatasetOptions {
  n: number;
  dim?: number;
}

/** Check a data set request. @throws OdeforgeError for an unknown name, n < 1 or dim < 2 */
export function checkDataset(name: string, options: DatasetOptions): asserts name is DatasetName {
  if (!(datasetNames as readonly string[]).includes(name)) {
    throw new OdeforgeError(`unknown data set "${name}"`, {}, `use one of ${datasetNames.join(', ')}`);
  }
  if (!Number.isInteger(options.n) || options.n < 1)
    throw new OdeforgeError(`the number of points must be a positive integer, got ${options.n}`);
  if (options.n > limits.points)
    throw new OdeforgeError(`${options.n} points is above the limit of ${limits.points} points`);
  const dim = options.dim ?? 2;
  if (!Number.isInteger(dim) || dim < 2) throw new OdeforgeError(`toy data sets have dimension 2 or more, got ${dim}`);
  if (dim > limits.datasetDimension) {
    throw new OdeforgeError(
      `toy data sets have dimension at most ${limits.datasetDimension} (the limit: their random rotation costs d³), got ${dim}`,
    );
  }
  if (options.n * dim > limits.values)
    throw new OdeforgeError(`${options.n} × ${dim} values is above the limit of ${limits.values} values`);
}

/**
 * n points of a toy data set, flat n × dim. `points` draws the 2-D points, `rotation` the rotation for dim > 2
 * (separate generators, so the rotation depends only on the seed and dim).
 */
export function toyDataset(name: DatasetName, options: DatasetOptions, points: Rng, rotation: Rng): Float64Array {
  const xy = generators[name](options.n, points);
  const d = options.dim ?? 2;
  if (d === 2) return xy;
  const q = randomRotation(d, rotation);
  const out = new Float64Array(options.n * d);
  for (let i = 0; i < options.n; i++) {
    const a = xy[2 * i]!;
    const b = xy[2 * i + 1]!;
    // padded point (a, b, 0, …, 0) turned by Q: x_k = Q_k0 a + Q_k1 b.
    for (let k = 0; k < d; k++) out[i * d + k] = q.get(k, 0) * a + q.get(k, 1) * b;
  }
  return out;
}

/**
 * n points of the toy data set `name` in `dim` dimensions (default 2), fixed by `seed` (default 0).
 * @example dataset('8gaussians', { n: 512, seed: 1 }) // Float64Array of 512 × 2
 * @throws OdeforgeError for an unknown name, n < 1, dim < 2, or n or dim above the limits
 */
export function dataset(name: string, options: DatasetOptions & { seed?: number }): Float64Array {
  checkDataset(name, options);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new OdeforgeError(`the seed must be a non-negative integer, got ${seed}`);
  // Two independent streams of the seed: the points, and the rotation (so it depends on seed and dim only).
  return toyDataset(name, options, sampleStream(seed, 0), sampleStream(seed, 1));
}
