import type { Rng } from '../design/types.js';
/**
 * Philox4x32-10 of one counter under one key, as four uint32 words (the Random123 reference function).
 * @example philox4x32([0, 0, 0, 0], [0, 0]) // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export declare function philox4x32(counter: readonly [number, number, number, number], key: readonly [number, number]): [number, number, number, number];
/** A seeded stream: the project's Rng plus a bulk fill. */
export type SampleStream = Rng & {
    uniforms(out: Float64Array): void;
};
/** A stream of Philox blocks: counter (block lo, block hi, stream lo, stream hi) under key (seed lo, seed hi). */
export declare class PhiloxStream implements SampleStream {
    private readonly seedLo;
    private readonly seedHi;
    private readonly streamLo;
    private readonly streamHi;
    private readonly words;
    private position;
    private blockLo;
    private blockHi;
    private spareNormal;
    private hasSpare;
    /** Key = the 53-bit seed split in two words; stream id = the two high counter words. */
    constructor(seedLo: number, seedHi: number, streamLo: number, streamHi: number);
    /** Uniform on the open interval (0, 1) with 53 random bits: k·2^{−53}, k ∈ [1, 2^53), k = 0 redrawn. */
    uniform(): number;
    /** Standard normal by Box–Muller: r = √(−2 log u1), θ = 2π u2 give r cos θ now and r sin θ on the next call. */
    normal(): number;
    /** Fills `out` with uniforms on (0, 1), the same values as out.length calls of uniform(). */
    uniforms(out: Float64Array): void;
    /** The next 32-bit word; a new block every four words, with a 64-bit block counter (2^66 words per stream). */
    private nextWord;
}
/**
 * The stream of sample number `index` under `seed`: key = seed, counter = (block, index), so streams of
 * different indices never overlap (2^64 blocks each) and each sample's numbers do not depend on how many
 * other samples are drawn or in what order.
 * @throws Error if seed or index is not an integer in [0, 2^53 − 1].
 */
export declare function sampleStream(seed: number, index: number): SampleStream;
/**
 * One general-purpose stream for `seed`, distinct from every sampleStream(seed, index): its stream id is
 * 2^64 − 1, which no index below 2^53 reaches.
 */
export declare function createRng(seed: number): SampleStream;
