import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadDesign } from '../../src/design/index.js';
import { verifyDesign } from '../../src/verify/index.js';
import { example, exampleFiles } from '../helpers.js';

const bankDir = new URL('../fixtures/verify-bad/', import.meta.url).pathname;
const bank = readdirSync(bankDir).filter((f) => f.endsWith('.yaml')).sort();
it('seeds', () => {
  const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
  for (const seed of seeds) {
    for (const f of exampleFiles) {
      const r = verifyDesign(loadDesign(example(f)), { seed });
      const failed = r.properties.filter((p) => !p.passed);
      if (failed.length) console.log(`EX seed=${seed} ${f} FAILED ${failed.map((p) => p.name + ' ' + JSON.stringify(p.counterexample)).join(' | ')}`);
    }
    for (const f of bank) {
      const r = verifyDesign(loadDesign(bankDir + f), { seed });
      console.log(`BANK seed=${seed} ${f} -> ${r.properties.filter((p) => !p.passed).map((p) => p.name).join(',')}`);
    }
  }
}, 3600000);
