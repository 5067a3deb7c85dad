// Prior draws with one random stream per sample: sample i's starting point depends only on (seed, i), so a
// run gives the same bytes whatever its batch size, thread count or sharding.
import type { Design } from '../design/types.js';
import { sampleStream } from '../numeric/rng.js';

/** Starting points of samples start..start+count−1, flat count × d: sample i from sampleStream(seed, i). */
export function priorSamples(
  design: Pick<Design, 'prior' | 'dimension'>,
  seed: number,
  start: number,
  count: number,
): Float64Array {
  const d = design.dimension;
  const out = new Float64Array(count * d);
  for (let i = 0; i < count; i++) out.set(design.prior.sample(1, sampleStream(seed, start + i)), i * d);
  return out;
}
