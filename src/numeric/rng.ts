// Counter-based random numbers (Philox4x32-10, Salmon et al., SC'11): one reproducible stream per sample.
// Must not keep global state or read the clock: the same (seed, index) always yields the same numbers, in any order.

/** A source of random numbers; implemented here by seeded, counter-based Philox streams. */
export interface Rng {
  /** Uniform on the open interval (0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** High 32 bits of the 64-bit product of two uint32: a = aHi·2^16 + aLo keeps every partial product exact in float64. */
function mulhi32(a: number, b: number): number {
  const low = (a & 0xffff) * b;
  const high = (a >>> 16) * b;
  // a·b = high·2^16 + low = ⌊high/2^16⌋·2^32 + (high mod 2^16)·2^16 + low
  return (Math.floor(high / 65536) + Math.floor(((high % 65536) * 65536 + low) / TWO_POW_32)) >>> 0;
}

/**
 * Philox4x32-10 block function: ten rounds of (c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)),
 * with the key bumped by the Weyl constants (W0, W1) between rounds. Writes the four output words into `out`.
 */
function philoxBlock(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulhi32(PHILOX_M0, c0);
    const lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulhi32(PHILOX_M1, c2);
    const lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/**
 * Philox4x32-10 of one counter under one key, as four uint32 words (the Random123 reference function).
 * @example philox4x32([0, 0, 0, 0], [0, 0]) // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32(
  counter: readonly [number, number, number, number],
  key: readonly [number, number],
): [number, number, number, number] {
  const out = new Uint32Array(4);
  philoxBlock(counter[0] >>> 0, counter[1] >>> 0, counter[2] >>> 0, counter[3] >>> 0, key[0] >>> 0, key[1] >>> 0, out);
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}

/** A seeded stream: the project's Rng plus a bulk fill. */
export type SampleStream = Rng & { uniforms(out: Float64Array): void };

/** A stream of Philox blocks: counter (block lo, block hi, stream lo, stream hi) under key (seed lo, seed hi). */
export class PhiloxStream implements SampleStream {
  private readonly words = new Uint32Array(4);
  private position = 4;
  private blockLo = 0;
  private blockHi = 0;
  private spareNormal = 0;
  private hasSpare = false;

  /** Key = the 53-bit seed split in two words; stream id = the two high counter words. */
  constructor(
    private readonly seedLo: number,
    private readonly seedHi: number,
    private readonly streamLo: number,
    private readonly streamHi: number,
  ) {}

  /** Uniform on the open interval (0, 1) with 53 random bits: k·2^{−53}, k ∈ [1, 2^53), k = 0 redrawn. */
  uniform(): number {
    for (;;) {
      const k = (this.nextWord() >>> 5) * 67108864 + (this.nextWord() >>> 6);
      if (k !== 0) return k * TWO_POW_MINUS_53;
    }
  }

  /** Standard normal by Box–Muller: r = √(−2 log u1), θ = 2π u2 give r cos θ now and r sin θ on the next call. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }

  /** Fills `out` with uniforms on (0, 1), the same values as out.length calls of uniform(). */
  uniforms(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
  }

  /** The next 32-bit word; a new block every four words, with a 64-bit block counter (2^66 words per stream). */
  private nextWord(): number {
    if (this.position === 4) {
      philoxBlock(this.blockLo, this.blockHi, this.streamLo, this.streamHi, this.seedLo, this.seedHi, this.words);
      this.blockLo = (this.blockLo + 1) >>> 0;
      if (this.blockLo === 0) this.blockHi = (this.blockHi + 1) >>> 0;
      this.position = 0;
    }
    return this.words[this.position++]!;
  }
}

/** Splits a non-negative safe integer into its low and high 32-bit words. */
function splitWords(value: number, what: string): [number, number] {
  if (!Number.isInteger(value) || value < 0 || value > MAX_SAFE) {
    throw new Error(`${what} must be an integer in [0, 2^53 − 1], got ${value}`);
  }
  return [value % TWO_POW_32, Math.floor(value / TWO_POW_32)];
}

/**
 * The stream of sample number `index` under `seed`: key = seed, counter = (block, index), so streams of
 * different indices never overlap (2^64 blocks each) and each sample's numbers do not depend on how many
 * other samples are drawn or in what order.
 * @throws Error if seed or index is not an integer in [0, 2^53 − 1].
 */
export function sampleStream(seed: number, index: number): SampleStream {
  const [seedLo, seedHi] = splitWords(seed, 'seed');
  const [indexLo, indexHi] = splitWords(index, 'sample index');
  return new PhiloxStream(seedLo, seedHi, indexLo, indexHi);
}

/**
 * One general-purpose stream for `seed`, distinct from every sampleStream(seed, index): its stream id is
 * 2^64 − 1, which no index below 2^53 reaches.
 */
export function createRng(seed: number): SampleStream {
  const [seedLo, seedHi] = splitWords(seed, 'seed');
  return new PhiloxStream(seedLo, seedHi, 0xffffffff, 0xffffffff);
}
