// Sliced 2-Wasserstein distance: SW2² = mean over L random unit directions θ of W2²(θ·x, θ·y), the exact 1-D
// distance between the projected sets (sorted quantile coupling, any sizes). Directions are normalized standard
// normal vectors (uniform on the sphere) from one seeded stream, so a seed fixes the value.
import { createRng } from '../numeric/rng.js';
import type { PointSet } from './points.js';
import { sortedW2Squared } from './wasserstein.js';

/** L unit directions in R^d, flat L × d. */
export function randomDirections(count: number, dim: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const directions = new Float64Array(count * dim);
  for (let l = 0; l < count; l++) {
    let norm = 0;
    // a zero vector has probability 0, but a draw of one is redrawn rather than divided by
    while (!(norm > 0)) {
      norm = 0;
      for (let k = 0; k < dim; k++) {
        const g = rng.normal();
        directions[l * dim + k] = g;
        norm += g * g;
      }
    }
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < dim; k++) directions[l * dim + k] = directions[l * dim + k]! * scale;
  }
  return directions;
}

/** θ · row i of `set`, for every row, sorted. */
function sortedProjection(set: PointSet, directions: Float64Array, l: number): Float64Array {
  const d = set.dim;
  const out = new Float64Array(set.rows);
  for (let i = 0; i < set.rows; i++) {
    let dot = 0;
    for (let k = 0; k < d; k++) dot += set.data[i * d + k]! * directions[l * d + k]!;
    out[i] = dot;
  }
  return out.sort();
}

/** √(mean over `projections` seeded directions of the 1-D W2² of the projections). */
export function slicedWasserstein2(x: PointSet, y: PointSet, projections: number, seed: number): number {
  const directions = randomDirections(projections, x.dim, seed);
  let sum = 0;
  for (let l = 0; l < projections; l++) {
    sum += sortedW2Squared(sortedProjection(x, directions, l), sortedProjection(y, directions, l));
  }
  return Math.sqrt(sum / projections);
}
