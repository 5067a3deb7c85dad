import { sampleStream } from '../numeric/rng.js';
/** Starting points of samples start..start+count−1, flat count × d: sample i from sampleStream(seed, i). */
export function priorSamples(design, seed, start, count) {
    const d = design.dimension;
    const out = new Float64Array(count * d);
    for (let i = 0; i < count; i++)
        out.set(design.prior.sample(1, sampleStream(seed, start + i)), i * d);
    return out;
}
