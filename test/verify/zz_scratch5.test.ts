import { it } from 'vitest';
import { sampleStream } from '../../src/numeric/rng.js';
import { ksTest } from '../../src/numeric/ks.js';
import { gammaP } from '../../src/numeric/special.js';

it('rng', () => {
  for (const d of [1, 2, 3, 4]) {
    const ps: number[] = [];
    for (let stream = 0; stream < 2000; stream++) {
      const rng = sampleStream(20240601, stream);
      const radii = Array.from({ length: 500 }, () => { let s = 0; for (let j = 0; j < d; j++) s += rng.normal() ** 2; return s; });
      ps.push(ksTest(radii, (x) => gammaP(d / 2, x / 2)).pValue);
    }
    ps.sort((a, b) => a - b);
    const below = (a: number) => ps.filter((p) => p < a).length;
    console.log(`d=${d} min=${ps[0]} <1e-3: ${below(1e-3)} <1e-2: ${below(1e-2)} <0.1: ${below(0.1)} <0.5: ${below(0.5)} (of 2000)`);
  }
}, 600000);
