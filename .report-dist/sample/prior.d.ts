import type { Design } from '../design/types.js';
/** Starting points of samples start..start+count−1, flat count × d: sample i from sampleStream(seed, i). */
export declare function priorSamples(design: Pick<Design, 'prior' | 'dimension'>, seed: number, start: number, count: number): Float64Array;
