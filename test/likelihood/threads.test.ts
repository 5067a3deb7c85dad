// likelihood() (the Promise API with threads) against likelihoodSync(): the same rows bit for bit, progress
// to the last point, and a bad thread count refused. From TypeScript sources there is no compiled worker, so
// these run on the calling thread; test/cli/logp.e2e.test.ts runs 1 against 2 threads from the bundle.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { OdeforgeError } from '../../src/errors.js';
import { dataset } from '../../src/io/datasets.js';
import { likelihood, likelihoodSync, likelihoodWorkersAvailable } from '../../src/likelihood/index.js';
import { example } from '../helpers.js';

const data = dataset('8gaussians', { n: 32, dim: 2, seed: 1 });
const points = dataset('8gaussians', { n: 12, dim: 2, seed: 9 });

describe('likelihood (async)', () => {
  it('from sources: no worker file, one thread', () => {
    expect(likelihoodWorkersAvailable()).toBe(false);
  });

  it('the rows of likelihoodSync, bit for bit, whatever the thread count asked', async () => {
    const design = loadDesign(example('pfgm.yaml'));
    const sync = likelihoodSync(design, { data, points });
    for (const threads of [undefined, 1, 2]) {
      const result = await likelihood(design, { data, points, threads });
      expect(result.rows).toEqual(sync.rows);
      expect(Object.is(result.meanLogp, sync.meanLogp)).toBe(true);
      expect(result.stats.threads).toBe(1);
    }
  });

  it('progress reaches every point once, in order', async () => {
    const design = loadDesign(example('ve.yaml'));
    const seen: number[] = [];
    await likelihood(design, { data, points, onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) / 12));
  });

  it('a thread count that is not a positive integer is an OdeforgeError', async () => {
    const design = loadDesign(example('ve.yaml'));
    for (const threads of [0, 1.5, -1]) {
      await expect(likelihood(design, { data, points, threads })).rejects.toThrow(OdeforgeError);
    }
  });
});
