import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ksTest } from '../../src/numeric/ks.js';
import { createRng, philox4x32, sampleStream } from '../../src/numeric/rng.js';
import { normalCdf } from '../../src/numeric/special.js';

/** Philox4x32-10 written independently with BigInt arithmetic (Salmon et al. 2011, §3.3). */
function philoxReference(counter: readonly number[], key: readonly number[]): number[] {
  const mask = 0xffffffffn;
  let [c0, c1, c2, c3] = counter.map(BigInt) as [bigint, bigint, bigint, bigint];
  let [k0, k1] = key.map(BigInt) as [bigint, bigint];
  for (let round = 0; round < 10; round++) {
    const p0 = 0xd2511f53n * c0;
    const p1 = 0xcd9e8d57n * c2;
    [c0, c1, c2, c3] = [((p1 >> 32n) ^ c1 ^ k0) & mask, p1 & mask, ((p0 >> 32n) ^ c3 ^ k1) & mask, p0 & mask];
    k0 = (k0 + 0x9e3779b9n) & mask;
    k1 = (k1 + 0xbb67ae85n) & mask;
  }
  return [c0, c1, c2, c3].map(Number);
}

function draws(stream: { uniform(): number }, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = stream.uniform();
  return out;
}

describe('philox4x32', () => {
  it('reproduces the Random123 known-answer vectors for Philox4x32-10', () => {
    expect(philox4x32([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])).toEqual([
      0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd,
    ]);
    expect(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([
      0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1,
    ]);
  });

  it('agrees with a BigInt implementation on random counters and keys', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.tuple(word, word, word, word), fc.tuple(word, word), (counter, key) => {
        expect(philox4x32(counter, key)).toEqual(philoxReference(counter, key));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });
});

describe('sampleStream and createRng', () => {
  it('are reproducible: the same (seed, index) gives the same uniforms and normals', () => {
    const a = sampleStream(42, 7);
    const b = sampleStream(42, 7);
    for (let i = 0; i < 1000; i++) {
      expect(a.uniform()).toBe(b.uniform());
      expect(a.normal()).toBe(b.normal());
    }
    expect(draws(createRng(9), 100)).toEqual(draws(createRng(9), 100));
  });

  it('give different streams for different seeds, indices, and for createRng', () => {
    const first = (s: { uniform(): number }): number[] => Array.from(draws(s, 4));
    const base = first(sampleStream(1, 0));
    expect(first(sampleStream(2, 0))).not.toEqual(base);
    expect(first(sampleStream(1, 1))).not.toEqual(base);
    expect(first(sampleStream(2 ** 32, 0))).not.toEqual(base); // the seed's high word counts
    expect(first(sampleStream(1, 2 ** 32))).not.toEqual(base);
    expect(first(createRng(1))).not.toEqual(base);
    expect(first(createRng(1))).not.toEqual(first(sampleStream(1, Number.MAX_SAFE_INTEGER)));
  });

  it('fills a buffer with the same numbers as successive uniform() calls', () => {
    const out = new Float64Array(37);
    sampleStream(5, 3).uniforms(out);
    expect(out).toEqual(draws(sampleStream(5, 3), 37));
  });

  it('draws uniforms strictly inside (0, 1) with 53 random bits', () => {
    const u = draws(sampleStream(123, 0), 100_000);
    let min = 1;
    let max = 0;
    let offGrid = 0;
    let lowBitsUsed = 0;
    for (const x of u) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      const k = x * 2 ** 53;
      if (!Number.isInteger(k)) offGrid++;
      if (k % 2 ** 21 !== 0) lowBitsUsed++;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(offGrid).toBe(0); // every value is k·2^{−53}
    expect(lowBitsUsed).toBeGreaterThan(99_000); // the second 32-bit word fills the low bits
  });

  it('passes a KS test for uniformity, within one stream and across the first draw of 10^4 streams', () => {
    expect(ksTest(draws(sampleStream(2024, 0), 20_000), (x) => x).pValue).toBeGreaterThan(0.01);
    const firsts = new Float64Array(10_000);
    for (let i = 0; i < firsts.length; i++) firsts[i] = sampleStream(2024, i).uniform();
    expect(ksTest(firsts, (x) => x).pValue).toBeGreaterThan(0.01);
  });

  it('draws normals with mean 0 and variance 1 within 5 standard errors over 10^5 draws, and passes KS', () => {
    const n = 100_000;
    const rng = createRng(31337);
    const z = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      z[i] = rng.normal();
      sum += z[i]!;
    }
    const mean = sum / n;
    let squares = 0;
    for (const x of z) squares += (x - mean) ** 2;
    const variance = squares / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(ksTest(z.subarray(0, 20_000), normalCdf).pValue).toBeGreaterThan(0.01);
  });

  it('rejects seeds and indices that are not integers in [0, 2^53 − 1]', () => {
    expect(() => sampleStream(-1, 0)).toThrow(/seed/);
    expect(() => sampleStream(1.5, 0)).toThrow(/seed/);
    expect(() => sampleStream(1, 2 ** 53)).toThrow(/sample index/);
    expect(() => createRng(NaN)).toThrow(/seed/);
  });
});
